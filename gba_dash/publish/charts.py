"""Comparison frames and Altair charts. No streamlit here.

Each builder returns (chart, caption): the caption is the chart's text alternative, shown
under it and set as the Vega-Lite ``description`` (the SVG's aria-label). A figure that is
"not reported" is drawn as a label saying so, never as a zero-length bar.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..map.style import PALETTE
from ..read.fields import CATEGORIES, FIELD_BY_NAME, Field, label
from ..read.values import fmt_value
from ..view.filters import YEAR_FIELDS
from ..words.i18n import category_label, in_unit, is_zh, name_col, pick, t, unit_word
from ..words.text import not_reported

RATIOS = {
    "investment_per_km2": (
        "investment_cny_bn",
        "area_km2",
        ("Investment per km²", "每平方公里投资", "每平方公里投資"),
        "CNY bn/km²",
    ),
    "scientists_per_km2": (
        "scientists",
        "area_km2",
        ("Scientists per km²", "每平方公里科研人员", "每平方公里科研人員"),
        "people/km²",
    ),
}
# Fit the page's width but keep the height each chart asks for (a row per site): Streamlit's
# default for a plain chart is "fit", which squeezes title, axes and legend into that height
# and leaves the bars a few pixels each. Faceted charts (ratios) keep Streamlit's "pad".
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
# An exported chart (PNG, SVG, the offline bundle) is this many CSS px wide in all, drawn at
# twice the pixel density: a 2,000 px PNG. Without a width Vega falls back to 300 px, which
# the site names beside the bars fill, leaving the plot a few pixels and cutting the rest.
EXPORT_WIDTH = 1000
EXPORT_SCALE = 2
# A faceted chart cannot "fit": its cells get a width, and around them sit the y-axis
# (fixed by minExtent = maxExtent), the padding (5 px a side) and 3 px of the cells' outline
# and last tick. The export test checks the sum is the export width to the pixel.
FACET_CHROME = 2 * 5 + 3
# An export names its typeface. vl-convert measures and draws "sans-serif" as Liberation Sans,
# but a browser opening the SVG (the offline bundle) picks its own, and a wider one (DejaVu)
# pushed long names past the edge: Arial and Helvetica have Liberation Sans's metrics. For
# Chinese, vl-convert fell back to a serif CJK face (bold titles drawn regular): Noto Sans CJK.
EXPORT_FONT = {
    "en": "'Liberation Sans', Arial, Helvetica, sans-serif",
    "zh": "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
    "zh-Hant": "'Noto Sans CJK TC', 'Source Han Sans TC', 'PingFang TC', 'Microsoft JhengHei', sans-serif",
}


def _t(key: str, lang: str, **kw) -> str:
    return t("chart_" + key, lang, **kw)


def _name(row: pd.Series, lang: str) -> str:
    return row[name_col(lang)]


def _label_limit(page: int, width: int | None) -> int:
    """The page's limit on an axis label, or half an export's width: full names in an export."""
    return page if width is None else max(page, width // 2)


def _sized(width: int | None) -> dict:
    """Size properties: the page's container width (``None``), or ``width`` px in all."""
    return {"autosize": FIT_WIDTH} if width is None else {"autosize": FIT_WIDTH, "width": width}


def _exported(chart: alt.TopLevelMixin, lang: str, width: int | None) -> alt.TopLevelMixin:
    """An export's chart in its named typeface (``EXPORT_FONT``); the page's as it is (its browser's)."""
    font = EXPORT_FONT.get(lang) if width is not None else None
    return chart.configure(font=font) if font else chart


def _colour_scale(lang: str) -> alt.Scale:
    return alt.Scale(domain=[category_label(c, lang) for c in CATEGORIES], range=[PALETTE[c] for c in CATEGORIES])


def metric_frame(sites: pd.DataFrame, metric: str, lang: str = "en", *, field: Field | None = None) -> pd.DataFrame:
    """One row per site that can carry the metric: value (NA if not reported) and its label.

    ``field`` describes a metric that is not in the field table (a reader's own figures)."""
    field = field or FIELD_BY_NAME[metric]
    subset = sites[sites["table"].isin(field.tables)] if "table" in sites else sites
    rows = []
    for _, row in subset.iterrows():
        value = row[metric]
        reported = not pd.isna(value)
        rows.append(
            {
                "site": _name(row, lang),
                "site_id": row["site_id"],
                "category": category_label(row["category"], lang),
                "value": in_unit(value, field.unit, lang) if reported else None,  # in the axis title's unit
                "label": (fmt_value(metric, value, lang, unit=False) if metric in FIELD_BY_NAME else f"{value:,.6g}")
                if reported
                else not_reported(lang),
                "reported": reported,
            }
        )
    frame = pd.DataFrame(rows, columns=["site", "site_id", "category", "value", "label", "reported"])
    return frame.sort_values(["reported", "value"], ascending=[False, False], na_position="last")


def metric_chart(
    sites: pd.DataFrame, metric: str, lang: str = "en", *, field: Field | None = None, width: int | None = None
) -> tuple[alt.Chart | None, str]:
    """Horizontal bars of ``metric``; unreported sites listed with 'not reported'.

    ``width``: an export's width in px (``EXPORT_WIDTH``); ``None`` fits the page."""
    field = field or FIELD_BY_NAME[metric]
    data = metric_frame(sites, metric, lang, field=field)
    axis = field.label(lang)
    title = _t("metric", lang, metric=field.label(lang, with_unit=False))
    if data.empty:
        return None, _empty_caption(lang)
    reported = data[data["reported"]]
    caption = _metric_caption(data, field, lang)
    order = list(data["site"])
    y = alt.Y("site:N", sort=order, title=None, axis=alt.Axis(labelLimit=_label_limit(260, width)))
    # A tenth more than the longest bar, so that its value label sits inside the plot rather than
    # past the chart's edge (Vega measures text a few px short when it fits the width).
    top = reported["value"].max() if len(reported) else 0
    x_scale = alt.Scale(domainMax=float(top) * 1.1, nice=True) if top > 0 else alt.Undefined
    bars = (
        alt.Chart(reported)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=axis, scale=x_scale),
            y=y,
            color=alt.Color("category:N", scale=_colour_scale(lang), title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("site:N"), alt.Tooltip("label:N", title=axis)],
        )
    )
    # Labels sit at the bar's end, or at zero for unreported sites, saying "not reported".
    labels = (
        alt.Chart(data)
        .transform_calculate(x="datum.value === null ? 0 : datum.value")
        .mark_text(align="left", dx=4, color="#222")
        .encode(x=alt.X("x:Q", title=axis, scale=x_scale), y=y, text="label:N")
    )
    chart = (bars + labels).properties(
        title=title, height=max(80, 24 * len(data)), description=caption, **_sized(width)
    )
    return _exported(chart, lang, width), caption


def _empty_caption(lang: str) -> str:
    return t("chart_empty", lang)


def _metric_caption(data: pd.DataFrame, field: Field, lang: str) -> str:
    reported = data[data["reported"]]
    missing = data[~data["reported"]]
    what = field.label(lang, with_unit=False)
    if is_zh(lang):
        unit = t("chart_unit", lang, unit=unit_word(field.unit, lang)) if field.unit else ""
        parts = [f"{what}{unit}：" + "；".join(f"{r.site} {r.label}" for r in reported.itertuples())]
        if len(missing):
            parts.append(t("chart_missing", lang, n=len(missing), sites="、".join(missing["site"])))
        return "。".join(p for p in parts if p) + "。"
    parts = [f"{what}: " + "; ".join(f"{r.site} {r.label}" for r in reported.itertuples())] if len(reported) else []
    if len(missing):
        parts.append(t("chart_missing", lang, n=len(missing), sites=", ".join(missing["site"])))
    unit = field.unit
    if not parts:
        return _empty_caption(lang)
    return ". ".join(parts) + (t("chart_unit", lang, unit=unit) if unit else "") + "."


def ratio_frame(sites: pd.DataFrame, lang: str = "en", *, own: Field | None = None) -> pd.DataFrame:
    """Derived ratios where both figures are reported; other sites are not given a ratio.

    ``own``: a reader's own metric (a column of ``sites``), also given per km²."""
    rows = []
    ratios = list(RATIOS.values())
    if own is not None:
        per_km2 = (f"{n} per km²" for n in (own.label_en, own.label_zh, own.label_zh_hant))
        ratios.append((own.name, "area_km2", tuple(per_km2), "/ km²"))
    for num, den, names, unit in ratios:
        for _, row in sites.iterrows():
            a, b = row.get(num), row.get(den)
            if a is None or b is None or pd.isna(a) or pd.isna(b) or float(b) == 0:
                continue
            rows.append(
                {
                    "ratio": pick(names, lang),
                    "unit": unit_word(unit, lang),
                    "site": _name(row, lang),
                    "category": category_label(row["category"], lang),
                    "value": round(in_unit(a, unit, lang) / float(b), 3),
                }
            )
    return pd.DataFrame(rows, columns=["ratio", "unit", "site", "category", "value"])


def ratio_chart(
    sites: pd.DataFrame, lang: str = "en", *, own: Field | None = None, width: int | None = None
) -> tuple[alt.Chart | None, str]:
    """A bar chart per ratio, one above the other. ``width``: an export's width in px.

    An export's cells are sized so that the whole is ``width``: the y-axis takes half of it
    and the ratio's name sits above its bars, not beside them (a width Vega would measure)."""
    data = ratio_frame(sites, lang, own=own)
    if data.empty:
        return None, t("ratio_none", lang)
    caption = "; ".join(f"{r.ratio}: {r.site} {r.value:g} {r.unit}" for r in data.itertuples())
    caption = t("ratio_caption", lang) + caption + "."
    if width is None:
        x_axis = alt.Axis()
        y_axis = alt.Axis(labelLimit=240)
        header = alt.Header(labelAngle=0, labelAlign="left")
        size = {}
    else:
        extent = width // 2
        x_axis = alt.Axis(labelFlush=True)  # the last tick's label inside the cell, not past it
        y_axis = alt.Axis(labelLimit=extent - 8, minExtent=extent, maxExtent=extent)  # ticks and padding: 7 px
        header = alt.Header(labelAngle=0, labelAlign="left", labelOrient="top", labelAnchor="start")
        size = {"width": width - extent - FACET_CHROME}
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=None, axis=x_axis),
            y=alt.Y("site:N", title=None, axis=y_axis),
            color=alt.Color("category:N", scale=_colour_scale(lang), title=None, legend=None),
            row=alt.Row("ratio:N", title=None, header=header),
            tooltip=["site:N", "value:Q", "unit:N"],
        )
        .resolve_scale(x="independent", y="independent")
        .properties(title=_t("ratios", lang), description=caption, height=alt.Step(22), **size)
    )
    return _exported(chart, lang, width), caption


def timeline_frame(sites: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    rows = []
    for _, row in sites.iterrows():
        for f in YEAR_FIELDS:
            value = row.get(f)
            if value is not None and not pd.isna(value):
                rows.append(
                    {
                        "year": int(value),
                        "site": _name(row, lang),
                        "milestone": label(f, lang),
                        "category": category_label(row["category"], lang),
                        "text": f"{_name(row, lang)}: {label(f, lang)}",
                    }
                )
    return pd.DataFrame(rows, columns=["year", "site", "milestone", "category", "text"]).sort_values("year")


def timeline_chart(sites: pd.DataFrame, lang: str = "en", *, width: int | None = None) -> tuple[alt.Chart | None, str]:
    """A point per milestone and year, a row per site and milestone. ``width``: an export's width in px."""
    data = timeline_frame(sites, lang)
    if data.empty:
        return None, t("timeline_none", lang)
    caption = "; ".join(f"{r.year} {r.text}" for r in data.itertuples()) + "."
    base = alt.Chart(data).encode(
        x=alt.X(
            "year:Q",
            title=None,
            scale=alt.Scale(zero=False, nice=False, padding=12),
            axis=alt.Axis(format="d", tickMinStep=1),
        ),
        y=alt.Y("text:N", title=None, sort=list(data["text"]), axis=alt.Axis(labelLimit=_label_limit(360, width))),
    )
    # Opaque, so each point is its category's colour, as in the legend and the other charts.
    chart = (
        base.mark_point(filled=True, size=90, opacity=1).encode(
            color=alt.Color("category:N", scale=_colour_scale(lang), title=None, legend=alt.Legend(orient="bottom")),
            shape=alt.Shape("milestone:N", title=None),
            tooltip=["year:Q", "site:N", "milestone:N"],
        )
    ).properties(title=_t("timeline", lang), description=caption, height=alt.Step(20), **_sized(width))
    return _exported(chart, lang, width), caption


# Okabe-Ito blue, orange, then bluish green, reddish purple, vermillion, sky blue for the
# latest counts' years: told apart with colour-blindness.
CONTEXT_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")


def context_chart(
    city_context: pd.DataFrame, lang: str = "en", *, width: int | None = None
) -> tuple[alt.Chart | None, str]:
    """5G base stations by region: 2019's report and target, and the latest count. ``width``: an export's."""
    data = city_context[city_context["metric"] == "5g_base_stations"].copy()
    if data.empty:
        return None, ""
    data["region_label"] = data[name_col(lang, "region")] if is_zh(lang) else data["region"]
    later = data["basis"] == "later"
    # The latest known count beside the 2019 report and the 2019 target. Each region's latest
    # report has its own date, so each latest bar is coloured by its year (and labelled with
    # its as-of date at the bar's end), and the caption says when the years differ.
    years = sorted({str(a)[:4] for a in data.loc[later, "as_of"]})
    data["basis_label"] = [
        t("basis_latest_year", lang, year=str(a)[:4])
        if b == "later"
        else t("basis_" + b, lang)
        if b in ("reported", "expected")
        else b
        for b, a in zip(data["basis"], data["as_of"], strict=True)
    ]
    data["value"] = data["value"].astype(float)
    qualifier = data["qualifier"] if "qualifier" in data.columns else pd.Series("", index=data.index)
    data["as_of_note"] = [
        t("basis_later", lang, as_of=a) if b == "later" else ""
        for b, a in zip(data["basis"], data["as_of"], strict=True)
    ]
    data["bar_label"] = [str(a) if b == "later" else "" for b, a in zip(data["basis"], data["as_of"], strict=True)]

    def amount(value: float, q: str) -> str:
        return t("more_than", lang, value=f"{int(value):,}") if q == "more_than" else f"{int(value):,}"

    caption = (
        "; ".join(
            f"{r.region_label} {amount(r.value, q)} ({r.as_of_note or r.basis_label})"
            for r, q in zip(data.itertuples(), qualifier, strict=True)
        )
        + "."
    )
    if len(years) > 1:
        caption += " " + t("g5_years_differ", lang, years=("、" if is_zh(lang) else ", ").join(years))
    title_key = "context_latest" if later.any() else "context"
    domain = list(dict.fromkeys(data["basis_label"][~later])) + [t("basis_latest_year", lang, year=y) for y in years]
    y = alt.Y("region_label:N", title=None, sort="-x")
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=t("g5_axis", lang)),
            y=y,
            yOffset=alt.YOffset("basis:N", sort=["reported", "expected", "later"]),
            color=alt.Color(
                "basis_label:N",
                title=None,
                scale=alt.Scale(domain=domain, range=list(CONTEXT_COLOURS[: len(domain)])),
                legend=alt.Legend(orient="bottom", columns=2),
            ),
            tooltip=[
                alt.Tooltip("region_label:N", title=""),
                alt.Tooltip("value:Q", format=","),
                "basis_label:N",
                alt.Tooltip("as_of:N", title=t("col_as_of", lang)),
            ],
        )
    )
    # The as-of date at the end of each latest bar: the year is read without the colour.
    labels = (
        alt.Chart(data[later])
        .mark_text(align="left", baseline="middle", dx=3, fontSize=10)
        .encode(
            x="value:Q",
            y=y,
            yOffset=alt.YOffset("basis:N", sort=["reported", "expected", "later"]),
            text="bar_label:N",
        )
    )
    chart = (alt.layer(bars, labels) if later.any() else bars).properties(
        title=_t(title_key, lang), description=caption, **_sized(width)
    )
    return _exported(chart, lang, width), caption


def to_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart as a Vega-Lite dict, without Altair's JSON-schema validation.

    Validation costs most of a chart's build time on every rerun; the builders' output is
    validated once in the tests (``chart.to_dict()``), which is where a bad spec is a bug.
    """
    return chart.to_dict(validate=False)


def chart_image(spec: dict, fmt: str) -> bytes | str:
    """A Vega-Lite spec as PNG bytes (at ``EXPORT_SCALE`` pixel density) or SVG text, rendered
    offline by vl-convert. An export's spec is built with ``width=EXPORT_WIDTH``."""
    import vl_convert as vlc

    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=EXPORT_SCALE)
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec)
    raise ValueError(f"format must be 'png' or 'svg', not {fmt!r}")
