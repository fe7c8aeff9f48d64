"""The page: the only package (with app.py) that imports streamlit.

``page.main`` composes the panels (``panels/``: sidebar, filters, map, details, charts,
table, downloads, presenter, own data); ``state`` holds session keys, URL sync and
callbacks, ``cache`` every cached builder, ``strings`` the page's words. ``browser/`` holds
the page's own scripts (Streamlit components, their JavaScript in files) and ``runtime/``
the patches to Streamlit's internals. Everything they draw comes from the packages below
(read, view, dataset, own, map, publish), which have no Streamlit in them and are tested
without a server.
"""

__all__ = ["main"]


def main() -> None:
    """The page (imported when called: ``ui.launch`` and ``ui.runtime.reconnect`` are imported by the
    server before any session, when no component may be declared yet)."""
    from .page import main as page_main

    page_main()
