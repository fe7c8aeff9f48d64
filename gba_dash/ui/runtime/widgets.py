"""The widget values a reconnecting browser sent: read from Streamlit's session state,
which no public API exposes (guarded by tests/browser/test_failover.py and
test_replica_kill.py)."""

from __future__ import annotations


def browser_widget_keys() -> set[str]:
    """User keys of the widget values the browser sent with this run.

    A fresh page sends none. A page whose server went away (a replica killed, a restart)
    reconnects to a new session and sends its widgets' current values with the reader's
    next action: those are the reader's view, newer than the link in the address bar.
    Streamlit keeps them by widget id (``$$ID-<hash>-<key>``) until the widget is drawn,
    so this reads its session state's pending widget values (no public API says this).
    """
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

        ctx = get_script_run_ctx()
        states = ctx.session_state._state._new_widget_state.states
        return {wid.split("-", 2)[2] for wid in states if wid.startswith("$$ID-") and wid.count("-") >= 2}
    except Exception:
        return set()
