"""The curated sites as the map draws them: per-layer data for ``SiteLayer`` (symbols,
extents, lines, uncertainty circles, the selection), the hover text, and which site a
click means. Pure: a filtered frame in, plain data out, cheap to cache.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TypedDict

import folium
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point

from ..read.fields import CATEGORIES, label
from ..read.geometry import anchor
from ..words.i18n import category_label, city, confidence_label, is_zh, name_col, t
from ..words.text import esc, km
from .elements import SiteLayer
from .style import PALETTE


def bounds_of(sites: pd.DataFrame) -> list[list[float]] | None:
    """[[south, west], [north, east]] of a frame, for fit_bounds; None when empty."""
    if sites.empty:
        return None
    minx, miny, maxx, maxy = sites.total_bounds
    return [[round(float(miny), 4), round(float(minx), 4)], [round(float(maxy), 4), round(float(maxx), 4)]]


def default_bounds(sites: pd.DataFrame, places: dict) -> list[list[float]] | None:
    """The opening view: every site and the eleven cities' names (places of rank 1), so the
    western cities (Zhaoqing, Jiangmen) are on the first map too (issue #26)."""
    box = bounds_of(sites)
    cities = [f["geometry"]["coordinates"] for f in places.get("features", []) if f["properties"].get("rank") == 1]
    if not cities:
        return box
    lons, lats = [c[0] for c in cities], [c[1] for c in cities]
    if box is not None:
        lats += [box[0][0], box[1][0]]
        lons += [box[0][1], box[1][1]]
    return [[round(min(lats), 4), round(min(lons), 4)], [round(max(lats), 4), round(max(lons), 4)]]


def view_bounds(sites: pd.DataFrame, shown: pd.DataFrame, places: dict, *, narrowed: bool) -> list[list[float]] | None:
    """The frame a view opens in: the shown sites when the filters narrow them (``narrowed``),
    else the opening view (``default_bounds``). The page fits its map to it and the figure
    (``publish/figure``) draws it, so the two show the same part of the Bay."""
    return (bounds_of(shown) if narrowed else None) or default_bounds(sites, places)


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
        f"{esc(t('position', lang))}{esc(km(row['location_uncertainty_m'], lang))} "
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
    (``gba_dash/ui/browser/predictor.py``). A layer's count is of its shown sites. Pure and cheap to cache.
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
        layers.append(
            {
                "name": name,
                "base": base,
                "category": category,
                "show": True,
                "shapes": shapes,
                "circles": [],
                "symbols": symbols,
                "crowd": t("crowd", lang),  # a crowd's button's name (gba-layout.js), set as text
            }
        )
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


def _names_in(row: pd.Series, text: str) -> int:
    """The length of the longest of the site's names that ``text`` contains (0: none)."""
    names = [str(row.get(c) or "") for c in ("name_en", "name_zh", "name_zh_hant")]
    return max((len(n) for n in names if n and n in text), default=0)


def site_at(
    sites: pd.DataFrame, lat: float, lng: float, *, tolerance_deg: float = 0.002, tooltip: str | None = None
) -> str | None:
    """The site a map click at (lat, lng) means: a symbol under it first, else the smallest extent.

    A symbol's click reports its site's own point, so sites that share a point (two Nansha
    facilities do) are told apart by ``tooltip``, the clicked symbol's hover text, which
    names its site.
    """
    if sites.empty:
        return None
    # Degrees are fine here: the tolerance is a few pixels at city zoom, not a distance.
    click = Point(lng, lat)
    geoms = np.asarray(sites.geometry.to_numpy(), dtype=object)
    ids = sites["site_id"].to_numpy()
    dist = shapely.distance(np.array([anchor(g) for g in geoms], dtype=object), click)
    if dist.min() <= tolerance_deg:
        tied = np.flatnonzero(dist <= dist.min() + 1e-9)
        if len(tied) > 1 and tooltip:
            named = [i for i in tied if _names_in(sites.iloc[i], tooltip)]
            if named:  # the longest name the text holds: one name may hold another
                return str(ids[max(named, key=lambda i: _names_in(sites.iloc[i], tooltip))])
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
