"""Mounts the page's filter predictor (``predictor.js``): the map answers a filter change at once.

See ``gba_dash/view/predict.py``. Drawn by the full run only, outside the map panel's fragment,
so its data (one small record per site and the widgets' labels) is sent when the page,
the language or the data version changes, never with a filter change.
"""

from __future__ import annotations

import streamlit as st

from ...dataset import Dataset
from ...map import contract
from ...view import params
from ...view.predict import labels, records
from .. import state
from ..panels import filters as filters_panel
from . import asset

JS = asset("predictor.js")
# The component draws nothing; its element takes no room.
CSS = ":host { display: none; }"

_component = None


@st.cache_data(show_spinner=False, max_entries=8)
def _records(data_dir: str, signature: tuple, _ds: Dataset) -> list[dict]:
    return records(_ds.sites)


def vocab(ds: Dataset, lang: str) -> dict:
    """The filter widgets as the page shows them: each multiselect's labels, each slider's
    full range (a slider at its full range is no restriction, as ``state.filter_state``)."""
    sites = ds.sites
    multi = filters_panel.choices(ds, lang)
    return {
        "labels": {key: labels(options, label_of) for key, (options, label_of) in multi.items()},
        "bounds": {key: list(limits) for key, limits in state.range_limits(sites).items()},
        "ranges": {p.field: p.widget for p in params.RANGES},
        "changed": bool(ds.history),
    }


def mount(ds: Dataset, data_dir: str, signature: tuple, lang: str) -> None:
    global _component
    if _component is None:
        _component = st.components.v2.component("gba_dash.predict", html="", css=CSS, js=JS)
    _component(
        key="predict",
        data={"records": _records(data_dir, signature, ds), "vocab": vocab(ds, lang), "names": contract.names()},
    )
