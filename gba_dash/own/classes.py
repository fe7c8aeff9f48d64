"""Classes for a choropleth of a researcher's polygons: quantiles or natural breaks.

A value column becomes ``k`` classes; each polygon gets its class's colour from a
colour-blind-safe sequential palette (viridis, light to dark). A polygon whose value is
missing or not a number is "no value" (grey), never zero. Pure functions, no streamlit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

SCHEMES = ("quantiles", "natural_breaks")
# viridis at five steps, light to dark: ordered for lightness, readable with any of the
# common colour-vision deficiencies and in greyscale.
PALETTE = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
NO_VALUE = "#bdbdbd"
K = len(PALETTE)


@dataclass(frozen=True)
class Classes:
    """Upper bounds of each class (the last is the maximum), and the lowest value."""

    low: float
    uppers: tuple[float, ...]
    scheme: str

    def index(self, value: float | None) -> int | None:
        """The class of ``value`` (0-based), or None for no value."""
        if value is None or not math.isfinite(value):
            return None
        for i, upper in enumerate(self.uppers):
            if value <= upper:
                return i
        return len(self.uppers) - 1

    def colour(self, value: float | None) -> str:
        i = self.index(value)
        if i is None:
            return NO_VALUE
        # Fewer classes than colours: spread them over the palette's range.
        step = (len(PALETTE) - 1) / max(len(self.uppers) - 1, 1)
        return PALETTE[round(i * step)]

    def bounds(self) -> list[tuple[float, float]]:
        """(lower, upper) of each class, for the legend."""
        lows = [self.low, *self.uppers[:-1]]
        return list(zip(lows, self.uppers, strict=True))


def numeric(series: pd.Series) -> pd.Series:
    """The values as floats; text, empty and non-finite cells become NaN ("no value")."""
    values = pd.to_numeric(series, errors="coerce").astype(float)
    return values.where(np.isfinite(values))


def numeric_columns(frame: pd.DataFrame, *, min_share: float = 0.5) -> list[str]:
    """Columns worth mapping: at least ``min_share`` of their cells are numbers."""
    out = []
    for column in frame.columns:
        if column == "geometry":
            continue
        values = numeric(frame[column])
        if len(values) and values.notna().mean() >= min_share and values.nunique() > 1:
            out.append(str(column))
    return out


def classify(values: pd.Series, scheme: str = "quantiles", k: int = K) -> Classes | None:
    """``k`` classes of the finite values (fewer when there are fewer distinct values)."""
    if scheme not in SCHEMES:
        raise ValueError(f"scheme must be one of {', '.join(SCHEMES)}, not {scheme!r}")
    data = np.sort(numeric(values).dropna().to_numpy())
    if not len(data):
        return None
    distinct = np.unique(data)
    k = max(1, min(k, len(distinct)))
    if scheme == "quantiles":
        uppers = [float(np.quantile(data, (i + 1) / k, method="inverted_cdf")) for i in range(k)]
    else:
        uppers = _jenks(data, k)
    uppers = sorted(set(uppers))
    uppers[-1] = float(data[-1])
    return Classes(low=float(data[0]), uppers=tuple(uppers), scheme=scheme)


def _jenks(data: np.ndarray, k: int) -> list[float]:
    """Fisher–Jenks natural breaks: the split of sorted ``data`` into ``k`` runs with the
    least total within-class squared deviation (exact dynamic programme, O(k·n²) done as
    O(k·n) vector steps; a layer of more than 1,000 values is sampled evenly first)."""
    data = np.sort(data)
    if len(data) > 1000:
        data = data[np.linspace(0, len(data) - 1, 1000).round().astype(int)]
    n = len(data)
    csum = np.concatenate([[0.0], np.cumsum(data)])
    csq = np.concatenate([[0.0], np.cumsum(data * data)])
    best = np.full((k + 1, n + 1), np.inf)
    cut = np.zeros((k + 1, n + 1), dtype=int)
    best[0, 0] = 0.0
    for c in range(1, k + 1):
        for j in range(c, n + 1):
            i = np.arange(c - 1, j)
            s = csum[j] - csum[i]
            total = best[c - 1, i] + (csq[j] - csq[i]) - s * s / (j - i)
            pick = int(np.argmin(total))
            best[c, j], cut[c, j] = total[pick], i[pick]
    uppers, j = [], n
    for c in range(k, 0, -1):
        uppers.append(float(data[j - 1]))
        j = cut[c, j]
    return sorted(uppers)
