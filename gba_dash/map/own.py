"""A reader's own data on the map: points (circle markers, or H3 hexagons by count),
polygons as a classed choropleth, lines; each one GeoJSON layer with escaped tooltips,
and a legend that goes with its layer.
"""

from __future__ import annotations

import folium
import numpy as np
import pandas as pd

from ..own.classes import NO_VALUE, classify, numeric
from ..words.i18n import t
from ..words.text import esc
from .elements import Call, Legend
from .style import OWN_COLOUR

# A reader's own layers sit in panes of their own: areas and lines below the curated sites'
# extents (Leaflet's overlay pane, 400), points above the basemap (350) and the extents but
# below the place names (450) and the site symbols (600), so no upload hides a curated site.
SHAPES_PANE = ("gba-own-shapes", 390)
POINTS_PANE = ("gba-own-points", 420)


def _in_pane(marker: folium.CircleMarker, pane: str) -> folium.CircleMarker:
    # folium's path options have no pane: set on the options the GeoJSON's markers are made with.
    marker.options["pane"] = pane
    return marker


def own_panes() -> list[folium.map.CustomPane]:
    """The two panes, added to the map before its own layers."""
    return [folium.map.CustomPane(name, z_index=z, pointer_events=True) for name, z in (SHAPES_PANE, POINTS_PANE)]


# A single point's circle: big enough to see and to hover at city zoom (the curated
# symbols are 18 px); a cell of counted points grows with its count. A light fill in a dark
# ring, so it does not read as a science city's solid blue dot.
POINT_RADIUS = 6
MAX_RADIUS = 16
POINT_EDGE = "#0b3d5c"


def point_radius(counts: np.ndarray) -> np.ndarray:
    """Each circle's radius in pixels: ``POINT_RADIUS`` for one point, growing with the count."""
    grown = POINT_RADIUS + 2 * np.floor(np.log10(np.maximum(counts, 1)) * 2)
    return np.clip(grown, POINT_RADIUS, MAX_RADIUS).astype(int)


def own_layer_group(
    drawn: pd.DataFrame, *, name: str, lang: str = "en", label: str | None = None
) -> folium.FeatureGroup:
    """A researcher's points as circle markers, or their H3 hexagons shaded by count, in one
    GeoJSON layer, with its entry in the map's legend.

    One GeoJSON object, not a marker per point: at most a few thousand paths, and a tooltip
    of escaped text. Hexagons (``drawn`` has a ``cell`` column) are classed by count
    (natural breaks, viridis) with a legend. ``label`` names the points in the legend (the
    file's name; ``name`` by default).
    """
    if "cell" in drawn.columns:
        return _hexagons(drawn, name=name, lang=lang)
    counts = drawn["count"].to_numpy()
    radius = point_radius(counts)
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
        marker=_in_pane(
            folium.CircleMarker(
                radius=POINT_RADIUS, color=POINT_EDGE, weight=2, fill=True, fill_color=OWN_COLOUR, fill_opacity=0.85
            ),
            POINTS_PANE[0],
        ),
        style_function=lambda f: {"radius": f["properties"]["r"]},
        tooltip=folium.GeoJsonTooltip(fields=["t"], labels=False),
    ).add_to(group)
    OwnLegend(
        title=t("own", lang),
        rows=[(OWN_COLOUR, t("own_legend_points", lang, name=label or name, n=f"{int(counts.sum()):,}"))],
        no_value=None,
        note=t("own_unverified", lang),
        dots=True,
    ).add_to(group)
    return group


class OwnLegend(Legend):
    """The legend of a researcher's choropleth, hexagons or points, added to its layer group
    (so it goes with the layer): the value, each class's colour and bounds, and "no value"
    (or the points' one circle); every text escaped. The same Leaflet control as ``Legend``."""

    css_class = "gba-legend gba-own-legend"
    in_group = True
    own = True  # a section of the map's one legend box, shown while its layer is on the map

    def __init__(self, *, title: str, rows: list[tuple[str, str]], no_value: str | None, note: str, dots: bool = False):
        Call.__init__(self)
        self._name = "OwnLegend"
        self.title = title
        # ``dots``: round swatches, for points drawn as circles.
        kind = "gba-swatch gba-dot" if dots else "gba-swatch"
        swatch = f'<span class="{kind}" style="background:{{}}" aria-hidden="true"></span>'
        body = "".join(
            f'<div class="gba-legend-row">{swatch.format(c)}<span>{esc(text)}</span></div>' for c, text in rows
        )
        if no_value:
            body += (
                f'<div class="gba-legend-row">{swatch.format(NO_VALUE).replace("swatch", "swatch gba-no-value")}'
                f"<span>{esc(no_value)}</span></div>"
            )
        self.html = f'<strong>{esc(title)}</strong>{body}<div class="gba-legend-note">{esc(note)}</div>'

    def options(self) -> dict:
        return {"cssClass": self.css_class, "title": self.title, "html": self.html, "own": True}


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
        pane=SHAPES_PANE[0],
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
        pane=SHAPES_PANE[0],
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
