"""Millions of points given by path, aggregated out of core (issue #11)."""

from __future__ import annotations

import pandas as pd
import pytest

from gba_dash.own.large import CELL_DEG, read_large, synthetic_parquet
from gba_dash.own.layer import OwnLayer, aggregate, count_near, synthetic_points
from gba_dash.read.schema import DataError


def test_a_parquet_layer_is_counted_in_cells_and_nothing_is_lost(tmp_path, dataset):
    path = synthetic_parquet(50_000, tmp_path / "big.parquet", chunk=50_000)
    layer = read_large(path)
    assert layer.weighted and len(layer) == 50_000  # every point counted
    assert len(layer.frame) < 50_000 and layer.frame["count"].sum() == 50_000
    assert layer.notes[0].startswith("50,000 rows aggregated out of core (DuckDB)")
    drawn, res = aggregate(layer)
    assert res is not None and len(drawn) <= 2_000 and int(drawn["count"].sum()) == 50_000
    # near-site counts from the cells agree with the points' own within a cell's size
    lon, lat = synthetic_points(50_000, seed=2019)
    exact = count_near(dataset.sites, OwnLayer("p", pd.DataFrame({"lon": lon, "lat": lat, "name": ""})), 5)
    approx = count_near(dataset.sites, layer, 5)
    diff = (exact["points"] - approx["points"]).abs() / exact["points"].clip(lower=1)
    assert diff.max() < 0.02, diff.max()


def test_rows_outside_the_gba_or_without_coordinates_are_reported(tmp_path):
    path = tmp_path / "mixed.csv"
    pd.DataFrame({"latitude": [22.9, 48.85, None, 22.5], "longitude": [113.9, 2.35, 114.0, 114.0]}).to_csv(
        path, index=False
    )
    layer = read_large(path)
    assert len(layer) == 2
    assert layer.notes[-1] == "2 rows outside the GBA box, without coordinates or not points left out"


def test_unusable_large_files_are_named(tmp_path):
    no_coords = tmp_path / "x.parquet"
    pd.DataFrame({"a": [1.0]}).to_parquet(no_coords)
    with pytest.raises(DataError, match=r"x\.parquet: no latitude or longitude column found among a"):
        read_large(no_coords)
    garbage = tmp_path / "g.parquet"
    garbage.write_bytes(b"not parquet")
    with pytest.raises(DataError, match=r"g\.parquet: cannot be read"):
        read_large(garbage)
    far = tmp_path / "far.csv"
    far.write_text("lat,lon\n48.85,2.35\n", encoding="utf-8")
    with pytest.raises(DataError, match="none of its 1 rows is a point in the GBA box"):
        read_large(far)


def test_the_cells_are_bounded_by_area_not_by_points(tmp_path):
    path = tmp_path / "dense.csv"
    # 30,000 points in a 0.01° square: at most 11 × 11 cells of 0.001°, whatever their number
    pd.DataFrame({"lat": [22.90 + (i % 100) * 1e-4 for i in range(30_000)], "lon": 113.9}).to_csv(path, index=False)
    layer = read_large(path)
    assert len(layer) == 30_000 and len(layer.frame) <= (0.01 / CELL_DEG + 1) ** 2


def test_a_large_geoparquet_is_read_in_batches_to_the_same_cells(tmp_path):
    import geopandas as gpd

    lon, lat = synthetic_points(20_000)
    geo = tmp_path / "points.parquet"
    gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs=4326).to_parquet(geo)
    plain = tmp_path / "plain.parquet"
    pd.DataFrame({"lat": lat, "lon": lon}).to_parquet(plain)
    a, b = read_large(geo), read_large(plain)
    assert a.notes[0].startswith("20,000 rows aggregated in batches (pyarrow)") and len(a) == 20_000
    cells = lambda layer: layer.frame.sort_values(["lon", "lat"]).reset_index(drop=True)[["lon", "lat", "count"]]  # noqa: E731
    pd.testing.assert_frame_equal(cells(a), cells(b), check_exact=False, atol=2e-5)


def test_batches_fold_into_the_same_cells(tmp_path):
    import geopandas as gpd

    from gba_dash.own.large import _read_geoparquet

    lon, lat = synthetic_points(20_000)
    geo = tmp_path / "points.parquet"
    gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs=4326).to_parquet(geo)
    one, many = _read_geoparquet(geo, "geometry"), _read_geoparquet(geo, "geometry", batch=1_000)
    cells = lambda layer: layer.frame.sort_values(["lon", "lat"]).reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(cells(one), cells(many), check_exact=False, atol=2e-5)
