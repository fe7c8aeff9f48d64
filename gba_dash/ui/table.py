"""The table of the filtered sites; selecting a row selects the site."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..fields import FIELD_BY_NAME, category_label, label
from . import state
from .strings import tr

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
    frame = pd.DataFrame(shown[[*TABLE_COLUMNS]].copy())
    frame["category"] = frame["category"].map(lambda c: category_label(c, lang))
    config = {
        c: st.column_config.Column(label(c, lang), help=(FIELD_BY_NAME[c].help if c in FIELD_BY_NAME else None))
        for c in TABLE_COLUMNS
    }
    for c in ("area_km2", "investment_cny_bn"):
        config[c] = st.column_config.NumberColumn(label(c, lang), format="%.2f", help=FIELD_BY_NAME[c].help)
    for c in ("year_established",):
        config[c] = st.column_config.NumberColumn(label(c, lang), format="%d")
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
    )
