"""The page: the only module (with app.py) that imports streamlit.

Flow: cached load of the data directory -> decode the URL once per session into widget
state -> FilterState from the widgets -> apply_filters -> the same filtered frame feeds the
map, charts, table, details and exports -> encode the view back into the URL.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from . import charts
from .dataset import Dataset, load_dataset, note_col, source_col
from .export import to_csv, to_geojson
from .fields import (
    CATEGORIES,
    CITY_ZH,
    CONFIDENCE_LABELS,
    FIELD_BY_NAME,
    GBA_CITIES,
    METRICS,
    STATUS_LABELS,
    category_label,
    label,
    table_fields,
)
from .filters import YEAR_FIELDS, FilterState, apply_filters, describe, focus_options, not_reported_counts
from .load import default_data_dir
from .mapview import base_map, bounds_of, own_layer_group, site_at, site_layers, standalone_html, static_basemap_url
from .ownlayer import MAX_UPLOAD_BYTES, OwnLayer, aggregate, count_near, csv_header, read_layer, synthetic_layer
from .schema import DataError, is_reported, split_list
from .share import DEFAULT_METRIC, ViewState, Vocab, decode, encode
from .text import esc, fmt_value, km, md
from .tours import Scene, with_scene

UI: dict[str, tuple[str, str]] = {
    "title": ("Greater Bay Area science build-out", "粤港澳大湾区科学城建设"),
    "subtitle": (
        "Science cities, the Daya Bay AI park, border checkpoints and facilities, as reported in 2019 news. "
        "Every figure carries its source and as-of date; positions marked low confidence are estimates.",
        "科学城、大亚湾人工智能产业园、口岸与科研设施（据2019年新闻报道）。每项数据均注明来源与日期；低可信度位置为估计值。",
    ),
    "filters": ("Filters", "筛选"),
    "lang": ("Language / 语言", "语言 / Language"),
    "category": ("Category", "类别"),
    "city": ("City", "城市"),
    "focus": ("Focus area or industry", "重点领域或产业"),
    "search": ("Search names (English or Chinese)", "搜索名称（中英文）"),
    "years": ("Milestone years", "里程碑年份"),
    "keep": ("Keep sites whose figure is not reported", "保留未报告该数据的站点"),
    "keep_help": (
        "A numeric range cannot test a figure that was never reported. Checked: such sites stay on the map and "
        "the sentence above counts them. Unchecked: they are left out, and counted too.",
        "数值范围无法检验未报告的数据。勾选：这些站点保留并计数；不勾选：它们被排除并计数。",
    ),
    "reset": ("Reset filters", "重置筛选"),
    "map": ("Map", "地图"),
    "details": ("Details", "详情"),
    "select_site": ("Selected site", "选中站点"),
    "none": ("(none: click a site on the map or a table row)", "（无：点击地图上的站点或表格行）"),
    "compare": ("Compare", "比较"),
    "metric": ("Metric", "指标"),
    "ratios": ("Ratios", "比率"),
    "timeline": ("Timeline", "时间线"),
    "context": ("City context", "城市背景"),
    "table": ("Sites table", "站点表"),
    "downloads": ("Downloads", "下载"),
    "dl_csv": ("Filtered sites (CSV)", "筛选结果（CSV）"),
    "dl_geojson": ("Filtered sites (GeoJSON)", "筛选结果（GeoJSON）"),
    "dl_map": ("Map (standalone HTML, works offline)", "地图（独立HTML，可离线打开）"),
    "share": (
        "Share this view: the address bar holds the filters, selection, metric and language.",
        "分享此视图：地址栏包含筛选、选中站点、指标和语言。",
    ),
    "data_error": ("The data directory has problems; nothing was loaded.", "数据目录有问题，未加载任何数据。"),
    "loading": ("Loading data…", "正在加载数据…"),
    "building_map": ("Drawing the map…", "正在绘制地图…"),
    "source": ("Source", "来源"),
    "as_of": ("as of", "截至"),
    "location": ("Location", "位置"),
    "subprojects": ("Sub-projects", "子项目"),
    "stories": ("Stories that mention it", "相关报道"),
    "part_of": ("Part of", "所属"),
    "not_reported": ("Not reported", "未报告"),
    "present": ("Presenter mode", "演示模式"),
    "present_help": (
        "Hide the sidebar, enlarge the page and step through the tour with ← and →.",
        "隐藏侧栏、放大页面，用 ← 和 → 逐场景演示。",
    ),
    "tour": ("Tour", "导览"),
    "prev": ("Previous", "上一场景"),
    "next": ("Next", "下一场景"),
    "exit": ("Exit presenter mode", "退出演示模式"),
    "scene_of": ("Scene {n} of {m}", "第 {n} / {m} 个场景"),
    "save_scene": ("Save this view as a scene", "将当前视图保存为场景"),
    "scene_title": ("Scene title", "场景标题"),
    "scene_notes": ("Scene notes", "场景说明"),
    "download_tour": ("Download tour with this scene (JSON)", "下载包含此场景的导览（JSON）"),
    "new_scene": ("New scene", "新场景"),
    "png": ("PNG", "PNG"),
    "svg": ("SVG", "SVG"),
    "own": ("Your own layer", "自有图层"),
    "own_upload": ("CSV (latitude/longitude columns) or GeoJSON points", "CSV（含经纬度列）或 GeoJSON 点"),
    "own_synth": ("…or a synthetic test layer", "……或合成测试图层"),
    "own_none": ("none", "无"),
    "own_synth_n": ("synthetic, {n:,} points (not real data)", "合成数据，{n:,} 个点（非真实数据）"),
    "own_radius": ("Radius for 'near each site' (km)", "“站点周边”半径（公里）"),
    "own_lat": ("Latitude column", "纬度列"),
    "own_lon": ("Longitude column", "经度列"),
    "own_bad": ("Your layer was not loaded:", "自有图层未加载："),
    "near": ("What lies near each site", "各站点周边"),
    "near_caption": (
        "Points of “{name}” within {r:g} km of each shown site's symbol ({n:,} points in all; drawn as {how}).",
        "“{name}”中距各站点 {r:g} 公里内的点数（共 {n:,} 个点；{how}）。",
    ),
    "drawn_raw": ("one circle per point", "每点一圆"),
    "drawn_grid": ("grid cells of {deg:g}°, circle size by count", "{deg:g}° 网格汇总，圆大小表示数量"),
    "dl_site": ("Offline share bundle (index.html)", "离线分享包（index.html）"),
    "no_figures": ("No figures reported for this site.", "该站点没有报告数据。"),
    "nothing_selected": (
        "Select a site to see its figures, sources, sub-projects and stories.",
        "选择一个站点以查看其数据、来源、子项目和报道。",
    ),
    "table_alt": ("Table of the filtered sites with their main figures", "筛选后站点及主要数据的表格"),
    "no_sites": ("No site matches these filters.", "没有符合筛选条件的站点。"),
}
FAVICON = Path(__file__).resolve().parent.parent / "static" / "favicon.png"


def tr(key: str, lang: str) -> str:
    en, zh = UI[key]
    return zh if lang == "zh" else en


# ---- data -----------------------------------------------------------------------------


def _signature(data_dir: Path) -> tuple:
    """The cache key: the directory and every file's size and mtime, so edits reload."""
    if not data_dir.is_dir():
        return (str(data_dir),)
    return (
        str(data_dir),
        *sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in data_dir.iterdir() if p.is_file()),
    )


# A resource, not data: every session shares one read-only Dataset per data version.
# st.cache_data would unpickle a private copy on every rerun (about 5 ms, and 0.3 MB held
# by each session until Streamlit drops it). Nothing in the app mutates it.
@st.cache_resource(show_spinner=False, max_entries=4)
def _load(data_dir: str, signature: tuple) -> Dataset | list[str]:
    try:
        return load_dataset(data_dir)
    except DataError as exc:
        return [str(p) for p in exc.problems]


def _shown(data_dir: str, signature: tuple, site_ids: tuple[str, ...]) -> tuple[Dataset, pd.DataFrame]:
    """The dataset and the sites a cache key names: what the cached builders below start from."""
    ds = _load(data_dir, signature)
    return ds, ds.sites[ds.sites["site_id"].isin(site_ids)]


@st.cache_data(show_spinner=False, max_entries=64)
def _export(data_dir: str, signature: tuple, site_ids: tuple[str, ...], fmt: str) -> str:
    _ds, subset = _shown(data_dir, signature, site_ids)
    return to_csv(subset) if fmt == "csv" else to_geojson(subset)


@st.cache_data(show_spinner=False, max_entries=8)
def _bundle(data_dir: str, signature: tuple, state: FilterState, tour: str | None, lang: str) -> str:
    from .site import build_site

    ds = _load(data_dir, signature)
    return build_site(ds, filters=state, tour=ds.tours.get(tour) if tour else None, lang=lang)


@st.cache_data(show_spinner=False, max_entries=16)
def _map_html(data_dir: str, signature: tuple, site_ids: tuple[str, ...], selected: str | None, lang: str) -> str:
    ds, subset = _shown(data_dir, signature, site_ids)
    return standalone_html(ds.basemap, subset, selected=selected, lang=lang)


@st.cache_data(show_spinner=False, max_entries=4)
def _basemap_url(data_dir: str) -> str | None:
    return static_basemap_url(Path(data_dir))


@st.cache_data(show_spinner=False, max_entries=8)
def _own_layer(data: bytes, name: str, lat_col: str | None, lon_col: str | None) -> OwnLayer | list[str]:
    try:
        return read_layer(data, name, lat_col=lat_col, lon_col=lon_col)
    except DataError as exc:
        return [str(p) for p in exc.problems]


@st.cache_data(show_spinner=False, max_entries=4)
def _synthetic(n: int) -> OwnLayer:
    return synthetic_layer(n)


@st.cache_data(show_spinner=False, max_entries=8)
def _own_drawn(layer: OwnLayer) -> tuple[pd.DataFrame, float | None]:
    return aggregate(layer)


def _own_from_widgets(lang: str) -> OwnLayer | None:
    """The layer chosen in the sidebar: an upload, a synthetic layer, or $GBA_DASH_OWN_LAYER."""
    upload = st.session_state.get("own_file")
    n = st.session_state.get("own_synth", 0)
    if upload is not None:
        data, name = upload.getvalue(), upload.name
    elif n:
        return _synthetic(int(n))
    elif os.environ.get("GBA_DASH_OWN_LAYER"):
        path = Path(os.environ["GBA_DASH_OWN_LAYER"])
        try:
            data, name = path.read_bytes(), path.name
        except OSError as exc:
            st.sidebar.error(f"{tr('own_bad', lang)} {md(path)}: {md(exc.strerror or exc)}")
            return None
    else:
        return None
    loaded = _own_layer(data, name, st.session_state.get("own_lat"), st.session_state.get("own_lon"))
    if isinstance(loaded, list):
        st.sidebar.error(tr("own_bad", lang) + "\n\n" + "\n".join(f"- {md(p)}" for p in loaded))
        header = csv_header(data) if name.lower().endswith((".csv", ".txt")) else []
        if header and any("column" in p for p in loaded):
            st.sidebar.selectbox(tr("own_lat", lang), header, key="own_lat", index=None)
            st.sidebar.selectbox(tr("own_lon", lang), header, key="own_lon", index=None)
        return None
    return loaded


# ---- state ----------------------------------------------------------------------------


def _bounds(sites: pd.DataFrame, column: str) -> tuple[float, float]:
    values = sites[column].dropna()
    return (0.0, float(values.max()) if len(values) else 1.0)


def _year_bounds(sites: pd.DataFrame) -> tuple[int, int]:
    years = pd.concat([sites[f].dropna() for f in YEAR_FIELDS])
    return (int(years.min()), int(years.max())) if len(years) else (2000, 2030)


def _init_from_url(ds: Dataset) -> None:
    """Once per session: the link's view becomes the widgets' starting state."""
    if st.session_state.get("_initialised"):
        return
    query = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    view, warnings = decode(query, Vocab.from_sites(ds.sites))
    tour = _tour(ds)
    if view.scene is not None and (tour is None or view.scene > len(tour.scenes)):
        warnings.append(f"Link parameter 'scene': there is no scene {view.scene}; ignored.")
        view = replace(view, scene=None)
    _apply_view(view, ds)
    st.session_state["present"] = view.present
    st.session_state["scene"] = view.scene
    if view.scene is not None or (view.present and tour is not None):
        _go_to_scene(ds, view.scene or 1)
    st.session_state["_url_warnings"] = warnings
    st.session_state["_initialised"] = True


def _tour(ds: Dataset):
    """The tour being presented: the one chosen, else 'default', else the first."""
    if not ds.tours:
        return None
    name = st.session_state.get("tour")
    if name not in ds.tours:
        name = "default" if "default" in ds.tours else next(iter(ds.tours))
    return ds.tours[name]


def _go_to_scene(ds: Dataset, number: int) -> None:
    """Apply scene ``number`` (1-based): its filters, selection and metric; the language stays."""
    tour = _tour(ds)
    if tour is None:
        return
    number = max(1, min(number, len(tour.scenes)))
    scene = tour.scenes[number - 1]
    lang = st.session_state.get("lang", "en")
    _apply_view(replace(scene.view, lang=lang), ds)
    st.session_state["scene"] = number


def _on_present_toggle(ds: Dataset) -> None:
    if st.session_state.get("present") and st.session_state.get("scene") is None and _tour(ds):
        _go_to_scene(ds, 1)
    if not st.session_state.get("present"):
        st.session_state["scene"] = None


def _apply_view(view: ViewState, ds: Dataset) -> None:
    f = view.filters
    ss = st.session_state
    ss["f_category"] = list(f.categories)
    ss["f_city"] = list(f.cities)
    ss["f_focus"] = list(f.focus)
    ss["f_q"] = f.q
    ss["f_area"] = _clamp(f.area_km2, _bounds(ds.sites, "area_km2"))
    ss["f_investment"] = _clamp(f.investment_cny_bn, _bounds(ds.sites, "investment_cny_bn"))
    ss["f_years"] = _clamp(f.years, _year_bounds(ds.sites))
    ss["f_keep"] = f.keep_not_reported
    ss["site"] = view.site
    ss["metric"] = view.metric
    ss["lang"] = view.lang


def _clamp(value, bounds):
    lo, hi = bounds
    if value is None:
        return (lo, hi)
    a, b = value
    return (type(lo)(min(max(a, lo), hi)), type(lo)(min(max(b, lo), hi)))


def _range_or_none(key: str, bounds) -> tuple | None:
    value = tuple(st.session_state.get(key, bounds))
    return None if value == tuple(bounds) else value


def _filter_state(ds: Dataset) -> FilterState:
    ss = st.session_state
    return FilterState(
        categories=tuple(ss.get("f_category", [])),
        cities=tuple(ss.get("f_city", [])),
        focus=tuple(ss.get("f_focus", [])),
        q=str(ss.get("f_q", "")).strip(),
        area_km2=_range_or_none("f_area", _bounds(ds.sites, "area_km2")),
        investment_cny_bn=_range_or_none("f_investment", _bounds(ds.sites, "investment_cny_bn")),
        years=_range_or_none("f_years", _year_bounds(ds.sites)),
        keep_not_reported=bool(ss.get("f_keep", True)),
    )


def _reset(ds: Dataset) -> None:
    lang = st.session_state.get("lang", "en")
    metric = st.session_state.get("metric", DEFAULT_METRIC)
    _apply_view(ViewState(lang=lang, metric=metric), ds)
    st.session_state["_url_warnings"] = []


def _on_map_click(ds: Dataset) -> None:
    """A click on the map selects the site under it (among those drawn)."""
    state = st.session_state.get("map") or {}
    click = state.get("last_object_clicked")
    if not click:
        return
    visible = ds.sites[ds.sites["site_id"].isin(st.session_state.get("_visible", []))]
    hit = site_at(visible, click["lat"], click["lng"])
    if hit:
        st.session_state["site"] = hit


def _on_table_select(ids: list[str]) -> None:
    rows = (st.session_state.get("table") or {}).get("selection", {}).get("rows", [])
    if rows and rows[0] < len(ids):
        st.session_state["site"] = ids[rows[0]]


# ---- page -----------------------------------------------------------------------------


def main() -> None:
    st.set_page_config(page_title="GBA science build-out", page_icon=str(FAVICON), layout="wide")
    data_dir = default_data_dir()
    lang = st.session_state.get("lang") or (
        st.query_params.get("lang") if st.query_params.get("lang") in ("en", "zh") else "en"
    )
    with st.spinner(tr("loading", lang)):
        signature = _signature(data_dir)
        loaded = _load(str(data_dir), signature)
    if isinstance(loaded, list):
        st.title(tr("title", lang))
        st.error(tr("data_error", lang) + f" ({md(data_dir)})")
        st.code("\n".join(loaded), language=None)
        st.stop()
    ds: Dataset = loaded
    _init_from_url(ds)
    lang = st.session_state.get("lang", "en")

    _sidebar(ds, lang)
    state = _filter_state(ds)
    shown = apply_filters(ds.sites, state)
    st.session_state["_visible"] = list(shown["site_id"])
    if st.session_state.get("site") not in set(ds.sites["site_id"]):
        st.session_state["site"] = None
    selected = st.session_state.get("site")

    present = bool(st.session_state.get("present"))
    if present:
        _presenter_style()
        _presenter_panel(ds, lang)
    else:
        st.title(tr("title", lang))
        st.caption(tr("subtitle", lang))
    for warning in st.session_state.get("_url_warnings", []):
        st.warning(md(warning), icon=":material/link_off:")
    sentence = describe(state, len(shown), len(ds.sites), lang=lang, not_reported=not_reported_counts(ds.sites, state))
    st.markdown(f'<p id="readback" role="status" aria-live="polite">{esc(sentence)}</p>', unsafe_allow_html=True)

    with st.spinner(tr("loading", lang)):
        own = _own_from_widgets(lang)
    left, right = st.columns([3, 1] if present else [3, 2], gap="medium")
    with left:
        _map(ds, shown, selected, lang, present=present, own=own)
    with right:
        _details(ds, shown, selected, lang)

    if own is not None:
        _near(shown, own, lang)
    # What the cached builders are keyed on: the data, and which sites the filter shows.
    key = (str(data_dir), signature, tuple(shown["site_id"]))
    _charts(key, lang)
    _table(ds, shown, lang)
    _downloads(key, ds, state, selected, lang)
    if not present:
        _save_scene(ds, state, selected, lang)
    st.caption(tr("share", lang))

    view = ViewState(
        filters=state,
        site=selected,
        metric=st.session_state.get("metric", DEFAULT_METRIC),
        lang=lang,
        present=present,
        scene=st.session_state.get("scene") if present else None,
    )
    _sync_url(view)


def _sync_url(view: ViewState) -> None:
    params = encode(view)
    current = {k: st.query_params.get(k) for k in st.query_params.keys()}
    if current != params:
        st.query_params.from_dict(params)


def _sidebar(ds: Dataset, lang: str) -> None:
    sb = st.sidebar
    sb.radio(
        tr("lang", lang),
        ["en", "zh"],
        key="lang",
        horizontal=True,
        format_func=lambda v: "English" if v == "en" else "中文",
    )
    lang = st.session_state.get("lang", lang)
    sb.toggle(
        tr("present", lang), key="present", help=tr("present_help", lang), on_change=_on_present_toggle, args=(ds,)
    )
    if len(ds.tours) > 1:
        sb.selectbox(tr("tour", lang), list(ds.tours), key="tour", format_func=lambda n: ds.tours[n].heading(lang))
    sb.header(tr("filters", lang))
    sb.multiselect(
        tr("category", lang),
        list(CATEGORIES),
        key="f_category",
        format_func=lambda c: category_label(c, lang),
        placeholder="—",
    )
    cities = [c for c in GBA_CITIES if c in set(ds.sites["city"])]
    sb.multiselect(
        tr("city", lang),
        cities,
        key="f_city",
        format_func=lambda c: CITY_ZH.get(c, c) if lang == "zh" else c,
        placeholder="—",
    )
    sb.multiselect(tr("focus", lang), focus_options(ds.sites), key="f_focus", placeholder="—")
    sb.text_input(tr("search", lang), key="f_q", max_chars=100)
    lo, hi = _bounds(ds.sites, "area_km2")
    sb.slider(
        label("area_km2", lang), min_value=lo, max_value=hi, key="f_area", step=0.5, help=FIELD_BY_NAME["area_km2"].help
    )
    lo, hi = _bounds(ds.sites, "investment_cny_bn")
    sb.slider(
        label("investment_cny_bn", lang),
        min_value=lo,
        max_value=hi,
        key="f_investment",
        step=0.1,
        help=FIELD_BY_NAME["investment_cny_bn"].help,
    )
    ylo, yhi = _year_bounds(ds.sites)
    sb.slider(tr("years", lang), min_value=ylo, max_value=yhi, key="f_years", step=1)
    sb.checkbox(tr("keep", lang), key="f_keep", help=tr("keep_help", lang))
    with sb.expander(tr("own", lang), icon=":material/add_location_alt:"):
        st.file_uploader(
            tr("own_upload", lang),
            type=["csv", "geojson", "json"],
            key="own_file",
            max_upload_size=MAX_UPLOAD_BYTES // (1024 * 1024),
        )
        st.selectbox(
            tr("own_synth", lang),
            [0, 1_000, 10_000, 100_000],
            key="own_synth",
            format_func=lambda n: tr("own_synth_n", lang).format(n=n) if n else tr("own_none", lang),
        )
        st.slider(tr("own_radius", lang), min_value=1.0, max_value=20.0, value=5.0, step=0.5, key="own_radius")
    sb.button(tr("reset", lang), on_click=_reset, args=(ds,), icon=":material/restart_alt:")


def _map(
    ds: Dataset,
    shown: pd.DataFrame,
    selected: str | None,
    lang: str,
    *,
    present: bool = False,
    own: OwnLayer | None = None,
) -> None:
    if not present:
        st.subheader(tr("map", lang))
    center, zoom = None, None
    tour = _tour(ds)
    number = st.session_state.get("scene")
    if present and tour and number:
        scene = tour.scenes[number - 1]
        center, zoom = scene.center, scene.zoom
    with st.spinner(tr("building_map", lang)):
        extra = ()
        if own is not None:
            drawn, _ = _own_drawn(own)
            extra = (own_layer_group(drawn, name=f"{own.name} ({len(own):,})", lang=lang),)
        m = base_map(
            ds.basemap, lang=lang, fit_to=bounds_of(ds.sites), extra=extra, basemap_url=_basemap_url(str(ds.data_dir))
        )
        groups = site_layers(shown, selected=selected if selected in set(shown["site_id"]) else None, lang=lang)
    st_folium(
        m,
        key="map",
        height=680 if present else 560,
        center=center,
        zoom=zoom,
        use_container_width=True,
        feature_group_to_add=groups,
        layer_control=folium.LayerControl(collapsed=True),
        returned_objects=["last_object_clicked"],
        on_change=lambda: _on_map_click(ds),
    )
    if shown.empty:
        st.info(tr("no_sites", lang))


def _near(shown: pd.DataFrame, own: OwnLayer, lang: str) -> None:
    """Counts of the layer's points within the chosen radius of each shown site."""
    st.subheader(tr("near", lang))
    radius = float(st.session_state.get("own_radius", 5.0))
    table = count_near(shown, own, radius).sort_values("points", ascending=False)
    _, cell = _own_drawn(own)
    how = tr("drawn_raw", lang) if cell is None else tr("drawn_grid", lang).format(deg=cell)
    st.caption(md(tr("near_caption", lang).format(name=own.name, r=radius, n=len(own), how=how)))
    name_col = "name_zh" if lang == "zh" else "name_en"
    st.dataframe(
        table[[name_col, "city", "points"]],
        hide_index=True,
        width="stretch",
        column_config={
            name_col: label(name_col, lang),
            "city": label("city", lang),
            "points": st.column_config.NumberColumn(tr("near", lang), format="%d"),
        },
        key="near_table",
    )


def _details(ds: Dataset, shown: pd.DataFrame, selected: str | None, lang: str) -> None:
    st.subheader(tr("details", lang))
    options = [None, *shown["site_id"]]
    if selected and selected not in options:
        options.append(selected)
    names = dict(zip(ds.sites["site_id"], ds.sites["name_zh" if lang == "zh" else "name_en"], strict=True))
    st.selectbox(
        tr("select_site", lang),
        options,
        key="site",
        format_func=lambda s: tr("none", lang) if s is None else names.get(s, s),
        placeholder=tr("none", lang),
    )
    if not selected:
        st.caption(tr("nothing_selected", lang))
        return
    row = ds.site(selected)
    first, second = (row["name_zh"], row["name_en"]) if lang == "zh" else (row["name_en"], row["name_zh"])
    st.markdown(f"### {md(first)}\n{md(second)}")
    parent = row["parent_id"]
    city = CITY_ZH.get(row["city"], row["city"]) if lang == "zh" else row["city"]
    meta = f"{md(category_label(row['category'], lang))} · {md(city)}"
    if parent:
        pname = ds.site(parent)["name_zh" if lang == "zh" else "name_en"]
        meta += f" · {tr('part_of', lang)}: {md(pname)}"
    st.markdown(meta)
    conf = CONFIDENCE_LABELS[row["location_confidence"]][1 if lang == "zh" else 0]
    badge = _badge(row["location_confidence"], conf)
    st.markdown(
        f"**{tr('location', lang)}:** ±{md(km(row['location_uncertainty_m']))} {badge}  \n{md(row['location_source'])}"
    )
    _figures(ds, row, lang)
    subs = ds.subprojects[ds.subprojects["parent_id"] == selected]
    if len(subs):
        st.markdown(f"**{tr('subprojects', lang)}**")
        st.dataframe(
            pd.DataFrame(
                {
                    "name": subs["name_zh" if lang == "zh" else "name_en"],
                    "status": subs["status"].map(lambda s: STATUS_LABELS.get(s, (s, s))[1 if lang == "zh" else 0]),
                }
            ),
            hide_index=True,
            width="stretch",
            column_config={"name": tr("subprojects", lang), "status": label("status", lang)},
        )
    stories = ds.stories[ds.stories["site_ids"].map(lambda v: selected in split_list(v))]
    if len(stories):
        st.markdown(f"**{tr('stories', lang)}**")
        for story in stories.itertuples():
            st.markdown(f"- *{md(story.title)}* ({md(story.date)}): {md(story.summary)}")


def _badge(confidence: str, text: str) -> str:
    colour = {"high": "blue", "med": "orange", "low": "red"}.get(confidence, "gray")
    return f":{colour}-badge[{md(text)}]"


def _figures(ds: Dataset, row: pd.Series, lang: str) -> None:
    """Reported figures with unit, source, as-of date and confidence; then what is not reported."""
    sources = ds.sources.set_index("source_id")
    lines, missing = [], []
    for f in table_fields(row["table"]):
        value = row[f.name]
        if not is_reported(value):
            missing.append(f.label(lang, with_unit=False))
            continue
        line = f"**{md(f.label(lang, with_unit=False))}:** {md(fmt_value(f.name, value, lang))}"
        src = row.get(source_col(f.name), "") if f.sourced else ""
        if src and src in sources.index:
            s = sources.loc[src]
            conf = CONFIDENCE_LABELS[s["confidence"]][1 if lang == "zh" else 0]
            line += (
                f"  \n{tr('source', lang)}: *{md(s['title'])}* ({md(s['publisher'])}), "
                f"{tr('as_of', lang)} {md(s['as_of'])} {_badge(s['confidence'], conf)}"
            )
            note = row.get(note_col(f.name), "")
            if note:
                line += f"  \n{md(note)}"
        lines.append(line)
    st.markdown("\n\n".join(lines) if lines else tr("no_figures", lang))
    if missing:
        st.caption(f"{tr('not_reported', lang)}: " + md(", ".join(missing)))


def _charts(key: tuple, lang: str) -> None:
    tabs = st.tabs([tr("compare", lang), tr("ratios", lang), tr("timeline", lang), tr("context", lang)])
    with tabs[0]:
        st.selectbox(tr("metric", lang), [f.name for f in METRICS], key="metric", format_func=lambda n: label(n, lang))
    specs = _chart_specs(*key, st.session_state.get("metric", DEFAULT_METRIC), lang)
    for tab, name, (spec, caption) in zip(tabs, ("compare", "ratios", "timeline", "context"), specs, strict=True):
        with tab:
            _chart(spec, caption, name, lang)


@st.cache_data(show_spinner=False, max_entries=64)
def _chart_specs(
    data_dir: str, signature: tuple, site_ids: tuple[str, ...], metric: str, lang: str
) -> tuple[tuple[dict | None, str], ...]:
    """The four charts as Vega-Lite dicts with their captions, built once per filter result."""
    ds, shown = _shown(data_dir, signature, site_ids)
    built = (
        charts.metric_chart(shown, metric, lang),
        charts.ratio_chart(shown, lang),
        charts.timeline_chart(shown, lang),
        charts.context_chart(ds.city_context, lang),
    )
    return tuple((charts.to_spec(chart) if chart is not None else None, caption) for chart, caption in built)


def _chart(spec: dict | None, caption: str, name: str, lang: str) -> None:
    """The chart, its caption (its text alternative), and PNG/SVG downloads made offline."""
    if spec is not None:
        st.vega_lite_chart(spec=spec, width="stretch")  # its description (the caption) is the accessible name
    st.caption(md(caption))
    if spec is None:
        return
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(
        tr("png", lang),
        data=lambda: _chart_image(json.dumps(spec, sort_keys=True), "png"),
        file_name=f"gba-{name}.png",
        mime="image/png",
        key=f"png_{name}",
        icon=":material/image:",
        on_click="ignore",
    )
    c2.download_button(
        tr("svg", lang),
        data=lambda: _chart_image(json.dumps(spec, sort_keys=True), "svg"),
        file_name=f"gba-{name}.svg",
        mime="image/svg+xml",
        key=f"svg_{name}",
        icon=":material/image:",
        on_click="ignore",
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _chart_image(spec: str, fmt: str) -> bytes | str:
    return charts.chart_image(json.loads(spec), fmt)


TABLE_COLUMNS = (
    "name_en",
    "name_zh",
    "category",
    "city",
    "status",
    "area_km2",
    "investment_cny_bn",
    "scientists",
    "scientists_target",
    "residents_planned",
    "daily_crossings",
    "year_established",
    "location_confidence",
    "location_uncertainty_m",
)


def _table(ds: Dataset, shown: pd.DataFrame, lang: str) -> None:
    st.subheader(tr("table", lang))
    frame = pd.DataFrame(shown[[*TABLE_COLUMNS]].copy())
    frame["category"] = frame["category"].map(lambda c: category_label(c, lang))
    config = {
        c: st.column_config.Column(label(c, lang), help=(FIELD_BY_NAME[c].help if c in FIELD_BY_NAME else None))
        for c in TABLE_COLUMNS
    }
    for c in ("area_km2", "investment_cny_bn"):
        config[c] = st.column_config.NumberColumn(label(c, lang), format="%.2f", help=FIELD_BY_NAME[c].help)
    for c in ("year_established",):
        config[c] = st.column_config.NumberColumn(label(c, lang), format="%d")
    ids = list(shown["site_id"])
    st.dataframe(
        frame.reset_index(drop=True),
        hide_index=True,
        column_config=config,
        key="table",
        on_select=lambda: _on_table_select(ids),
        selection_mode="single-row",
        width="stretch",
        alt=tr("table_alt", lang),
    )


def _downloads(key: tuple, ds: Dataset, state: FilterState, selected: str | None, lang: str) -> None:
    st.subheader(tr("downloads", lang))
    c1, c2, c3, c4 = st.columns(4)
    c1.download_button(
        tr("dl_csv", lang),
        data=lambda: _export(*key, "csv"),
        file_name="gba-sites.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )
    c2.download_button(
        tr("dl_geojson", lang),
        data=lambda: _export(*key, "geojson"),
        file_name="gba-sites.geojson",
        mime="application/geo+json",
        icon=":material/download:",
        on_click="ignore",
    )
    c3.download_button(
        tr("dl_map", lang),
        data=lambda: _map_html(*key, selected, lang),
        file_name="gba-map.html",
        mime="text/html",
        icon=":material/download:",
        on_click="ignore",
    )
    tour = _tour(ds)
    c4.download_button(
        tr("dl_site", lang),
        data=lambda: _bundle(key[0], key[1], state, tour.name if tour else None, lang),
        file_name="index.html",
        mime="text/html",
        icon=":material/folder_zip:",
        on_click="ignore",
    )


# ---- presenting -----------------------------------------------------------------------

PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
.stMainBlockContainer, .block-container { padding-top: 1rem !important; max-width: 100% !important; }
html { font-size: 20px; }
#scene-title { font-size: 2.2rem; font-weight: 700; line-height: 1.2; margin: 0; }
</style>
"""


def _presenter_style() -> None:
    st.html(PRESENTER_CSS)


def _presenter_panel(ds: Dataset, lang: str) -> None:
    """Scene title, notes and navigation; arrow keys drive Previous and Next."""
    tour = _tour(ds)
    number = st.session_state.get("scene")
    top = st.columns([5, 2, 2, 2], vertical_alignment="center")
    if tour and number:
        scene = tour.scenes[number - 1]
        with top[0]:
            st.caption(f"{md(tour.heading(lang))} · {tr('scene_of', lang).format(n=number, m=len(tour.scenes))}")
            st.markdown(
                f'<p id="scene-title" role="heading" aria-level="1">{esc(scene.heading(lang))}</p>',
                unsafe_allow_html=True,
            )
        top[1].button(
            tr("prev", lang),
            key="prev",
            shortcut="Left",
            disabled=number <= 1,
            icon=":material/arrow_back:",
            on_click=_go_to_scene,
            args=(ds, number - 1),
        )
        top[2].button(
            tr("next", lang),
            key="next",
            shortcut="Right",
            disabled=number >= len(tour.scenes),
            icon=":material/arrow_forward:",
            type="primary",
            on_click=_go_to_scene,
            args=(ds, number + 1),
        )
        if scene.text(lang):
            st.markdown(md(scene.text(lang)))
    else:
        top[0].title(tr("title", lang))
    top[3].button(tr("exit", lang), key="exit", on_click=_exit_present)


def _exit_present() -> None:
    st.session_state["present"] = False
    st.session_state["scene"] = None


def _save_scene(ds: Dataset, state: FilterState, selected: str | None, lang: str) -> None:
    """Save the current view as a new scene: a download of the tour JSON with it appended."""
    with st.expander(tr("save_scene", lang), icon=":material/slideshow:"):
        title = st.text_input(tr("scene_title", lang), value=tr("new_scene", lang), key="scene_title", max_chars=120)
        notes = st.text_area(tr("scene_notes", lang), key="scene_notes", max_chars=1000)
        view = ViewState(filters=state, site=selected, metric=st.session_state.get("metric", DEFAULT_METRIC))
        scene = Scene(title=title.strip() or tr("new_scene", lang), notes=notes.strip(), view=view)
        tour = _tour(ds)
        st.download_button(
            tr("download_tour", lang),
            data=with_scene(tour, scene),
            file_name=f"{tour.name if tour else 'my-tour'}.json",
            mime="application/json",
            icon=":material/download:",
            on_click="ignore",
        )
