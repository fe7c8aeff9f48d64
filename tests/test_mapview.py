"""Map building: self-served assets, escaped tooltips, layers per category, click to site."""

from __future__ import annotations

import re

import folium
import geopandas as gpd
import pytest
from shapely.geometry import Point

from gba_dash.map.base import base_map
from gba_dash.map.sites import site_at, site_layers, tooltip_html
from gba_dash.map.standalone import standalone_html
from gba_dash.map.style import PALETTE
from gba_dash.read.fields import CATEGORIES

EXTERNAL = re.compile(r"""<(?:script|link)[^>]+(?:src|href)=["']https?://""")


def _render(m: folium.Map) -> str:
    return m.get_root().render()


def test_base_map_loads_leaflet_from_the_app_not_a_cdn(dataset):
    m = base_map(dataset.basemap)
    assert [u for _, u in m.default_js] == ["/app/static/leaflet/leaflet.js"]
    assert all(u.startswith("/app/static/") for _, u in m.default_css)
    html = _render(m)
    assert not EXTERNAL.search(html)
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()


def test_base_map_script_is_stable_between_runs(dataset):
    """st_folium keeps the map (and the user's view) when the base script does not change."""
    from streamlit_folium import _get_map_string, generate_js_hash

    a = base_map(dataset.basemap)
    b = base_map(dataset.basemap)
    a.render()
    b.render()
    assert generate_js_hash(_get_map_string(a), "map") == generate_js_hash(_get_map_string(b), "map")


def test_one_layer_per_category_with_counts(dataset):
    groups = site_layers(dataset.sites)
    names = [g.layer_name for g in groups]
    assert names[:5] == ["Science city (4)", "AI park (1)", "Facility (6)", "Checkpoint (11)", "Context place (9)"]
    assert "Location uncertainty" in names
    assert len(set(PALETTE[c] for c in CATEGORIES)) == len(CATEGORIES)


def test_extents_are_dashed_and_say_so(dataset):
    row = dataset.site("guangming-science-city")
    assert "Indicative extent, not an official boundary" in tooltip_html(row)
    m = folium.Map(tiles=None)
    for g in site_layers(dataset.sites[dataset.sites["site_id"] == "guangming-science-city"]):
        g.add_to(m)
    assert '"dashArray": "6 5"' in _render(m)


def test_tooltips_show_both_names_and_uncertainty(dataset):
    tip = tooltip_html(dataset.site("csns"))
    assert "China Spallation Neutron Source" in tip and "中国散裂中子源" in tip
    assert "position ±1.5 km (confidence: low)" in tip
    assert tooltip_html(dataset.site("csns"), "zh").startswith("<strong>中国散裂中子源</strong>")


def test_hostile_names_are_escaped_in_the_rendered_map(dataset):
    sites = dataset.sites.copy()
    sites.loc[sites["site_id"] == "csns", "name_en"] = "</script><img src=x onerror=alert(1)>${alert(2)}`"
    m = folium.Map(tiles=None)
    for g in site_layers(sites):
        g.add_to(m)
    html = _render(m)
    assert "<img src=x" not in html and "${alert(2)}" not in html and "</script><img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;&#36;{alert(2)}&#96;" in html


def test_selection_adds_a_highlight_layer(dataset):
    names = [g.layer_name for g in site_layers(dataset.sites, selected="csns")]
    assert names[-1] == "Selected site"
    assert "Selected site" not in [g.layer_name for g in site_layers(dataset.sites, selected="not-there")]


@pytest.mark.parametrize(
    ("lat", "lng", "expected"),
    [
        (22.913, 113.955, "csns"),  # on the symbol
        (22.89, 113.90, "dongguan-neutron-science-city"),  # inside the extent, away from symbols
        (22.545, 113.71, "shenzhen-zhongshan-link"),  # on the line
        (23.9, 112.5, None),  # nowhere
    ],
)
def test_site_at_maps_a_click_to_a_site(dataset, lat, lng, expected):
    assert site_at(dataset.sites, lat, lng) == expected


def test_site_at_on_empty_frame():
    empty = gpd.GeoDataFrame({"site_id": []}, geometry=gpd.GeoSeries([], crs="EPSG:4326"))
    assert site_at(empty, 22.5, 114.0) is None
    one = gpd.GeoDataFrame({"site_id": ["a"]}, geometry=[Point(114.0, 22.5)], crs="EPSG:4326")
    assert site_at(one, 22.5, 114.0) == "a"


def test_standalone_html_inlines_leaflet_and_needs_no_network(dataset):
    html = standalone_html(dataset.basemap, dataset.sites)
    assert not EXTERNAL.search(html)
    assert "/app/static" not in html
    assert "L.map(" in html and "Leaflet" in html
    assert "data:image/png;base64," in html  # layer-control icon from leaflet.css
    assert html.count('"site": ') >= len(dataset.sites)


def test_basemap_is_served_statically_only_when_it_is_the_same_file(dataset, data_copy):
    from gba_dash.map.base import static_basemap_url

    assert static_basemap_url(dataset.data_dir) == "/app/static/basemap.geojson"
    (data_copy / "basemap_natural_earth_10m.geojson").write_text(
        '{"type": "FeatureCollection", "features": []}', encoding="utf-8"
    )
    assert static_basemap_url(data_copy) is None  # another basemap: inlined instead
    html = _render(base_map(dataset.basemap, basemap_url="/app/static/basemap.geojson"))
    assert "gbaMapKit.basemapFromUrl(" in html and '{"url": "/app/static/basemap.geojson"' in html
    assert '"layer": "coastline"' not in html


@pytest.mark.parametrize(
    ("tooltip", "expected"),
    [
        ("Guangzhou Intelligent Unmanned System Research Institute · Facility", "unmanned-systems-institute"),
        ("Pearl Science Park (CAS) · Facility", "pearl-science-park"),
        (None, "pearl-science-park"),  # no hover text: the first of the two, as before
    ],
)
def test_site_at_tells_two_sites_on_one_point_apart_by_the_clicked_symbols_text(dataset, tooltip, expected):
    """Pearl Science Park and the unmanned-systems institute share a point (issue #26):
    the click's own position cannot choose between them, the symbol's hover text does."""
    assert site_at(dataset.sites, 22.77, 113.6, tooltip=tooltip) == expected
