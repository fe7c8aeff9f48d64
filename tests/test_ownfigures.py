"""A researcher's own figures for the curated sites (issue #11)."""

from __future__ import annotations

import pandas as pd
import pyogrio
import pytest

from gba_dash.own.figures import own_field, read_figures
from gba_dash.publish.charts import metric_chart, ratio_frame
from gba_dash.read.schema import DataError


def _problems(data: bytes, dataset, name: str = "mine.csv") -> list[str]:
    with pytest.raises(DataError) as info:
        read_figures(data, name, dataset.sites)
    return [str(p) for p in info.value.problems]


def test_rows_match_by_id_english_or_chinese_name_ignoring_case_and_width(dataset):
    body = "名称;patents;remark\n南沙科学城;120;ok\nＣＳＮＳ;3;x\n"
    body += "guangming   SCIENCE city;55;\n深中通道;;y\nAtlantis;1;z\n"
    figures = read_figures(body.encode("gbk"), "mine.csv", dataset.sites)
    assert figures.values["patents"].dropna().to_dict() == {
        "nansha-science-city": 120.0,
        "csns": 3.0,
        "guangming-science-city": 55.0,
    }
    assert figures.unmatched == ("line 6: 'Atlantis'",)  # listed, never silently dropped
    assert figures.metrics == ("own:patents",)
    assert "column 'remark' is not all numbers: left out" in figures.notes
    assert figures.pairs("own:patents") == (
        ("nansha-science-city", 120.0),
        ("csns", 3.0),
        ("guangming-science-city", 55.0),
    )


def test_excel_figures(dataset, tmp_path):
    path = tmp_path / "mine.xlsx"
    pyogrio.write_dataframe(pd.DataFrame({"site_id": ["csns"], "papers": [40]}), path)
    assert read_figures(path.read_bytes(), "mine.xlsx", dataset.sites).values.to_dict() == {"papers": {"csns": 40.0}}


def test_broken_figures_are_named(dataset):
    assert _problems(b"site_id,papers\ncsns,1\nCSNS,2\n", dataset) == [
        "mine.csv: line 3: field 'site_id': value 'CSNS': second row for csns (line 2)"
    ]
    assert _problems(b"what,papers\na,1\n", dataset) == [
        "mine.csv: line 1: no key column: name one site_id, name_en, name or 名称"
    ]
    assert _problems(b"site_id,remark\ncsns,good\n", dataset) == [
        "mine.csv: no numeric column to compare (every value a number or empty)"
    ]
    assert _problems(b"site_id,papers\ncsns\n", dataset) == ["mine.csv: line 2: 1 cells where the header has 2"]
    assert _problems(b"x", dataset, "mine.docx") == ["mine.docx: own figures are a .csv, .tsv, .txt or .xlsx table"]


def test_own_metric_in_the_chart_and_per_km2(dataset):
    field = own_field("own:patents")
    sites = dataset.sites.assign(**{"own:patents": dataset.sites["site_id"].map({"nansha-science-city": 198.0})})
    chart, caption = metric_chart(sites, "own:patents", field=field)
    assert chart is not None and caption.startswith("patents (your data): Nansha Science City 198")
    ratios = ratio_frame(sites, own=field)
    row = ratios[ratios["ratio"] == "patents (your data) per km²"]
    assert row["value"].tolist() == [2.0]  # 198 over 99 km²
