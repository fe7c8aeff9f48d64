"""Build the folium map from a filtered frame. No streamlit here.

The map is split the way streamlit-folium updates it without a redraw: ``base_map`` (the
offline Natural Earth basemap, optional online tiles, legend) stays the same between runs,
and ``site_layers`` (one FeatureGroup per category, uncertainty circles, the selection) is
passed as ``feature_group_to_add``. Leaflet is loaded from the app's own static files, and
every string from the data goes through ``text.esc`` before it reaches a tooltip.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Collection
from pathlib import Path
from typing import TypedDict

import folium
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from folium import plugins
from jinja2 import Template
from shapely.geometry import Point
from xyzservices import TileProvider

from . import paths
from .fields import CATEGORIES, label
from .geometry import anchor
from .i18n import category_label, city, confidence_label, is_zh, name_col, t
from .own.classes import NO_VALUE, classify, numeric
from .text import esc, km
from .tiles import PROBE_TIMEOUT_MS, TileSource

STATIC_DIR = paths.static_dir()
STATIC_URL = "/app/static"
GBA_CENTER = (22.62, 113.85)
GBA_ZOOM = 9

# Okabe-Ito: distinguishable with the common colour-vision deficiencies; the symbol differs
# too, so colour is never the only cue.
PALETTE: dict[str, str] = {
    "science_city": "#0072B2",
    "ai_park": "#D55E00",
    "facility": "#009E73",
    "checkpoint": "#CC79A7",
    "context": "#E69F00",
}
SYMBOLS: dict[str, str] = {
    "science_city": '<circle cx="9" cy="9" r="7"/>',
    "ai_park": '<polygon points="9,1 16.6,5 16.6,13 9,17 1.4,13 1.4,5"/>',
    "facility": '<polygon points="9,1.5 17,16 1,16"/>',
    "checkpoint": '<rect x="2" y="2" width="14" height="14"/>',
    "context": '<polygon points="9,1 17,9 9,17 1,9"/>',
}
BASEMAP_STYLE: dict[str, dict] = {
    "land": {"fillColor": "#f4f1ea", "color": "#f4f1ea", "weight": 0, "fillOpacity": 1},
    "lake": {"fillColor": "#cfe3f2", "color": "#9cc3df", "weight": 0.5, "fillOpacity": 1},
    "coastline": {"color": "#7aa6c9", "weight": 1},
    "admin1_boundary": {"color": "#8c8c8c", "weight": 1, "dashArray": "4 3"},
    "admin0_boundary": {"color": "#555555", "weight": 1.5, "dashArray": "8 4"},
}


def symbol_svg(category: str, *, size: int = 18, selected: bool = False) -> str:
    """A small SVG symbol of a category (static markup, no data text)."""
    stroke = "#000" if selected else "#fff"
    width = 3 if selected else 1.5
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 18 18" '
        f'aria-hidden="true"><g fill="{PALETTE[category]}" stroke="{stroke}" stroke-width="{width}">'
        f"{SYMBOLS[category]}</g></svg>"
    )


class Legend(MacroElement):
    """A Leaflet control holding the legend; its HTML is built from escaped labels only."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function() {
                var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
                div.setAttribute("role", "region");
                div.setAttribute("aria-label", {{ this.title|tojson }});
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            legend.addTo({{ (this._parent._parent if this.in_group else this._parent).get_name() }});
        })();
        {% endmacro %}
        """
    )
    css_class = "gba-legend"
    in_group = False  # added to the map itself; a subclass's to a layer group in the map

    def __init__(self, lang: str = "en", *, changed: bool = False):
        super().__init__()
        self._name = "Legend"
        self.title = t("legend", lang)
        rows = "".join(
            f'<div class="gba-legend-row">{symbol_svg(c, size=14)}<span>{esc(category_label(c, lang))}</span></div>'
            for c in CATEGORIES
        )
        if changed:
            rows += (
                f'<div class="gba-legend-row"><span class="gba-changed-key" aria-hidden="true"></span>'
                f"<span>{esc(t('legend_changed', lang))}</span></div>"
                f'<div class="gba-legend-row"><span class="gba-new-key" aria-hidden="true"></span>'
                f"<span>{esc(t('legend_new', lang))}</span></div>"
            )
        self.html = (
            f"<strong>{esc(self.title)}</strong>{rows}"
            f'<div class="gba-legend-note">{esc(t("legend_extent", lang))}<br>{esc(t("legend_unc", lang))}</div>'
        )


class BasemapFromUrl(MacroElement):
    """The Natural Earth basemap loaded by the browser from a static URL, styled by layer."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        // The basemap arrives after the site layers; its own pane below the overlay pane
        // keeps opaque land from covering the extents drawn before it.
        (function (map) {
            var pane = map.getPane("gba-basemap") || map.createPane("gba-basemap");
            pane.style.zIndex = 350;
            pane.style.pointerEvents = "none";
        })({{ this._parent._parent.get_name() }});
        fetch({{ this.url|tojson }}).then(function (r) { return r.json(); }).then(function (data) {
            var styles = {{ this.styles|tojson }};
            L.geoJson(data, {
                pane: "gba-basemap",
                interactive: false,
                smoothFactor: 1.5,
                style: function (f) { return styles[f.properties.layer] || {color: "#999", weight: 1}; }
            }).addTo({{ this._parent.get_name() }});
        });
        {% endmacro %}
        """
    )

    def __init__(self, url: str):
        super().__init__()
        self._name = "BasemapFromUrl"
        self.url = url
        self.styles = BASEMAP_STYLE


class PlaceLabels(MacroElement):
    """Place names (GeoNames, curated Chinese) as text on the map, below the sites.

    Rank 1 (the eleven cities) at every zoom, rank 2 (districts, towns) from zoom 10, so
    they do not pile up. Each label is a non-interactive marker whose text is set with
    ``textContent`` (never parsed as HTML), in a pane under the site symbols. With ``url``
    the browser fetches the file once (like the basemap); else the data is inlined.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var pane = map.getPane("gba-places") || map.createPane("gba-places");
            pane.style.zIndex = 450;  // above the basemap and extents, below site symbols (600)
            pane.style.pointerEvents = "none";
            var key = {{ this.name_key|tojson }};
            var draw = function (data) {
                data.features.forEach(function (f) {
                    var span = document.createElement("span");
                    span.textContent = f.properties[key] || f.properties.name_en;
                    var c = f.geometry.coordinates;
                    L.marker([c[1], c[0]], {
                        pane: "gba-places", interactive: false, keyboard: false,
                        icon: L.divIcon({html: span, className: "gba-place gba-place-" + f.properties.rank,
                                         iconSize: null})
                    }).addTo(map);
                });
            };
            {% if this.url %}
            fetch({{ this.url|tojson }}).then(function (r) { return r.json(); }).then(draw);
            {% else %}
            draw({{ this.data_json }});
            {% endif %}
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, places: dict, *, lang: str = "en", url: str | None = None):
        super().__init__()
        self._name = "PlaceLabels"
        self.url = url
        self.data_json = None if url else script_json(places)
        self.name_key = name_col(lang)


class FitControl(MacroElement):
    """A map button, "Zoom to shown sites": fits the view to the site layers on the map now."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var control = L.control({position: "topleft"});
            control.onAdd = function () {
                var div = L.DomUtil.create("div", "leaflet-bar gba-fit");
                var button = L.DomUtil.create("a", "", div);
                button.href = "#";
                button.setAttribute("role", "button");
                button.title = {{ this.label|tojson }};
                button.setAttribute("aria-label", {{ this.label|tojson }});
                button.innerHTML = "&#x2922;";  // a fixed glyph, not data
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.on(button, "click", function (e) {
                    L.DomEvent.preventDefault(e);
                    var bounds = L.latLngBounds([]);
                    (window.gbaSiteGroups || []).forEach(function (g) {
                        if (map.hasLayer(g)) { g.eachLayer(function (l) {
                            if (l.getLatLng) { bounds.extend(l.getLatLng()); }
                            else if (l.getBounds) { bounds.extend(l.getBounds()); }
                        }); }
                    });
                    if (bounds.isValid()) { map.fitBounds(bounds, {padding: [30, 30], maxZoom: 13}); }
                });
                return div;
            };
            control.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, lang: str = "en"):
        super().__init__()
        self._name = "FitControl"
        self.label = t("fit", lang)


class Credits(MacroElement):
    """Fixed credits in the map's attribution line (never data text: Leaflet sets it as HTML),
    and the map-level zoom classes the CSS uses to show names by zoom (``gba-z-lt10`` hides
    the towns, ``gba-z-lt12`` the minor site names), whether or not place names are drawn."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            if (map.attributionControl) {
                // Beside the scale bar in one corner, stacked: a long line wraps without
                // running over the scale.
                map.attributionControl.setPosition("bottomleft");
                {{ this.credits|tojson }}.forEach(function (c) { map.attributionControl.addAttribution(c); });
            }
            // folium's page header forbids pinch-zoom (user-scalable=no, maximum-scale=1): a
            // reader with low vision must be able to enlarge the map page (WCAG 1.4.4).
            document.querySelectorAll('meta[name="viewport"]').forEach(function (m) {
                m.setAttribute("content", "width=device-width, initial-scale=1");
            });
            var zoomed = function () {
                var z = map.getZoom();
                var c = map.getContainer().classList;
                c.toggle("gba-z-lt10", z < 10);
                c.toggle("gba-z-lt12", z < 12);
            };
            map.on("zoomend", zoomed);
            zoomed();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, credits: tuple[str, ...]):
        super().__init__()
        self._name = "Credits"
        self.credits = list(credits)


class KeyboardSelect(MacroElement):
    """Enter or Space on a focused site symbol acts as a click.

    Leaflet fires a non-propagating 'click' for Enter on a marker, which map-level listeners
    (streamlit-folium's click reporting among them) never see; a real DOM click does.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.getContainer().addEventListener("keydown", function (e) {
            var el = e.target;
            if ((e.key === "Enter" || e.key === " ") && el && el.classList
                    && el.classList.contains("leaflet-marker-icon")) {
                e.preventDefault();
                e.stopPropagation();
                el.click();
            }
        }, true);
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "KeyboardSelect"


def _assets(m: folium.Map, static_url: str) -> None:
    """Load Leaflet (and our CSS) from the app itself, dropping folium's CDN defaults."""
    m.default_js = [("leaflet", f"{static_url}/leaflet/leaflet.js")]
    m.default_css = [
        ("leaflet_css", f"{static_url}/leaflet/leaflet.css"),
        ("gba_css", f"{static_url}/gba-map.css"),
    ]


class PresenterMap(MacroElement):
    """A map that fills its frame (the page sizes the frame to the screen) and, in
    fullscreen, keeps the scene's title on it for the room. The title is set as text."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            document.documentElement.classList.add("gba-fill");
            // The frame is sized by the page's CSS, possibly after this script: follow it.
            if (window.ResizeObserver) {
                new ResizeObserver(function () { map.invalidateSize(); }).observe(map.getContainer());
            }
            var title = {{ this.title|tojson }};
            if (title) {
                var el = L.DomUtil.create("div", "gba-scene-title", map.getContainer());
                el.textContent = title;
                el.setAttribute("aria-hidden", "true");  // the page's heading says it already
            }
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, title: str | None):
        super().__init__()
        self._name = "PresenterMap"
        self.title = title or ""


def _provider(tiles: TileSource) -> TileProvider:
    # A TileProvider, not a string: folium looks a string up among xyzservices' providers
    # first (about 4 ms a layer, every run), even when it is a URL.
    return TileProvider(name=tiles.name, url=tiles.url, attribution=tiles.attribution, max_zoom=tiles.max_zoom)


class LiveTiles(MacroElement):
    """Online tiles as the base layer when the browser can fetch one, else the offline map.

    One probe tile, with a timeout: a map whose tile layer were simply switched on would fire
    a score of failing tile requests offline (and leave a grey map). The switch happens only
    if the reader is still on the offline basemap. ``gba-tiles`` on the map hides our place
    names while labelled tiles are shown, so names are not drawn twice.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, tiles, offline) {
            var box = map.getContainer();
            tiles.on("add", function () { box.classList.add("gba-tiles"); });
            tiles.on("remove", function () { box.classList.remove("gba-tiles"); });
            var img = new Image(), done = false;
            var finish = function (ok) {
                if (done) { return; }
                done = true;
                clearTimeout(timer);
                img.onload = img.onerror = null;
                box.dataset.gbaTiles = ok ? "online" : "offline";
                if (ok && map.hasLayer(offline)) {
                    map.removeLayer(offline);
                    tiles.addTo(map);
                }
            };
            var timer = setTimeout(function () { img.removeAttribute("src"); finish(false); }, {{ this.timeout }});
            img.onload = function () { finish(img.naturalWidth > 0); };
            img.onerror = function () { finish(false); };
            img.src = {{ this.probe|tojson }};
        })({{ this._parent.get_name() }}, {{ this.tiles }}, {{ this.offline }});
        {% endmacro %}
        """
    )

    def __init__(
        self, tiles: folium.TileLayer, offline: folium.FeatureGroup, probe: str, *, timeout_ms: int = PROBE_TIMEOUT_MS
    ):
        super().__init__()
        self._name = "LiveTiles"
        self.tiles = tiles.get_name()
        self.offline = offline.get_name()
        self.probe = probe
        self.timeout = int(timeout_ms)


GEONAMES_CREDIT = 'Places: <a href="https://www.geonames.org/" target="_blank" rel="noopener">GeoNames</a> (CC BY 4.0)'
# Labelled by name at every zoom; the other sites from zoom 12 (or when selected).
LABELLED_ALWAYS = ("science_city", "ai_park")


class LazyControls(MacroElement):
    """Fullscreen and measure for the page's map, loaded after the map script has run.

    Loaded up front as folium's plugins do, their scripts (leaflet-measure is 106 KB) held
    a share link's first symbols back by ~0.4 s. Options and the Leaflet >= 1.8 workaround
    for leaflet-measure are folium's.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var load = function (js, css) {
                return new Promise(function (done, fail) {
                    var link = document.createElement("link");
                    link.rel = "stylesheet";
                    link.href = css;
                    document.head.appendChild(link);
                    var script = document.createElement("script");
                    script.src = js;
                    script.onload = done;
                    script.onerror = fail;
                    document.head.appendChild(script);
                });
            };
            setTimeout(function () {
                load({{ this.full_js|tojson }}, {{ this.full_css|tojson }}).then(function () {
                    L.control.fullscreen({{ this.full_options|tojson }}).addTo(map);
                });
                load({{ this.measure_js|tojson }}, {{ this.measure_css|tojson }}).then(function () {
                    L.Control.Measure.include({
                        _setCaptureMarkerIcon: function () {
                            this._captureMarker.options.autoPanOnFocus = false;
                            this._captureMarker.setIcon(L.divIcon({iconSize: this._map.getSize().multiplyBy(2)}));
                        }
                    });
                    map.addControl(new L.Control.Measure({{ this.measure_options|tojson }}));
                });
            }, 0);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, lang: str, static_url: str):
        super().__init__()
        self._name = "LazyControls"
        self.full_js = f"{static_url}/leaflet-fullscreen/Control.FullScreen.js"
        self.full_css = f"{static_url}/leaflet-fullscreen/Control.FullScreen.css"
        self.full_options = {
            **FULLSCREEN_OPTIONS,
            "title": t("fullscreen", lang),
            "titleCancel": t("fullscreen_exit", lang),
        }
        self.measure_js = f"{static_url}/leaflet-measure/leaflet-measure.min.js"
        self.measure_css = f"{static_url}/leaflet-measure/leaflet-measure.css"
        self.measure_options = MEASURE_OPTIONS


FULLSCREEN_OPTIONS = {"position": "topleft", "forceSeparateButton": True}
MEASURE_OPTIONS = {
    "position": "topleft",
    "primaryLengthUnit": "kilometers",
    "secondaryLengthUnit": "meters",
    "primaryAreaUnit": "sqkilometers",
    "secondaryAreaUnit": "hectares",
}


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


OWN_COLOUR = "#56B4E9"  # Okabe-Ito sky blue: apart from every category colour


def own_layer_group(drawn: pd.DataFrame, *, name: str, lang: str = "en") -> folium.FeatureGroup:
    """A researcher's points as circle markers, or their H3 hexagons shaded by count, in one
    GeoJSON layer.

    One GeoJSON object, not a marker per point: at most a few thousand paths, and a tooltip
    of escaped text. Hexagons (``drawn`` has a ``cell`` column) are classed by count
    (natural breaks, viridis) with a legend.
    """
    if "cell" in drawn.columns:
        return _hexagons(drawn, name=name, lang=lang)
    counts = drawn["count"].to_numpy()
    radius = np.clip(3 + 2 * np.floor(np.log10(np.maximum(counts, 1)) * 2), 3, 15).astype(int)
    unit = t("points", lang)
    labels = [esc(n) if c == 1 and n else f"{c:,} {unit}" for n, c in zip(drawn["name"], counts, strict=True)]
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(x), float(y)]},
            "properties": {"r": int(r), "t": t},
        }
        for x, y, r, t in zip(drawn["lon"], drawn["lat"], radius, labels, strict=True)
    ]
    group = folium.FeatureGroup(name=esc(name))
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        marker=folium.CircleMarker(
            radius=4, color="#1f5f86", weight=1, fill=True, fill_color=OWN_COLOUR, fill_opacity=0.6
        ),
        style_function=lambda f: {"radius": f["properties"]["r"]},
        tooltip=folium.GeoJsonTooltip(fields=["t"], labels=False),
    ).add_to(group)
    return group


class OwnLegend(Legend):
    """The legend of a researcher's choropleth or hexagons, added to its layer group (so it
    goes with the layer): the value, each class's colour and bounds, and "no value"; every
    text escaped. The same Leaflet control as ``Legend``."""

    css_class = "gba-legend gba-own-legend"
    in_group = True

    def __init__(self, *, title: str, rows: list[tuple[str, str]], no_value: str | None, note: str):
        MacroElement.__init__(self)
        self._name = "OwnLegend"
        self.title = title
        swatch = '<span class="gba-swatch" style="background:{}" aria-hidden="true"></span>'
        body = "".join(
            f'<div class="gba-legend-row">{swatch.format(c)}<span>{esc(text)}</span></div>' for c, text in rows
        )
        if no_value:
            body += (
                f'<div class="gba-legend-row">{swatch.format(NO_VALUE).replace("swatch", "swatch gba-no-value")}'
                f"<span>{esc(no_value)}</span></div>"
            )
        self.html = f'<strong>{esc(title)}</strong>{body}<div class="gba-legend-note">{esc(note)}</div>'


def own_shapes_group(
    shapes: pd.DataFrame,
    *,
    name: str,
    kind: str,
    column: str | None = None,
    scheme: str = "quantiles",
    lang: str = "en",
) -> folium.FeatureGroup:
    """A researcher's polygons as a classed choropleth of ``column`` (grey where a feature
    has no value, never zero), or their lines; one GeoJSON layer with escaped tooltips."""
    values = numeric(shapes[column]) if column and column in shapes.columns else None
    classes = classify(values, scheme) if values is not None else None
    features = []
    for geom, label_text, value in zip(
        shapes.geometry, shapes["name"], values if values is not None else [None] * len(shapes), strict=True
    ):
        missing = value is None or pd.isna(value)
        colour = classes.colour(None if missing else float(value)) if classes else OWN_COLOUR
        shown = t("own_no_value", lang) if missing else f"{float(value):,.6g}"
        tip = esc(label_text) or "—"
        if column:
            tip += f"<br>{esc(column)}: {esc(shown)}"
        features.append(
            {"type": "Feature", "geometry": geom.__geo_interface__, "properties": {"c": colour, "t": tip, "m": missing}}
        )
    group = folium.FeatureGroup(name=esc(name))
    if kind == "lines":
        style = lambda f: {"color": OWN_COLOUR, "weight": 3, "opacity": 0.9}  # noqa: E731
    else:
        style = lambda f: {  # noqa: E731
            "fillColor": f["properties"]["c"],
            "fillOpacity": 0.75,
            "color": "#333333",
            "weight": 0.8,
            **({"dashArray": "3 3"} if f["properties"]["m"] and column else {}),
        }
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=style,
        tooltip=folium.GeoJsonTooltip(fields=["t"], labels=False),
    ).add_to(group)
    if classes is not None:
        # A class holds values above the previous class's upper bound, up to its own.
        rows = [
            (classes.colour(hi), f"{lo:,.6g} – {hi:,.6g}" if i == 0 else f"> {lo:,.6g} – {hi:,.6g}")
            for i, (lo, hi) in enumerate(classes.bounds())
        ]
        has_missing = bool(values.isna().any())
        OwnLegend(
            title=f"{column} ({t('own_scheme_' + scheme, lang)})",
            rows=rows,
            no_value=t("own_no_value", lang) if has_missing else None,
            note=t("own_unverified", lang),
        ).add_to(group)
    return group


def _hexagons(drawn: pd.DataFrame, *, name: str, lang: str) -> folium.FeatureGroup:
    import h3

    counts = drawn["count"].astype(float)
    classes = classify(counts, "natural_breaks")
    unit = t("points", lang)

    def ring(cell: str) -> list[list[float]]:
        # cell_to_boundary gives (lat, lng) pairs; GeoJSON wants [lng, lat], closed.
        corners = [[round(lng, 6), round(lat, 6)] for lat, lng in h3.cell_to_boundary(cell)]
        return [*corners, corners[0]]

    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [ring(c)]},
            "properties": {"c": classes.colour(float(n)), "t": f"{int(n):,} {unit}"},
        }
        for c, n in zip(drawn["cell"], counts, strict=True)
    ]
    group = folium.FeatureGroup(name=esc(name))
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda f: {
            "fillColor": f["properties"]["c"],
            "fillOpacity": 0.7,
            "color": "#555",
            "weight": 0.3,
        },
        tooltip=folium.GeoJsonTooltip(fields=["t"], labels=False),
    ).add_to(group)
    rows = [
        (classes.colour(hi), f"{lo:,.0f} – {hi:,.0f}" if i == 0 else f"> {lo:,.0f} – {hi:,.0f}")
        for i, (lo, hi) in enumerate(classes.bounds())
    ]
    OwnLegend(title=t("own_per_hex", lang), rows=rows, no_value=None, note=t("own_unverified", lang)).add_to(group)
    return group


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
    )
    _assets(m, static_url)
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
        LiveTiles(layer, ne, tiles.probe_url()).add_to(m)
    # Layers that do not change with filters (a researcher's own layer) live in the base map,
    # so a filter change does not resend them.
    for group in extra:
        group.add_to(m)
    credits = ["Boundaries: Natural Earth"]
    if places_url or (places and places.get("features")):
        PlaceLabels(places or {}, lang=lang, url=places_url).add_to(m)
        credits.append(GEONAMES_CREDIT)  # CC BY 4.0 asks for it wherever the names are shown
    _controls(m, lang, static_url, lazy=lazy_controls)
    Credits(tuple(credits)).add_to(m)
    Legend(lang, changed=changed_legend).add_to(m)
    FitControl(lang).add_to(m)
    KeyboardSelect().add_to(m)
    if presenter:
        PresenterMap(scene_title).add_to(m)
    if fit_to is not None:
        m.fit_bounds(fit_to, max_zoom=13)
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


def bounds_of(sites: pd.DataFrame) -> list[list[float]] | None:
    """[[south, west], [north, east]] of a frame, for fit_bounds; None when empty."""
    if sites.empty:
        return None
    minx, miny, maxx, maxy = sites.total_bounds
    return [[round(float(miny), 4), round(float(minx), 4)], [round(float(maxy), 4), round(float(maxx), 4)]]


def tooltip_html(row: pd.Series, lang: str = "en", *, mark_changed: bool = False) -> str:
    """The hover text of a site: both names, its kind, how sure its position is, and (in the
    latest-known view) what changed since 2019."""
    first, second = (row[name_col(lang)], row["name_en"]) if is_zh(lang) else (row["name_en"], row["name_zh"])
    conf = confidence_label(row["location_confidence"], lang)
    lines = [
        f"<strong>{esc(first)}</strong>",
        f'<span lang="{"en" if is_zh(lang) else "zh-Hans"}">{esc(second)}</span>',
        f"<em>{esc(category_label(row['category'], lang))} · {esc(city(row['city'], lang))}</em>",
    ]
    if row["geometry_kind"] == "indicative_extent":
        lines.append(f'<span class="gba-warn">{esc(t("extent", lang))}</span>')
    lines.append(
        f"{esc(t('position', lang))}{esc(km(row['location_uncertainty_m']))} "
        f"({esc(t('confidence', lang))}: {esc(conf)})"
    )
    if mark_changed and (row.get("changed_since_2019") or is_new(row)):
        lines.append(f'<span class="gba-changed-tip">{esc(changed_text(row, lang))}</span>')
    return "<br>".join(lines)


def is_new(row) -> bool:
    """A site opened or begun since 2019 (``since_2019``): absent from the archive."""
    value = row.get("since_2019")
    return value is not None and value is not pd.NA and bool(value)


def changed_text(row, lang: str = "en") -> str:
    """'Changed since 2019: status, year opened' for a site's ``changes``; for a site added
    since 2019, 'New since 2019 (added in data version 2026.2): status, year opened'."""
    names = [n.strip() for n in str(row.get("changes") or "").split(",") if n.strip()]
    labels = [t("changed_subprojects", lang) if n == "subprojects" else label(n, lang, with_unit=False) for n in names]
    fields = ("、" if is_zh(lang) else ", ").join(labels)
    if is_new(row):
        return t("new_tip", lang, version=str(row.get("added_in") or "?"), fields=fields).rstrip("：: ")
    return t("changed_tip", lang, fields=fields)


def script_json(value: object) -> str:
    """JSON to put inside a <script>: ``<``, ``>``, ``$`` and backtick as \\u escapes.

    The browser reads the same strings back; nothing in them can close the script, start
    a tag, or open a template literal if a later edit pastes it into one.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ": "))
    for ch in "<>$`":
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


class SiteLayer(MacroElement):
    """The sites of one layer drawn by the browser from data: symbols, extents, lines, circles.

    One element per layer instead of a folium Marker + DivIcon + Tooltip per site: the map
    script carries the data once and a loop builds the Leaflet objects, so building and
    sending a filter result costs a few milliseconds, not one template render per site.
    Every text in ``data`` is escaped with ``text.esc`` before it gets here (tooltips are
    HTML); ``tojson`` keeps the script safe from ``</script>`` in it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group, data, symbols, MAJOR) {
            var map = {{ this._parent._parent.get_name() }};
            // For "Zoom to shown sites": the groups on the map when it is clicked. A group is
            // added to the map after this runs, so stale ones are pruned only now and then.
            window.gbaSiteGroups = window.gbaSiteGroups || [];
            if (window.gbaSiteGroups.length > 200) {
                window.gbaSiteGroups = window.gbaSiteGroups.filter(function (g) { return map.hasLayer(g); });
            }
            window.gbaSiteGroups.push(group);
            var labels = map.getPane("gba-site-labels") || map.createPane("gba-site-labels");
            labels.style.zIndex = 610;  // just above the symbols; never takes a click
            labels.style.pointerEvents = "none";
            // Every part names its site. A part marked "off" (a site the filters leave out) is
            // built but kept off the map, so that gbaSetShown can show or hide it at once when
            // the page predicts a filter change (gba_dash/ui/predict.py), before the server's run.
            // The page's own record of the sites its server last said are shown (set by
            // gba_dash/ui/map_panel.py's sites component) wins over the marks in the data: the
            // layers are built once per session's opening view and reused, so that a filter
            // change does not resend them (Streamlit sends an unchanged element by reference).
            var truth = null;
            try {
                if (window.parent !== window && window.parent.gbaServerShown) {
                    truth = {};
                    window.parent.gbaServerShown.forEach(function (id) { truth[id] = true; });
                }
            } catch (e) { truth = null; }
            group._gbaParts = [];
            group._gbaBase = data.base || null;
            var put = function (site, off, layer, symbol) {
                group._gbaParts.push([site, layer, !!symbol]);
                if (truth ? truth[site] : !off) { layer.addTo(group); }
            };
            data.shapes.forEach(function (s) {
                var layer = L.geoJSON(s.geometry, {style: s.style, interactive: !!s.tip});
                if (s.tip) { layer.bindTooltip(s.tip, {sticky: true}); }
                put(s.site, s.off, layer);
            });
            data.circles.forEach(function (c) {
                put(c.site, c.off, L.circle([c.lat, c.lon], {radius: c.r, color: c.colour, weight: 1,
                    opacity: 0.5, fill: true, fillOpacity: 0.05, dashArray: "3 4", interactive: false,
                    className: "gba-uncertainty"}));
            });
            data.symbols.forEach(function (p) {
                var size = p.selected ? 26 : 18;
                var marker = L.marker([p.lat, p.lon], {
                    icon: L.divIcon({html: symbols[p.category + (p.selected ? ":selected" : "")],
                        iconSize: [size, size], iconAnchor: [size / 2, size / 2],
                        className: "gba-symbol" + (p.selected ? " gba-selected" : "") +
                            (p.changed ? " gba-changed" : "") + (p.new ? " gba-new" : "")}),
                    keyboard: true, zIndexOffset: p.selected ? 1000 : 0
                }).bindTooltip(p.tip, {sticky: true});
                marker.on("add", function () {
                    var el = this.getElement();
                    if (el) { el.setAttribute("aria-label", p.label); el.dataset.site = p.site; }
                });
                put(p.site, p.off, marker, true);
                // The name as text beside the symbol (textContent: never parsed as HTML).
                var span = document.createElement("span");
                span.textContent = p.name;
                var major = p.selected || MAJOR.indexOf(p.category) >= 0;
                put(p.site, p.off, L.marker([p.lat, p.lon], {
                    pane: "gba-site-labels", interactive: false, keyboard: false,
                    icon: L.divIcon({html: span, iconSize: null, iconAnchor: [-13, 9],
                        className: "gba-site-label " + (major ? "gba-site-label-major" : "gba-site-label-minor")})
                }));
            });
            // Show exactly the sites in ``ids`` (an array of site ids) in every site layer drawn
            // so far, and give each layer its count of shown sites in the layer control;
            // returns how many site symbols are now on the map.
            window.gbaSetShown = function (ids) {
                var want = {};
                ids.forEach(function (id) { want[id] = true; });
                var shown = 0;
                window.gbaSiteGroups.forEach(function (g) {
                    var count = 0;
                    (g._gbaParts || []).forEach(function (part) {
                        var on = !!want[part[0]];
                        if (on && !g.hasLayer(part[1])) { g.addLayer(part[1]); }
                        if (!on && g.hasLayer(part[1])) { g.removeLayer(part[1]); }
                        if (on && part[2]) { count += 1; }
                    });
                    g._gbaCount = count;
                    if (map.hasLayer(g) && g._gbaBase) { shown += count; }
                });
                // Leaflet 1.9's layer control (vendored in static/) keeps its entries in
                // _layers and redraws them with _update(); the names are escaped server-side.
                var control = window.layer_control;
                if (control && control._layers) {
                    control._layers.forEach(function (entry) {
                        if (entry.layer && entry.layer._gbaBase) {
                            entry.name = entry.layer._gbaBase + " (" + entry.layer._gbaCount + ")";
                        }
                    });
                    if (control._map) { control._update(); }
                }
                return shown;
            };
            // The names the layer control was built with count the opening view's sites: once
            // the control exists (after every group of this map's script), rename them once.
            if (truth && !window.gbaRenamePending) {
                window.gbaRenamePending = true;
                setTimeout(function () {
                    window.gbaRenamePending = false;
                    window.gbaSetShown(Object.keys(truth));
                }, 0);
            }
        })({{ this._parent.get_name() }}, {{ this.data_json }}, {{ this.symbols|tojson }}, {{ this.major|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict):
        super().__init__()
        self._name = "SiteLayer"
        self.data = data
        self.data_json = script_json(data)
        self.major = list(LABELLED_ALWAYS)
        used = {p["category"] + (":selected" if p["selected"] else "") for p in data["symbols"]}
        self.symbols = {
            key: symbol_svg(key.split(":")[0], size=26 if key.endswith(":selected") else 18, selected=":" in key)
            for key in sorted(used)
        }


class SiteSymbol(TypedDict):
    """One site as the map's layer script receives it (JSON): where to draw which symbol,
    its tooltip (HTML, escaped here), its accessible name and how it is marked."""

    site: str
    category: str
    lat: float
    lon: float
    tip: str
    label: str
    name: str
    selected: bool
    changed: bool
    new: bool


def _symbol(row, p: Point, lang: str, *, selected: bool = False, mark_changed: bool = False) -> SiteSymbol:
    name = row[name_col(lang)]
    new = bool(mark_changed and is_new(row))
    changed = bool(mark_changed and row.get("changed_since_2019")) and not new
    label_text = f"{name} ({category_label(row['category'], lang)})"
    return SiteSymbol(
        site=row["site_id"],
        category=row["category"],
        lat=round(p.y, 6),
        lon=round(p.x, 6),
        tip=tooltip_html(row, lang, mark_changed=mark_changed),
        # the accessible name of the symbol: set as an attribute, never parsed as HTML
        label=f"{label_text}; {changed_text(row, lang)}" if changed or new else label_text,
        name=name,
        selected=selected,
        changed=changed,
        new=new,
    )


LAYER_COLUMNS = (
    "site_id",
    "name_en",
    "name_zh",
    "name_zh_hant",
    "category",
    "city",
    "geometry_kind",
    "location_confidence",
    "location_uncertainty_m",
    "changed_since_2019",
    "changes",
    "since_2019",
    "added_in",
    "geometry",
)


def layer_data(
    sites: pd.DataFrame,
    *,
    shown: Collection[str] | None = None,
    selected: str | None = None,
    lang: str = "en",
    mark_changed: bool = False,
) -> list[dict]:
    """What the map's site layers draw, as plain data: one entry per layer, in drawing order.

    Each entry has a ``name`` (escaped, for the layer control), ``show`` and the ``shapes``,
    ``circles`` and ``symbols`` that ``SiteLayer`` draws, each naming its ``site``. With
    ``shown`` (site ids), every site is carried and those not shown are marked ``off``: the
    browser keeps them ready so that a filter change can show them before the server's run
    (``gba_dash/ui/predict.py``). A layer's count is of its shown sites. Pure and cheap to cache.
    """
    layers: list[dict] = []
    circles: list[dict] = []
    # One pass over the few columns drawn: pandas row access on the wide frame costs more
    # than everything else here.
    records = sites[[c for c in LAYER_COLUMNS if c in sites.columns]].to_dict("records")
    on = None if shown is None else set(shown)
    for category in CATEGORIES:
        subset = [r for r in records if r["category"] == category]
        if not subset:
            continue
        colour = PALETTE[category]
        shapes, symbols = [], []
        for row in subset:
            geom = row["geometry"]
            site = row["site_id"]
            off = {"off": True} if on is not None and site not in on else {}
            tip = tooltip_html(row, lang, mark_changed=mark_changed)
            if geom.geom_type in ("Polygon", "MultiPolygon"):
                dashed = row["geometry_kind"] == "indicative_extent"
                style = {"color": colour, "weight": 2, "fillColor": colour, "fillOpacity": 0.12}
                if dashed:
                    style["dashArray"] = "6 5"
                shapes.append({"site": site, "geometry": geom.__geo_interface__, "style": style, "tip": tip, **off})
            elif geom.geom_type in ("LineString", "MultiLineString"):
                style = {"color": colour, "weight": 4, "dashArray": "2 6"}
                shapes.append({"site": site, "geometry": geom.__geo_interface__, "style": style, "tip": tip, **off})
            p = anchor(geom)
            symbols.append({**_symbol(row, p, lang, mark_changed=mark_changed), **off})
            unc = row["location_uncertainty_m"]
            if geom.geom_type == "Point" and unc is not pd.NA and not pd.isna(unc) and int(unc) >= 300:
                circle = {"site": site, "lat": round(p.y, 6), "lon": round(p.x, 6), "r": int(unc), "colour": colour}
                circles.append({**circle, **off})
        count = len(subset) if on is None else sum(r["site_id"] in on for r in subset)
        base = esc(category_label(category, lang))
        name = f"{base} ({count})"
        layers.append({"name": name, "base": base, "show": True, "shapes": shapes, "circles": [], "symbols": symbols})
    layers.append({"name": esc(t("uncertainty", lang)), "show": True, "shapes": [], "circles": circles, "symbols": []})
    hit = [r for r in records if r["site_id"] == selected] if selected else []
    if hit:
        row = hit[0]
        shapes = []
        if row["geometry"].geom_type != "Point":
            outline = {"color": "#000", "weight": 4, "fill": False}
            outline_shape = {"site": selected, "geometry": row["geometry"].__geo_interface__, "style": outline}
            shapes.append({**outline_shape, "tip": None})
        symbol = _symbol(row, anchor(row["geometry"]), lang, selected=True, mark_changed=mark_changed)
        layers.append(
            {"name": esc(t("selected", lang)), "show": True, "shapes": shapes, "circles": [], "symbols": [symbol]}
        )
    return layers


def groups_from_data(layers: list[dict]) -> list[folium.FeatureGroup]:
    """folium FeatureGroups (one SiteLayer each) from ``layer_data``: cheap, built per run."""
    groups = []
    for layer in layers:
        group = folium.FeatureGroup(name=layer["name"], show=layer["show"])
        SiteLayer(layer).add_to(group)
        groups.append(group)
    return groups


def site_layers(
    sites: pd.DataFrame, *, selected: str | None = None, lang: str = "en", mark_changed: bool = False
) -> list[folium.FeatureGroup]:
    """One FeatureGroup per category (with symbols, extents and lines), uncertainty, selection."""
    return groups_from_data(layer_data(sites, selected=selected, lang=lang, mark_changed=mark_changed))


def site_at(sites: pd.DataFrame, lat: float, lng: float, *, tolerance_deg: float = 0.002) -> str | None:
    """The site a map click at (lat, lng) means: a symbol under it first, else the smallest extent."""
    if sites.empty:
        return None
    # Degrees are fine here: the tolerance is a few pixels at city zoom, not a distance.
    click = Point(lng, lat)
    geoms = np.asarray(sites.geometry.to_numpy(), dtype=object)
    ids = sites["site_id"].to_numpy()
    dist = shapely.distance(np.array([anchor(g) for g in geoms], dtype=object), click)
    if dist.min() <= tolerance_deg:
        return str(ids[int(dist.argmin())])
    is_line = np.array([g.geom_type in ("LineString", "MultiLineString") for g in geoms])
    if is_line.any():
        ld = np.where(is_line, shapely.distance(geoms, click), np.inf)
        if ld.min() <= tolerance_deg * 3:
            return str(ids[int(ld.argmin())])
    inside = shapely.contains(geoms, click)
    if inside.any():
        areas = np.where(inside, shapely.area(geoms), np.inf)
        return str(ids[int(areas.argmin())])
    return None


def full_map(
    basemap: dict,
    sites: pd.DataFrame,
    *,
    selected: str | None = None,
    lang: str = "en",
    static_url: str = STATIC_URL,
    tiles: TileSource | None = None,
    places: dict | None = None,
    mark_changed: bool = False,
) -> folium.Map:
    """Base map and site layers in one map, with a layer control: for export and tests.

    ``mark_changed`` (the latest-known view) rings the sites changed since 2019 and says so
    in the legend."""
    m = base_map(
        basemap,
        lang=lang,
        static_url=static_url,
        tiles=tiles,
        fit_to=bounds_of(sites),
        places=places,
        changed_legend=mark_changed,
    )
    for group in site_layers(sites, selected=selected, lang=lang, mark_changed=mark_changed):
        group.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    return m


def inline_assets(html: str, *, static_url: str = STATIC_URL, static_dir: Path = STATIC_DIR) -> str:
    """Replace the app's static <script src> and <link href> with their contents."""

    def read(url: str) -> str:
        return (static_dir / url[len(static_url) + 1 :]).read_text(encoding="utf-8")

    def script(match: re.Match) -> str:
        return "<script>" + read(match.group(1)).replace("</script", "<\\/script") + "</script>"

    def style(match: re.Match) -> str:
        css = read(match.group(1))
        base = (static_dir / match.group(1)[len(static_url) + 1 :]).parent
        css = re.sub(
            r"url\(['\"]?((?:images/)?[\w@.-]+\.(?:png|svg))['\"]?\)",
            lambda u: f"url({_data_uri(base / u.group(1))})",
            css,
        )
        return f"<style>{css}</style>"

    prefix = re.escape(static_url)
    html = re.sub(rf'<script src="({prefix}/[^"]+)"></script>', script, html)
    html = re.sub(rf'<link rel="stylesheet" href="({prefix}/[^"]+)"\s*/>', style, html)
    return html


def _data_uri(path: Path) -> str:
    mime = "image/svg+xml" if path.suffix == ".svg" else "image/png"
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def standalone_html(
    basemap: dict,
    sites: pd.DataFrame,
    *,
    selected: str | None = None,
    lang: str = "en",
    title: str = "GBA science build-out",
    places: dict | None = None,
    tiles: TileSource | None = None,
    mark_changed: bool = False,
) -> str:
    """A self-contained HTML map that opens from a file with no network (and shows
    ``tiles`` instead of the offline basemap when they load)."""
    m = full_map(basemap, sites, selected=selected, lang=lang, tiles=tiles, places=places, mark_changed=mark_changed)
    m.get_root().header.add_child(folium.Element(f"<title>{esc(title)}</title>"))
    html = m.get_root().render()
    return inline_assets(html)
