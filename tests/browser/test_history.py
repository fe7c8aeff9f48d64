"""What a reader sees of the since-2019 layer: ringed symbols, the legend's key, and the
2019 archive without them (issue #15); the sites added since 2019, each with a diamond, its
key and its accessible name, absent from the archive (issue #28)."""

from __future__ import annotations

import pytest

from .conftest import map_frame, wait_idle, wait_markers

pytestmark = pytest.mark.browser


def _ring(page) -> dict:
    """The changed symbols' ring as drawn: how many, and its computed size and colours."""
    return page.evaluate(
        """() => { const d = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentDocument;
            const rings = [...d.querySelectorAll('.gba-symbol.gba-changed')];
            const s = rings.length ? getComputedStyle(rings[0], '::after') : null;
            return {count: rings.length, width: s && s.width, background: s && s.backgroundColor,
                    labels: rings.map(r => r.getAttribute('aria-label'))}; }"""
    )


def _new(page) -> dict:
    """The symbols of the sites added since 2019 as drawn: how many, the diamond's size and
    turn, and their accessible names."""
    return page.evaluate(
        """() => { const d = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentDocument;
            const marks = [...d.querySelectorAll('.gba-symbol.gba-new')];
            const s = marks.length ? getComputedStyle(marks[0], '::after') : null;
            return {count: marks.length, width: s && s.width, transform: s && s.transform,
                    ringed: marks.filter(m => m.classList.contains('gba-changed')).length,
                    labels: marks.map(r => r.getAttribute('aria-label'))}; }"""
    )


def test_changed_sites_are_ringed_and_keyed_in_the_legend(server, watched, tmp_path):
    page = watched.page
    page.goto(server.url)
    wait_markers(page, 44)  # the latest view: 31 archive sites and 13 added since 2019
    ring = _ring(page)
    assert ring["count"] == 12, ring  # the archive's changed sites; the new ones have a diamond
    assert ring["width"] == "7px" and ring["background"] == "rgb(0, 0, 0)", ring
    assert any("Shenzhen–Zhongshan Link" in label and "Changed since 2019: Status" in label for label in ring["labels"])
    new = _new(page)
    assert new["count"] == 13 and new["ringed"] == 0 and new["width"] == "7px", new
    assert new["transform"] not in (None, "none"), new  # turned 45°: a diamond, not the dot
    assert all("New since 2019 (added in data version 2026.2)" in label for label in new["labels"]), new
    assert any(
        label.startswith("Hong Kong University of Science and Technology (Guangzhou)") for label in new["labels"]
    )
    legend = map_frame(page).locator(".gba-legend").inner_text()
    assert "changed since 2019" in legend and "new since 2019" in legend
    page.screenshot(path=str(tmp_path / "changed.png"))
    assert not watched.off_machine() and not watched.console_errors


def test_the_2019_archive_has_no_rings(server, watched):
    page = watched.page
    page.goto(f"{server.url}/?asof=2019")
    wait_markers(page, 31)  # the sites added since 2019 are absent
    assert _ring(page)["count"] == 0 and _new(page)["count"] == 0
    legend = map_frame(page).locator(".gba-legend").inner_text()
    assert "changed since 2019" not in legend and "new since 2019" not in legend


def test_the_changed_filter_from_a_link_shows_only_changed_sites(server, watched):
    page = watched.page
    page.goto(f"{server.url}/?changed=1")
    wait_markers(page, 25)  # 12 archive sites changed, and the 13 added since 2019
    assert _ring(page)["count"] == 12 and _new(page)["count"] == 13
    page.get_by_text("25 of 44 sites: all sites, changed since 2019").wait_for(timeout=30_000)


def test_a_language_switch_then_the_2019_archive_keeps_the_page(server, watched):
    """Streamlit keeps a select widget's value in the browser as its label: after Chinese ->
    English the browser held "无" for the synthetic layer's "none", sent it back with the
    next action, and the "Data as of" switch crashed the page (found 2026-11-30)."""
    page = watched.page
    page.goto(f"{server.url}/?lang=zh&category=ai_park")
    wait_markers(page, 1, timeout=60_000)
    wait_idle(page)
    page.locator(".st-key-lang label").filter(has_text="English").click()
    page.wait_for_function("() => !location.search.includes('lang=zh')")
    wait_idle(page)
    page.locator(".st-key-asof label").filter(has_text="2019 archive").click()
    page.wait_for_function("() => location.search.includes('asof=2019')", timeout=30_000)
    wait_idle(page)
    caption = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="Data version")
    caption.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("#readback").inner_text() == "1 of 31 sites: AI parks"
    assert not watched.console_errors, watched.console_errors
