"""Load a whole data directory: read, validate, resolve provenance, join. No streamlit.

``load_dataset(path)`` returns a Dataset or raises DataError listing every problem; the
page, the CLI and the tests all go through it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd

from ..read.fields import CATEGORIES, FIELDS, SOURCED, Field, source_col, table_fields
from ..read.history import changed_sites, read_history
from ..read.join import JoinReport, join_sites
from ..read.load import read_sites
from ..read.schema import DataError, Problem, is_reported
from ..view.share import Vocab
from ..view.tours import read_tours
from .tables import (
    POSITION_COLUMNS,
    SITES_FILE,
    read_basemap,
    read_city_context,
    read_figure_sources,
    read_places,
    read_positions,
    read_sources,
    read_stories,
    read_subprojects,
    read_tables,
    read_version,
    resolve_sources,
)


@dataclass
class Dataset:
    """Everything the page and the CLI show, validated and joined."""

    sites: gpd.GeoDataFrame
    sources: pd.DataFrame
    subprojects: pd.DataFrame
    city_context: pd.DataFrame
    stories: pd.DataFrame
    basemap: dict
    report: JoinReport
    tours: dict = field(default_factory=dict)
    places: dict = field(default_factory=lambda: {"type": "FeatureCollection", "features": []})
    # Problems of tour files that were disabled (the rest of the data loaded).
    tour_problems: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    data_dir: Path | None = None
    # The data version from datapackage.json (CHANGELOG.md's top entry); None for a data
    # directory that has no package description.
    version: str | None = None
    # Later values beside the archive (figure_history.csv; see history.py), and which state
    # ``sites`` shows: "2019" (the archive, as loaded) or "latest" (history.view).
    history: list = field(default_factory=list)
    # The references each site's position rests on (positions.csv; empty when absent).
    positions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=POSITION_COLUMNS))
    as_of_state: str = "2019"
    # The archive's sites, whatever ``sites`` shows: the history lists start from them.
    archive_sites: gpd.GeoDataFrame | None = None
    # Sites opened or begun since 2019 (``since_2019`` in sites.geojson): not in the archive,
    # so not in ``sites`` as loaded; ``history.view(ds, "latest")`` adds them.
    new_sites: gpd.GeoDataFrame | None = None

    @property
    def cited_sources(self) -> pd.DataFrame:
        """The sources the shown figures rest on: the 2019 archive leaves out the sources
        only later values cite."""
        sources = self.sources
        if self.as_of_state != "latest":
            later = {v.source_id for v in self.history} - self.archive_source_ids
            sources = sources[~sources["source_id"].isin(later)]
        return sources

    @property
    def as_of_dates(self) -> list[str]:
        """The distinct as-of dates of the cited sources, in order."""
        return sorted({str(a) for a in self.cited_sources["as_of"]})

    @property
    def archive_source_ids(self) -> set[str]:
        """Sources cited by the archive's figures, sub-projects or context rows."""
        base = self.archive_sites if self.archive_sites is not None else self.sites
        cited = {s for f in SOURCED for s in base.get(source_col(f.name), []) if s}
        cited |= set(self.subprojects.get("source_id", [])) | set(self.city_context.get("source_id", []))
        return cited

    @property
    def as_of(self) -> str:
        """The figures' as-of dates as a span ("2019", or "2019 – 2026-11")."""
        dates = self.as_of_dates
        return dates[0] if len(dates) == 1 else f"{dates[0]} – {dates[-1]}" if dates else "-"

    def site(self, site_id: str) -> pd.Series | None:
        position = self._positions.get(site_id)
        return None if position is None else self.sites.iloc[position]

    @cached_property
    def _positions(self) -> dict[str, int]:
        # The details panel looks sites up by id several times a run; a boolean mask over
        # the wide frame costs a copy of every column each time.
        positions: dict[str, int] = {}
        for i, sid in enumerate(self.sites["site_id"]):
            positions.setdefault(sid, i)
        return positions

    def figures(self) -> list[tuple[str, str, object, str]]:
        """(site_id, field, value, source_id) for every non-empty sourced figure."""
        out = []
        for _, row in self.sites.iterrows():
            for f in SOURCED:
                value = row.get(f.name)
                if is_reported(value):
                    out.append((row["site_id"], f.name, value, row.get(source_col(f.name)) or ""))
        return out

    def not_reported_count(self) -> int:
        """Sourced cells that a site's table has but the data leaves empty."""
        count = 0
        for _, row in self.sites.iterrows():
            for f in table_fields(row["table"]):
                if f.sourced and not is_reported(row.get(f.name)):
                    count += 1
        return count


def load_dataset(data_dir: str | Path) -> Dataset:
    """Read and validate ``data_dir``; raise DataError naming every problem found."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise DataError([Problem(str(data_dir), "", "", "", "data directory not found")])

    sites = read_sites(data_dir / SITES_FILE, problems)
    # A broken sites file or sources table would make every row that names one of them
    # "unknown" too: such follow-on problems are counted in one line, not listed.
    sites_complete = not problems
    site_ids = set(sites["site_id"])
    category_of = dict(zip(sites["site_id"], sites["category"], strict=True))
    for site_id, parent in zip(sites["site_id"], sites["parent_id"], strict=True):
        if parent and parent not in site_ids:
            problems.append(Problem(SITES_FILE, f"site {site_id}", "parent_id", parent, "unknown site_id"))

    before = len(problems)
    sources = read_sources(data_dir, problems)
    sources_complete = len(problems) == before
    source_ids = set(sources["source_id"]) if sources is not None else set()

    attrs, row_sources, unread = read_tables(
        data_dir, category_of, source_ids, problems, sites_complete=sites_complete, sources_complete=sources_complete
    )
    joined, report = join_sites(sites, attrs)
    for site_id, table in report.sites_without_row:
        if table in unread:
            continue  # the table itself could not be read: that problem is already listed
        problems.append(
            Problem(
                f"{table}.csv",
                "",
                "site_id",
                site_id,
                f"site is a {category_of.get(site_id)} in {SITES_FILE} but has no row here",
            )
        )
    # rows_without_site were already reported, with their line, by read_tables.

    overrides = read_figure_sources(data_dir, joined, source_ids, problems)
    resolve_sources(joined, row_sources, overrides, problems)

    subprojects = read_subprojects(data_dir, site_ids, source_ids, problems)
    city_context = read_city_context(data_dir, source_ids, problems)
    stories = read_stories(data_dir, site_ids, problems)
    positions = read_positions(data_dir, site_ids, problems)
    basemap = read_basemap(data_dir, problems)
    places = read_places(data_dir, problems)
    version = read_version(data_dir, problems)
    history = read_history(
        data_dir,
        sites=joined,
        subprojects=subprojects,
        city_context=city_context,
        sources=sources,
        problems=problems,
    )

    if problems:
        raise DataError(problems)
    joined = _typed(joined)
    changes = changed_sites(joined, subprojects, history)
    joined["changes"] = [", ".join(changes.get(sid, [])) for sid in joined["site_id"]]
    # A site added since 2019 is new, which is a change since 2019 whatever its figures.
    joined["changed_since_2019"] = joined["site_id"].isin(changes) | joined["since_2019"]
    since = joined["since_2019"].to_numpy()
    archive = joined[~since].reset_index(drop=True)
    new_sites = joined[since].reset_index(drop=True)
    # Tours are optional: a broken one is disabled with its problems, the data still loads.
    tour_problems: list[Problem] = []
    tours = read_tours(data_dir / "tours", Vocab.from_sites(joined), tour_problems)
    return Dataset(
        sites=archive,
        sources=sources,
        subprojects=subprojects,
        city_context=city_context,
        stories=stories,
        positions=positions,
        basemap=basemap,
        places=places,
        report=report,
        tours=tours,
        tour_problems=tour_problems,
        warnings=_warnings(archive, sources, new_sites, history=history),
        data_dir=data_dir,
        version=version,
        history=history,
        archive_sites=archive,
        new_sites=new_sites,
    )


def _typed(joined: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Nullable numeric dtypes (NA is 'not reported', never 0) and plain strings elsewhere."""
    out = joined.drop(columns=["_line"], errors="ignore").copy()
    for f in FIELDS:
        if f.name not in out.columns:
            out[f.name] = None
        out[f.name] = _as_dtype(out[f.name], f)
    out["parent_id"] = out["parent_id"].fillna("")
    out["location_uncertainty_m"] = out["location_uncertainty_m"].astype("Int64")
    return out


def _as_dtype(series: pd.Series, f: Field) -> pd.Series:
    if f.kind in ("int", "year"):
        return pd.array([v if is_reported(v) else None for v in series], dtype="Int64")
    if f.kind == "float":
        return pd.array([v if is_reported(v) else None for v in series], dtype="Float64")
    return pd.Series([v if is_reported(v) else "" for v in series], index=series.index, dtype=object)


def _warnings(
    sites: pd.DataFrame, sources: pd.DataFrame, new_sites: pd.DataFrame | None = None, *, history: list = ()
) -> list[str]:
    """Things that are allowed but a reader should know (of the archive's sites; the sites
    added since 2019 have only later figures, so they are counted on their own)."""
    out = []
    if new_sites is not None and len(new_sites):
        low_new = int((new_sites["location_confidence"] == "low").sum())
        out.append(
            f"{len(new_sites)} sites added since 2019 (absent from the 2019 archive), "
            f"{low_new} of them with low-confidence (estimated) positions"
        )
    low = sites[sites["location_confidence"] == "low"]
    if len(low):
        out.append(f"{len(low)} of {len(sites)} sites have low-confidence (estimated) positions")
    extents = sites[sites["geometry_kind"] == "indicative_extent"]
    if len(extents):
        out.append(f"{len(extents)} extents are indicative (area-true circles), not official boundaries")
    # A site with a later value (figure_history.csv) has a reported figure, whichever state
    # is shown: the page's latest view counts it, so the check does too.
    later = {v.subject for v in history if v.found}
    bare = [
        sid
        for sid, row in sites.set_index("site_id").iterrows()
        if sid not in later and not any(is_reported(row.get(f.name)) for f in SOURCED)
    ]
    if bare:
        out.append(f"{len(bare)} sites have no reported figures: {', '.join(sorted(bare))}")
    low_src = set(sources.loc[sources["confidence"] == "low", "source_id"])
    used_low = sorted(
        {
            (sid, f.name)
            for f in SOURCED
            for sid, s in zip(sites["site_id"], sites[source_col(f.name)], strict=True)
            if s in low_src
        }
    )
    for sid, fname in used_low:
        out.append(f"{sid}: {fname} rests on a low-confidence source")
    return out


def category_counts(sites: pd.DataFrame) -> dict[str, int]:
    counts = sites["category"].value_counts()
    return {c: int(counts.get(c, 0)) for c in CATEGORIES}
