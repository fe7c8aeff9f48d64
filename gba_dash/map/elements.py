"""The dashboard's Leaflet elements as folium elements: each renders one call into
``js/gba-map.js`` with its options as JSON, never code spliced into a string.

``MapScript`` puts the script itself at the top of the map's script (the page's map and
the offline map file run the same code, with no request); every other element renders
``gbaMapKit.<name>(map, target, options)``. Every text in the options is escaped by the
caller where Leaflet sets it as HTML (``text.esc``), and ``script_json`` keeps the JSON
from closing the script.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import folium
from branca.element import MacroElement
from jinja2 import Template

from ..read.fields import CATEGORIES
from ..words.i18n import category_label, name_col, t
from ..words.text import esc
from . import contract
from .style import BASEMAP_STYLE, LABEL_PRIORITY, LABELLED_ALWAYS, PLACE_PRIORITY, symbol_svg

FULLSCREEN_OPTIONS = {"position": "topleft", "forceSeparateButton": True}
MEASURE_OPTIONS = {
    "position": "topleft",
    "primaryLengthUnit": "kilometers",
    "secondaryLengthUnit": "meters",
    "primaryAreaUnit": "sqkilometers",
    "secondaryAreaUnit": "hectares",
}


@cache
def script_text(name: str = "gba-map.js") -> str:
    """A script of ``map/js``, read once from the package (a wheel's too)."""
    text = resources.files(__package__).joinpath("js", name).read_text(encoding="utf-8")
    if "</script" in text.lower():
        raise ValueError(f"map/js/{name} must not contain '</script': it is inlined in a <script>")
    return text


@cache
def script_inline(name: str = "gba-map.js") -> str:
    """The script as every map carries it: whole-line comments and indentation left out
    (about a third of its size; it rides in the map's script on each new map)."""
    lines = (line.strip() for line in script_text(name).splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


def script_json(value: object) -> str:
    """JSON to put inside a <script>: ``<``, ``>``, ``$`` and backtick as \\u escapes.

    The browser reads the same strings back; nothing in them can close the script, start
    a tag, or open a template literal if a later edit pastes it into one.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ": "))
    for ch in "<>$`":
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


class MapScript(MacroElement):
    """``js/gba-layout.js`` and ``js/gba-map.js``, once, before every element that calls them."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self):
        super().__init__()
        self._name = "MapScript"
        self.code = script_inline("gba-layout.js") + "\n" + script_inline()


class Call(MacroElement):
    """One call ``gbaMapKit.<fn>(map, *targets, options)``: ``targets`` are the JavaScript
    names of folium objects (the parent by default), ``options()`` is sent as JSON."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.call() }}{% endmacro %}")
    fn = ""
    in_group = False  # added to a layer group in the map (the map is the parent's parent)

    def options(self) -> dict:
        return {}

    def targets(self) -> list[str]:
        return [self._parent.get_name()]

    def call(self) -> str:
        owner = self._parent._parent if self.in_group else self._parent
        args = [owner.get_name(), *self.targets(), script_json(self.options())]
        return f"gbaMapKit.{self.fn}({', '.join(args)});"


class Legend(Call):
    """The legend, a Leaflet control whose HTML is built from escaped labels only. Each row
    names its category (or mark), so the browser lists only what the map shows
    (``gba-map.js``: ``updateLegend``); a button folds it away, folded at first on a narrow
    screen."""

    fn = "legend"
    css_class = "gba-legend"

    def __init__(self, lang: str = "en", *, changed: bool = False):
        super().__init__()
        self._name = "Legend"
        self.title = t("legend", lang)
        self.labels = {"hide": t("legend_hide", lang), "show": t("legend_show", lang)}
        rows = "".join(
            f'<div class="gba-legend-row" data-category="{c}">{symbol_svg(c, size=14)}'
            f"<span>{esc(category_label(c, lang))}</span></div>"
            for c in CATEGORIES
        )
        if changed:
            rows += (
                f'<div class="gba-legend-row" data-mark="changed"><span class="gba-changed-key" aria-hidden="true">'
                f"</span><span>{esc(t('legend_changed', lang))}</span></div>"
                f'<div class="gba-legend-row" data-mark="new"><span class="gba-new-key" aria-hidden="true"></span>'
                f"<span>{esc(t('legend_new', lang))}</span></div>"
            )
        self.html = (
            f'<div class="gba-legend-head"><strong>{esc(self.title)}</strong></div>'
            f'<div class="gba-legend-body">{rows}'
            f'<div class="gba-legend-note">{esc(t("legend_extent", lang))}<br>{esc(t("legend_unc", lang))}</div>'
            "</div>"
        )

    def options(self) -> dict:
        return {"cssClass": self.css_class, "title": self.title, "html": self.html, "labels": self.labels}


class BasemapFromUrl(Call):
    """The Natural Earth basemap loaded by the browser from a static URL, styled by layer."""

    fn = "basemapFromUrl"
    in_group = True

    def __init__(self, url: str):
        super().__init__()
        self._name = "BasemapFromUrl"
        self.url = url

    def options(self) -> dict:
        return {"url": self.url, "styles": BASEMAP_STYLE}


class PlaceLabels(Call):
    """Place names (GeoNames, curated Chinese) as text on the map, below the sites.

    Rank 1 (the eleven cities) at every zoom, rank 2 (districts, towns) from zoom 10, each
    where gba-layout.js finds it room (``PLACE_PRIORITY`` gives its turn). Each label is a
    non-interactive marker whose text is set with ``textContent`` (never parsed as HTML),
    in a pane under the site symbols. With ``url`` the browser fetches the file once (like
    the basemap); else the data is inlined.
    """

    fn = "placeLabels"

    def __init__(self, places: dict, *, lang: str = "en", url: str | None = None):
        super().__init__()
        self._name = "PlaceLabels"
        self.url = url
        self.data = None if url else places
        self.name_key = name_col(lang)

    def options(self) -> dict:
        return {"url": self.url, "data": self.data, "nameKey": self.name_key, "priority": PLACE_PRIORITY}


class FitControl(Call):
    """A map button, "Zoom to shown sites": fits the view to the site layers on the map now."""

    fn = "fitControl"

    def __init__(self, lang: str = "en"):
        super().__init__()
        self._name = "FitControl"
        self.label = t("fit", lang)

    def options(self) -> dict:
        return {"label": self.label, "names": contract.names()}


class Credits(Call):
    """Fixed credits in the map's attribution line (never data text: Leaflet sets it as HTML),
    and the map-level zoom classes the CSS uses to show names by zoom (``gba-z-lt10`` hides
    the towns), whether or not place names are drawn."""

    fn = "credits"

    def __init__(self, credits: tuple[str, ...], *, lang: str = "en"):
        super().__init__()
        self._name = "Credits"
        self.credits = list(credits)
        self.toggle = t("credits_toggle", lang)

    def options(self) -> dict:
        return {"credits": self.credits, "toggle": self.toggle}


class BasemapNote(Call):
    """A small note on the map, shown at zoom 11 or more while the offline basemap is shown:
    it has no streets there, and says which setting brings online tiles."""

    fn = "basemapNote"

    def __init__(self, lang: str = "en"):
        super().__init__()
        self._name = "BasemapNote"
        self.text = t("basemap_note", lang)

    def options(self) -> dict:
        return {"text": self.text}


class KeyboardSelect(Call):
    """Enter or Space on a focused site symbol acts as a click (a DOM click, which
    map-level listeners see, where Leaflet's own Enter does not propagate)."""

    fn = "keyboardSelect"

    def __init__(self):
        super().__init__()
        self._name = "KeyboardSelect"


class PresenterMap(Call):
    """A map that fills its frame (the page sizes the frame to the screen) and, in
    fullscreen, keeps the scene's title on it for the room. The title is set as text."""

    fn = "presenterMap"

    def __init__(self, title: str | None):
        super().__init__()
        self._name = "PresenterMap"
        self.title = title or ""

    def options(self) -> dict:
        return {"title": self.title}


class LiveTiles(Call):
    """Online tiles as the base layer when the browser can fetch one, else the offline map.

    One probe tile, with a timeout: a map whose tile layer were simply switched on would fire
    a score of failing tile requests offline (and leave a grey map). The switch happens only
    if the reader is still on the offline basemap. ``gba-tiles`` on the map hides our place
    names while labelled tiles are shown, so names are not drawn twice.
    """

    fn = "liveTiles"

    def __init__(self, tiles: folium.TileLayer, offline: folium.FeatureGroup, probe: str, *, timeout_ms: int):
        super().__init__()
        self._name = "LiveTiles"
        self.tiles = tiles.get_name()
        self.offline = offline.get_name()
        self.probe = probe
        self.timeout = int(timeout_ms)

    def targets(self) -> list[str]:
        return [self.tiles, self.offline]

    def options(self) -> dict:
        return {"probe": self.probe, "timeout": self.timeout}


class LazyControls(Call):
    """Fullscreen and measure for the page's map, loaded after the map script has run.

    Loaded up front as folium's plugins do, their scripts (leaflet-measure is 106 KB) held
    a share link's first symbols back by ~0.4 s.
    """

    fn = "lazyControls"

    def __init__(self, lang: str, static_url: str):
        super().__init__()
        self._name = "LazyControls"
        self.lang = lang
        self.static_url = static_url

    def options(self) -> dict:
        s = self.static_url
        return {
            "fullJs": f"{s}/leaflet-fullscreen/Control.FullScreen.js",
            "fullCss": f"{s}/leaflet-fullscreen/Control.FullScreen.css",
            "fullOptions": {
                **FULLSCREEN_OPTIONS,
                "title": t("fullscreen", self.lang),
                "titleCancel": t("fullscreen_exit", self.lang),
            },
            "measureJs": f"{s}/leaflet-measure/leaflet-measure.min.js",
            "measureCss": f"{s}/leaflet-measure/leaflet-measure.css",
            "measureOptions": MEASURE_OPTIONS,
        }


class SiteLayer(Call):
    """The sites of one layer drawn by the browser from data: symbols, extents, lines, circles.

    One element per layer instead of a folium Marker + DivIcon + Tooltip per site: the map
    script carries the data once and a loop builds the Leaflet objects, so building and
    sending a filter result costs a few milliseconds, not one template render per site.
    Every text in ``data`` is escaped with ``text.esc`` before it gets here (tooltips are
    HTML).
    """

    fn = "siteLayer"
    in_group = True

    def __init__(self, data: dict):
        super().__init__()
        self._name = "SiteLayer"
        self.data = data
        self.major = list(LABELLED_ALWAYS)
        used = {p["category"] + (":selected" if p["selected"] else "") for p in data["symbols"]}
        self.symbols = {
            key: symbol_svg(key.split(":")[0], size=26 if key.endswith(":selected") else 18, selected=":" in key)
            for key in sorted(used)
        }

    def options(self) -> dict:
        return {
            "names": contract.names(),
            "data": self.data,
            "symbols": self.symbols,
            "major": self.major,
            "priority": LABEL_PRIORITY,
        }
