"""A researcher's own layer: chosen in the sidebar, drawn on the map, counted near each site.

The layer is resolved before the map panel (which draws it) and its controls and problems
are drawn into the sidebar after the filters; the map panel draws the "near each site"
table below the map.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

import streamlit as st

from ...own import Problems, left_out_file
from ...own.classes import SCHEMES
from ...own.figures import MAX_FIGURES_BYTES, OwnFigures
from ...own.formats import SUFFIXES, TEXT_SUFFIXES
from ...own.large import SUFFIXES as LARGE_SUFFIXES
from ...own.large import parquet_rows
from ...own.layer import MAX_POINTS, MAX_UPLOAD_BYTES, OwnLayer, areas_of, count_near
from ...own.rows import left_out_lines
from ...read.fields import label
from ...words.i18n import name_col, say
from ...words.text import md
from .. import cache, state
from ..strings import tr

# A deployer's layer bigger than an upload may be is read out of core.
LARGE_PATH_BYTES = MAX_UPLOAD_BYTES


@dataclass(frozen=True)
class Own:
    """The chosen layer, or what stopped it loading (and the CSV header to pick columns from)."""

    layer: OwnLayer | None = None
    problems: tuple[str, ...] = ()
    header: tuple[str, ...] = field(default=())
    # The file's layers or sheets, when it has several (the reader chooses one).
    layers: tuple[str, ...] = field(default=())


def resolve() -> Own:
    """The layer chosen in the sidebar: an upload, a synthetic layer, or $GBA_DASH_OWN_LAYER."""
    upload = st.session_state.get("own_file")
    n = st.session_state.get("own_synth", 0)
    if upload is not None:
        data, name = upload.getvalue(), upload.name
    elif n:
        return Own(layer=cache.synthetic(int(n)))
    elif os.environ.get("GBA_DASH_OWN_LAYER"):
        path = Path(os.environ["GBA_DASH_OWN_LAYER"])
        large = _large(path)
        if large is not None:
            return large
        read = _read_path(path, MAX_UPLOAD_BYTES)
        if isinstance(read, str):
            return Own(problems=(read,))
        data, name = read
    else:
        return Own()
    layers = tuple(cache.own_layers(data, name))
    chosen = st.session_state.get("own_layer")
    loaded = cache.own_layer(
        data,
        name,
        st.session_state.get("own_lat"),
        st.session_state.get("own_lon"),
        chosen if chosen in layers else None,
        bool(st.session_state.get("own_gcj02")),
    )
    if isinstance(loaded, Problems):
        header = cache.own_header(data, name) if name.lower().endswith(TEXT_SUFFIXES) else []
        wants_columns = header and any("column" in p for p in loaded)
        return Own(problems=tuple(loaded), header=tuple(header) if wants_columns else (), layers=layers)
    return Own(layer=loaded, layers=layers)


def _large(path: Path) -> Own | None:
    """A deployer's very large layer (more than an upload may hold), aggregated out of core
    and never read into memory whole; None for a file of ordinary size."""
    try:
        stat = path.stat()
        # A FIFO or device: never opened here (a FIFO would block the run); the ordinary
        # read names it.
        if not S_ISREG(stat.st_mode) or not (
            path.name.lower().endswith(LARGE_SUFFIXES)
            and (stat.st_size > LARGE_PATH_BYTES or parquet_rows(path) > MAX_POINTS)
        ):
            return None
    except OSError as exc:
        return Own(problems=(f"{path}: {exc.strerror or exc}",))
    loaded = cache.own_large(str(path), stat.st_size, stat.st_mtime_ns)
    return Own(problems=tuple(loaded)) if isinstance(loaded, Problems) else Own(layer=loaded)


def _read_path(path: Path, limit: int) -> tuple[bytes, str] | str:
    """A deployer's file (``GBA_DASH_OWN_LAYER``, ``GBA_DASH_OWN_FIGURES``): its bytes and
    name, or why it cannot be read. Read like every data file (regular files only, at most
    ``limit`` bytes) and once per version of the file, not on every run."""
    try:
        stat = path.stat()
    except OSError as exc:
        return f"{path}: {exc.strerror or exc}"
    return cache.deployer_file(str(path), stat.st_size, stat.st_mtime_ns, limit)


@dataclass(frozen=True)
class Figures:
    """The reader's own figures, or what stopped them loading."""

    figures: OwnFigures | None = None
    problems: tuple[str, ...] = ()


def resolve_figures(data_dir: str, signature: tuple) -> Figures:
    """*Your own figures*: an upload, or $GBA_DASH_OWN_FIGURES (a deployer's path)."""
    upload = st.session_state.get("own_figures_file")
    if upload is not None:
        data, name = upload.getvalue(), upload.name
    elif os.environ.get("GBA_DASH_OWN_FIGURES"):
        read = _read_path(Path(os.environ["GBA_DASH_OWN_FIGURES"]), MAX_FIGURES_BYTES)
        if isinstance(read, str):
            return Figures(problems=(read,))
        data, name = read
    else:
        return Figures()
    loaded = cache.own_figures(data, name, data_dir, signature)
    return Figures(problems=tuple(loaded)) if isinstance(loaded, Problems) else Figures(figures=loaded)


def controls(own: Own, lang: str, figures: Figures | None = None) -> None:
    """The sidebar's *Your own layer* section, and the problems of a layer that did not load."""
    sb = st.sidebar
    with sb.expander(tr("own", lang), icon=":material/add_location_alt:"):
        st.file_uploader(
            tr("own_upload", lang),
            type=[s.lstrip(".") for s in SUFFIXES],
            key="own_file",
            max_upload_size=MAX_UPLOAD_BYTES // (1024 * 1024),
        )
        _said(own, lang)
        st.selectbox(
            tr("own_synth", lang),
            [0, 1_000, 10_000, 100_000],
            key="own_synth",
            format_func=lambda n: tr("own_synth_n", lang).format(n=n) if n else tr("own_none", lang),
        )
        st.checkbox(tr("own_gcj02", lang), key="own_gcj02", help=tr("own_gcj02_help", lang))
        if own.layers:
            st.selectbox(tr("own_layer", lang), list(own.layers), key="own_layer")
        st.slider(tr("own_radius", lang), min_value=1.0, max_value=20.0, value=5.0, step=0.5, key="own_radius")
        if own.layer is not None and own.layer.kind == "polygons":
            columns = own.layer.value_columns
            if columns:
                st.selectbox(tr("own_column", lang), list(columns), key="own_column")
                st.radio(
                    tr("own_scheme", lang),
                    list(SCHEMES),
                    key="own_scheme",
                    horizontal=True,
                    format_func=lambda s: tr(f"own_scheme_{s}", lang),
                )
            else:
                st.caption(tr("own_no_numbers", lang))
        if own.layer is not None:
            st.checkbox(tr("own_in_present", lang), key="own_in_present", help=tr("own_in_present_help", lang))
        if own.layer is not None and own.layer.notes:
            st.caption(md(tr("own_read_as", lang, notes="; ".join(say(n, lang) for n in own.layer.notes))))
        st.file_uploader(
            tr("own_figures", lang),
            type=["csv", "tsv", "txt", "xlsx"],
            key="own_figures_file",
            max_upload_size=max(1, MAX_FIGURES_BYTES // (1024 * 1024)),
        )
        mine = figures.figures if figures is not None else None
        if mine is not None:
            names = ", ".join(c for c in mine.values.columns)
            st.caption(md(tr("own_figures_loaded", lang, n=len(mine.values), columns=names)))
            if mine.notes:
                st.caption(md(tr("own_read_as", lang, notes="; ".join(say(n, lang) for n in mine.notes))))
            if mine.unmatched:
                st.warning(
                    md(tr("own_unmatched", lang, n=len(mine.unmatched)))
                    + "\n\n"
                    + "\n".join(f"- {md(u)}" for u in mine.unmatched[:30])
                )
    if figures is not None and figures.problems:
        sb.error(tr("own_figures_bad", lang) + "\n\n" + "\n".join(f"- {md(p)}" for p in figures.problems))


def _said(own: Own, lang: str) -> None:
    """Beside the uploader, where the reader looks: why the layer did not load (and the
    columns to choose, when it lacked them), or which of its rows were left out, with a
    download of those rows."""
    if own.problems:
        st.error(tr("own_bad", lang) + "\n\n" + "\n".join(f"- {md(p)}" for p in own.problems))
    if own.header:
        st.selectbox(tr("own_lat", lang), own.header, key="own_lat", index=None)
        st.selectbox(tr("own_lon", lang), own.header, key="own_lon", index=None)
    left = own.layer.left_out if own.layer is not None else None
    if left:
        head, lines = left_out_lines(left, own.layer.name, lang)
        st.warning(md(head) + "\n\n" + "\n".join(f"- {md(line)}" for line in lines), icon=":material/filter_alt_off:")
        st.download_button(
            tr("own_left_download", lang),
            data=lambda: left_out_file(left, lang, name=own.layer.name),
            file_name=f"{Path(own.layer.name).stem}-left-out.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key="own_left_out_download",
        )


def shape_choice(layer: OwnLayer) -> tuple[str | None, str]:
    """The value column and classification the reader chose for a polygon layer."""
    columns = layer.value_columns if layer.kind == "polygons" else ()
    column = st.session_state.get("own_column")
    column = column if column in columns else (columns[0] if columns else None)
    scheme = st.session_state.get("own_scheme")
    return column, scheme if scheme in SCHEMES else SCHEMES[0]


def near(view: state.PageView, layer: OwnLayer | None) -> None:
    """Counts of the layer's points within the chosen radius of each shown site; for a
    polygon layer, the area (and its value) each shown site lies in."""
    if layer is None or layer.kind == "lines":
        return
    if layer.kind == "polygons":
        _areas(view, layer)
        return
    lang = view.lang
    st.subheader(tr("near", lang))
    radius = float(st.session_state.get("own_radius", 5.0))
    table = count_near(view.shown, layer, radius).sort_values("points", ascending=False)
    _, cell = cache.own_drawn(layer)
    how = tr("drawn_raw", lang) if cell is None else tr("drawn_grid", lang, res=cell)
    st.caption(md(tr("near_caption", lang).format(name=layer.name, r=radius, n=len(layer), how=how)))
    column = name_col(lang)
    st.dataframe(
        table[[column, "city", "points"]],
        hide_index=True,
        width="stretch",
        column_config={
            column: label(column, lang),
            "city": label("city", lang),
            "points": st.column_config.NumberColumn(tr("near", lang), format="%d"),
        },
        key="near_table",
        placeholder=tr("nr", lang),
    )


def _areas(view: state.PageView, layer: OwnLayer) -> None:
    lang = view.lang
    column, _ = shape_choice(layer)
    st.subheader(tr("own_areas", lang))
    table = areas_of(view.shown, layer, column)
    name = name_col(lang)
    shown = table[[name, "area", *(["value"] if column else [])]]
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            name: label(name, lang),
            "area": tr("own_area", lang),
            "value": f"{column} ({tr('own_unverified', lang)})" if column else None,
        },
        key="areas_table",
        placeholder=tr("nr", lang),
    )
