"""Big broken tables: the problem list stays readable, follow-on problems are one line (#14).

How long a million-row check takes is measured in bench/run.py, not asserted here.
"""

from __future__ import annotations

import json

import pytest

from gba_dash.cli import main
from gba_dash.dataset import load_dataset
from gba_dash.read.schema import MAX_SHOWN, DataError, Problem, summarise

ROWS = 100_000


def _append(path, lines):
    with path.open("a", encoding="utf-8") as fh:
        fh.writelines(lines)


def test_many_rows_with_one_fault_read_as_examples_and_a_count(data_copy, capsys):
    header = (data_copy / "checkpoints.csv").read_text(encoding="utf-8").splitlines()[0]
    width = len(header.split(","))
    _append(data_copy / "checkpoints.csv", (f"nowhere-{i}" + "," * (width - 1) + "\n" for i in range(ROWS)))
    assert main(["check", str(data_copy)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{ROWS} problem(s) in {data_copy}:"
    assert len(err) <= MAX_SHOWN + 10
    assert err[1].startswith("checkpoints.csv: line 13: field 'site_id': value 'nowhere-0': unknown site")
    assert f"checkpoints.csv: field 'site_id': unknown site: and {ROWS - 20:,} more like this" in err


def test_a_million_source_rows_check_without_per_row_python(data_copy):
    """Many valid extra sources load (the columns are checked vectorised); duplicates are named."""
    lines_before = len((data_copy / "sources.csv").read_text(encoding="utf-8").splitlines())
    _append(data_copy / "sources.csv", (f"extra-{i},Title {i},,,2019,high,,\n" for i in range(ROWS)))
    _append(data_copy / "sources.csv", ["extra-7,Again,,,2019,high,,\n"])
    with pytest.raises(DataError) as info:
        load_dataset(data_copy)
    assert [str(p) for p in info.value.problems] == [
        f"sources.csv: line {lines_before + ROWS + 1}: field 'source_id': value 'extra-7': duplicate source_id"
    ]


def test_problems_caused_by_a_broken_sites_file_are_one_line_per_table(data_copy):
    path = data_copy / "sites.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"] = [f for f in doc["features"] if f["properties"]["category"] != "checkpoint"]
    doc["features"][0]["geometry"] = None  # one broken feature: the sites file has a problem
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset(data_copy)
    lines = [str(p) for p in info.value.problems]
    assert not any("checkpoints.csv: line" in line for line in lines), lines
    assert any(
        line.startswith("checkpoints.csv: field 'site_id': 11 rows name sites not loaded, because of the problems")
        for line in lines
    ), lines


def test_summarise_caps_each_kind_and_the_total():
    many = [Problem("a.csv", f"line {i}", "x", i, "bad value") for i in range(50)]
    other = [Problem("b.csv", f"line {i}", "y", i, "worse: detail") for i in range(5)]
    lines = summarise(many + other, per_kind=3, most=100)
    assert lines[:3] == ["a.csv: line 0: field 'x': value '0': bad value", *lines[1:3]]
    assert len([line for line in lines if line.startswith("b.csv: line")]) == 3
    assert lines[-2:] == [
        "a.csv: field 'x': bad value: and 47 more like this",
        "b.csv: field 'y': worse: and 2 more like this",
    ]
    assert len(summarise(many, per_kind=1000, most=10)) == 11
