"""The page's scripts in the browser (Streamlit components): the first-view watcher, the
map's shown sites, the filter predictor. Their JavaScript lives in files beside them."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def asset(name: str) -> str:
    """A script or style sheet of this folder, read once from the package (a wheel's too)."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
