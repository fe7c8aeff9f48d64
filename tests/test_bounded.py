"""The bounded reader (issue #25): a visitor's file is read in a worker with hard limits,
and every way a read can go wrong is a message naming the file and the limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gba_dash.own import bounded
from gba_dash.own import formats as ownformats
from gba_dash.own.figures import read_figures
from gba_dash.own.layer import read_layer
from gba_dash.read.schema import DataError

from . import hostile_files as H
from . import pool_tasks

FAST = bounded.Limits(wall_seconds=3, cpu_seconds=2, memory_bytes=256 * 2**20)


@pytest.fixture(scope="module")
def pool():
    p = bounded.Pool(max_workers=1)
    yield p
    p.close()


def _refusal(pool, func, *args, limits=FAST) -> list[str]:
    with pytest.raises(DataError) as info:
        pool.run(func, *args, name="upload.csv", limits=limits)
    return info.value.summary()


def test_a_task_returns_its_value_from_a_warm_worker(pool):
    assert pool.run(pool_tasks.double, 21, name="x", limits=FAST) == 42
    first = pool.pids()
    assert pool.run(pool_tasks.double, 2, name="x", limits=FAST) == 4
    assert pool.pids() == first and first and first[0] != os.getpid()


def test_processor_time_is_bounded_and_the_worker_replaced(pool):
    before = pool.pids()
    assert _refusal(pool, pool_tasks.spin) == [
        "upload.csv: reading it needed more than 2 s of processor time, the limit; split it or aggregate it first"
    ]
    assert pool.run(pool_tasks.double, 1, name="x", limits=FAST) == 2
    assert pool.pids() != before


def test_wall_time_is_bounded_and_the_task_folder_removed_when_the_worker_is_killed(tmp_path):
    p = bounded.Pool(max_workers=1, temp_root=str(tmp_path))
    try:
        folder = p.run(pool_tasks.task_folder, name="x", limits=FAST)
        assert Path(folder).parent == tmp_path and not Path(folder).exists()
        problems = _refusal(p, pool_tasks.sleep_in_a_temporary_file)
        assert problems == ["upload.csv: reading it took longer than 3 s, the limit; split it or aggregate it first"]
        assert list(tmp_path.iterdir()) == []
    finally:
        p.close()


@pytest.mark.parametrize("task", [pool_tasks.hog, pool_tasks.numpy_hog])
def test_memory_is_bounded(pool, task):
    assert _refusal(pool, task) == [
        "upload.csv: reading it would need more than 256 MB of memory, the limit; split it or aggregate it first"
    ]
    assert pool.run(pool_tasks.double, 3, name="x", limits=FAST) == 6


def test_an_unexpected_error_is_a_short_message_not_its_internals(pool):
    problems = _refusal(pool, pool_tasks.fail)
    assert problems == ["upload.csv: cannot be read (IndexError); the error is logged on the server"]
    assert "out of bounds" not in problems[0]


def test_a_busy_pool_says_so_instead_of_waiting_forever():
    p = bounded.Pool(max_workers=0)
    with pytest.raises(DataError, match="the server is busy reading other files"):
        p.run(pool_tasks.double, 1, name="x.csv", limits=bounded.Limits(wall_seconds=0.1))


def test_the_deployers_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("GBA_DASH_READ_SECONDS", "5")
    monkeypatch.setenv("GBA_DASH_READ_MEMORY_MB", "2048")
    assert bounded.Limits.from_env() == bounded.Limits(wall_seconds=5, cpu_seconds=5, memory_bytes=2 * 2**30)
    monkeypatch.setenv("GBA_DASH_READ_SECONDS", "soon")
    assert bounded.Limits.from_env().wall_seconds == bounded.Limits.wall_seconds


# The cheap refusals, in the reader itself (small files, small limits: no worker needed).


def _layer_problems(name: str, data: bytes) -> list[str]:
    with pytest.raises(DataError) as info:
        read_layer(data, name)
    return [str(p) for p in info.value.problems]


def test_a_parquet_footer_over_the_row_limit_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(ownformats, "MAX_FEATURES", 1_000)
    name, data = H.parquet_dictionary_bomb(rows=5_000, name_bytes=64)
    assert _layer_problems(name, data) == [f"{name}: 5,000 rows; the limit is 1,000"]


def test_a_parquet_file_that_decodes_past_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(ownformats, "MAX_EXPANDED_BYTES", 100_000)
    name, data = H.parquet_dictionary_bomb(rows=5_000, name_bytes=64, dictionary=False)
    (problem,) = _layer_problems(name, data)
    assert problem.startswith(f"{name}: it decodes to ") and "the limit is 0 MB" in problem


def test_csv_sniffing_sees_a_bounded_sample_of_whole_lines(monkeypatch):
    import csv

    _, data = H.csv_sniffer_bomb(80_000)
    text = data.decode()
    seen: list[int] = []
    real = csv.Sniffer.sniff
    monkeypatch.setattr(
        csv.Sniffer,
        "sniff",
        lambda self, sample, delimiters=None: (seen.append(len(sample)), real(self, sample, delimiters))[1],
    )
    assert ownformats.sniff_delimiter(text) == ","
    assert seen and max(seen) <= ownformats.SNIFF_BYTES
    sample = ownformats.sniff_sample(text)
    assert len(sample) <= ownformats.SNIFF_BYTES and sample == "lat,lon,name"
    many = "a;b\n" + "1;2\n" * 5_000
    assert ownformats.sniff_sample(many).count("\n") == ownformats.SNIFF_LINES - 1
    assert ownformats.sniff_delimiter(many) == ";"


def test_a_geopackage_layer_that_is_a_view_is_refused_unread():
    name, data = H.geopackage_view_bomb()
    assert _layer_problems(name, data) == [
        f"{name}: field 'layer': value 'forever': a layer that is a view (a query) is not read; save it as a table"
    ]


def test_a_zip_that_expands_past_the_limit_is_refused_unread(monkeypatch):
    monkeypatch.setattr(ownformats, "MAX_EXPANDED_BYTES", 100_000)
    name, data = H.shapefile_multipoint(vertices=10_000)
    (problem,) = _layer_problems(name, data)
    assert problem.startswith(f"{name}: it expands to ") and problem.endswith("split it or aggregate it first")


def test_a_zip_of_too_many_members_is_refused(monkeypatch):
    monkeypatch.setattr(ownformats, "MAX_MEMBERS", 3)
    name, data = H.shapefile_points(10)
    assert _layer_problems(name, data) == [f"{name}: the archive holds 4 files; the limit is 3"]


def test_gdal_reads_one_feature_past_the_limit_and_no_more(monkeypatch):
    monkeypatch.setattr(ownformats, "MAX_FEATURES", 100)
    name, data = H.shapefile_points(5_000)
    assert _layer_problems(name, data) == [f"{name}: more than 100 features, the limit"]
    name, data = H.excel_sheet(rows=500)
    assert _layer_problems(name, data) == [f"{name}: more than 100 features, the limit"]


def test_a_multipart_geometry_over_the_vertex_cap_is_refused(monkeypatch):
    monkeypatch.setattr(ownformats, "MAX_VERTICES", 1_000)
    name, data = H.shapefile_multipoint(vertices=5_000)
    assert _layer_problems(name, data) == [
        f"{name}: field 'geometry': 5,000 vertices; the limit is 1,000; simplify or split the layer first"
    ]


@pytest.mark.parametrize(
    ("make", "crs", "why"),
    [
        (H.mars_shapefile, "Mars 2000", "(Mars vs Earth)"),
        (H.local_crs_shapefile, "Site grid", "a local engineering CRS (a CAD drawing's grid) has no position on Earth"),
    ],
)
def test_a_crs_that_cannot_become_wgs84_is_a_message(make, crs, why):
    name, data = make()
    (problem,) = _layer_problems(name, data)
    assert problem.startswith(f"{name}: field 'crs': value '{crs}': the file's CRS cannot be converted to WGS-84: ")
    assert why in problem
    assert "Internal Proj Error" not in problem and "/" not in problem


def test_an_empty_layer_is_named_not_an_index_error():
    name, data = H.empty_shapefile()
    assert _layer_problems(name, data) == [f"{name}: the layer has no features"]


def test_own_figures_with_a_repeated_column_are_named(tmp_path):
    from gba_dash.dataset import load_dataset

    name, data = H.repeated_header_figures()
    with pytest.raises(DataError) as info:
        read_figures(data, name, load_dataset(Path(__file__).parents[1] / "data").sites)
    assert [str(p) for p in info.value.problems] == [
        f"{name}: line 1: field 'papers': the header names this column twice (columns 2 and 3)"
    ]


def test_every_hostile_file_is_answered_by_the_pool_with_a_message():
    """The whole table of issue #25 through the real pool at the default limits, at sizes a
    test can make quickly (bench/hostile_uploads.py uploads the full-size files)."""
    sized = {
        "parquet dictionary bomb": lambda: H.parquet_dictionary_bomb(rows=600_000, name_bytes=16),
        "shapefile 4M points": lambda: H.shapefile_points(600_000),
        "shapefile 100M-point multipoint": lambda: H.shapefile_multipoint(vertices=20_000_000),
        "excel sheet": lambda: H.excel_sheet(rows=600_000),
    }
    p = bounded.Pool(max_workers=1)
    try:
        for what, (make, kind) in H.ALL.items():
            name, data = sized.get(what, make)()
            if kind == "layer":
                with pytest.raises(DataError) as info:
                    p.run(read_layer, data, name, name=name)
            else:
                from gba_dash.dataset import load_dataset

                sites = load_dataset(Path(__file__).parents[1] / "data").sites[
                    ["site_id", "name_en", "name_zh", "name_zh_hant"]
                ]
                with pytest.raises(DataError) as info:
                    p.run(read_figures, data, name, sites.copy(), name=name)
            problems = [str(x) for x in info.value.problems]
            assert problems and all(x.startswith(f"{name}: ") for x in problems), (what, problems)
            assert not any("Traceback" in x or "/tmp" in x for x in problems), (what, problems)
    finally:
        p.close()


def test_a_table_mixing_utf8_and_gbk_lines_is_named_not_garbled():
    data = "lat,lon,name\n22.5,114.0,深圳湾\n".encode() + "22.6,114.1,东莞松山湖\n".encode("gbk")
    assert _layer_problems("mixed.csv", data) == [
        "mixed.csv: line 3: the file mixes encodings: line 2 is UTF-8 and line 3 is not; "
        "save the whole table in one encoding (CSV UTF-8) and upload again"
    ]
    for whole, encoding in [
        ("22.5,114.0,深圳湾\n22.6,114.1,东莞松山湖\n", "gbk"),
        ("22.5,114.0,深圳灣\n22.6,114.1,東莞松山湖\n", "big5"),
        ("22.5,114.0,深圳湾\n22.6,114.1,东莞松山湖\n", "utf-8"),
    ]:
        assert len(read_layer(("lat,lon,name\n" + whole).encode(encoding), "one.csv")) == 2


def test_the_pages_readers_parse_in_the_pool_never_in_the_server(monkeypatch):
    """Every cached reader of a visitor's file hands it to ``bounded.run``; an error it did
    not expect becomes a message naming the file (logged), never an exception on the page."""
    from gba_dash.ui import cache

    calls = []

    def fake_run(func, *args, name, limits=None, **kwargs):
        calls.append((func.__name__, name))
        raise RuntimeError("the worker broke")

    monkeypatch.setattr(bounded, "run", fake_run)
    data = b"lat,lon\n22.5,114.0\n"
    assert list(cache.own_layer.__wrapped__(data, "p.csv", None, None)) == [
        "p.csv: cannot be read; the error is logged on the server"
    ]
    assert cache.own_layers.__wrapped__(b"PK", "p.xlsx") == []
    assert cache.own_header.__wrapped__(data, "p.csv") == []
    assert [c[0] for c in calls] == ["read_layer", "layers_of", "csv_header"]
    assert all(name.startswith("p.") for _, name in calls)


def test_gdal_is_asked_for_one_feature_past_the_limit(monkeypatch):
    import pyogrio

    asked = {}
    real = pyogrio.read_dataframe

    def spy(path, **kwargs):
        asked.update(kwargs)
        return real(path, **kwargs)

    monkeypatch.setattr(pyogrio, "read_dataframe", spy)
    monkeypatch.setattr(ownformats, "MAX_FEATURES", 100)
    name, data = H.shapefile_points(5_000)
    assert _layer_problems(name, data) == [f"{name}: more than 100 features, the limit"]
    assert asked["max_features"] == 101
