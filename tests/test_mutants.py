"""Tests added where a one-line fault survived the suite (the second hostile round's spot-check)."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from gba_dash.map.own import own_layer_group
from gba_dash.publish.export import to_geojson
from gba_dash.read.values import fmt_value

from .conftest import run_app


def _run(query: dict[str, str]) -> AppTest:
    return run_app(query)


def _readback_html(at: AppTest) -> str:
    return next(m.value for m in at.markdown if 'id="readback"' in m.value)


@pytest.mark.page
def test_the_read_back_sentence_is_html_escaped():
    html = _readback_html(_run({"q": "<b>x</b>"}))
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


@pytest.mark.page
def test_not_reported_hide_from_a_link_leaves_such_sites_out():
    at = _run({"investment": "5,12", "category": "facility", "not_reported": "hide"})
    text = re.sub(r"<[^>]+>", "", _readback_html(at))
    assert "left out" in text and not text.startswith("5 of 31")
    assert at.checkbox(key="f_keep").value is False
    assert at.query_params["not_reported"] == "hide"


def test_daily_crossings_are_people_per_day():
    assert fmt_value("daily_crossings", 12000, "en") == "12,000 people/day"
    assert fmt_value("daily_crossings", 12000, "zh").startswith("12,000")


def test_geojson_export_keeps_empty_properties_as_null(dataset):
    doc = json.loads(to_geojson(dataset.sites))
    keys = [set(f["properties"]) for f in doc["features"]]
    assert all(k == keys[0] for k in keys), "every feature has every property"
    csns = next(f for f in doc["features"] if f["properties"]["site_id"] == "csns")
    assert "residents_planned" in csns["properties"] and csns["properties"]["residents_planned"] is None


def test_own_layer_point_names_are_escaped_in_the_map():
    import folium
    import pandas as pd

    drawn = pd.DataFrame({"lon": [113.9], "lat": [22.9], "count": [1], "name": ["<img src=x onerror=alert(1)>"]})
    m = folium.Map(tiles=None)
    own_layer_group(drawn, name="<script>mine</script>").add_to(m)
    html = m.get_root().render()
    assert "<img src=x" not in html
    # folium writes & inside its JSON as \u0026: the text arrives HTML-escaped either way
    assert "&lt;img src=x onerror=alert(1)&gt;" in html.replace("\\u0026", "&")
    assert "<script>mine" not in html


# Survivors of the mutation run (tests/README.md): wording, export details, a message.


@pytest.mark.parametrize(
    ("category", "plural"),
    [
        ("science_city", "science cities"),
        ("ai_park", "AI parks"),
        ("facility", "facilities"),
        ("checkpoint", "checkpoints"),
        ("context", "context places"),
    ],
)
def test_every_category_reads_back_in_its_plural(category, plural):
    from gba_dash.view.filters import FilterState, describe

    assert describe(FilterState(categories=(category,)), 1, 31, lang="en") == f"1 of 31 sites: {plural}"


def test_geojson_features_carry_no_pandas_index_as_id(dataset):
    doc = json.loads(to_geojson(dataset.sites))
    assert all("id" not in feature for feature in doc["features"])


def test_geojson_export_writes_empty_text_as_null(dataset):
    sites = dataset.sites.copy()
    sites["name_zh"] = sites["name_zh"].astype(object)
    sites.loc[sites["site_id"] == "csns", "name_zh"] = ""
    csns = next(f for f in json.loads(to_geojson(sites))["features"] if f["properties"]["site_id"] == "csns")
    assert csns["properties"]["name_zh"] is None


def test_a_geometry_that_is_not_an_object_is_named_by_its_type(tmp_path):
    from gba_dash.read.load import read_sites

    path = tmp_path / "sites.geojson"
    feature = {"type": "Feature", "properties": {"site_id": "x"}, "geometry": [113.9, 22.9]}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    problems = []
    read_sites(path, problems)
    assert any(p.field == "geometry" and p.value == "list" for p in problems), problems


# Survivors of the mutation run's export module (tests/README.md): what a CSV or GeoJSON
# export holds beyond the figures.


def _csv_rows(text: str) -> list[dict[str, str]]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_has_wkt_six_decimals_and_no_index_column(dataset):
    from shapely import wkt
    from shapely.geometry import Point

    from gba_dash.publish.export import to_csv

    sites = dataset.sites.copy()
    sites.loc[sites["site_id"] == "csns", "geometry"] = Point(113.123456789, 22.987654321)
    text = to_csv(sites)
    header = text.splitlines()[0].split(",")
    assert header[0] == "site_id" and header[-3:] == ["lon", "lat", "geometry_wkt"]
    assert "\r" not in text
    row = next(r for r in _csv_rows(text) if r["site_id"] == "csns")
    geom = wkt.loads(row["geometry_wkt"])
    assert geom.representative_point().distance(wkt.loads(f"POINT ({row['lon']} {row['lat']})")) < 1e-5
    assert (row["lon"], row["lat"], row["geometry_wkt"]) == ("113.123457", "22.987654", "POINT (113.123457 22.987654)")


def test_formula_cells_are_found_in_every_text_column(dataset):
    from gba_dash.publish.export import formula_cells

    sites = dataset.sites.copy()
    # A text column after the numeric ones: the scan must go on past them.
    last_text = [c for c in sites.columns if c.endswith("_note") or c.endswith("_source")][-1]
    sites[last_text] = sites[last_text].astype(object)
    sites.loc[sites["site_id"] == "csns", last_text] = "=1+1"
    assert ("csns", last_text, "=1+1") in formula_cells(sites)


def test_geojson_export_is_a_readable_feature_collection(dataset):
    text = to_geojson(dataset.sites, version="2026.1", as_of="latest")
    doc = json.loads(text)
    assert list(doc) == ["type", "dataset", "features"] and doc["type"] == "FeatureCollection"
    assert "深圳" in text or "东莞" in text  # Chinese names as text, not \\u escapes
    assert text.startswith('{\n "type"')  # one-space indent, a line per member


def test_exports_carry_the_extra_columns_asked_for(dataset):
    from gba_dash.publish.export import to_csv

    sites = dataset.sites.assign(mine=range(len(dataset.sites)))
    assert "mine" in _csv_rows(to_csv(sites, extra=("mine",)))[0]
    assert "mine" not in _csv_rows(to_csv(sites))[0]
    assert "mine" in json.loads(to_geojson(sites, extra=("mine",)))["features"][0]["properties"]


# Survivors of the mutation run's schema module: the capped problem list is otherwise only
# exercised by test_large_tables.py, which the run leaves out as slow.


def test_problem_lists_are_capped_per_kind_and_in_all():
    from gba_dash.read.schema import DataError, Problem, row_where, summarise

    same = [Problem("sources.csv", row_where(i), "site_id", f"x{i}", "unknown site: see sites") for i in range(5)]
    other = [Problem("sites.geojson", "", "", None, "empty geometry") for _ in range(3)]
    lines = summarise(same + other, per_kind=2, most=100)
    assert lines == [
        "sources.csv: line 2: field 'site_id': value 'x0': unknown site: see sites",
        "sources.csv: line 3: field 'site_id': value 'x1': unknown site: see sites",
        "sites.geojson: empty geometry",
        "sites.geojson: empty geometry",
        "sources.csv: field 'site_id': unknown site: and 3 more like this",
        "sites.geojson: empty geometry: and 1 more like this",
    ]
    capped = summarise(same, per_kind=10, most=3)  # the overall cap, not the kind's
    assert len(capped) == 4 and capped[-1].endswith(": and 2 more like this")
    assert str(DataError(same[:2])) == f"{same[0]}\n{same[1]}" and str(DataError([])) == "invalid data"


def test_long_values_are_shortened_to_80_characters_in_a_problem():
    from gba_dash.read.schema import Problem

    exact, longer = "v" * 80, "w" * 81
    assert f"'{exact}'" in str(Problem("f", "", "", exact, "m"))
    assert f"'{'w' * 79}…'" in str(Problem("f", "", "", longer, "m"))
