"""The readers at the edge, one case per branch, with the exact message a person reads.

The messages are the product here: a researcher fixes a file from them, so each names the
file, place, field and value. These unit tests feed each reader (``load``) and each cell
kind (``schema.parse_value``) one input per branch, so that a mutation of a bound, a
branch or a message fails here and not only in the slow tests the mutation run leaves out.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from gba_dash.read import load
from gba_dash.read.fields import GBA_BBOX, SITE_PROPERTIES, Field
from gba_dash.read.load import (
    GEOMETRY_TYPES,
    WGS84_NAMES,
    bbox_problem,
    check_geometry,
    csv_rows,
    decode_utf8,
    parse_cells,
    parse_csv,
    parse_geojson,
    read_bytes,
    read_csv,
    read_sites,
    read_text,
)
from gba_dash.read.schema import Problem, is_reported, parse_value, split_list

INT = Field("n", "N", "数", "數", "int")
FLOAT = Field("x", "X", "值", "值", "float")
YEAR = Field("y", "Year", "年", "年", "year")
ENUM = Field("s", "Status", "状态", "狀態", "enum", choices=("planned", "open"))
LIST = Field("f", "Focus", "重点", "重點", "list")
TEXT = Field("t", "Text", "文", "文", "text")


# -- one cell of each kind ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "raw", "expected"),
    [
        (INT, "", (None, None)),
        (INT, "   ", (None, None)),
        (INT, " 42 ", (42, None)),
        (INT, "0", (0, None)),
        (INT, "-1", (None, "must not be negative")),
        (INT, "4.5", (None, "not a whole number")),
        (INT, "many", (None, "not a whole number")),
        (FLOAT, "2.5", (2.5, None)),
        (FLOAT, "0", (0.0, None)),
        (FLOAT, "-0.5", (None, "must be a finite number, not negative")),
        (FLOAT, "inf", (None, "must be a finite number, not negative")),
        (FLOAT, "nan", (None, "must be a finite number, not negative")),
        (FLOAT, "about 3", (None, "not a number")),
        (YEAR, "2019", (2019, None)),
        (YEAR, "1900", (1900, None)),
        (YEAR, "2100", (2100, None)),
        (YEAR, "1899", (None, "year outside 1900–2100")),
        (YEAR, "2101", (None, "year outside 1900–2100")),
        (YEAR, "19", (None, "not a four-digit year")),
        (YEAR, "20190", (None, "not a four-digit year")),
        (YEAR, "2019a", (None, "not a four-digit year")),
        (ENUM, "open", ("open", None)),
        (ENUM, " open ", ("open", None)),
        (ENUM, "Open", (None, "not one of planned, open")),
        (LIST, "ai;  materials ;x", ("ai; materials; x", None)),
        (LIST, "ai", ("ai", None)),
        (LIST, "ai;;x", (None, "empty item in a ';'-separated list")),
        (LIST, "ai;", (None, "empty item in a ';'-separated list")),
        (TEXT, "  Songshan Lake  ", ("Songshan Lake", None)),
    ],
)
def test_parse_value_reads_each_kind_and_names_what_is_wrong(field, raw, expected):
    value, error = parse_value(field, raw)
    assert (value, error) == expected
    assert type(value) is type(expected[0])  # 0 stays int, 0.0 stays float


@pytest.mark.parametrize(
    ("value", "items"),
    [(" ai ; ;materials ", ["ai", "materials"]), ("", []), (None, []), (float("nan"), []), (5, [])],
)
def test_split_list_reads_a_list_cell_and_nothing_else(value, items):
    assert split_list(value) == items


@pytest.mark.parametrize(
    ("value", "reported"),
    [(0, True), ("x", True), (None, False), (pd.NA, False), (float("nan"), False), ("  ", False), ("", False)],
)
def test_is_reported(value, reported):
    assert is_reported(value) is reported


# -- read_bytes: regular files only, bounded --------------------------------------------


def test_read_bytes_reads_a_file_up_to_and_including_the_limit(tmp_path):
    path = tmp_path / "sites.geojson"
    path.write_bytes(b"12345")
    problems: list[Problem] = []
    assert read_bytes(path, problems, limit=5) == b"12345"
    assert read_bytes(path, problems) == b"12345"  # the default limit is 50 MB
    assert problems == []


def test_read_bytes_refuses_one_byte_over_the_limit(tmp_path):
    path = tmp_path / "sites.geojson"
    path.write_bytes(b"123456")
    problems: list[Problem] = []
    assert read_bytes(path, problems, limit=5) is None
    assert problems == [Problem("sites.geojson", "", "", "", "file is over 5 bytes, the limit")]


def test_the_default_limit_is_fifty_megabytes(tmp_path, monkeypatch):
    assert load.MAX_FILE_BYTES == 50 * 1024 * 1024
    monkeypatch.setattr(load, "MAX_FILE_BYTES", 3)
    path = tmp_path / "a.csv"
    path.write_bytes(b"abcd")
    problems: list[Problem] = []
    assert read_bytes(path, problems) is None
    assert problems[0].message == "file is over 3 bytes, the limit"


def test_read_bytes_names_a_missing_file_and_where_it_was_looked_for(tmp_path):
    problems: list[Problem] = []
    assert read_bytes(tmp_path / "sites.geojson", problems) is None
    assert problems == [Problem("sites.geojson", "", "", "", f"file not found in {tmp_path}")]


def test_read_bytes_uses_the_name_it_is_given(tmp_path):
    problems: list[Problem] = []
    read_bytes(tmp_path / "x.json", problems, name="tours/x.json")
    assert problems[0].file == "tours/x.json"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (Path.mkdir, "is a directory, not a file"),
        (os.mkfifo, "is a FIFO, not a regular file"),  # read, it would block for ever
        (lambda path: path.symlink_to("/dev/null"), "is a device or socket, not a regular file"),
    ],
    ids=["directory", "fifo", "device"],
)
def test_read_bytes_names_what_is_not_a_regular_file(tmp_path, make, message):
    path = tmp_path / "sites.geojson"
    make(path)
    problems: list[Problem] = []
    assert read_bytes(path, problems) is None
    assert problems == [Problem("sites.geojson", "", "", "", message)]


def test_read_bytes_names_a_file_that_fails_to_read(tmp_path):
    # /proc/self/mem opens as a regular file and fails on the first read (EIO).
    path = tmp_path / "sites.geojson"
    path.symlink_to("/proc/self/mem")
    problems: list[Problem] = []
    assert read_bytes(path, problems) is None
    assert problems == [Problem("sites.geojson", "", "", "", "cannot read file: Input/output error")]


def test_read_bytes_names_a_symlink_loop(tmp_path):
    path = tmp_path / "sites.geojson"
    path.symlink_to(path)
    problems: list[Problem] = []
    assert read_bytes(path, problems) is None
    assert len(problems) == 1
    assert problems[0].message.startswith("cannot read file: ")
    assert "symbolic links" in problems[0].message
    # The whole file, no row, field or value: the message is all there is to say.
    assert problems == [Problem("sites.geojson", "", "", "", problems[0].message)]


def test_read_text_strips_a_byte_order_mark_and_reports_bad_bytes(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("\ufeffsite_id\n".encode())
    problems: list[Problem] = []
    assert read_text(path, problems) == "site_id\n"
    path.write_bytes(b"ok\n\xff")
    assert read_text(path, problems, name="renamed.csv") is None
    assert problems[0].file == "renamed.csv"


def test_read_text_names_a_missing_file_by_the_name_it_is_given(tmp_path):
    problems: list[Problem] = []
    assert read_text(tmp_path / "x.json", problems, name="tours/x.json") is None
    assert problems == [Problem("tours/x.json", "", "", "", f"file not found in {tmp_path}")]


def test_decode_utf8_names_the_line_and_the_bytes():
    problems: list[Problem] = []
    data = b"a,b\nc,d\nxx\xe9\xff\xfe\xfd\xfc"
    assert decode_utf8(data, "t.csv", problems) is None
    assert problems == [
        Problem("t.csv", "line 3", "", "e9 ff fe fd", "not UTF-8 text (byte 10); save the file as UTF-8")
    ]


def test_decode_utf8_on_the_first_line():
    problems: list[Problem] = []
    decode_utf8(b"\xff", "t.csv", problems)
    assert problems[0].where == "line 1"
    assert problems[0].value == "ff"


# -- GeoJSON ----------------------------------------------------------------------------


def _fc(**extra) -> str:
    return json.dumps({"type": "FeatureCollection", "features": [], **extra})


def test_parse_geojson_names_where_the_json_breaks():
    problems: list[Problem] = []
    assert parse_geojson('{"type":\n  "FeatureCollection",, }', "s.geojson", problems) is None
    assert problems == [
        Problem(
            "s.geojson", "line 2 column 23", "", "", "malformed JSON: Expecting property name enclosed in double quotes"
        )
    ]


def test_parse_geojson_names_json_nested_too_deeply():
    problems: list[Problem] = []
    assert parse_geojson("[" * 100_000 + "]" * 100_000, "s.geojson", problems) is None
    assert problems == [Problem("s.geojson", "", "", "", "malformed JSON: nested too deeply")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('{"type": "Feature"}', "Feature"),
        ("[1, 2]", "list"),
        ('"FeatureCollection"', "str"),
        ("{}", None),
    ],
)
def test_parse_geojson_wants_a_feature_collection(text, value):
    problems: list[Problem] = []
    assert parse_geojson(text, "s.geojson", problems) is None
    assert problems == [Problem("s.geojson", "", "type", value, "expected a GeoJSON FeatureCollection")]


@pytest.mark.parametrize("crs_name", sorted(WGS84_NAMES))
def test_parse_geojson_accepts_every_name_of_wgs84(crs_name):
    problems: list[Problem] = []
    assert parse_geojson(_fc(crs={"type": "name", "properties": {"name": crs_name}}), "s", problems) == []
    assert parse_geojson(_fc(crs=crs_name), "s", problems) == []
    assert problems == []


def test_the_names_of_wgs84_are_exactly_these():
    assert WGS84_NAMES == {
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84",
        "urn:ogc:def:crs:EPSG::4326",
        "EPSG:4326",
        "CRS84",
    }


@pytest.mark.parametrize(
    ("crs", "value"),
    [
        ({"type": "name", "properties": {"name": "EPSG:3857"}}, "EPSG:3857"),
        ({"type": "name"}, None),
        ({"type": "name", "properties": {"name": 4326}}, 4326),
        ("epsg:4326", "epsg:4326"),
        (4326, 4326),
    ],
)
def test_parse_geojson_refuses_another_crs_and_names_it(crs, value):
    problems: list[Problem] = []
    assert parse_geojson(_fc(crs=crs), "s.geojson", problems) is None
    assert problems == [
        Problem(
            "s.geojson",
            "",
            "crs",
            value,
            "CRS other than WGS-84: give longitude/latitude in WGS-84 (EPSG:4326), as RFC 7946 requires",
        )
    ]


def test_parse_geojson_without_a_crs_member_is_wgs84():
    problems: list[Problem] = []
    assert parse_geojson(_fc(features=[{"a": 1}]), "s", problems) == [{"a": 1}]
    assert problems == []


@pytest.mark.parametrize(("features", "kind"), [(None, "NoneType"), ({}, "dict"), ("x", "str")])
def test_parse_geojson_wants_a_list_of_features(features, kind):
    problems: list[Problem] = []
    doc = {"type": "FeatureCollection"} if features is None else {"type": "FeatureCollection", "features": features}
    assert parse_geojson(json.dumps(doc), "s.geojson", problems) is None
    assert problems == [Problem("s.geojson", "", "features", kind, "expected a list of features")]


# -- geometry --------------------------------------------------------------------------

INSIDE = [113.9, 22.7]


@pytest.mark.parametrize("raw", [None, {}, []])
def test_check_geometry_names_a_missing_geometry(raw):
    problems: list[Problem] = []
    assert check_geometry(raw, "feature 3", "s.geojson", problems) is None
    assert problems == [Problem("s.geojson", "feature 3", "geometry", "", "missing geometry")]


def test_check_geometry_names_an_unreadable_geometry_by_its_type():
    problems: list[Problem] = []
    assert check_geometry({"type": "Pointy", "coordinates": INSIDE}, "f", "s", problems) is None
    assert problems[0].field == "geometry"
    assert problems[0].value == "Pointy"
    assert problems[0].message.startswith("invalid geometry: ")
    problems.clear()
    assert check_geometry([1, 2], "f", "s", problems) is None
    assert problems[0].value == "list"


def test_a_geometry_or_feature_without_a_type_is_named_by_a_question_mark(tmp_path):
    problems: list[Problem] = []
    assert check_geometry({"coordinates": INSIDE}, "f", "s", problems) is None
    assert problems[0].value == "?"
    _rows, problems = _read(tmp_path, [{"properties": {}}])
    assert problems == [Problem("sites.geojson", "feature 0", "type", "?", "expected a GeoJSON Feature")]


def test_check_geometry_names_an_empty_geometry():
    problems: list[Problem] = []
    assert check_geometry({"type": "Polygon", "coordinates": []}, "f", "s", problems) is None
    assert problems == [Problem("s", "f", "geometry", "Polygon", "empty geometry")]


def test_check_geometry_explains_an_invalid_geometry():
    bowtie = [[[113.0, 22.0], [114.0, 23.0], [114.0, 22.0], [113.0, 23.0], [113.0, 22.0]]]
    problems: list[Problem] = []
    assert check_geometry({"type": "Polygon", "coordinates": bowtie}, "f", "s", problems) is None
    assert problems == [Problem("s", "f", "geometry", "Polygon", "invalid geometry: Self-intersection[113.5 22.5]")]


def test_check_geometry_returns_a_geometry_inside_the_box():
    problems: list[Problem] = []
    geom = check_geometry({"type": "Point", "coordinates": INSIDE}, "f", "s", problems)
    assert (geom.geom_type, geom.x, geom.y) == ("Point", 113.9, 22.7)
    assert problems == []


def test_check_geometry_says_swapped_coordinates_and_the_order_geojson_wants():
    problems: list[Problem] = []
    assert check_geometry({"type": "Point", "coordinates": [22.7, 113.9]}, "f", "s", problems) is None
    assert problems == [
        Problem(
            "s",
            "f",
            "geometry",
            "22.7,113.9,22.7,113.9",
            "latitude and longitude look swapped: GeoJSON order is [longitude, latitude]",
        )
    ]


def test_check_geometry_checks_against_the_box_it_is_given():
    problems: list[Problem] = []
    point = {"type": "Point", "coordinates": [2.35, 48.85]}
    assert check_geometry(point, "f", "s", problems, bbox=(2.0, 48.0, 3.0, 49.0)) is not None
    assert problems == []
    assert check_geometry(point, "f", "s", problems) is None
    assert problems[0].message == "outside the GBA box lon 111.3–115.6, lat 21.4–24.5"


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ((111.3, 21.4, 115.6, 24.5), None),  # every edge is inside
        ((113.0, 22.0, 113.0, 22.0), None),
        ((111.29, 22.0, 113.0, 22.0), "outside"),
        ((113.0, 21.39, 113.0, 22.0), "outside"),
        ((113.0, 22.0, 115.61, 22.0), "outside"),
        ((113.0, 22.0, 113.0, 24.51), "outside"),
        ((22.0, 113.0, 22.0, 113.0), "swapped"),
        ((21.4, 111.3, 24.5, 115.6), "swapped"),  # the box's edges, swapped
        # just past a swapped edge: a latitude over 90, so not a swap
        ((21.39, 113.0, 22.0, 113.0), "invalid"),
        ((22.0, 111.29, 22.0, 113.0), "invalid"),
        ((22.0, 113.0, 24.51, 113.0), "invalid"),
        ((22.0, 113.0, 22.0, 115.61), "invalid"),
        ((-180.0, -90.0, 180.0, 90.0), "outside"),  # the whole world is valid, not in the box
        ((-180.01, 0.0, 0.0, 0.0), "invalid"),
        ((0.0, -90.01, 0.0, 0.0), "invalid"),
        ((0.0, 0.0, 180.01, 0.0), "invalid"),
        ((0.0, 0.0, 0.0, 90.01), "invalid"),
    ],
)
def test_bbox_problem_edges(bounds, expected):
    messages = {
        None: None,
        "outside": "outside the GBA box lon 111.3–115.6, lat 21.4–24.5",
        "swapped": "latitude and longitude look swapped",
        "invalid": "not a valid latitude/longitude",
    }
    assert bbox_problem(*bounds) == messages[expected]


def test_the_gba_box_and_geometry_kinds():
    assert GBA_BBOX == (111.3, 21.4, 115.6, 24.5)
    assert GEOMETRY_TYPES == {
        "point": ("Point",),
        "indicative_extent": ("Polygon", "MultiPolygon"),
        "official_boundary": ("Polygon", "MultiPolygon"),
        "line": ("LineString", "MultiLineString"),
    }


# -- sites.geojson ---------------------------------------------------------------------

GOOD = {
    "site_id": "csns",
    "name_en": "China Spallation Neutron Source",
    "name_zh": "中国散裂中子源",
    "name_zh_hant": "中國散裂中子源",
    "category": "facility",
    "city": "Dongguan",
    "parent_id": "dongguan-science-city",
    "geometry_kind": "point",
    "location_uncertainty_m": 500,
    "location_confidence": "med",
    "location_source": "estimate",
}


_DROP = object()  # a property to leave out of the feature


def _feature(props: dict | None = None, geometry: dict | None = None, **changes) -> dict:
    properties = {**GOOD, **(props or {})}
    for key, value in changes.items():
        if value is _DROP:
            properties.pop(key)
        else:
            properties[key] = value
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": geometry or {"type": "Point", "coordinates": INSIDE},
    }


# The optional properties of a site added since 2019, as read for a site without them (one
# of the 2019 archive): no data version, not new.
ARCHIVE_SITE = {"added_in": "", "since_2019": False}


def _read(tmp_path: Path, features: list) -> tuple[list[dict], list[Problem]]:
    path = tmp_path / "sites.geojson"
    path.write_text(_fc(features=features), encoding="utf-8")
    problems: list[Problem] = []
    frame = read_sites(path, problems)
    assert list(frame.columns) == [f.name for f in SITE_PROPERTIES] + ["geometry"]
    assert str(frame.crs) == "EPSG:4326"
    rows = frame.drop(columns="geometry").to_dict("records")
    return rows, problems


def test_read_sites_keeps_a_good_feature_as_it_is(tmp_path):
    rows, problems = _read(tmp_path, [_feature()])
    assert problems == []
    assert rows == [{**GOOD, **ARCHIVE_SITE}]
    assert type(rows[0]["location_uncertainty_m"]) is int


def test_read_sites_accepts_an_uncertainty_of_zero(tmp_path):
    rows, problems = _read(tmp_path, [_feature(location_uncertainty_m=0)])
    assert problems == []
    assert rows[0]["location_uncertainty_m"] == 0


def test_read_sites_turns_a_float_uncertainty_into_whole_metres(tmp_path):
    rows, problems = _read(tmp_path, [_feature(location_uncertainty_m=250.0)])
    assert problems == []
    assert rows[0]["location_uncertainty_m"] == 250
    assert type(rows[0]["location_uncertainty_m"]) is int


@pytest.mark.parametrize("parent", ["", None, _DROP])
def test_read_sites_a_site_without_a_parent(tmp_path, parent):
    rows, problems = _read(tmp_path, [_feature(parent_id=parent)])
    assert problems == []
    assert rows == [{**GOOD, "parent_id": "", **ARCHIVE_SITE}]  # and every property after it is read


@pytest.mark.parametrize(
    ("change", "field", "value", "message"),
    [
        ({"name_en": ""}, "name_en", "", "missing required property"),
        ({"city": None}, "city", "", "missing required property"),
        ({"location_uncertainty_m": -1}, "location_uncertainty_m", -1, "expected a non-negative number"),
        ({"location_uncertainty_m": True}, "location_uncertainty_m", True, "expected a non-negative number"),
        ({"location_uncertainty_m": "500"}, "location_uncertainty_m", "500", "expected a non-negative number"),
        ({"name_en": 5}, "name_en", 5, "expected text"),
        (
            {"parent_id": "Not A Slug"},
            "parent_id",
            "Not A Slug",
            "ids are lower-case slugs: letters, digits and '-', up to 80 characters",
        ),
        ({"city": "Paris"}, "city", "Paris", None),
        ({"name_zh": "CSNS"}, "name_zh", "CSNS", "a Chinese name holds Chinese characters"),
        ({"name_zh_hant": "CSNS"}, "name_zh_hant", "CSNS", "a Chinese name holds Chinese characters"),
    ],
)
def test_read_sites_names_each_bad_property_and_drops_nothing_silently(tmp_path, change, field, value, message):
    rows, problems = _read(tmp_path, [_feature(change)])
    assert rows == []
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.where, problem.field, problem.value) == (
        "sites.geojson",
        "feature 0 (csns)",
        field,
        value,
    )
    if message:
        assert problem.message == message
    else:
        assert problem.message.startswith("not one of ")


@pytest.mark.parametrize(
    "first",
    [{"name_en": ""}, {"name_en": 5}, {"parent_id": "Not A Slug"}, {"city": "Paris"}, {"location_uncertainty_m": -1}],
    ids=["missing", "not text", "not a slug", "not a choice", "negative"],
)
def test_every_bad_property_of_a_feature_is_named_not_only_the_first(tmp_path, first):
    rows, problems = _read(tmp_path, [_feature({**first, "location_source": None})])
    assert rows == []
    assert [p.field for p in problems] == [*first, "location_source"]


def test_a_missing_property_is_named_even_without_an_id(tmp_path):
    rows, problems = _read(tmp_path, [_feature(site_id=_DROP)])
    assert rows == []
    assert problems == [Problem("sites.geojson", "feature 0", "site_id", "", "missing required property")]


def test_an_english_name_may_hold_any_script(tmp_path):
    _rows, problems = _read(tmp_path, [_feature(name_en="中国散裂中子源 CSNS")])
    assert problems == []


@pytest.mark.parametrize(
    ("feature", "field", "value", "message"),
    [
        ({"type": "Feature"}, "properties", "NoneType", "expected an object"),
        ({"type": "Feature", "properties": []}, "properties", "list", "expected an object"),
        ({"type": "feature", "properties": {}}, "type", "feature", "expected a GeoJSON Feature"),
        ([1], "type", "list", "expected a GeoJSON Feature"),
    ],
)
def test_read_sites_names_what_is_not_a_feature(tmp_path, feature, field, value, message):
    # Good features on both sides: the one that is not a feature stops nothing after it.
    rows, problems = _read(tmp_path, [_feature(), feature, _feature(site_id="b-2", name_en="B")])
    assert [r["site_id"] for r in rows] == ["csns", "b-2"]
    assert problems == [Problem("sites.geojson", "feature 1", field, value, message)]


def test_read_sites_names_a_duplicate_id_and_keeps_neither_silently(tmp_path):
    rows, problems = _read(tmp_path, [_feature(), _feature({"name_en": "Again"}), _feature()])
    assert [r["site_id"] for r in rows] == ["csns"]
    assert problems == [
        Problem("sites.geojson", "feature 1 (csns)", "site_id", "csns", "duplicate site_id: feature 0 has it too"),
        Problem("sites.geojson", "feature 2 (csns)", "site_id", "csns", "duplicate site_id: feature 0 has it too"),
    ]


def test_read_sites_checks_the_geometry_against_its_kind(tmp_path):
    polygon = {"type": "Polygon", "coordinates": [[[113.9, 22.7], [113.91, 22.7], [113.91, 22.71], [113.9, 22.7]]]}
    rows, problems = _read(tmp_path, [_feature(geometry=polygon)])
    assert rows == []
    assert problems == [
        Problem(
            "sites.geojson", "feature 0 (csns)", "geometry_kind", "point", "a Polygon cannot be a point; expected Point"
        )
    ]
    rows, problems = _read(tmp_path, [_feature(geometry_kind="line")])
    assert problems[0].message == "a Point cannot be a line; expected LineString or MultiLineString"


def test_read_sites_reads_every_good_feature_after_a_bad_one(tmp_path):
    other = _feature(site_id="fast", geometry={"type": "Point", "coordinates": [200, 22]})
    rows, problems = _read(tmp_path, [other, _feature(), _feature(site_id="b-2", name_en="B")])
    assert [r["site_id"] for r in rows] == ["csns", "b-2"]
    assert [(p.where, p.field) for p in problems] == [("feature 0 (fast)", "geometry")]


def test_read_sites_of_a_broken_file_is_an_empty_frame_with_the_columns(tmp_path):
    path = tmp_path / "sites.geojson"
    path.write_text("{", encoding="utf-8")
    problems: list[Problem] = []
    frame = read_sites(path, problems)
    assert frame.empty
    assert list(frame.columns) == [f.name for f in SITE_PROPERTIES] + ["geometry"]
    assert len(problems) == 1


# -- CSV -------------------------------------------------------------------------------


def test_csv_rows_keeps_quoted_newlines_and_names_malformed_csv():
    problems: list[Problem] = []
    assert csv_rows('a,b\n"x\ny",2\n', "t.csv", problems) == [["a", "b"], ["x\ny", "2"]]
    assert csv_rows("a;b\n1;2\n", "t.csv", problems, delimiter=";") == [["a", "b"], ["1", "2"]]
    assert csv_rows('a\r\n"x\r\ny"\r\n', "t.csv", problems) == [["a"], ["x\r\ny"]]  # a cell's CRLF is kept
    assert problems == []
    assert csv_rows('a,b\n"x"y,2\n', "t.csv", problems) is None
    assert problems == [Problem("t.csv", "", "", "", "malformed CSV: ',' expected after '\"'")]


def test_parse_csv_names_malformed_csv_by_its_file():
    problems: list[Problem] = []
    assert parse_csv('a,b\n"x"y,2\n', "t.csv", problems) is None
    assert problems == [Problem("t.csv", "", "", "", "malformed CSV: ',' expected after '\"'")]


def test_parse_csv_keeps_text_cells_and_counts_lines_as_an_editor_does():
    problems: list[Problem] = []
    frame = parse_csv(" site_id , n \ncsns, 1\n\n , \nfast,2\n", "t.csv", problems, required=("site_id",))
    assert problems == []
    assert list(frame.columns) == ["site_id", "n"]
    assert frame.to_dict("records") == [{"site_id": "csns", "n": " 1"}, {"site_id": "fast", "n": "2"}]
    assert list(frame.index) == [0, 3]  # row positions after the header: lines 2 and 5


@pytest.mark.parametrize("text", ["", "\n", " , \n1,2\n"])
def test_parse_csv_wants_a_header(text):
    problems: list[Problem] = []
    assert parse_csv(text, "t.csv", problems) is None
    assert problems == [Problem("t.csv", "line 1", "", "", "missing header row")]


def test_parse_csv_names_the_first_duplicate_column_once():
    problems: list[Problem] = []
    assert parse_csv("a,b,a,b\n1,2,3,4\n", "t.csv", problems) is None
    assert problems == [Problem("t.csv", "line 1", "a", "", "duplicate column")]


def test_a_duplicate_column_does_not_hide_the_missing_and_unknown_ones():
    problems: list[Problem] = []
    assert parse_csv("a,a,z\n1,2,3\n", "t.csv", problems, required=("a", "b"), known=("a", "b")) is None
    assert problems == [
        Problem("t.csv", "line 1", "a", "", "duplicate column"),
        Problem("t.csv", "line 1", "b", "", "missing required column"),
        Problem("t.csv", "line 1", "z", "", "unknown column; known columns: a, b"),
    ]


def test_parse_csv_names_every_missing_and_unknown_column():
    problems: list[Problem] = []
    assert parse_csv("a,z,y\n1,2,3\n", "t.csv", problems, required=("a", "b", "c"), known=("a", "b", "c")) is None
    assert problems == [
        Problem("t.csv", "line 1", "b", "", "missing required column"),
        Problem("t.csv", "line 1", "c", "", "missing required column"),
        Problem("t.csv", "line 1", "z", "", "unknown column; known columns: a, b, c"),
        Problem("t.csv", "line 1", "y", "", "unknown column; known columns: a, b, c"),
    ]


def test_parse_csv_names_every_row_of_the_wrong_length():
    problems: list[Problem] = []
    assert parse_csv("a,b\n1\n1,2\n1,2,3\n", "t.csv", problems) is None
    assert problems == [
        Problem("t.csv", "line 2", "", "", "1 cells where the header has 2"),
        Problem("t.csv", "line 4", "", "", "3 cells where the header has 2"),
    ]


def test_read_csv_of_a_missing_file_is_none_with_the_problem(tmp_path):
    problems: list[Problem] = []
    assert read_csv(tmp_path / "t.csv", problems) is None
    assert problems[0].message.startswith("file not found")
    (tmp_path / "t.csv").write_text("a\n1\n", encoding="utf-8")
    frame = read_csv(tmp_path / "t.csv", problems, required=("a",), known=("a",))
    assert frame.to_dict("records") == [{"a": "1"}]
    problems.clear()
    assert read_csv(tmp_path / "t.csv", problems, required=("a", "b")) is None
    assert problems == [Problem("t.csv", "line 1", "b", "", "missing required column")]


def test_parse_cells_types_each_declared_column_and_names_bad_cells():
    problems: list[Problem] = []
    frame = parse_csv("n,s,note\n 3 ,open,x\n\n,planned,y\n-2,shut,z\n", "t.csv", problems)  # a blank line
    out = parse_cells(frame, (YEAR, INT, ENUM), "t.csv", problems)  # the missing one first
    assert out["n"].tolist() == [3, None, None]
    assert out["s"].tolist() == ["open", "planned", None]
    assert out["y"].tolist() == [None, None, None]  # a declared column the file lacks
    assert out["note"].tolist() == ["x", "y", "z"]  # undeclared columns pass through as text
    assert out["n"].dtype == object
    assert problems == [
        Problem("t.csv", "line 5", "n", "-2", "must not be negative"),
        Problem("t.csv", "line 5", "s", "shut", "not one of planned, open"),
    ]
    assert frame["n"].tolist() == [" 3 ", "", "-2"]  # the text frame is not changed
