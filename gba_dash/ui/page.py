"""The page, composed from panels. The full run draws them top to bottom:

sidebar (language, presenter, tour) -> title or presenter bar -> link warnings ->
map panel (a fragment: filters in the sidebar, read-back, map and details; then, in the
container below it, near-site counts, charts, table, downloads) -> own layer controls.

Language, presenter mode, the tour and the own layer rerun the whole page; everything
else reruns only the map panel (``panels.map``), which draws the map first. A session's
first view sends the map before the sidebar's controls and the panels below it
(``first_view``).
"""

from __future__ import annotations

import os

import streamlit as st

from .. import paths
from ..dataset.build import Dataset
from ..publish.sources import by_publisher, heading, publisher_qualifier, refs
from ..read.history import DEFAULT_STATE, STATES
from ..read.load import default_data_dir
from ..view.share import dropped_link_warning, summarise_warnings
from ..words.about import about_lines
from ..words.age import outdated_years
from ..words.i18n import DEFAULT_LANG, parse_lang
from ..words.text import md
from . import cache, state
from .browser import asset, first_view
from .browser import predictor as predict
from .panels import map as map_panel
from .panels import own as own_panel
from .panels import presenter, sidebar
from .panels.details import source_title
from .runtime import reconnect
from .strings import tr

FAVICON = paths.static_dir() / "favicon.png"
PAGE_CSS = "<style>" + asset("page.css") + "</style>"


def main() -> None:
    reconnect.install()
    st.set_page_config(page_title="GBA science build-out", page_icon=str(FAVICON), layout="wide")
    data_dir = default_data_dir()
    lang = st.session_state.get("lang") or parse_lang(st.query_params.get("lang")) or DEFAULT_LANG
    # "Data as of" chooses the figures every panel draws: the link's choice on arrival
    # (an unknown value is named in a warning by the link decoder, and the default used).
    asof = st.session_state.get("asof") or st.query_params.get("asof")
    asof = asof if asof in STATES else DEFAULT_STATE
    with st.spinner(tr("loading", lang)):
        signature = cache.signature(data_dir, asof)
        loaded = cache.load(str(data_dir), signature)
    if isinstance(loaded, list):
        st.title(tr("title", lang))
        st.error(tr("data_error", lang) + f" ({md(data_dir)})")
        st.code("\n".join(loaded), language=None)
        st.stop()
    ds = loaded
    state.init_from_url(ds)
    state.carry_filters(ds)
    # A first view sends the map before the sidebar's controls (``first_view``).
    first = first_view.waiting()
    if first:
        lang = st.session_state.get("lang", lang)
        first_view.controls_note(tr("controls_follow", lang))
    else:
        lang = sidebar.draw(ds, st.session_state.get("lang", "en"))

    if st.session_state.get("present"):
        presenter.style()
        presenter.panel(ds, lang)
    else:
        st.html(PAGE_CSS + '<span class="gba-page-style"></span>')  # a marker, as presenter.style says
        st.title(tr("title", lang))
        with st.container(key="gba_subtitle"):
            st.caption(tr("subtitle", lang))
    for warning in summarise_warnings(st.session_state.get("_url_warnings", []), lang=lang):
        st.warning(md(warning), icon=":material/link_off:")
    dropped = st.session_state.get(first_view.DROPPED)
    if isinstance(dropped, dict):
        st.warning(md(dropped_link_warning(dropped, lang=lang)), icon=":material/link_off:")
    outdated_problem = outdated_years(os.environ)[1]
    if outdated_problem and not st.session_state.get("present"):
        st.warning(md(outdated_problem), icon=":material/settings:")
    tiles_problem = cache.tiles()[1]
    if tiles_problem and not st.session_state.get("present"):
        st.warning(f"{tr('tiles_off', lang)} {md(tiles_problem)}", icon=":material/map:")
    if ds.tour_problems and not st.session_state.get("present"):
        lines = "\n".join(f"- {md(p)}" for p in ds.tour_problems[:20])
        st.warning(f"{tr('tour_disabled', lang)}\n\n{lines}", icon=":material/slideshow:")

    with st.spinner(tr("loading", lang)):
        own = own_panel.resolve()
    st.session_state["_own_loaded"] = own.layer is not None
    figures = own_panel.resolve_figures(str(data_dir), signature)
    if st.session_state.get("_link_own") and own.layer is None:
        st.info(tr("own_in_link", lang), icon=":material/layers:")
    # A presenter's own layer reaches the projector only when they say so.
    shown_own = own.layer if (not st.session_state.get("present") or st.session_state.get("own_in_present")) else None
    top, below = st.container(), st.container()
    with top:
        map_panel.draw(ds, str(data_dir), signature, shown_own, below, figures.figures)
        if not st.session_state.get("present"):
            # Outside the map's fragment: it does not change with filters, so a filter
            # change does not resend it.
            with st.expander(tr("about_map", lang), icon=":material/info:"):
                lines = about_lines(as_of=ds.as_of_dates, tiles=cache.tiles()[0], lang=lang)
                st.markdown("\n".join(f"- {md(line)}" for line in lines))
                st.markdown(_sources_md(ds, lang))
    if first:
        first_view.watch(symbols=bool(st.session_state.get("_visible")), text=tr("panels_follow", lang))
    else:
        own_panel.controls(own, lang, figures)
        predict.mount(ds, str(data_dir), signature, lang)
    if st.session_state.pop("_reconnect_pass", False):
        st.rerun()  # the reconnected session's widgets exist now: draw the reader's view
    st.caption(
        tr("data_version", lang, version=ds.version or tr("unversioned", lang), as_of=ds.as_of)
        + " · "
        + tr("state_latest" if ds.as_of_state == "latest" else "state_2019", lang)
    )


def _sources_md(ds: Dataset, lang: str) -> str:
    """The cited sources grouped by publisher, each with its date and a link where it has a
    URL (Markdown for *About this map*)."""
    groups = by_publisher(refs(ds.cited_sources))
    lines = [f"**{md(tr('about_sources', lang, n=sum(len(items) for _, items in groups)))}**"]
    for name, items in groups:
        title, known = heading(name, items, lang)
        cited = []
        for ref in items:
            text = f"{source_title(ref.source_id, ref.title, ref.url, lang)} ({md(ref.date)})"
            if not known and (qualifier := publisher_qualifier(ref.publisher)):
                text += f" :gray[{md(qualifier)}]"
            cited.append(text)
        lines.append(f"- **{md(title)}**: " + "; ".join(cited))
    return "\n".join(lines)
