"""The map panel: the page's one fragment. Filters, read-back, map and details, then the rest.

A filter change, a click on the map, a row or a metric reruns only this fragment, not the
page: the read-back sentence and the map go first, then the filters (into the sidebar),
so the map's new layers reach the browser before the details, charts, table and downloads
are rebuilt below it (into ``below``, a container the full run made). The base map never
changes between runs, so streamlit-folium keeps the reader's view and swaps only the site
layers; those are built once per filter result (``cache.site_layer_data``) and drawn by
the browser from data (``map.elements.SiteLayer``).
"""

from __future__ import annotations

import folium
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit_folium import st_folium

from ...dataset import Dataset
from ...map.base import base_map
from ...map.own import own_layer_group, own_shapes_group
from ...map.sites import default_bounds, groups_from_data
from ...own.figures import OwnFigures
from ...own.layer import OwnLayer
from ...words.text import esc
from .. import cache, state
from ..browser import first_view, map_sites
from ..strings import tr
from . import charts as charts_panel
from . import details, downloads, presenter, table
from . import filters as filters_panel
from . import own as own_panel

MAP_HEIGHT = 640  # px: with the compact title, wholly above the fold at 1440x900


@st.fragment
def draw(
    ds: Dataset,
    data_dir: str,
    signature: tuple,
    own: OwnLayer | None,
    below: DeltaGenerator,
    own_figures: OwnFigures | None = None,
) -> None:
    lang = st.session_state.get("lang", "en")
    # The widgets' values are in session state before they are drawn (set by the link or
    # by the change that caused this run), so the map is built and sent first and the
    # filter widgets after it: the browser renders what arrives first, first.
    view = state.current_view(ds, data_dir, signature, own_figures=own_figures)
    st.markdown(f'<p id="readback" role="status" aria-live="polite">{esc(view.sentence)}</p>', unsafe_allow_html=True)
    # Map first: three quarters of the width (800 px or more at 1440x900), the details beside
    # it in a box of the map's height that scrolls on its own, so a selection never pushes
    # the map off screen; on a narrow screen the columns stack, the map on top.
    left, right = st.columns([3, 1], gap="small")
    with left:
        _map(view, own)
    first = first_view.waiting()
    if not first:
        filters_panel.draw(ds, lang)
    with right:
        if view.present:
            # The room sees the scene's note and one chart. The details (the site drop-down,
            # the figure list) are drawn but not shown, so the selection keeps its widget.
            presenter.notes(ds, lang)
            presenter.chart(view)
            with st.container(key="gba_presenter_details"):
                details.draw(view)
        else:
            with st.container(key="gba_details", height=MAP_HEIGHT, border=False):
                details.draw(view)
    with below:
        # A scene with its own centre and zoom keeps them: the map is not refitted to it.
        scene = state.current_scene(ds) if view.present else None
        map_sites.draw(list(view.shown["site_id"]), refit=not (scene and scene.center and scene.zoom))
        if not first:  # else the page's watcher adds them once the map has drawn
            own_panel.near(view, own)
            charts_panel.draw(view)
            table.draw(view)
            downloads.draw(view)
    state.sync_url(view.view_state)


def _map(view: state.PageView, own: OwnLayer | None) -> None:
    ds, lang = view.ds, view.lang
    scene = state.current_scene(ds)
    center, zoom = (scene.center, scene.zoom) if scene else (None, None)
    # The map's own script fits this session's opening view: a filtered link's sites, else
    # all sites. It stays the same for the session, so later reruns never redraw the map.
    fit_to = st.session_state.get("_open_bounds") or default_bounds(ds.sites, ds.places)
    tiles = cache.tiles()[0]
    with st.spinner(tr("building_map", lang)):
        extra = ()
        if own is not None and own.shapes is not None:
            column, scheme = own_panel.shape_choice(own)
            extra = (
                own_shapes_group(
                    own.shapes,
                    name=f"{own.name} ({len(own):,})",
                    kind=own.kind,
                    column=column,
                    scheme=scheme,
                    lang=lang,
                ),
            )
        elif own is not None:
            drawn, _ = cache.own_drawn(own)
            extra = (own_layer_group(drawn, name=f"{own.name} ({len(own):,})", lang=lang, label=own.name),)
        places_url = cache.places_url(view.data_dir)
        m = base_map(
            ds.basemap,
            lang=lang,
            fit_to=fit_to,
            extra=extra,
            basemap_url=cache.basemap_url(view.data_dir),
            places=None if places_url else ds.places,
            places_url=places_url,
            lazy_controls=True,
            tiles=tiles,
            presenter=view.present,
            scene_title=scene.heading(lang) if (view.present and scene) else None,
            changed_legend=ds.as_of_state == "latest",
        )
        selected = view.selected if view.selected in set(view.shown["site_id"]) else None
        # The layers carry every site and are built for the session's opening view only: a
        # filter change leaves the map's element unchanged, which Streamlit then sends by
        # reference, and the sites component below tells the map which sites to show.
        opening = st.session_state.setdefault("_layer_shown", tuple(view.shown["site_id"]))
        groups = groups_from_data(cache.site_layer_data(view.data_dir, view.signature, opening, selected, lang))
    st_folium(
        m,
        key="map",
        # st_folium renders the whole figure and then the map again; the map's own render
        # fills the header, body and script it reads, with the same output (checked), at
        # half the cost.
        render=False,
        height=600 if view.present else MAP_HEIGHT,
        center=center,
        zoom=zoom,
        use_container_width=True,
        feature_group_to_add=groups,
        layer_control=folium.LayerControl(collapsed=True),
        # The clicked symbol's hover text too: it names the site when two share a point.
        returned_objects=["last_object_clicked", "last_object_clicked_tooltip"],
        on_change=lambda: state.on_map_click(ds),
    )
    if view.shown.empty:
        st.info(tr("no_sites", lang))
