"""deploy/: nginx in front of two replicas on loopback, with sticky websocket sessions."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import urllib.request

import pytest

from ..devserver import ROOT, wait_until
from .conftest import wait_markers

pytestmark = pytest.mark.browser


def _free_triple() -> int:
    for base in range(23600, 24600, 7):
        ok = True
        for p in (base, base + 1, base + 2):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", p))
                except OSError:
                    ok = False
        if ok:
            return base
    raise RuntimeError("no free ports")


def start_deploy(log_path) -> tuple[subprocess.Popen, str, int]:
    """``deploy/run.sh`` on free ports: (its process, the proxy URL, the proxy port), once
    nginx answers; skipped without nginx (a failure in CI, which must install it)."""
    if not shutil.which("nginx"):
        if os.environ.get("CI"):
            pytest.fail("nginx is missing in CI: .ci/run must install Debian's nginx")
        pytest.skip("nginx not installed (apt-get install nginx)")
    port = _free_triple()
    proc = subprocess.Popen(
        ["bash", str(ROOT / "deploy" / "run.sh"), str(port)],
        stdout=subprocess.PIPE,
        stderr=log_path.open("w"),
        text=True,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    line = proc.stdout.readline().strip()  # run.sh prints the URL once nginx answers
    assert line == url, line
    wait_until(lambda: _get(f"{url}/_stcore/health")[0] == 200, timeout=30, what="proxy health")
    return proc, url, port


def stop_deploy(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    proc, url, _ = start_deploy(tmp_path_factory.mktemp("deploy") / "run.log")
    try:
        yield url
    finally:
        stop_deploy(proc)


def _get(url: str, cookie: str | None = None) -> tuple[int, dict, str]:
    req = urllib.request.Request(url, headers={"Cookie": f"gba_route={cookie}"} if cookie else {})
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, dict(r.headers), r.read().decode(errors="replace")
    except OSError:
        return 0, {}, ""


def test_health_check_through_the_proxy(proxy):
    status, headers, body = _get(f"{proxy}/_stcore/health")
    assert status == 200 and body.strip() == "ok"
    assert headers["X-GBA-Upstream"].startswith("127.0.0.1:")


def test_sessions_are_sticky_and_both_replicas_serve(proxy):
    status, headers, _ = _get(f"{proxy}/")
    assert status == 200
    cookie = headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
    upstreams = {_get(f"{proxy}/", cookie)[1]["X-GBA-Upstream"] for _ in range(5)}
    assert len(upstreams) == 1  # the same browser always reaches the same replica
    spread = {_get(f"{proxy}/", f"route-{i}")[1]["X-GBA-Upstream"] for i in range(24)}
    assert len(spread) == 2  # different browsers are spread over both


def test_page_works_through_the_proxy(proxy, watched):
    page = watched.page
    page.goto(proxy)
    page.locator("#readback").wait_for(timeout=60_000)
    wait_markers(page, 44)  # the websocket upgraded through nginx: the app ran and drew the map
    assert not watched.console_errors, watched.console_errors
