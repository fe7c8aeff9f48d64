"""Charts: 'not reported' is a label, never a zero; ratios only where both figures exist."""

from __future__ import annotations

import pytest

from gba_dash.publish.charts import (
    context_chart,
    metric_chart,
    metric_frame,
    ratio_chart,
    ratio_frame,
    timeline_chart,
    timeline_frame,
    to_spec,
)
from gba_dash.read.history import view


def test_metric_frame_marks_not_reported(dataset):
    frame = metric_frame(dataset.sites, "investment_cny_bn")
    csns = frame[frame["site_id"] == "csns"].iloc[0]
    assert csns["value"] == 2.3 and csns["reported"]
    nansha = frame[frame["site_id"] == "nansha-science-city"].iloc[0]
    assert not nansha["reported"] and nansha["label"] == "not reported"
    assert frame["value"].isna().sum() == (~frame["reported"]).sum()  # NA, not 0
    assert "checkpoint" not in " ".join(frame["category"]).lower()  # only tables that have the field


def test_metric_chart_has_a_caption_and_axis_title_from_the_field_table(dataset):
    chart, caption = metric_chart(dataset.sites, "area_km2")
    spec = chart.to_dict()
    assert spec["description"] == caption
    assert "Area (km²)" in str(spec)
    assert caption.startswith("Area: Nansha Science City 99;") and "not reported for" in caption


def test_metric_chart_in_chinese(dataset):
    chart, caption = metric_chart(dataset.sites, "area_km2", "zh")
    assert "面积 (km²)" in str(chart.to_dict()) and "未报告" in caption


def test_metric_chart_empty_selection(dataset):
    chart, caption = metric_chart(dataset.sites.iloc[0:0], "area_km2")
    assert chart is None and caption


def test_ratios_only_where_both_figures_are_reported(dataset):
    frame = ratio_frame(dataset.sites)
    per_km2 = frame[frame["ratio"] == "Investment per km²"].set_index("site")["value"]
    assert per_km2["Songshan Lake Materials Laboratory"] == round(12 / 4.85, 3)
    assert "China Spallation Neutron Source (CSNS)" not in per_km2  # no area reported
    assert set(frame[frame["ratio"] == "Scientists per km²"]["site"]) == {"Songshan Lake Materials Laboratory"}


def test_timeline_spans_csns_to_the_link(dataset):
    frame = timeline_frame(dataset.sites)
    assert frame["year"].min() == 2011 and frame["year"].max() == 2024
    _chart, caption = timeline_chart(dataset.sites)
    assert caption.startswith("2011 China Spallation Neutron Source")


def test_context_chart(dataset):
    chart, caption = context_chart(dataset.city_context)
    assert "Guangdong 21,473 (reported)" in caption and "34,800 (expected by end of 2019)" in caption
    assert chart.to_dict()["description"] == caption


def _later_bars(chart) -> tuple[dict, list[dict]]:
    spec = chart.to_dict()
    bars = spec["layer"][0]
    rows = spec["datasets"][bars["data"]["name"]]
    return bars, [r for r in rows if r["basis"] == "later"]


@pytest.mark.parametrize(
    ("lang", "differ"),
    [
        ("en", "from different years (2020, 2022, 2023)"),
        ("zh", "年份不同（2020、2022、2023）"),
        ("zh-Hant", "年份不同"),
    ],
)
def test_the_5g_chart_colours_and_labels_each_latest_bar_by_its_year(dataset, lang, differ):
    """Issue #28, item 7: the latest counts are from 2020, 2022 and 2023, not one year."""
    chart, caption = context_chart(view(dataset, "latest").city_context, lang)
    bars, later = _later_bars(chart)
    # one colour per year: each latest bar's colour label names its year, and no two years share one
    years = {r["as_of"][:4] for r in later}
    assert years == {"2020", "2022", "2023"}
    assert all(r["as_of"][:4] in r["basis_label"] for r in later)
    scale = bars["encoding"]["color"]["scale"]
    later_labels = {r["basis_label"] for r in later}
    assert later_labels <= set(scale["domain"]) and len(later_labels) == len(years)
    assert len(set(scale["range"])) == len(scale["domain"])
    # and each latest bar carries its as-of date as text, so the year reads without colour
    text = chart.to_dict()["layer"][1]
    assert text["mark"]["type"] == "text" and text["encoding"]["text"]["field"] == "bar_label"
    assert {r["bar_label"] for r in later} == {"2020-12", "2022-11", "2023"}
    # the caption (the chart's text alternative) says the years differ
    assert differ in caption and chart.to_dict()["description"] == caption


def test_the_2019_5g_chart_has_no_latest_bars_and_no_years_note(dataset):
    chart, caption = context_chart(view(dataset, "2019").city_context)
    assert "different years" not in caption and "layer" not in chart.to_dict()


def test_chart_images_render_offline(dataset):
    from gba_dash.publish.charts import chart_image

    chart, _ = metric_chart(dataset.sites, "area_km2", "zh")
    png = chart_image(chart.to_dict(), "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000
    svg = chart_image(chart.to_dict(), "svg")
    assert svg.lstrip().startswith("<svg") or "<svg" in svg[:200]
    assert "面积" in svg


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_unvalidated_specs_the_page_draws_pass_vega_lite_validation(dataset, lang):
    """The page skips Altair's schema validation at run time; every spec it can draw is validated here."""
    from gba_dash.read.fields import CATEGORIES, METRICS

    subsets = [dataset.sites] + [dataset.sites[dataset.sites["category"] == c] for c in CATEGORIES]
    built = [context_chart(dataset.city_context, lang), context_chart(view(dataset, "latest").city_context, lang)]
    for sites in subsets:
        built += [metric_chart(sites, m.name, lang) for m in METRICS]
        built += [ratio_chart(sites, lang), timeline_chart(sites, lang)]
    drawn = [chart for chart, _ in built if chart is not None]
    assert len(drawn) > 10
    for chart in drawn:
        assert to_spec(chart) == chart.to_dict()  # to_dict() validates, and raises on a bad spec
