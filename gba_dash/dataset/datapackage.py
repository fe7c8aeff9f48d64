"""``data/datapackage.json``: a Frictionless Data Package of the dataset, built from the field table.

Never written by hand: ``scripts/build_datapackage.py`` writes it from ``fields.py`` (types,
units, labels in three languages, help), the files' own headers (column order) and the top
entry of ``CHANGELOG.md`` (the data version); a test fails when the file drifts from this.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from ..read.fields import ARCHIVE_STATUSES, FIELD_BY_NAME, STATUS_VOCABULARY, TABLES, Field
from ..words.cite import project_authors
from ..words.i18n import STATUS_DEFINITIONS, STATUS_LABELS

DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
_VERSION = re.compile(r"^## (\d{4}\.\d+) \((\d{4}-\d{2}-\d{2})\)", re.M)
_TYPES = {
    "int": "integer",
    "float": "number",
    "year": "integer",
    "list": "string",
    "text": "string",
    "enum": "string",
    "id": "string",
}
# Columns that are not fields of the field table: what they hold.
_OTHER = {
    "site_id": ("string", "Site id, the join key to sites.geojson"),
    "source_id": (
        "string",
        "Source of the row's figures (sources.csv); a figure_sources.csv row overrides it per figure",
    ),
    "subproject_id": ("string", "Sub-project id"),
    "parent_id": ("string", "The site this sub-project belongs to (sites.geojson)"),
    "name_en": ("string", "Name in English"),
    "name_zh": ("string", "Name in Simplified Chinese"),
    "name_zh_hant": ("string", "Name in Traditional Chinese"),
    "kind": ("string", "Kind of sub-project"),
    "status": ("string", "Development status as reported"),
    "region": ("string", "Region (province or city), in English"),
    "region_zh": ("string", "Region in Simplified Chinese"),
    "region_zh_hant": ("string", "Region in Traditional Chinese"),
    "metric": ("string", "What the value counts"),
    "basis": ("string", "reported, or expected by a date"),
    "value": ("number", "The figure"),
    "unit": ("string", "Unit of the value"),
    "as_of": ("string", "As-of date: YYYY, YYYY-MM or YYYY-MM-DD"),
    "title": ("string", "Title"),
    "publisher": ("string", "Publisher"),
    "published": ("string", "Publication date"),
    "confidence": ("string", "high, med or low"),
    "url": ("string", "Where the source can be read"),
    "summary": ("string", "Summary in this project's own words"),
    "story_id": ("string", "Story id"),
    "date": ("string", "Date of the story"),
    "site_ids": ("string", "Sites the story is about, semicolon-separated"),
    "table": ("string", "Attribute table the figure is in"),
    "field": ("string", "Field the source is for"),
    "note": ("string", "Why this figure has its own source"),
}


def data_version(changelog: Path) -> tuple[str, str]:
    """(version, release date) from the top entry of CHANGELOG.md."""
    match = _VERSION.search(changelog.read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f"{changelog}: no '## YEAR.N (YYYY-MM-DD)' entry")
    return match.group(1), match.group(2)


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh))


_HISTORY_COLUMNS = {
    "subject": ("string", "A site_id, a subproject_id or a region of city_context.csv"),
    "field": ("string", "The field (or city_context metric) the later value is for"),
    "value": (
        "string",
        "The later value, typed as its field (a number, a year, or a status of the vocabulary in "
        "gba:status_vocabulary); empty: none found",
    ),
    "qualifier": ("string", "Empty, or more_than for a lower bound"),
    "as_of": ("string", "As-of date of the later value (after 2019): YYYY, YYYY-MM or YYYY-MM-DD"),
    "source_id": ("string", "Source of the later value (sources.csv, with its URL)"),
    "note": ("string", "What the source says, where sources disagree, or what a search did not find"),
    "checked_on": ("date", "When the row was last checked in its source (for a row without a value: the search)"),
    "evidence": (
        "string",
        "The figure as the source states it, in the source's own language: a phrase of at most 12 words "
        "(two Chinese characters count as a word), the fact, not a copied passage",
    ),
    "evidence_url": ("string", "Where the evidence was read, when that is not the source's own URL"),
    "independent": ("string", "A second source (sources.csv) that gives the same value, or empty when none was found"),
}


_POSITION_COLUMNS = {
    "site_id": ("string", "The site (sites.geojson) whose position the reference is for"),
    "reference": ("integer", "The reference's number for its site"),
    "source": ("string", "Who says it: the publisher and the page, article or dataset"),
    "url": ("string", "Where it was read (a mirror is named as one); empty when the search showed none"),
    "lat": ("number", "Latitude (WGS-84) as the reference gives it; empty when it gives only an address or landmark"),
    "lon": ("number", "Longitude (WGS-84) as the reference gives it; empty as lat"),
    "locates": (
        "string",
        "What the reference locates: site (the site itself), other_side (the other side of a border crossing), "
        "landmark (something nearby), area (a wider district or zone), other_campus, or address (no coordinate)",
    ),
    "distance_m": ("integer", "Great-circle distance of the coordinate from the point drawn for the site"),
    "says": ("string", "What the reference says of the place, in our words"),
    "checked_on": ("date", "When the reference was read"),
}


def _three(entry: tuple[str, str, str]) -> dict[str, str]:
    """An (en, zh, zh-Hant) entry keyed by BCP 47 tags."""
    return dict(zip(("en", "zh-Hans", "zh-Hant"), entry, strict=True))


def status_vocabulary(statuses: tuple[str, ...] = STATUS_VOCABULARY) -> list[dict]:
    """Statuses, each with its labels and definition in three languages."""
    return [
        {"value": v, "label": _three(STATUS_LABELS[v]), "definition": _three(STATUS_DEFINITIONS[v])} for v in statuses
    ]


def _field(name: str, overrides: dict[str, tuple[str, str]] | None = None) -> dict:
    f: Field | None = FIELD_BY_NAME.get(name)
    if overrides and name in overrides:
        kind, description = overrides[name]
        return {"name": name, "type": kind, "description": description}
    if f is not None:
        out = {
            "name": name,
            "type": _TYPES[f.kind],
            "title": f.label_en,
            "description": f.help or f.label_en,
            "gba:label_zh": f.label_zh,
            "gba:label_zh_hant": f.label_zh_hant,
        }
        if f.unit:
            out["gba:unit"] = f.unit
        if f.choices:
            out["constraints"] = {"enum": list(f.choices)}
            if set(f.choices) <= set(STATUS_LABELS):
                out["gba:enum_defined_in"] = "gba:status_vocabulary and gba:archive_status_words"
        return out
    kind, description = _OTHER[name]
    return {"name": name, "type": kind, "description": description}


def _csv(
    data_dir: Path,
    stem: str,
    *,
    description: str,
    key: list[str],
    foreign: list[tuple[str, str, str]],
    overrides: dict[str, tuple[str, str]] | None = None,
) -> dict:
    fields = [_field(c, overrides) for c in _header(data_dir / f"{stem}.csv")]
    schema: dict = {"fields": fields, "missingValues": [""]}
    if key:
        schema["primaryKey"] = key
    if foreign:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": resource, "fields": target}}
            for column, resource, target in foreign
        ]
    return {
        "name": stem.replace("_", "-"),
        "path": f"{stem}.csv",
        "format": "csv",
        "encoding": "utf-8",
        "description": description,
        "schema": schema,
    }


def build(data_dir: Path, changelog: Path) -> dict:
    version, released = data_version(changelog)
    resources = [
        {
            "name": "sites",
            "path": "sites.geojson",
            "format": "geojson",
            "mediatype": "application/geo+json",
            "description": "One feature per site (WGS-84): names in three languages, category, city, geometry and "
            "how certain its position is. The join key is site_id. added_in is the data version that added the "
            "site; since_2019 is true for a site opened or begun after the 2019 archive, which is absent from the "
            "2019 archive view and whose figures are all later values (figure_history.csv).",
        },
    ]
    for table, categories in TABLES.items():
        resources.append(
            _csv(
                data_dir,
                table,
                description=f"Attributes of the {', '.join(categories)} sites: "
                "one row per site, each figure with its source.",
                key=["site_id"],
                foreign=[("source_id", "sources", "source_id")],
            )
        )
    resources += [
        _csv(
            data_dir,
            "sources",
            description="Every source: title, publisher, dates, confidence, URL, summary.",
            key=["source_id"],
            foreign=[],
        ),
        _csv(
            data_dir,
            "figure_sources",
            description="Per-figure sources where one row's figures come from several sources.",
            key=["table", "site_id", "field"],
            foreign=[("source_id", "sources", "source_id")],
        ),
        _csv(
            data_dir,
            "subprojects",
            description="Sub-projects inside a site that cannot be located on their own.",
            key=["subproject_id"],
            foreign=[("source_id", "sources", "source_id")],
        ),
        _csv(
            data_dir,
            "city_context",
            description="City and province context figures (5G base stations).",
            key=[],
            foreign=[("source_id", "sources", "source_id")],
        ),
        _csv(
            data_dir, "stories", description="News stories about the sites, summarised.", key=["story_id"], foreign=[]
        ),
        _csv(
            data_dir,
            "figure_history",
            description="Later values beside the 2019 archive, one row per (subject, field, as-of date, source): "
            "a site's figure, status or opening year, a sub-project's status, or a region's 5G count. The archive "
            "tables are never edited; a row without a value records a search that found no later report.",
            key=["subject", "field", "as_of", "source_id"],
            foreign=[],
            overrides=_HISTORY_COLUMNS,
        ),
        _csv(
            data_dir,
            "positions",
            description="The references behind every site's position: what each locates and, for a coordinate, its "
            "distance from the point drawn. A position's confidence and radius follow from them (data/README.md).",
            key=["site_id", "reference"],
            foreign=[],
            overrides=_POSITION_COLUMNS,
        ),
        {
            "name": "basemap",
            "path": "basemap_natural_earth_10m.geojson",
            "format": "geojson",
            "mediatype": "application/geo+json",
            "description": "Offline basemap: land, lakes, coast and boundaries.",
            "licenses": [
                {
                    "name": "public-domain",
                    "title": "Natural Earth: public domain",
                    "path": "https://www.naturalearthdata.com/about/terms-of-use/",
                }
            ],
        },
        {
            "name": "places",
            "path": "places.geojson",
            "format": "geojson",
            "mediatype": "application/geo+json",
            "description": "Place names for the map labels, from GeoNames, with curated Chinese names.",
            "licenses": [
                {
                    "name": "CC-BY-4.0",
                    "title": "GeoNames: Creative Commons Attribution 4.0",
                    "path": "https://www.geonames.org/",
                }
            ],
        },
    ]
    return {
        "profile": "data-package",
        "name": "gba-science-build-out",
        "title": "Greater Bay Area science build-out",
        "description": "The four science cities of the Guangdong-Hong Kong-Macao Greater Bay Area, the Daya Bay AI "
        "park, the border checkpoints and the facilities inside them, with their figures as reported in 2019 news, "
        "every figure with its source, as-of date and confidence.",
        "version": version,
        "created": f"{released}T00:00:00Z",
        "gba:as_of": "2019",
        "gba:later_values": "figure_history.csv holds values reported after the 2019 archive, each sourced",
        "gba:status_vocabulary": status_vocabulary(),
        "gba:archive_status_words": status_vocabulary(ARCHIVE_STATUSES),
        "licenses": [DATA_LICENCE],
        # The authors CITATION.cff names, as the citations do.
        "contributors": [{"title": a.display, "role": "author"} for a in project_authors()],
        "keywords": ["Greater Bay Area", "science city", "Guangdong", "Hong Kong", "Macao", "GeoJSON"],
        "resources": resources,
    }
