"""A map a room can read (issue #26): what a person sees of the map's controls, legend,
layers and fit, in Chromium against a real server."""

from __future__ import annotations

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
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        page = context.new_page()
        held: list = []
        page.route("**/*", _router(slow, held))
        try:
            open_view(page, f"{server.url}/?category=checkpoint", 11)
            if slow:
                page.wait_for_function(MEASURE_LOADED, timeout=30_000)
                assert held, "the full-screen script was requested"
                for r in held:
                    r.continue_()
            orders.append(page.wait_for_function(CONTROLS, timeout=30_000).json_value())
        finally:
            context.close()
    assert orders[0] == orders[1] == ["zoom", "fit", "fullscreen", "measure"], orders


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
