"""The part of the map that does not change with filters: the offline basemap, online
tiles when the browser reaches them, place names, controls, credits and the legend.

Leaflet is loaded from the app's own static files (``/app/static``), never a CDN.
"""

from __future__ import annotations

from pathlib import Path

import folium
from folium import plugins
from xyzservices import TileProvider

from .. import paths
from ..words.i18n import t
from .elements import (
    BasemapFromUrl,
    BasemapNote,
    Credits,
    FitControl,
    KeyboardSelect,
    LazyControls,
    Legend,
    LiveTiles,
    MapScript,
    PlaceLabels,
    PresenterMap,
)
from .own import own_panes
from .style import BASEMAP_STYLE
from .tiles import PROBE_TIMEOUT_MS, TileSource

STATIC_DIR = paths.static_dir()
STATIC_URL = "/app/static"
GBA_CENTER = (22.62, 113.85)
GBA_ZOOM = 9
GEONAMES_CREDIT = 'Places: <a href="https://www.geonames.org/" target="_blank" rel="noopener">GeoNames</a> (CC BY 4.0)'


def _assets(m: folium.Map, static_url: str) -> None:
    """Load Leaflet (and our CSS) from the app itself, dropping folium's CDN defaults."""
    m.default_js = [("leaflet", f"{static_url}/leaflet/leaflet.js")]
    m.default_css = [
        ("leaflet_css", f"{static_url}/leaflet/leaflet.css"),
        ("gba_css", f"{static_url}/gba-map.css"),
    ]


def _provider(tiles: TileSource) -> TileProvider:
    # A TileProvider, not a string: folium looks a string up among xyzservices' providers
    # first (about 4 ms a layer, every run), even when it is a URL.
    return TileProvider(name=tiles.name, url=tiles.url, attribution=tiles.attribution, max_zoom=tiles.max_zoom)


def _controls(m: folium.Map, lang: str, static_url: str, *, lazy: bool) -> None:
    """Fullscreen (presenters) and measure (km between clicked points), from the app's static/.

    Copies in static/: npm leaflet.fullscreen 3.0.0 and leaflet-measure 2.1.7 (the version
    folium's template is written for). The page loads them after the map (``LazyControls``);
    a standalone map uses folium's plugins with those assets, which ``inline_assets`` inlines.
    """
    if lazy:
        LazyControls(lang, static_url).add_to(m)
        return
    full = plugins.Fullscreen(
        position="topleft",
        title=t("fullscreen", lang),
        title_cancel=t("fullscreen_exit", lang),
        force_separate_button=True,
    )
    full.default_js = [("leaflet_fullscreen", f"{static_url}/leaflet-fullscreen/Control.FullScreen.js")]
    full.default_css = [("leaflet_fullscreen_css", f"{static_url}/leaflet-fullscreen/Control.FullScreen.css")]
    full.add_to(m)
    measure = plugins.MeasureControl(
        position="topleft",
        primary_length_unit="kilometers",
        secondary_length_unit="meters",
        primary_area_unit="sqkilometers",
        secondary_area_unit="hectares",
    )
    measure.default_js = [("leaflet_measure_js", f"{static_url}/leaflet-measure/leaflet-measure.min.js")]
    measure.default_css = [("leaflet_measure_css", f"{static_url}/leaflet-measure/leaflet-measure.css")]
    measure.add_to(m)


def base_map(
    basemap: dict,
    *,
    lang: str = "en",
    tiles: TileSource | None = None,
    static_url: str = STATIC_URL,
    center: tuple[float, float] = GBA_CENTER,
    zoom: int = GBA_ZOOM,
    fit_to: list[list[float]] | None = None,
    extra: tuple[folium.FeatureGroup, ...] = (),
    basemap_url: str | None = None,
    places: dict | None = None,
    places_url: str | None = None,
    lazy_controls: bool = False,
    presenter: bool = False,
    scene_title: str | None = None,
    changed_legend: bool = False,
) -> folium.Map:
    """The part of the map that does not change with filters.

    With ``basemap_url`` the basemap is fetched by the browser from the app's static files
    (once, then cached) instead of riding in the map script on every rerun. With ``tiles``
    the online layer becomes the base layer once the browser has fetched one of its tiles.
    """
    m = folium.Map(
        location=list(center),
        zoom_start=zoom,
        tiles=None,
        control_scale=True,
        min_zoom=6,
        max_zoom=16,
        # A fit may stop between zoom levels, so the opening view fills the frame with every
        # site and city name (issue #26); the zoom buttons still step one level.
        zoom_snap=0.25,
    )
    _assets(m, static_url)
    MapScript().add_to(m)  # first: every element below calls into it
    ne = folium.FeatureGroup(name=t("basemap", lang), overlay=False, control=True, show=True)
    if basemap_url:
        BasemapFromUrl(basemap_url).add_to(ne)
    else:
        folium.GeoJson(
            basemap,
            name="natural_earth",
            style_function=lambda f: BASEMAP_STYLE.get(f["properties"].get("layer"), {"color": "#999", "weight": 1}),
            interactive=False,
            control=False,
            smooth_factor=1.5,
        ).add_to(ne)
    ne.add_to(m)
    if tiles is not None:
        layer = folium.TileLayer(
            _provider(tiles),
            name=t("tiles", lang).format(name=tiles.name),
            overlay=False,
            show=False,
            max_zoom=tiles.max_zoom,
        )
        layer.add_to(m)
        LiveTiles(layer, ne, tiles.probe_url(), timeout_ms=PROBE_TIMEOUT_MS).add_to(m)
    # Layers that do not change with filters (a researcher's own layer) live in the base map,
    # so a filter change does not resend them.
    if extra:
        for pane in own_panes():
            pane.add_to(m)
    for group in extra:
        group.add_to(m)
    credits = ["Boundaries: Natural Earth"]
    if places_url or (places and places.get("features")):
        PlaceLabels(places or {}, lang=lang, url=places_url).add_to(m)
        credits.append(GEONAMES_CREDIT)  # CC BY 4.0 asks for it wherever the names are shown
    _controls(m, lang, static_url, lazy=lazy_controls)
    Credits(tuple(credits), lang=lang).add_to(m)
    BasemapNote(lang).add_to(m)
    Legend(lang, changed=changed_legend).add_to(m)
    FitControl(lang).add_to(m)
    KeyboardSelect().add_to(m)
    if presenter:
        PresenterMap(scene_title).add_to(m)
    if fit_to is not None:
        # Room for the names at the edges: clear of the controls down the left edge (a city name
        # centred on its point needs half its width), and of the right edge.
        m.fit_bounds(fit_to, max_zoom=13, padding_top_left=(100, 24), padding_bottom_right=(60, 24))
    return m


def static_copy_url(
    data_dir: Path | None,
    data_name: str,
    served_name: str,
    *,
    static_url: str = STATIC_URL,
    static_dir: Path = STATIC_DIR,
) -> str | None:
    """The static URL of ``served_name`` when it is the same file as the data directory's
    ``data_name`` (so the browser fetches it once); else None (the caller inlines it)."""
    if data_dir is None:
        return None
    served = static_dir / served_name
    mine = Path(data_dir) / data_name
    try:
        same = served.stat().st_size == mine.stat().st_size and served.read_bytes() == mine.read_bytes()
    except OSError:
        return None
    return f"{static_url}/{served_name}" if same else None


def static_basemap_url(
    data_dir: Path | None, *, static_url: str = STATIC_URL, static_dir: Path = STATIC_DIR
) -> str | None:
    """The static URL of the basemap when the data directory's basemap is the one served; else None."""
    return static_copy_url(
        data_dir, "basemap_natural_earth_10m.geojson", "basemap.geojson", static_url=static_url, static_dir=static_dir
    )


def static_places_url(data_dir: Path | None) -> str | None:
    """The static URL of the place names when the data directory's are the ones served; else None."""
    return static_copy_url(data_dir, "places.geojson", "places.geojson")
