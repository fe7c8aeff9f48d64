"""Start a real ``streamlit run`` server on loopback and wait for it: for tests, benchmarks, load runs.

Readiness is polled on ``/_stcore/health``; nothing sleeps a fixed time. Also the Chromium
settings every browser-driving script here shares (Debian's Chromium, no background
network), and a reader of a process tree's memory.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
LOCAL_PREFIXES = (
    "http://localhost",
    "http://127.0.0.1",
    "ws://localhost",
    "ws://127.0.0.1",
    "data:",
    "blob:",
    "about:",
    "file:",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, *, timeout: float = 60.0, interval: float = 0.05, what: str = "condition"):
    """Poll ``predicate`` until it returns something truthy; raise TimeoutError after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout}s waiting for {what}")


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path
    started: float

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
            return r.status == 200
    except OSError:
        return False


def start_server(
    app: Path,
    log_dir: Path,
    *,
    env: dict[str, str] | None = None,
    port: int | None = None,
    cwd: Path | None = None,
    extra_args: tuple[str, ...] = (),
    launcher: str = "streamlit",
) -> Server:
    """Run ``streamlit run app`` headless on 127.0.0.1 and return once it answers its health check.

    ``launcher``: the module run with ``-m`` (``gba_dash.ui.launch`` is Streamlit's command
    line with the reconnect fix installed at start)."""
    port = port or free_port()
    log = log_dir / f"streamlit-{port}.log"
    cmd = [
        sys.executable,
        "-m",
        launcher,
        "run",
        str(app),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *extra_args,
    ]
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd, cwd=cwd or app.parent, stdout=log.open("w"), stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
    )
    url = f"http://localhost:{port}"

    def ready() -> bool:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}: {log.read_text()[-2000:]}")
        return healthy(url)

    wait_until(ready, timeout=90, what=f"streamlit health on {url}")
    return Server(url=url, process=proc, log=log, started=started)


def rss_bytes(pid: int) -> int:
    """Resident memory of a process and its children, from /proc (Linux)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # fields[11], fields[12] are utime and stime (the 14th and 15th of stat), in clock ticks.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---- page helpers (Playwright's sync API), shared by the browser tests and bench/run.py -----


def wait_idle(page, timeout: float = 30_000) -> None:
    """Wait until the Streamlit script is not running and the websocket is connected."""
    page.wait_for_function(
        """() => { const a = document.querySelector('[data-testid="stApp"]');
                   return a && a.dataset.testScriptState === 'notRunning'
                            && a.dataset.testConnectionState === 'CONNECTED'; }""",
        timeout=timeout,
    )


# The site table: the last panel drawn once a first view's map is in (gba_dash/ui/first_view.py).
PANELS = '[data-testid="stDataFrame"]'


def wait_panels(page, timeout: float = 60_000) -> None:
    """Wait until the panels that follow a first view (charts, table, downloads) are drawn."""
    page.locator(PANELS).first.wait_for(timeout=timeout)


def wait_first_view(page, timeout: float = 60_000) -> None:
    """Wait until the page has drawn what follows its first view and its script is idle:
    the page a person sees settled."""
    wait_panels(page, timeout=timeout)
    wait_idle(page, timeout=timeout)


def expand(page, label: str, timeout: float = 30_000) -> None:
    """Open the expander titled ``label`` and wait until it has finished opening.

    Streamlit animates an expander's height for half a second with its content clipped; a
    click aimed at a button inside it during that time can land on nothing (seen as a
    download that never started). A person clicks once the panel is open, and so does this.
    """
    page.get_by_text(label, exact=True).click()
    details = page.locator("details").filter(has=page.get_by_text(label, exact=True)).last
    page.wait_for_function(
        """(d) => d.open && d.getAnimations({subtree: true})
                    .every(a => a.playState !== 'running' && a.playState !== 'pending')""",
        arg=details.element_handle(timeout=timeout),
        timeout=timeout,
    )


def choose(page, label: str, option: str, *, attempts: int = 3) -> None:
    """Pick ``option`` in the select box labelled ``label``, as a person would.

    A rerun that lands while the list is open (the map component reports its first state a
    moment after load) closes the list; a person opens it again, and so does this.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(attempts):
        wait_idle(page)
        page.get_by_label(label).first.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=5_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"could not choose {option!r} in {label!r}")
