"""A corpus of broken inputs: each gives a precise message and nothing is loaded silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gba_dash.dataset import load_dataset
from gba_dash.read.schema import DataError


def _edit_json(path: Path, change) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _feature(doc, site_id):
    return next(f for f in doc["features"] if f["properties"]["site_id"] == site_id)


def _sites(change):
    return lambda d: _edit_json(d / "sites.geojson", change)


def _replace(name, old, new):
    def apply(d: Path) -> None:
        text = (d / name).read_text(encoding="utf-8")
        assert old in text, f"fixture drift: {old!r} not in {name}"
        (d / name).write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def _append(name, line):
    return lambda d: (d / name).write_text((d / name).read_text(encoding="utf-8") + line, encoding="utf-8")


def _set_geom(site_id, geometry):
    def change(doc):
        _feature(doc, site_id)["geometry"] = geometry

    return _sites(change)


def _set_prop(site_id, key, value):
    def change(doc):
        _feature(doc, site_id)["properties"][key] = value

    return _sites(change)


def _dup_feature(doc):
    doc["features"].append(json.loads(json.dumps(_feature(doc, "csns"))))


def _reencode(name, encoding):
    def apply(d: Path) -> None:
        text = (d / name).read_text(encoding="utf-8")
        (d / name).write_bytes(text.encode(encoding))

    return apply


BOWTIE = {
    "type": "Polygon",
    "coordinates": [[[113.9, 22.5], [114.0, 22.6], [114.0, 22.5], [113.9, 22.6], [113.9, 22.5]]],
}

CASES = [
    (
        "malformed JSON",
        lambda d: (d / "sites.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8"),
        "sites.geojson: line 1 column 44: malformed JSON",
    ),
    (
        "not a FeatureCollection",
        lambda d: (d / "sites.geojson").write_text('{"type": "Feature"}', encoding="utf-8"),
        "sites.geojson: field 'type': value 'Feature': expected a GeoJSON FeatureCollection",
    ),
    (
        "Traditional name missing",
        _set_prop("csns", "name_zh_hant", ""),
        "sites.geojson: feature 8 (csns): field 'name_zh_hant': missing required property",
    ),
    (
        "Traditional name not in Chinese",
        _set_prop("csns", "name_zh_hant", "China Spallation Neutron Source"),
        "sites.geojson: feature 8 (csns): field 'name_zh_hant': value 'China Spallation Neutron Source': "
        "a Chinese name holds Chinese characters",
    ),
    (
        "sub-project's Traditional name in English",
        _replace("subprojects.csv", ",中國科學院南海海洋研究所,", ",South China Sea Institute,"),
        "subprojects.csv: line 2: field 'name_zh_hant': value 'South China Sea Institute': "
        "a Chinese name holds Chinese characters",
    ),
    (
        "missing site_id",
        _set_prop("csns", "site_id", ""),
        "sites.geojson: feature 8: field 'site_id': missing required property",
    ),
    (
        "duplicate site_id",
        _sites(_dup_feature),
        "sites.geojson: feature 44 (csns): field 'site_id': value 'csns': duplicate site_id: feature 8 has it too",
    ),
    (
        "attribute row for an unknown site",
        _append("facilities.csv", "atlantis-lab,,,,,,,,,,,,,\n"),
        "facilities.csv: line 19: field 'site_id': value 'atlantis-lab': unknown site: no feature in sites.geojson",
    ),
    (
        "row in the wrong table",
        _append("facilities.csv", "luohu-port,,,,,,,,,,,,,\n"),
        "facilities.csv: line 19: field 'site_id': value 'luohu-port': site is a checkpoint; its row belongs in "
        "checkpoints.csv",
    ),
    (
        "site in no table",
        _replace("checkpoints.csv", "luohu-port,seed-smart-glasses,Hong Kong,,rollout_announced,\n", ""),
        "checkpoints.csv: field 'site_id': value 'luohu-port': site is a checkpoint in sites.geojson but has no "
        "row here",
    ),
    (
        "duplicate attribute row",
        _append("checkpoints.csv", "luohu-port,,Hong Kong,,,\n"),
        "checkpoints.csv: line 13: field 'site_id': value 'luohu-port': duplicate site_id: line 5 has it too",
    ),
    (
        "invalid geometry",
        _set_geom("csns", BOWTIE),
        "sites.geojson: feature 8 (csns): field 'geometry': value 'Polygon': invalid geometry: Self-intersection",
    ),
    (
        "malformed geometry",
        _set_geom("csns", {"type": "Point", "coordinates": ["x"]}),
        "sites.geojson: feature 8 (csns): field 'geometry': value 'Point': invalid geometry",
    ),
    (
        "unknown geometry type",
        _set_geom("csns", {"type": "Nope", "coordinates": [113.9, 22.9]}),
        "sites.geojson: feature 8 (csns): field 'geometry': value 'Nope': invalid geometry",
    ),
    (
        "empty geometry",
        _set_geom("csns", {"type": "Point", "coordinates": []}),
        "sites.geojson: feature 8 (csns): field 'geometry': value 'Point': empty geometry",
    ),
    (
        "missing geometry",
        _set_geom("csns", None),
        "sites.geojson: feature 8 (csns): field 'geometry': missing geometry",
    ),
    (
        "outside the GBA box",
        _set_geom("csns", {"type": "Point", "coordinates": [2.35, 48.85]}),
        "sites.geojson: feature 8 (csns): field 'geometry': value '2.35,48.85,2.35,48.85': outside the GBA box",
    ),
    (
        "latitude and longitude swapped",
        _set_geom("csns", {"type": "Point", "coordinates": [22.913, 113.955]}),
        "sites.geojson: feature 8 (csns): field 'geometry': value '22.913,113.955,22.913,113.955': latitude and "
        "longitude look swapped",
    ),
    (
        "geometry kind mismatch",
        _set_prop("csns", "geometry_kind", "line"),
        "sites.geojson: feature 8 (csns): field 'geometry_kind': value 'line': a Point cannot be a line",
    ),
    (
        "unknown category",
        _set_prop("csns", "category", "spaceport"),
        "sites.geojson: feature 8 (csns): field 'category': value 'spaceport': not one of",
    ),
    (
        "city outside the GBA",
        _set_prop("csns", "city", "Beijing"),
        "sites.geojson: feature 8 (csns): field 'city': value 'Beijing': not one of",
    ),
    (
        "unknown parent",
        _set_prop("csns", "parent_id", "nowhere"),
        "sites.geojson: site csns: field 'parent_id': value 'nowhere': unknown site_id",
    ),
    (
        "non-numeric figure",
        _replace("facilities.csv", ",2.3,", ",2.3bn,"),
        "facilities.csv: line 5: field 'investment_cny_bn': value '2.3bn': not a number",
    ),
    (
        "negative figure",
        _replace("science_cities.csv", ",53.3,", ",-53.3,"),
        "science_cities.csv: line 4: field 'area_km2': value '-53.3': must be a finite number, not negative",
    ),
    (
        "bad year",
        _replace("facilities.csv", ",2011,", ",20111,"),
        "facilities.csv: line 5: field 'year_established': value '20111': not a four-digit year",
    ),
    (
        "figure without a source",
        _replace("ai_parks.csv", "daya-bay-ai-park,seed-daya-bay,", "daya-bay-ai-park,,"),
        "ai_parks.csv: line 2 (daya-bay-ai-park): field 'status': value 'planned': figure without a source",
    ),
    (
        "unknown source",
        _replace("ai_parks.csv", "seed-daya-bay", "seed-nowhere"),
        "ai_parks.csv: line 2: field 'source_id': value 'seed-nowhere': unknown source_id",
    ),
    (
        "source for an empty figure",
        _append("figure_sources.csv", "ai_parks,daya-bay-ai-park,investment_cny_bn,seed-daya-bay,\n"),
        "figure_sources.csv: line 22: field 'field': value 'investment_cny_bn': ai_parks.csv has no value for "
        "daya-bay-ai-park; a source needs a figure",
    ),
    (
        "source without an as-of date",
        _replace("sources.csv", ',2019,2019,med,,"Survey', ',2019,mid-2019,med,,"Survey'),
        "sources.csv: line 2: field 'as_of': value 'mid-2019': as-of date must be YYYY",
    ),
    (
        "unknown column",
        _replace("checkpoints.csv", "daily_crossings", "daily_crosings"),
        "checkpoints.csv: line 1: field 'daily_crosings': unknown column",
    ),
    ("ragged CSV row", _append("checkpoints.csv", "x,y\n"), "checkpoints.csv: line 13: 2 cells where the header has 6"),
    (
        "CRS other than WGS-84",
        _sites(lambda doc: doc.update(crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}})),
        "sites.geojson: field 'crs': value 'urn:ogc:def:crs:EPSG::3857': CRS other than WGS-84",
    ),
    ("CSV in another encoding", _reencode("subprojects.csv", "gb18030"), "subprojects.csv: line 2: value"),
    (
        "story about an unknown site",
        _replace("stories.csv", "peng-cheng-lab", "peng-cheng-lab; ghost-lab"),
        "stories.csv: line 2: field 'site_ids': value 'ghost-lab': unknown site_id",
    ),
    ("missing file", lambda d: (d / "context.csv").unlink(), "context.csv: file not found"),
]


@pytest.mark.parametrize(("mutate", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_input_gives_a_precise_error(data_copy, mutate, expected):
    mutate(data_copy)
    with pytest.raises(DataError) as info:
        load_dataset(data_copy)
    messages = [str(p) for p in info.value.problems]
    assert any(m.startswith(expected) for m in messages), messages


def test_encoding_error_says_utf8(data_copy):
    _reencode("subprojects.csv", "gb18030")(data_copy)
    with pytest.raises(DataError, match="not UTF-8 text"):
        load_dataset(data_copy)


def test_every_problem_is_reported_at_once(data_copy):
    """Three unrelated problems in three files: all three are listed, not just the first."""
    _replace("facilities.csv", ",2.3,", ",x,")(data_copy)
    _set_prop("luohu-port", "city", "Atlantis")(data_copy)
    _replace("stories.csv", "asiaworld-expo", "nowhere")(data_copy)
    with pytest.raises(DataError) as info:
        load_dataset(data_copy)
    files = {p.file for p in info.value.problems}
    assert {"facilities.csv", "sites.geojson", "stories.csv"} <= files


def test_missing_directory_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="data directory not found"):
        load_dataset(tmp_path / "nope")


def test_utf8_with_bom_is_accepted(data_copy):
    text = (data_copy / "checkpoints.csv").read_text(encoding="utf-8")
    (data_copy / "checkpoints.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert len(load_dataset(data_copy).sites) == 31
