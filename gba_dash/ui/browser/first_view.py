"""The first view comes first: on opening, the map before everything else it can wait for.

Streamlit's frontend renders everything a run sends before the map component gets its
frame, and loads each kind of widget's code on first use, six requests at a time: the
panels below the map delayed a share link's first symbols by ~0.4 s, and the sidebar's
controls (filters, language, the own-layer uploader) by ~0.5 s more (bench/README.md). On a
session's first view the page therefore sends the map, read-back and details, a note in the
sidebar, and this small watcher; the watcher tells the server once the map has drawn its
site symbols (or has none to draw, or after ``WAIT_MS`` whatever happens), and the page's
next run adds the sidebar's controls and the panels below. Later runs draw everything at
once: only the first view waits. A reconnected session is no first view (the browser
already shows the page, and its widgets' values must be read: ``state.init_from_url``).

``GBA_DASH_FIRST_VIEW=whole`` sends everything in the first run (the unit tests use it:
streamlit.testing runs no JavaScript, so nothing would ever say the map has drawn).
"""

from __future__ import annotations

import os

import streamlit as st

from ...map import contract
from . import asset

DRAWN = "_map_drawn"
KEY = "first_view"  # the watcher's widget key (bench/stprotocol.py fires its trigger too)
WAIT_MS = 4000  # the panels never wait longer than this, even if the map cannot draw

# Runs in the page (components v2 are not sandboxed): first_view.js.
WATCH_JS = asset("first_view.js")

# What a reader sees in the panels' place while they wait (a status, read out once).
WATCH_HTML = '<p class="gba-wait" role="status"></p>'
WATCH_CSS = ".gba-wait { margin: 0; color: inherit; opacity: 0.8; font-size: 0.9rem; }"

_watcher = None


def waiting() -> bool:
    """True while this session's first view has not reported its map drawn."""
    if os.environ.get("GBA_DASH_FIRST_VIEW", "map").strip().lower() == "whole":
        return False
    return not st.session_state.get(DRAWN)


def _on_drawn() -> None:
    st.session_state[DRAWN] = True


DROPPED = "_url_dropped"


def _on_dropped() -> None:
    st.session_state[DROPPED] = st.session_state[KEY].get("dropped")


def _link_check() -> dict | None:
    """What the watcher checks the address bar against, when this session's link arrived
    empty (Streamlit's limits, above which it passes the script no query at all)."""
    from streamlit.runtime.state.query_params import (
        CLIENT_STATE_QUERY_STRING_MAX_FIELDS,
        CLIENT_STATE_QUERY_STRING_MAX_LENGTH,
    )

    if st.session_state.get("_url_seen", True) or DROPPED in st.session_state:
        return None
    return {"max_fields": CLIENT_STATE_QUERY_STRING_MAX_FIELDS, "max_chars": CLIENT_STATE_QUERY_STRING_MAX_LENGTH}


def controls_note(text: str) -> None:
    """The sidebar while its controls wait: there from the start, so the map does not move
    when they arrive, and saying what is coming."""
    st.sidebar.caption(text)


def watch(*, symbols: bool, text: str) -> None:
    """Mount the watcher (the page's run, not the map panel's: its trigger reruns the whole
    page, sidebar included).

    ``symbols``: whether the view shows any site (with none, the map alone is enough);
    ``text``: the note shown in the panels' place meanwhile.
    """
    global _watcher
    if _watcher is None:
        _watcher = st.components.v2.component("gba_dash.first_view", html=WATCH_HTML, css=WATCH_CSS, js=WATCH_JS)
    _watcher(
        key=KEY,
        data={
            "symbols": symbols,
            "wait_ms": WAIT_MS,
            "text": text,
            "link": _link_check(),
            "names": contract.names(),
        },
        on_drawn_change=_on_drawn,
        on_dropped_change=_on_dropped,
    )
