"""Hostile data in Chromium: no dialog ever opens, and the text shows literally."""

from __future__ import annotations

import pytest

from gba_dash.dataset import load_dataset
from gba_dash.map.standalone import standalone_html
from gba_dash.publish.bundle import build_site

from ..devserver import ROOT, start_server
from ..hostile import HOSTILE_NAME, make_hostile
from .conftest import map_frame, open_view

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    return make_hostile(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def hostile_server(hostile_dir, tmp_path_factory):
    server = start_server(
        ROOT / "app.py", tmp_path_factory.mktemp("hs"), cwd=ROOT, env={"GBA_DASH_DATA": str(hostile_dir)}
    )
    yield server
    server.stop()


def test_page_shows_hostile_text_literally_and_runs_nothing(hostile_server, watched):
    page = watched.page
    open_view(page, f"{hostile_server.url}/?site=csns", 44)
    heading = page.get_by_role("heading", name=HOSTILE_NAME)
    heading.wait_for()
    assert heading.inner_text() == HOSTILE_NAME
    frame = map_frame(page)
    frame.locator(".gba-selected").hover()
    tooltip = frame.locator(".leaflet-tooltip").first
    tooltip.wait_for()
    assert "<img src=x onerror=alert(1)>" in tooltip.inner_text()
    assert "${alert(3)}" in tooltip.inner_text()
    assert frame.locator("img[src=x]").count() == 0 and page.locator("img[src=x]").count() == 0
    assert not watched.dialogs, watched.dialogs


@pytest.mark.parametrize("kind", ["map", "bundle"])
def test_exports_open_offline_with_no_dialog(hostile_dir, watched, tmp_path, kind):
    ds = load_dataset(hostile_dir)
    html = (
        standalone_html(ds.basemap, ds.sites, selected="csns")
        if kind == "map"
        else build_site(ds, tour=ds.tours["default"])
    )
    path = tmp_path / "index.html"
    path.write_text(html, encoding="utf-8")
    page = watched.page
    page.goto(path.as_uri())
    page.locator(".gba-symbol").first.wait_for(timeout=20_000)
    # Leaflet opens a tooltip on mouseover; dispatching it avoids waiting for a still frame.
    page.locator(".gba-symbol").first.dispatch_event("mouseover")
    page.locator(".leaflet-tooltip").first.wait_for()
    assert "<img src=x onerror=alert(1)>" in page.locator(".leaflet-tooltip").first.inner_text()
    if kind == "bundle":
        assert HOSTILE_NAME in page.locator("table").inner_text()
        page.get_by_role("button", name="Next →").click()
    assert page.locator("img[src=x]").count() == 0
    assert not watched.dialogs, watched.dialogs
    assert not watched.console_errors, watched.console_errors
