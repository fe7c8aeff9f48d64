"""The map's view as a figure for a paper or a slide: PDF (vector), SVG and PNG at 300 dpi.

Drawn on the server from the same frame the page's map shows (``map.sites.view_bounds``),
with geopandas' plotting (matplotlib), not a screenshot: it needs no browser and no network.
It holds the offline basemap, the sites with the map's palette, symbols and names (placed by
the map's rules, ``figure_layout``), the legend, a scale bar and a north arrow, the title and
the read-back sentence, the data version and as-of dates, and the view's link with its QR
code. Text is set in Noto Sans CJK in the page's language; without that font the figure is
refused (``FontMissing``) rather than drawn with missing glyphs.

matplotlib holds the GIL for the whole render (a second or two), so the page never renders
here: :func:`render_bounded` hands the work to the bounded worker pool (``own/bounded.py``).
The command line (``gba-dash figure``) calls :func:`render` itself. No streamlit.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geopandas as gpd

from ..dataset import Dataset
from ..map.sites import LAYER_COLUMNS, is_new, view_bounds
from ..map.style import BASEMAP_STYLE, LABEL_PRIORITY, LABELLED_ALWAYS, PALETTE, PLACE_PRIORITY
from ..own import bounded
from ..read.fields import CATEGORIES
from ..read.geometry import anchor
from ..view.filters import FilterState, apply_filters, describe, not_reported_counts
from ..view.share import ViewState, encode, view_slug
from ..words.i18n import category_label, is_zh, name_col, t
from . import figure_layout as lay
from . import figure_qr

FORMATS = ("pdf", "svg", "png")
MIME = {"pdf": "application/pdf", "svg": "image/svg+xml", "png": "image/png"}
DPI = 300
PAGE = (11.69, 8.27)  # A4 landscape, inches: 3,507 px wide at 300 dpi
# Where Debian/Ubuntu (fonts-noto-cjk), Fedora and Arch put Noto Sans CJK.
FONT_PATHS = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
)
FONT_HINT = "NotoSansCJK-Regular.ttc; Debian: apt-get install fonts-noto-cjk"
# The face of the collection for each language: its glyph shapes follow the script's usage.
FAMILY = {"en": "Noto Sans CJK SC", "zh": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK HK"}
# The figure's render in a worker: more time and memory than a read (a 3,500 px canvas).
LIMITS = bounded.Limits(
    wall_seconds=30.0,
    cpu_seconds=30.0,
    memory_bytes=1024 * 1024 * 1024,
    task="drawing the map figure",
    advice="try again shortly",
    busy="drawing other figures or reading files",
)
SEA = "#dcebf5"  # the page's map background (gba-map.css)
INK = "#1a1a1a"
MARKERS = {"science_city": ("o", 1.0), "ai_park": ("h", 1.1), "facility": ("^", 1.05), "checkpoint": ("s", 0.85)}
MARKERS["context"] = ("D", 0.78)
SYMBOL_PT = 8.5  # a site's symbol, points (the page's 18 px on a map a third as wide)
SELECTED_PT = 12.0
# The page shows district and town names from zoom 10; a frame narrower than this (degrees
# of longitude) is at zoom 10 or more on a page's map about 1,000 px wide.
DISTRICT_SPAN = 1000 * 360 / (256 * 2**10)
CLOSEST_M = 1000 * 2 * math.pi * 6378137 / (256 * 2**13)


class FontMissing(RuntimeError):
    """Noto Sans CJK is not installed: the figure is refused, saying which font is needed."""


def font_file() -> Path:
    """The Noto Sans CJK collection, or ``FontMissing`` naming it and how to install it."""
    for path in FONT_PATHS:
        if path.is_file():
            return path
    raise FontMissing(t("fig_font_missing", "en", font="Noto Sans CJK", hint=FONT_HINT))


@cache
def _register(path: str) -> None:
    """Make the collection (and its bold beside it) known to matplotlib, once per process."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(path)
    bold = Path(path).with_name(Path(path).name.replace("Regular", "Bold"))
    if bold.is_file():
        font_manager.fontManager.addfont(str(bold))


@dataclass(frozen=True, kw_only=True)
class FigureSpec:
    """Everything the figure draws, computed cheaply in the server and drawn in a worker."""

    sites: gpd.GeoDataFrame  # the shown sites, the map's columns only
    selected: str | None
    basemap: dict
    places: dict
    bounds: list[list[float]]  # [[south, west], [north, east]]
    lang: str
    title: str
    subtitle: str
    source: str
    link: str
    mark_changed: bool


def figure_spec(ds: Dataset, view: ViewState, *, link: str) -> FigureSpec:
    """The figure of ``view`` over ``ds`` (already in the view's "Data as of" state): the
    sites its filters show, the page's frame and read-back sentence, and ``link``."""
    lang = view.lang
    shown = apply_filters(ds.sites, view.filters)
    sentence = describe(
        view.filters, len(shown), len(ds.sites), lang=lang, not_reported=not_reported_counts(ds.sites, view.filters)
    )
    bounds = view_bounds(ds.sites, shown, ds.places, narrowed=view.filters != FilterState())
    state = t("state_latest" if ds.as_of_state == "latest" else "state_2019", lang)
    source = t("fig_source", lang, version=ds.version or t("unversioned", lang), as_of=ds.as_of, state=state)
    selected = view.site if view.site in set(shown["site_id"]) else None
    return FigureSpec(
        sites=shown[[c for c in LAYER_COLUMNS if c in shown.columns]].copy(),
        selected=selected,
        basemap=ds.basemap,
        places=ds.places,
        bounds=bounds,
        lang=lang,
        title=t("title", lang),
        subtitle=sentence,
        source=source,
        link=link,
        mark_changed=ds.as_of_state == "latest",
    )


def file_name(ds: Dataset, view: ViewState, fmt: str) -> str:
    """``gba-map-<version>-<view>.<fmt>``, as the map's HTML download is named (issue #27, item 7)."""
    return f"gba-map-{ds.version or 'unversioned'}-{view_slug(encode(view))}.{fmt}"


def render_bounded(spec: FigureSpec, fmt: str, *, name: str) -> bytes:
    """:func:`render` in the server's bounded worker pool; a refusal is a ``DataError``
    naming ``name``. The font is checked here first, so its absence is said as such."""
    font_file()
    return bounded.run(render, spec, fmt, name=name, limits=LIMITS)


def render(spec: FigureSpec, fmt: str) -> bytes:
    """The figure as PDF (fonts embedded as TrueType outlines), SVG (text as paths) or PNG at 300 dpi."""
    if fmt not in FORMATS:
        raise ValueError(f"figure format {fmt!r}: one of {', '.join(FORMATS)}")
    import matplotlib

    fig = _draw(spec)
    out = io.BytesIO()
    meta = {"Title": f"{spec.title}: {spec.subtitle}", "Creator": "gba-dash"}
    if fmt == "png":
        meta = {"Title": meta["Title"], "Software": "gba-dash", "Source": spec.link}
    elif fmt == "svg":
        meta = {"Title": meta["Title"], "Creator": "gba-dash", "Source": spec.link}
    with matplotlib.rc_context({"pdf.fonttype": 42, "svg.fonttype": "path", "svg.hashsalt": "gba-dash"}):
        fig.savefig(out, format=fmt, dpi=DPI, metadata=meta, facecolor="white")
    return out.getvalue()


# ---- drawing --------------------------------------------------------------------------


@cache
def _to_mercator():
    from pyproj import Transformer

    return Transformer.from_crs(4326, 3857, always_xy=True)


class _Page:
    """The figure and its renderer, with the page's measures in inches and text sizes in pixels."""

    def __init__(self, lang: str) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.font_manager import FontProperties

        _register(str(font_file()))
        self.lang = lang
        self.family = FAMILY.get(lang, FAMILY["en"])
        self.fig = Figure(figsize=PAGE, dpi=DPI)
        self.canvas = FigureCanvasAgg(self.fig)
        # geopandas' plot asks the canvas to redraw after every layer (a whole Agg render each,
        # half a second in all): the figure is drawn once, when it is saved.
        self.canvas.draw_idle = lambda *args, **kwargs: None
        self.renderer = self.canvas.get_renderer()
        self._props = lambda size, weight: FontProperties(family=self.family, size=size, weight=weight)

    def font(self, size: float, weight: str = "normal"):
        return self._props(size, weight)

    def width_in(self, text: str, size: float, weight: str = "normal") -> float:
        w, _, _ = self.renderer.get_text_width_height_descent(text, self.font(size, weight), ismath=False)
        return w / DPI

    def text(self, x_in: float, y_in: float, s: str, *, size: float, weight: str = "normal", **kw):
        """Text at (x, y) inches from the page's lower-left corner."""
        return self.fig.text(
            x_in / PAGE[0], y_in / PAGE[1], s, fontproperties=self.font(size, weight), color=kw.pop("color", INK), **kw
        )

    def wrap(self, s: str, width_in: float, size: float, weight: str = "normal") -> list[str]:
        return lay.wrap(s, width_in, lambda x: self.width_in(x, size, weight))


def _draw(spec: FigureSpec):
    page = _Page(spec.lang)
    margin, gutter, panel = 0.4, 0.25, 2.55
    top = PAGE[1] - margin
    # The title, then the read-back sentence as the subtitle, across the page.
    page.text(margin, top, spec.title, size=17, weight="bold", va="top")
    y = top - 0.36
    for line in page.wrap(spec.subtitle, PAGE[0] - 2 * margin, 10.5)[:4]:
        page.text(margin, y, line, size=10.5, va="top", color="#333333")
        y -= 0.2
    # The source line along the foot of the page.
    source = page.wrap(spec.source, PAGE[0] - 2 * margin, 7.5)
    for k, line in enumerate(reversed(source)):
        page.text(margin, margin - 0.1 + 0.16 * k, line, size=7.5, color="#444444", va="bottom")
    map_bottom = margin + 0.16 * len(source) + 0.08
    map_top = y - 0.08
    map_w = PAGE[0] - 2 * margin - gutter - panel
    ax = page.fig.add_axes(
        (margin / PAGE[0], map_bottom / PAGE[1], map_w / PAGE[0], (map_top - map_bottom) / PAGE[1]),
        facecolor=SEA,
    )
    extent = _frame(spec.bounds, map_w / (map_top - map_bottom))
    _map(page, ax, spec, extent)
    x_panel = margin + map_w + gutter
    bottom = figure_qr.draw(page, spec, x_panel, map_bottom, panel)
    _legend(page, spec, x_panel, map_top, panel, bottom)
    return page.fig


def _frame(bounds: list[list[float]], aspect: float) -> tuple[float, float, float, float]:
    """The view's bounds in Web Mercator (as the page's map), with room for the names at the
    edges, widened to the map's shape around the same centre: (xmin, ymin, xmax, ymax)."""
    (south, west), (north, east) = bounds
    x0, y0 = _to_mercator().transform(west, south)
    x1, y1 = _to_mercator().transform(east, north)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = (x1 - x0) * 1.12, (y1 - y0) * 1.12
    # The page fits no closer than zoom 13 (``map/base.py``): about 19 km across its map.
    w, h = max(w, CLOSEST_M), max(h, CLOSEST_M / aspect)
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _clip(frame: gpd.GeoDataFrame, extent: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
    xmin, ymin, xmax, ymax = extent
    pad = (xmax - xmin) * 0.05
    return (
        frame.clip_by_rect(xmin - pad, ymin - pad, xmax + pad, ymax + pad)
        .to_frame("geometry")
        .join(frame.drop(columns="geometry"))
    )


def _map(page: _Page, ax, spec: FigureSpec, extent: tuple[float, float, float, float]) -> None:
    from matplotlib import patheffects

    xmin, ymin, xmax, ymax = extent
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_edgecolor("#666666")
        side.set_linewidth(0.6)
    _basemap(ax, spec.basemap, extent)
    sites = spec.sites.set_crs(4326, allow_override=True).to_crs(3857)
    _sites(ax, sites, spec.selected)
    ax.set_xlabel("")  # geopandas names the CRS's axes; the scale bar and the arrow say it
    ax.set_ylabel("")
    to_px = ax.transData.transform
    frame_px = ax.get_window_extent(page.renderer)
    frame = lay.Box(frame_px.x0 + 4, frame_px.y0 + 4, frame_px.width - 8, frame_px.height - 8)
    obstacles = [*_scale_bar(page, ax, extent), *_north_arrow(page, ax)]
    # The symbols: every site's anchor, co-located ones fanned out, drawn above the shapes.
    px = DPI / 72
    anchors = {row.site_id: anchor(row.geometry) for row in sites.itertuples()}
    points = [(sid, *to_px((p.x, p.y))) for sid, p in anchors.items()]
    moved = lay.fan_out(points, near=SYMBOL_PT * px * 0.8, spacing=SYMBOL_PT * px * 1.5)
    items: list[lay.Item] = []
    texts = []
    halo = [patheffects.withStroke(linewidth=2.2, foreground="white")]
    lang = spec.lang
    for row in sites.itertuples():
        sid = row.site_id
        x, y = moved.get(sid, to_px((anchors[sid].x, anchors[sid].y)))
        if sid in moved:
            hub = ax.transData.inverted().transform((x, y))
            ax.plot([anchors[sid].x, hub[0]], [anchors[sid].y, hub[1]], color="#555555", lw=0.5, zorder=5)
        selected = sid == spec.selected
        size = SELECTED_PT if selected else SYMBOL_PT
        _symbol(ax, ax.transData.inverted().transform((x, y)), row.category, size, selected=selected)
        if spec.mark_changed:
            _change_mark(ax, row, (x, y), size)
        half = size * px / 2
        priority = 0 if selected else LABEL_PRIORITY[row.category]
        obstacles.append(lay.Obstacle(lay.Box(x - half, y - half, 2 * half, 2 * half), owner=sid, priority=priority))
        major = selected or row.category in LABELLED_ALWAYS
        name = getattr(row, name_col(lang))
        text = ax.text(0, 0, name, fontproperties=page.font(7.8 if major else 6.6, "bold" if major else "normal"))
        text.set_path_effects(halo)
        items.append(_item(page, text, sid, x, y, half, priority, over=major))
        texts.append(text)
    for place in _places(spec, extent):
        rank = str(place["properties"].get("rank"))
        label = place["properties"].get(name_col(lang)) or place["properties"]["name_en"]
        x, y = to_px(_to_mercator().transform(*place["geometry"]["coordinates"][:2]))
        big = rank == "1"
        shown = label.upper() if big and not is_zh(lang) else label
        style = {"color": "#3d3d3d" if big else "#595959"}
        text = ax.text(0, 0, shown, fontproperties=page.font(8.6 if big else 6.8, "bold" if big else "normal"), **style)
        text.set_path_effects([patheffects.withStroke(linewidth=2.4, foreground="#f7f5ef")])
        pid = f"place:{place['properties'].get('geonameid', label)}"
        items.append(_item(page, text, pid, x, y, 0, PLACE_PRIORITY.get(rank, 5)))
        texts.append(text)
    to_data = ax.transData.inverted().transform
    for text, box in zip(texts, lay.place_all(items, frame=frame, obstacles=obstacles), strict=True):
        if box is None:
            text.remove()  # no room, as on the page: the legend and the sentence still count it
        else:
            text.set_position(to_data((box.x, box.y)))
            text.set_horizontalalignment("left")
            text.set_verticalalignment("bottom")
            text.set_zorder(9)


def _item(page: _Page, text, owner: str, x: float, y: float, r: float, priority: float, *, over: bool = False):
    box = text.get_window_extent(page.renderer)
    return lay.Item(owner=owner, x=x, y=y, w=box.width, h=box.height, r=r, priority=priority, over=over)


def _places(spec: FigureSpec, extent: tuple[float, float, float, float]) -> list[dict]:
    """The place names in the frame: the eleven cities always, districts and towns once the
    frame is as close as the page's zoom 10."""
    (_, west), (_, east) = spec.bounds
    districts = east - west < DISTRICT_SPAN
    xmin, ymin, xmax, ymax = extent
    out = []
    for f in spec.places.get("features", []):
        rank = f["properties"].get("rank")
        x, y = _to_mercator().transform(*f["geometry"]["coordinates"][:2])
        if (rank == 1 or (districts and rank == 2)) and xmin < x < xmax and ymin < y < ymax:
            out.append(f)
    return out


def _basemap(ax, basemap: dict, extent: tuple[float, float, float, float]) -> None:
    """Natural Earth as the page's offline map draws it: land on the sea, lakes, coast, borders."""
    frame = gpd.GeoDataFrame.from_features(basemap.get("features", []), crs=4326)
    if frame.empty:
        return
    frame = _clip(frame.to_crs(3857), extent)
    frame = frame[~frame.geometry.is_empty]
    for layer in ("land", "lake", "coastline", "admin1_boundary", "admin0_boundary"):
        part = frame[frame["layer"] == layer]
        if part.empty:
            continue
        style = BASEMAP_STYLE[layer]
        dash = style.get("dashArray")
        kw = {"linestyle": (0, tuple(float(d) * 0.75 for d in dash.split()))} if dash else {}
        width = float(style.get("weight", 1)) * 0.75
        if layer in ("land", "lake"):
            edge = style["color"] if style.get("weight") else "none"
            part.plot(ax=ax, facecolor=style["fillColor"], edgecolor=edge, linewidth=width, zorder=1)
        else:
            part.plot(ax=ax, color=style["color"], linewidth=width, zorder=2, **kw)


def _sites(ax, sites: gpd.GeoDataFrame, selected: str | None) -> None:
    """Extents (dashed when indicative), lines and location uncertainty circles, by category."""
    kinds = sites.geometry.geom_type
    for category in CATEGORIES:
        colour = PALETTE[category]
        mine = sites[sites["category"] == category]
        polys = mine[kinds[mine.index].isin(("Polygon", "MultiPolygon"))]
        for dashed, part in polys.groupby(polys["geometry_kind"] == "indicative_extent"):
            part.plot(
                ax=ax,
                facecolor=(*_rgb(colour), 0.12),
                edgecolor=colour,
                linewidth=1.3,
                linestyle=(0, (4.5, 3.5)) if dashed else "-",
                zorder=3,
            )
        lines = mine[kinds[mine.index].isin(("LineString", "MultiLineString"))]
        if not lines.empty:
            lines.plot(ax=ax, color=colour, linewidth=2.6, linestyle=(0, (1.2, 2.4)), zorder=3)
        points = mine[(kinds[mine.index] == "Point") & (mine["location_uncertainty_m"].fillna(0).astype(float) >= 300)]
        if not points.empty:
            # Metres on the ground are 1/cos(latitude) Web Mercator units.
            lat = points.to_crs(4326).geometry.y
            radius = points["location_uncertainty_m"].astype(float) / lat.map(lambda v: math.cos(math.radians(v)))
            circles = gpd.GeoSeries([g.buffer(r) for g, r in zip(points.geometry, radius, strict=True)], crs=3857)
            circles.plot(
                ax=ax,
                facecolor=(*_rgb(colour), 0.05),
                edgecolor=(*_rgb(colour), 0.5),
                linewidth=0.5,
                linestyle=(0, (2, 2.5)),
                zorder=3,
            )
    hit = sites[sites["site_id"] == selected]
    if not hit.empty and hit.geometry.iloc[0].geom_type != "Point":
        hit.boundary.plot(ax=ax, color="#000000", linewidth=2.4, zorder=4)


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


def _symbol(ax, xy, category: str, size: float, *, selected: bool, legend: bool = False) -> None:
    marker, scale = MARKERS[category]
    ax.plot(
        [xy[0]],
        [xy[1]],
        marker=marker,
        markersize=size * scale,
        markerfacecolor=PALETTE[category],
        markeredgecolor="#000000" if selected else "#ffffff",
        markeredgewidth=1.6 if selected else 0.9,
        linestyle="none",
        zorder=7 if selected else 6,
        clip_on=not legend,
    )


def _change_mark(ax, row, xy: tuple[float, float], size: float) -> None:
    """The page's marks beside a symbol: a ringed dot (changed since 2019), a small diamond (new)."""
    new = is_new(row._asdict())
    changed = bool(getattr(row, "changed_since_2019", False)) and not new
    if not (new or changed):
        return
    off = size * DPI / 72 * 0.45
    at = ax.transData.inverted().transform((xy[0] + off, xy[1] + off))
    _mark(ax, at, new=new)


def _mark(ax, at, *, new: bool, clip: bool = True) -> None:
    ax.plot(
        [at[0]],
        [at[1]],
        marker="D" if new else "o",
        markersize=3.2 if new else 3.6,
        markerfacecolor="#000000",
        markeredgecolor="#ffffff",
        markeredgewidth=0.8,
        linestyle="none",
        zorder=8,
        clip_on=clip,
    )


def _scale_bar(page: _Page, ax, extent: tuple[float, float, float, float]) -> list[lay.Obstacle]:
    """A scale bar in the lower left, true at the map's centre latitude; its box, for the names."""
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import Bbox

    xmin, ymin, xmax, ymax = extent
    lat = math.degrees(math.atan(math.sinh((ymin + ymax) / 2 / 6378137.0)))
    per_m = 1 / math.cos(math.radians(lat))  # Web Mercator units per metre on the ground
    km = lay.scale_length_km((xmax - xmin) / per_m / 1000)
    length = km * 1000 * per_m
    w, h = xmax - xmin, ymax - ymin
    x0, y0 = xmin + 0.03 * w, ymin + 0.035 * h
    bar = 0.008 * h
    parts = []
    for k in range(2):
        face = INK if k == 0 else "#ffffff"
        rect = Rectangle((x0 + k * length / 2, y0), length / 2, bar, facecolor=face, edgecolor=INK, lw=0.6, zorder=11)
        parts.append(ax.add_patch(rect))
    font = page.font(7.5)
    for x, s in ((x0, "0"), (x0 + length / 2, f"{km / 2:g}"), (x0 + length, f"{km:g} km")):
        ha = "left" if s.endswith("km") else "center"
        shift = page.width_in("0", 7.5) * DPI / 2 if ha == "left" else 0
        x = ax.transData.inverted().transform((ax.transData.transform((x, 0))[0] - shift, 0))[0]
        parts.append(ax.text(x, y0 + bar + 0.008 * h, s, fontproperties=font, ha=ha, zorder=11))
    box = Bbox.union([p.get_window_extent(page.renderer) for p in parts]).padded(0.06 * DPI)
    (bx0, by0), (bx1, by1) = ax.transData.inverted().transform([(box.x0, box.y0), (box.x1, box.y1)])
    back = Rectangle((bx0, by0), bx1 - bx0, by1 - by0, facecolor=(1, 1, 1, 0.85), edgecolor="none", zorder=10)
    ax.add_patch(back)
    return [lay.Obstacle(lay.Box(box.x0, box.y0, box.width, box.height))]


def _north_arrow(page: _Page, ax) -> list[lay.Obstacle]:
    """A north arrow in the upper right (Web Mercator: north is up everywhere on the map)."""
    from matplotlib.patches import Polygon

    cx, top, half, tall = 0.955, 0.95, 0.014, 0.075
    for side, face in ((-1, INK), (1, "#ffffff")):
        ax.add_patch(
            Polygon(
                [(cx, top - 0.02), (cx + side * half, top - 0.02 - tall), (cx, top - 0.02 - tall * 0.72)],
                closed=True,
                transform=ax.transAxes,
                facecolor=face,
                edgecolor=INK,
                linewidth=0.7,
                zorder=11,
            )
        )
    ax.text(
        cx,
        top,
        t("fig_north", page.lang),
        transform=ax.transAxes,
        ha="center",
        va="top",
        fontproperties=page.font(10, "bold"),
        zorder=11,
    )
    ax_box = ax.get_window_extent(page.renderer)
    x0 = ax_box.x0 + (cx - 0.03) * ax_box.width
    y0 = ax_box.y0 + (top - 0.02 - tall - 0.01) * ax_box.height
    return [lay.Obstacle(lay.Box(x0, y0, 0.06 * ax_box.width, (tall + 0.05) * ax_box.height))]


def _legend(page: _Page, spec: FigureSpec, x: float, top: float, width: float, bottom: float) -> None:
    """The legend beside the map (never over a site): the categories shown, the marks, the notes."""
    lang = spec.lang
    cats = [c for c in CATEGORIES if (spec.sites["category"] == c).any()]
    page.text(x, top, t("legend", lang), size=11, weight="bold", va="top")
    y = top - 0.34
    ax = page.fig.add_axes((x / PAGE[0], 0, width / PAGE[0], 1), facecolor="none")
    ax.set_xlim(0, width)
    ax.set_ylim(0, PAGE[1])
    ax.set_axis_off()
    for c in cats:
        _symbol(ax, (0.1, y), c, SYMBOL_PT, selected=False, legend=True)
        for k, line in enumerate(page.wrap(category_label(c, lang), width - 0.3, 8.5)):
            page.text(x + 0.28, y - k * 0.17, line, size=8.5, va="center")
            y -= 0.17 if k else 0
        y -= 0.26
    if spec.selected:
        _symbol(
            ax,
            (0.1, y),
            spec.sites.loc[spec.sites["site_id"] == spec.selected, "category"].iloc[0],
            SELECTED_PT,
            selected=True,
            legend=True,
        )
        page.text(x + 0.28, y, t("selected", lang), size=8.5, va="center")
        y -= 0.3
    if spec.mark_changed:
        rows = spec.sites.to_dict("records")
        marks = [(False, "legend_changed"), (True, "legend_new")]
        present = {
            True: any(is_new(r) for r in rows),
            False: any(bool(r.get("changed_since_2019")) and not is_new(r) for r in rows),
        }
        for new, key in marks:
            if not present[new]:
                continue
            _mark(ax, (0.1, y), new=new, clip=False)
            for k, line in enumerate(page.wrap(t(key, lang), width - 0.3, 7.8)):
                page.text(x + 0.28, y - k * 0.16, line, size=7.8, va="center")
                y -= 0.16 if k else 0
            y -= 0.26
    y -= 0.04
    for key in ("legend_extent", "legend_unc"):
        for line in page.wrap(t(key, lang), width, 7.5):
            if y < bottom + 0.1:
                return
            page.text(x, y, line, size=7.5, va="center", color="#444444")
            y -= 0.16
