"""Join sites to their attribute rows: one_to_one on string keys, unmatched keys reported."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from .fields import TABLE_OF_CATEGORY


@dataclass(frozen=True)
class JoinReport:
    """What the join could not match. Both lists empty means every key met its partner."""

    sites_without_row: list[tuple[str, str]] = field(default_factory=list)  # (site_id, table)
    rows_without_site: list[tuple[str, str]] = field(default_factory=list)  # (table, site_id)

    @property
    def ok(self) -> bool:
        return not self.sites_without_row and not self.rows_without_site


def join_sites(sites: gpd.GeoDataFrame, attrs: pd.DataFrame) -> tuple[gpd.GeoDataFrame, JoinReport]:
    """Left-join ``attrs`` (with a ``table`` column) to ``sites`` on ``site_id``.

    Every site is kept; attribute rows whose site is unknown, and sites whose category needs
    a row that is missing, are listed in the report rather than dropped silently.
    """
    left = sites.assign(site_id=sites["site_id"].astype(str))
    right = attrs.assign(site_id=attrs["site_id"].astype(str))
    merged = left.merge(right, on="site_id", how="outer", validate="one_to_one", indicator=True)
    orphans = merged[merged["_merge"] == "right_only"]
    rows_without_site = [(str(t), str(s)) for t, s in zip(orphans["table"], orphans["site_id"], strict=True)]
    # An outer merge sorts by key; keep the sites file's order, which curators chose.
    order = {sid: i for i, sid in enumerate(left["site_id"])}
    kept = merged[merged["_merge"] != "right_only"]
    kept = kept.iloc[sorted(range(len(kept)), key=lambda i: order[kept["site_id"].iloc[i]])]
    missing = [
        (str(s), TABLE_OF_CATEGORY[c])
        for s, c, m in zip(kept["site_id"], kept["category"], kept["_merge"], strict=True)
        if m == "left_only" and c in TABLE_OF_CATEGORY
    ]
    out = gpd.GeoDataFrame(kept.drop(columns="_merge"), geometry="geometry", crs=sites.crs)
    out = out.reset_index(drop=True)
    return out, JoinReport(sites_without_row=missing, rows_without_site=rows_without_site)
