"""What changed since the 2019 archive: later values beside the archive's, never over them.

``figure_history.csv`` keeps one row per (subject, field, as-of date, source): a subject
is a site, a sub-project or a region of ``city_context.csv``. The archive tables stay as
they are; ``view(ds, "latest")`` shows each figure's newest value with its date and
source, ``view(ds, "2019")`` the archive. A row with no value records a search that found
no later report (its as-of date is the date of the search). No streamlit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from .fields import FIELD_BY_NAME, NUMERIC_KINDS, STATUS_VOCABULARY, Field, note_col, source_col
from .load import parse_value, read_csv
from .schema import AS_OF, Problem, is_reported, row_where

if TYPE_CHECKING:
    from ..dataset import Dataset

HISTORY_FILE = "figure_history.csv"
HISTORY_COLUMNS = (
    "subject",
    "field",
    "value",
    "qualifier",
    "as_of",
    "source_id",
    "note",
    "checked_on",
    "evidence",
    "evidence_url",
    "independent",
)
# The proof of a later value: when it was checked in its source, the figure as the source
# states it (a short phrase in the source's own language: the fact, not a copied passage),
# where that phrase was read if not at the source's URL, and a second source that agrees.
VERIFICATION_COLUMNS = ("checked_on", "evidence", "evidence_url", "independent")
EVIDENCE_MAX_WORDS = 12
EVIDENCE_MAX_CHARS = 80
CHECKED_ON = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
QUALIFIERS = ("", "more_than")
ARCHIVE_YEAR = 2019
# The page's "Data as of" states, default first: a link without ``asof`` shows the latest.
STATES = ("latest", "2019")
DEFAULT_STATE = STATES[0]
# A site's later figures: the sourced numbers and years, its status, and when it opened.
SITE_FIELDS = tuple(
    name
    for name, f in FIELD_BY_NAME.items()
    if f.sourced and (f.kind in NUMERIC_KINDS or name == "status") and name != "smart_glasses"
)
# Sites whose 2019 status says they were not finished: each needs a later row (a value,
# or "no later report found") so the page never leaves the question open silently.
UNFINISHED = ("planned", "under_construction")
LOWER_BOUND_NOTE = "A lower bound (the source says more than this). "


@dataclass(frozen=True)
class Version:
    """One later value (or a search that found none) of one figure."""

    subject: str
    field: str
    value: object  # typed like the field; None for "no later report found"
    qualifier: str
    as_of: str
    source_id: str
    note: str
    published: str = ""
    checked_on: str = ""
    evidence: str = ""
    evidence_url: str = ""
    independent: str = ""

    @property
    def found(self) -> bool:
        return self.value is not None


def period_end(as_of: str) -> str:
    """The last day an as-of date can mean, for ordering: '2020-08' -> '2020-08-31'."""
    year, *rest = as_of.split("-")
    month = rest[0] if rest else "12"
    day = rest[1] if len(rest) > 1 else "31"
    return f"{year}-{month}-{day}"


def read_history(
    data_dir: Path,
    *,
    sites: pd.DataFrame,
    subprojects: pd.DataFrame,
    city_context: pd.DataFrame,
    sources: pd.DataFrame | None,
    problems: list[Problem],
) -> list[Version]:
    """The later values of ``data_dir`` (optional file), checked; problems name file, line, column."""
    name = HISTORY_FILE
    path = data_dir / name
    if not path.exists() and not path.is_symlink():
        return []
    frame = read_csv(
        path,
        problems,
        required=("subject", "field", "value", "as_of", "source_id", "checked_on", "evidence"),
        known=HISTORY_COLUMNS,
    )
    if frame is None:
        return []
    for col in HISTORY_COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
    site_ids = set(sites["site_id"])
    sub_ids = set(subprojects["subproject_id"]) if len(subprojects) else set()
    regions = {(r, m) for r, m in zip(city_context.get("region", []), city_context.get("metric", []), strict=True)}
    region_names = {r for r, _ in regions}
    src = sources.set_index("source_id") if sources is not None and len(sources) else None
    out: list[Version] = []
    seen: dict[tuple[str, str, str, str], str] = {}
    for idx, row in frame.iterrows():
        where = row_where(idx)
        subject, fname, raw, qualifier, as_of, source_id, note, checked_on, evidence, evidence_url, independent = (
            str(row[c]).strip() for c in HISTORY_COLUMNS
        )
        before = len(problems)

        def flag(column: str, value: object, message: str, where: str = where) -> None:
            problems.append(Problem(name, where, column, value, message))

        field: Field | None = None
        resolved = False
        if subject in site_ids:
            if fname not in SITE_FIELDS:
                flag("field", fname, f"not a later figure of a site; one of {', '.join(SITE_FIELDS)}")
            else:
                field, resolved = FIELD_BY_NAME[fname], True
        elif subject in sub_ids:
            if fname != "status":
                flag("field", fname, "a sub-project's later figure is its status")
            else:
                field, resolved = FIELD_BY_NAME["status"], True
        elif subject in region_names:
            if (subject, fname) not in regions:
                flag("field", fname, f"not a metric of {subject} in city_context.csv")
            else:
                resolved = True
        else:
            flag("subject", subject, "unknown subject: not a site_id, a subproject_id or a region of city_context.csv")
        if not AS_OF.match(as_of):
            flag("as_of", as_of, "as-of date must be YYYY, YYYY-MM or YYYY-MM-DD")
        elif int(as_of[:4]) < ARCHIVE_YEAR or as_of == str(ARCHIVE_YEAR):
            flag(
                "as_of",
                as_of,
                f"a later value needs an as-of date after the {ARCHIVE_YEAR} archive "
                f"(a month of {ARCHIVE_YEAR} or a later year); archive values stay in their tables",
            )
        if qualifier not in QUALIFIERS:
            flag("qualifier", qualifier, "empty, or more_than for a lower bound")
        value: object = None
        if raw and resolved:
            if field is not None:
                value, error = parse_value(field, raw)
                if error:
                    flag("value", raw, error)
                elif field.name == "status" and value not in STATUS_VOCABULARY:
                    flag("value", raw, f"a later status is one of the vocabulary: {', '.join(STATUS_VOCABULARY)}")
            else:
                try:
                    value = float(raw)
                except ValueError:
                    flag("value", raw, "not a number")
        if raw and not source_id:
            flag("source_id", "", "a later value needs a source: add it to sources.csv and name it here")
        if not raw and not note:
            flag("note", "", "a row without a value records a search: say what was looked for (the note)")
        published = ""
        source_url = ""
        if source_id:
            if src is None or source_id not in src.index:
                flag("source_id", source_id, "unknown source_id: no row in sources.csv")
            else:
                entry = src.loc[source_id]
                published = str(entry.get("published") or "")
                source_url = str(entry.get("url") or "").strip()
                if raw and not source_url:
                    flag("source_id", source_id, "a later value's source needs a URL in sources.csv")
                if raw and not AS_OF.match(str(entry.get("as_of") or "")):
                    flag("source_id", source_id, "a later value's source needs an as-of date in sources.csv")
        _check_proof(flag, raw, source_id, source_url, checked_on, evidence, evidence_url, independent, src)
        key = (subject, fname, as_of, source_id)
        if key in seen:
            flag("as_of", as_of, f"duplicate version: {seen[key]} has the same subject, field, date and source")
        else:
            seen[key] = where
        if len(problems) == before:
            out.append(
                Version(
                    subject,
                    fname,
                    value,
                    qualifier,
                    as_of,
                    source_id,
                    note,
                    published,
                    checked_on,
                    evidence,
                    evidence_url,
                    independent,
                )
            )
    _require_later_status(sites, out, problems)
    return out


def evidence_words(text: str) -> int:
    """Words in an evidence phrase: whitespace-separated, a run of Chinese characters counting
    one word per two characters (Chinese has no spaces; 12 words are about 24 characters)."""
    words = 0
    for token in text.split():
        han = sum(1 for ch in token if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")
        words += max(1, -(-han // 2)) if han else 1
    return words


def _check_proof(
    flag,
    raw: str,
    source_id: str,
    source_url: str,
    checked_on: str,
    evidence: str,
    evidence_url: str,
    independent: str,
    src: pd.DataFrame | None,
) -> None:
    """A later value carries its proof (VERIFICATION_COLUMNS); a search row its date."""
    if not CHECKED_ON.match(checked_on):
        flag(
            "checked_on",
            checked_on,
            "the date this row was last checked in its source (or the date of the search), YYYY-MM-DD",
        )
    if raw and not evidence:
        flag(
            "evidence",
            "",
            "a later value needs its evidence: the figure as the source states it, in the source's own language",
        )
    elif evidence and (evidence_words(evidence) > EVIDENCE_MAX_WORDS or len(evidence) > EVIDENCE_MAX_CHARS):
        flag(
            "evidence",
            evidence,
            f"evidence is a short phrase (at most {EVIDENCE_MAX_WORDS} words, {EVIDENCE_MAX_CHARS} characters): "
            "the fact, not a copied passage",
        )
    if evidence_url:
        if not evidence_url.startswith(("http://", "https://")):
            flag("evidence_url", evidence_url, "not an http(s) URL")
        elif evidence_url == source_url:
            flag("evidence_url", evidence_url, "the source's own URL: leave evidence_url empty")
    if independent:
        if independent == source_id:
            flag("independent", independent, "the independent source must be a second source, not the row's own")
        elif src is None or independent not in src.index:
            flag("independent", independent, "unknown source_id: no row in sources.csv")
        elif not str(src.loc[independent].get("url") or "").strip():
            flag("independent", independent, "an independent source needs a URL in sources.csv")


def _require_later_status(sites: pd.DataFrame, versions: list[Version], problems: list[Problem]) -> None:
    """Every site planned or under construction in 2019 has a later status row; every site
    added since 2019 has a later status found in a source (its only status)."""
    covered = {v.subject for v in versions if v.field == "status"}
    found = {v.subject for v in versions if v.field == "status" and v.found}
    since = sites["since_2019"] if "since_2019" in sites.columns else pd.Series(False, index=sites.index)
    for sid in sites.loc[since.astype(bool).to_numpy(), "site_id"]:
        if sid not in found:
            problems.append(
                Problem(
                    HISTORY_FILE,
                    "",
                    "subject",
                    sid,
                    "was added since 2019 but has no later status with a source: add its status, as-of date "
                    "and source (a new site has no archive status to fall back on)",
                )
            )
    for sid, status in zip(sites["site_id"], sites.get("status", [""] * len(sites)), strict=True):
        if status in UNFINISHED and sid not in covered:
            problems.append(
                Problem(
                    HISTORY_FILE,
                    "",
                    "subject",
                    sid,
                    f"was {status} in {ARCHIVE_YEAR} but has no later status row: add the later status with "
                    "its source, or a row without a value saying no later report was found and when",
                )
            )


def newest(versions: list[Version]) -> dict[tuple[str, str], Version]:
    """(subject, field) -> the newest later value found (by as-of date, then publication)."""
    out: dict[tuple[str, str], Version] = {}
    for v in versions:
        if not v.found:
            continue
        key = (v.subject, v.field)
        order = (period_end(v.as_of), v.published)
        if key not in out or order > (period_end(out[key].as_of), out[key].published):
            out[key] = v
    return out


def _differs(archive: object, later: object) -> bool:
    if not is_reported(archive):
        return True
    if isinstance(later, float | int) and not isinstance(later, bool):
        try:
            return abs(float(archive) - float(later)) > 1e-9
        except (TypeError, ValueError):
            return True
    return str(archive) != str(later)


def changed_sites(sites: pd.DataFrame, subprojects: pd.DataFrame, versions: list[Version]) -> dict[str, list[str]]:
    """site_id -> the fields whose newest later value differs from the archive's.

    A sub-project's changed status counts for its parent site (as ``subprojects``).
    """
    by_id = sites.set_index("site_id")
    parent = dict(zip(subprojects.get("subproject_id", []), subprojects.get("parent_id", []), strict=True))
    sub_status = dict(zip(subprojects.get("subproject_id", []), subprojects.get("status", []), strict=True))
    out: dict[str, list[str]] = {}
    for (subject, fname), v in newest(versions).items():
        if subject in by_id.index:
            archive = by_id.at[subject, fname] if fname in by_id.columns else None
            if _differs(archive, v.value):
                out.setdefault(subject, []).append(fname)
        elif subject in parent and _differs(sub_status.get(subject), v.value):
            fields = out.setdefault(parent[subject], [])
            if "subprojects" not in fields:
                fields.append("subprojects")
    return out


def view(ds: Dataset, state: str) -> Dataset:
    """The dataset as of ``state``: ``"2019"`` (the archive) or ``"latest"`` (newest values)."""
    if state not in STATES:
        raise ValueError(f"as-of state must be one of {', '.join(STATES)}, not {state!r}")
    if state == "2019":
        return replace(ds, as_of_state=state)
    # The latest view adds the sites opened or begun since 2019 (absent from the archive).
    sites = ds.sites.copy()
    added = ds.new_sites
    if added is not None and len(added) and not sites["site_id"].isin(added["site_id"]).any():
        sites = gpd.GeoDataFrame(pd.concat([sites, added], ignore_index=True), geometry="geometry", crs=ds.sites.crs)
    if not ds.history:
        return replace(ds, sites=sites, as_of_state=state)
    latest = newest(ds.history)
    row_of = {sid: i for i, sid in zip(sites.index, sites["site_id"], strict=True)}
    for fname in {f for s, f in latest if s in row_of}:
        sites[as_of_col(fname)] = ""
    for (subject, fname), v in latest.items():
        if subject not in row_of:
            continue
        i = row_of[subject]
        sites.at[i, fname] = v.value
        sites.at[i, source_col(fname)] = v.source_id
        sites.at[i, note_col(fname)] = (LOWER_BOUND_NOTE + v.note) if v.qualifier == "more_than" else v.note
        sites.at[i, as_of_col(fname)] = v.as_of
    subprojects = ds.subprojects.copy()
    for i, sub in zip(subprojects.index, subprojects.get("subproject_id", []), strict=True):
        v = latest.get((sub, "status"))
        if v is not None:
            subprojects.at[i, "status"] = v.value
    context = ds.city_context
    later_rows = [
        {
            "region": v.subject,
            "metric": v.field,
            "basis": "later",
            "value": float(v.value),
            "unit": "",
            "as_of": v.as_of,
            "source_id": v.source_id,
            "qualifier": v.qualifier,
        }
        for (subject, _), v in latest.items()
        if subject in set(context.get("region", []))
    ]
    if later_rows:
        # The region's names and unit come from its archive rows.
        names = context.drop_duplicates("region").set_index("region")
        extra = pd.DataFrame(later_rows)
        for col in ("region_zh", "region_zh_hant", "unit"):
            if col in context.columns:
                extra[col] = extra["region"].map(names[col])
        columns = [*context.columns, "qualifier"]
        context = pd.concat(
            [context.assign(qualifier=""), extra.reindex(columns=columns, fill_value="")], ignore_index=True
        )
        context["value"] = context["value"].astype("Float64")
    return replace(ds, sites=sites, subprojects=subprojects, city_context=context, as_of_state=state)


def as_of_col(name: str) -> str:
    """The column holding a later value's as-of date (empty for archive values)."""
    return f"{name}_as_of"


def site_history(ds: Dataset, site_id: str) -> list[dict]:
    """A site's figures that have later rows: the archive value first, then each later one.

    Each dict: field, value, qualifier, as_of, source_id, note, archive (bool). The
    sub-projects' later statuses follow, with their own subject.
    """
    base = (ds.archive_sites if ds.archive_sites is not None else ds.sites).set_index("site_id")
    rows: list[dict] = []
    subs = set(ds.subprojects.loc[ds.subprojects["parent_id"] == site_id, "subproject_id"])
    mine = [v for v in ds.history if v.subject == site_id or v.subject in subs]
    fields = list(dict.fromkeys((v.subject, v.field) for v in mine))
    for subject, fname in fields:
        if subject == site_id and site_id in base.index and fname in base.columns:
            value = base.at[site_id, fname]
            if is_reported(value):
                rows.append(
                    {
                        "subject": subject,
                        "field": fname,
                        "value": value,
                        "qualifier": "",
                        "as_of": _source_as_of(ds, base.at[site_id, source_col(fname)]),
                        "source_id": base.at[site_id, source_col(fname)],
                        "note": base.at[site_id, note_col(fname)] if note_col(fname) in base.columns else "",
                        "archive": True,
                    }
                )
        later = sorted(
            (v for v in mine if (v.subject, v.field) == (subject, fname)),
            key=lambda v: (period_end(v.as_of), v.published),
        )
        rows.extend(
            {
                "subject": v.subject,
                "field": v.field,
                "value": v.value,
                "qualifier": v.qualifier,
                "as_of": v.as_of,
                "source_id": v.source_id,
                "note": v.note,
                "archive": False,
            }
            for v in later
        )
    return rows


def _source_as_of(ds: Dataset, source_id: str) -> str:
    hit = ds.sources.loc[ds.sources["source_id"] == source_id, "as_of"]
    return str(hit.iloc[0]) if len(hit) else str(ARCHIVE_YEAR)


def counts(versions: list[Version]) -> tuple[int, int, int]:
    """(later values, of them as of 2020 or after, searches that found nothing)."""
    found = [v for v in versions if v.found]
    return len(found), sum(1 for v in found if int(v.as_of[:4]) > ARCHIVE_YEAR), len(versions) - len(found)
