"""After the server goes away, the reader's next action must take effect.

When a replica dies (or the server restarts), the browser reconnects to a new session that
has never run the page. The reader's next filter change is a rerun of the map panel's
fragment, which that session does not know: Streamlit drops it ("The fragment with id …
does not exist anymore") and the change is silently lost. Streamlit's own fix
(streamlit/streamlit#11890) asks for a full rerun on reconnect only when the last run was a
fragment run or had auto-reruns, which is not the case after a full run. This shim turns a
rerun of an unknown fragment into a rerun of the whole page; the page then keeps the
widget values the browser sent (``state.init_from_url``), so the change takes effect.
"""

from __future__ import annotations

import logging

_LOGGER = logging.getLogger(__name__)


def install() -> None:
    """Patch ``AppSession.request_rerun`` once per process (idempotent, and harmless if
    Streamlit's internals moved: then nothing is patched and a warning is logged)."""
    try:
        from streamlit.runtime.app_session import AppSession
    except ImportError:  # pragma: no cover - a Streamlit without this module
        _LOGGER.warning("gba-dash: cannot install the reconnect fix (no AppSession)")
        return
    original = AppSession.request_rerun
    if getattr(original, "_gba_full_rerun", False):
        return
    if not hasattr(AppSession, "has_fragment"):  # pragma: no cover
        _LOGGER.warning("gba-dash: cannot install the reconnect fix (no AppSession.has_fragment)")
        return

    def request_rerun(self, client_state=None):
        fragment_id = getattr(client_state, "fragment_id", "") if client_state is not None else ""
        if fragment_id and not self.has_fragment(fragment_id):
            # A session that never ran the page (a reconnect): run it whole, not nothing.
            client_state.fragment_id = ""
        return original(self, client_state)

    request_rerun._gba_full_rerun = True
    request_rerun.__doc__ = original.__doc__
    AppSession.request_rerun = request_rerun
