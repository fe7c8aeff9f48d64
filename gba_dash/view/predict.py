"""What the browser needs to apply a filter change itself, before the server's run.

A filter change reruns the map panel on the server, and Streamlit's frontend re-renders it
before the map gets its new layers: 2-3x the time a bare map takes (bench/README.md). So
the page also filters in the browser: ``gba_dash/ui/browser/predictor.js`` reads the filter widgets
as the reader changes them, applies the same rules as ``filters.apply_filters`` to the
records built here, and shows or hides the sites the map already holds (every site is on
the map's layers, those filtered out kept off; ``map.sites.layer_data(shown=...)``). The
server's run follows as before and is the truth: it redraws the layers with its own result.

The two implementations are kept equal by a test that runs the JavaScript under Node on the
same states as ``apply_filters`` (tests/test_predict.py). Where the JavaScript cannot be
sure to agree (a search text whose case folding differs between Python and JavaScript), it
predicts nothing and the map waits for the server.
"""

from __future__ import annotations

import math

import pandas as pd

from ..read.schema import split_list
from .filters import RANGE_FIELDS, FilterState, _years


def _number(value) -> float | None:
    if value is None or value is pd.NA:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def records(sites: pd.DataFrame) -> list[dict]:
    """One small record per site with exactly what ``apply_filters`` reads, in the sites' order."""
    # The same values apply_filters reads: the search text is built by the same f-string
    # (filters._search_hit) and case-folded here, so the browser only folds the needle.
    changed = sites["changed_since_2019"].astype(bool) if "changed_since_2019" in sites.columns else None
    out = []
    for i, (_, row) in enumerate(sites.iterrows()):
        out.append(
            {
                "id": str(row["site_id"]),
                "category": str(row["category"]),
                "city": str(row["city"]),
                "focus": split_list(row["focus_areas"]),
                "hay": f"{row['name_en']} {row['name_zh']} {row['site_id']}".casefold(),
                **{name: _number(row[name]) for name in RANGE_FIELDS},
                "years": _years(row),
                "changed": bool(changed.iloc[i]) if changed is not None else False,
            }
        )
    return out


def state_json(state: FilterState) -> dict:
    """A filter state in the shape ``predictor.js`` reads the widgets into."""
    return {
        "categories": list(state.categories),
        "cities": list(state.cities),
        "focus": list(state.focus),
        "q": state.q,
        **{name: list(getattr(state, name)) if getattr(state, name) is not None else None for name in RANGE_FIELDS},
        "years": list(state.years) if state.years is not None else None,
        "keep": state.keep_not_reported,
        "changed": state.changed,
    }


def labels(options: list[str], label_of) -> dict[str, str | None]:
    """A multiselect's shown label -> its value; a label two options share maps to None
    (the browser cannot tell which one a chip means, so it predicts nothing)."""
    out: dict[str, str | None] = {}
    for option in options:
        text = label_of(option)
        out[text] = None if text in out else option
    return out
