"""A filter change shows on the map before the server's run, and the server agrees.

The page reads the filter widgets as the reader changes them and shows or hides the sites
the map already holds (gba_dash/ui/browser/predictor.js); the server's run follows and redraws the
layers with its own result. tests/test_predict.py checks the filtering rules against
apply_filters under Node; this checks the reading of every kind of widget in a real page.
"""

from __future__ import annotations

import time

import pytest

from gba_dash.words.i18n import category_label

from .conftest import choose, map_frame, start_test_app, wait_first_view, wait_idle, wait_markers

pytestmark = pytest.mark.browser
DELAY_S = 3.0

# The page notes, at the animation frame where the map first shows ``want`` site symbols,
# what the read-back said then.
_WATCH = """
([want]) => {
  window.__seen = null;
  const look = () => {
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = frame && frame.contentDocument;
    const n = doc ? doc.querySelectorAll('.gba-symbol:not(.gba-selected)').length : -1;
    if (n === want) {
      window.__seen = {at: performance.now(), readback: document.querySelector('#readback').innerText};
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}
"""


_MOST = """
() => {
  window.__most = 0;
  const look = () => {
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = frame && frame.contentDocument;
    const n = doc ? doc.querySelectorAll('.gba-symbol:not(.gba-selected)').length : 0;
    window.__most = Math.max(window.__most, n);
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}
"""


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory):
    d = tmp_path_factory.mktemp("slowfilter")
    s = start_test_app("slow_filter_app.py", d, {"GBA_TEST_FILTER_DELAY_S": str(DELAY_S)})
    yield s
    s.stop()


def test_the_map_shows_a_filter_change_before_the_server_answers(slow_server, watched):
    page = watched.page
    page.goto(slow_server.url)
    wait_markers(page, 44, timeout=60_000)
    wait_first_view(page)
    page.evaluate(_WATCH, [11])
    choose(page, "Category", "Checkpoint")
    t0 = time.monotonic()
    page.wait_for_function("() => window.__seen", timeout=30_000)
    seen = page.evaluate("() => window.__seen")
    # The server sleeps DELAY_S before it answers: the map changed while the read-back
    # still said what the server last sent.
    assert seen["readback"] == "44 of 44 sites: all sites", seen
    assert time.monotonic() - t0 < DELAY_S
    page.wait_for_function(
        "() => document.querySelector('#readback').innerText === '11 of 44 sites: checkpoints'", timeout=30_000
    )
    wait_idle(page, timeout=30_000)
    assert map_frame(page).locator(".gba-symbol:not(.gba-selected)").count() == 11  # the server agreed
    # the layer control counts the shown sites (its names were built for the opening view)
    overlays = map_frame(page).locator(".leaflet-control-layers-overlays label").all_text_contents()
    assert "Checkpoint (11)" in [o.strip() for o in overlays] and "Facility (0)" in [o.strip() for o in overlays]
    assert not watched.console_errors, watched.console_errors


def _symbols(page) -> list[str]:
    return sorted(
        map_frame(page).locator(".gba-symbol:not(.gba-selected)").evaluate_all("els => els.map(e => e.dataset.site)")
    )


def _predicted_then_served(page, act) -> tuple[list[str], list[str]]:
    """Do ``act``; return the sites the page predicted and the sites the server then drew."""
    wait_idle(page)
    page.evaluate("() => { window.gbaPredicted = null; }")
    act()
    page.wait_for_function("() => window.gbaPredicted", timeout=10_000)
    predicted = sorted(page.evaluate("() => window.gbaPredicted.ids"))
    wait_idle(page)
    return predicted, _symbols(page)


def _thumb(page, key: str, which: int):
    """A range slider's start (0) or end (1) thumb, a hidden range input that takes the keys."""
    return page.locator(f'.st-key-{key} input[type="range"]').nth(which)


def _search(page, text: str) -> None:
    box = page.get_by_label("Search names (English or Chinese)")
    box.fill(text)
    # Streamlit takes a search text on Enter or on leaving the box, and so does the map:
    # not while the reader types.
    assert page.evaluate("() => window.gbaPredicted") is None
    page.keyboard.press("Enter")


ACTIONS = {
    "a category": lambda page: choose(page, "Category", "Facility"),
    "a city": lambda page: choose(page, "City", "Dongguan"),
    "a chip removed": lambda page: page.locator('.st-key-f_category button[aria-label="Remove Facility"]').click(),
    "a focus area, found by typing": lambda page: (
        page.get_by_label("Focus area or industry").first.fill("neutron"),
        page.get_by_role("option", name="neutron science", exact=True).click(),
    ),
    "a search, with Enter": lambda page: _search(page, "lake"),
    "the search cleared, leaving the box": lambda page: (
        page.get_by_label("Search names (English or Chinese)").fill(""),
        page.get_by_label("Search names (English or Chinese)").blur(),
    ),
    "an area range, by keyboard": lambda page: (
        _thumb(page, "f_area", 0).focus(),
        *[page.keyboard.press("ArrowRight") for _ in range(3)],
    ),
    "keep not reported, unticked": lambda page: page.get_by_text("Keep sites whose figure is not reported").click(),
    "changed since 2019, ticked": lambda page: page.get_by_text("Changed since 2019").click(),
    "milestone years, by keyboard": lambda page: (
        _thumb(page, "f_years", 1).focus(),
        *[page.keyboard.press("ArrowLeft") for _ in range(6)],
    ),
}


def test_each_kind_of_filter_widget_is_read_as_the_server_reads_it(server, watched):
    page = watched.page
    page.goto(server.url)
    wait_markers(page, 44, timeout=60_000)
    wait_first_view(page)
    made = []
    for name, act in ACTIONS.items():
        predicted, served = _predicted_then_served(page, lambda act=act: act(page))
        assert predicted == served, (name, page.locator("#readback").inner_text())
        made.append((name, len(served)))
        if len(made) == 1:
            # untouched sliders read as no restriction, as the server reads them (their full
            # range is on the step grid the browser's slider snaps to: 120.56 km² shows as 121)
            state = page.evaluate("() => window.gbaPredicted.state")
            assert state["area_km2"] is None and state["investment_cny_bn"] is None and state["years"] is None
    # the steps did narrow and widen the map (each a prediction the server confirmed)
    assert len({n for _, n in made}) >= 4, made
    assert not watched.console_errors, watched.console_errors


def _click_until(page, target, in_link: str, attempts: int = 3) -> None:
    """Click ``target`` until the link shows ``in_link``: a click that lands as a run ends
    can be lost (Streamlit's, see gba_dash/ui/first_view.py); a person clicks again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(attempts):
        wait_idle(page)
        target.click()
        try:
            page.wait_for_function("(s) => location.search.includes(s)", arg=in_link, timeout=5_000)
            wait_idle(page)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the link never showed {in_link!r}")


def test_the_chinese_page_is_read_as_well(server, watched):
    page = watched.page
    page.goto(f"{server.url}/?lang=zh")
    wait_markers(page, 44, timeout=60_000)
    wait_first_view(page)
    label = page.locator(".st-key-f_category label").inner_text()
    option = category_label("facility", "zh")
    predicted, served = _predicted_then_served(page, lambda: choose(page, label, option))
    assert predicted == served and 0 < len(served) < 44, (option, served)
    # Another language and another "Data as of" give the page's watcher new labels and
    # figures (Streamlit calls it again with them): still one watcher, reading the new ones.
    page.locator(".st-key-lang label").filter(has_text="English").click()
    wait_idle(page)
    page.wait_for_function("() => document.querySelector('#readback').innerText.includes('sites')")
    _click_until(page, page.locator(".st-key-asof label").filter(has_text="2019"), "asof=2019")
    predicted, served = _predicted_then_served(page, lambda: choose(page, "City", "Shenzhen"))
    assert predicted == served and 0 < len(served) < 31, served  # the 2019 archive's 31 sites
    assert page.evaluate("() => window.gbaPredictWatchers") == 1
    assert not watched.console_errors, watched.console_errors


def test_a_search_the_page_cannot_predict_is_drawn_from_the_servers_answer(server, watched):
    """An ideographic space the two languages trim differently: the page predicts nothing,
    and the map shows what the server's run says (gba_dash/ui/map_sites.py)."""
    page = watched.page
    page.goto(server.url)
    wait_markers(page, 44, timeout=60_000)
    wait_first_view(page)
    wait_idle(page)
    page.evaluate("() => { window.gbaPredicted = null; }")
    box = page.get_by_label("Search names (English or Chinese)")
    box.fill("\u3000港")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#readback').innerText.includes('港')", timeout=30_000)
    wait_idle(page)
    shown = int(page.locator("#readback").inner_text().split(" of ")[0])
    assert 0 < shown < 44
    wait_markers(page, shown)
    assert page.evaluate("() => window.gbaPredicted") is None


def test_a_map_redrawn_after_a_filter_change_shows_the_filtered_sites(server, watched):
    """Choosing a site redraws the map's layers (the selection is drawn in them), which were
    built for the opening view: they take the shown sites from the page, not from then."""
    page = watched.page
    page.goto(server.url)
    wait_markers(page, 44, timeout=60_000)
    wait_first_view(page)
    choose(page, "Category", "Checkpoint")
    page.wait_for_function("() => document.querySelector('#readback').innerText.startsWith('11 of 44')")
    wait_idle(page)
    # every animation frame from here on: the most site symbols the map showed
    page.evaluate(_MOST)
    choose(page, "Selected site", "Gongbei Port / Border Gate")
    map_frame(page).locator(".gba-symbol.gba-selected").wait_for(timeout=30_000)
    wait_idle(page)
    wait_markers(page, 11)
    assert page.evaluate("() => window.__most") == 11  # not the opening view's 44, not even once
    labels = map_frame(page).locator(".leaflet-control-layers-overlays label")
    overlays = [o.strip() for o in labels.all_text_contents()]
    assert "Checkpoint (11)" in overlays and "Science city (0)" in overlays, overlays
