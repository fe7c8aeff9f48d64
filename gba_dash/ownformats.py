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

from .schema import Problem

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


def _implausible(text: str) -> int:
    """Characters outside ASCII, CJK ideographs and CJK or full-width punctuation."""
    return sum(
        1
        for ch in text
        if ord(ch) >= 0x80
        and not (0x4E00 <= ord(ch) <= 0x9FFF or 0x3400 <= ord(ch) <= 0x4DBF)
        and not (0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFFEF)
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter of a text table: comma, semicolon, tab or pipe (comma if unclear)."""
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        header = sample.split("\n", 1)[0]
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
    import pyogrio

    try:
        names = [str(row[0]) for row in pyogrio.list_layers(path)]
    except Exception:
        return []
    return names if len(names) > 1 else []


@contextmanager
def _on_disk(data: bytes, name: str):
    """The bytes as a temporary file with the upload's suffix: GDAL picks its driver by the
    extension (an .xlsx is a zip, a .gpkg a SQLite file), and a zip is read through /vsizip/."""
    with tempfile.TemporaryDirectory(prefix="gba-own-") as tmp:
        path = Path(tmp) / ("upload" + _suffix(name))
        path.write_bytes(data)
        yield str(path)


def read_vector(data: bytes, name: str, problems: list[Problem], *, layer: str | None = None) -> pd.DataFrame | None:
    """A GeoPackage, zipped Shapefile, KML, FlatGeobuf or Excel sheet as a (Geo)DataFrame,
    reprojected to WGS-84 when it has a CRS; None with a problem when it cannot be read."""
    import pyogrio

    suffix = _suffix(name)
    if suffix == ".zip":
        try:
            members = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            problems.append(Problem(name, "", "", "", "not a zip archive"))
            return None
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
        layers = _layers_at(path) if suffix in MULTI_LAYER else []
        if layer is not None and layers and layer not in layers:
            problems.append(Problem(name, "", "layer", layer, f"no such layer; layers: {', '.join(layers)}"))
            return None
        try:
            # A sheet's first row is its header (GDAL would guess, and guesses wrong when
            # every cell is text).
            options = {"HEADERS": "FORCE"} if suffix == ".xlsx" else {}
            frame = pyogrio.read_dataframe(path, layer=layer or (layers[0] if layers else None), **options)
        except Exception as exc:
            problems.append(Problem(name, "", "", "", f"cannot be read as {suffix[1:].upper()}: {_gdal_message(exc)}"))
            return None
    return _to_wgs84(frame, name, problems)


def read_parquet(data: bytes, name: str, problems: list[Problem]) -> pd.DataFrame | None:
    """GeoParquet (a geometry column) or plain Parquet (coordinate columns)."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as exc:
        problems.append(Problem(name, "", "", "", f"cannot be read as Parquet: {exc}"))
        return None
    if b"geo" in (table.schema.metadata or {}):
        try:
            frame = gpd.read_parquet(io.BytesIO(data))
        except Exception as exc:
            problems.append(Problem(name, "", "geometry", "", f"GeoParquet geometry cannot be read: {exc}"))
            return None
        return _to_wgs84(frame, name, problems)
    return table.to_pandas()


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
    if frame.crs.to_epsg() != 4326:
        original = frame.crs.to_string()
        frame = frame.to_crs(4326)
        frame.attrs["reprojected_from"] = original
    return frame


def source_crs(frame: pd.DataFrame) -> str | None:
    return frame.attrs.get("reprojected_from")


def _gdal_message(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    # GDAL names the temporary path it read from; the reader knows the file by its own name.
    text = re.sub(r"'?\S*gba-own-\S*?'?(?=\s|$)", "the file", text).split("; It might help")[0]
    return text.rstrip(". ")[:200]
