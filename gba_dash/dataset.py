"""Load a whole data directory: read, validate, resolve provenance, join. No streamlit.

``load_dataset(path)`` returns a Dataset or raises DataError listing every problem; the
page, the CLI and the tests all go through it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .fields import (
    CATEGORIES,
    CONFIDENCES,
    FIELDS,
    GBA_BBOX,
    STATUSES,
    TABLE_OF_CATEGORY,
    TABLES,
    Field,
    note_col,
    source_col,
    table_fields,
)
from .history import changed_sites, read_history
from .join import JoinReport, join_sites
from .load import HAN, parse_cells, parse_geojson, read_csv, read_sites, read_text
from .schema import AS_OF, SLUG, DataError, Problem, is_reported, row_where, split_list
from .share import Vocab
from .tours import read_tours

SITES_FILE = "sites.geojson"
BASEMAP_FILE = "basemap_natural_earth_10m.geojson"
PLACES_FILE = "places.geojson"
SOURCED = tuple(f for f in FIELDS if f.sourced)
# A source's URL: http or https, a host, no spaces (checked at load; the page links to it).
WEB_URL = re.compile(r"https?://[^\s/?#@:]+(?::\d{1,5})?(?:[/?#][^\s]*)?")
SOURCE_COLUMNS = ("source_id", "title", "publisher", "published", "as_of", "confidence", "url", "summary")
SUBPROJECT_COLUMNS = ("subproject_id", "parent_id", "name_en", "name_zh", "name_zh_hant", "kind", "status", "source_id")
SUBPROJECT_KINDS = ("relocated_institute", "first_stage_facility", "functional_zone")
CONTEXT_COLUMNS = ("region", "region_zh", "region_zh_hant", "metric", "basis", "value", "unit", "as_of", "source_id")
STORY_COLUMNS = ("story_id", "title", "date", "site_ids", "summary")
FIGURE_SOURCE_COLUMNS = ("table", "site_id", "field", "source_id", "note")


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
    as_of_state: str = "2019"
    # The archive's sites, whatever ``sites`` shows: the history lists start from them.
    archive_sites: gpd.GeoDataFrame | None = None
    # Sites opened or begun since 2019 (``since_2019`` in sites.geojson): not in the archive,
    # so not in ``sites`` as loaded; ``history.view(ds, "latest")`` adds them.
    new_sites: gpd.GeoDataFrame | None = None

    @property
    def as_of_dates(self) -> list[str]:
        """The distinct as-of dates of the sources the shown figures rest on, in order: the
        2019 archive leaves out the sources only later values cite."""
        sources = self.sources
        if self.as_of_state != "latest":
            later = {v.source_id for v in self.history} - self.archive_source_ids
            sources = sources[~sources["source_id"].isin(later)]
        return sorted({str(a) for a in sources["as_of"]})

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
    sources = _read_sources(data_dir, problems)
    sources_complete = len(problems) == before
    source_ids = set(sources["source_id"]) if sources is not None else set()

    attrs, row_sources, unread = _read_tables(
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
    # rows_without_site were already reported, with their line, by _read_tables.

    overrides = _read_figure_sources(data_dir, joined, source_ids, problems)
    _resolve_sources(joined, row_sources, overrides, problems)

    subprojects = _read_subprojects(data_dir, site_ids, source_ids, problems)
    city_context = _read_city_context(data_dir, source_ids, problems)
    stories = _read_stories(data_dir, site_ids, problems)
    basemap = _read_basemap(data_dir, problems)
    places = _read_places(data_dir, problems)
    version = _read_version(data_dir, problems)
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
        basemap=basemap,
        places=places,
        report=report,
        tours=tours,
        tour_problems=tour_problems,
        warnings=_warnings(archive, sources, new_sites),
        data_dir=data_dir,
        version=version,
        history=history,
        archive_sites=archive,
        new_sites=new_sites,
    )


VERSION = re.compile(r"^\d{4}\.\d{1,3}$")


def _read_version(data_dir: Path, problems: list[Problem]) -> str | None:
    """The ``version`` of ``datapackage.json`` when the directory has one (it is optional)."""
    name = "datapackage.json"
    if not (data_dir / name).exists():
        return None
    text = read_text(data_dir / name, problems)
    if text is None:
        return None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(Problem(name, f"line {exc.lineno}", "", "", f"malformed JSON: {exc.msg}"))
        return None
    version = doc.get("version") if isinstance(doc, dict) else None
    if not isinstance(version, str) or not VERSION.match(version):
        problems.append(Problem(name, "", "version", version, "expected a data version YEAR.N, e.g. 2019.2"))
        return None
    return version


def _read_sources(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    name = "sources.csv"
    frame = read_csv(
        data_dir / name, problems, required=("source_id", "title", "as_of", "confidence"), known=SOURCE_COLUMNS
    )
    if frame is None:
        return None
    # Column-wise checks (a million rows in seconds, not a Python loop over pandas rows);
    # the problems are then listed in line order.
    sid = frame["source_id"].str.strip()
    found: list[tuple[int, Problem]] = []

    def flag(mask: pd.Series, field: str, values: pd.Series | None, message: str) -> None:
        for idx, value in zip(
            frame.index[mask.to_numpy()], (values[mask] if values is not None else mask[mask]), strict=True
        ):
            found.append((idx, Problem(name, row_where(idx), field, value if values is not None else "", message)))

    bad_slug = ~sid.str.fullmatch(SLUG.pattern.strip("^$"))
    flag(bad_slug, "source_id", sid, "ids are lower-case slugs")
    flag(~bad_slug & sid.duplicated(), "source_id", sid, "duplicate source_id")
    flag(frame["title"].str.strip() == "", "title", None, "every source needs a title")
    as_of = frame["as_of"]
    flag(
        ~as_of.str.strip().str.fullmatch(AS_OF.pattern.strip("^$")),
        "as_of",
        as_of,
        "as-of date must be YYYY, YYYY-MM or YYYY-MM-DD",
    )
    conf = frame["confidence"]
    flag(~conf.str.strip().isin(CONFIDENCES), "confidence", conf, f"not one of {', '.join(CONFIDENCES)}")
    if "url" in frame.columns:
        # The page, the table and the exports link to it: a javascript:, data: or file: URL
        # (or anything without a host) would be a link a reader should never be offered.
        url = frame["url"].str.strip()
        flag(
            (url != "") & ~url.str.fullmatch(WEB_URL.pattern, case=False),
            "url",
            url,
            "a source's URL is an http:// or https:// address with a host",
        )
    problems.extend(p for _, p in sorted(found, key=lambda item: item[0]))
    for col in SOURCE_COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
    return frame.reset_index(drop=True)


def _read_tables(
    data_dir: Path,
    category_of: dict[str, str],
    source_ids: set[str],
    problems: list[Problem],
    *,
    sites_complete: bool = True,
    sources_complete: bool = True,
) -> tuple[pd.DataFrame, dict[str, str], set[str]]:
    """All attribute tables stacked, with a ``table`` column; each row's default source; and
    the tables that could not be read at all."""
    frames = []
    row_sources: dict[str, str] = {}
    unread: set[str] = set()
    for table, categories in TABLES.items():
        name = f"{table}.csv"
        fields = table_fields(table)
        known = ("site_id", "source_id", *(f.name for f in fields))
        frame = read_csv(data_dir / name, problems, required=("site_id",), known=known)
        if frame is None:
            unread.add(table)
            continue
        frame = parse_cells(frame, fields, name, problems)
        seen: dict[str, str] = {}
        keep = []
        follow_on = {"site": 0, "source": 0}
        source_col_values = frame["source_id"] if "source_id" in frame.columns else [""] * len(frame)
        for idx, raw_sid, raw_src in zip(frame.index, frame["site_id"], source_col_values, strict=True):
            where = row_where(idx)
            sid = str(raw_sid).strip()
            src = str(raw_src or "").strip()
            if not sid:
                problems.append(Problem(name, where, "site_id", "", "missing site_id"))
                continue
            if sid in seen:
                problems.append(Problem(name, where, "site_id", sid, f"duplicate site_id: {seen[sid]} has it too"))
                continue
            seen[sid] = where
            if sid not in category_of:
                if sites_complete:
                    problems.append(Problem(name, where, "site_id", sid, f"unknown site: no feature in {SITES_FILE}"))
                else:
                    follow_on["site"] += 1
                continue
            if category_of[sid] not in categories:
                right = TABLE_OF_CATEGORY.get(category_of[sid], "?")
                problems.append(
                    Problem(
                        name, where, "site_id", sid, f"site is a {category_of[sid]}; its row belongs in {right}.csv"
                    )
                )
                continue
            if src and src not in source_ids:
                if sources_complete:
                    problems.append(Problem(name, where, "source_id", src, "unknown source_id: no row in sources.csv"))
                else:
                    follow_on["source"] += 1
            row_sources[sid] = src
            keep.append(idx)
        if follow_on["site"]:
            problems.append(
                Problem(
                    name,
                    "",
                    "site_id",
                    "",
                    f"{follow_on['site']:,} rows name sites not loaded, because of the problems in {SITES_FILE} "
                    "listed above; fix those first",
                )
            )
        if follow_on["source"]:
            problems.append(
                Problem(
                    name,
                    "",
                    "source_id",
                    "",
                    f"{follow_on['source']:,} rows name sources not loaded, because of the problems in sources.csv "
                    "listed above; fix those first",
                )
            )
        frame = frame.loc[keep].copy()
        frame["site_id"] = frame["site_id"].str.strip()
        frame["table"] = table
        frame["_line"] = [row_where(i) for i in frame.index]
        frames.append(frame.drop(columns=[c for c in ("source_id",) if c in frame.columns]))
    if not frames:
        return pd.DataFrame(columns=["site_id", "table", "_line"]), row_sources, unread
    return pd.concat(frames, ignore_index=True), row_sources, unread


def _read_figure_sources(
    data_dir: Path, joined: pd.DataFrame, source_ids: set[str], problems: list[Problem]
) -> dict[tuple[str, str], tuple[str, str]]:
    """(site_id, field) -> (source_id, note) for figures whose source is not their row's."""
    name = "figure_sources.csv"
    frame = read_csv(
        data_dir / name, problems, required=("table", "site_id", "field", "source_id"), known=FIGURE_SOURCE_COLUMNS
    )
    out: dict[tuple[str, str], tuple[str, str]] = {}
    if frame is None:
        return out
    table_of = dict(zip(joined["site_id"], joined.get("table", pd.Series(dtype=object)), strict=True))
    index = {sid: i for i, sid in enumerate(joined["site_id"])}
    for idx, row in frame.iterrows():
        where = row_where(idx)
        table, sid, fname, src = (str(row[c]).strip() for c in ("table", "site_id", "field", "source_id"))
        note = str(row.get("note") or "").strip()
        if table not in TABLES:
            problems.append(Problem(name, where, "table", table, f"not one of {', '.join(TABLES)}"))
            continue
        if sid not in index:
            problems.append(Problem(name, where, "site_id", sid, "unknown site_id"))
            continue
        if table_of.get(sid) != table:
            problems.append(Problem(name, where, "site_id", sid, f"site has no row in {table}.csv"))
            continue
        if fname not in {f.name for f in table_fields(table) if f.sourced}:
            problems.append(Problem(name, where, "field", fname, f"not a sourced field of {table}.csv"))
            continue
        if not is_reported(joined.at[index[sid], fname]):
            problems.append(
                Problem(name, where, "field", fname, f"{table}.csv has no value for {sid}; a source needs a figure")
            )
            continue
        if src not in source_ids:
            problems.append(Problem(name, where, "source_id", src, "unknown source_id: no row in sources.csv"))
            continue
        if (sid, fname) in out:
            problems.append(Problem(name, where, "field", fname, f"duplicate entry for {sid}"))
            continue
        out[(sid, fname)] = (src, note)
    return out


def _resolve_sources(
    joined: pd.DataFrame,
    row_sources: dict[str, str],
    overrides: dict[tuple[str, str], tuple[str, str]],
    problems: list[Problem],
) -> None:
    """Give every figure a ``<field>_source`` (and note); a figure with none is a problem."""
    for f in SOURCED:
        if f.name not in joined.columns:
            joined[f.name] = None
        sources, notes = [], []
        for sid, value, table, line in zip(
            joined["site_id"], joined[f.name], joined.get("table"), joined.get("_line"), strict=True
        ):
            if not is_reported(value):
                sources.append("")
                notes.append("")
                continue
            src, note = overrides.get((sid, f.name), (row_sources.get(sid, ""), ""))
            if not src:
                problems.append(
                    Problem(
                        f"{table}.csv",
                        f"{line} ({sid})",
                        f.name,
                        value,
                        "figure without a source: fill source_id or add a row to figure_sources.csv",
                    )
                )
            sources.append(src)
            notes.append(note)
        joined[source_col(f.name)] = sources
        joined[note_col(f.name)] = notes


def _read_subprojects(
    data_dir: Path, site_ids: set[str], source_ids: set[str], problems: list[Problem]
) -> pd.DataFrame:
    name = "subprojects.csv"
    frame = read_csv(data_dir / name, problems, required=SUBPROJECT_COLUMNS, known=SUBPROJECT_COLUMNS)
    if frame is None:
        return pd.DataFrame(columns=SUBPROJECT_COLUMNS)
    seen: set[str] = set()
    for idx, row in frame.iterrows():
        where = row_where(idx)
        if row["subproject_id"] in seen or not SLUG.match(row["subproject_id"]):
            problems.append(Problem(name, where, "subproject_id", row["subproject_id"], "duplicate or malformed id"))
        seen.add(row["subproject_id"])
        _check_in(problems, name, where, "parent_id", row["parent_id"], site_ids, "unknown site_id")
        for column in ("name_en", "name_zh", "name_zh_hant"):
            if not row[column].strip():
                problems.append(Problem(name, where, column, "", "missing name"))
            elif column != "name_en" and not HAN.search(row[column]):
                problems.append(Problem(name, where, column, row[column], "a Chinese name holds Chinese characters"))
        _check_in(problems, name, where, "kind", row["kind"], SUBPROJECT_KINDS)
        _check_in(problems, name, where, "status", row["status"], STATUSES)
        _check_in(problems, name, where, "source_id", row["source_id"], source_ids, "unknown source_id")
    return frame.reset_index(drop=True)


def _read_city_context(data_dir: Path, source_ids: set[str], problems: list[Problem]) -> pd.DataFrame:
    name = "city_context.csv"
    frame = read_csv(data_dir / name, problems, required=CONTEXT_COLUMNS, known=CONTEXT_COLUMNS)
    if frame is None:
        return pd.DataFrame(columns=CONTEXT_COLUMNS)
    values = []
    for idx, row in frame.iterrows():
        where = row_where(idx)
        value, error = _number(row["value"])
        if error:
            problems.append(Problem(name, where, "value", row["value"], error))
        values.append(value)
        if not AS_OF.match(row["as_of"]):
            problems.append(
                Problem(name, where, "as_of", row["as_of"], "as-of date must be YYYY, YYYY-MM or YYYY-MM-DD")
            )
        _check_in(problems, name, where, "basis", row["basis"], ("reported", "expected"))
        _check_in(problems, name, where, "source_id", row["source_id"], source_ids, "unknown source_id")
        for column in ("region_zh", "region_zh_hant"):
            if not HAN.search(row[column]):
                problems.append(Problem(name, where, column, row[column], "a Chinese name holds Chinese characters"))
    frame["value"] = pd.Series(values, index=frame.index, dtype="Float64")
    return frame.reset_index(drop=True)


def _read_stories(data_dir: Path, site_ids: set[str], problems: list[Problem]) -> pd.DataFrame:
    name = "stories.csv"
    frame = read_csv(data_dir / name, problems, required=STORY_COLUMNS, known=STORY_COLUMNS)
    if frame is None:
        return pd.DataFrame(columns=STORY_COLUMNS)
    for idx, row in frame.iterrows():
        where = row_where(idx)
        if not row["title"].strip():
            problems.append(Problem(name, where, "title", "", "every story needs a title"))
        if not AS_OF.match(row["date"].strip()):
            problems.append(Problem(name, where, "date", row["date"], "date must be YYYY, YYYY-MM or YYYY-MM-DD"))
        for sid in split_list(row["site_ids"]):
            _check_in(problems, name, where, "site_ids", sid, site_ids, "unknown site_id")
    return frame.reset_index(drop=True)


def _read_basemap(data_dir: Path, problems: list[Problem]) -> dict:
    problems_here: list[Problem] = []
    text = read_text(data_dir / BASEMAP_FILE, problems_here)
    features = parse_geojson(text, BASEMAP_FILE, problems_here) if text is not None else None
    problems.extend(problems_here)
    return {"type": "FeatureCollection", "features": features or []}


PLACE_PROPERTIES = ("geonameid", "name_en", "name_zh", "name_zh_hant", "rank", "population")


def _read_places(data_dir: Path, problems: list[Problem]) -> dict:
    """The map's place names (optional file): every feature a point in the GBA box with its
    names in English, Simplified and Traditional Chinese and a rank of 1 or 2."""
    path = data_dir / PLACES_FILE
    empty = {"type": "FeatureCollection", "features": []}
    if not path.exists() and not path.is_symlink():
        return empty
    found: list[Problem] = []
    text = read_text(path, found)
    features = parse_geojson(text, PLACES_FILE, found) if text is not None else None
    lon0, lat0, lon1, lat1 = GBA_BBOX
    for i, feature in enumerate(features or []):
        props = feature.get("properties") if isinstance(feature, dict) else None
        geom = feature.get("geometry") if isinstance(feature, dict) else None
        where = f"feature {i}"
        if not isinstance(props, dict):
            found.append(Problem(PLACES_FILE, where, "properties", "", "expected an object"))
            continue
        for key in PLACE_PROPERTIES:
            if props.get(key) in (None, ""):
                found.append(Problem(PLACES_FILE, where, key, "", "missing required property"))
        if props.get("rank") not in (1, 2, None, ""):
            found.append(Problem(PLACES_FILE, where, "rank", props.get("rank"), "rank is 1 (city) or 2 (town)"))
        coords = geom.get("coordinates") if isinstance(geom, dict) and geom.get("type") == "Point" else None
        ok = (
            isinstance(coords, list)
            and len(coords) == 2
            and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords)
        )
        if not ok or not (lon0 <= coords[0] <= lon1 and lat0 <= coords[1] <= lat1):
            found.append(Problem(PLACES_FILE, where, "geometry", str(coords)[:40], "expected a Point in the GBA box"))
    problems.extend(found)
    return {"type": "FeatureCollection", "features": features or []} if not found else empty


def _check_in(
    problems: list[Problem], name: str, where: str, column: str, value: str, allowed, message: str | None = None
) -> None:
    if value not in allowed:
        text = message or f"not one of {', '.join(allowed)}"
        problems.append(Problem(name, where, column, value, text))


def _number(raw: str) -> tuple[float | None, str | None]:
    try:
        value = float(raw)
    except ValueError:
        return None, "not a number"
    return (value, None) if value == value and abs(value) != float("inf") else (None, "not a finite number")


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


def _warnings(sites: pd.DataFrame, sources: pd.DataFrame, new_sites: pd.DataFrame | None = None) -> list[str]:
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
    bare = [
        sid
        for sid, row in sites.set_index("site_id").iterrows()
        if not any(is_reported(row.get(f.name)) for f in SOURCED)
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
