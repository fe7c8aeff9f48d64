"""Hostile uploads through a real page: ``python bench/hostile_uploads.py`` (issue #25).

Starts ``streamlit run app.py`` and Chromium, opens ten protocol-level viewers
(``stprotocol.Viewer``) that keep searching, and uploads each hostile file of
``tests/hostile_files.py`` (generated here, at the sizes seen taking the server down) into
*Your own layer* or *Your own figures*. While each upload is handled it records:

- the time from the upload to the page's message;
- ``/_stcore/health`` latency, polled four times a second (the worst);
- the peak resident memory of the server's process tree (its reader workers included),
  above the server's idle size before the first upload;
- the other viewers' rerun p95 over the same window.

Then an ordinary 1,000-row CSV and a 100,000-point GeoParquet are uploaded and timed until
the page shows them. Prints a table and, with ``--json FILE``, writes the figures.
``--root DIR`` runs the server from another checkout (a worktree of an earlier commit:
before/after); ``--only NAME`` runs the named rows alone (``--only ordinary``).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from stprotocol import WORDS, Viewer  # noqa: E402

from tests import hostile_files  # noqa: E402
from tests.devserver import CHROMIUM, CHROMIUM_ARGS, expand, start_server  # noqa: E402

TARGETS = {"message_s": 10.0, "health_s": 1.0, "memory_mb": 1024.0, "p95_s": 1.0}
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
MESSAGES = {"layer": "Your layer was not loaded", "figures": "Your figures were not loaded"}


def tree_pids(root: int) -> list[int]:
    """``root`` and every process below it (from /proc: children of any of its threads)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def tree_rss(root: int) -> int:
    total = 0
    for pid in tree_pids(root):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


class Sampler:
    """Health latency four times a second and the tree's RSS ten times a second, in threads."""

    def __init__(self, url: str, pid: int) -> None:
        self.url, self.pid = url, pid
        self.health: list[tuple[float, float]] = []  # (time, latency)
        self.rss: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=f, daemon=True) for f in (self._poll_health, self._poll_rss)]

    def _poll_health(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=60) as r:
                    r.read()
            except OSError:
                pass
            self.health.append((started, time.monotonic() - started))
            self._stop.wait(0.25)

    def _poll_rss(self) -> None:
        while not self._stop.is_set():
            self.rss.append((time.monotonic(), tree_rss(self.pid)))
            self._stop.wait(0.1)

    def start(self) -> None:
        for t in self._threads:
            t.start()

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(65)

    def window(self, t0: float, t1: float) -> tuple[float, int]:
        health = [lat for t, lat in self.health if t0 <= t <= t1 or (t < t0 and t + lat > t0)]
        rss = [r for t, r in self.rss if t0 <= t <= t1]
        return (max(health) if health else float("nan"), max(rss) if rss else 0)


class Viewers:
    """Ten protocol-level viewers, each searching in a loop; their reruns, timestamped."""

    def __init__(self, url: str, count: int = 10) -> None:
        self.url, self.count = url, count
        self.runs: list[tuple[float, float]] = []  # (end time, seconds)
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._act, args=(i,), daemon=True) for i in range(count)]

    def _act(self, i: int) -> None:
        rng = random.Random(i)
        viewer = Viewer(self.url, timeout=120)
        try:
            viewer.open("")
            while not self._stop.is_set():
                run = viewer.type_text("f_q", rng.choice(WORDS) + rng.choice(("", " ")))
                self.runs.append((time.monotonic(), run.seconds))
                self._stop.wait(rng.uniform(1.0, 3.0))  # a person reads between searches
        finally:
            viewer.close()

    def start(self) -> None:
        for t in self._threads:
            t.start()

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(130)

    def p95(self, t0: float, t1: float) -> tuple[float, int]:
        seconds = sorted(s for end, s in self.runs if t0 <= end <= t1 + 0.5 or (end > t1 and end - s < t1))
        if not seconds:
            return float("nan"), 0
        return seconds[min(len(seconds) - 1, int(0.95 * len(seconds)))], len(seconds)


def _wait_map(page, timeout: float = 60_000) -> None:
    page.wait_for_function(
        f"""() => {{ const f = document.querySelector('{IFRAME}');
                 return !!(f && f.contentDocument && f.contentDocument.querySelector('.gba-symbol')); }}""",
        timeout=timeout,
    )


def upload(browser, url: str, path: Path, *, panel: str, wait_text: str, timeout: float) -> tuple[float, float]:
    """Open the page, upload ``path`` into the panel's uploader, and return when the upload
    started and the seconds until ``wait_text`` shows (a message, or what a loaded layer
    shows). The page's own opening is not in the window: a visit is not an upload."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(url)
        _wait_map(page)
        expand(page, "Your own layer")
        inputs = page.locator("[data-testid='stFileUploaderDropzone'] input[type=file]")
        started = time.monotonic()
        inputs.nth(0 if panel == "layer" else 1).set_input_files(str(path))
        page.get_by_text(wait_text, exact=False).first.wait_for(timeout=timeout * 1000)
        took = time.monotonic() - started
        _wait_map(page, timeout=10_000)  # the map is still there
        return started, took
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose app.py is served")
    parser.add_argument(
        "--only", action="append", help="run only these rows (a name of hostile_files.ALL, or 'ordinary')"
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for one page's answer")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    rows = [k for k in hostile_files.ALL if not args.only or k in args.only]
    ordinary = not args.only or "ordinary" in args.only
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="gba-hostile-bench-") as tmp:
        tmp_path = Path(tmp)
        server = start_server(args.root / "app.py", tmp_path, cwd=args.root)
        pid = server.process.pid
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                # One page load first, so the idle size includes what every visit loads.
                upload_free = browser.new_page()
                upload_free.goto(server.url)
                _wait_map(upload_free)
                upload_free.close()
                time.sleep(1.0)  # let the first run's garbage settle before the idle reading
                idle = tree_rss(pid)
                sampler = Sampler(server.url, pid)
                viewers = Viewers(server.url)
                sampler.start()
                viewers.start()
                try:
                    time.sleep(5.0)  # the viewers open their pages
                    # The viewers alone first: what their reruns take with no upload at all.
                    q0 = time.monotonic()
                    time.sleep(10.0)
                    q1 = time.monotonic()
                    results["no upload (viewers only)"] = window(sampler, viewers, idle, q0, q1, "", 0, loaded_s=0.0)
                    print(_row("no upload (viewers only)", results["no upload (viewers only)"]), flush=True)
                    for name in rows:
                        make, panel = hostile_files.ALL[name]
                        filename, data = make()
                        path = tmp_path / filename
                        path.write_bytes(data)
                        t0 = time.monotonic()
                        try:
                            t0, took = upload(
                                browser, server.url, path, panel=panel, wait_text=MESSAGES[panel], timeout=args.timeout
                            )
                        except Exception as exc:  # the page never answered: that is the figure
                            took = float("inf")
                            print(f"{name}: no message ({type(exc).__name__})", file=sys.stderr)
                        t1 = time.monotonic() + 0.5
                        time.sleep(0.5)
                        results[name] = window(
                            sampler, viewers, idle, t0, t1, filename, len(data), message_s=round(took, 2)
                        )
                        print(_row(name, results[name]), flush=True)
                    if ordinary:
                        for name, (filename, data, wait_text) in _ordinary().items():
                            path = tmp_path / filename
                            path.write_bytes(data)
                            t0, took = upload(
                                browser, server.url, path, panel="layer", wait_text=wait_text, timeout=120
                            )
                            t1 = time.monotonic()
                            results[name] = window(
                                sampler, viewers, idle, t0, t1, filename, len(data), loaded_s=round(took, 2)
                            )
                            print(_row(name, results[name]), flush=True)
                finally:
                    viewers.stop()
                    sampler.stop()
                    browser.close()
        finally:
            server.stop()
    results["_idle_mb"] = round(idle / 2**20, 1)
    print(
        f"idle server tree: {idle / 2**20:.0f} MB; targets: message <= 10 s, health < 1 s, "
        f"memory < 1024 MB above idle, other viewers' p95 < 1 s"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    bad = [k for k, r in results.items() if not k.startswith("_") and not _ok(r)]
    print("every row: message, bounded" if not bad else f"not bounded: {', '.join(bad)}")
    return 0 if not bad else 1


def window(
    sampler: Sampler, viewers: Viewers, idle: int, t0: float, t1: float, filename: str, size: int, **answer
) -> dict:
    """One row's figures over [t0, t1]: the answer given, the worst health latency, the peak
    memory above idle and the other viewers' rerun p95."""
    health, peak = sampler.window(t0, t1)
    p95, n = viewers.p95(t0, t1)
    return {
        "file": filename,
        "bytes": size,
        **answer,
        "health_s": round(health, 3),
        "memory_mb": round(max(0, peak - idle) / 2**20, 1),
        "p95_s": round(p95, 3),
        "reruns": n,
    }


def _ordinary() -> dict[str, tuple[str, bytes, str]]:
    """The files a researcher uploads: they still load (and how long that takes)."""
    import geopandas as gpd
    import shapely

    from gba_dash.own.layer import synthetic_csv, synthetic_points

    lon, lat = synthetic_points(100_000)
    frame = gpd.GeoDataFrame({"name": [f"p{i}" for i in range(len(lon))]}, geometry=shapely.points(lon, lat), crs=4326)
    out = io.BytesIO()
    frame.to_parquet(out)
    return {
        "ordinary 1,000-row CSV": ("points.csv", synthetic_csv(1_000), "What lies near each site"),
        "ordinary 100,000-point GeoParquet": ("points.parquet", out.getvalue(), "What lies near each site"),
    }


def _ok(row: dict) -> bool:
    took = row.get("message_s", row.get("loaded_s", float("inf")))
    return (
        took <= TARGETS["message_s"]
        and row["health_s"] < TARGETS["health_s"]
        and row["memory_mb"] < TARGETS["memory_mb"]
        and not (row["p95_s"] >= TARGETS["p95_s"])
    )


def _row(name: str, r: dict) -> str:
    took = f"message {r['message_s']:.2f} s" if "message_s" in r else f"loaded {r['loaded_s']:.2f} s"
    verdict = "message, bounded" if "message_s" in r and _ok(r) else ("ok" if _ok(r) else "NOT BOUNDED")
    return (
        f"{name:36} {r['bytes']:>12,} B  {took:>16}  health max {r['health_s']:.3f} s  "
        f"memory +{r['memory_mb']:.0f} MB  viewers p95 {r['p95_s']:.3f} s ({r['reruns']} reruns)  {verdict}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
