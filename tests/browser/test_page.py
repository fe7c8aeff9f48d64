"""What a person sees: the real page in Chromium, with the internet blocked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import choose, expand, map_frame, wait_idle, wait_markers

pytestmark = pytest.mark.browser
# The default (latest) view: the 31 sites of the 2019 archive and the 13 added since 2019.
ALL_SITES = 44


def _ready(page, url: str) -> None:
    page.goto(url)
    page.get_by_text(re.compile(rf"of {ALL_SITES} sites|个站点")).first.wait_for(timeout=60_000)


def _readback(page) -> str:
    return page.locator("#readback").inner_text()


def test_page_draws_every_site_offline(server, watched, tmp_path):
    page = watched.page
    _ready(page, server.url)
    wait_markers(page, ALL_SITES)
    frame = map_frame(page)
    assert frame.locator(".gba-legend").is_visible()
    assert frame.locator("path.leaflet-interactive").count() >= 5  # extents and the link
    # The basemap (fetched after the sites are drawn) sits in a pane below the sites, so
    # opaque land never covers an extent.
    frame.locator(".leaflet-gba-basemap-pane path").first.wait_for(state="attached")
    assert frame.locator(".leaflet-gba-basemap-pane path").count() >= 50
    # Uncertainty circles are the only non-interactive paths the sites draw there.
    assert frame.locator(".leaflet-overlay-pane path.gba-uncertainty").count() >= 5
    assert frame.locator(".leaflet-overlay-pane path:not(.leaflet-interactive):not(.gba-uncertainty)").count() == 0
    z = page.evaluate("""() => { const d = document.querySelector('iframe[title="streamlit_folium.st_folium"]')
                                      .contentDocument;
        const z = (sel) => Number(getComputedStyle(d.querySelector(sel)).zIndex);
        return [z('.leaflet-gba-basemap-pane'), z('.leaflet-overlay-pane')]; }""")
    assert z[0] < z[1], z
    page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    assert (tmp_path / "page.png").stat().st_size > 10_000
    assert not watched.off_machine(), watched.blocked
    assert not watched.console_errors, watched.console_errors


def test_category_filter_changes_what_is_drawn_without_redrawing_the_map(server, watched):
    page = watched.page
    _ready(page, server.url)
    wait_markers(page, ALL_SITES)
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    # Mark the live map document: if filtering tore the map down, the mark would be gone.
    page.evaluate("""() => { document.querySelector('iframe[title="streamlit_folium.st_folium"]')
                              .contentWindow.__gbaProbe = 42; }""")
    choose(page, "Category", "Checkpoint")
    page.keyboard.press("Escape")
    wait_markers(page, 11)
    page.wait_for_function("() => location.search.includes('category=checkpoint')")
    assert _readback(page) == "11 of 44 sites: checkpoints"
    probe = page.evaluate("""() => document.querySelector('iframe[title="streamlit_folium.st_folium"]')
                               .contentWindow.__gbaProbe""")
    assert probe == 42
    assert frame.locator(".leaflet-control-layers").count() == 1
    assert not watched.console_errors, watched.console_errors


def test_share_link_restores_filters_and_selection(server, watched):
    page = watched.page
    _ready(page, f"{server.url}/?category=facility&city=Dongguan&site=csns&metric=investment_cny_bn")
    wait_markers(page, 7)  # csns, the materials laboratory and five facilities added since 2019
    assert _readback(page) == "7 of 44 sites: facilities in Dongguan"
    assert page.get_by_role("heading", name="China Spallation Neutron Source (CSNS)").is_visible()
    assert map_frame(page).locator(".gba-selected").count() == 1
    assert "site=csns" in page.url and "category=facility" in page.url
    assert not watched.off_machine()


def test_lang_zh_shows_chinese_names(server, watched, tmp_path):
    page = watched.page
    _ready(page, f"{server.url}/?lang=zh&site=csns")
    wait_markers(page, ALL_SITES)
    assert page.get_by_role("heading", name="粤港澳大湾区科学城建设").is_visible()
    assert page.get_by_role("heading", name="中国散裂中子源").is_visible()
    frame = map_frame(page)
    assert "图例" in frame.locator(".gba-legend").inner_text()
    frame.locator(".gba-selected").hover()
    tooltip = frame.locator(".leaflet-tooltip").first
    tooltip.wait_for()
    assert tooltip.inner_text().startswith("中国散裂中子源")
    page.screenshot(path=str(tmp_path / "zh.png"))
    assert not watched.console_errors, watched.console_errors


def test_clicking_a_site_selects_it(server, watched):
    page = watched.page
    _ready(page, f"{server.url}/?category=ai_park")
    wait_markers(page, 1)
    wait_idle(page)
    heading = page.get_by_role("heading", name="Daya Bay AI Industrial Park")
    # A person clicks again if the first click lands while the component is still
    # reporting its first render; two clicks without a selection is a failure.
    for _ in range(2):
        map_frame(page).locator(".gba-symbol").first.click()
        try:
            heading.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            continue
    assert heading.is_visible()
    page.wait_for_function("() => location.search.includes('site=daya-bay-ai-park')")
    assert not watched.console_errors, watched.console_errors


def test_bad_link_shows_a_warning_not_a_traceback(server, watched):
    page = watched.page
    _ready(page, f"{server.url}/?category=spaceport&area=abc&site=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    wait_markers(page, ALL_SITES)
    body = page.locator("body").inner_text()
    assert "unknown value 'spaceport'" in body and "'area'" in body and "'site'" in body
    assert "Traceback" not in body
    assert not watched.dialogs


def test_keyboard_selects_a_site(server, watched):
    """Site symbols are focusable; Enter on one selects it, as a click does."""
    page = watched.page
    _ready(page, f"{server.url}/?category=checkpoint&city=Zhuhai")
    wait_markers(page, 3)
    wait_idle(page)
    symbol = map_frame(page).locator(".gba-symbol").first
    assert symbol.get_attribute("tabindex") == "0"
    symbol.focus()
    symbol.press("Enter")
    page.wait_for_function("() => location.search.includes('site=')", timeout=20_000)


def test_100k_synthetic_points_draw_as_aggregated_cells(server, watched):
    page = watched.page
    _ready(page, server.url)
    wait_markers(page, ALL_SITES)
    wait_idle(page)
    expand(page, "Your own layer")
    choose(page, "…or a synthetic test layer", "synthetic, 100,000 points (not real data)")
    page.get_by_text("What lies near each site").wait_for(timeout=60_000)
    page.wait_for_function(
        """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
                   return f && f.contentDocument &&
                          f.contentDocument.querySelectorAll('path.leaflet-interactive').length > 300; }""",
        timeout=60_000,
    )
    paths = map_frame(page).locator("path.leaflet-interactive").count()
    assert paths < 2_100  # hexagons, not 100,000 shapes
    wait_markers(page, ALL_SITES)
    assert not watched.console_errors, watched.console_errors


def test_selecting_a_table_row_selects_the_site(server, watched):
    page = watched.page
    _ready(page, f"{server.url}/?category=checkpoint&city=Zhuhai")
    wait_markers(page, 3)
    wait_idle(page)
    grid = page.get_by_test_id("stDataFrame").last
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The grid is a canvas: click the first data row's selection cell (header, then row 1).
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    page.wait_for_function("() => location.search.includes('site=gongbei-port')", timeout=20_000)
    assert page.get_by_role("heading", name="Gongbei Port / Border Gate").is_visible()


def test_comparison_chart_gives_every_site_a_readable_row(server, watched, tmp_path):
    """The bars keep the height the chart asks for (a row per site) beside title, axes and legend."""
    page = watched.page
    _ready(page, f"{server.url}/?category=science_city,ai_park,facility&metric=area_km2")
    assert _readback(page).startswith("22 of 44 sites")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.locator("canvas, svg").first.wait_for(timeout=30_000)
    chart.scroll_into_view_if_needed()
    height = chart.bounding_box()["height"]
    # 22 rows of 24 px for the plot alone; title, axis and legend come on top of that.
    assert height >= 22 * 24 + 60, height
    chart.screenshot(path=str(tmp_path / "compare.png"))
    assert not watched.console_errors, watched.console_errors


def test_only_the_open_chart_tab_is_drawn_and_the_metric_survives_a_tab_switch(server, watched):
    """Lazy tabs: one chart at a time; the metric (in the Compare tab) stays in the link."""
    page = watched.page
    _ready(page, f"{server.url}/?category=science_city&metric=scientists")
    wait_idle(page)
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.first.wait_for(timeout=30_000)
    assert charts.count() == 1
    page.get_by_role("tab", name="Ratios").click()
    page.get_by_text("reports both figures of a ratio").first.wait_for(timeout=30_000)
    wait_idle(page)
    assert charts.count() <= 1
    assert page.evaluate("() => location.search").count("metric=scientists") == 1
    page.get_by_role("tab", name="Compare").click()
    page.get_by_label("Metric").wait_for(timeout=30_000)
    wait_idle(page)
    metric_box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Metric")
    inputs = metric_box.evaluate("e => [...e.querySelectorAll('input')].map(i => i.value).join()")
    shown = metric_box.inner_text() + inputs
    assert "Scientists" in shown, shown
    assert "metric=scientists" in page.evaluate("() => location.search")
