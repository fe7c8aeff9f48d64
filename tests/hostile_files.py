"""Generators of the hostile uploads of issue #25: small files whose reading explodes.

Each returns ``(file name, bytes)``. The sizes default to the ones seen taking the server
down (bench/hostile_uploads.py uploads those through a real page); the unit tests pass
smaller sizes and smaller limits so they run fast. Nothing here is read by the app.
"""

from __future__ import annotations

import io
import sqlite3
import tempfile
import zipfile
from pathlib import Path

# A CRS on another planet (PROJ refuses to transform Mars to Earth) and a local engineering
# CRS as CAD exports write it (no datum at all).
MARS_PRJ = (
    'GEOGCS["Mars 2000",DATUM["D_Mars_2000",SPHEROID["Mars_2000_IAU_IAG",3396190.0,169.8944472236118]],'
    'PRIMEM["Reference_Meridian",0.0],UNIT["Degree",0.0174532925199433]]'
)
LOCAL_PRJ = 'LOCAL_CS["Site grid",LOCAL_DATUM["Arbitrary",0],UNIT["Meter",1],AXIS["X",EAST],AXIS["Y",NORTH]]'


def parquet_dictionary_bomb(
    rows: int = 3_000_000, *, name_bytes: int = 1024, dictionary: bool = True
) -> tuple[str, bytes]:
    """A Parquet file of a few hundred KB whose one dictionary-encoded name repeats on every
    row: decoded, ``rows`` × ``name_bytes`` bytes (3 GB at the defaults). With ``dictionary``
    false the names are stored plain, and the row groups' uncompressed size says so."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    indices = pa.array(np.zeros(rows, dtype=np.int32))
    names = pa.DictionaryArray.from_arrays(indices, pa.array(["x" * name_bytes]))
    table = pa.table({"lat": pa.array(np.full(rows, 22.5)), "lon": pa.array(np.full(rows, 114.0)), "name": names})
    out = io.BytesIO()
    if not dictionary:
        table = table.set_column(2, "name", names.cast(pa.string()))
    pq.write_table(table, out, compression="zstd", use_dictionary=dictionary)
    return "dictionary-bomb.parquet", out.getvalue()


def csv_sniffer_bomb(size: int = 80_000) -> tuple[str, bytes]:
    """A CSV whose second line is ``,"a`` repeated: csv.Sniffer's regular expressions are
    quadratic on it (and hold the GIL) when handed whole lines."""
    line = ',"a' * (size // 3)
    return "sniffer-bomb.csv", ("lat,lon,name\n" + line + "\n22.5,114.0,x\n").encode()


def geopackage_view_bomb() -> tuple[str, bytes]:
    """A GeoPackage whose layer is a view over a recursive query that never ends."""
    import geopandas as gpd
    import shapely

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bomb.gpkg"
        gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(114, 22.5)], crs=4326).to_file(path, driver="GPKG")
        con = sqlite3.connect(path)
        con.execute(
            "CREATE VIEW forever AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
            "SELECT x AS fid, 22.5 AS lat, 114.0 AS lon FROM c"
        )
        con.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('forever', 'attributes', 'forever')"
        )
        con.execute("DELETE FROM gpkg_contents WHERE table_name = 'bomb'")
        con.commit()
        con.close()
        return "view-bomb.gpkg", path.read_bytes()


def _zipped(members: dict[str, bytes], name: str) -> tuple[str, bytes]:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return name, out.getvalue()


def _shapefile(frame, prj: str | None = None) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "layer.shp"
        frame.to_file(path, driver="ESRI Shapefile")
        members = {p.name: p.read_bytes() for p in Path(tmp).iterdir()}
    if prj is not None:
        members["layer.prj"] = prj.encode()
    return members


def shapefile_points(n: int = 4_000_000) -> tuple[str, bytes]:
    """A zipped Shapefile of ``n`` points (identical, so the zip stays small): 4 million fit
    under the upload limit (19.7 MB zipped, 150 MB expanded)."""
    import numpy as np

    # Written by hand: a Shapefile of points is a 100-byte header and 28 bytes a record,
    # and building 8 million shapely points to write it would take longer than the read.
    shp, shx = _point_records(np.full(n, 114.0), np.full(n, 22.5))
    dbf = _dbf_ids(n)
    return _zipped({"layer.shp": shp, "layer.shx": shx, "layer.dbf": dbf, "layer.prj": _WGS84_PRJ}, "points.zip")


def shapefile_multipoint(vertices: int = 100_000_000) -> tuple[str, bytes]:
    """A zipped Shapefile holding one MultiPoint of ``vertices`` points."""
    import struct

    length = 40 + 16 * vertices
    header = _shp_header(100 + 8 + length, shape_type=8)
    record = struct.pack(">ii", 1, length // 2) + struct.pack("<i4di", 8, 114.0, 22.5, 114.0, 22.5, vertices)
    points = struct.pack("<2d", 114.0, 22.5) * vertices
    shx = _shp_header(100 + 8, shape_type=8) + struct.pack(">ii", 50, length // 2)
    members = {
        "layer.shp": header + record + points,
        "layer.shx": shx,
        "layer.dbf": _dbf_ids(1),
        "layer.prj": _WGS84_PRJ,
    }
    return _zipped(members, "multipoint.zip")


_WGS84_PRJ = (
    b'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
    b'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)


def _shp_header(file_bytes: int, *, shape_type: int) -> bytes:
    import struct

    return (
        struct.pack(">7i", 9994, 0, 0, 0, 0, 0, file_bytes // 2)
        + struct.pack("<2i", 1000, shape_type)
        + struct.pack("<8d", 114.0, 22.5, 114.0, 22.5, 0, 0, 0, 0)
    )


def _point_records(x, y) -> tuple[bytes, bytes]:
    import numpy as np

    n = len(x)
    records = np.zeros(n, dtype=[("num", ">i4"), ("len", ">i4"), ("type", "<i4"), ("x", "<f8"), ("y", "<f8")])
    records["num"] = np.arange(1, n + 1)
    records["len"] = 10
    records["type"] = 1
    records["x"], records["y"] = x, y
    index = np.zeros(n, dtype=[("offset", ">i4"), ("len", ">i4")])
    index["offset"] = (100 + 28 * np.arange(n)) // 2
    index["len"] = 10
    shp = _shp_header(100 + 28 * n, shape_type=1) + records.tobytes()
    shx = _shp_header(100 + 8 * n, shape_type=1) + index.tobytes()
    return shp, shx


def _dbf_ids(n: int) -> bytes:
    """A dBASE table of ``n`` rows and one one-character ``id`` column (every row "1")."""
    import struct

    header = struct.pack("<B3BIHH20x", 3, 126, 1, 1, n, 32 + 32 + 1, 1 + 1)
    field = struct.pack("<11sc4xBB14x", b"id", b"N", 1, 0)
    return header + field + b"\r" + b" 1" * n + b"\x1a"


def excel_sheet(rows: int = 2_000_000) -> tuple[str, bytes]:
    """An Excel workbook whose one sheet has ``rows`` rows (written as its XML, zipped): at
    the default, about 200 MB of XML, under the expanded-size refusal, for the limits to stop."""
    row = '<row><c t="inlineStr"><is><t>22.5</t></is></c><c t="inlineStr"><is><t>114.0</t></is></c></row>'
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row><c t="inlineStr"><is><t>lat</t></is></c><c t="inlineStr"><is><t>lon</t></is></c></row>'
        + row * rows
        + "</sheetData></worksheet>"
    )
    ns = "http://schemas.openxmlformats.org"
    members = {
        "[Content_Types].xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" '
            f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ).encode(),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
            f'Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
            f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>'
            f'<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
            f'Target="worksheets/sheet1.xml"/></Relationships>'
        ).encode(),
        "xl/worksheets/sheet1.xml": sheet.encode(),
    }
    return _zipped(members, "sheet.xlsx")


def shapefile_with_prj(prj: str, name: str) -> tuple[str, bytes]:
    """A zipped Shapefile of three points whose .prj is ``prj``."""
    import numpy as np

    shp, shx = _point_records(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0]))
    return _zipped({"layer.shp": shp, "layer.shx": shx, "layer.dbf": _dbf_ids(3), "layer.prj": prj.encode()}, name)


def mars_shapefile() -> tuple[str, bytes]:
    return shapefile_with_prj(MARS_PRJ, "mars.zip")


def local_crs_shapefile() -> tuple[str, bytes]:
    return shapefile_with_prj(LOCAL_PRJ, "cad-export.zip")


def empty_shapefile() -> tuple[str, bytes]:
    """A zipped Shapefile with no records at all."""
    shp, shx = _point_records([], [])
    return _zipped({"layer.shp": shp, "layer.shx": shx, "layer.dbf": _dbf_ids(0), "layer.prj": _WGS84_PRJ}, "empty.zip")


def repeated_header_figures() -> tuple[str, bytes]:
    """Own figures whose header names a column twice."""
    return "figures.csv", b"site_id,papers,papers\ncsns,10,12\n"


# Every hostile upload, by what it attacks: (generator, the panel it is uploaded into).
ALL = {
    "parquet dictionary bomb": (parquet_dictionary_bomb, "layer"),
    "csv sniffer": (csv_sniffer_bomb, "layer"),
    "geopackage view": (geopackage_view_bomb, "layer"),
    "shapefile 4M points": (shapefile_points, "layer"),
    "shapefile 100M-point multipoint": (shapefile_multipoint, "layer"),
    "excel sheet": (excel_sheet, "layer"),
    "mars crs shapefile": (mars_shapefile, "layer"),
    "local crs shapefile": (local_crs_shapefile, "layer"),
    "empty shapefile": (empty_shapefile, "layer"),
    "repeated figures header": (repeated_header_figures, "figures"),
}
