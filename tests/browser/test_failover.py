"""A server that dies mid-talk: the page reconnects to its replacement with the same view,
and the reader's next change takes effect (issue #12's "first change undone" defect)."""

from __future__ import annotations

import re
import signal
from urllib.parse import parse_qs, urlparse

import pytest

from ..devserver import ROOT, start_server, wait_idle
from .conftest import wait_markers

pytestmark = pytest.mark.browser


def _readback(page) -> str:
    return page.locator("#readback").inner_text()


def test_after_a_restart_the_view_returns_and_the_first_change_takes_effect(watched, tmp_path):
    page = watched.page
    launcher = "gba_dash.ui.launch"
    server = start_server(ROOT / "app.py", tmp_path, launcher=launcher)
    port = urlparse(server.url).port
    try:
        page.goto(f"{server.url}/?city=Dongguan&lang=en")
        wait_markers(page, 9)
        wait_idle(page)
        assert _readback(page) == "9 of 44 sites: all sites in Dongguan"
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=10)
        server = start_server(ROOT / "app.py", tmp_path, port=port, launcher=launcher)
        # The page reconnects by itself (no reload) and shows the same view.
        page.wait_for_function("() => document.querySelector('#readback') !== null", timeout=60_000)
        wait_markers(page, 9, timeout=60_000)
        wait_idle(page)
        assert _readback(page) == "9 of 44 sites: all sites in Dongguan"
        # The first change after the reconnect is not undone.
        box = page.get_by_label("Search names (English or Chinese)")
        box.fill("lab")
        box.press("Enter")
        page.wait_for_function(
            """() => (document.querySelector('#readback') || {}).innerText
                     === '1 of 44 sites: all sites in Dongguan, matching “lab”'""",
            timeout=30_000,
        )
        assert box.input_value() == "lab"
        page.wait_for_function("() => location.search.includes('q=lab')", timeout=30_000)
        assert parse_qs(urlparse(page.url).query)["city"] == ["Dongguan"]
    finally:
        server.stop()
    assert re.search(r"q=lab", page.url)
