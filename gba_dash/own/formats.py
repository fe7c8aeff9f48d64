"""Reading a researcher's file in the formats GIS tools and spreadsheets write.

Text tables: the encoding is detected (UTF-8, with or without BOM, then GB18030/GBK and
Big5, the defaults of Chinese-locale Excel and older Hong Kong exports) and so is the
delimiter (comma, semicolon, tab, pipe). Everything with geometry (GeoPackage, a zipped
Shapefile, KML, FlatGeobuf, GeoParquet) and Excel workbooks are read by GDAL through
pyogrio (a geopandas dependency), or pyarrow for Parquet: no hand parsing. A layer in
another CRS is reprojected to WGS-84 once, here. Every failure is a Problem naming the
file. No streamlit.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from ..read.schema import Problem

# The encodings a text table may be in, in the order they are tried after UTF-8. GB18030
# is a superset of GBK and GB2312, so it reads what Excel on a Simplified-Chinese Windows
# writes; Big5-HKSCS covers Traditional Chinese exports.
CHINESE_ENCODINGS = ("gb18030", "big5hkscs")
DELIMITERS = ",;\t|"
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
GEOJSON_SUFFIXES = (".geojson", ".json")
VECTOR_SUFFIXES = (".gpkg", ".zip", ".kml", ".fgb")
TABLE_SUFFIXES = (".xlsx",)
PARQUET_SUFFIXES = (".parquet", ".geoparquet")
SUFFIXES = (*TEXT_SUFFIXES, *GEOJSON_SUFFIXES, *VECTOR_SUFFIXES, *TABLE_SUFFIXES, *PARQUET_SUFFIXES)


@dataclass(frozen=True)
class Text:
    """Decoded text and what it was decoded as (shown to the reader)."""

    text: str
    encoding: str


def decode_text(data: bytes, name: str, problems: list[Problem]) -> Text | None:
    """UTF-8 if the bytes are UTF-8; else the Chinese encoding that reads them."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if text.startswith("\ufeff"):
            return Text(text[1:], "UTF-8 with BOM")
        return Text(text, "UTF-8")
    mixed = _mixed_lines(data)
    if mixed is not None:
        utf8, other = mixed
        problems.append(
            Problem(
                name,
                f"line {other}",
                "",
                "",
                f"the file mixes encodings: line {utf8} is UTF-8 and line {other} is not; "
                "save the whole table in one encoding (CSV UTF-8) and upload again",
            )
        )
        return None
    # GB18030 maps nearly every byte sequence to some character, so "decodes" is not enough:
    # of the encodings that decode, the one whose text has the fewest characters a Chinese
    # table would not hold (private-use, kana, Cyrillic, ...) wins; a tie goes to GB18030,
    # the mainland default.
    decoded = []
    for encoding in CHINESE_ENCODINGS:
        try:
            decoded.append((_implausible(data.decode(encoding)), CHINESE_ENCODINGS.index(encoding), encoding))
        except UnicodeDecodeError:
            continue
    if decoded:
        _, _, encoding = min(decoded)
        label = {"gb18030": "GB18030 (GBK)", "big5hkscs": "Big5"}[encoding]
        return Text(data.decode(encoding), label)
    problems.append(
        Problem(
            name, "", "", "", "not text in UTF-8, GB18030/GBK or Big5; save the table as CSV UTF-8 and upload again"
        )
    )
    return None


def _mixed_lines(data: bytes) -> tuple[int, int] | None:
    """(a UTF-8 line, a line that is not) when a table that is not UTF-8 as a whole holds
    lines that are: rows pasted from two sources. Read in one Chinese encoding, the UTF-8
    lines would turn into garbled text with no error. Line numbers count from 1."""
    utf8 = other = None
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            other = other or number
        else:
            # A short GBK or Big5 line can happen to be valid UTF-8; one that decodes to
            # Chinese characters is not a coincidence.
            if any(0x4E00 <= ord(ch) <= 0x9FFF for ch in text):
                utf8 = utf8 or number
        if utf8 and other:
            return utf8, other
    return None


def _implausible(text: str) -> int:
    """Characters outside ASCII, CJK ideographs and CJK or full-width punctuation."""
    return sum(
        1
        for ch in text
        if ord(ch) >= 0x80
        and not (0x4E00 <= ord(ch) <= 0x9FFF or 0x3400 <= ord(ch) <= 0x4DBF)
        and not (0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFFEF)
    )


# csv.Sniffer's regular expressions are quadratic in the sample (a line of ``,"a`` repeated
# held the GIL for a minute): it sees a few KB, whole lines only, never the file.
SNIFF_BYTES = 4096
SNIFF_LINES = 20


def sniff_sample(text: str) -> str:
    """The start of a text table that the delimiter is sniffed from: at most SNIFF_LINES
    whole lines within SNIFF_BYTES characters (the first line alone when it is longer)."""
    head = text[:SNIFF_BYTES]
    lines = head.splitlines()
    if len(text) > SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line is cut at the limit
    return "\n".join(lines[:SNIFF_LINES])


def sniff_delimiter(text: str) -> str:
    """The delimiter of a text table: comma, semicolon, tab or pipe (comma if unclear)."""
    sample = sniff_sample(text)
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        header = text.split("\n", 1)[0]
        counts = {d: header.count(d) for d in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _suffix(name: str) -> str:
    lowered = name.lower()
    return next((s for s in SUFFIXES if lowered.endswith(s)), "")


def layers_of(data: bytes, name: str) -> list[str]:
    """The layers (or sheets) of a multi-layer file; [] when it has one or cannot be read."""
    if _suffix(name) not in MULTI_LAYER:
        return []
    with _on_disk(data, name) as path:
        return _layers_at(path)


MULTI_LAYER = (".gpkg", ".xlsx", ".kml")


def _layers_at(path: str) -> list[str]:
    """The layer names of the file at ``path`` when there are several, else []."""
    if path.lower().endswith(".xlsx"):
        names = _sheets(path)
    else:
        import pyogrio

        try:
            names = [str(row[0]) for row in pyogrio.list_layers(path)]
        except Exception:
            return []
    return names if len(names) > 1 else []


def _sheets(path: str) -> list[str]:
    """An Excel workbook's sheet names, from its small ``xl/workbook.xml``: GDAL would parse
    every sheet to list them, which for a large sheet is the whole read."""
    import html

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size > 1024 * 1024:
                return []
            xml = archive.read(info)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return []
    return [html.unescape(m.decode("utf-8", "replace")) for m in re.findall(rb'<sheet\b[^>]*?\bname="([^"]*)"', xml)]


@contextmanager
def _on_disk(data: bytes, name: str):
    """The bytes as a temporary file with the upload's suffix: GDAL picks its driver by the
    extension (an .xlsx is a zip, a .gpkg a SQLite file), and a zip is read through /vsizip/."""
    with tempfile.TemporaryDirectory(prefix="gba-own-") as tmp:
        path = Path(tmp) / ("upload" + _suffix(name))
        path.write_bytes(data)
        yield str(path)


# Cheap refusals, before any reader decodes a byte of the content: a container's members,
# a Parquet footer and a GeoPackage's table list say how big the read would be. The worker's
# limits (``bounded``) catch whatever gets past these.
MAX_MEMBERS = 1_000
MAX_EXPANDED_BYTES = 256 * 1024 * 1024
MAX_FEATURES = 500_000
MAX_VERTICES = 2_000_000
ZIPPED = (".zip", ".xlsx")


def container_problem(data: bytes, name: str) -> Problem | None:
    """Why a zip (a zipped Shapefile, an Excel workbook) is refused unread, or None: too many
    members, or more bytes expanded than any layer read here needs (a zip bomb)."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        what = "cannot be read as XLSX: not an Excel workbook" if _suffix(name) == ".xlsx" else "not a zip archive"
        return Problem(name, "", "", "", what)
    if len(infos) > MAX_MEMBERS:
        return Problem(name, "", "", "", f"the archive holds {len(infos):,} files; the limit is {MAX_MEMBERS:,}")
    expanded = sum(i.file_size for i in infos)
    if expanded > MAX_EXPANDED_BYTES:
        return Problem(
            name,
            "",
            "",
            "",
            f"it expands to {expanded / 2**20:,.0f} MB; the limit is {MAX_EXPANDED_BYTES / 2**20:,.0f} MB; "
            "split it or aggregate it first",
        )
    return None


def geopackage_problem(path: str, name: str) -> Problem | None:
    """Why a GeoPackage is refused unread, or None: a layer that is a view (SQL that runs on
    read, such as a recursive query that never ends) or no plain table at all."""
    import sqlite3

    # Not a SQLite file, or one without the GeoPackage tables: GDAL's read says what it is.
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return None
    try:
        rows = con.execute(
            "SELECT c.table_name, m.type FROM gpkg_contents c LEFT JOIN sqlite_master m ON m.name = c.table_name"
        ).fetchall()
        # GDAL may list a view that gpkg_contents does not name; a plain GeoPackage has none.
        unlisted = con.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    views = [str(table) for table, kind in rows if kind != "table"] + [str(v) for (v,) in unlisted]
    if views:
        return Problem(name, "", "layer", views[0], "a layer that is a view (a query) is not read; save it as a table")
    if not rows:
        return Problem(name, "", "", "", "the GeoPackage has no layer")
    return None


def read_vector(data: bytes, name: str, problems: list[Problem], *, layer: str | None = None) -> pd.DataFrame | None:
    """A GeoPackage, zipped Shapefile, KML, FlatGeobuf or Excel sheet as a (Geo)DataFrame,
    reprojected to WGS-84 when it has a CRS; None with a problem when it cannot be read."""
    import pyogrio

    suffix = _suffix(name)
    if suffix in ZIPPED:
        refused = container_problem(data, name)
        if refused is not None:
            problems.append(refused)
            return None
    if suffix == ".zip":
        members = zipfile.ZipFile(io.BytesIO(data)).namelist()
        shps = [m for m in members if m.lower().endswith(".shp")]
        if not shps:
            problems.append(Problem(name, "", "", "", "the zip holds no .shp file: zip the .shp, .shx, .dbf and .prj"))
            return None
        stem = shps[0][:-4]
        missing = [ext for ext in (".shx", ".dbf") if not any(m.lower() == (stem + ext).lower() for m in members)]
        if missing:
            problems.append(Problem(name, "", "", shps[0], f"the shapefile lacks its {' and '.join(missing)} file"))
            return None
    # One temporary copy serves both the layer list and the read.
    with _on_disk(data, name) as path:
        if suffix == ".gpkg":
            refused = geopackage_problem(path, name)
            if refused is not None:
                problems.append(refused)
                return None
        layers = _layers_at(path) if suffix in MULTI_LAYER else []
        if layer is not None and layers and layer not in layers:
            problems.append(Problem(name, "", "layer", layer, f"no such layer; layers: {', '.join(layers)}"))
            return None
        try:
            # A sheet's first row is its header (GDAL would guess, and guesses wrong when
            # every cell is text).
            options = {"HEADERS": "FORCE"} if suffix == ".xlsx" else {}
            # One feature past the limit is enough to know the layer is over it.
            frame = pyogrio.read_dataframe(
                path, layer=layer or (layers[0] if layers else None), max_features=MAX_FEATURES + 1, **options
            )
        except Exception as exc:
            _out_of_memory(exc)
            problems.append(Problem(name, "", "", "", f"cannot be read as {suffix[1:].upper()}: {_gdal_message(exc)}"))
            return None
    if len(frame) > MAX_FEATURES:
        problems.append(Problem(name, "", "", "", f"more than {MAX_FEATURES:,} features, the limit"))
        return None
    return _checked(frame, name, problems)


def _checked(frame: pd.DataFrame, name: str, problems: list[Problem]) -> pd.DataFrame | None:
    """A layer read by GDAL or pyarrow: not empty, within the vertex cap, in WGS-84."""
    if not len(frame):
        problems.append(Problem(name, "", "", "", "the layer has no features"))
        return None
    if isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in frame.columns:
        import shapely

        vertices = int(shapely.get_num_coordinates(frame.geometry.array).sum())
        if vertices > MAX_VERTICES:
            problems.append(
                Problem(
                    name,
                    "",
                    "geometry",
                    "",
                    f"{vertices:,} vertices; the limit is {MAX_VERTICES:,}; simplify or split the layer first",
                )
            )
            return None
    return _to_wgs84(frame, name, problems)


def read_parquet(data: bytes, name: str, problems: list[Problem]) -> pd.DataFrame | None:
    """GeoParquet (a geometry column) or plain Parquet (coordinate columns).

    The footer is read first: its row count and the row groups' uncompressed sizes refuse a
    file that would decode to more than a layer may hold (dictionary pages can turn a few
    hundred KB into gigabytes)."""
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(io.BytesIO(data)).metadata
    except Exception as exc:
        _out_of_memory(exc)
        problems.append(Problem(name, "", "", "", f"cannot be read as Parquet: {_first_line(exc)}"))
        return None
    if meta.num_rows > MAX_FEATURES:
        problems.append(Problem(name, "", "", "", f"{meta.num_rows:,} rows; the limit is {MAX_FEATURES:,}"))
        return None
    size = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if size > MAX_EXPANDED_BYTES:
        problems.append(
            Problem(
                name,
                "",
                "",
                "",
                f"it decodes to {size / 2**20:,.0f} MB; the limit is {MAX_EXPANDED_BYTES / 2**20:,.0f} MB; "
                "split it or aggregate it first",
            )
        )
        return None
    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as exc:
        _out_of_memory(exc)
        problems.append(Problem(name, "", "", "", f"cannot be read as Parquet: {_first_line(exc)}"))
        return None
    if b"geo" in (table.schema.metadata or {}):
        try:
            frame = gpd.read_parquet(io.BytesIO(data))
        except Exception as exc:
            _out_of_memory(exc)
            problems.append(
                Problem(name, "", "geometry", "", f"GeoParquet geometry cannot be read: {_first_line(exc)}")
            )
            return None
        return _checked(frame, name, problems)
    return _checked(table.to_pandas(), name, problems)


def _to_wgs84(frame: pd.DataFrame, name: str, problems: list[Problem]) -> pd.DataFrame | None:
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name not in frame.columns:
        return pd.DataFrame(frame)
    if frame.geometry.isna().all():
        return pd.DataFrame(frame.drop(columns=frame.geometry.name))
    if frame.crs is None:
        problems.append(
            Problem(name, "", "crs", "", "the layer has no coordinate reference system (a Shapefile needs its .prj)")
        )
        return None
    from pyproj.exceptions import CRSError, ProjError

    if getattr(frame.crs, "is_engineering", False):
        problems.append(
            Problem(
                name,
                "",
                "crs",
                _crs_name(frame),
                "the file's CRS cannot be converted to WGS-84: a local engineering CRS (a CAD drawing's grid) "
                "has no position on Earth; export the layer in a geographic or projected CRS",
            )
        )
        return None
    try:
        if frame.crs.to_epsg() != 4326:
            original = frame.crs.to_string()
            frame = frame.to_crs(4326)
            frame.attrs["reprojected_from"] = original
    except (CRSError, ProjError) as exc:
        problems.append(
            Problem(
                name, "", "crs", _crs_name(frame), "the file's CRS cannot be converted to WGS-84: " + _proj_reason(exc)
            )
        )
        return None
    return frame


def _crs_name(frame: gpd.GeoDataFrame) -> str:
    try:
        return str(frame.crs.name)
    except Exception:
        return ""


def _proj_reason(exc: Exception) -> str:
    """PROJ's reason without its internals: "Source and target ellipsoid do not belong to the
    same celestial body (Mars vs Earth)" rather than the whole chain of calls."""
    text = _first_line(exc)
    match = re.search(r"proj_\w+: ([^.]*(?:\([^)]*\))?)", text)
    reason = match.group(1) if match else text.split(":", 1)[-1]
    reason = reason.strip(" .")
    if reason.startswith("(") and reason.endswith(")"):
        reason = reason[1:-1].strip(" .")
    return reason[:160] or "no transformation is known"


def _out_of_memory(exc: Exception) -> None:
    """Raise MemoryError for a reader's failed allocation (Arrow's, or C++'s bad_alloc under
    the worker's address-space limit), so that it reads as the memory limit, not a bad file."""
    if isinstance(exc, MemoryError) or "bad_alloc" in str(exc):
        raise MemoryError(str(exc)) from exc


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]


def source_crs(frame: pd.DataFrame) -> str | None:
    return frame.attrs.get("reprojected_from")


def _gdal_message(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    # GDAL names the temporary path it read from; the reader knows the file by its own name.
    text = re.sub(r"'?\S*gba-own-\S*?'?(?=\s|$)", "the file", text).split("; It might help")[0]
    return text.rstrip(". ")[:200]
