"""One rule for context places' figures (issue #27, item 8): Qianhai's and Hengqin's areas
count in the slider's range, the area chart, the table, the CSV and `gba-dash check`."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from gba_dash.dataset import load_dataset
from gba_dash.publish.charts import metric_frame
from gba_dash.publish.export import to_csv
from gba_dash.read.fields import FIELD_BY_NAME
from gba_dash.read.history import view

from .conftest import ROOT, run_app

ZONES = {"qianhai": 120.56, "hengqin": 106.0}


@pytest.fixture(scope="module")
def latest():
    return view(load_dataset(ROOT / "data"), "latest")


def test_the_area_field_covers_context_places():
    assert "context" in FIELD_BY_NAME["area_km2"].tables


def test_the_area_chart_draws_the_context_places_areas(latest):
    frame = metric_frame(latest.sites, "area_km2").set_index("site_id")
    for site, area in ZONES.items():
        assert frame.loc[site, "reported"] and frame.loc[site, "value"] == pytest.approx(area)


def test_the_csv_carries_them(latest):
    csv = pd.read_csv(io.StringIO(to_csv(latest.sites)), dtype={"site_id": str}).set_index("site_id")
    for site, area in ZONES.items():
        assert csv.loc[site, "area_km2"] == pytest.approx(area)


def test_check_does_not_call_them_bare():
    ds = load_dataset(ROOT / "data")
    warning = next((w for w in ds.warnings if "no reported figures" in w), "")
    bare = set(warning.rpartition(": ")[2].split(", "))
    assert "gongbei-port" in bare and not bare & set(ZONES), warning


@pytest.mark.page
def test_the_slider_range_and_the_table_hold_them():
    at = run_app({"asof": "latest"})
    slider = next(s for s in at.slider if s.label.startswith("Area"))
    assert slider.max >= 120.56
    table = next(d for d in at.dataframe if "area_km2" in d.value.columns and "name_en" in d.value.columns)
    areas = dict(zip(table.value["name_en"], table.value["area_km2"], strict=True))
    assert areas["Qianhai"] == pytest.approx(120.56) and areas["Hengqin"] == pytest.approx(106.0)
