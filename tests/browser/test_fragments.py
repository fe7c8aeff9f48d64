"""A filter change reruns the map panel first: the map and read-back update before the charts."""

from __future__ import annotations

import time

import pytest

from .conftest import choose, map_frame, start_test_app, wait_first_view, wait_idle, wait_markers

pytestmark = pytest.mark.browser
DELAY_S = 4.0


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory):
    d = tmp_path_factory.mktemp("slow")
    s = start_test_app("slow_charts_app.py", d, {"GBA_TEST_CHART_DELAY_S": str(DELAY_S)})
    yield s
    s.stop()


def _script_state(page) -> str:
    return page.evaluate("() => document.querySelector('[data-testid=\"stApp\"]').dataset.testScriptState")


def test_filter_change_updates_map_and_readback_before_the_charts(slow_server, watched):
    page = watched.page
    page.goto(slow_server.url)
    page.locator("#readback").wait_for(timeout=60_000)
    wait_markers(page, 44)
    # The first view's panels (and their slow charts) follow the map in a run of their own:
    # a change is measured on the page once they are in.
    wait_first_view(page)
    captions = page.locator('[data-testid="stCaptionContainer"]')
    before = captions.all_inner_texts()
    choose(page, "Category", "Checkpoint")
    t0 = time.monotonic()
    wait_markers(page, 11, timeout=30_000)
    page.wait_for_function(
        "() => document.querySelector('#readback').innerText === '11 of 44 sites: checkpoints'", timeout=10_000
    )
    elapsed = time.monotonic() - t0
    # The charts sleep DELAY_S before they are rebuilt: the map and read-back came first.
    assert elapsed < DELAY_S, elapsed
    assert _script_state(page) == "running"
    assert map_frame(page).locator(".leaflet-control-layers").count() == 1
    wait_idle(page, timeout=60_000)
    assert page.evaluate("() => location.search") == "?category=checkpoint"
    assert captions.all_inner_texts() != before  # the charts (their captions) followed
    assert not watched.console_errors, watched.console_errors


# The page notes, at every animation frame, when it first shows the map's first site symbol
# (inside the map's frame, which the same server serves), its chart tabs and table, and the
# sidebar's filters (and the map frame's width then: the sidebar is there from the start).
_FIRST_SEEN = """
(() => {
  if (window.top !== window) return;
  const marks = {};
  window.__gbaFirst = marks;
  const look = () => {
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = frame && frame.contentDocument;
    if (!("symbol" in marks) && doc && doc.querySelector(".gba-symbol")) {
      marks.symbol = performance.now();
      marks.width_at_symbol = frame.getBoundingClientRect().width;
      marks.sidebar_at_symbol = (document.querySelector('[data-testid="stSidebar"]') || {}).innerText || "";
    }
    if (!("tabs" in marks) && document.querySelector('[data-testid="stTabs"]')) marks.tabs = performance.now();
    if (!("table" in marks) && document.querySelector('[data-testid="stDataFrame"]')) marks.table = performance.now();
    if (!("controls" in marks) && document.querySelector('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')) {
      marks.controls = performance.now();
      marks.width_at_controls = frame ? frame.getBoundingClientRect().width : -1;
    }
    if (!["symbol", "tabs", "table", "controls"].every(k => k in marks)) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();
"""
_ALL_SEEN = '() => window.__gbaFirst && ["symbol", "tabs", "table", "controls"].every(k => k in window.__gbaFirst)'


def test_a_share_link_draws_the_map_before_the_panels_below_it(server, browser):
    """On opening, the sidebar's controls and the charts, table and downloads wait until the
    map has drawn its symbols (gba_dash/ui/first_view.py), then follow without the reader
    doing anything, with the link's values; the map does not move when the controls come."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(_FIRST_SEEN)
    page = context.new_page()
    try:
        page.goto(f"{server.url}/?city=Dongguan&site=csns")
        page.wait_for_function(_ALL_SEEN, timeout=60_000)
        marks = page.evaluate("() => window.__gbaFirst")
        assert marks["symbol"] < marks["tabs"] and marks["symbol"] < marks["table"], marks
        assert marks["symbol"] < marks["controls"], marks
        assert "The filters and settings follow once the map has drawn" in marks["sidebar_at_symbol"], marks
        assert marks["width_at_symbol"] == marks["width_at_controls"], marks
        city = page.get_by_role("combobox", name="City")
        assert "Dongguan" in city.locator("xpath=ancestor::*[@data-testid='stMultiSelect']").inner_text()
        assert page.get_by_role("radiogroup", name="Language").get_by_role("radio", name="English").is_checked()
        # Later runs send everything at once: a filter change keeps the panels on the page.
        wait_idle(page)
        choose(page, "Category", "Checkpoint")
        wait_idle(page)
        assert page.locator('[data-testid="stTabs"]').count() == 1
        assert page.locator('[data-testid="stDataFrame"]').count() == 1
    finally:
        context.close()


def test_a_link_that_shows_no_site_still_gets_its_panels_at_once(server, browser):
    """With no site to draw, the map alone is the first view: the panels do not wait."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{server.url}/?q=no-site-has-this-name")
        map_frame(page).locator(".leaflet-container").wait_for(timeout=60_000)
        t0 = time.monotonic()
        page.locator('[data-testid="stTabs"]').wait_for(timeout=30_000)
        # Well inside the watcher's 4 s limit: it fired because the map had drawn.
        assert time.monotonic() - t0 < 3.0
        assert page.locator("#readback").inner_text().startswith("0 of 44 sites")
    finally:
        context.close()


def test_the_panels_come_even_if_the_map_cannot_draw(server, browser):
    """Leaflet's script refused: no map, yet the charts and table arrive (after the
    watcher's limit)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/static/leaflet/leaflet.js", lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(f"{server.url}/?city=Dongguan")
        page.locator("#readback").wait_for(timeout=60_000)
        # Meanwhile the panels' place says what is coming, as a status.
        note = page.get_by_role("status").filter(has_text="The charts, table and downloads follow")
        note.wait_for(timeout=30_000)
        page.locator('[data-testid="stTabs"]').wait_for(timeout=30_000)
        assert note.count() == 0  # gone with the watcher
        page.locator('[data-testid="stDataFrame"]').wait_for(timeout=30_000)
        assert map_frame(page).locator(".gba-symbol").count() == 0
    finally:
        context.close()
