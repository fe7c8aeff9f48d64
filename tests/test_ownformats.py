"""A researcher's own file in the formats GIS tools and spreadsheets write (issue #11).

Every fixture is built here, in the test: a GBK CSV as Chinese-locale Excel saves it, a
semicolon CSV, an Excel sheet, a GeoPackage with two layers, a zipped Shapefile in the
Hong Kong 1980 Grid (EPSG:2326), KML, FlatGeobuf, GeoParquet and plain Parquet, and the
broken variants of each.
"""

from __future__ import annotations

import io
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import LineString, Point, Polygon

from gba_dash.own.formats import layers_of, sniff_delimiter
from gba_dash.own.gcj02 import to_gcj02, to_wgs84
from gba_dash.own.layer import csv_header, read_layer
from gba_dash.read.schema import DataError

LABS = gpd.GeoDataFrame(
    {"name": ["松山湖材料实验室", "Peng Cheng Lab"]},
    geometry=[Point(113.8937, 22.9095), Point(113.9329, 22.5408)],
    crs=4326,
)


def _problems(data: bytes, name: str, **kw) -> list[str]:
    with pytest.raises(DataError) as info:
        read_layer(data, name, **kw)
    return [str(p) for p in info.value.problems]


def _write(frame, tmp_path, name: str, **kw) -> bytes:
    path = tmp_path / name
    frame.to_file(path, **kw)
    return path.read_bytes()


def _zip(tmp_path, stem: str, exts=("shp", "shx", "dbf", "prj", "cpg")) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for ext in exts:
            path = tmp_path / f"{stem}.{ext}"
            if path.exists():
                z.write(path, f"{stem}.{ext}")
    return buf.getvalue()


def _same_points(layer, frame=LABS) -> None:
    got = layer.frame.sort_values("name").reset_index(drop=True)
    want = pd.DataFrame({"lon": frame.geometry.x, "lat": frame.geometry.y, "name": frame["name"]})
    want = want.sort_values("name").reset_index(drop=True)
    assert list(got["name"]) == list(want["name"])
    np.testing.assert_allclose(got[["lon", "lat"]].to_numpy(), want[["lon", "lat"]].to_numpy(), atol=1e-6)


# ---- text tables ------------------------------------------------------------------------


def test_gbk_csv_from_chinese_excel_with_chinese_headers():
    data = "名称,经度,纬度\n松山湖材料实验室,113.8937,22.9095\nPeng Cheng Lab,113.9329,22.5408\n".encode("gbk")
    layer = read_layer(data, "实验室.csv")
    _same_points(layer)
    assert layer.notes == ("read as GB18030 (GBK), comma-separated",)
    assert csv_header(data) == ["名称", "经度", "纬度"]


def test_big5_csv():
    data = "名稱,lat,lon\n香港科學園,22.4255,114.2100\n".encode("big5")
    layer = read_layer(data, "hk.csv")
    assert list(layer.frame["name"]) == ["香港科學園"] and layer.notes[0].startswith("read as Big5")


@pytest.mark.parametrize(
    ("body", "delimiter", "note"),
    [
        ("name;lat;lon\nlab;22.9;113.9\n", ";", "semicolon"),
        ("name\tlat\tlon\nlab\t22.9\t113.9\n", "\t", "tab"),
        ("name|lat|lon\nlab|22.9|113.9\n", "|", "pipe"),
        ("\ufeffname,lat,lon\nlab,22.9,113.9\n", ",", "comma"),
    ],
)
def test_delimiters_are_detected(body, delimiter, note):
    assert sniff_delimiter(body) == delimiter
    layer = read_layer(body.encode("utf-8"), "pts.tsv" if delimiter == "\t" else "pts.csv")
    assert layer.frame.iloc[0][["lat", "lon"]].tolist() == [22.9, 113.9]
    assert note in layer.notes[0]


def test_text_that_is_no_known_encoding_is_named():
    assert _problems(b"lat,lon\n\xff\xfe\xff,1\n", "pts.csv") == [
        "pts.csv: not text in UTF-8, GB18030/GBK or Big5; save the table as CSV UTF-8 and upload again"
    ]


# ---- Excel, Parquet ----------------------------------------------------------------------


def test_excel_first_sheet_and_a_chosen_sheet(tmp_path):
    path = tmp_path / "labs.xlsx"
    pyogrio.write_dataframe(pd.DataFrame({"名称": ["a"], "纬度": [22.9], "经度": [113.9]}), path, layer="first")
    pyogrio.write_dataframe(
        pd.DataFrame({"name": ["b", "c"], "lat": [22.5, 22.6], "lon": [114.0, 114.1]}),
        path,
        layer="second",
        append=True,
    )
    data = path.read_bytes()
    assert layers_of(data, "labs.xlsx") == ["first", "second"]
    assert list(read_layer(data, "labs.xlsx").frame["name"]) == ["a"]
    second = read_layer(data, "labs.xlsx", layer="second")
    assert list(second.frame["name"]) == ["b", "c"] and "layer second" in second.notes
    assert _problems(data, "labs.xlsx", layer="third") == [
        "labs.xlsx: field 'layer': value 'third': no such layer; layers: first, second"
    ]


def test_excel_rows_are_named_like_csv_lines(tmp_path):
    path = tmp_path / "bad.xlsx"
    pyogrio.write_dataframe(pd.DataFrame({"lat": ["y", "x"], "lon": ["113.9", "114"]}), path)
    assert _problems(path.read_bytes(), "bad.xlsx") == [
        "bad.xlsx: line 2: field 'lat': value 'y': not a number",
        "bad.xlsx: line 3: field 'lat': value 'x': not a number",
    ]
    # with a good row beside it, the bad one is left out under the same number
    pyogrio.write_dataframe(pd.DataFrame({"lat": ["22.9", "x"], "lon": ["113.9", "114"]}), path)
    layer = read_layer(path.read_bytes(), "bad.xlsx")
    assert len(layer) == 1 and layer.left_out.rows == (3,)


def test_geoparquet_and_plain_parquet(tmp_path):
    LABS.to_parquet(tmp_path / "labs.parquet")
    _same_points(read_layer((tmp_path / "labs.parquet").read_bytes(), "labs.parquet"))
    pd.DataFrame({"name": ["a"], "latitude": [22.9], "longitude": [113.9]}).to_parquet(tmp_path / "plain.parquet")
    plain = read_layer((tmp_path / "plain.parquet").read_bytes(), "plain.parquet")
    assert plain.frame.iloc[0][["lat", "lon"]].tolist() == [22.9, 113.9]
    assert _problems(b"PAR1 not really", "x.parquet")[0].startswith("x.parquet: cannot be read as Parquet")


# ---- GIS formats --------------------------------------------------------------------------


def test_geopackage_with_two_layers(tmp_path):
    path = tmp_path / "two.gpkg"
    LABS.to_file(path, layer="labs")
    LABS.iloc[:1].to_file(path, layer="one", mode="a")
    data = path.read_bytes()
    assert layers_of(data, "two.gpkg") == ["labs", "one"]
    _same_points(read_layer(data, "two.gpkg"))
    assert list(read_layer(data, "two.gpkg", layer="one").frame["name"]) == ["松山湖材料实验室"]


def test_zipped_shapefile_in_hong_kong_grid_is_reprojected(tmp_path):
    LABS.to_crs(2326).to_file(tmp_path / "labs.shp", encoding="utf-8")
    layer = read_layer(_zip(tmp_path, "labs"), "labs.zip")
    _same_points(layer)
    assert layer.notes == ("reprojected from EPSG:2326 to WGS-84",)


def test_broken_shapefile_zips_are_named(tmp_path):
    LABS.to_crs(2326).to_file(tmp_path / "labs.shp")
    assert _problems(_zip(tmp_path, "labs", ("dbf", "prj")), "labs.zip") == [
        "labs.zip: the zip holds no .shp file: zip the .shp, .shx, .dbf and .prj"
    ]
    assert _problems(_zip(tmp_path, "labs", ("shp", "shx", "prj")), "labs.zip") == [
        "labs.zip: value 'labs.shp': the shapefile lacks its .dbf file"
    ]
    assert _problems(_zip(tmp_path, "labs", ("shp", "shx", "dbf")), "labs.zip") == [
        "labs.zip: field 'crs': the layer has no coordinate reference system (a Shapefile needs its .prj)"
    ]
    assert _problems(b"PK not a zip", "labs.zip") == ["labs.zip: not a zip archive"]


@pytest.mark.parametrize(("name", "driver"), [("labs.kml", "KML"), ("labs.fgb", "FlatGeobuf")])
def test_kml_and_flatgeobuf(tmp_path, name, driver):
    _same_points(read_layer(_write(LABS, tmp_path, name, driver=driver), name))


def test_polygons_from_a_geopackage_in_another_crs(tmp_path):
    districts = gpd.GeoDataFrame(
        {"name": ["a"], "firms": [12]}, geometry=[Polygon([(113.9, 22.5), (114, 22.5), (114, 22.6)])], crs=4326
    )
    layer = read_layer(_write(districts.to_crs(2326), tmp_path, "d.gpkg"), "d.gpkg")
    assert layer.kind == "polygons" and list(layer.shapes["firms"]) == [12]
    assert layer.shapes.geometry.iloc[0].equals_exact(districts.geometry.iloc[0], tolerance=1e-6)


def test_a_layer_mixing_polygons_and_lines_is_named(tmp_path):
    mixed = gpd.GeoDataFrame(
        {"name": ["p", "l"]},
        geometry=[Polygon([(113.9, 22.5), (114, 22.5), (114, 22.6)]), LineString([(113.9, 22.5), (114, 22.6)])],
        crs=4326,
    )
    assert _problems(_write(mixed, tmp_path, "mixed.gpkg"), "mixed.gpkg") == [
        "mixed.gpkg: feature 1: field 'geometry': value 'LineString': a layer holds one kind of geometry "
        "(points, polygons or lines); this one has 1 Polygon, 1 LineString"
    ]


def test_points_outside_the_gba_after_reprojection_are_named(tmp_path):
    far = gpd.GeoDataFrame({"name": ["Paris"]}, geometry=[Point(2.35, 48.85)], crs=4326)
    problems = _problems(_write(far.to_crs(3857), tmp_path, "far.fgb", driver="FlatGeobuf"), "far.fgb")
    assert problems[0].startswith("far.fgb: feature 0: field 'geometry': value '2.350000,48.850000': outside the GBA")


@pytest.mark.parametrize("name", ["x.gpkg", "x.kml", "x.fgb", "x.xlsx"])
def test_garbage_in_each_gis_format_is_named(name):
    problems = _problems(b"not what the name says", name)
    assert len(problems) == 1 and problems[0].startswith(f"{name}: cannot be read as {name[2:].upper()}: "), problems


def test_garbage_in_a_gis_format_and_unknown_formats(tmp_path):
    assert _problems(b"not a geopackage", "x.gpkg") == [
        "x.gpkg: cannot be read as GPKG: the file not recognized as being in a supported file format"
    ]
    assert _problems(b"lat,lon\n", "pts.docx")[0].startswith("pts.docx: not a format read here; expected one of .csv")


# ---- GCJ-02 --------------------------------------------------------------------------------

# (WGS-84 lon, lat, GCJ-02 lon, lat): published pairs of two independent implementations of
# the formula, coordtransform (Beijing) and eviltransform (Shenzhen, Shanghai, Beijing).
PAIRS = [
    (116.404, 39.915, 116.41024449916938, 39.91640428150164),
    (113.912316, 22.543847, 113.9171764808363, 22.540796131694766),
    (121.5272106, 31.1774276, 121.531541859215, 31.17530398364597),
    (116.377817, 39.911954, 116.38404722455657, 39.91334545536069),
]


@pytest.mark.parametrize(("wlon", "wlat", "glon", "glat"), PAIRS)
def test_gcj02_matches_the_published_pairs_both_ways(wlon, wlat, glon, glat):
    lon, lat = to_gcj02(wlon, wlat)
    assert (float(lon), float(lat)) == pytest.approx((glon, glat), abs=1e-9)
    lon, lat = to_wgs84(glon, glat)
    # the inverse is iterative: back to the WGS-84 point within a centimetre
    assert (float(lon), float(lat)) == pytest.approx((wlon, wlat), abs=1e-7)


def test_gcj02_leaves_points_outside_china_alone():
    assert tuple(map(float, to_wgs84(2.35, 48.85))) == (2.35, 48.85)


def test_gcj02_option_converts_an_upload():
    glon, glat = to_gcj02(LABS.geometry.x.to_numpy(), LABS.geometry.y.to_numpy())
    body = "name,lat,lon\n" + "".join(
        f"{n},{a:.8f},{o:.8f}\n" for n, a, o in zip(LABS["name"], glat, glon, strict=True)
    )
    shifted = read_layer(body.encode(), "amap.csv")
    assert np.abs(shifted.frame["lon"].to_numpy() - LABS.geometry.x.to_numpy()).max() > 0.003  # hundreds of metres
    layer = read_layer(body.encode(), "amap.csv", gcj02=True)
    _same_points(layer)
    assert layer.notes[-1] == "coordinates converted from GCJ-02 to WGS-84"


# ---- kept apart, kept private ---------------------------------------------------------------


def test_a_link_says_an_own_layer_was_on_but_carries_none_of_it(dataset):
    from gba_dash.view.share import ViewState, Vocab, decode, encode

    assert encode(ViewState(own=True)) == {"own": "1"}
    assert decode({"own": "1"}, Vocab.from_sites(dataset.sites)) == (ViewState(own=True), [])
