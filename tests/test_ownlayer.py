"""A researcher's own layer: validation with line numbers, aggregation, counts near sites."""

from __future__ import annotations

import json

import pytest

from gba_dash.map.own import own_layer_group
from gba_dash.own.layer import MAX_DRAWN, aggregate, count_near, csv_header, read_layer, synthetic_csv, synthetic_layer
from gba_dash.read.schema import DataError


def _problems(data: bytes, name: str = "pts.csv", **kw) -> list[str]:
    with pytest.raises(DataError) as info:
        read_layer(data, name, **kw)
    return [str(p) for p in info.value.problems]


def test_csv_with_detected_columns():
    layer = read_layer(b"name,Latitude,LNG\nlab,22.9,113.9\n,22.5,114.0\n", "pts.csv")
    assert list(layer.frame["lat"]) == [22.9, 22.5] and list(layer.frame["name"]) == ["lab", ""]


def test_csv_with_chosen_columns():
    data = b"a,b\n22.9,113.9\n"
    assert "no latitude column found" in _problems(data)[0]
    layer = read_layer(data, "pts.csv", lat_col="a", lon_col="b")
    assert layer.frame.iloc[0]["lon"] == 113.9
    assert csv_header(data) == ["a", "b"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"lat,lon\n22.9,abc\n", "pts.csv: line 2: field 'lon': value 'abc': not a number"),
        (
            b"lat,lon\n113.8,22.9\n113.9,22.9\n",
            "pts.csv: line 3: field 'lat,lon': value '113.9,22.9': latitude and longitude look swapped",
        ),
        (b"lat,lon\n48.85,2.35\n", "pts.csv: line 2: field 'lat,lon': value '48.85,2.35': outside the GBA box"),
        (b"lat,lon\n95,200\n", "pts.csv: line 2: field 'lat,lon': value '95,200': not a valid latitude/longitude"),
        (b"lat,lon\n22.9,nan\n", "pts.csv: line 2: field 'lat,lon': value '22.9,nan': not a finite number"),
        (b"lat,lon\n22.9\n", "pts.csv: line 2: 1 cells where the header has 2"),
        (b"lat,lon\n", "pts.csv: no data rows"),
        (b"", "pts.csv: line 1: empty file"),
    ],
)
def test_broken_csv_rows_are_named(body, expected):
    problems = _problems(body)
    assert any(p.startswith(expected) for p in problems), problems


def test_gbk_is_read_and_says_so():
    layer = read_layer("lat,lon,n\n22.9,113.9,松\n".encode("gb18030"), "pts.csv")
    assert layer.notes == ("read as GB18030 (GBK), comma-separated",)


def test_too_many_problems_are_capped_with_a_count():
    body = b"lat,lon\n" + b"x,y\n" * 80
    problems = _problems(body)
    assert len(problems) == 51 and problems[-1] == "pts.csv: and 30 more problems"


def test_size_limit():
    assert _problems(b"lat,lon\n22.9,113.9\n", max_bytes=10) == ["pts.csv: file is 19 bytes; the limit is 10"]


def test_unknown_extension():
    assert "not a format read here" in _problems(b"lat,lon\n", "pts.docx")[0]


def _fc(*features, **extra):
    return json.dumps({"type": "FeatureCollection", "features": list(features), **extra}).encode()


def _pt(lon, lat, **props):
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [lon, lat]}}


def test_geojson_points():
    layer = read_layer(_fc(_pt(113.9, 22.9, name="a"), _pt(114.0, 22.5)), "pts.geojson")
    assert len(layer) == 2 and layer.frame.iloc[0]["name"] == "a"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            _fc(_pt(22.9, 113.9)),
            "pts.geojson: feature 0: field 'geometry': value '22.9,113.9,22.9,113.9': latitude "
            "and longitude look swapped",
        ),
        (
            _fc(
                _pt(113.9, 22.9),
                {
                    "type": "Feature",
                    "properties": {},
                    "geometry": {"type": "LineString", "coordinates": [[113.9, 22.9], [114, 22.5]]},
                },
            ),
            "pts.geojson: feature 1: field 'geometry': value 'LineString': a layer holds one kind of geometry; "
            "this one mixes 1 points with 1 other features",
        ),
        (
            _fc(_pt(113.9, 22.9), crs={"type": "name", "properties": {"name": "EPSG:3857"}}),
            "pts.geojson: field 'crs': value 'EPSG:3857': CRS other than WGS-84",
        ),
        (b"[1, 2", "pts.geojson: line 1 column 6: malformed JSON"),
    ],
)
def test_broken_geojson(data, expected):
    problems = _problems(data, "pts.geojson")
    assert any(p.startswith(expected) for p in problems), problems


def test_synthetic_layer_is_deterministic_and_labelled():
    a, b = synthetic_layer(1000), synthetic_layer(1000)
    assert a.frame.equals(b.frame) and a.synthetic and "not real data" in a.name
    assert read_layer(synthetic_csv(1000), "s.csv").frame[["lon", "lat"]].round(5).equals(a.frame[["lon", "lat"]])


@pytest.mark.parametrize("n", [1_000, 10_000, 100_000])
def test_aggregation_bounds_what_is_drawn_and_keeps_every_point(n):
    layer = synthetic_layer(n)
    drawn, cell = aggregate(layer)
    assert len(drawn) <= MAX_DRAWN
    assert int(drawn["count"].sum()) == n  # nothing dropped
    assert (cell is None) == (n <= MAX_DRAWN)


def test_large_layers_bin_into_h3_hexagons_drawn_shaded_by_count():
    import h3

    drawn, res = aggregate(synthetic_layer(10_000))
    assert res is not None and 0 <= res <= 9
    assert all(h3.is_valid_cell(c) and h3.get_resolution(c) == res for c in drawn["cell"])
    assert len(set(drawn["cell"])) == len(drawn)  # one row per hexagon
    html = _hex_html(drawn)
    assert html.count('"type": "Polygon"') == len(drawn) and "points per hexagon" in html


def _hex_html(drawn) -> str:
    import folium

    m = folium.Map()
    own_layer_group(drawn, name="synthetic").add_to(m)
    return m.get_root().render()


def test_count_near(dataset):
    layer = read_layer(b"lat,lon\n22.913,113.955\n22.95,113.955\n23.5,113.0\n", "p.csv")
    near = count_near(dataset.sites, layer, 5).set_index("site_id")["points"]
    assert near["csns"] == 2  # 0 km and ~4.1 km away
    assert count_near(dataset.sites, layer, 1).set_index("site_id")["points"]["csns"] == 1
    assert near["shenzhen-bay-port"] == 0


def test_own_layers_sit_in_panes_below_the_curated_sites():
    """Issue #26: an uploaded area never hides a curated site. Own areas and lines are in a
    pane below the sites' extents (Leaflet's overlay pane, 400), own points above the basemap
    (350) and below the site symbols (600); the panes exist only on a map with own layers."""
    import re

    import pandas as pd
    from shapely.geometry import box

    from gba_dash.map.base import base_map
    from gba_dash.map.own import POINTS_PANE, SHAPES_PANE, own_shapes_group

    points = own_layer_group(pd.DataFrame({"lon": [113.9], "lat": [22.5], "name": ["x"], "count": [1]}), name="mine")
    shapes = own_shapes_group(
        pd.DataFrame({"name": ["a"], "v": [1.0], "geometry": [box(113.9, 22.5, 114.0, 22.6)]}),
        name="areas",
        kind="polygons",
        column="v",
    )
    html = base_map({"type": "FeatureCollection", "features": []}, extra=(points, shapes)).get_root().render()
    panes = dict(re.findall(r'createPane\(\s*"([\w-]+)"\);\s*\w+\.style\.zIndex = (\d+);', html))
    assert int(panes[SHAPES_PANE[0]]) < 400 and 350 < int(panes[POINTS_PANE[0]]) < 600
    assert f'"pane": "{POINTS_PANE[0]}"' in html and f'"pane": "{SHAPES_PANE[0]}"' in html
    bare = base_map({"type": "FeatureCollection", "features": []}).get_root().render()
    assert SHAPES_PANE[0] not in bare
