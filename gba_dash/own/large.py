"""A very large point layer given by path (millions of rows), aggregated out of core.

DuckDB scans the Parquet or CSV file in a streaming query (GeoParquet, whose points are
WKB that DuckDB cannot read without an extension, is read in batches with pyarrow) and
returns only a grid of 0.001° cells (about 100 m) with their point counts and mean positions: the server never
holds a frame of all the points, and what it keeps after aggregation is bounded by the
area covered, not by the number of points. The grid is then binned into H3 hexagons like
any other layer (``layer.aggregate`` honours the counts). Rows outside the GBA box or
without coordinates are counted and reported, not dropped in silence. No streamlit.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..read.fields import GBA_BBOX
from ..read.schema import DataError, Problem
from ..words.i18n import Phrase
from .layer import OwnLayer, detect_columns

CELL_DEG = 0.001
SUFFIXES = (".parquet", ".geoparquet", ".csv")


def read_large(path: Path) -> OwnLayer:
    """The layer at ``path`` as counted grid cells; DataError naming the file if unusable."""
    import duckdb

    name = path.name
    if not path.name.lower().endswith(SUFFIXES):
        raise DataError([Problem(name, "", "", "", f"a large layer is a {', '.join(SUFFIXES)} file")])
    source = "read_parquet(?)" if not name.lower().endswith(".csv") else "read_csv_auto(?)"
    geo_column = _geoparquet_column(path)
    if geo_column is not None:
        return _read_geoparquet(path, geo_column)
    con = duckdb.connect()
    try:
        columns = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}", [str(path)]).fetchall()]
        lat, lon = detect_columns(columns)
        missing = [role for role, col in (("latitude", lat), ("longitude", lon)) if col is None]
        if missing:
            raise DataError(
                [Problem(name, "", "", "", f"no {' or '.join(missing)} column found among {', '.join(columns)}")]
            )
        x0, y0, x1, y1 = GBA_BBOX
        q_lon, q_lat = f'TRY_CAST("{lon}" AS DOUBLE)', f'TRY_CAST("{lat}" AS DOUBLE)'
        inside = f"{q_lon} BETWEEN {x0} AND {x1} AND {q_lat} BETWEEN {y0} AND {y1}"
        total, kept = con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE {inside}) FROM {source}", [str(path)]
        ).fetchone()
        grid = con.execute(
            f"""SELECT floor({q_lon} / {CELL_DEG})::BIGINT AS ix, floor({q_lat} / {CELL_DEG})::BIGINT AS iy,
                       avg({q_lon}) AS lon, avg({q_lat}) AS lat, count(*) AS count
                FROM {source} WHERE {inside} GROUP BY ix, iy""",
            [str(path)],
        ).df()
    except duckdb.Error as exc:
        raise DataError([Problem(name, "", "", "", f"cannot be read: {str(exc).splitlines()[0][:200]}")]) from None
    finally:
        con.close()
    return _cells_layer(name, grid["lon"], grid["lat"], grid["count"], total=total, kept=kept, how=Phrase("agg_duckdb"))


def _cells_layer(name: str, lon, lat, count, *, total: int, kept: int, how: str) -> OwnLayer:
    """The counted cells as a weighted layer, saying how many rows went in and which were left out."""
    if not kept:
        raise DataError([Problem(name, "", "", "", f"none of its {total:,} rows is a point in the GBA box")])
    frame = pd.DataFrame(
        {
            "lon": np.round(np.asarray(lon, dtype=float), 5),
            "lat": np.round(np.asarray(lat, dtype=float), 5),
            "name": "",
            "count": np.asarray(count, dtype=np.int64),
        }
    )
    notes = [Phrase("own_note_aggregated", total=f"{total:,}", how=how, cells=f"{len(frame):,}", deg=CELL_DEG)]
    if total > kept:
        notes.append(Phrase("own_note_left_out", n=f"{total - kept:,}"))
    return OwnLayer(name=name, frame=frame, notes=tuple(notes), weighted=True)


def _geoparquet_column(path: Path) -> str | None:
    """The primary geometry column of a GeoParquet file (from its ``geo`` metadata), else None."""
    if not path.name.lower().endswith((".parquet", ".geoparquet")):
        return None
    import json

    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).schema_arrow.metadata or {}
        geo = json.loads(meta[b"geo"]) if b"geo" in meta else None
    except Exception:
        return None
    return geo.get("primary_column") if isinstance(geo, dict) else None


def _read_geoparquet(path: Path, column: str, *, batch: int = 1_000_000) -> OwnLayer:
    """GeoParquet points (WKB) in batches with pyarrow and shapely: the same counted cells as
    the DuckDB route, at most one batch of points in memory at a time."""
    import pyarrow.parquet as pq
    import shapely

    name = path.name
    x0, y0, x1, y1 = GBA_BBOX
    total = kept = 0
    parts = []
    try:
        for chunk in pq.ParquetFile(path).iter_batches(batch_size=batch, columns=[column]):
            geoms = shapely.from_wkb(chunk.column(0).to_numpy(zero_copy_only=False))
            total += len(geoms)
            points = shapely.get_type_id(geoms) == 0
            x = np.where(points, shapely.get_x(geoms), np.nan)
            y = np.where(points, shapely.get_y(geoms), np.nan)
            inside = (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)
            kept += int(inside.sum())
            x, y = x[inside], y[inside]
            cells = pd.DataFrame(
                {
                    "ix": np.floor(x / CELL_DEG).astype(np.int64),
                    "iy": np.floor(y / CELL_DEG).astype(np.int64),
                    "x": x,
                    "y": y,
                }
            )
            parts.append(cells.groupby(["ix", "iy"]).agg(sx=("x", "sum"), sy=("y", "sum"), count=("x", "size")))
            # Fold the per-batch cells together now and then: memory stays bounded by the cells.
            if len(parts) > 4:
                parts = [pd.concat(parts).groupby(level=[0, 1]).sum()]
    except Exception as exc:
        raise DataError(
            [Problem(name, "", "geometry", "", f"cannot be read: {str(exc).splitlines()[0][:200]}")]
        ) from None
    grid = pd.concat(parts).groupby(level=[0, 1]).sum() if kept else pd.DataFrame(columns=["sx", "sy", "count"])
    return _cells_layer(
        name,
        grid["sx"] / grid["count"],
        grid["sy"] / grid["count"],
        grid["count"],
        total=total,
        kept=kept,
        how=Phrase("agg_batches"),
    )


def parquet_rows(path: Path) -> int:
    """Rows of a Parquet file from its footer (0 for anything else or unreadable): a compact
    file can hold more points than an upload may."""
    if not path.name.lower().endswith((".parquet", ".geoparquet")):
        return 0
    try:
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    except Exception:
        return 0


def synthetic_parquet(n: int, path: Path, *, seed: int = 2019, chunk: int = 1_000_000) -> Path:
    """``n`` synthetic points around the science hubs as Parquet (lat, lon), written in
    chunks so a 10-million-row file never needs 10 million rows in memory at once."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .layer import synthetic_points

    writer = None
    try:
        for start in range(0, n, chunk):
            lon, lat = synthetic_points(min(chunk, n - start), seed=seed + start)
            table = pa.table({"lat": lat, "lon": lon})
            writer = writer or pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    return path
