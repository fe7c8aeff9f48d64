"""Words: every sentence a reader sees in three languages (``i18n``, ``phrases``), escaping
for HTML and Markdown (``text``), citations (``cite``), ages of figures (``age``) and the
map's note (``about``). The bottom layer: it knows no fields and no data."""
