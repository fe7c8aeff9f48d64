"""The data directory's tables, one reader each: sources, attribute tables, figure sources,
sub-projects, city context, stories, basemap, place names and the data version.

Each reader appends a ``Problem`` naming the file, row, field and value for anything it
cannot take, and returns what it could read; ``dataset.load_dataset`` puts them together.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from ..read.fields import (
    CONFIDENCES,
    GBA_BBOX,
    SOURCED,
    STATUSES,
    TABLE_OF_CATEGORY,
    TABLES,
    note_col,
    source_col,
    table_fields,
)
from ..read.load import HAN, parse_cells, parse_geojson, read_csv, read_text
from ..read.schema import AS_OF, SLUG, Problem, is_reported, row_where, split_list

SITES_FILE = "sites.geojson"
BASEMAP_FILE = "basemap_natural_earth_10m.geojson"
PLACES_FILE = "places.geojson"
# A source's URL: http or https, a host, no spaces (checked at load; the page links to it).
WEB_URL = re.compile(r"https?://[^\s/?#@:]+(?::\d{1,5})?(?:[/?#][^\s]*)?")
SOURCE_COLUMNS = ("source_id", "title", "publisher", "published", "as_of", "confidence", "url", "summary")
SUBPROJECT_COLUMNS = ("subproject_id", "parent_id", "name_en", "name_zh", "name_zh_hant", "kind", "status", "source_id")
SUBPROJECT_KINDS = ("relocated_institute", "first_stage_facility", "functional_zone")
CONTEXT_COLUMNS = ("region", "region_zh", "region_zh_hant", "metric", "basis", "value", "unit", "as_of", "source_id")
STORY_COLUMNS = ("story_id", "title", "date", "site_ids", "summary")
FIGURE_SOURCE_COLUMNS = ("table", "site_id", "field", "source_id", "note")


VERSION = re.compile(r"^\d{4}\.\d{1,3}$")


def read_version(data_dir: Path, problems: list[Problem]) -> str | None:
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


def read_sources(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
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


def read_tables(
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


def read_figure_sources(
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


def resolve_sources(
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


def read_subprojects(data_dir: Path, site_ids: set[str], source_ids: set[str], problems: list[Problem]) -> pd.DataFrame:
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


def read_city_context(data_dir: Path, source_ids: set[str], problems: list[Problem]) -> pd.DataFrame:
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


def read_stories(data_dir: Path, site_ids: set[str], problems: list[Problem]) -> pd.DataFrame:
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


POSITION_COLUMNS = (
    "site_id",
    "reference",
    "source",
    "url",
    "lat",
    "lon",
    "locates",
    "distance_m",
    "says",
    "checked_on",
)


def read_positions(data_dir: Path, site_ids: set[str], problems: list[Problem]) -> pd.DataFrame:
    """What each site's drawn position rests on (``positions.csv``): the references the
    details panel links to. Optional, as the positions themselves are in the sites file; a
    row naming an unknown site, or a URL that is not a web address, is a Problem."""
    name = "positions.csv"
    if not (data_dir / name).exists():
        return pd.DataFrame(columns=POSITION_COLUMNS)
    frame = read_csv(data_dir / name, problems, required=("site_id", "source", "url"), known=POSITION_COLUMNS)
    if frame is None:
        return pd.DataFrame(columns=POSITION_COLUMNS)
    for idx, row in frame.iterrows():
        where = row_where(idx)
        _check_in(problems, name, where, "site_id", row["site_id"].strip(), site_ids, "unknown site_id")
        url = row["url"].strip()
        if url and not WEB_URL.fullmatch(url):
            problems.append(Problem(name, where, "url", url, "a reference's URL is an http:// or https:// address"))
    for col in POSITION_COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
    return frame.reset_index(drop=True)


def read_basemap(data_dir: Path, problems: list[Problem]) -> dict:
    problems_here: list[Problem] = []
    text = read_text(data_dir / BASEMAP_FILE, problems_here)
    features = parse_geojson(text, BASEMAP_FILE, problems_here) if text is not None else None
    problems.extend(problems_here)
    return {"type": "FeatureCollection", "features": features or []}


PLACE_PROPERTIES = ("geonameid", "name_en", "name_zh", "name_zh_hant", "rank", "population")


def read_places(data_dir: Path, problems: list[Problem]) -> dict:
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
