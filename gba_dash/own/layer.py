"""A researcher's own point layer: read, validate, aggregate for drawing, count near sites.

Accepted (``formats``): a text table (CSV, TSV or semicolon-separated, in UTF-8,
GB18030/GBK or Big5) or an Excel workbook with latitude/longitude columns (names detected,
or given), Parquet with such columns, and GeoJSON, GeoPackage, a zipped Shapefile, KML,
FlatGeobuf or GeoParquet of points, reprojected to WGS-84. Coordinates geocoded in GCJ-02
can be converted (``gcj02``). Problems carry the file name, the line or feature and the
value, like the bundled data's. Large layers are never drawn as one DOM marker per point:
above ``MAX_DRAWN`` points they are binned into grid cells whose size grows with the count.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from ..read.fields import GBA_BBOX
from ..read.load import bbox_problem, check_geometry, csv_rows, decode_utf8, parse_geojson
from ..read.schema import DataError, Problem
from ..words.i18n import Phrase
from . import formats
from .classes import numeric_columns
from .gcj02 import to_wgs84
from .rows import LeftOut, as_problems, keep_rows

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_POINTS = 500_000
MAX_SHAPES = 20_000
POLYGONS = ("Polygon", "MultiPolygon")
LINES = ("LineString", "MultiLineString")
MAX_DRAWN = 2_000
MAX_PROBLEMS_SHOWN = 50
LAT_NAMES = ("lat", "latitude", "y", "纬度", "緯度")
LON_NAMES = ("lon", "lng", "long", "longitude", "x", "经度", "經度")
NAME_NAMES = ("name", "name_en", "title", "label", "名称", "名稱")
EARTH_RADIUS_KM = 6371.0088


# What a layer holds: points (``frame``), or areas or lines (``shapes``).
LayerKind = Literal["points", "polygons", "lines"]


@dataclass(frozen=True)
class OwnLayer:
    """Validated points: ``frame`` has lon, lat and name columns (name may be '')."""

    name: str
    frame: pd.DataFrame
    synthetic: bool = False
    # How it was read, for the reader: the encoding detected, a reprojection, a conversion.
    notes: tuple[str, ...] = ()
    # "points" (``frame``), or "polygons" / "lines" (``shapes``: a GeoDataFrame in WGS-84
    # with a ``name`` column and the file's other attributes).
    kind: LayerKind = "points"
    shapes: object = None
    # A polygon layer's columns that hold numbers (the choropleth's choices), found once here.
    value_columns: tuple[str, ...] = ()
    # ``frame`` holds counted cells (a ``count`` column), not single points: a very large
    # layer aggregated out of core (``large``).
    weighted: bool = False
    # The rows of a table that were not drawn, each with its row number and why (``rows``).
    left_out: LeftOut | None = None

    def __len__(self) -> int:
        if self.shapes is not None:
            return len(self.shapes)
        return int(self.frame["count"].sum()) if self.weighted else len(self.frame)


def _fail(problems: list[Problem]) -> None:
    if len(problems) > MAX_PROBLEMS_SHOWN:
        more = len(problems) - MAX_PROBLEMS_SHOWN
        first = problems[0]
        problems = [*problems[:MAX_PROBLEMS_SHOWN], Problem(first.file, "", "", "", f"and {more} more problems")]
    raise DataError(problems)


def detect_columns(header: list[str]) -> tuple[str | None, str | None]:
    """The latitude and longitude columns by name, case-insensitively; None if absent."""
    lower = {h.strip().casefold(): h for h in header}
    lat = next((lower[n] for n in LAT_NAMES if n in lower), None)
    lon = next((lower[n] for n in LON_NAMES if n in lower), None)
    return lat, lon


def csv_header(data: bytes) -> list[str]:
    """The header cells of a text table ([] if unreadable), for choosing columns by hand."""
    decoded = formats.decode_text(data, "", [])
    if decoded is None:
        return []
    try:
        first = decoded.text.split("\n", 1)[0]
        return [h.strip() for h in next(csv.reader([first], delimiter=formats.sniff_delimiter(decoded.text)))]
    except (StopIteration, csv.Error):
        return []


def read_layer(
    data: bytes,
    filename: str,
    *,
    lat_col: str | None = None,
    lon_col: str | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
    layer: str | None = None,
    gcj02: bool = False,
) -> OwnLayer:
    """Parse an uploaded file; raise DataError naming every problem (the first 50).

    ``layer`` chooses a GeoPackage layer or an Excel sheet (default: the first);
    ``gcj02`` converts coordinates given in GCJ-02 to WGS-84."""
    if len(data) > max_bytes:
        raise DataError([Problem(filename, "", "", "", f"file is {len(data):,} bytes; the limit is {max_bytes:,}")])
    problems: list[Problem] = []
    notes: list[str] = []
    lowered = filename.lower()
    frame = None
    if lowered.endswith(formats.GEOJSON_SUFFIXES):
        text = decode_utf8(data, filename, problems)
        if text is not None:
            frame = _read_geojson(text, filename, problems)
    elif lowered.endswith(formats.TEXT_SUFFIXES):
        decoded = formats.decode_text(data, filename, problems)
        if decoded is not None:
            delimiter = formats.sniff_delimiter(decoded.text)
            notes.append(Phrase("own_note_read_as", encoding=decoded.encoding, delimiter=_delimiter_name(delimiter)))
            frame = _read_csv(decoded.text, filename, problems, lat_col=lat_col, lon_col=lon_col, delimiter=delimiter)
    elif lowered.endswith((*formats.VECTOR_SUFFIXES, *formats.TABLE_SUFFIXES, *formats.PARQUET_SUFFIXES)):
        read = (
            formats.read_parquet(data, filename, problems)
            if lowered.endswith(formats.PARQUET_SUFFIXES)
            else formats.read_vector(data, filename, problems, layer=layer)
        )
        if read is not None:
            frame = _from_frame(read, filename, problems, lat_col=lat_col, lon_col=lon_col)
            if formats.source_crs(read):
                notes.append(Phrase("own_note_reprojected", crs=formats.source_crs(read)))
            if layer:
                notes.append(Phrase("own_note_layer", layer=layer))
    else:
        problems.append(
            Problem(filename, "", "", "", f"not a format read here; expected one of {', '.join(formats.SUFFIXES)}")
        )
    if problems or frame is None:
        _fail(problems)
    left_out = frame.attrs.pop("left_out", None)
    kind = frame.attrs.get("kind", "points")
    if kind != "points":
        shapes = frame
        if gcj02:
            from shapely import transform

            def back(coords):
                lon, lat = to_wgs84(coords[:, 0], coords[:, 1])
                return np.column_stack([lon, lat])

            shapes = shapes.set_geometry([transform(g, back) for g in shapes.geometry], crs=4326)
            notes.append(Phrase("own_note_gcj02"))
        empty = pd.DataFrame({"lon": [], "lat": [], "name": []})
        values = tuple(numeric_columns(shapes)) if kind == "polygons" else ()
        return OwnLayer(name=filename, frame=empty, notes=tuple(notes), kind=kind, shapes=shapes, value_columns=values)
    if gcj02:
        lon, lat = to_wgs84(frame["lon"].to_numpy(), frame["lat"].to_numpy())
        frame = frame.assign(lon=lon.round(6), lat=lat.round(6))
        notes.append(Phrase("own_note_gcj02"))
    return OwnLayer(name=filename, frame=frame, notes=tuple(notes), left_out=left_out)


DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


def _delimiter_name(delimiter: str) -> str:
    name = DELIMITER_NAMES.get(delimiter)
    return Phrase(f"delim_{name}") if name else repr(delimiter)


def _from_frame(
    frame: pd.DataFrame, name: str, problems: list[Problem], *, lat_col: str | None, lon_col: str | None
) -> pd.DataFrame | None:
    """Points from a table read by GDAL or pyarrow: its point geometry, else its coordinate columns."""
    import geopandas as gpd

    if len(frame) > MAX_POINTS:
        problems.append(Problem(name, "", "", "", f"{len(frame):,} rows; the limit is {MAX_POINTS:,}"))
        return None
    lower = {str(c).casefold(): c for c in frame.columns}
    iname = next((lower[n] for n in NAME_NAMES if n in lower), None)
    names = frame[iname].fillna("").astype(str).str.strip() if iname is not None else pd.Series("", index=frame.index)
    if isinstance(frame, gpd.GeoDataFrame):
        geoms = frame.geometry
        kinds = geoms.geom_type.fillna("empty")
        others = kinds[~kinds.isin(["Point", "MultiPoint"])]
        if len(others) == len(kinds) and len(kinds):
            return _shapes(frame.reset_index(drop=True), name, problems)
        if len(others):
            counts = kinds.value_counts()
            what = ", ".join(f"{n:,} {k}" for k, n in counts.items())
            problems.append(
                Problem(
                    name,
                    f"feature {others.index[0]}",
                    "geometry",
                    others.iloc[0],
                    f"a layer holds one kind of geometry; this one has {what}",
                )
            )
            return None
        points = geoms.representative_point() if (kinds == "MultiPoint").any() else geoms
        out = pd.DataFrame({"lon": points.x.to_numpy(), "lat": points.y.to_numpy(), "name": names.to_numpy()})
    else:
        header = [str(c) for c in frame.columns]
        text = frame.astype(object).where(frame.notna(), "").astype(str)
        rows = [header, *text.to_numpy().tolist()]
        return _rows_to_points(rows, name, problems, lat_col=lat_col, lon_col=lon_col)
    for i, (lon, lat) in enumerate(zip(out["lon"], out["lat"], strict=True)):
        error = _check_point(lon, lat)
        if error:
            problems.append(Problem(name, f"feature {i}", "geometry", f"{lon:.6f},{lat:.6f}", error))
    if not len(out) and not problems:
        problems.append(Problem(name, "", "features", "", "no point features"))
    return None if problems else out


def _check_point(lon: float, lat: float) -> str | None:
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return "not a finite number"
    return bbox_problem(lon, lat, lon, lat)


def _read_csv(
    text: str, name: str, problems: list[Problem], *, lat_col: str | None, lon_col: str | None, delimiter: str = ","
) -> pd.DataFrame | None:
    rows = csv_rows(text, name, problems, delimiter=delimiter)
    if rows is None:
        return None
    return _rows_to_points(rows, name, problems, lat_col=lat_col, lon_col=lon_col)


def _rows_to_points(
    rows: list[list[str]],
    name: str,
    problems: list[Problem],
    *,
    lat_col: str | None,
    lon_col: str | None,
) -> pd.DataFrame | None:
    """Points from a header row and data rows of text cells (a CSV, a sheet, a Parquet table)."""
    if not rows:
        problems.append(Problem(name, "line 1", "", "", "empty file: expected a header row"))
        return None
    header = [h.strip() for h in rows[0]]
    found_lat, found_lon = detect_columns(header)
    lat_col, lon_col = lat_col or found_lat, lon_col or found_lon
    for role, col in (("latitude", lat_col), ("longitude", lon_col)):
        if col is None:
            problems.append(
                Problem(
                    name,
                    "line 1",
                    "",
                    "",
                    f"no {role} column found; name it "
                    f"{' or '.join(LAT_NAMES if role == 'latitude' else LON_NAMES)}, or choose it",
                )
            )
        elif col not in header:
            problems.append(Problem(name, "line 1", col, "", f"chosen {role} column is not in the header"))
    if problems:
        return None
    if len(rows) - 1 > MAX_POINTS:
        problems.append(Problem(name, "", "", "", f"{len(rows) - 1:,} rows; the limit is {MAX_POINTS:,}"))
        return None
    ilat, ilon = header.index(lat_col), header.index(lon_col)
    lower = {h.casefold(): i for i, h in enumerate(header)}
    iname = next((lower[n] for n in NAME_NAMES if n in lower), None)
    points, left = keep_rows(header, rows[1:], ilat=ilat, ilon=ilon, iname=iname)
    if not len(points):
        # No usable row: the table is refused, each row named, as before rows were kept.
        problems.extend(as_problems(left, name))
        if not problems:
            problems.append(Problem(name, "", "", "", "no data rows"))
        return None
    if len(left):
        points.attrs["left_out"] = left
    return points


def _shapes(frame, name: str, problems: list[Problem]):
    """A polygon or line layer, checked: one kind of geometry, valid, inside the GBA."""
    kinds = frame.geometry.geom_type.fillna("empty")
    if kinds.isin(POLYGONS).all():
        kind = "polygons"
    elif kinds.isin(LINES).all():
        kind = "lines"
    else:
        counts = ", ".join(f"{n:,} {k}" for k, n in kinds.value_counts().items())
        # Name the first feature that is not of the first feature's kind (or the first, when
        # it is neither polygon nor line).
        family = next((f for f in (POLYGONS, LINES) if kinds.iloc[0] in f), ())
        odd = kinds[~kinds.isin(family)]
        where = odd.index[0] if family else kinds.index[0]
        problems.append(
            Problem(
                name,
                f"feature {where}",
                "geometry",
                kinds.loc[where],
                f"a layer holds one kind of geometry (points, polygons or lines); this one has {counts}",
            )
        )
        return None
    if len(frame) > MAX_SHAPES:
        problems.append(Problem(name, "", "", "", f"{len(frame):,} features; the limit is {MAX_SHAPES:,}"))
        return None
    for i, geom in zip(frame.index, frame.geometry, strict=True):
        if not geom.is_valid:
            from shapely.validation import explain_validity

            problems.append(
                Problem(name, f"feature {i}", "geometry", geom.geom_type, f"invalid geometry: {explain_validity(geom)}")
            )
            continue
        hint = bbox_problem(*geom.bounds)
        if hint:
            minx, miny, maxx, maxy = geom.bounds
            problems.append(Problem(name, f"feature {i}", "geometry", f"{minx:g},{miny:g},{maxx:g},{maxy:g}", hint))
    if problems:
        return None
    lower = {str(c).casefold(): c for c in frame.columns}
    iname = next((lower[n] for n in NAME_NAMES if n in lower), None)
    out = frame.copy()
    out["name"] = out[iname].fillna("").astype(str).str.strip() if iname is not None else ""
    out.attrs["kind"] = kind
    return out


def _read_geojson(text: str, name: str, problems: list[Problem]) -> pd.DataFrame | None:
    features = parse_geojson(text, name, problems)
    if features is None:
        return None
    if len(features) > MAX_POINTS:
        problems.append(Problem(name, "", "", "", f"{len(features):,} features; the limit is {MAX_POINTS:,}"))
        return None
    lons, lats, names = [], [], []
    others: list = []
    for i, feature in enumerate(features):
        where = f"feature {i}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(Problem(name, where, "type", "", "expected a GeoJSON Feature"))
            continue
        geom = check_geometry(feature.get("geometry"), where, name, problems)
        if geom is None:
            continue
        props = feature.get("properties") or {}
        props = props if isinstance(props, dict) else {}
        if geom.geom_type != "Point":
            others.append((i, geom, props))
            continue
        label = next((props[n] for n in NAME_NAMES if n in props), "")
        lons.append(geom.x)
        lats.append(geom.y)
        names.append(str(label) if label is not None else "")
    if others and not problems:
        if lons:
            problems.append(
                Problem(
                    name,
                    f"feature {others[0][0]}",
                    "geometry",
                    others[0][1].geom_type,
                    f"a layer holds one kind of geometry; this one mixes {len(lons):,} points with "
                    f"{len(others):,} other features",
                )
            )
            return None
        import geopandas as gpd

        frame = gpd.GeoDataFrame(
            pd.DataFrame([p for _, _, p in others]).reset_index(drop=True),
            geometry=[g for _, g, _ in others],
            crs=4326,
        )
        return _shapes(frame, name, problems)
    if not lons and not problems:
        problems.append(Problem(name, "", "features", "", "no point features"))
    return pd.DataFrame({"lon": lons, "lat": lats, "name": names})


def synthetic_points(n: int, *, seed: int = 2019) -> tuple[np.ndarray, np.ndarray]:
    """(lon, lat) of ``n`` deterministic synthetic points around the science hubs."""
    rng = np.random.default_rng(seed)
    hubs = np.array(
        [
            [113.60, 22.75],
            [113.93, 22.77],
            [113.91, 22.91],
            [113.62, 22.47],
            [114.42, 22.75],
            [114.06, 22.54],
            [113.32, 23.13],
            [114.17, 22.32],
        ]
    )
    which = rng.integers(0, len(hubs), n)
    spread = rng.uniform(0.01, 0.12, n)[:, None]
    pts = hubs[which] + rng.normal(0, 1, (n, 2)) * spread
    x0, y0, x1, y1 = GBA_BBOX
    pts[:, 0] = np.clip(pts[:, 0], x0, x1)
    pts[:, 1] = np.clip(pts[:, 1], y0, y1)
    return pts[:, 0].round(5), pts[:, 1].round(5)


def synthetic_layer(n: int, *, seed: int = 2019) -> OwnLayer:
    """A deterministic SYNTHETIC layer of ``n`` points around the science hubs, for tests and benchmarks."""
    lon, lat = synthetic_points(n, seed=seed)
    frame = pd.DataFrame({"lon": lon, "lat": lat, "name": [f"synthetic point {i}" for i in range(n)]})
    return OwnLayer(name=f"synthetic ({n:,} points, not real data)", frame=frame, synthetic=True)


def synthetic_csv(n: int, *, seed: int = 2019) -> bytes:
    """The synthetic layer as CSV bytes, as a researcher would upload it."""
    return synthetic_layer(n, seed=seed).frame.to_csv(index=False).encode("utf-8")


def aggregate(layer: OwnLayer, *, max_drawn: int = MAX_DRAWN) -> tuple[pd.DataFrame, int | None]:
    """Points to draw: the points themselves when few, else H3 hexagons (cell, lon, lat, count).

    Returns (frame with lon, lat, count, name and, when binned, the H3 ``cell``) and the H3
    resolution (None if raw). The resolution is the finest, from 9 (about 0.1 km² a cell)
    down, at which at most ``max_drawn`` cells remain. A coarser cell counts the points of
    its child cells (H3's nesting is approximate: a point within metres of an edge may be
    counted in the hexagon next to the one it lies in).
    """
    import h3

    frame = layer.frame
    if len(frame) <= max_drawn and not layer.weighted:
        return frame.assign(count=1), None
    lats, lons = frame["lat"].to_numpy(), frame["lon"].to_numpy()
    weights = frame["count"].to_numpy() if layer.weighted else np.ones(len(frame), dtype=np.int64)
    # Each point (or counted cell) is indexed once, at the finest resolution; coarser cells
    # are the parents of the (far fewer) occupied cells.
    fine = [h3.latlng_to_cell(a, o, 9) for a, o in zip(lats, lons, strict=True)]
    counts = pd.Series(weights, index=fine).groupby(level=0, sort=False).sum()
    res = 9
    while len(counts) > max_drawn and res > 0:
        res -= 1
        parents = pd.Series([h3.cell_to_parent(c, res) for c in counts.index], index=counts.index)
        counts = counts.groupby(parents.to_numpy()).sum()
    centres = [h3.cell_to_latlng(c) for c in counts.index]
    out = pd.DataFrame(
        {
            "cell": counts.index.to_numpy(),
            "lon": [round(c[1], 5) for c in centres],
            "lat": [round(c[0], 5) for c in centres],
            "count": counts.to_numpy(),
            "name": "",
        }
    )
    return out, res


def count_near(sites: pd.DataFrame, layer: OwnLayer, radius_km: float) -> pd.DataFrame:
    """How many of the layer's points lie within ``radius_km`` of each site's anchor point."""
    from ..read.geometry import anchor

    anchors = [anchor(g) for g in sites.geometry]
    # A counted cell (a very large layer) stands for its points at its mean position.
    weights = layer.frame["count"].to_numpy() if layer.weighted else np.ones(len(layer.frame), dtype=np.int64)
    lon = np.radians(layer.frame["lon"].to_numpy())
    lat = np.radians(layer.frame["lat"].to_numpy())
    counts = []
    for p in anchors:
        plon, plat = math.radians(p.x), math.radians(p.y)
        # Haversine: exact enough at city scale and vectorised over all points.
        a = np.sin((lat - plat) / 2) ** 2 + math.cos(plat) * np.cos(lat) * np.sin((lon - plon) / 2) ** 2
        d = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))
        counts.append(int(weights[d <= radius_km].sum()))
    return pd.DataFrame(
        {
            "site_id": sites["site_id"].to_numpy(),
            "name_en": sites["name_en"].to_numpy(),
            "name_zh": sites["name_zh"].to_numpy(),
            "name_zh_hant": sites["name_zh_hant"].to_numpy(),
            "city": sites["city"].to_numpy(),
            "points": counts,
        }
    )


def areas_of(sites: pd.DataFrame, layer: OwnLayer, column: str | None) -> pd.DataFrame:
    """For each site: the name of the layer's polygon its symbol lies in (or ''), and that
    polygon's value in ``column`` (NaN: none, or no value)."""
    from ..read.geometry import anchor
    from .classes import numeric

    shapes = layer.shapes
    values = numeric(shapes[column]) if column else None
    areas, found = [], []
    for geom in sites.geometry:
        p = anchor(geom)
        hit = next((i for i, g in enumerate(shapes.geometry) if g.covers(p)), None)
        areas.append("" if hit is None else shapes["name"].iloc[hit] or f"#{hit}")
        found.append(float("nan") if hit is None or values is None else values.iloc[hit])
    return pd.DataFrame(
        {
            "site_id": sites["site_id"].to_numpy(),
            "name_en": sites["name_en"].to_numpy(),
            "name_zh": sites["name_zh"].to_numpy(),
            "name_zh_hant": sites["name_zh_hant"].to_numpy(),
            "area": areas,
            "value": found,
        }
    )
