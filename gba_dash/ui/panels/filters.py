"""The filters, drawn into the sidebar by the map panel's fragment.

They belong to the map's fragment (a change reruns the filters, the read-back and the map
first), yet stay where readers look for them: Streamlit lets a fragment write into the
sidebar once the full run has written there.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ...dataset import Dataset
from ...read.fields import CATEGORIES, FIELD_BY_NAME, GBA_CITIES, label
from ...view.filters import focus_options
from ...words.i18n import category_label, city, data_word
from .. import state
from ..strings import tr


def choices(ds: Dataset, lang: str) -> dict[str, tuple[list[str], Callable[[str], str]]]:
    """Each multiselect's options and how each is labelled (the page's predictor reads the
    labels back into values: ``predict.py``)."""
    cities = [c for c in GBA_CITIES if c in set(ds.sites["city"])]
    return {
        "f_category": (list(CATEGORIES), lambda c: category_label(c, lang)),
        "f_city": (cities, lambda c: city(c, lang)),
        "f_focus": (focus_options(ds.sites), lambda f: data_word("focus_areas", f, lang)),
    }


def draw(ds: Dataset, lang: str) -> None:
    sb = st.sidebar
    sb.header(tr("filters", lang))
    multi = choices(ds, lang)
    for key, label_key in (("f_category", "category"), ("f_city", "city"), ("f_focus", "focus")):
        options, format_func = multi[key]
        sb.multiselect(tr(label_key, lang), options, key=key, format_func=format_func, placeholder="—")
    sb.text_input(tr("search", lang), key="f_q", max_chars=100)
    limits = state.range_limits(ds.sites)
    lo, hi = limits["f_area"]
    sb.slider(
        label("area_km2", lang, stored=True),
        min_value=lo,
        max_value=hi,
        key="f_area",
        step=state.STEPS["area_km2"],
        help=FIELD_BY_NAME["area_km2"].help,
    )
    lo, hi = limits["f_investment"]
    sb.slider(
        # The slider moves in the data's unit (and the link holds it): on a Chinese page 十亿元.
        label("investment_cny_bn", lang, stored=True),
        min_value=lo,
        max_value=hi,
        key="f_investment",
        step=state.STEPS["investment_cny_bn"],
        help=FIELD_BY_NAME["investment_cny_bn"].help,
    )
    ylo, yhi = limits["f_years"]
    sb.slider(tr("years", lang), min_value=ylo, max_value=yhi, key="f_years", step=1)
    sb.checkbox(tr("keep", lang), key="f_keep", help=tr("keep_help", lang))
    if ds.history:
        sb.checkbox(tr("changed_filter", lang), key="f_changed", help=tr("changed_help", lang))
    sb.button(tr("reset", lang), key="reset", on_click=state.reset, args=(ds,), icon=":material/restart_alt:")
