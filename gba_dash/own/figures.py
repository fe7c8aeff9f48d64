"""A researcher's own figures for the curated sites: patents, papers, funding, ...

A CSV (any delimiter, UTF-8/GB18030/Big5) or Excel sheet with one row per site, keyed by
``site_id`` or by the site's English or Chinese name (matched ignoring case, full-width
forms and spacing), and one or more numeric columns. Each numeric column becomes a metric
of the comparison chart, a ratio per km² and a table column, labelled as the reader's own
("your data"). Rows that match no site are listed, never dropped in silence. No streamlit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from ..read.fields import Field
from ..read.load import csv_rows
from ..read.schema import DataError, Problem
from ..words.i18n import Phrase
from . import formats
from .classes import numeric

PREFIX = "own:"
KEY_NAMES = ("site_id", "name_en", "name", "名称", "名稱", "name_zh", "name_zh_hant", "site")
MAX_ROWS = 10_000
# A table of 10,000 sites' figures is well under this; the uploader refuses more.
MAX_FIGURES_BYTES = 5 * 1024 * 1024
# The columns of the sites frame that a row's key is matched against.
FIGURE_KEYS = ("site_id", "name_en", "name_zh", "name_zh_hant")


@dataclass(frozen=True)
class OwnFigures:
    """Values by site (index ``site_id``, one float column per metric) and what did not match."""

    name: str
    values: pd.DataFrame
    unmatched: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(PREFIX + c for c in self.values.columns)

    def pairs(self, metric: str) -> tuple[tuple[str, float], ...]:
        """(site_id, value) of one metric, hashable (a cache key)."""
        column = self.values[metric.removeprefix(PREFIX)]
        return tuple((sid, float(v)) for sid, v in column.dropna().items())


def own_field(metric: str) -> Field:
    """The field-table entry of an own metric: labelled as the reader's, on every table."""
    column = metric.removeprefix(PREFIX)
    return Field(
        metric,
        f"{column} (your data)",
        f"{column}（你的数据）",
        f"{column}（你的資料）",
        "float",
        "",
        "Your own figure, not verified by this project.",
        ("science_cities", "ai_parks", "facilities", "checkpoints", "context"),
        sourced=False,
        metric=True,
    )


def normalise(text: str) -> str:
    """For matching names: full-width to half-width, case folded, spacing collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(text))).strip().casefold()


def read_figures(data: bytes, filename: str, sites: pd.DataFrame) -> OwnFigures:
    """Parse the upload; raise DataError naming every problem."""
    if len(data) > MAX_FIGURES_BYTES:
        raise DataError(
            [Problem(filename, "", "", "", f"file is {len(data):,} bytes; the limit is {MAX_FIGURES_BYTES:,}")]
        )
    problems: list[Problem] = []
    notes: list[str] = []
    lowered = filename.lower()
    rows: list[list[str]] | None = None
    if lowered.endswith(formats.TEXT_SUFFIXES):
        decoded = formats.decode_text(data, filename, problems)
        if decoded is not None:
            delimiter = formats.sniff_delimiter(decoded.text)
            notes.append(Phrase("own_note_encoding", encoding=decoded.encoding))
            rows = csv_rows(decoded.text, filename, problems, delimiter=delimiter)
    elif lowered.endswith(formats.TABLE_SUFFIXES):
        frame = formats.read_vector(data, filename, problems)
        if frame is not None:
            text = frame.astype(object).where(frame.notna(), "").astype(str)
            rows = [[str(c) for c in frame.columns], *text.to_numpy().tolist()]
    else:
        problems.append(Problem(filename, "", "", "", "own figures are a .csv, .tsv, .txt or .xlsx table"))
    if problems or rows is None:
        raise DataError(problems)
    if not rows or not any(c.strip() for c in rows[0]):
        raise DataError([Problem(filename, "line 1", "", "", "missing header row")])
    header = [h.strip() for h in rows[0]]
    seen: dict[str, int] = {}
    for i, column in enumerate(header, start=1):
        if column and column in seen:
            problems.append(
                Problem(
                    filename,
                    "line 1",
                    column,
                    "",
                    f"the header names this column twice (columns {seen[column]} and {i})",
                )
            )
        seen.setdefault(column, i)
    if problems:
        raise DataError(problems)
    body = [r for r in rows[1:] if any(c.strip() for c in r)]
    if len(body) > MAX_ROWS:
        raise DataError([Problem(filename, "", "", "", f"{len(body):,} rows; the limit is {MAX_ROWS:,}")])
    lower = {h.casefold(): i for i, h in enumerate(header)}
    key = next((lower[k] for k in KEY_NAMES if k in lower), None)
    if key is None:
        raise DataError([Problem(filename, "line 1", "", "", "no key column: name one site_id, name_en, name or 名称")])
    lookup: dict[str, str] = {}
    for column in FIGURE_KEYS:
        for sid, value in zip(sites["site_id"], sites[column], strict=True):
            lookup.setdefault(normalise(value), sid)
    matched: dict[str, int] = {}
    unmatched: list[str] = []
    keep_rows: list[tuple[str, list[str]]] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            problems.append(
                Problem(filename, f"line {number}", "", "", f"{len(row)} cells where the header has {len(header)}")
            )
            continue
        sid = lookup.get(normalise(row[key]))
        if sid is None:
            unmatched.append(f"line {number}: {row[key]!r}")
            continue
        if sid in matched:
            problems.append(
                Problem(
                    filename, f"line {number}", header[key], row[key], f"second row for {sid} (line {matched[sid]})"
                )
            )
            continue
        matched[sid] = number
        keep_rows.append((sid, row))
    if problems:
        raise DataError(problems)
    table = pd.DataFrame([r for _, r in keep_rows], columns=header, index=[sid for sid, _ in keep_rows])
    values = {}
    for i, column in enumerate(header):
        if i == key or column in ("name_en", "name_zh", "name_zh_hant", "site_id", "name", "名称", "名稱"):
            continue
        parsed = numeric(table[column])
        filled = table[column].str.strip() != ""
        if filled.any() and parsed[filled].notna().all():
            values[column] = parsed
        elif filled.any():
            notes.append(Phrase("own_note_not_numbers", column=repr(column)))
    if not values:
        raise DataError([Problem(filename, "", "", "", "no numeric column to compare (every value a number or empty)")])
    frame = pd.DataFrame(values, index=pd.Index(table.index, name="site_id"))
    return OwnFigures(name=filename, values=frame, unmatched=tuple(unmatched), notes=tuple(notes))
