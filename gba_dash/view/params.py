"""The view's filter parameters, one declarative table: name in a link, widget, kind, limits.

As ``fields.py`` is for the data's fields (and datasette's ``filters.py`` for its filters),
each entry says once what a filter is called in a link, which widget sets it, what kind of
value it holds, which ``FilterState`` field it fills and, for a range, the step its
slider's ends snap to. The link codec (``share``), the widgets and their clamping
(``ui/state``, ``ui/panels/filters``) and the page's predictor (``ui/browser/predictor``) read it, so
the slider and the link decoder use the same limits: a link made at a slider's end reopens
without a warning. No streamlit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from .filters import YEAR_FIELDS


@dataclass(frozen=True)
class Param:
    """One filter parameter of the view."""

    url: str  # its name in a link
    widget: str  # the key of the widget that sets it
    kind: Literal["list", "text", "range", "flag"]
    field: str  # the FilterState field it fills
    step: float | None = None  # a range slider's step; its full range ends on this grid

    @property
    def integer(self) -> bool:
        return self.field == "years"


FILTER_PARAMS: tuple[Param, ...] = (
    Param("category", "f_category", "list", "categories"),
    Param("city", "f_city", "list", "cities"),
    Param("focus", "f_focus", "list", "focus"),
    Param("q", "f_q", "text", "q"),
    Param("area", "f_area", "range", "area_km2", step=0.5),
    Param("investment", "f_investment", "range", "investment_cny_bn", step=0.1),
    Param("years", "f_years", "range", "years", step=1),
    Param("not_reported", "f_keep", "flag", "keep_not_reported"),
    Param("changed", "f_changed", "flag", "changed"),
)
BY_URL = {p.url: p for p in FILTER_PARAMS}
BY_FIELD = {p.field: p for p in FILTER_PARAMS}
RANGES: tuple[Param, ...] = tuple(p for p in FILTER_PARAMS if p.kind == "range")
WIDGETS = frozenset(p.widget for p in FILTER_PARAMS)


def range_of(sites: pd.DataFrame, param: Param) -> tuple:
    """A range parameter's full range over ``sites`` (see :func:`limits`)."""
    return _year_range(sites) if param.integer else _figure_range(sites, param)


def _figure_range(sites: pd.DataFrame, param: Param) -> tuple[float, float]:
    """Zero to the largest figure, rounded up to the slider's step (a browser's slider snaps
    its end to the step grid: an untouched slider must read as its full range)."""
    values = sites[param.field].dropna() if param.field in sites else pd.Series(dtype=float)
    if not len(values):
        return (0.0, 1.0)
    step = param.step or 1.0
    return (0.0, round(math.ceil(float(values.max()) / step - 1e-9) * step, 6))


def _year_range(sites: pd.DataFrame) -> tuple[int, int]:
    years = pd.concat([sites[f].dropna() for f in YEAR_FIELDS if f in sites] or [pd.Series(dtype=float)])
    return (int(years.min()), int(years.max())) if len(years) else (2000, 2030)


def limits(sites: pd.DataFrame) -> dict[str, tuple]:
    """Each range parameter's full range, by its FilterState field: what its slider spans,
    what reads as "no restriction", and what a link's range is clamped to."""
    return {p.field: range_of(sites, p) for p in RANGES}
