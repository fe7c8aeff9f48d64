"""gba-dash: an interactive map dashboard of the Greater Bay Area's science build-out.

Sub-packages follow the data's path, each importing only from those below it (the
import contract, ``tests/test_imports.py``); ``docs/architecture.md`` draws the flow.

- ``words``: every sentence a reader sees in three languages, escaping, citations;
- ``read``: the field table, validation, bounded readers, the join, later values;
- ``view``: the view parameters, filters, the link codec, tours;
- ``dataset``: a data directory becomes one read-only ``Dataset``;
- ``own``: a reader's own layer and figures, read in a bounded worker (``own.read``);
- ``map``: the folium map and its browser code (``map/js``);
- ``publish``: charts, exports and the offline bundle;
- ``ui``: the page (the only Streamlit code), and ``cli``: the ``gba-dash`` command.
"""
