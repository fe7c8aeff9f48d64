"""The names the page and its map share in the browser, written once.

The map's frame is an iframe of the page (same origin): the map's script publishes
functions on its window, and the page's scripts (``ui/browser``) find the frame and call
them. Every script gets these names as JSON data from here, never as code in a string.
"""

from __future__ import annotations

# streamlit-folium's component frame: its title is the component's name.
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# On the map's window: the site layers drawn so far, and a function that shows exactly the
# given site ids in them (returns how many symbols are shown).
SITE_GROUPS = "gbaSiteGroups"
SET_SHOWN = "gbaSetShown"
# On the page's window: the site ids the server's last run showed (ui/browser/map_sites).
SERVER_SHOWN = "gbaServerShown"


def names() -> dict[str, str]:
    """The shared names as the scripts receive them."""
    return {
        "mapFrame": MAP_FRAME,
        "siteGroups": SITE_GROUPS,
        "setShown": SET_SHOWN,
        "serverShown": SERVER_SHOWN,
    }
