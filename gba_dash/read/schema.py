"""Validation vocabulary: a Problem names file, place, field and value; DataError holds them.

Validators collect every problem they find instead of stopping at the first, so one run of
``gba-dash check`` lists everything wrong with a data directory.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from .fields import Field

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
AS_OF = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
YEAR_RANGE = (1900, 2100)
_MAX_VALUE_SHOWN = 80


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, precise enough to find and fix it."""

    file: str
    where: str
    field: str
    value: object
    message: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.where:
            parts.append(self.where)
        if self.field:
            parts.append(f"field {self.field!r}")
        if self.value not in ("", None):
            parts.append(f"value {_short(self.value)!r}")
        return ": ".join(parts) + f": {self.message}"


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= _MAX_VALUE_SHOWN else text[: _MAX_VALUE_SHOWN - 1] + "…"


MAX_SHOWN_PER_KIND = 20
MAX_SHOWN = 200


def summarise(problems: list[Problem], *, per_kind: int = MAX_SHOWN_PER_KIND, most: int = MAX_SHOWN) -> list[str]:
    """The problems as lines to show: at most ``per_kind`` of one kind (file, field, message)
    and ``most`` in all, each cut followed by a line saying how many more there are.

    A million rows with the same fault is one fault: it should read as a few examples and a
    count, not 100 MB of lines.
    """
    lines: list[str] = []
    counts: dict[tuple, int] = {}
    hidden: dict[tuple, int] = {}
    for problem in problems:
        kind = (problem.file, problem.field, problem.message.split(":")[0])
        counts[kind] = counts.get(kind, 0) + 1
        if counts[kind] > per_kind or len(lines) >= most:
            hidden[kind] = hidden.get(kind, 0) + 1
            continue
        lines.append(str(problem))
    for (file, field, message), n in hidden.items():
        what = f"{file}: " + (f"field {field!r}: " if field else "") + message
        lines.append(f"{what}: and {n:,} more like this")
    return lines


class DataError(Exception):
    """Raised when data cannot be loaded; ``problems`` lists every problem found.

    ``summary()`` is what to show a person (capped per kind); the message is that summary.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(self.summary()) or "invalid data")

    def summary(self) -> list[str]:
        return summarise(self.problems)


def row_where(index: int) -> str:
    """CSV row as a person counts it in an editor: the header is line 1."""
    return f"line {index + 2}"


def parse_value(field: Field, raw: str) -> tuple[object, str | None]:
    """Parse one cell for ``field``. Returns (value, error message or None); '' is None."""
    text = raw.strip()
    if text == "":
        return None, None
    if field.kind == "int":
        try:
            value = int(text)
        except ValueError:
            return None, "not a whole number"
        return (value, None) if value >= 0 else (None, "must not be negative")
    if field.kind == "float":
        try:
            value = float(text)
        except ValueError:
            return None, "not a number"
        if not math.isfinite(value) or value < 0:
            return None, "must be a finite number, not negative"
        return value, None
    if field.kind == "year":
        if not re.fullmatch(r"\d{4}", text):
            return None, "not a four-digit year"
        value = int(text)
        lo, hi = YEAR_RANGE
        return (value, None) if lo <= value <= hi else (None, f"year outside {lo}–{hi}")
    if field.kind == "enum":
        if text not in field.choices:
            return None, f"not one of {', '.join(field.choices)}"
        return text, None
    if field.kind == "list":
        items = [item.strip() for item in text.split(";")]
        if any(not item for item in items):
            return None, "empty item in a ';'-separated list"
        return "; ".join(items), None
    return text, None


def is_reported(value: object) -> bool:
    """True for a reported value; None, NA, NaN and blank text all mean 'not reported'."""
    if value is None or value is pd.NA or (isinstance(value, str) and not value.strip()):
        return False
    return not (isinstance(value, float) and value != value)


def split_list(value: object) -> list[str]:
    """The items of a ';'-separated list cell ('' or missing gives [])."""
    if not isinstance(value, str) or not value:
        return []
    return [item.strip() for item in value.split(";") if item.strip()]
