"""The page: the only package (with app.py) that imports streamlit.

One module per panel (``map_panel``, ``filters_panel``, ``details``, ``charts_panel``,
``table``, ``downloads``, ``presenter``, ``own_panel``, ``sidebar``), composed by
``page.main``; ``state`` holds session keys, URL sync and callbacks, ``cache`` every
cached builder, ``strings`` the page's words. Everything they draw comes from the plain
modules one level up (load, filters, share, mapview, charts, ...), which have no
Streamlit in them and are tested without a server.
"""

from .page import main

__all__ = ["main"]
