"""The comparison charts: four tabs, each chart with its caption and PNG/SVG downloads.

Drawn by the map panel after the map; a metric change reruns that panel (the map's
layers are unchanged then, so the browser keeps the map as it is).
"""

from __future__ import annotations

import streamlit as st

from ...own.figures import PREFIX, own_field
from ...read.fields import METRICS, label
from ...view.share import DEFAULT_METRIC, file_stem
from ...words.text import md
from .. import cache, state
from ..strings import tr

TABS = ("compare", "ratios", "timeline", "context")


def draw(view: state.PageView) -> None:
    lang = view.lang
    # Lazy tabs: only the open tab's chart is built and sent (Vega rendering four charts
    # at once held up the map's first symbols by ~0.3 s); switching tabs reruns the panel.
    tabs = st.tabs([tr(name, lang) for name in TABS], key="chart_tab", on_change="rerun")
    for tab, name in zip(tabs, TABS, strict=True):
        if not tab.open:
            continue
        with tab:
            figures = view.own_figures
            own_metrics = list(figures.metrics) if figures is not None else []
            if not st.session_state.get("_reconnect_pass") and st.session_state.get("metric") not in [
                *(f.name for f in METRICS),
                *own_metrics,
            ]:
                st.session_state["metric"] = DEFAULT_METRIC  # own figures removed
            if name == "compare":
                st.selectbox(
                    tr("metric", lang),
                    [f.name for f in METRICS] + own_metrics,
                    key="metric",
                    format_func=lambda n: own_field(n).label(lang) if n.startswith(PREFIX) else label(n, lang),
                    persist_state="page",  # kept (and in the link) while another tab is open
                )
            metric = st.session_state.get("metric", DEFAULT_METRIC)
            own = figures.pairs(metric) if metric in own_metrics else None
            data_dir, signature, site_ids = view.key
            site_ids, metric, own = cache.chart_key(name, site_ids, metric, own)
            spec, caption = cache.chart_spec(data_dir, signature, name, site_ids, metric, lang, own)
            filters = None if name == "context" else view.state  # the 5G chart shows every region
            stem = file_stem(_what(name, metric), filters=filters, asof=view.ds.as_of_state, lang=lang)
            export = (data_dir, signature, name, site_ids, metric, lang, own)
            _chart(spec, caption, name, lang, export=export, stem=stem)


def _what(name: str, metric: str) -> str:
    """What a chart download holds, for its file name: the comparison's metric ("area"), else the tab's."""
    if name == "compare":
        return metric if metric.startswith(PREFIX) else label(metric, "en", with_unit=False)
    return {"ratios": "ratios-per-km2", "context": "5g-base-stations"}.get(name, name)


def _chart(spec: dict | None, caption: str, name: str, lang: str, *, export: tuple, stem: str) -> None:
    """The chart, its caption (its text alternative), and PNG/SVG downloads made offline.

    ``export``: the chart's ``cache.chart_spec`` key; the downloads are built from it at the
    export width (the page's spec fits the page), only when asked for. ``stem``: their file name."""
    if spec is not None:
        st.vega_lite_chart(spec=spec, width="stretch")  # its description (the caption) is the accessible name
    st.caption(md(caption))
    if spec is None:
        return
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(
        tr("png", lang),
        data=lambda: cache.chart_export(*export, "png"),
        file_name=f"{stem}.png",
        mime="image/png",
        key=f"png_{name}",
        icon=":material/image:",
        on_click="ignore",
    )
    c2.download_button(
        tr("svg", lang),
        data=lambda: cache.chart_export(*export, "svg"),
        file_name=f"{stem}.svg",
        mime="image/svg+xml",
        key=f"svg_{name}",
        icon=":material/image:",
        on_click="ignore",
    )
