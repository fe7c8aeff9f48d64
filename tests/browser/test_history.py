"""What a reader sees of the since-2019 layer: ringed symbols, the legend's key, and the
2019 archive without them (issue #15)."""

from __future__ import annotations

import pytest

from .conftest import map_frame, wait_markers

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


def test_changed_sites_are_ringed_and_keyed_in_the_legend(server, watched, tmp_path):
    page = watched.page
    page.goto(server.url)
    wait_markers(page, 31)
    ring = _ring(page)
    assert ring["count"] == 8, ring
    assert ring["width"] == "7px" and ring["background"] == "rgb(0, 0, 0)", ring
    assert any("Shenzhen–Zhongshan Link" in label and "Changed since 2019: Status" in label for label in ring["labels"])
    legend = map_frame(page).locator(".gba-legend").inner_text()
    assert "changed since 2019" in legend
    page.screenshot(path=str(tmp_path / "changed.png"))
    assert not watched.off_machine() and not watched.console_errors


def test_the_2019_archive_has_no_rings(server, watched):
    page = watched.page
    page.goto(f"{server.url}/?asof=2019")
    wait_markers(page, 31)
    assert _ring(page)["count"] == 0
    assert "changed since 2019" not in map_frame(page).locator(".gba-legend").inner_text()


def test_the_changed_filter_from_a_link_shows_only_changed_sites(server, watched):
    page = watched.page
    page.goto(f"{server.url}/?changed=1")
    wait_markers(page, 8)
    assert _ring(page)["count"] == 8
    page.get_by_text("8 of 31 sites: all sites, changed since 2019").wait_for(timeout=30_000)
