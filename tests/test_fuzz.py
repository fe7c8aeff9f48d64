"""Property-based tests: malformed input yields the project's own DataError, never a raw exception."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gba_dash.dataset import load_dataset
from gba_dash.own.layer import read_layer
from gba_dash.read.schema import DataError
from gba_dash.view.share import Vocab
from gba_dash.view.tours import parse_tour

from .conftest import DATA

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
coordinates = st.one_of(
    st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=3),
    st.lists(st.lists(st.floats(-200, 200), max_size=3), max_size=4),
    st.lists(st.lists(st.lists(st.floats(110, 116), min_size=2, max_size=2), max_size=5), max_size=2),
    json_values,
)
geometries = st.one_of(
    st.none(),
    json_values,
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(["Point", "Polygon", "LineString", "MultiPolygon", "Nope"]),
            "coordinates": coordinates,
        }
    ),
)
properties = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {
            "site_id": st.one_of(st.sampled_from(["csns", "luohu-port", "new-site"]), json_values),
            "name_en": json_values,
            "name_zh": st.text(max_size=5),
            "category": st.sampled_from(["facility", "checkpoint", "bogus"]),
            "city": st.sampled_from(["Dongguan", "Atlantis"]),
            "geometry_kind": st.sampled_from(["point", "line"]),
            "location_uncertainty_m": json_values,
            "location_confidence": st.sampled_from(["low", "x"]),
            "location_source": st.text(max_size=5),
        }
    ),
)
features = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"type": st.sampled_from(["Feature", "feature"]), "properties": properties, "geometry": geometries}
    ),
)
collections = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"type": st.sampled_from(["FeatureCollection", "Feature"]), "features": st.lists(features, max_size=4)}
    ),
)


@pytest.fixture(scope="module")
def scratch():
    with tempfile.TemporaryDirectory() as d:
        dest = Path(d) / "data"
        shutil.copytree(DATA, dest)
        for p in dest.rglob("*"):
            p.chmod(0o644 if p.is_file() else 0o755)
        yield dest


def _load_with(scratch: Path, name: str, data: bytes) -> None:
    original = (DATA / name).read_bytes()
    (scratch / name).write_bytes(data)
    try:
        load_dataset(scratch)
    except DataError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
    finally:
        (scratch / name).write_bytes(original)


FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(collections)
def test_random_sites_geojson_gives_data_error(scratch, doc):
    _load_with(scratch, "sites.geojson", json.dumps(doc).encode())


@FUZZ
@given(st.binary(max_size=200))
def test_random_bytes_as_sites_give_data_error(scratch, data):
    _load_with(scratch, "sites.geojson", data)


csv_cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@FUZZ
@given(
    st.lists(st.lists(csv_cells, min_size=0, max_size=16), max_size=6),
    st.sampled_from(
        ["facilities.csv", "checkpoints.csv", "sources.csv", "figure_sources.csv", "stories.csv", "city_context.csv"]
    ),
)
def test_random_csv_rows_give_data_error(scratch, rows, name):
    import csv
    import io

    header = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    _load_with(scratch, name, (header + "\n" + out.getvalue()).encode())


@FUZZ
@given(
    st.binary(max_size=300),
    st.sampled_from(
        ["p.csv", "p.geojson", "p.txt", "p.json", "p.tsv", "p.xlsx", "p.gpkg", "p.zip", "p.kml", "p.fgb", "p.parquet"]
    ),
)
def test_random_own_layer_bytes(data, name):
    try:
        read_layer(data, name)
    except DataError as exc:
        assert exc.problems


@FUZZ
@given(json_values)
def test_random_tour_json(doc):
    problems = []
    parse_tour(
        "t",
        json.dumps(doc).encode(),
        Vocab(site_ids=frozenset({"csns"}), focus=frozenset()),
        problems,
        name="tours/t.json",
    )
