"""The naive folium way, for comparison: every point of a layer as a Leaflet marker.

``folium.GeoJson`` of all points draws each as a default marker (a DOM element); this is
what bench/run.py compares the project's aggregated own layer against.
"""

import os

import folium
import streamlit as st
from streamlit_folium import st_folium

from gba_dash.own.layer import synthetic_layer

n = int(os.environ.get("GBA_BENCH_POINTS", "1000"))
layer = synthetic_layer(n)
m = folium.Map(location=[22.6, 113.9], zoom_start=9, tiles=None)
m.default_js = [("leaflet", "/app/static/leaflet/leaflet.js")]
m.default_css = [("leaflet_css", "/app/static/leaflet/leaflet.css")]
features = [
    {"type": "Feature", "properties": {"name": name}, "geometry": {"type": "Point", "coordinates": [x, y]}}
    for x, y, name in zip(layer.frame["lon"], layer.frame["lat"], layer.frame["name"], strict=True)
]
folium.GeoJson({"type": "FeatureCollection", "features": features}).add_to(m)
st.write(f"{n:,} points")
st_folium(m, key="map", height=500, returned_objects=[])
