"""Page logic through streamlit.testing's AppTest (no browser)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from gba_dash.ui.browser.first_view import DRAWN

from .conftest import ROOT, run_app

APP = str(ROOT / "app.py")


def _run(query: dict[str, str] | None = None, env_data: str | None = None, monkeypatch=None) -> AppTest:
    if env_data is not None:
        monkeypatch.setenv("GBA_DASH_DATA", env_data)
    return run_app(query)


def _readback(at: AppTest) -> str:
    html = next(m.value for m in at.markdown if 'id="readback"' in m.value)
    return re.sub(r"<[^>]+>", "", html)


def _walk(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _walk(child)


def _map_args(at: AppTest) -> dict:
    comp = next(c for c in _walk(at._tree) if c.type == "component_instance")
    assert comp.proto.component_name == "streamlit_folium.st_folium"
    return json.loads(comp.proto.json_args)


def _marker_count(at: AppTest) -> int:
    """Site symbols the map shows: the ids the run's sites component carries (the map's
    layers carry every site, built for the opening view; gba_dash/ui/map_sites.py)."""
    comp = next(
        c for c in _walk(at._tree) if c.type == "bidi_component" and c.proto.component_name.endswith("map_sites")
    )
    ids = json.loads(comp.proto.json)["ids"]
    symbols = re.findall(r'"site": "([^"]+)","category"', _map_args(at)["feature_group"])
    assert set(ids) <= set(symbols), "a shown site the map's layers do not carry"
    return len(ids)


# The default view is "latest known": the 31 sites of the 2019 archive and the 13 opened or
# begun since 2019 (data version 2026.2); in Dongguan 4 + 5 new, among the facilities 6 + 11.
def test_page_renders_every_site_with_defaults():
    at = _run()
    assert _readback(at) == "44 of 44 sites: all sites"
    assert len(at.dataframe[-1].value) == 44
    args = _map_args(at)
    assert _marker_count(at) == 44
    assert args["js_links"][0] == "/app/static/leaflet/leaflet.js"
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])
    # fullscreen and measure load after the map has drawn, not before it
    assert not any("leaflet-measure" in link for link in args["js_links"])
    assert '"/app/static/leaflet-measure/leaflet-measure.min.js"' in args["script"]
    # Narrow, so panning never reruns the page; the hover text names a clicked symbol's site.
    assert args["returned_objects"] == ["last_object_clicked", "last_object_clicked_tooltip"]
    # The basemap (96 kB) is fetched once from the app's static files, not resent in every
    # rerun; the script carries the map's own code (gba-map.js and gba-layout.js, about 30 kB).
    assert '"/app/static/basemap.geojson"' in args["script"] and len(args["script"]) < 40_000


def test_the_first_view_sends_the_map_before_the_panels_below_it(monkeypatch):
    """On opening, the run sends the map, read-back and details, a note in the sidebar and a
    watcher, not the sidebar's controls, charts, table and downloads; once the browser says
    the map has drawn (the watcher's callback), the page's next run adds them, with the
    link's values, and later runs send everything at once."""
    monkeypatch.setenv("GBA_DASH_FIRST_VIEW", "map")
    at = _run({"city": "Dongguan", "lang": "zh"})
    assert _readback(at) == "显示 9 / 44 个站点：位于东莞的全部站点"
    assert _marker_count(at) == 9
    assert len(at.dataframe) == 0 and len(at.tabs) == 0
    assert len(at.sidebar.multiselect) == 0 and len(at.sidebar.radio) == 0 and len(at.sidebar.slider) == 0
    assert [c.value for c in at.sidebar.caption] == ["地图绘制完成后，筛选和设置随即显示…"]
    at.session_state[DRAWN] = True  # what the watcher's trigger sets
    at.run()
    assert len(at.dataframe[-1].value) == 9 and len(at.tabs) == 4
    assert at.multiselect(key="f_city").value == ["Dongguan"] and at.radio(key="lang").value == "zh"
    assert len(at.sidebar.caption) == 0 or "地图绘制完成后" not in at.sidebar.caption[0].value
    assert _readback(at) == "显示 9 / 44 个站点：位于东莞的全部站点"
    at.radio(key="lang").set_value("en").run()
    at.multiselect(key="f_city").set_value([])
    at.multiselect(key="f_category").set_value(["checkpoint"]).run()
    assert len(at.dataframe[-1].value) == 11 and len(at.tabs) == 4


def test_category_filter_changes_sentence_table_and_map():
    at = _run()
    at.multiselect(key="f_category").set_value(["checkpoint"]).run()
    assert _readback(at) == "11 of 44 sites: checkpoints"
    assert len(at.dataframe[-1].value) == 11
    assert _marker_count(at) == 11
    assert at.query_params["category"] == "checkpoint"


def test_a_filter_change_leaves_the_maps_element_as_it_was():
    """The layers carry every site, built for the opening view: a filter change sends the
    same map element (Streamlit then sends it by reference) and the sites it shows apart."""
    at = _run()
    before = _map_args(at)
    at.multiselect(key="f_category").set_value(["checkpoint"]).run()
    assert _map_args(at) == before
    assert _marker_count(at) == 11
    at.selectbox(key="site").set_value("gongbei-port").run()
    assert _map_args(at) != before  # a selection is drawn in the layers
    assert _marker_count(at) == 11


def test_search_and_city_filters():
    at = _run()
    at.multiselect(key="f_city").set_value(["Dongguan"])
    at.text_input(key="f_q").input("lab").run()
    assert _readback(at) == "1 of 44 sites: all sites in Dongguan, matching “lab”"
    assert list(at.dataframe[-1].value["name_en"]) == ["Songshan Lake Materials Laboratory"]


def test_query_parameters_restore_the_view():
    at = _run(
        {
            "category": "science_city,ai_park",
            "city": "Shenzhen,Huizhou",
            "site": "guangming-science-city",
            "metric": "residents_planned",
        }
    )
    assert _readback(at) == "2 of 44 sites: science cities and AI parks in Shenzhen, Huizhou"
    assert at.selectbox(key="site").value == "guangming-science-city"
    assert at.selectbox(key="metric").value == "residents_planned"
    assert any("Guangming Science City" in m.value for m in at.markdown)
    args = _map_args(at)
    assert _marker_count(at) == 2
    assert "Selected site" in args["layer_control"]
    assert '"site": "guangming-science-city","category": "science_city"' in args["feature_group"].split("Selected")[-1]
    assert not at.warning


def test_lang_zh_switches_labels():
    at = _run({"lang": "zh", "site": "csns"})
    assert at.title[0].value == "粤港澳大湾区科学城建设"
    assert _readback(at) == "显示 44 / 44 个站点：全部站点"
    assert any(m.value.startswith("### 中国散裂中子源") for m in at.markdown)
    assert at.multiselect(key="f_category").label == "类别"


@pytest.mark.parametrize(
    "query",
    [
        {"category": "<script>alert(1)</script>"},
        {"site": "nowhere", "area": "abc", "years": "1,2,3"},
        {"q": "x" * 10_000},
        {"bogus": "1", "lang": "klingon"},
    ],
)
def test_bad_parameters_warn_and_never_break_the_page(query):
    at = _run(query)
    assert at.warning, "a warning names the ignored parameter"
    for key in query:
        if key != "q" or len(query[key]) > 400:
            assert any(key in w.value for w in at.warning), (key, [w.value for w in at.warning])
    assert _marker_count(at) == 44
    assert "<script>" not in " ".join(w.value for w in at.warning)


def test_filters_update_the_url_and_reset_clears_it():
    at = _run()
    at.multiselect(key="f_category").set_value(["facility"]).run()
    at.selectbox(key="site").set_value("csns").run()
    assert at.query_params["category"] == "facility" and at.query_params["site"] == "csns"
    at.button(key="reset").click().run()
    assert _readback(at) == "44 of 44 sites: all sites"
    assert "category" not in at.query_params


def test_numeric_range_read_back_counts_not_reported():
    at = _run({"investment": "5,12", "category": "facility"})
    text = _readback(at)
    assert text.startswith("15 of 44 sites: facilities, investment 5–12 CNY bn")
    assert "without an investment reported kept" in text


def test_details_show_sources_badges_and_stories():
    at = _run({"site": "songshan-lake-materials-lab"})
    body = " ".join(m.value for m in at.markdown)
    assert "257 people" in body and "as of 2019\\-06" in body
    assert "Dongguan aims for star scientific role" in body
    assert any("Not reported" in c.value for c in at.caption)


def test_broken_data_directory_shows_the_problem_list(data_copy, monkeypatch):
    (data_copy / "sites.geojson").write_text("{", encoding="utf-8")
    at = _run(env_data=str(data_copy), monkeypatch=monkeypatch)
    assert at.error and "problems" in at.error[0].value
    assert "sites.geojson: line 1 column 2: malformed JSON" in at.code[0].value


def test_presenter_link_opens_the_scene_and_next_moves_on():
    at = _run({"present": "1", "scene": "2"})
    assert any("Dongguan: the neutron source" in m.value for m in at.markdown)
    assert _readback(at) == "9 of 44 sites: all sites in Dongguan"
    assert at.selectbox(key="site").value == "csns"
    at.button(key="next").click().run()
    assert at.query_params["scene"] == "3" and at.query_params["present"] == "1"
    assert at.selectbox(key="site").value == "guangming-science-city"
    args = _map_args(at)
    assert args["zoom"] == 11 and args["center"] == [22.84, 113.93]
    at.button(key="prev").click().run()
    assert at.query_params["scene"] == "2"
    at.button(key="exit").click().run()
    assert "present" not in at.query_params and "scene" not in at.query_params


def test_presenter_toggle_starts_the_tour_at_scene_one():
    at = _run()
    at.toggle(key="present").set_value(True).run()
    assert at.query_params["scene"] == "1"
    assert _readback(at) == "4 of 44 sites: science cities"


def test_unknown_scene_warns():
    at = _run({"present": "1", "scene": "99"})
    assert any("'scene'" in w.value for w in at.warning)


def test_save_scene_offers_the_tour_with_the_new_scene():
    at = _run({"site": "csns"})
    assert at.text_input(key="scene_title").value == "New scene"


def test_synthetic_100k_layer_is_drawn_aggregated_and_counted():
    at = _run()
    at.selectbox(key="own_synth").set_value(100_000).run()
    assert not at.exception
    args = _map_args(at)
    cells = args["script"].count('"type": "Polygon"')
    assert 100 < cells <= 2_000  # H3 hexagons: never 100,000 markers
    assert _marker_count(at) == 44  # site symbols unchanged
    near = next(d for d in at.dataframe if "points" in d.value.columns).value
    assert len(near) == 44 and near["points"].max() > 1_000
    assert any("100,000 points in all" in c.value for c in at.caption)


def test_own_layer_from_a_path_in_config(tmp_path, monkeypatch):
    path = tmp_path / "mine.csv"
    path.write_text("lat,lon,name\n22.913,113.955,next to CSNS\n", encoding="utf-8")
    monkeypatch.setenv("GBA_DASH_OWN_LAYER", str(path))
    at = _run()
    near = next(d for d in at.dataframe if "points" in d.value.columns).value
    assert near["points"].sum() >= 1
    assert "next to CSNS" in _map_args(at)["script"]


def test_own_layer_in_gbk_says_how_it_was_read(tmp_path, monkeypatch):
    path = tmp_path / "实验室.csv"
    path.write_bytes("名称;经度;纬度\n中子源旁;113.955;22.913\n".encode("gbk"))
    monkeypatch.setenv("GBA_DASH_OWN_LAYER", str(path))
    at = _run()
    near = next(d for d in at.dataframe if "points" in d.value.columns).value
    assert near["points"].sum() >= 1
    notes = " ".join(c.value for c in at.sidebar.caption).replace("\\", "")
    assert "read as GB18030 (GBK), semicolon-separated" in notes


def test_broken_own_layer_shows_its_problems(tmp_path, monkeypatch):
    path = tmp_path / "bad.csv"
    path.write_text("lat,lon\n113.8,22.9\n113.9,22.9\n", encoding="utf-8")
    monkeypatch.setenv("GBA_DASH_OWN_LAYER", str(path))
    at = _run()
    text = " ".join(e.value for e in at.sidebar.error)
    assert "bad.csv: line 3" in text.replace("\\", "") and "swapped" in text
    assert _marker_count(at) == 44


def test_an_own_layer_with_a_bad_row_keeps_the_good_ones_and_says_which(tmp_path, monkeypatch):
    """Issue #27, item 9: the swapped row is left out by its number, the good row drawn."""
    path = tmp_path / "mixed.csv"
    path.write_text("lat,lon\n22.9,113.9\n113.9,22.9\n", encoding="utf-8")
    monkeypatch.setenv("GBA_DASH_OWN_LAYER", str(path))
    at = _run()
    assert not at.sidebar.error
    text = " ".join(e.value for e in at.sidebar.warning).replace("\\", "")
    assert "mixed.csv: 1 of 2 rows left out" in text and "row 3, latitude 113.9, longitude 22.9" in text, text
    assert _marker_count(at) == 44


_query_text = st.text(max_size=60)


@settings(max_examples=12, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            ["category", "city", "q", "site", "metric", "lang", "area", "years", "present", "scene", "zzz"]
        ),
        _query_text,
        max_size=5,
    )
)
def test_any_link_renders_the_page(query):
    """Fuzzed links: the page always renders, with warnings instead of exceptions."""
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any('id="readback"' in m.value for m in at.markdown)


FULL_LINK = {
    "category": "facility,science_city",
    "city": "Dongguan,Shenzhen",
    "focus": "materials science",
    "q": "lab",
    "area": "0.5,60",
    "investment": "1,12",
    "years": "2012,2020",
    "not_reported": "hide",
    "site": "songshan-lake-materials-lab",
    "metric": "scientists",
    "lang": "zh",
}


def test_every_link_parameter_is_loaded_into_the_page_and_written_back():
    at = _run(FULL_LINK)
    assert not at.warning, [w.value for w in at.warning]
    assert at.multiselect(key="f_category").value == ["facility", "science_city"]
    assert at.multiselect(key="f_city").value == ["Dongguan", "Shenzhen"]
    assert at.multiselect(key="f_focus").value == ["materials science"]
    assert at.text_input(key="f_q").value == "lab"
    assert at.slider(key="f_area").value == (0.5, 60.0)
    assert at.slider(key="f_investment").value == (1.0, 12.0)
    assert at.slider(key="f_years").value == (2012, 2020)
    assert at.checkbox(key="f_keep").value is False
    assert at.selectbox(key="site").value == "songshan-lake-materials-lab"
    assert at.selectbox(key="metric").value == "scientists"
    text = _readback(at)
    assert text.startswith("显示 1 / 44 个站点") and "名称含“lab”" in text and "年份 2012–2020" in text
    # The page writes the same view back into the address bar, parameter for parameter.
    assert {k: at.query_params[k] for k in at.query_params} == FULL_LINK


@pytest.mark.parametrize(
    ("widget", "value", "param", "expected"),
    [
        ("f_focus", ["marine science"], "focus", "marine science"),
        ("f_q", "port", "q", "port"),
        ("f_area", (1.0, 50.0), "area", "1,50"),
        ("f_investment", (0.5, 10.0), "investment", "0.5,10"),
        ("f_years", (2015, 2019), "years", "2015,2019"),
        ("f_keep", False, "not_reported", "hide"),
    ],
)
def test_each_filter_is_written_to_the_link(widget, value, param, expected):
    at = _run()
    kind = {"f_focus": "multiselect", "f_q": "text_input", "f_keep": "checkbox"}.get(widget, "slider")
    getattr(at, kind)(key=widget).set_value(value).run()
    assert at.query_params[param] == expected


def test_details_list_the_nearest_sites_with_distances():
    at = _run({"site": "csns"})
    body = " ".join(m.value for m in at.markdown)
    # three sites added since 2019 are placed at CSNS's own estimate (0 km, each with its
    # uncertainty, as the note under the list says): the attosecond laser (data 2026.2's
    # position review: "near CSNS") and the two light-source sites
    assert (
        "**Nearest sites:** Advanced Attosecond Laser Facility \\(Dongguan part\\) 0 km, "
        "Southern Advanced Photon Source research and test platform 0 km, "
        "Southern Advanced Photon Source \\(planned\\) 0 km"
    ) in body


def test_own_layer_stays_off_the_projector_unless_chosen_and_links_flag_it(tmp_path, monkeypatch):
    path = tmp_path / "mine.csv"
    path.write_text("lat,lon,name\n22.913,113.955,secret lab\n", encoding="utf-8")
    monkeypatch.setenv("GBA_DASH_OWN_LAYER", str(path))
    at = _run()
    assert "secret lab" in _map_args(at)["script"] and at.query_params["own"] == "1"
    at.toggle(key="present").set_value(True).run()
    assert "secret lab" not in _map_args(at)["script"]
    at.checkbox(key="own_in_present").check().run()
    assert "secret lab" in _map_args(at)["script"]


def test_a_link_made_with_an_own_layer_tells_the_receiver():
    at = _run({"own": "1"})
    assert any("sender's own layer" in i.value for i in at.info)


def test_own_figures_become_a_metric_a_ratio_and_a_column(tmp_path, monkeypatch):
    path = tmp_path / "mine.csv"
    path.write_text(
        "name_en;patents\nNansha Science City;120\nＧuangming Science City;55\nAtlantis;1\n", encoding="utf-8"
    )
    monkeypatch.setenv("GBA_DASH_OWN_FIGURES", str(path))
    at = _run({"site": "nansha-science-city"})
    metric = at.selectbox(key="metric")
    assert "own:patents" in metric.options or "patents (your data)" in metric.options
    warning = " ".join(w.value for w in at.sidebar.warning).replace("\\", "")
    assert "1 rows match no site" in warning and "Atlantis" in warning
    table = at.dataframe[-1].value
    assert table.set_index("name_en").at["Nansha Science City", "own:patents"] == 120
    assert "Your figures (not verified):** patents 120" in " ".join(m.value for m in at.markdown)
    metric.set_value("own:patents").run()
    captions = " ".join(c.value for c in at.caption)
    assert "patents (your data): Nansha Science City 120; Guangming Science City 55" in captions.replace("\\", "")
    assert "metric" not in at.query_params and at.query_params["own"] == "1"  # own figures never travel


def test_a_parquet_of_more_points_than_an_upload_may_hold_goes_out_of_core(tmp_path, monkeypatch):
    from gba_dash.own import layer as ownlayer
    from gba_dash.own.large import synthetic_parquet
    from gba_dash.ui.panels import own as own_panel

    path = synthetic_parquet(3_000, tmp_path / "compact.parquet")
    monkeypatch.setattr(own_panel, "MAX_POINTS", 2_000)  # a small file, more rows than allowed
    monkeypatch.setattr(ownlayer, "MAX_POINTS", 2_000)
    monkeypatch.setenv("GBA_DASH_OWN_LAYER", str(path))
    at = _run()
    notes = " ".join(c.value for c in at.sidebar.caption).replace("\\", "")
    assert "3,000 rows aggregated out of core (DuckDB)" in notes


def test_a_deployers_large_layer_is_aggregated_out_of_core(tmp_path, monkeypatch):
    from gba_dash.own.large import synthetic_parquet
    from gba_dash.ui.panels import own as own_panel

    path = synthetic_parquet(30_000, tmp_path / "firms.parquet")
    monkeypatch.setattr(own_panel, "LARGE_PATH_BYTES", 1_000)  # this file counts as "large" here
    monkeypatch.setenv("GBA_DASH_OWN_LAYER", str(path))
    at = _run()
    notes = " ".join(c.value for c in at.sidebar.caption).replace("\\", "")
    assert "30,000 rows aggregated out of core (DuckDB)" in notes
    assert _map_args(at)["script"].count('"type": "Polygon"') <= 2_000
    assert any("30,000 points in all" in c.value for c in at.caption)


def test_own_figures_enter_the_downloads_only_when_ticked(tmp_path, monkeypatch):
    from gba_dash.ui import cache

    path = tmp_path / "mine.csv"
    path.write_text("site_id,patents\ncsns,7\n", encoding="utf-8")
    monkeypatch.setenv("GBA_DASH_OWN_FIGURES", str(path))
    at = _run()
    assert at.checkbox(key="own_include").value is False
    key = (str(ROOT / "data"), cache.signature(ROOT / "data"), ("csns",))
    assert "your data" not in cache.export(*key, "csv")
    mine = (("own:patents", (("csns", 7.0),)),)
    text = cache.export(*key, "csv", mine)
    assert "patents (your data, not verified)" in text.splitlines()[0] and ",7.0," in text
    doc = json.loads(cache.export(*key, "geojson", mine))
    assert doc["features"][0]["properties"]["patents (your data, not verified)"] == 7.0


def test_each_chart_is_cached_on_what_it_shows():
    from gba_dash.ui import cache

    ids, own = ("csns", "nansha-science-city"), (("csns", 1.0),)
    compare = cache.chart_key("compare", ids, "scientists", None)
    assert compare == (ids, "scientists", None) != cache.chart_key("compare", ids, "residents", None)
    assert cache.chart_key("compare", ids[:1], "scientists", None) != compare
    # The ratios and the timeline do not depend on the chosen metric, unless it is the reader's own.
    assert cache.chart_key("ratios", ids, "scientists", None) == cache.chart_key("ratios", ids, "residents", None)
    assert cache.chart_key("ratios", ids, "own:x", own) == (ids, "own:x", own)
    assert cache.chart_key("timeline", ids, "scientists", None)[0] == ids
    assert cache.chart_key("timeline", ids[:1], "scientists", None)[0] == ids[:1]
    # The context chart shows every city whatever the filters.
    assert cache.chart_key("context", ids, "scientists", None) == cache.chart_key("context", (), "residents", own)


@pytest.mark.parametrize("env", ["GBA_DASH_OWN_LAYER", "GBA_DASH_OWN_FIGURES"])
def test_a_deployers_fifo_or_device_is_named_not_waited_on(tmp_path, monkeypatch, env):
    """A FIFO would hang every page visit and /dev/zero would run until memory ran out: both
    are named on the page, and the page renders (issue #25)."""
    fifo = tmp_path / "mine.parquet"
    os.mkfifo(fifo)
    for path, kind in ((fifo, "is a FIFO, not a regular file"), (Path("/dev/zero"), "is a device or socket")):
        monkeypatch.setenv(env, str(path))
        at = _run()
        assert not at.exception, [e.value for e in at.exception]
        text = " ".join(e.value for e in at.sidebar.error).replace("\\", "")
        assert f"{path.name}: {kind}" in text, text
        assert _marker_count(at) == 44


def test_a_deployers_oversized_file_is_refused_after_reading_at_most_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "figures.csv"
    path.write_bytes(b"site_id,patents\n" + b"csns,1\n" * 1_000_000)  # 7 MB, over the 5 MB limit
    monkeypatch.setenv("GBA_DASH_OWN_FIGURES", str(path))
    at = _run()
    text = " ".join(e.value for e in at.sidebar.error).replace("\\", "")
    assert "figures.csv: file is over 5242880 bytes, the limit" in text, text


def test_the_chinese_page_says_a_links_warnings_in_chinese():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "zh"
    at.query_params["zzz"] = "1"
    at.run()
    text = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "已忽略未知的链接参数“zzz”。" in text, text
    assert "Unknown link parameter" not in text


@pytest.mark.parametrize("lang", ["en", "zh", "zh-Hant"])
def test_missing_values_read_not_reported_never_none(lang):
    """Every table shows a missing cell as "not reported" in the page's language (the grid
    draws on a canvas, so its placeholder is read from the element); no text says None."""
    from gba_dash.words.i18n import t

    at = _run({"site": "pearl-science-park", "lang": lang})  # details with sub-projects
    assert len(at.dataframe) >= 2
    assert {d.proto.placeholder for d in at.dataframe} == {t("nr", lang)}
    texts = [getattr(e, "value", "") for e in (*at.markdown, *at.caption, *at.info, *at.warning, *at.subheader)]
    assert not [s for s in texts if re.search(r"\bNone\b", str(s))]
