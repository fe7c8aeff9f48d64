"""A map a room can read (issue #26): what a person sees of the map's controls, legend,
layers and fit, in Chromium against a real server."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from .conftest import LOCAL_PREFIXES, open_view

pytestmark = pytest.mark.browser

CONTROLS = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const corner = f && f.contentDocument && f.contentDocument.querySelector('.leaflet-top.leaflet-left');
    if (!corner || !corner.querySelector('.leaflet-control-measure')
        || !corner.querySelector('.leaflet-control-zoom-fullscreen')) return null;
    return [...corner.children].map(c =>
        c.classList.contains('leaflet-control-zoom') ? 'zoom'
        : c.classList.contains('gba-fit') ? 'fit'
        : c.querySelector('.leaflet-control-zoom-fullscreen') ? 'fullscreen'
        : c.classList.contains('leaflet-control-measure') ? 'measure' : c.className);
}"""


def test_the_map_controls_keep_one_order_over_loads_whichever_script_arrives_first(browser, server):
    """Full screen's script is held back on the second load until Measure's has run, so
    Measure's arrives first: the order must not follow the network."""
    orders = []
    for slow in (False, True):
        held: list = []
        with _offline_page(browser, 1440, 900, route=_router(slow, held)) as page:
            open_view(page, f"{server.url}/?category=checkpoint", 11)
            if slow:
                page.wait_for_function(MEASURE_LOADED, timeout=30_000)
                assert held, "the full-screen script was requested"
                for r in held:
                    r.continue_()
            orders.append(page.wait_for_function(CONTROLS, timeout=30_000).json_value())
    assert orders[0] == orders[1] == ["zoom", "fit", "fullscreen", "measure"], orders


@contextmanager
def _offline_page(browser, width: int, height: int, *, route=None):
    """A page of ``width`` x ``height`` whose requests off this machine are refused (no tile
    server answers: the offline basemap stays), closed with its context."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.route("**/*", route or _router(False, []))
    try:
        yield page
    finally:
        context.close()


def _router(slow: bool, held: list):
    # A handler of one parameter: Playwright passes the request too to one that takes two.
    def route(r):
        url = r.request.url
        if not url.startswith(LOCAL_PREFIXES):
            r.abort()
        elif slow and "Control.FullScreen.js" in url:
            held.append(r)  # answered by the test, from its own thread, once Measure has loaded
        else:
            r.continue_()

    return route


MEASURE_LOADED = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const w = f && f.contentWindow;
    return !!(w && w.L && w.L.Control && w.L.Control.Measure);
}"""


MAP_VIEW = """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const m = f && f.contentWindow && f.contentWindow.map_div;
    if (!m) return null;
    const b = m.getBounds();
    return {zoom: m.getZoom(), south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast()}; }"""
# Dongguan's sites' extent (data/sites.geojson), the science city's circle inside it.
DONGGUAN = {"south": 22.91, "west": 113.88, "north": 22.92, "east": 113.96}


def _settled_view(page):
    """The map's view once no zoom or pan animation runs."""
    page.wait_for_function(
        """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
                   const d = f && f.contentDocument;
                   return d && !d.querySelector('.leaflet-zoom-anim') && !d.querySelector('.leaflet-pan-anim'); }""",
        timeout=10_000,
    )
    return page.evaluate(MAP_VIEW)


def test_a_sidebar_filter_refits_the_map_and_a_readers_own_view_is_kept(browser, server):
    from .conftest import choose, wait_markers

    with _offline_page(browser, 1440, 900) as page:
        open_view(page, f"{server.url}/", 44)
        before = _settled_view(page)
        choose(page, "City", "Dongguan")
        wait_markers(page, 9)
        page.wait_for_function(f"() => ({MAP_VIEW})().zoom > {before['zoom']}", timeout=15_000)
        after = _settled_view(page)
        assert after["zoom"] > before["zoom"], (before, after)
        for side in ("south", "west"):
            assert after[side] <= DONGGUAN[side], (side, after)
        for side in ("north", "east"):
            assert after[side] >= DONGGUAN[side], (side, after)
        # The reader zooms out by hand: the next filter change keeps their view.
        frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
        frame.locator(".leaflet-control-zoom-out").click()
        page.wait_for_function(f"() => ({MAP_VIEW})().zoom === {after['zoom'] - 1}", timeout=10_000)
        mine = _settled_view(page)
        choose(page, "City", "Huizhou")
        wait_markers(page, 10)
        assert _settled_view(page) == mine


LEGEND_ROWS = """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const box = f && f.contentDocument && f.contentDocument.querySelector('.gba-legend');
    if (!box) return null;
    return [...box.querySelectorAll('.gba-legend-row')].filter(r => r.offsetParent !== null)
        .map(r => r.dataset.category || r.dataset.mark); }"""


def test_the_legend_lists_only_what_the_map_shows_and_folds(browser, server):
    from .conftest import choose, wait_markers

    with _offline_page(browser, 1440, 900) as page:
        open_view(page, f"{server.url}/?category=checkpoint", 11)
        # Liantang opened for passengers since 2019: the changed mark is shown, the new one is not.
        page.wait_for_function(f"() => ({LEGEND_ROWS})().join() === 'checkpoint,changed'")
        choose(page, "Category", "AI park")
        wait_markers(page, 12)
        page.wait_for_function(f"() => ({LEGEND_ROWS})().join() === 'ai_park,checkpoint,changed'")
        frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
        toggle = frame.get_by_role("button", name="Hide the legend")
        toggle.click()
        assert frame.get_by_role("button", name="Show the legend").get_attribute("aria-expanded") == "false"
        assert page.evaluate(LEGEND_ROWS) == []


COVER = """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const d = f && f.contentDocument;
    const map = d && d.querySelector('#map_div');
    if (!map || !d.querySelector('.gba-legend')) return null;
    const m = map.getBoundingClientRect();
    const area = (sel) => [...d.querySelectorAll(sel)].filter(e => e.offsetParent !== null)
        .map(e => e.getBoundingClientRect()).reduce((s, r) => s + r.width * r.height, 0);
    return {legend: area('.gba-legend'), credits: area('.leaflet-control-attribution') + area('.gba-credits-toggle'),
            map: m.width * m.height}; }"""


@pytest.mark.parametrize("link", ["", "?present=1&scene=1", "?present=1&scene=2"])
def test_the_legend_and_the_credits_cover_at_most_15_percent_of_the_map_at_1280x720(browser, server, link):
    with _offline_page(browser, 1280, 720) as page:
        page.goto(f"{server.url}/{link}")
        page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator(".gba-symbol").first.wait_for(
            timeout=60_000
        )
        page.wait_for_function(f"() => ({COVER})() !== null", timeout=30_000)
        cover = page.evaluate(COVER)
        share = (cover["legend"] + cover["credits"]) / cover["map"]
        assert share <= 0.15, (link, cover, round(share, 3))


NOTE = """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const n = f && f.contentDocument && f.contentDocument.querySelector('.gba-basemap-note');
    return n ? {shown: n.offsetParent !== null, text: n.textContent} : null; }"""


@pytest.mark.parametrize(
    ("link", "shown", "words"),
    [
        ("?present=1&scene=2", True, "Streets need online tiles (setting GBA_DASH_TILES)"),
        ("?present=1&scene=2&lang=zh", True, "街道需要在线瓦片（设置 GBA_DASH_TILES）"),
        ("", False, "Streets need online tiles"),
    ],
)
def test_the_offline_basemap_says_at_city_zoom_that_streets_need_online_tiles(browser, server, link, shown, words):
    with _offline_page(browser, 1280, 720) as page:  # no tile server answers: the offline basemap stays
        page.goto(f"{server.url}/{link}")
        page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator(".gba-symbol").first.wait_for(
            timeout=60_000
        )
        page.wait_for_function(f"() => ({NOTE})() !== null", timeout=30_000)
        note = page.evaluate(NOTE)
        assert note["shown"] is shown and words in note["text"], note
