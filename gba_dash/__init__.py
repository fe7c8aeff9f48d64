"""gba-dash: an interactive map dashboard of the Greater Bay Area's science build-out.

Layers, from the edge in:

- ``load``, ``schema``, ``fields``: read files, validate them against the one field table,
  and name every problem (file, row, field, value);
- ``dataset``, ``join``, ``tours``: a data directory becomes one read-only ``Dataset``;
- ``filters``, ``share``, ``text``: the view as values (``FilterState``, the link's
  encode/decode pair) and the words that describe it;
- ``own``: a reader's own layer and figures, read in a bounded worker (``own.read``);
- ``mapview``, ``charts``, ``site``, ``export``, ``geometry``: what is drawn or
  written from a filtered frame, with no Streamlit in them;
- ``ui``: the page (the only Streamlit code), and ``cli``: the ``gba-dash`` command.
"""
