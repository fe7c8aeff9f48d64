"""Exports a researcher opens elsewhere: no formulas run in a spreadsheet, bad paths say so."""

from __future__ import annotations

import csv
import io
import json

from gba_dash.cli import main
from gba_dash.publish.export import to_csv

PAYLOADS = {
    "name_en": '=HYPERLINK("http://x","y")',
    "name_zh": "+cmd|' /C calc'!A0",
    "city_district": "@SUM(1+1)*cmd|' /C calc'!A0",
}


def _rows(text: str) -> dict[str, dict[str, str]]:
    return {r["site_id"]: r for r in csv.DictReader(io.StringIO(text))}


def test_csv_export_neutralises_formula_cells_and_keeps_numbers(dataset):
    sites = dataset.sites.copy()
    row = sites["site_id"] == "csns"
    for column, value in PAYLOADS.items():
        if column in sites.columns:
            sites.loc[row, column] = value
    sites.loc[row, "investment_cny_bn"] = -2.5  # a negative figure is a number, not a formula
    out = _rows(to_csv(sites))["csns"]
    for column, value in PAYLOADS.items():
        if column in sites.columns:
            assert out[column] == "'" + value
    assert out["investment_cny_bn"] == "-2.5"
    assert float(out["lon"]) > 113 and float(out["lat"]) < 23.5  # lon, lat not swapped


def test_tab_and_carriage_return_starts_are_neutralised_too(dataset):
    sites = dataset.sites.copy()
    sites.loc[sites["site_id"] == "csns", "name_en"] = "\t=1+1"
    assert _rows(to_csv(sites))["csns"]["name_en"] == "'\t=1+1"


def test_check_warns_about_formula_cells(data_copy, capsys):
    path = data_copy / "sites.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    for feature in doc["features"]:
        if feature["properties"]["site_id"] == "csns":
            feature["properties"]["name_en"] = PAYLOADS["name_en"]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "warning: site csns: name_en starts with '='" in out
    assert main(["export", "--format", "csv", "--data", str(data_copy)]) == 0
    assert _rows(capsys.readouterr().out)["csns"]["name_en"] == "'" + PAYLOADS["name_en"]


def test_export_to_a_bad_path_is_one_line_and_exit_1(tmp_path, capsys):
    for target in (tmp_path / "missing" / "out.csv", tmp_path):
        assert main(["export", "--format", "csv", "--out", str(target)]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith(f"gba-dash export: cannot write {target}")


def test_export_site_to_a_bad_path_is_one_line_and_exit_1(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["export-site", str(blocker / "out")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot write" in err[0]
