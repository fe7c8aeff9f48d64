"""Downloads of the filtered sites (CSV, GeoJSON), the map (HTML) and the offline bundle.

Every file is built only when asked for (a callable ``data``) and cached per filter result.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ...publish import link
from ...view.share import encode, view_slug
from ...words.cite import Citation
from .. import cache, state
from ..browser import copy_link
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
    slug = view_slug(encode(view.view_state))
    version = ds.version or "unversioned"
    # Two buttons a row: four in a row cut their labels short in a three-quarter column.
    c1, c2 = st.columns(2)
    c3, c4 = st.columns(2)
    c1.download_button(
        tr("dl_csv", lang),
        data=lambda: cache.export(*key, "csv", own),
        file_name=f"gba-sites-{version}-{ds.as_of_state}-{slug}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )
    c2.download_button(
        tr("dl_geojson", lang),
        data=lambda: cache.export(*key, "geojson", own),
        file_name=f"gba-sites-{version}-{ds.as_of_state}-{slug}.geojson",
        mime="application/geo+json",
        icon=":material/download:",
        on_click="ignore",
    )
    c3.download_button(
        tr("dl_map", lang),
        data=lambda: cache.map_html(*key, selected, lang, cache.tiles()[0]),
        file_name=f"gba-map-{version}-{slug}.html",
        mime="text/html",
        icon=":material/download:",
        on_click="ignore",
    )
    tour = state.current_tour(ds)
    c4.download_button(
        tr("dl_site", lang),
        data=lambda: cache.bundle(key[0], key[1], view.state, tour.name if tour else None, lang, cache.tiles()[0]),
        file_name=f"gba-dash-{version}-{ds.as_of_state}-{slug}.html",
        mime="text/html",
        icon=":material/folder_zip:",
        on_click="ignore",
    )
    _figure_downloads(view)
    if not view.present:
        presenter.save_scene(view)
    b1, b2, _ = st.columns([1, 1, 2])
    with b1:
        share(view)  # in presenter mode too: the link then names the scene
    with b2:
        cite(view)
    st.caption(tr("share", lang))


def _figure_downloads(view: state.PageView) -> None:
    """The map figure (issue #27, item 3): PDF, PNG at 300 dpi and SVG, drawn from this view's
    frame in a worker when asked for, or why it cannot be drawn here (no Noto CJK font)."""
    from ...publish import figure

    lang = view.lang
    try:
        figure.font_file()
    except figure.FontMissing:
        st.warning(tr("fig_font_missing", lang, font="Noto Sans CJK", hint=figure.FONT_HINT), icon=":material/error:")
        return
    ds, (data_dir, signature, _) = view.ds, view.key
    shown, chosen = view_share_link(view).url, view.view_state
    c1, c2 = st.columns(2)
    c3, _ = st.columns(2)
    for column, fmt, key, icon in (
        (c1, "pdf", "dl_fig_pdf", ":material/picture_as_pdf:"),
        (c2, "png", "dl_fig_png", ":material/image:"),
        (c3, "svg", "dl_fig_svg", ":material/image:"),
    ):
        column.download_button(
            tr(key, lang),
            data=lambda fmt=fmt: cache.figure(data_dir, signature, chosen, shown, fmt),
            file_name=figure.file_name(ds, chosen, fmt),
            mime=figure.MIME[fmt],
            key=f"fig_{fmt}",
            icon=icon,
            on_click="ignore",
        )


def view_share_link(view: state.PageView) -> link.ShareLink:
    """The view's share link: on ``GBA_DASH_PUBLIC_URL`` when set, else the address the
    reader's browser reached the page at. A bad setting is named once, and the local
    address used."""
    try:
        public = link.public_base()
    except link.PublicURLError as error:
        st.error(tr("public_url_bad", view.lang, error=str(error)), icon=":material/link_off:")
        public = None
    return link.share_link(encode(view.view_state), seen=getattr(st.context, "url", None), public=public)


def view_link(view: state.PageView) -> str:
    """The full share link of this view (see ``view_share_link``)."""
    return view_share_link(view).url


def share(view: state.PageView) -> None:
    """Share this view: a button that opens the link, its QR code and an embed snippet
    (built only when asked for, so a filter change does not redraw them)."""
    if st.button(tr("share_view", view.lang), key="share_view", icon=":material/qr_code_2:"):
        st.dialog(tr("share_view", view.lang), width="large")(_share_body)(view)


def _share_body(view: state.PageView) -> None:
    lang = view.lang
    shared = view_share_link(view)
    if shared.local:
        st.warning(tr("share_local", lang, env=link.ENV), icon=":material/lan:")
    st.caption(tr("share_link_caption", lang))
    st.code(shared.url, language=None, wrap_lines=True)
    copy_link.button(
        url=shared.url, label=tr("copy_link", lang), done=tr("copy_done", lang), failed=tr("copy_failed", lang)
    )
    qr, embed = st.columns([1, 2])
    svg = link.qr_svg(shared.url, title=tr("qr_title", lang, sentence=view.sentence))
    with qr:
        st.image(svg, caption=tr("qr_caption", lang), width=240)
        st.download_button(
            tr("qr_download", lang),
            data=svg,
            file_name=f"gba-dash-qr-{view_slug(encode(view.view_state))}.svg",
            mime="image/svg+xml",
            icon=":material/download:",
            on_click="ignore",
        )
    with embed:
        st.caption(tr("embed_caption", lang))
        st.code(link.embed_snippet(shared.url, title=tr("title", lang)), language="html", wrap_lines=True)


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
        file_name=f"gba-dash-{view_slug(encode(view.view_state))}.bib",
        mime="application/x-bibtex",
        icon=":material/download:",
        on_click="ignore",
    )
    b2.download_button(
        "RIS (.ris)",
        data=citation.ris,
        file_name=f"gba-dash-{view_slug(encode(view.view_state))}.ris",
        mime="application/x-research-info-systems",
        icon=":material/download:",
        on_click="ignore",
    )
