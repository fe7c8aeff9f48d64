"""The table of the filtered sites; selecting a row selects the site."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ...own.figures import PREFIX, own_field
from ...publish.sources import first_url
from ...read.fields import FIELD_BY_NAME, label
from ...words.i18n import category_label, city, confidence_label, in_unit, is_zh, name_col, status_label, unit_scale
from .. import state
from ..strings import tr

TABLE_COLUMNS = (
    "name_en",
    "name_zh",
    "category",
    "city",
    "status",
    "area_km2",
    "investment_cny_bn",
    "scientists",
    "scientists_target",
    "residents_planned",
    "daily_crossings",
    "year_established",
    "location_confidence",
    "location_uncertainty_m",
)


def draw(view: state.PageView) -> None:
    shown, lang = view.shown, view.lang
    st.subheader(tr("table", lang))
    # The latest-known view adds when a site opened (a later report; empty in 2019).
    columns = (*TABLE_COLUMNS, "year_opened") if view.ds.as_of_state == "latest" else TABLE_COLUMNS
    frame = pd.DataFrame(shown[[*columns]].copy())
    if is_zh(lang):  # the Chinese-name column in the reader's script
        frame["name_zh"] = shown[name_col(lang)].to_numpy()
    frame["category"] = frame["category"].map(lambda c: category_label(c, lang))
    frame["city"] = frame["city"].map(lambda c: city(c, lang))
    frame["status"] = frame["status"].map(lambda s: status_label(s, lang))  # unknown and empty values pass through
    frame["location_confidence"] = frame["location_confidence"].map(lambda c: confidence_label(c, lang))
    for c in columns:  # amounts in the page's unit, as their header says (CNY bn: 亿元 on a Chinese page)
        unit = FIELD_BY_NAME[c].unit if c in FIELD_BY_NAME else ""
        if unit_scale(unit, lang) != 1:
            frame[c] = frame[c].map(lambda v, u=unit: v if pd.isna(v) else in_unit(v, u, lang))
    config = {
        c: st.column_config.Column(label(c, lang), help=(FIELD_BY_NAME[c].help if c in FIELD_BY_NAME else None))
        for c in columns
    }
    # A reader's own figures: their own columns, labelled as theirs.
    figures = view.own_figures
    if figures is not None:
        for metric in figures.metrics:
            column = metric.removeprefix(PREFIX)
            frame[metric] = shown["site_id"].map(figures.values[column]).to_numpy()
            config[metric] = st.column_config.NumberColumn(own_field(metric).label(lang), help=own_field(metric).help)
    for c in ("area_km2", "investment_cny_bn"):
        config[c] = st.column_config.NumberColumn(label(c, lang), format="%.2f", help=FIELD_BY_NAME[c].help)
    for c in ("year_established", "year_opened"):
        config[c] = st.column_config.NumberColumn(label(c, lang), format="%d")
    # The first of the row's sources that is online, as a link showing its host; the
    # details panel lists every figure's source.
    frame["source_url"] = first_url(shown, view.ds.sources)
    config["source_url"] = st.column_config.LinkColumn(
        tr("source", lang), help=tr("table_source_help", lang), display_text=r"https?://(?:www\.)?([^/]+)"
    )
    ids = list(shown["site_id"])
    st.dataframe(
        frame.reset_index(drop=True),
        hide_index=True,
        column_config=config,
        key="table",
        on_select=lambda: state.on_table_select(ids),
        selection_mode="single-row",
        width="stretch",
        alt=tr("table_alt", lang),
        placeholder=tr("nr", lang),  # a missing figure reads "not reported", as in the charts
    )
