"""Which rows of a reader's table are drawn and which are left out, and why.

A table's data rows are read one by one: a row whose coordinates parse and lie in the GBA
box is kept; any other row is left out with its row number and a reason, listed to the
reader (:func:`left_out_text`) with a CSV of those rows to download (:func:`left_out_csv`),
as kepler.gl loads the good rows of a messy file. A table with no usable row is refused
whole (``layer``), its rows named as :func:`as_problems` says them.

Row numbers are those a spreadsheet shows when it opens the file: the header is row 1, the
first data row row 2; a blank row keeps its number (and is neither drawn nor left out). They
are the numbers of the "line N" in the messages about a refused table. No streamlit.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

import numpy as np
import pandas as pd

from ..read.load import bbox_problem
from ..read.schema import Problem
from ..words.i18n import t
from ..words.text import visible

# How many left-out rows the message names; the download holds them all.
MAX_LISTED = 10
MAX_VALUE_SHOWN = 40
# Why a row was left out: one character a row in ``LeftOut.whys``.
CELLS, LAT, LON = "c", "a", "o"
NOT_FINITE, SWAPPED, INVALID, OUTSIDE = "f", "s", "i", "x"
_PLACE_WHAT = {NOT_FINITE: "own_what_not_finite", SWAPPED: "own_what_swapped", INVALID: "own_what_invalid"}
# A spreadsheet runs a text cell starting with one of these as a formula (OWASP's rule for
# CSV injection, as ``publish.export`` applies it to the curated exports).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, eq=False)
class LeftOut:
    """The data rows of a table that were not drawn: their row numbers, why, and their cells.

    Held compactly (an array of row numbers, one character a row for why, the rows' cells as
    one CSV text), not as an object a row: a file of many bad rows then crosses from the
    reading worker to the server, and through the page's cache, as a few buffers."""

    header: tuple[str, ...] = ()
    ilat: int = 0
    ilon: int = 0
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    whys: str = ""
    # The left-out rows' cells, one CSV record each, in the order of ``rows``.
    text: str = ""
    # The data rows read, left out or kept (blank rows aside).
    total: int = 0

    def __len__(self) -> int:
        return len(self.whys)

    def records(self, most: int | None = None) -> Iterator[tuple[int, str, list[str]]]:
        """(row number, why, cells) of the left-out rows, the first ``most`` of them or all."""
        cells = csv.reader(io.StringIO(self.text, newline=""))
        yield from islice(zip(self.rows.tolist(), self.whys, cells, strict=True), most)

    def reasons(self, lang: str = "en") -> list[str]:
        """Every left-out row's reason in ``lang``, in row order."""
        said = _Reasons(self, lang)
        return [said(why, cells) for _, why, cells in self.records()]


class _Reasons:
    """Says why a row was left out, in one language, naming its value: the templates are
    picked once, so a file of many bad rows is said at the cost of a format a row."""

    def __init__(self, left: LeftOut, lang: str):
        self.left = left
        self.roles = {LAT: t("own_role_latitude", lang), LON: t("own_role_longitude", lang)}
        self.what = {k: t(v, lang) for k, v in _PLACE_WHAT.items()} | {OUTSIDE: t("own_what_outside", lang)}
        self.text = {k: t(k, lang) for k in ("own_why_cells", "own_why_empty", "own_why_not_number", "own_why_place")}

    def __call__(self, why: str, cells: list[str]) -> str:
        left = self.left
        if why == CELLS:
            return self.text["own_why_cells"].format(n=len(cells), header=len(left.header))
        if why in (LAT, LON):
            value = cells[left.ilat if why == LAT else left.ilon]
            if not value.strip():
                return self.text["own_why_empty"].format(role=self.roles[why])
            return self.text["own_why_not_number"].format(role=self.roles[why], value=_shown(value))
        lat, lon = _shown(cells[left.ilat]), _shown(cells[left.ilon])
        return self.text["own_why_place"].format(lat=lat, lon=lon, what=self.what.get(why, self.what[OUTSIDE]))


def _shown(value: str) -> str:
    """A cell as the message quotes it: stripped, invisible characters shown, cut short."""
    text = visible(value.strip())
    return text if len(text) <= MAX_VALUE_SHOWN else text[: MAX_VALUE_SHOWN - 1] + "…"


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def place_why(lon: float, lat: float) -> str | None:
    """Why a point is not drawn (a code of ``LeftOut.whys``), or None when it lies in the GBA box."""
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return NOT_FINITE
    hint = bbox_problem(lon, lat, lon, lat)
    if hint is None:
        return None
    if hint.startswith("latitude and longitude look swapped"):
        return SWAPPED
    return INVALID if hint.startswith("not a valid") else OUTSIDE


def keep_rows(
    header: list[str], body: list[list[str]], *, ilat: int, ilon: int, iname: int | None = None, first: int = 2
) -> tuple[pd.DataFrame, LeftOut]:
    """The rows of ``body`` to draw (a frame of lon, lat, name) and the rest, left out with why.

    ``body`` is the data rows as text cells, the first of them row ``first`` (the header
    is row 1). A row is kept when it has as many cells as the header and its latitude and
    longitude are numbers that lie in the GBA box."""
    lons, lats, names = [], [], []
    numbers, whys, cells = [], [], []
    total = 0
    for number, row in enumerate(body, start=first):
        if not any(c.strip() for c in row):
            continue
        total += 1
        if len(row) != len(header):
            why = CELLS
        else:
            lat, lon = _number(row[ilat]), _number(row[ilon])
            why = (LAT if lat is None else LON) if lat is None or lon is None else place_why(lon, lat)
        if why is not None:
            numbers.append(number)
            whys.append(why)
            cells.append(row)
            continue
        lons.append(lon)
        lats.append(lat)
        names.append(row[iname].strip() if iname is not None else "")
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(cells)
    left = LeftOut(
        header=tuple(header),
        ilat=ilat,
        ilon=ilon,
        rows=np.array(numbers, dtype=np.int64),
        whys="".join(whys),
        text=text.getvalue(),
        total=total,
    )
    return pd.DataFrame({"lon": lons, "lat": lats, "name": names}), left


def as_problems(left: LeftOut, name: str) -> list[Problem]:
    """The left-out rows as the problems of a refused table (no row was usable): "line N",
    the column and its value, in the words of every other message about a table."""
    header, lat_col, lon_col = left.header, left.header[left.ilat], left.header[left.ilon]
    problems = []
    for row, why, cells in left.records():
        where = f"line {row}"
        if why == CELLS:
            problems.append(Problem(name, where, "", "", f"{len(cells)} cells where the header has {len(header)}"))
        elif why in (LAT, LON):
            col = lat_col if why == LAT else lon_col
            problems.append(Problem(name, where, col, cells[header.index(col)], "not a number"))
        else:
            lat, lon = cells[left.ilat], cells[left.ilon]
            x, y = float(lon), float(lat)
            message = "not a finite number" if why == NOT_FINITE else bbox_problem(x, y, x, y)
            problems.append(Problem(name, where, f"{lat_col},{lon_col}", f"{lat},{lon}", message))
    return problems


def left_out_lines(left: LeftOut, name: str, lang: str, *, most: int = MAX_LISTED) -> tuple[str, list[str]]:
    """The message beside the uploader as a head ("messy.csv: 2 of 7 rows left out:") and
    a line for each of the first ``most`` rows by row number and reason, then how many more."""
    said = _Reasons(left, lang)
    lines = [t("own_left_row", lang, row=f"{row:,}", reason=said(why, cells)) for row, why, cells in left.records(most)]
    if len(left) > most:
        lines.append(t("own_left_more", lang, n=f"{len(left) - most:,}"))
    return t("own_left_head", lang, name=name, n=f"{len(left):,}", total=f"{left.total:,}"), lines


def left_out_text(left: LeftOut, name: str, lang: str, *, most: int = MAX_LISTED) -> str:
    """The message in one sentence ("messy.csv: 2 of 7 rows left out: row 4, ...; row 7, ...")."""
    head, lines = left_out_lines(left, name, lang, most=most)
    return head + t("own_left_sep", lang).join(lines)


def _cell(value: str) -> str:
    """A cell as the download writes it: a text a spreadsheet would run as a formula gets a
    leading ``'``; a number (-22.5) stays a number."""
    return "'" + value if value.startswith(FORMULA_START) and _number(value) is None else value


def left_out_csv(left: LeftOut, lang: str) -> bytes:
    """The left-out rows as CSV (UTF-8 with a BOM, which Excel needs to read it as UTF-8):
    the row number and the reason, then the row's cells under the file's own header. A row
    with more cells than the header keeps them, under no name."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([t("own_col_row", lang), t("own_col_reason", lang), *(_cell(h) for h in left.header)])
    said = _Reasons(left, lang)
    for row, why, cells in left.records():
        reason = _cell(said(why, cells))
        padded = [*cells, *[""] * (len(left.header) - len(cells))]
        writer.writerow([row, reason, *(_cell(c) for c in padded)])
    return buffer.getvalue().encode("utf-8-sig")
