"""A reader's own data: their layer (points, areas, lines) and their figures for the sites.

One entry point each, :func:`read` and :func:`read_figures_of` (and :func:`left_out_file`
for the rows of a table that were left out): the file's bytes go to a
bounded worker process (``bounded``) that parses them (``formats`` for the file formats,
``layer`` for the points and shapes, ``figures`` for a table of figures, ``large`` for a
deployer's layer of millions of points, ``classes`` for a choropleth's classes, ``gcj02``
for coordinates geocoded in China's datum), and the answer is the layer, or
:class:`Problems` naming the file and what is wrong. Nothing here raises on a visitor's
file, and the server never parses one itself. No streamlit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..read.schema import DataError
from . import bounded
from .figures import FIGURE_KEYS, OwnFigures, read_figures
from .layer import OwnLayer, read_layer
from .rows import LeftOut, left_out_csv

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problems:
    """Why a reader's file did not load: one line a problem, each naming the file."""

    lines: tuple[str, ...]

    def __iter__(self):
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)


def _bounded(func, *args, name: str, limits: bounded.Limits | None = None, **kwargs):
    try:
        return bounded.run(func, *args, name=name, limits=limits, **kwargs)
    except DataError as exc:
        return Problems(tuple(str(p) for p in exc.problems))
    except Exception:
        log.exception("reading %s failed", name)
        return Problems((f"{name}: cannot be read; the error is logged on the server",))


def read(
    data: bytes,
    name: str,
    *,
    lat_col: str | None = None,
    lon_col: str | None = None,
    layer: str | None = None,
    gcj02: bool = False,
) -> OwnLayer | Problems:
    """A reader's own layer from an upload's bytes, read in the bounded worker."""
    return _bounded(read_layer, data, name, name=name, lat_col=lat_col, lon_col=lon_col, layer=layer, gcj02=gcj02)


def read_figures_of(data: bytes, name: str, sites: pd.DataFrame) -> OwnFigures | Problems:
    """A reader's own figures for ``sites`` from an upload's bytes, read in the bounded worker."""
    return _bounded(read_figures, data, name, pd.DataFrame(sites[list(FIGURE_KEYS)]), name=name)


def left_out_file(left: LeftOut, lang: str, *, name: str) -> bytes:
    """The rows of ``name`` that were left out, as CSV, written in the bounded worker: their
    cells are the visitor's, and a file of many bad rows takes seconds to write. When that
    fails, a one-line CSV that says why."""
    try:
        return bounded.run(left_out_csv, left, lang, name=name)
    except DataError as exc:
        text = "; ".join(str(p) for p in exc.problems)
    except Exception:
        log.exception("writing the left-out rows of %s failed", name)
        text = f"{name}: the left-out rows cannot be written; the error is logged on the server"
    return ('"' + text.replace('"', '""') + '"\n').encode("utf-8-sig")


# A deployer's very large layer is aggregated in the worker too, with room for its size.
LARGE_LIMITS = bounded.Limits(wall_seconds=300, cpu_seconds=600, memory_bytes=3 * 2**30)


def read_large(path: Path) -> OwnLayer | Problems:
    """A deployer's layer of millions of points, aggregated out of core in the worker."""
    from .large import read_large as aggregate_large

    return _bounded(aggregate_large, Path(path), name=Path(path).name, limits=LARGE_LIMITS)


def quietly(func, *args, name: str) -> list[str]:
    """A list ``func`` returns in the worker, or [] when the file cannot give one (reading
    the file itself then names the problem)."""
    try:
        return list(bounded.run(func, *args, name=name))
    except Exception:
        return []
