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
    assert "面积（平方公里）" in str(chart.to_dict()) and "未报告" in caption
    assert caption.startswith("面积（单位：平方公里）：")


def test_an_investment_chart_in_chinese_is_drawn_in_yi_yuan(dataset):
    """1 bn yuan is 10 亿元: the bars, their labels, the axis and the caption all say 亿元."""
    chart, caption = metric_chart(dataset.sites, "investment_cny_bn", "zh-Hant")
    values = {r["site_id"]: r["value"] for r in chart.to_dict()["datasets"].popitem()[1] if r.get("value") is not None}
    assert values["csns"] == 23 and values["songshan-lake-materials-lab"] == 120
    assert "投資（億元）" in str(chart.to_dict()) and "CNY" not in str(chart.to_dict())
    assert "中國散裂中子源 23。" in caption and "CNY" not in caption


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


# Issue #27, item 2: exports that hold the whole chart. Each chart is rendered as it is
# downloaded (PNG at 2x, SVG) and looked at as pixels: its width, its marks in the
# palette's colours, nothing drawn at the edge, no text shortened with an ellipsis.
EXPORTS = ("area", "investment", "ratios", "timeline", "context")


def _export(dataset, name: str, lang: str):
    """(chart, the colours its marks are drawn in, its rows) for an export of chart ``name``."""
    from gba_dash.map.style import PALETTE
    from gba_dash.publish.charts import CONTEXT_COLOURS, EXPORT_WIDTH
    from gba_dash.read.fields import CATEGORIES
    from gba_dash.words.i18n import category_label

    latest = view(dataset, "latest")
    sites = latest.sites

    def palette(frame) -> list[str]:
        shown = set(frame["category"])
        return [PALETTE[c] for c in CATEGORIES if category_label(c, lang) in shown]

    if name in ("area", "investment"):
        metric = {"area": "area_km2", "investment": "investment_cny_bn"}[name]
        frame = metric_frame(sites, metric, lang)  # a row per site, reported or not
        chart, _ = metric_chart(sites, metric, lang, width=EXPORT_WIDTH)
        return chart, palette(frame[frame["reported"]]), len(frame)
    if name == "ratios":
        frame = ratio_frame(sites, lang)
        return ratio_chart(sites, lang, width=EXPORT_WIDTH)[0], palette(frame), len(frame)
    if name == "timeline":
        frame = timeline_frame(sites, lang)
        return timeline_chart(sites, lang, width=EXPORT_WIDTH)[0], palette(frame), len(frame)
    chart, _ = context_chart(latest.city_context, lang, width=EXPORT_WIDTH)
    bars = chart.to_dict()["layer"][0]
    colours = CONTEXT_COLOURS[: len(bars["encoding"]["color"]["scale"]["domain"])]
    return chart, list(colours), len(chart.to_dict()["datasets"][bars["data"]["name"]])


def _pixels(png: bytes):
    import io

    import numpy as np
    from PIL import Image  # Pillow: a dependency of Streamlit

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def _plot_boxes(scenegraph: dict) -> list[tuple[float, float, float, float]]:
    """The plot areas (x0, y0, x1, y1 in CSS px) from Vega's scenegraph: the view's, or each
    facet cell's. The legend lies outside them, so colour there is the marks'."""
    ox, oy = scenegraph["origin"]
    root = scenegraph["scenegraph"]["items"][0]
    if root.get("width"):
        return [(ox, oy, ox + root["width"], oy + root["height"])]
    cells = [m for m in root["items"] if m.get("name") == "cell"]
    return [
        (ox + c["x"], oy + c["y"], ox + c["x"] + c["width"], oy + c["y"] + c["height"])
        for m in cells
        for c in m["items"]
    ]


def _texts(mark: dict, x: float = 0, y: float = 0):
    """(text, x, y) of every text item in the scenegraph, at its anchor in CSS px."""
    for item in mark.get("items", []):
        ix, iy = x + item.get("x", 0), y + item.get("y", 0)
        if mark.get("marktype") == "text" and item.get("text") not in (None, ""):
            yield item["text"], ix, iy
        elif mark.get("marktype") == "group":
            for child in item.get("items", []):
                yield from _texts(child, ix, iy)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", EXPORTS)
def test_each_chart_exports_whole_at_its_stated_width(dataset, name, lang):
    import numpy as np
    import vl_convert as vlc

    from gba_dash.publish.charts import EXPORT_SCALE, EXPORT_WIDTH, chart_image

    chart, colours, rows = _export(dataset, name, lang)
    spec = to_spec(chart)
    png = _pixels(chart_image(spec, "png"))
    height, width, _ = png.shape
    scene = vlc.vegalite_to_scenegraph(spec)
    # 1,000 px at 2x: 2,000 px wide; the image is Vega's computed bounds, no more, no less
    assert width == EXPORT_WIDTH * EXPORT_SCALE == 2000
    assert (scene["width"], scene["height"]) == (EXPORT_WIDTH, height / EXPORT_SCALE)
    # the height follows the rows (bars, sites, milestones): 20 to 24 px each, and the title, axis and legend
    assert 20 * rows <= scene["height"] <= 24 * rows + 200, (rows, scene["height"])

    # every mark colour drawn inside the plot (not only in the legend)
    boxes = _plot_boxes(scene)
    assert boxes
    inside = np.zeros(png.shape[:2], bool)
    for x0, y0, x1, y1 in boxes:
        inside[int(y0 * EXPORT_SCALE) : int(y1 * EXPORT_SCALE), int(x0 * EXPORT_SCALE) : int(x1 * EXPORT_SCALE)] = True
    assert colours
    for colour in colours:
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        drawn = int(((np.abs(png - rgb) <= 8).all(-1) & inside).sum())
        assert drawn >= 150, (name, colour, drawn)  # a timeline point is ~280 px at 2x, a bar thousands

    # nothing runs past an edge: the outer 2 px (4 at 2x) are background all round
    band = 2 * EXPORT_SCALE
    ink = (png < 245).any(-1)
    for edge, strip in {
        "left": ink[:, :band],
        "right": ink[:, -band:],
        "top": ink[:band],
        "bottom": ink[-band:],
    }.items():
        assert not strip.any(), f"{name} ({lang}): drawn at the {edge} edge"
    # every text is anchored inside the image, and none is cut short with Vega's ellipsis
    texts = list(_texts(scene["scenegraph"], *scene["origin"]))
    assert texts
    for text, x, y in texts:
        assert 0 <= x <= scene["width"] and 0 <= y <= scene["height"], (text, x, y)
    svg = chart_image(spec, "svg")
    assert f'width="{EXPORT_WIDTH}"' in svg[:400] and "…" not in svg


def test_exports_name_their_typeface(dataset):
    """The PNG of a 简体 chart is in Noto Sans CJK, not a serif fallback nor tofu (looked at; here
    its spec). An English export names Liberation Sans and the fonts with its metrics (Arial,
    Helvetica), so that a browser opening the SVG draws the names as wide as they were measured."""
    chart, _, _ = _export(dataset, "area", "zh")
    assert to_spec(chart)["config"]["font"].startswith("'Noto Sans CJK SC'")
    chart, _, _ = _export(dataset, "timeline", "en")
    assert to_spec(chart)["config"]["font"] == "'Liberation Sans', Arial, Helvetica, sans-serif"
    page_chart, _ = metric_chart(dataset.sites, "area_km2", "zh")
    assert "font" not in page_chart.to_dict().get("config", {})  # the page's browser picks its own


def test_the_page_chart_fits_its_container_and_sets_no_width(dataset):
    for chart, _ in (metric_chart(dataset.sites, "area_km2"), timeline_chart(dataset.sites)):
        spec = to_spec(chart)
        assert "width" not in spec and spec["autosize"]["type"] == "fit-x"


@pytest.mark.parametrize(
    ("what", "filters", "asof", "lang", "stem"),
    [
        ("Area", {}, "latest", "en", "gba-chart-area-all-latest"),
        (
            "Scientists",
            {"categories": ("science_city",), "cities": ("Dongguan",)},
            "2019",
            "zh",
            "gba-chart-scientists-category-science-city_city-dongguan-2019-zh",
        ),
        (
            "timeline",
            {"q": "50%_off", "changed": True},
            "latest",
            "zh-Hant",
            "gba-chart-timeline-q-50-off_changed-1-latest-zh-hant",
        ),
        ("5g-base-stations", None, "latest", "en", "gba-chart-5g-base-stations-latest"),
    ],
)
def test_chart_file_names_say_what_and_which_view(what, filters, asof, lang, stem):
    from gba_dash.view.filters import FilterState
    from gba_dash.view.share import file_stem

    state = None if filters is None else FilterState(**filters)
    assert file_stem(what, filters=state, asof=asof, lang=lang) == stem
    long = file_stem("Area", filters=FilterState(q="x" * 400), asof="2019", lang="zh")
    assert len(long) < 100 and long.endswith("-2019-zh")
