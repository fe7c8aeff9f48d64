"""A "Copy link" button: the view's link onto the clipboard (``copy_link.js``)."""

from __future__ import annotations

import streamlit as st

from . import asset

JS = asset("copy_link.js")
CSS = """
.gba-copy { font: inherit; padding: 0.4rem 0.9rem; border-radius: 0.5rem; cursor: pointer;
  border: 1px solid rgba(49, 51, 63, 0.3); background: #fff; color: #1a1a1a; }
.gba-copy:hover { border-color: #0072b2; color: #0072b2; }
.gba-copy:focus-visible { outline: 3px solid #0072b2; outline-offset: 2px; }
.gba-copy-status { margin-left: 0.75rem; }
"""

_component = None


def button(*, url: str, label: str, done: str, failed: str, key: str = "copy_link") -> None:
    global _component
    if _component is None:
        _component = st.components.v2.component("gba_dash.copy_link", html="", css=CSS, js=JS)
    _component(key=key, data={"url": url, "label": label, "done": done, "failed": failed})
