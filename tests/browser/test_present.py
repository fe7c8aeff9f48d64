"""Presenter mode in the browser: Next and the arrow keys move through the tour; the URL follows."""

from __future__ import annotations

import pytest

from .conftest import wait_first_view, wait_idle, wait_markers

pytestmark = pytest.mark.browser


def _scene_title(page) -> str:
    return page.locator("#scene-title").inner_text()


def _wait_buttons(page) -> None:
    wait_idle(page)
    for name in ("Previous", "Next"):
        page.get_by_role("button", name=name).wait_for(timeout=30_000)


def test_next_moves_to_scene_two_and_reload_keeps_it(server, watched, tmp_path):
    page = watched.page
    page.goto(f"{server.url}/?present=1")
    page.locator("#scene-title").wait_for(timeout=60_000)
    assert _scene_title(page) == "Four science cities, side by side"
    page.locator('[data-testid="stSidebar"]').wait_for(state="hidden", timeout=10_000)
    wait_markers(page, 4)
    wait_idle(page)
    page.get_by_role("button", name="Next").click()
    page.wait_for_function("() => location.search.includes('scene=2')", timeout=30_000)
    page.get_by_text("Dongguan: the neutron source and the materials lab").wait_for()
    wait_markers(page, 9)  # Dongguan in the latest view: 4 archive sites, 5 added since 2019
    page.screenshot(path=str(tmp_path / "scene2.png"))
    page.reload()
    page.locator("#scene-title").wait_for(timeout=60_000)
    assert _scene_title(page) == "Dongguan: the neutron source and the materials lab"
    assert "scene=2" in page.url and "present=1" in page.url
    assert not watched.console_errors, watched.console_errors
    assert not watched.off_machine()


def test_exit_brings_the_page_back_with_its_sidebar(server, watched):
    page = watched.page
    page.goto(f"{server.url}/?present=1&scene=2")
    page.locator("#scene-title").wait_for(timeout=60_000)
    page.locator('[data-testid="stSidebar"]').wait_for(state="hidden", timeout=10_000)
    # Once the page has settled: a click during the first view's second run was seen lost
    # once in CI (the link updated, the page not redrawn; not reproduced here in 45 tries).
    wait_first_view(page)
    page.get_by_role("button", name="Exit presenter mode").click()
    page.get_by_role("heading", name="Greater Bay Area science build-out").wait_for(timeout=30_000)
    page.locator('[data-testid="stSidebar"]').wait_for(state="visible", timeout=10_000)
    wait_idle(page)
    styles = "() => [...document.querySelectorAll('style')].filter(s => s.textContent.includes('--gba-header')).length"
    assert page.evaluate(styles) == 0
    assert "present" not in page.url


def test_arrow_keys_step_through_scenes(server, watched):
    page = watched.page
    page.goto(f"{server.url}/?present=1&scene=3")
    page.locator("#scene-title").wait_for(timeout=60_000)
    # The script can report 'not running' a moment before the page has drawn what it sent;
    # the shortcuts belong to the buttons, so wait for them as a person waits to see them.
    _wait_buttons(page)
    page.locator("#scene-title").click()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('scene=4')", timeout=30_000)
    page.get_by_text("Nansha's marine science").wait_for()
    _wait_buttons(page)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => location.search.includes('scene=3')", timeout=30_000)


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_whole_map_fits_a_projector_screen_in_every_scene(server, browser, width, height, tmp_path):
    """The room sees the whole map: at 1280x720 and 1920x1080 the map frame lies inside the
    screen, for every scene of the bundled tour, in English and Chinese."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    page = context.new_page()
    try:
        for lang in ("en", "zh"):
            page.goto(f"{server.url}/?present=1&scene=1&lang={lang}")
            page.locator("#scene-title").wait_for(timeout=60_000)
            for number in range(1, 8):
                if number > 1:
                    wait_idle(page)
                    page.get_by_role("button", name="Next" if lang == "en" else "下一场景").click()
                    page.wait_for_function(f"() => location.search.includes('scene={number}')", timeout=30_000)
                wait_idle(page)
                # The frame's rectangle, read once the map inside has taken the frame's height.
                box = page.wait_for_function(
                    """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
                               const c = f && f.contentDocument && f.contentDocument.querySelector('#map_div');
                               if (!c || f.clientHeight < 10
                                   || Math.abs(c.getBoundingClientRect().height - f.clientHeight) >= 2) return false;
                               const r = f.getBoundingClientRect();
                               return {y: r.top, height: r.height}; }""",
                    timeout=30_000,
                ).json_value()
                title = _scene_title(page)
                # The presenter style is an element of the page, not of Streamlit's event
                # container, where it was once seen missing from a drawn scene.
                where = page.evaluate(
                    """() => [...document.querySelectorAll('style')]
                             .filter(s => s.textContent.includes('--gba-header'))
                             .map(s => s.closest('[data-testid="stMain"]') ? 'main' : 'elsewhere')"""
                )
                assert where == ["main"], (lang, number, where)
                assert box["y"] >= 0 and box["y"] + box["height"] <= height, (lang, number, title, box)
                assert box["height"] >= 0.6 * height, (lang, number, title, box)  # the map, not a strip
        page.screenshot(path=str(tmp_path / f"present-{width}.png"))
    finally:
        context.close()


def test_fullscreen_keeps_the_scene_title_on_the_map(server, watched):
    page = watched.page
    page.goto(f"{server.url}/?present=1&scene=2")
    page.locator("#scene-title").wait_for(timeout=60_000)
    wait_markers(page, 9)
    wait_idle(page)
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    caption = frame.locator(".gba-scene-title")
    assert caption.text_content() == "Dongguan: the neutron source and the materials lab"
    assert not caption.is_visible()  # the page's own heading shows it outside fullscreen
    frame.locator(".leaflet-control-zoom-fullscreen").click()
    caption.wait_for(state="visible", timeout=10_000)
    assert not watched.console_errors, watched.console_errors


def _scene_is(page, number: int) -> None:
    page.wait_for_function(f"() => location.search.includes('scene={number}')", timeout=30_000)
    wait_idle(page)


def test_a_clickers_keys_work_after_a_click_in_the_map_frame_and_in_full_screen(server, browser):
    """PageDown, →, End, Home and PageUp move between scenes with focus in the map's frame
    (where a click on the map leaves it), and in the map's full screen; the buttons read
    "← Previous" and "Next →"."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(f"{server.url}/?present=1&scene=2")
        page.locator("#scene-title").wait_for(timeout=60_000)
        wait_markers(page, 9)
        _wait_buttons(page)
        assert page.get_by_role("button", name="Next").inner_text().strip() == "Next →"
        assert page.get_by_role("button", name="Previous").inner_text().strip() == "← Previous"
        frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
        frame.locator("#map_div").click(position={"x": 40, "y": 300})  # the map, not a symbol
        assert page.evaluate("() => document.activeElement.tagName") == "IFRAME"
        page.keyboard.press("PageDown")
        _scene_is(page, 3)
        frame.locator("#map_div").click(position={"x": 40, "y": 300})
        page.keyboard.press("ArrowRight")
        _scene_is(page, 4)
        page.keyboard.press("End")
        _scene_is(page, 7)
        page.keyboard.press("Home")
        _scene_is(page, 1)
        frame.locator(".leaflet-control-zoom-fullscreen").click()
        page.wait_for_function(
            """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
                       return !!(f && f.contentDocument && f.contentDocument.fullscreenElement); }""",
            timeout=10_000,
        )
        frame.locator("#map_div").click(position={"x": 40, "y": 300})  # the presenter clicks the map in it
        page.keyboard.press("PageDown")
        _scene_is(page, 2)
        page.keyboard.press("PageUp")
        _scene_is(page, 1)
    finally:
        context.close()


def test_the_projected_screen_holds_the_note_and_one_chart_not_the_details(server, browser):
    """At 1280x720, in every scene: the scene's chart beside the map lies wholly on the
    screen, and neither the site drop-down nor the figure list is shown."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(f"{server.url}/?present=1&scene=1")
        page.locator("#scene-title").wait_for(timeout=60_000)
        for number in range(1, 8):
            if number > 1:
                wait_idle(page)
                page.get_by_role("button", name="Next").click()
                page.wait_for_function(f"() => location.search.includes('scene={number}')", timeout=30_000)
            wait_idle(page)
            chart = page.locator('[data-testid="stColumn"] [data-testid="stVegaLiteChart"]').first
            chart.wait_for(timeout=30_000)
            box = chart.bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= 720, (number, box)
            assert page.locator('[data-testid="stColumn"] [data-testid="stVegaLiteChart"]').count() == 1
            assert not page.get_by_label("Selected site").first.is_visible(), number
            assert not page.get_by_text("Location:").first.is_visible(), number
    finally:
        context.close()


# Every name on a scene chart's site axis, and how many of them Vega left visible (it hides
# labels that outgrow their rows by setting their opacity to 0).
_AXIS_NAMES = """() => {
    const c = document.querySelector('[data-testid="stColumn"] [data-testid="stVegaLiteChart"]');
    const axis = c && [...c.querySelectorAll('g.role-axis')]
        .find(a => (a.getAttribute('aria-label') || '').startsWith('Y-axis'));
    if (!axis) return null;
    const texts = [...axis.querySelectorAll('.role-axis-label text')];
    return {all: texts.length,
            shown: texts.filter(t => t.getAttribute('opacity') !== '0' && getComputedStyle(t).opacity !== '0').length};
}"""


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_scene_chart_names_every_site_it_compares(server, browser, width, height):
    """On the projected screen every bar of the scene's chart has its site's name: the names
    keep their size when presenter mode enlarges the page's font on a wide screen (at
    1920x1080 they once outgrew their rows and Vega dropped every other one)."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    page = context.new_page()
    try:
        for number in range(1, 8):
            page.goto(f"{server.url}/?present=1&scene={number}")
            page.locator('[data-testid="stColumn"] [data-testid="stVegaLiteChart"]').first.wait_for(timeout=60_000)
            wait_idle(page)
            names = page.wait_for_function(
                f"() => {{ const n = ({_AXIS_NAMES})(); return n && n.all > 0 && n; }}", timeout=30_000
            ).json_value()
            assert names["shown"] == names["all"], (width, number, names)
    finally:
        context.close()
