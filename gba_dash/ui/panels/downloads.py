"""Downloads of the filtered sites (CSV, GeoJSON), the map (HTML) and the offline bundle.

Every file is built only when asked for (a callable ``data``) and cached per filter result.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlencode

import streamlit as st

from ...view.share import encode
from ...words.cite import Citation
from .. import cache, state
from ..strings import tr
from . import presenter


def draw(view: state.PageView) -> None:
    ds, key, selected, lang = view.ds, view.key, view.selected, view.lang
    st.subheader(tr("downloads", lang))
    figures = view.own_figures
    own = ()
    if figures is not None:
        # The curated exports hold the reader's figures only when they ask for them.
        if st.checkbox(tr("own_include", lang), key="own_include", help=tr("own_include_help", lang)):
            own = tuple((m, figures.pairs(m)) for m in figures.metrics)
    c1, c2, c3, c4 = st.columns(4)
    c1.download_button(
        tr("dl_csv", lang),
        data=lambda: cache.export(*key, "csv", own),
        file_name=f"gba-sites-{ds.version or 'unversioned'}-{ds.as_of_state}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )
    c2.download_button(
        tr("dl_geojson", lang),
        data=lambda: cache.export(*key, "geojson", own),
        file_name=f"gba-sites-{ds.version or 'unversioned'}-{ds.as_of_state}.geojson",
        mime="application/geo+json",
        icon=":material/download:",
        on_click="ignore",
    )
    c3.download_button(
        tr("dl_map", lang),
        data=lambda: cache.map_html(*key, selected, lang, cache.tiles()[0]),
        file_name="gba-map.html",
        mime="text/html",
        icon=":material/download:",
        on_click="ignore",
    )
    tour = state.current_tour(ds)
    c4.download_button(
        tr("dl_site", lang),
        data=lambda: cache.bundle(key[0], key[1], view.state, tour.name if tour else None, lang, cache.tiles()[0]),
        file_name="index.html",
        mime="text/html",
        icon=":material/folder_zip:",
        on_click="ignore",
    )
    if not view.present:
        presenter.save_scene(view)
    cite(view)  # in presenter mode too: the link then names the scene
    st.caption(tr("share", lang))


def view_link(view: state.PageView) -> str:
    """The full share link of this view, as the reader's browser addresses the page."""
    base = (getattr(st.context, "url", None) or "").split("?")[0]
    if base and not base.endswith("/"):
        base += "/"  # the page's own address ends with "/" (also under a base path)
    query = encode(view.view_state)
    return base + ("?" + urlencode(query, quote_via=quote) if query else "")


def cite(view: state.PageView) -> None:
    """Cite this view: a button that opens the citation (built only when asked for, so a
    filter change does not redraw it)."""
    if st.button(tr("cite", view.lang), key="cite", icon=":material/format_quote:"):
        st.dialog(tr("cite", view.lang), width="large")(_cite_body)(view)


def citation_of(view: state.PageView) -> Citation:
    ds, lang = view.ds, view.lang
    return Citation(
        title=tr("title", lang),
        version=ds.version or tr("unversioned", lang),
        as_of=ds.as_of,
        accessed=dt.date.today(),
        url=view_link(view),
        view=f"{view.sentence} ({tr('state_latest' if ds.as_of_state == 'latest' else 'state_2019', lang)})",
    )


def _cite_body(view: state.PageView) -> None:
    """The citation as a sentence to paste, and as BibTeX and RIS to download."""
    citation = citation_of(view)
    st.caption(tr("cite_caption", view.lang))
    st.code(citation.text(view.lang), language=None, wrap_lines=True)
    b1, b2 = st.columns(2)
    b1.download_button(
        "BibTeX (.bib)",
        data=citation.bibtex,
        file_name="gba-dash-view.bib",
        mime="application/x-bibtex",
        icon=":material/download:",
        on_click="ignore",
    )
    b2.download_button(
        "RIS (.ris)",
        data=citation.ris,
        file_name="gba-dash-view.ris",
        mime="application/x-research-info-systems",
        icon=":material/download:",
        on_click="ignore",
    )
