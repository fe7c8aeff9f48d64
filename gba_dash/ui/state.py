"""Session state: widget keys, the link's view on arrival, tour navigation, callbacks, URL sync.

The page's interactive part is one fragment, the map panel (see ``page.py``): a filter
change, a click or a row selection reruns it, and it draws the map first and the panels
that follow the filter result after. ``PageView`` is the one value every panel draws from.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import pandas as pd
import streamlit as st

from ..dataset import Dataset
from ..map.sites import site_at, view_bounds
from ..own.figures import PREFIX as OWN_PREFIX
from ..own.figures import OwnFigures
from ..read.history import DEFAULT_STATE
from ..view import params
from ..view.filters import FilterState, apply_filters, describe, not_reported_counts
from ..view.share import DEFAULT_METRIC, LinkWarning, ViewState, Vocab, decode, encode
from . import cache
from .browser import first_view
from .runtime.widgets import browser_widget_keys


@dataclass(frozen=True, eq=False)
class PageView:
    """What the page shows now: the data, the filters, the sites they let through, the selection."""

    ds: Dataset
    data_dir: str
    signature: tuple
    state: FilterState
    shown: pd.DataFrame
    selected: str | None
    lang: str
    present: bool
    # The reader's own figures, when they uploaded some (or the deployer set them): every
    # panel that shows them reads them here.
    own_figures: OwnFigures | None = None

    @cached_property
    def sentence(self) -> str:
        """The filters read back ("4 of 31 sites: all sites in Dongguan"): the read-back line
        and the citation say the same, computed once per run."""
        counts = not_reported_counts(self.ds.sites, self.state)
        return describe(self.state, len(self.shown), len(self.ds.sites), lang=self.lang, not_reported=counts)

    @property
    def key(self) -> tuple[str, tuple, tuple[str, ...]]:
        """What the cached builders are keyed on: the data, and which sites the filter shows."""
        return (self.data_dir, self.signature, tuple(self.shown["site_id"]))

    @property
    def view_state(self) -> ViewState:
        ss = st.session_state
        return ViewState(
            filters=self.state,
            site=self.selected,
            # A reader's own metric never travels in a link (the link says own=1 instead).
            metric=m if not (m := ss.get("metric", DEFAULT_METRIC)).startswith(OWN_PREFIX) else DEFAULT_METRIC,
            lang=self.lang,
            present=self.present,
            scene=ss.get("scene") if self.present else None,
            asof=self.ds.as_of_state if self.ds.history else DEFAULT_STATE,
            own=bool(ss.get("_own_loaded") or self.own_figures is not None),
        )


def current_view(ds: Dataset, data_dir: str, signature: tuple, *, own_figures: OwnFigures | None = None) -> PageView:
    """The view the widgets describe now, with the reader's own figures (``own_figures``)."""
    ss = st.session_state
    # The first run of a reconnected session draws the widgets without reading them (their
    # values are not readable by key yet) and touches none of them; the run after it does.
    reconnecting = bool(ss.get("_reconnect_pass"))
    state = FilterState() if reconnecting else filter_state(ds)
    shown = cache.filtered(data_dir, signature, state)
    ss["_visible"] = list(shown["site_id"])
    if not reconnecting and ss.get("site") not in set(ds.sites["site_id"]):
        ss["site"] = None
    lang = ss.get("lang", "en")
    view = PageView(
        ds=ds,
        data_dir=data_dir,
        signature=signature,
        state=state,
        shown=shown,
        selected=None if reconnecting else ss.get("site"),
        lang=lang if isinstance(lang, str) else "en",
        present=bool(ss.get("present")),
        own_figures=own_figures,
    )
    return view


# ---- the link's view, and tours -------------------------------------------------------


# The range sliders' steps. A slider's end sits on its step grid (the browser's slider
# snaps 120.56 to 121), so its full range does too: otherwise the page shows one end and
# the session holds another, and an untouched slider would read as a restriction.
# The range sliders' steps, keys and full ranges come from the one table of view parameters.
STEPS = {p.field: p.step for p in params.RANGES if not p.integer}


def bounds(sites: pd.DataFrame, column: str) -> tuple[float, float]:
    """A range slider's full range: zero to the largest figure, rounded up to the step."""
    return params.range_of(sites, params.BY_FIELD[column])


# The range sliders: widget key -> the FilterState field it sets.
RANGE_WIDGETS = {p.widget: p.field for p in params.RANGES}


def range_limits(sites: pd.DataFrame) -> dict[str, tuple]:
    """Each range slider's full range, by widget key: what the sliders are drawn with, what
    reads as "no restriction", what a link's range is clamped to, what the page's predictor
    compares with."""
    full = params.limits(sites)
    return {p.widget: full[p.field] for p in params.RANGES}


# The widgets whose values make up the view (see apply_view).
VIEW_WIDGETS = params.WIDGETS


def init_from_url(ds: Dataset) -> None:
    """Once per session: the link's view becomes the widgets' starting state, unless the
    browser already holds the view's widgets (a reconnect after the server went away):
    then their values stand, and the reader's action that brought them takes effect."""
    if st.session_state.get("_initialised"):
        return
    query = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    st.session_state["_url_seen"] = bool(query)
    view, warnings = decode(query, Vocab.from_sites(ds.sites))
    if browser_widget_keys() & VIEW_WIDGETS:
        # Until the widgets are drawn in this new session, their values can be read only by
        # widget id, not by key: this run draws them, then the page runs once more
        # (``page.main``), reading the reader's values. The address bar is left alone here.
        # The range sliders are ranges only when session state holds a pair before they are
        # drawn: those come from the address bar (the view as last synced), the rest from
        # the browser's widgets.
        ss = st.session_state
        set_ranges(view.filters, ds)
        ss["_url_warnings"] = []
        ss["_link_own"] = False
        ss["_open_bounds"] = None
        ss["_reconnect_pass"] = True
        ss["_initialised"] = True
        ss[first_view.DRAWN] = True  # the browser shows the page already: no first view
        return
    tour = current_tour(ds)
    if view.scene is not None and (tour is None or view.scene > len(tour.scenes)):
        warnings.append(LinkWarning("link_no_scene", n=view.scene))
        view = replace(view, scene=None)
    apply_view(view, ds)
    st.session_state["present"] = view.present
    st.session_state["scene"] = view.scene
    if view.scene is not None or (view.present and tour is not None):
        go_to_scene(ds, view.scene or 1)
    st.session_state["_url_warnings"] = warnings
    st.session_state["_link_own"] = view.own
    # A link that narrows the sites opens the map fitted to them (a scene's view still wins);
    # later filter changes keep the reader's view.
    st.session_state["_open_bounds"] = None
    if view.filters != FilterState() and view.scene is None:
        shown = apply_filters(ds.sites, view.filters)
        st.session_state["_open_bounds"] = view_bounds(ds.sites, shown, ds.places, narrowed=True)
    st.session_state["_initialised"] = True


# Widgets whose options are labelled in the page's language. Streamlit (1.67) keeps a
# select widget's value in the browser as its label: after a language switch the browser
# still holds the old language's label, sends it back with the next action, and Streamlit,
# finding no option with that label, hands the label itself to the script ("无" for the
# synthetic layer's 0, which then crashed the page on the next "Data as of" switch).
LABELLED_IN_LANGUAGE = ("f_category", "f_city", "site", "metric", "tour", "asof", "own_synth", "own_scheme")


def on_lang_change() -> None:
    """Give every language-labelled widget its value again, so Streamlit sends it to the
    browser with the new language's label."""
    ss = st.session_state
    for key in LABELLED_IN_LANGUAGE:
        if key in ss:
            ss[key] = ss[key]


def on_asof_change(ds: Dataset) -> None:
    """Remember the filters as they read in the state being left: a range at its full span
    stays "no restriction" when the other state's figures span more (or less)."""
    st.session_state["_pending_filters"] = filter_state(ds)


def carry_filters(ds: Dataset) -> None:
    """After a "Data as of" switch: the remembered filters, rescaled to this state's ranges."""
    pending = st.session_state.pop("_pending_filters", None)
    if pending is None:
        return
    set_ranges(pending, ds)


def current_tour(ds: Dataset):
    """The tour being presented: the one chosen, else 'default', else the first."""
    if not ds.tours:
        return None
    name = st.session_state.get("tour")
    if name not in ds.tours:
        name = "default" if "default" in ds.tours else next(iter(ds.tours))
    return ds.tours[name]


def current_scene(ds: Dataset):
    """The scene on screen in presenter mode, or None."""
    tour = current_tour(ds)
    number = st.session_state.get("scene")
    if st.session_state.get("present") and tour and number:
        return tour.scenes[number - 1]
    return None


def go_to_scene(ds: Dataset, number: int) -> None:
    """Apply scene ``number`` (1-based): its filters, selection and metric; the language stays."""
    tour = current_tour(ds)
    if tour is None:
        return
    number = max(1, min(number, len(tour.scenes)))
    scene = tour.scenes[number - 1]
    lang = st.session_state.get("lang", "en")
    # A scene keeps the reader's language and "Data as of" choice.
    apply_view(replace(scene.view, lang=lang, asof=st.session_state.get("asof", DEFAULT_STATE)), ds)
    st.session_state["scene"] = number


def on_present_toggle(ds: Dataset) -> None:
    if st.session_state.get("present") and st.session_state.get("scene") is None and current_tour(ds):
        go_to_scene(ds, 1)
    if not st.session_state.get("present"):
        st.session_state["scene"] = None


def exit_present() -> None:
    st.session_state["present"] = False
    st.session_state["scene"] = None


def apply_view(view: ViewState, ds: Dataset) -> None:
    f = view.filters
    ss = st.session_state
    ss["f_category"] = list(f.categories)
    ss["f_city"] = list(f.cities)
    ss["f_focus"] = list(f.focus)
    ss["f_q"] = f.q
    set_ranges(f, ds)
    ss["f_keep"] = f.keep_not_reported
    ss["f_changed"] = f.changed
    ss["site"] = view.site
    ss["metric"] = view.metric
    ss["lang"] = view.lang
    ss["asof"] = view.asof


def set_ranges(f: FilterState, ds: Dataset) -> None:
    """The range sliders' values from ``f``, clamped to this dataset's spans (a full span
    where ``f`` has no range)."""
    limits = range_limits(ds.sites)
    for key, field in RANGE_WIDGETS.items():
        st.session_state[key] = _clamp(getattr(f, field), limits[key])


def _clamp(value, limits):
    lo, hi = limits
    if value is None:
        return (lo, hi)
    a, b = value
    return (type(lo)(min(max(a, lo), hi)), type(lo)(min(max(b, lo), hi)))


def _range_or_none(key: str, limits) -> tuple | None:
    value = tuple(st.session_state.get(key, limits))
    return None if value == tuple(limits) else value


def filter_state(ds: Dataset) -> FilterState:
    ss = st.session_state
    limits = range_limits(ds.sites)
    return FilterState(
        categories=tuple(ss.get("f_category", [])),
        cities=tuple(ss.get("f_city", [])),
        focus=tuple(ss.get("f_focus", [])),
        q=str(ss.get("f_q", "")).strip(),
        **{field: _range_or_none(key, limits[key]) for key, field in RANGE_WIDGETS.items()},
        keep_not_reported=bool(ss.get("f_keep", True)),
        changed=bool(ss.get("f_changed", False)),
    )


def reset(ds: Dataset) -> None:
    lang = st.session_state.get("lang", "en")
    metric = st.session_state.get("metric", DEFAULT_METRIC)
    asof = st.session_state.get("asof", DEFAULT_STATE)
    apply_view(ViewState(lang=lang, metric=metric, asof=asof), ds)
    st.session_state["_url_warnings"] = []


# ---- selection ------------------------------------------------------------------------


def on_map_click(ds: Dataset) -> None:
    """A click on the map selects the site under it (among those drawn)."""
    state = st.session_state.get("map") or {}
    click = state.get("last_object_clicked")
    if not click:
        return
    visible = ds.sites[ds.sites["site_id"].isin(st.session_state.get("_visible", []))]
    hit = site_at(visible, click["lat"], click["lng"], tooltip=state.get("last_object_clicked_tooltip"))
    if hit:
        st.session_state["site"] = hit


def on_table_select(ids: list[str]) -> None:
    rows = (st.session_state.get("table") or {}).get("selection", {}).get("rows", [])
    if rows and rows[0] < len(ids):
        st.session_state["site"] = ids[rows[0]]


# ---- the address bar ------------------------------------------------------------------


def sync_url(view: ViewState) -> None:
    """Write the view into the address bar when it differs: the URL is the whole state."""
    if st.session_state.get("_reconnect_pass"):
        return  # the widgets' values are not readable yet: the next run writes the link
    params = encode(view)
    current = {k: st.query_params.get(k) for k in st.query_params.keys()}
    if current != params:
        st.query_params.from_dict(params)
