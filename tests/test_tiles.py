"""The deployer's tile setting: parsed once, refused with a message naming it (issue #9)."""

from __future__ import annotations

import pytest

from gba_dash.cli import main
from gba_dash.map import base as mapview
from gba_dash.map.tiles import OSM, TilesConfigError, parse_template, tiles_from_env

from .conftest import ROOT, run_app

EMPTY = {"type": "FeatureCollection", "features": []}


def test_unset_means_openstreetmap_and_off_means_none():
    assert tiles_from_env({}) == OSM
    assert tiles_from_env({"GBA_DASH_TILES": "  "}) == OSM
    for off in ("off", "OFF", "none", "0"):
        assert tiles_from_env({"GBA_DASH_TILES": off}) is None


def test_probe_tile_lies_over_the_delta():
    # Tile 8/208/111 covers 112.5-113.9E, 22.6-23.9N: the middle of the Pearl River Delta.
    assert OSM.probe_url() == "https://tile.openstreetmap.org/8/208/111.png"
    src = parse_template("https://{s}.tiles.example.org/{z}/{x}/{y}{r}.png")
    assert src.probe_url() == "https://a.tiles.example.org/8/208/111.png"


def test_a_deployer_template_with_plain_text_attribution():
    src = tiles_from_env(
        {"GBA_DASH_TILES": "https://tiles.example.org/{z}/{x}/{y}.png", "GBA_DASH_TILES_ATTRIBUTION": "© <b>Us</b>"}
    )
    assert src.url == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert src.attribution == "© &lt;b&gt;Us&lt;/b&gt;"  # text, never markup
    assert parse_template("http://127.0.0.1:8080/{z}/{x}/{y}.png").attribution == "Tiles: 127.0.0.1"


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("ftp://tiles.example.org/{z}/{x}/{y}.png", "not an http(s) URL template"),
        ("tiles.example.org/{z}/{x}/{y}.png", "not an http(s) URL template"),
        ("https://tiles.example.org/{z}/{x}.png", "no {y} placeholder"),
        ("https://tiles.example.org/{z}/{x}/{y}/{apikey}.png", "unknown placeholder {apikey}"),
        ("https://tiles.example.org/{z}/{x}/{y}.png}", "unbalanced braces"),
        ('https://tiles.example.org/{z}/{x}/{y}.png"onerror="x', "no spaces, quotes"),
        ("https://tiles.example.org/{z} /{x}/{y}.png", "no spaces, quotes"),
        ("https://webrd01.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}", "GCJ-02"),
        ("https://maponline0.bdimg.com/tile/?x={x}&y={y}&z={z}", "GCJ-02"),
        # the same hosts written another way: a trailing root dot, capitals, the .cn domains,
        # full-width letters (IDNA maps them to ASCII)
        ("https://webrd01.is.autonavi.com./appmaptile?x={x}&y={y}&z={z}", "GCJ-02"),
        ("https://WEBRD01.IS.AUTONAVI.COM../appmaptile?x={x}&y={y}&z={z}", "GCJ-02"),
        ("https://webrd01.is.autonavi.cn/appmaptile?x={x}&y={y}&z={z}", "GCJ-02"),
        ("https://webst01.is.amap.cn/appmaptile?x={x}&y={y}&z={z}", "GCJ-02"),
        ("https://rt0.map.gtimg.cn/tile?z={z}&x={x}&y={y}", "GCJ-02"),
        ("https://maponline0.bdstatic.com/tile/?x={x}&y={y}&z={z}", "GCJ-02"),
        ("https://webrd01.is.\uff41\uff55\uff54\uff4f\uff4e\uff41\uff56\uff49.com/t?x={x}&y={y}&z={z}", "GCJ-02"),
        ("https://x.example.org/" + "a" * 2000 + "/{z}/{x}/{y}.png", "longer than 2,000"),
    ],
)
def test_unusable_templates_are_refused_by_name(raw, why):
    with pytest.raises(TilesConfigError) as err:
        tiles_from_env({"GBA_DASH_TILES": raw})
    message = str(err.value)
    assert message.startswith("GBA_DASH_TILES=") and why in message and "GBA_DASH_TILES=off" in message


def test_the_map_carries_the_probe_only_with_a_source():
    with_tiles = mapview.base_map(EMPTY, tiles=OSM).get_root().render()
    assert OSM.probe_url() in with_tiles and "L.tileLayer" in with_tiles
    assert "gbaMapKit.liveTiles(" in with_tiles
    without = mapview.base_map(EMPTY, tiles=None).get_root().render()
    assert "gbaMapKit.liveTiles(" not in without and "L.tileLayer" not in without


def test_cli_check_names_the_tile_setting(monkeypatch, capsys):
    monkeypatch.setenv("GBA_DASH_DATA", str(ROOT / "data"))
    monkeypatch.delenv("GBA_DASH_TILES", raising=False)
    assert main(["check"]) == 0
    assert "tiles: OpenStreetMap when the browser reaches it, else offline" in capsys.readouterr().out
    monkeypatch.setenv("GBA_DASH_TILES", "off")
    assert main(["check"]) == 0
    assert "tiles: off (offline basemap only)" in capsys.readouterr().out
    monkeypatch.setenv("GBA_DASH_TILES", "gopher://x/{z}/{x}/{y}")
    assert main(["check"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("gba-dash: GBA_DASH_TILES='gopher://x/{z}/{x}/{y}'")


def test_export_site_refuses_a_bad_setting_and_carries_a_good_one(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("GBA_DASH_TILES", "https://tiles.example.org/{z}/{x}.png")
    assert main(["export-site", str(tmp_path / "bad")]) == 1
    assert not (tmp_path / "bad" / "index.html").exists()
    assert "no {y} placeholder" in capsys.readouterr().err
    monkeypatch.setenv("GBA_DASH_TILES", "https://tiles.example.org/{z}/{x}/{y}.png")
    assert main(["export-site", str(tmp_path / "good")]) == 0
    html = (tmp_path / "good" / "index.html").read_text(encoding="utf-8")
    assert "https://tiles.example.org/8/208/111.png" in html


@pytest.mark.page
def test_page_warns_of_a_bad_setting_and_stays_offline(monkeypatch):
    monkeypatch.setenv("GBA_DASH_TILES", "https://tiles.example.org/{z}/{x}.png")
    at = run_app()
    warnings = [w.value for w in at.warning]
    assert any("Online tiles are off" in w and "GBA\\_DASH\\_TILES" in w for w in warnings), warnings
