"""The top of the sidebar, drawn by the full run: language, presenter mode, the tour.

These change the whole page, so they rerun it all. The filters below them belong to the
map panel's fragment (``panels.filters``); *Your own layer* follows (``panels.own``).
"""

from __future__ import annotations

import streamlit as st

from ...dataset import Dataset
from ...read.history import STATES
from ...words.i18n import LANG_NAMES, LANGS
from .. import state
from ..strings import tr


def draw(ds: Dataset, lang: str) -> str:
    """Draw the controls; return the language chosen."""
    sb = st.sidebar
    sb.radio(
        tr("lang", lang),
        list(LANGS),
        key="lang",
        horizontal=True,
        format_func=LANG_NAMES.get,
        on_change=state.on_lang_change,
    )
    lang = st.session_state.get("lang", lang)
    if ds.history:
        # Changes every figure the page draws, so it reruns the whole page.
        sb.radio(
            tr("asof_label", lang),
            list(STATES),
            key="asof",
            horizontal=True,
            format_func=lambda s: tr(f"asof_{s}", lang),
            help=tr("asof_help", lang),
            on_change=state.on_asof_change,
            args=(ds,),
        )
    sb.toggle(
        tr("present", lang), key="present", help=tr("present_help", lang), on_change=state.on_present_toggle, args=(ds,)
    )
    if len(ds.tours) > 1:
        sb.selectbox(tr("tour", lang), list(ds.tours), key="tour", format_func=lambda n: ds.tours[n].heading(lang))
    return lang
