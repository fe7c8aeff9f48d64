"""How old a figure is: "as of 2019 · 7 years ago", and whether to mark it possibly outdated.

A reader in 2026 must not take 2019 numbers for today's. The deployer sets the age from
which a figure is flagged (``GBA_DASH_OUTDATED_YEARS``, default 5 years).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .i18n import t

ENV_OUTDATED = "GBA_DASH_OUTDATED_YEARS"
DEFAULT_OUTDATED_YEARS = 5


def outdated_years(environ: Mapping[str, str]) -> tuple[int, str | None]:
    """The threshold in years, and a message naming the variable when its value is unusable."""
    raw = environ.get(ENV_OUTDATED, "").strip()
    if not raw:
        return DEFAULT_OUTDATED_YEARS, None
    if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= 100:
        return int(raw), None
    return DEFAULT_OUTDATED_YEARS, (
        f"{ENV_OUTDATED}={raw[:40]!r} is not a whole number of years from 1 to 100; using {DEFAULT_OUTDATED_YEARS}"
    )


def years_old(as_of: str, today: dt.date) -> int | None:
    """Whole years from an as-of date (YYYY, YYYY-MM or YYYY-MM-DD) to ``today``; None if unreadable."""
    parts = str(as_of).split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 7  # a bare year: its middle
        day = int(parts[2]) if len(parts) > 2 else 1
        when = dt.date(year, month, day)
    except (ValueError, IndexError):
        return None
    years = today.year - when.year - ((today.month, today.day) < (when.month, when.day))
    return max(years, 0)


def age_note(as_of: str, today: dt.date, lang: str, *, threshold: int) -> tuple[str, bool]:
    """("7 years ago", True) for a 2019 figure read in late 2026 with a 5-year threshold."""
    years = years_old(as_of, today)
    if years is None:
        return "", False
    text = t("age_recent", lang) if years < 1 else t("age_years", lang, n=years)
    return text, years >= threshold
