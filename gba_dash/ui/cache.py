"""Every cached builder of the page, keyed on hashable values only.

A data key is ``(data_dir, signature)``: the directory and its files' sizes and mtimes, so
an edited file reloads. Builders that depend on the filter result take the shown site ids
as a tuple, so one filter result is built once and shared by every session.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from .. import own
from ..dataset import Dataset, load_dataset
from ..map.base import static_basemap_url, static_places_url
from ..map.sites import layer_data
from ..map.standalone import standalone_html
from ..map.tiles import TilesConfigError, TileSource, tiles_from_env
from ..own.figures import PREFIX, OwnFigures, own_field
from ..own.formats import MULTI_LAYER, layers_of
from ..own.layer import OwnLayer, aggregate, csv_header, synthetic_layer
from ..publish.export import to_csv, to_geojson
from ..publish.sources import by_publisher, cited_ids, refs
from ..read.history import DEFAULT_STATE, STATES, view
from ..read.load import read_bytes
from ..read.schema import DataError
from ..view.filters import FilterState, apply_filters
from ..view.share import ViewState


def tiles() -> tuple[TileSource | None, str | None]:
    """The deployer's online tile source (``GBA_DASH_TILES``), or None and why it is unusable.

    Read on every run (a dictionary lookup and a regex): a bad setting is shown on the page
    and the map stays offline instead of failing.
    """
    try:
        return tiles_from_env(os.environ), None
    except TilesConfigError as exc:
        return None, str(exc)


def signature(data_dir: Path, asof: str = DEFAULT_STATE) -> tuple:
    """The cache key of the data shown: the directory, every file's size and mtime (so
    edits reload) and, last, the "Data as of" state (``("asof", "latest")``), so every
    cached builder keyed on it draws the figures of that state."""
    return (*_files(data_dir), ("asof", asof if asof in STATES else DEFAULT_STATE))


def _files(data_dir: Path) -> tuple:
    try:
        if not data_dir.is_dir():
            return (str(data_dir),)
        entries = [*data_dir.iterdir(), *(data_dir / "tours").glob("*.json")]
        return (
            str(data_dir),
            *sorted((str(p.relative_to(data_dir)), p.stat().st_size, p.stat().st_mtime_ns) for p in entries),
        )
    except OSError as exc:
        # An unreadable directory (or a file that vanished mid-listing): the loader reports
        # what is wrong; the key only has to differ from a readable state's.
        return (str(data_dir), f"unreadable: {exc.strerror or exc}")


# A resource, not data: every session shares one read-only Dataset per data version.
# st.cache_data would unpickle a private copy on every rerun (about 5 ms, and 0.3 MB held
# by each session until Streamlit drops it). Nothing in the app mutates it.
@st.cache_resource(show_spinner=False, max_entries=4)
def _archive(data_dir: str, files: tuple) -> Dataset | list[str]:
    try:
        return load_dataset(data_dir)
    except DataError as exc:
        return exc.summary()


@st.cache_resource(show_spinner=False, max_entries=8)
def load(data_dir: str, signature: tuple) -> Dataset | list[str]:
    """The dataset as the signature's "Data as of" state shows it (``history.view``)."""
    *files, (_, asof) = signature
    loaded = _archive(data_dir, tuple(files))
    return loaded if isinstance(loaded, list) else view(loaded, asof)


# One frame per (data, filters), shared by every session and never modified: viewers in
# one room ask for the same few filter results, and a boolean take over the wide sites
# frame is a tenth of a rerun's server time (py-spy, bench/README.md).
@st.cache_resource(show_spinner=False, max_entries=256)
def filtered(data_dir: str, signature: tuple, state: FilterState) -> pd.DataFrame:
    """The sites a filter state shows (``filters.apply_filters``), read-only."""
    return apply_filters(load(data_dir, signature).sites, state)


def shown(data_dir: str, signature: tuple, site_ids: tuple[str, ...]) -> tuple[Dataset, pd.DataFrame]:
    """The dataset and the sites a cache key names: what the cached builders below start from."""
    ds = load(data_dir, signature)
    return ds, ds.sites[ds.sites["site_id"].isin(site_ids)]


@st.cache_data(show_spinner=False, max_entries=128)
def site_layer_data(
    data_dir: str, signature: tuple, site_ids: tuple[str, ...], selected: str | None, lang: str
) -> list[dict]:
    """The map's site layers as data (``map.sites.layer_data``), once per filter result: every
    site, those the filters leave out marked off (the page's predictor can show them)."""
    ds = load(data_dir, signature)
    return layer_data(ds.sites, shown=site_ids, selected=selected, lang=lang, mark_changed=ds.as_of_state == "latest")


@st.cache_data(show_spinner=False, max_entries=64)
def export(
    data_dir: str,
    signature: tuple,
    site_ids: tuple[str, ...],
    fmt: str,
    own: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = (),
) -> str:
    """The shown sites as CSV or GeoJSON; ``own`` adds the reader's own figures (only when
    they tick *Include my figures*), each column named as theirs."""
    ds, subset = shown(data_dir, signature, site_ids)
    extra = tuple(f"{metric.removeprefix(PREFIX)} (your data, not verified)" for metric, _ in own)
    for column, (_, pairs) in zip(extra, own, strict=True):
        subset = subset.assign(**{column: subset["site_id"].map(dict(pairs))})
    if fmt == "csv":
        return to_csv(subset, extra=extra, sources=ds.sources)
    return to_geojson(subset, version=ds.version, as_of=ds.as_of_state, extra=extra, sources=ds.sources)


@st.cache_data(show_spinner=False, max_entries=8)
def bundle(
    data_dir: str, signature: tuple, state: FilterState, tour: str | None, lang: str, tiles: TileSource | None
) -> str:
    from ..publish.bundle import build_site

    ds = load(data_dir, signature)
    return build_site(ds, filters=state, tour=ds.tours.get(tour) if tour else None, lang=lang, tiles=tiles)


@st.cache_data(show_spinner=False, max_entries=16)
def map_html(
    data_dir: str,
    signature: tuple,
    site_ids: tuple[str, ...],
    selected: str | None,
    lang: str,
    tiles: TileSource | None,
) -> str:
    ds, subset = shown(data_dir, signature, site_ids)
    return standalone_html(
        ds.basemap,
        subset,
        selected=selected,
        lang=lang,
        places=ds.places,
        tiles=tiles,
        mark_changed=ds.as_of_state == "latest",
        sources=by_publisher(refs(ds.sources, cited_ids(subset))),
        data=to_geojson(subset, version=ds.version, as_of=ds.as_of_state, sources=ds.sources),
    )


@st.cache_data(show_spinner=False, max_entries=4)
def basemap_url(data_dir: str) -> str | None:
    return static_basemap_url(Path(data_dir))


@st.cache_data(show_spinner=False, max_entries=4)
def places_url(data_dir: str) -> str | None:
    return static_places_url(Path(data_dir))


# A visitor's file is read by ``own`` in its bounded worker, never in this process: a limit
# hit, or any error a reader raises, is Problems naming the file, and the page, the map and
# the uploader stay usable so the reader can remove the file.
@st.cache_data(show_spinner=False, max_entries=8)
def own_layers(data: bytes, name: str) -> list[str]:
    """The layers or sheets of a multi-layer file ([] for one, or a file that is not)."""
    return own.quietly(layers_of, data, name, name=name) if name.lower().endswith(MULTI_LAYER) else []


@st.cache_data(show_spinner=False, max_entries=8)
def own_header(data: bytes, name: str) -> list[str]:
    """A text table's header cells, for choosing its columns by hand: read once per upload."""
    return own.quietly(csv_header, data, name=name)


@st.cache_data(show_spinner="Reading the file…", max_entries=8)
def own_layer(
    data: bytes, name: str, lat_col: str | None, lon_col: str | None, layer: str | None = None, gcj02: bool = False
) -> OwnLayer | own.Problems:
    return own.read(data, name, lat_col=lat_col, lon_col=lon_col, layer=layer, gcj02=gcj02)


@st.cache_data(show_spinner="Reading the file…", max_entries=8)
def own_figures(data: bytes, name: str, data_dir: str, signature: tuple) -> OwnFigures | own.Problems:
    return own.read_figures_of(data, name, load(data_dir, signature).sites)


@st.cache_resource(show_spinner=False, max_entries=2)
def own_large(path: str, size: int, mtime_ns: int) -> OwnLayer | own.Problems:
    """A deployer's very large layer, aggregated once per file version and shared by every
    session (a resource: the counted cells are not copied per session)."""
    return own.read_large(Path(path))


@st.cache_data(show_spinner=False, max_entries=8)
def deployer_file(path: str, size: int, mtime_ns: int, limit: int) -> tuple[bytes, str] | str:
    """A deployer's file (``GBA_DASH_OWN_LAYER``, ``GBA_DASH_OWN_FIGURES``) read like every
    data file (``load.read_bytes``: regular files only, at most ``limit`` bytes), once per
    version of the file: its bytes and name, or why it cannot be read."""
    problems: list = []
    data = read_bytes(Path(path), problems, limit=limit)
    return (data, Path(path).name) if data is not None else "; ".join(str(p) for p in problems)


@st.cache_data(show_spinner=False, max_entries=4)
def synthetic(n: int) -> OwnLayer:
    return synthetic_layer(n)


@st.cache_data(show_spinner=False, max_entries=8)
def own_drawn(layer: OwnLayer) -> tuple[pd.DataFrame, int | None]:
    return aggregate(layer)


@st.cache_data(show_spinner=False, max_entries=128)
def chart_spec(
    data_dir: str,
    signature: tuple,
    name: str,
    site_ids: tuple[str, ...],
    metric: str,
    lang: str,
    own: tuple[tuple[str, float], ...] | None = None,
    *,
    width: int | None = None,
) -> tuple[dict | None, str]:
    """One chart (``charts_panel.TABS``) as a Vega-Lite dict with its caption.

    Keyed on what that chart depends on (``chart_key``): only the open tab is built, and
    the context chart, which shows every city, once per language.
    ``own``: the (site_id, value) pairs of a reader's own metric when ``metric`` is one.
    ``width``: an export's width in px (the page's chart fits its container)."""
    # Imported here: Altair takes ~0.2 s to import, and the first map should not wait for it.
    from ..publish import charts

    ds, subset = shown(data_dir, signature, site_ids)
    field = None
    if own is not None:
        field = own_field(metric)
        subset = subset.assign(**{metric: subset["site_id"].map(dict(own)).astype("Float64")})
    if name == "compare":
        chart, caption = charts.metric_chart(subset, metric, lang, field=field, width=width)
    elif name == "ratios":
        chart, caption = charts.ratio_chart(subset, lang, own=field, width=width)
    elif name == "timeline":
        chart, caption = charts.timeline_chart(subset, lang, width=width)
    else:
        chart, caption = charts.context_chart(ds.city_context, lang, width=width)
    return (charts.to_spec(chart) if chart is not None else None, caption)


def chart_key(
    name: str, site_ids: tuple[str, ...], metric: str, own: tuple[tuple[str, float], ...] | None
) -> tuple[tuple[str, ...], str, tuple[tuple[str, float], ...] | None]:
    """(site_ids, metric, own) as far as chart ``name`` depends on them, so that views
    sharing a chart share its cache entry."""
    if name == "context":
        return (), "", None
    if name == "compare" or own is not None:
        return site_ids, metric, own
    return site_ids, "", None


@st.cache_data(show_spinner=False, max_entries=32)
def chart_export(
    data_dir: str,
    signature: tuple,
    name: str,
    site_ids: tuple[str, ...],
    metric: str,
    lang: str,
    own: tuple[tuple[str, float], ...] | None,
    fmt: str,
) -> bytes | str:
    """Chart ``name`` as a PNG or SVG download: built at the export's width (``charts.EXPORT_WIDTH``),
    not the page's, which Vega would otherwise replace by its 300 px default."""
    from ..publish import charts

    spec, _ = chart_spec(data_dir, signature, name, site_ids, metric, lang, own, width=charts.EXPORT_WIDTH)
    return charts.chart_image(spec, fmt)


@st.cache_data(show_spinner=False, max_entries=16)
def figure(data_dir: str, signature: tuple, view: ViewState, link: str, fmt: str) -> bytes:
    """The map figure of ``view`` (PDF, SVG or PNG), drawn in the bounded worker pool, never in
    this process: matplotlib holds the GIL for the whole render, which would stall every other
    viewer's rerun. A refusal (busy, too slow) raises the pool's DataError, which the download
    reports as failed; the font is checked by the panel before it offers the buttons."""
    from ..publish import figure as fig

    spec = fig.figure_spec(load(data_dir, signature), view, link=link)
    return fig.render_bounded(spec, fmt, name=fig.file_name(load(data_dir, signature), view, fmt))
