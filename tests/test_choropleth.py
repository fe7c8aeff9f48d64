"""A researcher's polygons as a classed choropleth, lines as lines (issue #11)."""

from __future__ import annotations

import json
import re

import folium
import numpy as np
import pandas as pd
import pytest

from gba_dash.map.own import own_shapes_group
from gba_dash.own.classes import NO_VALUE, PALETTE, classify, numeric, numeric_columns
from gba_dash.own.layer import areas_of, read_layer
from gba_dash.read.schema import DataError


def _square(x: float, y: float, d: float = 0.1) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]}


def _districts(values) -> bytes:
    features = [
        {
            "type": "Feature",
            "properties": {"name": f"D{i} <i>", "patents": v},
            "geometry": _square(113.5 + i * 0.1, 22.6),
        }
        for i, v in enumerate(values)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def test_quantiles_and_natural_breaks():
    values = pd.Series([1, 2, 3, 10, 11, 12, 50, 51, 52, 100])
    assert classify(values, "natural_breaks", 4).uppers == (3, 12, 52, 100)
    q = classify(values, "quantiles", 5)
    assert q.uppers == (2, 10, 12, 51, 100) and q.low == 1
    # every value falls in a class; the top class holds the maximum
    assert [q.index(v) for v in (1, 2, 2.5, 100, 1000)] == [0, 0, 1, 4, 4]
    with pytest.raises(ValueError, match="scheme"):
        classify(values, "equal")


def test_text_empty_and_infinite_cells_are_no_value_never_zero():
    values = numeric(pd.Series([5, "n/a", None, float("inf"), "7"]))
    assert values.isna().tolist() == [False, True, True, True, False]
    classes = classify(values, "quantiles")
    assert classes.colour(None) == NO_VALUE and classes.colour(float("nan")) == NO_VALUE
    assert classes.colour(0.0) != NO_VALUE  # zero is a value: the lowest class
    assert classify(pd.Series(["a", None])) is None


def test_fewer_distinct_values_than_classes_spread_over_the_palette():
    classes = classify(pd.Series([1, 1, 2]), "quantiles")
    assert classes.uppers == (1, 2)
    assert [classes.colour(1), classes.colour(2)] == [PALETTE[0], PALETTE[-1]]


def test_numeric_columns_need_mostly_numbers():
    frame = pd.DataFrame({"a": [1, 2, "x"], "b": ["x", "y", 3], "c": [4, 4, 4], "geometry": [None] * 3})
    assert numeric_columns(frame) == ["a"]


def test_polygon_layer_reads_and_draws_a_classed_choropleth_with_a_legend():
    layer = read_layer(_districts([3, 10, None, "n/a", 40, 7]), "districts.geojson")
    assert layer.kind == "polygons" and len(layer) == 6
    html = _render(own_shapes_group(layer.shapes, name="districts", kind="polygons", column="patents"))
    fills = re.findall(r'"c": "(#[0-9a-f]{6})"', html)
    assert len(fills) == 6
    assert fills.count(NO_VALUE) == 2 and set(fills) - {NO_VALUE} <= set(PALETTE)
    assert "gba-own-legend" in html and "no value" in html and "your data, not verified" in html
    assert "D0 &lt;i&gt;" in html.replace("\\u0026", "&") and "D0 <i>" not in html


def _render(group) -> str:
    m = folium.Map()
    group.add_to(m)
    return m.get_root().render()


def test_lines_are_drawn_as_lines():
    fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "route"},
                "geometry": {"type": "LineString", "coordinates": [[113.6, 22.7], [113.9, 22.5]]},
            }
        ],
    }
    layer = read_layer(json.dumps(fc).encode(), "routes.geojson")
    assert layer.kind == "lines"
    html = _render(own_shapes_group(layer.shapes, name="routes", kind="lines"))
    assert "LineString" in html and "gba-own-legend" not in html


def test_mixed_geometry_and_polygons_outside_the_gba_are_named():
    fc = json.loads(_districts([1, 2]))
    fc["features"][1]["geometry"] = {"type": "LineString", "coordinates": [[113.6, 22.7], [113.9, 22.5]]}
    with pytest.raises(DataError) as info:
        read_layer(json.dumps(fc).encode(), "d.geojson")
    assert [str(p) for p in info.value.problems] == [
        "d.geojson: feature 1: field 'geometry': value 'LineString': a layer holds one kind of geometry "
        "(points, polygons or lines); this one has 1 Polygon, 1 LineString"
    ]
    fc = json.loads(_districts([1]))
    fc["features"][0]["geometry"] = _square(2.3, 48.8)
    with pytest.raises(DataError, match="outside the GBA box"):
        read_layer(json.dumps(fc).encode(), "far.geojson")


def test_the_area_each_site_lies_in(dataset):
    layer = read_layer(_districts([5]), "d.geojson")
    square = layer.shapes.geometry.iloc[0]
    inside = dataset.sites[[square.covers(g.representative_point()) for g in dataset.sites.geometry]]
    table = areas_of(dataset.sites, layer, "patents").set_index("site_id")
    assert set(table.index[table["area"] != ""]) == set(inside["site_id"])
    assert np.isnan(table["value"][table["area"] == ""]).all()
