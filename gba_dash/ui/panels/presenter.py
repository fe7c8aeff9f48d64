"""Presenter mode: the page's chrome hidden, the scene's title and notes, Previous and Next.

Pairs with ``tours.py``: a scene is a saved view, and *Save this view as a scene* writes
the current view into a tour file to download.
"""

from __future__ import annotations

import json

import streamlit as st

from ...dataset import Dataset
from ...view.share import DEFAULT_METRIC, ViewState
from ...view.tours import Scene, with_scene
from ...words.text import esc, md
from .. import cache, state
from ..browser import asset, presenter_keys
from ..strings import tr

# The room sees the whole map: the frame takes the screen's height less the header (scene
# title, buttons, read-back), which is kept compact; the notes sit beside the map. The offsets
# are measured for the bundled tour at 1280x720 and 1920x1080 (tests/browser/test_present.py).
PRESENTER_CSS = "<style>" + asset("presenter.css") + "</style>"


def style() -> None:
    # Not style alone: Streamlit sends a style-only st.html to its event container, and in two
    # of about five full test runs the presenter page was seen drawn without it (the header
    # back, the map 600 px tall and off a 720 px screen). With a marker beside it, the style
    # is an element of the page, kept and replaced with the scene title; its own rule hides
    # the element's slot so the layout does not move.
    st.html(PRESENTER_CSS + '<span class="gba-presenter-style"></span>')


def panel(ds: Dataset, lang: str) -> None:
    """Scene title, notes and navigation; a clicker's keys drive Previous and Next."""
    tour = state.current_tour(ds)
    number = st.session_state.get("scene")
    top = st.columns([8, 2, 2, 2], vertical_alignment="center")
    if tour and number:
        scene = tour.scenes[number - 1]
        with top[0]:
            st.caption(f"{md(tour.heading(lang))} · {tr('scene_of', lang).format(n=number, m=len(tour.scenes))}")
            st.markdown(
                f'<p id="scene-title" role="heading" aria-level="1">{esc(scene.heading(lang))}</p>',
                unsafe_allow_html=True,
            )
        # The labels carry their arrows ("← Previous", "Next →"); the keys are the
        # presenter-keys component's, wherever focus is (the map's frame and full screen too).
        top[1].button(
            tr("prev", lang),
            key="prev",
            disabled=number <= 1,
            on_click=state.go_to_scene,
            args=(ds, number - 1),
        )
        top[2].button(
            tr("next", lang),
            key="next",
            disabled=number >= len(tour.scenes),
            type="primary",
            on_click=state.go_to_scene,
            args=(ds, number + 1),
        )
        presenter_keys.mount(scene=number, scenes=len(tour.scenes), go=lambda n: state.go_to_scene(ds, n))
    else:
        top[0].title(tr("title", lang))
    top[3].button(tr("exit", lang), key="exit", on_click=state.exit_present)


def notes(ds: Dataset, lang: str) -> None:
    """The scene's notes, beside the map so the map keeps the screen's height."""
    tour = state.current_tour(ds)
    number = st.session_state.get("scene")
    if tour and number and tour.scenes[number - 1].text(lang):
        st.markdown(md(tour.scenes[number - 1].text(lang)))


# The scene's one chart beside the map: rows this tall, and the chart this tall at most, so
# that the chart of the longest scene (thirteen sites) stays on a 1280x720 screen under the
# notes. Its site names have a size of their own: Streamlit's chart theme sizes them from the
# page's root font, which presenter mode enlarges on a wide screen, and Vega drops every
# other name once they outgrow their rows (seen at 1920x1080: 6 of 13 named).
CHART_ROW_PX = 22
CHART_MAX_PX = 290
CHART_LABEL_PX = 14


def _narrow(node: object) -> object:
    """The chart for a column a quarter of the screen wide: site names cut at 110 px (the
    bars need the rest) and no colour legend (the map's legend beside it keys the colours)."""
    if isinstance(node, dict):
        y = node.get("y")
        if isinstance(y, dict) and isinstance(y.get("axis"), dict):
            y["axis"]["labelLimit"] = 110
            y["axis"]["labelFontSize"] = CHART_LABEL_PX
        colour = node.get("color")
        if isinstance(colour, dict) and "legend" in colour:
            colour["legend"] = None
        for value in node.values():
            _narrow(value)
    elif isinstance(node, list):
        for value in node:
            _narrow(value)
    return node


def scene_spec(spec: dict, *, rows: int) -> dict:
    """The compare chart's spec as the projected screen shows it: narrowed (``_narrow``), a
    row per site, no taller than ``CHART_MAX_PX``."""
    spec = _narrow(json.loads(json.dumps(spec)))
    spec["height"] = min(CHART_MAX_PX, max(80, CHART_ROW_PX * rows))
    return spec


def chart(view: state.PageView) -> None:
    """The scene's chart (its metric compared across the shown sites), and its caption as
    its text alternative; the site drop-down, figure list, table and downloads are not
    on the projected screen."""
    data_dir, signature, site_ids = view.key
    metric = st.session_state.get("metric", DEFAULT_METRIC)
    site_ids, metric, own = cache.chart_key("compare", site_ids, metric, None)
    spec, caption = cache.chart_spec(data_dir, signature, "compare", site_ids, metric, view.lang, own)
    if spec is not None:
        spec = scene_spec(spec, rows=max(1, len(site_ids)))
        st.vega_lite_chart(spec=spec, width="stretch")
    st.caption(md(caption))


def save_scene(view: state.PageView) -> None:
    """Save the current view as a new scene: a download of the tour JSON with it appended."""
    lang = view.lang
    with st.expander(tr("save_scene", lang), icon=":material/slideshow:"):
        title = st.text_input(tr("scene_title", lang), value=tr("new_scene", lang), key="scene_title", max_chars=120)
        notes = st.text_area(tr("scene_notes", lang), key="scene_notes", max_chars=1000)
        saved = ViewState(filters=view.state, site=view.selected, metric=st.session_state.get("metric", DEFAULT_METRIC))
        scene = Scene(title=title.strip() or tr("new_scene", lang), notes=notes.strip(), view=saved)
        tour = state.current_tour(view.ds)
        st.download_button(
            tr("download_tour", lang),
            data=with_scene(tour, scene),
            file_name=f"{tour.name if tour else 'my-tour'}.json",
            mime="application/json",
            icon=":material/download:",
            on_click="ignore",
        )
