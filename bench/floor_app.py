"""The floor: the least a Streamlit + folium page can do, with the same self-hosted Leaflet.

One st_folium map, one marker, and a selectbox that swaps the marker. bench/run.py measures
the project against it in the same run.
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

PLACES = {"Shenzhen Bay Port": (22.5039, 113.9447), "Luohu Port": (22.5322, 114.1133)}

choice = st.selectbox("Place", list(PLACES), key="place")
m = folium.Map(location=[22.6, 113.9], zoom_start=9, tiles=None)
m.default_js = [("leaflet", "/app/static/leaflet/leaflet.js")]
m.default_css = [("leaflet_css", "/app/static/leaflet/leaflet.css")]
group = folium.FeatureGroup(name="marker")
folium.Marker(
    PLACES[choice],
    icon=folium.DivIcon(html=f'<div class="floor-marker">{choice}</div>', icon_size=(120, 20)),
).add_to(group)
st_folium(m, key="map", height=500, feature_group_to_add=group, returned_objects=["last_object_clicked"])
