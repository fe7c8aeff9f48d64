"""The page: the only package (with app.py) that imports streamlit.

One module per panel (``map_panel``, ``filters_panel``, ``details``, ``charts_panel``,
``table``, ``downloads``, ``presenter``, ``own_panel``, ``sidebar``), composed by
``page.main``; ``state`` holds session keys, URL sync and callbacks, ``cache`` every
cached builder, ``strings`` the page's words. Everything they draw comes from the plain
modules one level up (load, filters, share, mapview, charts, ...), which have no
Streamlit in them and are tested without a server.
"""

__all__ = ["main"]


def main() -> None:
    """The page (imported when called: ``ui.launch`` and ``ui.reconnect`` are imported by the
    server before any session, when no component may be declared yet)."""
    from .page import main as page_main

    page_main()
