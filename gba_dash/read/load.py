"""Read the files of a data directory at the edge: GeoJSON sites and UTF-8 CSV tables.

Each reader returns what it could read plus a list of Problems. Nothing is dropped
quietly: a feature or row with a problem is reported, and the caller (``dataset.load``)
refuses the whole directory while any problem remains.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.errors import GEOSException, ShapelyError
from shapely.geometry import shape
from shapely.validation import explain_validity

from .. import paths
from .fields import GBA_BBOX, SITE_PROPERTIES, Field
from .schema import SLUG, Problem, parse_value, row_where

# Names under which a GeoJSON "crs" member may say WGS-84 longitude/latitude.
WGS84_NAMES = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4326",
    "CRS84",
}
GEOMETRY_TYPES = {
    "point": ("Point",),
    "indicative_extent": ("Polygon", "MultiPolygon"),
    "official_boundary": ("Polygon", "MultiPolygon"),
    "line": ("LineString", "MultiLineString"),
}
MAX_FILE_BYTES = 50 * 1024 * 1024


def default_data_dir() -> Path:
    """``$GBA_DASH_DATA`` if set, else the ``data/`` directory bundled with the project."""
    env = os.environ.get("GBA_DASH_DATA", "").strip()
    return Path(env) if env else paths.data_dir()


def read_bytes(
    path: Path, problems: list[Problem], *, name: str | None = None, limit: int | None = None
) -> bytes | None:
    """The bytes of a regular file, at most ``limit``; else None with one problem naming it.

    The one way every data file (tours included) is read. A FIFO or device reports size 0
    and would block or never end, so only regular files are read, opened without blocking
    and read to ``limit`` + 1 bytes at most; a symlink loop, a directory, a missing or
    unreadable file each get their own message instead of a traceback.
    """
    name = name or path.name
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        problems.append(Problem(name, "", "", "", f"file not found in {path.parent}"))
        return None
    except IsADirectoryError:
        problems.append(Problem(name, "", "", "", "is a directory, not a file"))
        return None
    except OSError as exc:
        problems.append(Problem(name, "", "", "", f"cannot read file: {exc.strerror or exc}"))
        return None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            problems.append(Problem(name, "", "", "", "is a directory, not a file"))
        else:
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
            problems.append(Problem(name, "", "", "", f"is {kind}, not a regular file"))
        return None
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            problems.append(Problem(name, "", "", "", f"cannot read file: {exc.strerror or exc}"))
            return None
    if len(data) > limit:
        problems.append(Problem(name, "", "", "", f"file is over {limit} bytes, the limit"))
        return None
    return data


def read_text(path: Path, problems: list[Problem], *, name: str | None = None) -> str | None:
    """The file's text as UTF-8 (a BOM is allowed), or None with a problem recorded."""
    data = read_bytes(path, problems, name=name)
    return None if data is None else decode_utf8(data, name or path.name, problems)


def decode_utf8(data: bytes, name: str, problems: list[Problem]) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                name,
                f"line {line}",
                "",
                data[exc.start : exc.start + 4].hex(" "),
                f"not UTF-8 text (byte {exc.start}); save the file as UTF-8",
            )
        )
        return None


def parse_geojson(text: str, name: str, problems: list[Problem]) -> list[dict] | None:
    """The features of a WGS-84 FeatureCollection, or None with a problem recorded."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(Problem(name, f"line {exc.lineno} column {exc.colno}", "", "", f"malformed JSON: {exc.msg}"))
        return None
    except RecursionError:
        problems.append(Problem(name, "", "", "", "malformed JSON: nested too deeply"))
        return None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        kind = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        problems.append(Problem(name, "", "type", kind, "expected a GeoJSON FeatureCollection"))
        return None
    crs = doc.get("crs")
    if crs is not None:
        crs_name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else crs
        if not isinstance(crs_name, str) or crs_name not in WGS84_NAMES:
            problems.append(
                Problem(
                    name,
                    "",
                    "crs",
                    crs_name,
                    "CRS other than WGS-84: give longitude/latitude in WGS-84 (EPSG:4326), as RFC 7946 requires",
                )
            )
            return None
    features = doc.get("features")
    if not isinstance(features, list):
        problems.append(Problem(name, "", "features", type(features).__name__, "expected a list of features"))
        return None
    return features


def check_geometry(
    raw: object, where: str, name: str, problems: list[Problem], *, bbox: tuple[float, float, float, float] = GBA_BBOX
):
    """A shapely geometry for a GeoJSON geometry member, or None with a problem recorded."""
    if not raw:
        problems.append(Problem(name, where, "geometry", "", "missing geometry"))
        return None
    try:
        geom = shape(raw)
    except (GEOSException, ShapelyError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        problems.append(Problem(name, where, "geometry", _gtype(raw), f"invalid geometry: {exc}"))
        return None
    if geom.is_empty:
        problems.append(Problem(name, where, "geometry", geom.geom_type, "empty geometry"))
        return None
    if not geom.is_valid:
        problems.append(Problem(name, where, "geometry", geom.geom_type, f"invalid geometry: {explain_validity(geom)}"))
        return None
    minx, miny, maxx, maxy = geom.bounds
    hint = bbox_problem(minx, miny, maxx, maxy, bbox=bbox)
    if hint:
        if hint.startswith("latitude and longitude look swapped"):
            hint += ": GeoJSON order is [longitude, latitude]"
        problems.append(Problem(name, where, "geometry", f"{minx:g},{miny:g},{maxx:g},{maxy:g}", hint))
        return None
    return geom


def bbox_problem(
    minx: float, miny: float, maxx: float, maxy: float, *, bbox: tuple[float, float, float, float] = GBA_BBOX
) -> str | None:
    """Why coordinates with these bounds are not in the GBA box, or None if they are."""
    x0, y0, x1, y1 = bbox
    if x0 <= minx and maxx <= x1 and y0 <= miny and maxy <= y1:
        return None
    if x0 <= miny and maxy <= x1 and y0 <= minx and maxx <= y1:
        return "latitude and longitude look swapped"
    if not (-90 <= miny and maxy <= 90 and -180 <= minx and maxx <= 180):
        return "not a valid latitude/longitude"
    return f"outside the GBA box lon {x0}–{x1}, lat {y0}–{y1}"


def _gtype(raw: object) -> str:
    return raw.get("type", "?") if isinstance(raw, dict) else type(raw).__name__


def read_sites(path: Path, problems: list[Problem]) -> gpd.GeoDataFrame:
    """Sites from a FeatureCollection; one row per feature that passes every check."""
    name = path.name
    rows: list[dict] = []
    text = read_text(path, problems)
    features = parse_geojson(text, name, problems) if text is not None else None
    seen: dict[str, int] = {}
    for i, feature in enumerate(features or []):
        where = f"feature {i}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(Problem(name, where, "type", _gtype(feature), "expected a GeoJSON Feature"))
            continue
        props = feature.get("properties")
        if not isinstance(props, dict):
            problems.append(Problem(name, where, "properties", type(props).__name__, "expected an object"))
            continue
        site_id = props.get("site_id")
        if isinstance(site_id, str) and site_id:
            where = f"feature {i} ({site_id})"
        row, ok = _site_row(props, where, name, problems)
        ok = _added_in(props, row, where, name, problems) and ok
        if isinstance(site_id, str) and site_id in seen:
            problems.append(
                Problem(name, where, "site_id", site_id, f"duplicate site_id: feature {seen[site_id]} has it too")
            )
            ok = False
        elif isinstance(site_id, str):
            seen[site_id] = i
        geom = check_geometry(feature.get("geometry"), where, name, problems)
        if geom is None:
            continue
        kind = row.get("geometry_kind")
        if kind in GEOMETRY_TYPES and geom.geom_type not in GEOMETRY_TYPES[kind]:
            problems.append(
                Problem(
                    name,
                    where,
                    "geometry_kind",
                    kind,
                    f"a {geom.geom_type} cannot be a {kind}; expected {' or '.join(GEOMETRY_TYPES[kind])}",
                )
            )
            ok = False
        if ok:
            rows.append({**row, "geometry": geom})
    columns = [f.name for f in SITE_PROPERTIES] + ["geometry"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["since_2019"] = frame["since_2019"].astype(bool)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")


# Optional site properties: the data version that added a site, and whether it was opened or
# begun after the 2019 archive (such a site is absent from the "2019 archive" view). A sites
# file without them holds archive sites only.
ADDED_PROPERTIES = ("added_in", "since_2019")
DATA_VERSION = re.compile(r"^\d{4}\.\d{1,3}$")


def _added_in(props: dict, row: dict, where: str, name: str, problems: list[Problem]) -> bool:
    added_in = props.get("added_in")
    since = props.get("since_2019", False)
    ok = True
    if added_in in (None, ""):
        added_in = ""
    elif not isinstance(added_in, str) or not DATA_VERSION.match(added_in):
        problems.append(Problem(name, where, "added_in", added_in, "expected a data version YEAR.N, e.g. 2026.2"))
        ok = False
    if not isinstance(since, bool):
        problems.append(Problem(name, where, "since_2019", since, "expected true or false"))
        ok = False
    elif since and not added_in:
        problems.append(
            Problem(name, where, "added_in", "", "a site added since 2019 needs the data version that added it")
        )
        ok = False
    elif since and isinstance(added_in, str) and added_in[:4] <= "2019":
        problems.append(Problem(name, where, "added_in", added_in, "a site added since 2019 came in a later version"))
        ok = False
    row["added_in"] = added_in if isinstance(added_in, str) else ""
    row["since_2019"] = since is True
    return ok


# The names shown in Chinese (Simplified, Traditional): text in any other script here is a
# column mix-up, and the page would show it as the site's Chinese name.
CHINESE_NAMES = ("name_zh", "name_zh_hant")
HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def _site_row(props: dict, where: str, name: str, problems: list[Problem]) -> tuple[dict, bool]:
    row: dict = {}
    ok = True
    for field in SITE_PROPERTIES:
        if field.name in ADDED_PROPERTIES:
            continue  # optional, checked by _added_in
        raw = props.get(field.name)
        if field.name == "parent_id" and raw in (None, ""):
            row[field.name] = ""
            continue
        if raw is None or raw == "":
            problems.append(Problem(name, where, field.name, "", "missing required property"))
            ok = False
            continue
        if field.kind == "int":
            if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw < 0:
                problems.append(Problem(name, where, field.name, raw, "expected a non-negative number"))
                ok = False
                continue
            row[field.name] = int(raw)
            continue
        if not isinstance(raw, str):
            problems.append(Problem(name, where, field.name, raw, "expected text"))
            ok = False
            continue
        if field.kind == "id" and not SLUG.match(raw):
            problems.append(
                Problem(
                    name,
                    where,
                    field.name,
                    raw,
                    "ids are lower-case slugs: letters, digits and '-', up to 80 characters",
                )
            )
            ok = False
            continue
        value, error = parse_value(field, raw)
        if not error and field.name in CHINESE_NAMES and not HAN.search(raw):
            error = "a Chinese name holds Chinese characters"
        if error:
            problems.append(Problem(name, where, field.name, raw, error))
            ok = False
            continue
        row[field.name] = value
    return row, ok


def read_csv(
    path: Path, problems: list[Problem], *, required: tuple[str, ...] = (), known: tuple[str, ...] | None = None
) -> pd.DataFrame | None:
    """A CSV as text cells ('' for empty), checked for encoding, shape and column names."""
    name = path.name
    text = read_text(path, problems)
    if text is None:
        return None
    return parse_csv(text, name, problems, required=required, known=known)


def csv_rows(text: str, name: str, problems: list[Problem], *, delimiter: str = ",") -> list[list[str]] | None:
    """All rows of CSV text, or None with a 'malformed CSV' problem recorded."""
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        problems.append(Problem(name, "", "", "", f"malformed CSV: {exc}"))
        return None


def parse_csv(
    text: str,
    name: str,
    problems: list[Problem],
    *,
    required: tuple[str, ...] = (),
    known: tuple[str, ...] | None = None,
) -> pd.DataFrame | None:
    rows = csv_rows(text, name, problems)
    if rows is None:
        return None
    if not rows or not any(cell.strip() for cell in rows[0]):
        problems.append(Problem(name, "line 1", "", "", "missing header row"))
        return None
    header = [h.strip() for h in rows[0]]
    bad = False
    for col in header:
        if header.count(col) > 1:
            problems.append(Problem(name, "line 1", col, "", "duplicate column"))
            bad = True
            break
    for col in required:
        if col not in header:
            problems.append(Problem(name, "line 1", col, "", "missing required column"))
            bad = True
    if known is not None:
        for col in header:
            if col not in known:
                problems.append(Problem(name, "line 1", col, "", f"unknown column; known columns: {', '.join(known)}"))
                bad = True
    body = []
    for i, row in enumerate(rows[1:]):
        if not any(cell.strip() for cell in row):
            continue  # a blank line holds no data
        if len(row) != len(header):
            problems.append(Problem(name, row_where(i), "", "", f"{len(row)} cells where the header has {len(header)}"))
            bad = True
            continue
        body.append((i, row))
    if bad:
        return None
    frame = pd.DataFrame([r for _, r in body], columns=header, dtype=object)
    frame.index = [i for i, _ in body]
    return frame


def parse_cells(frame: pd.DataFrame, fields: tuple[Field, ...], name: str, problems: list[Problem]) -> pd.DataFrame:
    """Typed values for the declared fields of a text frame (None for empty cells)."""
    out = frame.copy()
    for field in fields:
        if field.name not in frame.columns:
            out[field.name] = None
            continue
        column = frame[field.name]
        # Empty cells are 'not reported' (None): only the filled ones are parsed one by one.
        filled = column.str.strip() != ""
        parsed: dict = {}
        for idx, raw in column[filled].items():
            value, error = parse_value(field, raw)
            if error:
                problems.append(Problem(name, row_where(idx), field.name, raw, error))
            parsed[idx] = value
        out[field.name] = pd.Series([parsed.get(i) for i in frame.index], index=frame.index, dtype=object)
    return out
