"""Presenter keys everywhere: a tiny component that hears the keys a presentation clicker
sends (→ ← PageDown PageUp Space Shift+Space Home End) in the page, in the map's frame and
in the map's full screen, and asks the server for that scene (``presenter_keys.js``)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ...map import contract
from . import asset

KEY = "presenter_keys"
JS = asset("presenter_keys.js")
CSS = ":host { display: none; }"

_component = None


def mount(*, scene: int, scenes: int, go: Callable[[int], None]) -> None:
    """Listen for the scene keys; ``go(n)`` shows scene ``n`` (the trigger's callback)."""
    global _component
    if _component is None:
        _component = st.components.v2.component("gba_dash.presenter_keys", html="", css=CSS, js=JS)

    def on_go() -> None:
        wanted = (st.session_state.get(KEY) or {}).get("go")
        if isinstance(wanted, int) and 1 <= wanted <= scenes:
            go(wanted)

    _component(
        key=KEY,
        data={"scene": scene, "scenes": scenes, "names": contract.names()},
        on_go_change=on_go,
    )
