"""The folium map, with no Streamlit: the base that stays between runs (``base``), the
site layers drawn from data (``sites``), a reader's own layers (``own``), the one-file map
(``standalone``), tile settings (``tiles``), style (``style``) and the Leaflet elements
(``elements``), whose browser code is ``js/gba-map.js``. ``contract`` names what the map's
frame shares with the page."""
