""" "About this map": datum, lines, names, tiles and dates, on the page and in the bundle (#9)."""

from __future__ import annotations

import pytest

from gba_dash.map.tiles import OSM, parse_template
from gba_dash.publish.bundle import build_site
from gba_dash.words.about import about_lines, plain

from .conftest import run_app


def test_about_names_the_datum_the_sources_and_the_tiles():
    text = " ".join(about_lines(as_of=["2019", "2019-06"], tiles=OSM))
    for needle in ("WGS-84", "GCJ-02", "Natural Earth", "GeoNames (CC BY 4.0)", "2019 – 2019-06"):
        assert needle in text, needle
    assert "OpenStreetMap contributors" in text and "<a" not in text  # the attribution as text
    assert "offline basemap only" in " ".join(about_lines(as_of=["2019"], tiles=None))
    zh = " ".join(about_lines(as_of=["2019"], tiles=None, lang="zh"))
    assert "WGS-84" in zh and "GeoNames" in zh and "离线底图" in zh


def test_plain_attribution_reads_as_text():
    assert plain(OSM.attribution) == "© OpenStreetMap contributors"
    assert plain(parse_template("https://t.example.org/{z}/{x}/{y}.png", "<b>x</b> & y").attribution) == "<b>x</b> & y"


def test_bundle_carries_the_about_note(dataset):
    html = build_site(dataset, tiles=OSM)
    about = html[html.index('<section class="about">') :]
    about = about[: about.index("</section>")]
    assert "WGS-84" in about and "GeoNames (CC BY 4.0)" in about and "OpenStreetMap" in about
    html_zh = build_site(dataset, lang="zh", tiles=None)
    assert "关于本地图" in html_zh


@pytest.mark.page
def test_page_has_the_about_note():
    at = run_app()
    about = next(e for e in at.expander if e.label == "About this map")
    text = " ".join(m.value for m in about.markdown)
    assert "WGS\\-84" in text and "GeoNames" in text, text
