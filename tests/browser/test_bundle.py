"""The share bundle opened from file:// in Chromium with every non-file request blocked."""

from __future__ import annotations

import json

import pytest

from gba_dash.cli import main
from gba_dash.paths import data_dir

pytestmark = pytest.mark.browser


def test_bundle_opens_offline_and_draws_everything(watched, tmp_path):
    assert main(["export-site", str(tmp_path), "--tour", "default"]) == 0
    page = watched.page
    page.goto((tmp_path / "index.html").as_uri())
    page.locator(".gba-symbol").first.wait_for(timeout=20_000)
    assert page.locator(".gba-symbol").count() == 44  # the latest view: 31 archive sites, 13 since 2019
    assert page.locator(".gba-place-1").count() == 11  # place names inlined in the bundle
    assert page.locator(".gba-site-label-major").count() == 5
    # the map's controls, inlined: fullscreen, measure, zoom to shown sites
    for control in (".leaflet-control-zoom-fullscreen", ".leaflet-control-measure", ".gba-fit"):
        assert page.locator(control).count() == 1, control
    assert "About this map" in page.locator("section.about h2").inner_text()
    assert page.locator("figure svg").count() == 5
    # Issue #27, item 2: each chart the exports' 1,000 px, scaled down whole to the page's column
    for i in range(5):
        svg = page.locator("figure svg").nth(i)
        assert svg.get_attribute("width") == "1000" and svg.get_attribute("viewBox").startswith("0 0 1000 ")
        box, column = svg.bounding_box(), page.locator("figure").nth(i).bounding_box()
        assert 0 < box["width"] <= column["width"] + 0.5, (i, box, column)
    # Drawn in a typeface the reader lacks (this machine has neither Liberation Sans nor Arial),
    # a name may run wider than measured: it spills out of the SVG's box, not cut, and stays on the page.
    assert {
        page.evaluate("s => getComputedStyle(s).overflow", s) for s in page.locator("figure svg").element_handles()
    } == {"visible"}
    width = page.viewport_size["width"]
    edges = page.evaluate(
        "() => [...document.querySelectorAll('figure svg text')].map(t => t.getBoundingClientRect())"
        ".filter(r => r.width > 0).map(r => [r.left, r.right])"
    )
    assert edges and all(0 <= left and right <= width for left, right in edges), [
        e for e in edges if e[0] < 0 or e[1] > width
    ]
    assert page.locator("table tbody tr").count() == 44
    assert page.locator(".slide.active h3").inner_text() == "Four science cities, side by side"
    zoom_before = page.evaluate("window.gbaMap.getZoom()")
    page.get_by_role("button", name="Next →").click()
    assert page.locator(".slide.active h3").inner_text() == "Dongguan: the neutron source and the materials lab"
    # The slide moves the map to the scene's own view (read from the tour, which sets it).
    scene_zoom = json.loads((data_dir() / "tours" / "default.json").read_text(encoding="utf-8"))["scenes"][1]["zoom"]
    page.wait_for_function(f"() => window.gbaMap.getZoom() === {scene_zoom}")
    assert zoom_before != scene_zoom
    page.screenshot(path=str(tmp_path / "bundle.png"), full_page=True)
    assert not watched.off_machine(), watched.blocked
    assert not watched.console_errors, watched.console_errors
    assert not watched.dialogs
