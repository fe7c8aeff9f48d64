"""Filters are a value: a frozen FilterState, one apply_filters(), and describe().

A numeric range never drops a site silently because its figure is "not reported":
``keep_not_reported`` (on by default) keeps such sites, and describe() says how many were
kept or left out that way.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..read.fields import FIELD_BY_NAME, label
from ..read.schema import split_list
from ..words.i18n import category_plural, city, data_word, fmt_amount, is_zh, t
from ..words.text import visible

YEAR_FIELDS = (
    "year_established",
    "year_plan_approved",
    "year_construction_start",
    "year_completion_target",
    "year_opened",
)
RANGE_FIELDS = ("area_km2", "investment_cny_bn")


@dataclass(frozen=True, kw_only=True)
class FilterState:
    """What the sidebar asks for. Empty tuples and None mean 'no restriction'."""

    categories: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    focus: tuple[str, ...] = ()
    q: str = ""
    area_km2: tuple[float, float] | None = None
    investment_cny_bn: tuple[float, float] | None = None
    years: tuple[int, int] | None = None
    keep_not_reported: bool = True
    # Only sites with a later value that differs from the 2019 archive (history.py).
    changed: bool = False

    def ranges(self) -> dict[str, tuple[float, float]]:
        out = {name: getattr(self, name) for name in RANGE_FIELDS if getattr(self, name) is not None}
        if self.years is not None:
            out["years"] = self.years
        return out


def focus_options(sites: pd.DataFrame) -> list[str]:
    """Every focus area or industry named in the data, sorted."""
    return sorted({item for value in sites["focus_areas"] for item in split_list(value)})


def _years(row: pd.Series) -> list[int]:
    return [int(row[f]) for f in YEAR_FIELDS if f in row and not pd.isna(row[f])]


def _search_hit(row: pd.Series, needle: str) -> bool:
    hay = f"{row['name_en']} {row['name_zh']} {row['site_id']}".casefold()
    return needle.casefold() in hay


def range_masks(sites: pd.DataFrame, state: FilterState) -> tuple[pd.Series, dict[str, pd.Series]]:
    """(rows inside every range, {range name: rows with no figure for it})."""
    inside = pd.Series(True, index=sites.index)
    missing: dict[str, pd.Series] = {}
    for name, (lo, hi) in state.ranges().items():
        if name == "years":
            yrs = sites.apply(_years, axis=1)
            has = yrs.map(bool)
            hit = yrs.map(lambda ys, lo=lo, hi=hi: any(lo <= y <= hi for y in ys))
        else:
            values = sites[name]
            has = values.notna()
            hit = (values >= lo) & (values <= hi)
        has = has.astype(bool)
        hit = hit.fillna(False).astype(bool)
        missing[name] = ~has
        inside &= hit | (~has if state.keep_not_reported else False)
    return inside, missing


def apply_filters(sites: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """The sites that pass every filter, in their original order."""
    mask = pd.Series(True, index=sites.index)
    if state.categories:
        mask &= sites["category"].isin(state.categories)
    if state.cities:
        mask &= sites["city"].isin(state.cities)
    if state.focus:
        wanted = set(state.focus)
        mask &= sites["focus_areas"].map(lambda v: bool(wanted & set(split_list(v))))
    if state.q.strip():
        needle = state.q.strip()
        mask &= sites.apply(lambda row: _search_hit(row, needle), axis=1).astype(bool)
    if state.changed:
        if "changed_since_2019" in sites.columns:
            mask &= sites["changed_since_2019"].astype(bool)
        else:
            mask &= False
    inside, _ = range_masks(sites, state)
    return sites[mask & inside]


def _join(items: list[str], lang: str) -> str:
    if is_zh(lang):
        return "、".join(items)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def describe(
    state: FilterState, shown: int, total: int, *, lang: str, not_reported: dict[str, int] | None = None
) -> str:
    """Read the filters back as one sentence, e.g. '3 of 31 sites: science cities in Shenzhen'."""
    zh = is_zh(lang)
    kinds = (
        _join([category_plural(c, lang) for c in state.categories], lang) if state.categories else t("all_sites", lang)
    )
    if state.cities:
        if zh:
            kinds = t("in_cities", lang, cities="、".join(city(c, lang) for c in state.cities)) + kinds
        else:
            kinds += t("in_cities", lang, cities=", ".join(state.cities))
    parts = [kinds]
    if state.changed:
        parts.append(t("changed_phrase", lang))
    if state.focus:
        parts.append(t("focused_on", lang, items=_join([data_word("focus_areas", f, lang) for f in state.focus], lang)))
    if state.q.strip():
        q = visible(state.q.strip())  # a bidi override in the search text must not reorder the sentence
        parts.append(t("matching", lang, q=q))
    for name, (lo, hi) in state.ranges().items():
        if name == "years":
            parts.append(t("year_in", lang, lo=lo, hi=hi))
        else:
            what = label(name, lang, with_unit=False)
            unit = FIELD_BY_NAME[name].unit
            span = f"{fmt_amount(lo, unit=unit, lang=lang, with_unit=False)}–{fmt_amount(hi, unit=unit, lang=lang)}"
            parts.append(f"{what if zh else what.lower()} {span}")
    text = t("sites_head", lang, shown=shown, total=total) + ("，" if zh else ", ").join(parts)
    if not_reported:
        notes = []
        for name, n in not_reported.items():
            if n:
                kept = state.keep_not_reported
                if name == "years":
                    notes.append(t("nr_kept_year" if kept else "nr_left_year", lang, n=n))
                else:
                    what = label(name, lang, with_unit=False)
                    what = what if zh else _article(what.lower())
                    notes.append(t("nr_kept" if kept else "nr_left", lang, n=n, what=what))
        if notes:
            text += ("（" + "；".join(notes) + "）") if zh else " (" + "; ".join(notes) + ")"
    return text


def not_reported_counts(sites: pd.DataFrame, state: FilterState) -> dict[str, int]:
    """For each active range: how many otherwise-matching sites have no figure for it."""
    base = apply_filters(
        sites,
        FilterState(
            categories=state.categories, cities=state.cities, focus=state.focus, q=state.q, changed=state.changed
        ),
    )
    _, missing = range_masks(base, state)
    return {name: int(m.sum()) for name, m in missing.items()}
