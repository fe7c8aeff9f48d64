"""Flat exports of the joined sites: GeoJSON and CSV, every attribute a plain property."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

from ..read.fields import FIELDS, SITE_PROPERTIES, SOURCED, note_col, source_col
from ..read.history import SITE_FIELDS, as_of_col
from .sources import source_date

EXPORT_COLUMNS: tuple[str, ...] = (
    *(f.name for f in SITE_PROPERTIES),
    *(f.name for f in FIELDS),
    *(c for f in SOURCED for c in (source_col(f.name), note_col(f.name))),
    # The latest-known view's own columns: a later value's as-of date, and whether the
    # site changed since 2019 (absent from a 2019-archive export).
    *(as_of_col(name) for name in SITE_FIELDS),
    "changed_since_2019",
)


# Beside each figure's source id: what a reader needs to check the figure without the
# sources table (its title, its URL, its date: when published, else its as-of date).
SOURCE_DETAILS = ("title", "url", "date")
_SOURCED_NAMES = frozenset(f.name for f in SOURCED)


def source_detail_col(name: str, detail: str) -> str:
    return f"{source_col(name)}_{detail}"


def export_frame(
    sites: gpd.GeoDataFrame, *, extra: tuple[str, ...] = (), sources: pd.DataFrame | None = None
) -> gpd.GeoDataFrame:
    """The export columns, in a stable order, keeping geometry; ``extra`` columns (a reader's
    own figures, when they ask for them) follow. With ``sources`` (the sources table), each
    figure's source id is followed by its source's title, URL and date."""
    cols = [c for c in (*EXPORT_COLUMNS, *extra) if c in sites.columns]
    frame = gpd.GeoDataFrame(sites[[*cols, "geometry"]], geometry="geometry", crs="EPSG:4326")
    if sources is None:
        return frame
    table = sources.set_index("source_id")
    details = {"title": table["title"], "url": table["url"], "date": source_date(table)}
    ordered: list[str] = []
    for column in cols:
        ordered.append(column)
        name = column.removesuffix("_source")
        if name in _SOURCED_NAMES and column == source_col(name):
            for detail in SOURCE_DETAILS:
                target = source_detail_col(name, detail)
                frame[target] = frame[column].map(details[detail]).astype(object).fillna("")
                ordered.append(target)
    return gpd.GeoDataFrame(frame[[*ordered, "geometry"]], geometry="geometry", crs="EPSG:4326")


def to_geojson(
    sites: gpd.GeoDataFrame,
    *,
    version: str | None = None,
    as_of: str | None = None,
    extra: tuple[str, ...] = (),
    sources: pd.DataFrame | None = None,
) -> str:
    """RFC 7946 text: numbers as numbers, 'not reported' as null; the data version and the
    figures' state ("latest" or "2019"), when known, as a foreign member ``dataset`` (RFC
    7946 section 6.1)."""
    frame = export_frame(sites, extra=extra, sources=sources)
    doc = json.loads(frame.to_json(na="null", drop_id=True))
    for feature in doc["features"]:
        feature["properties"] = {k: (None if v == "" else v) for k, v in feature["properties"].items()}
    if version:
        meta = {"name": "gba-science-build-out", "version": version}
        if as_of:
            meta["as_of"] = as_of
        doc = {"type": doc["type"], "dataset": meta, **doc}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...),
# +cmd|...): OWASP's rule for CSV injection. Text cells only; numbers stay numbers.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def formula_cells(sites: gpd.GeoDataFrame) -> list[tuple[str, str, str]]:
    """(site id, column, value) of every exported text cell a spreadsheet would run."""
    frame = export_frame(sites)
    found = []
    for column in frame.columns.drop("geometry"):
        values = frame[column]
        if values.dtype.kind in "biufc":
            continue
        for site, value in zip(frame["site_id"], values, strict=True):
            if _is_formula(value):
                found.append((str(site), column, value))
    return found


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run, prefixed with ' so it is shown as text."""
    return "'" + value if _is_formula(value) else value


def to_csv(sites: gpd.GeoDataFrame, *, extra: tuple[str, ...] = (), sources: pd.DataFrame | None = None) -> str:
    """CSV with geometry as WKT and a representative point's lon/lat for spreadsheets.

    Text cells that a spreadsheet would run as a formula are written with a leading ``'``.
    """
    frame = export_frame(sites, extra=extra, sources=sources)
    out = pd.DataFrame(frame.drop(columns="geometry"))
    for column in out.columns:
        if out[column].dtype.kind not in "biufc":
            out[column] = out[column].map(neutralise)
    points = frame.geometry.representative_point()
    out["lon"] = points.x.round(6)
    out["lat"] = points.y.round(6)
    out["geometry_wkt"] = frame.geometry.to_wkt(rounding_precision=6)
    return out.to_csv(index=False, lineterminator="\n")


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes, a figure) to ``path`` whole or not at all: into a temporary file beside it, then
    ``os.replace``. A full disk or a crash leaves the previous export as it was, and a reader
    of ``path`` never sees a half-written file. Only a regular file (or a new one) is written:
    a FIFO with no reader would hang, a device would swallow the export; OSError says why."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a directory" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
        raise OSError(errno.EINVAL, f"is {kind}, not a regular file")
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
