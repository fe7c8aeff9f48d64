from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from pandas.errors import MergeError
from shapely.geometry import Point

from gba_dash.read.join import join_sites


def _sites(*ids_categories):
    return gpd.GeoDataFrame(
        {"site_id": [i for i, _ in ids_categories], "category": [c for _, c in ids_categories]},
        geometry=[Point(113.9, 22.5)] * len(ids_categories),
        crs="EPSG:4326",
    )


def test_join_keeps_every_site_and_reports_both_kinds_of_unmatched_key():
    """A site without its row and a row without its site are reported, not dropped."""
    sites = _sites(("a", "facility"), ("b", "checkpoint"))
    attrs = pd.DataFrame({"site_id": ["a", "zzz"], "table": ["facilities", "facilities"], "x": [1, 2]})
    joined, report = join_sites(sites, attrs)
    assert list(joined["site_id"]) == ["a", "b"]
    assert report.sites_without_row == [("b", "checkpoints")]
    assert report.rows_without_site == [("facilities", "zzz")]
    assert not report.ok


def test_join_is_one_to_one():
    sites = _sites(("a", "facility"))
    attrs = pd.DataFrame({"site_id": ["a", "a"], "table": ["facilities", "facilities"]})
    with pytest.raises(MergeError):
        join_sites(sites, attrs)


def test_join_keys_are_strings():
    """Numeric-looking ids from a CSV still meet their string twins."""
    sites = _sites(("1", "facility"))
    attrs = pd.DataFrame({"site_id": [1], "table": ["facilities"], "x": [5]})
    joined, report = join_sites(sites, attrs)
    assert report.ok and joined.loc[0, "x"] == 5


def test_join_keeps_the_sites_file_order_and_a_plain_index():
    """Curators order sites.geojson; the outer merge would sort by id. No index column leaks."""
    sites = _sites(("zeta", "facility"), ("alpha", "facility"), ("mid", "checkpoint"))
    attrs = pd.DataFrame(
        {"site_id": ["alpha", "mid", "zeta"], "table": ["facilities", "checkpoints", "facilities"], "x": [1, 2, 3]}
    )
    joined, report = join_sites(sites, attrs)
    assert report.ok
    assert list(joined["site_id"]) == ["zeta", "alpha", "mid"]
    assert list(joined["x"]) == [3, 1, 2]
    assert list(joined.index) == [0, 1, 2]
    assert list(joined.columns) == ["site_id", "category", "geometry", "table", "x"]
    assert joined.crs == "EPSG:4326"
