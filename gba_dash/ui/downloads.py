"""Downloads of the filtered sites (CSV, GeoJSON), the map (HTML) and the offline bundle.

Every file is built only when asked for (a callable ``data``) and cached per filter result.
"""

from __future__ import annotations

import streamlit as st

from . import cache, presenter, state
from .strings import tr


def draw(view: state.PageView) -> None:
    ds, key, selected, lang = view.ds, view.key, view.selected, view.lang
    st.subheader(tr("downloads", lang))
    c1, c2, c3, c4 = st.columns(4)
    c1.download_button(
        tr("dl_csv", lang),
        data=lambda: cache.export(*key, "csv"),
        file_name="gba-sites.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )
    c2.download_button(
        tr("dl_geojson", lang),
        data=lambda: cache.export(*key, "geojson"),
        file_name="gba-sites.geojson",
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
    st.caption(tr("share", lang))
