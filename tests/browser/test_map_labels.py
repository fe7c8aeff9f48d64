"""The map reads on its own: place names and site names as text, offline (issue #9)."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from gba_dash.read.fields import GBA_CITIES

from .conftest import map_frame, visible_texts, wait_idle, wait_markers
from .test_map_layout import settled_audit

pytestmark = pytest.mark.browser

CITIES_EN = GBA_CITIES  # the eleven cities, as the field table names them
MAJOR_EN = (
    "Nansha Science City",
    "Guangming Science City",
    "Dongguan Neutron Science City (Songshan Lake)",
    "Cuiheng Science City",
    "Daya Bay AI Industrial Park",
)


def test_city_and_science_city_names_show_without_hovering(server, watched, tmp_path):
    page = watched.page
    page.goto(server.url)
    wait_markers(page, 44)
    frame = map_frame(page)
    frame.locator(".gba-place-1").first.wait_for(timeout=30_000)
    settled_audit(page)  # the names placed (gba-layout.js)
    cities = {t.strip().title() for t in visible_texts(page, ".gba-place-1")}  # CSS upper-cases them
    assert len(cities & {c.title() for c in CITIES_EN}) >= 8, cities
    assert set(visible_texts(page, ".gba-site-label-major")) == set(MAJOR_EN)
    # Names sit in panes under the symbols and never take a click.
    z = page.evaluate("""() => { const d = document.querySelector('iframe[title="streamlit_folium.st_folium"]')
                                      .contentDocument;
        const s = (sel) => getComputedStyle(d.querySelector(sel));
        return [Number(s('.leaflet-gba-places-pane').zIndex), Number(s('.leaflet-marker-pane').zIndex),
                s('.leaflet-gba-places-pane').pointerEvents, s('.leaflet-gba-site-labels-pane').pointerEvents]; }""")
    assert z[0] < z[1] and z[2] == "none" and z[3] == "none", z
    credits = frame.locator(".leaflet-control-attribution").inner_text()
    assert "GeoNames (CC BY 4.0)" in credits and "Natural Earth" in credits
    page.screenshot(path=str(tmp_path / "labels.png"))
    assert not watched.off_machine() and not watched.console_errors


@pytest.mark.parametrize(
    ("lang", "cities", "site"),
    [
        # Where checkpoints crowd (Shenzhen's border, Macao) a city's name gives way at the
        # overview and shows from the next zoom: these four have room.
        ("zh", {"广州", "东莞", "江门", "香港"}, "南沙科学城"),
        ("zh-Hant", {"廣州", "東莞", "江門", "香港"}, "南沙科學城"),
    ],
)
def test_names_follow_the_language(server, watched, lang, cities, site, tmp_path):
    page = watched.page
    page.goto(f"{server.url}/?lang={lang}")
    wait_markers(page, 44)
    map_frame(page).locator(".gba-place-1").first.wait_for(timeout=30_000)
    settled_audit(page)
    assert cities <= set(visible_texts(page, ".gba-place-1"))
    assert site in visible_texts(page, ".gba-site-label-major")
    page.screenshot(path=str(tmp_path / f"labels-{lang}.png"))


def test_a_name_with_no_room_appears_once_the_reader_zooms_in_to_it(server, watched):
    """Checkpoints only: the names that do not fit at the opening zoom are hidden, not
    overprinted (gba-layout.js); zoomed in on one, its name shows."""
    page = watched.page
    page.goto(f"{server.url}/?category=checkpoint")
    wait_markers(page, 11)
    settled_audit(page)
    hidden = map_frame(page).locator(".gba-site-label.gba-label-off span").all_text_contents()
    assert hidden, "at the opening zoom some checkpoints' names have no room"
    page.evaluate(
        """([name]) => { const w = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
            const m = w.map_div; let at = null;
            m._gbaGroups().forEach(g => g.eachLayer(l => {
                if (l._gbaLabel && l.getElement() && l.getElement().textContent === name) at = l.getLatLng(); }));
            m.setView(at, 15, {animate: false}); }""",
        [hidden[0]],
    )
    assert hidden[0] in settled_audit(page)["shown"]


def _zoom(page) -> int:
    return page.evaluate(
        "() => document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]').contentWindow.map_div.getZoom()"
    )


def test_a_filtered_link_opens_zoomed_to_its_sites_and_the_fit_button_refits(server, watched):
    page = watched.page
    page.goto(f"{server.url}/?city=Dongguan")
    wait_markers(page, 9)  # 4 archive sites, 5 added since 2019
    page.wait_for_function(
        "() => document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]').contentWindow.map_div"
        ".getZoom() >= 11",
        timeout=20_000,
    )
    wait_idle(page)
    opened = _zoom(page)
    frame = map_frame(page)
    # A click that lands while the opening fit is still animating is swallowed by the
    # animation; a person clicks again, and so does this (at most three times).
    for attempt in range(3):
        frame.locator(".leaflet-control-zoom-out").click()
        try:
            page.wait_for_function(
                f"() => document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]')"
                f".contentWindow.map_div.getZoom() < {opened}",
                timeout=5_000,
            )
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    frame.get_by_role("button", name="Zoom to shown sites").click()
    page.wait_for_function(
        "() => document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]')"
        ".contentWindow.map_div.getZoom() >= 11",
        timeout=10_000,
    )
    assert not watched.console_errors, watched.console_errors


def test_fullscreen_and_measure_controls_are_served_locally_and_work(server, watched):
    page = watched.page
    page.goto(server.url)
    wait_markers(page, 44)
    wait_idle(page)
    frame = map_frame(page)
    # Measure: two clicks on the map give a distance in kilometres.
    frame.locator(".leaflet-control-measure-toggle").hover(
        force=True
    )  # Playwright's stability wait never settles on this control
    frame.locator(".js-start").click(force=True)
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    # two points in the empty north-east of the view (no site symbol there to take the click)
    x, y = box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.15
    page.mouse.click(x, y)
    page.mouse.click(x - 150, y)
    frame.locator(".js-finish").click(force=True)
    result = frame.locator(".leaflet-popup-content").first
    result.wait_for(timeout=10_000)
    assert "Kilometers" in result.inner_text() or " km" in result.inner_text(), result.inner_text()
    # Fullscreen, for a presenter: the map takes the screen (the API, or the plugin's CSS fallback).
    full = frame.locator(".leaflet-control-zoom-fullscreen")
    assert full.get_attribute("title") == "Full screen"
    full.click()
    page.wait_for_function(
        """() => { const d = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentDocument;
                   const c = d.querySelector('.leaflet-container');
                   return !!d.fullscreenElement || c.classList.contains('leaflet-pseudo-fullscreen')
                          || c.classList.contains('leaflet-fullscreen-on'); }""",
        timeout=10_000,
    )
    assert not watched.off_machine() and not watched.console_errors, (watched.blocked, watched.console_errors)
