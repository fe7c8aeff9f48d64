"""The capacity generator's virtual viewer (bench/stprotocol.py) against a real server: it
opens share links, types and chooses like a reader, and reads back the same sentence a real
Chromium session shows for the same link, so the generator measures this page (issue #12)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from ..devserver import ROOT
from .conftest import wait_markers

sys.path.insert(0, str(ROOT / "bench"))
from stprotocol import Viewer

pytestmark = pytest.mark.browser

LINKS = ("", "?city=Dongguan", "?category=checkpoint&site=shenzhen-bay-port", "?lang=zh&city=Guangzhou")


@pytest.mark.parametrize("link", LINKS)
def test_a_virtual_viewer_reads_back_what_chromium_shows(server, watched, link):
    viewer = Viewer(server.url)
    try:
        run = viewer.open(link)
    finally:
        viewer.close()
    assert run.finished and run.messages > 10
    page = watched.page
    page.goto(server.url + "/" + link)
    page.locator("#readback").wait_for(timeout=60_000)
    wait_markers(page, int(re.search(r"\d+", viewer.readback).group()))  # the page has drawn this view
    assert page.locator("#readback").inner_text() == viewer.readback


def test_a_virtual_viewer_acts_like_a_reader(server):
    viewer = Viewer(server.url)
    try:
        opened = viewer.open("?city=Dongguan")
        assert viewer.readback == "9 of 44 sites: all sites in Dongguan"
        typed = viewer.type_text("f_q", "lab")
        assert viewer.readback == "1 of 44 sites: all sites in Dongguan, matching “lab”"
        viewer.choose("f_category", ["facility"])
        assert viewer.readback == "1 of 44 sites: facilities in Dongguan, matching “lab”"
        cleared = viewer.type_text("f_q", "")
        assert viewer.readback == "7 of 44 sites: facilities in Dongguan"
    finally:
        viewer.close()
    # a filter change reruns the map panel's fragment only: far less than opening the page
    assert typed.finished and cleared.finished and typed.bytes < opened.bytes
    assert viewer.fragment_of[viewer.widget_ids["f_q"]]  # the search box lives in the fragment


def test_the_capacity_generator_runs_a_small_room(server, tmp_path):
    """``bench/capacity.py`` end to end: three viewers, one of them slow, memory read."""
    out = tmp_path / "capacity.json"
    # fmt: off
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "capacity.py"), "--url", server.url, "--pid", str(server.process.pid),
         "--sessions", "3", "--arrival-s", "1", "--active", "2", "--duration-s", "4", "--slow", "1",
         "--rss-every", "1", "--settle-s", "0.5", "--out", str(out)],
        check=True, timeout=240, capture_output=True,
    )
    # fmt: on
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["errors"] == 0 and result["sessions_rendered"] == 3 and result["slow_viewers"] == 1
    assert result["first_render_p95_s"] > 0
    assert result["cpu_ms_per_rerun"] > 0 if result["reruns"] else result["cpu_ms_per_rerun"] is None
    for key in ("rss_start_mb", "rss_peak_mb", "rss_after_mb", "rss_after_ttl_mb"):
        assert 50 < result[key] < 2_000, (key, result[key])
    assert len(result["rss_curve_mb"]) >= 3 and result["server_processes"] == 1
