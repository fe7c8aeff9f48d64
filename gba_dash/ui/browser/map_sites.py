"""Which sites the map shows, as the server's run says: a tiny component beside the map.

The map's site layers carry every site and are built for the session's opening view
(``panels.map``), so a filter change leaves the map's element as it was and Streamlit
sends it by reference instead of again. This component carries the run's result instead,
a list of site ids: it records it in the page (``contract.SERVER_SHOWN`` on the page's window, which a layer
drawn later reads) and shows exactly those sites in the layers already drawn. The page's
predictor (``predictor.js``) has usually shown them already; this makes the server's run
the truth.
"""

from __future__ import annotations

import streamlit as st

from ...map import contract
from . import asset

JS = asset("map_sites.js")
CSS = ":host { display: none; }"
NAME = "gba_dash.map_sites"

_component = None


def draw(ids: list[str], *, refit: bool = True) -> None:
    """Show exactly ``ids``; ``refit``: fit the map to them when they changed (and the
    reader has not moved the map), not when the view is a tour scene's own."""
    global _component
    if _component is None:
        _component = st.components.v2.component(NAME, html="", css=CSS, js=JS)
    _component(key="map_sites", data={"ids": ids, "refit": refit, "names": contract.names()})
