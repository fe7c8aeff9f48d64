"""The offline share bundle (export-site): self-contained, escaped, complete."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from gba_dash.cli import main
from gba_dash.publish.bundle import build_site
from gba_dash.view.filters import FilterState

# Anything the browser would fetch by itself: scripts, styles, images, frames, CSS urls.
EXTERNAL = re.compile(
    r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""",
    re.I,
)


@pytest.fixture(scope="module")
def bundle(dataset):
    return build_site(dataset, tour=dataset.tours["default"], today=dt.date(2026, 11, 28))


def test_bundle_needs_nothing_from_the_network(bundle):
    assert not EXTERNAL.search(bundle)
    assert "/app/static" not in bundle
    assert "@import" not in bundle


def test_bundle_holds_map_charts_table_sources_citation_and_slides(bundle, dataset):
    assert bundle.count('"site": ') >= len(dataset.sites)
    assert bundle.count("<figure") == 5 and bundle.count("<svg") >= 5
    assert bundle.count("<tr>") == len(dataset.sites) + 1
    assert "Cite as:" in bundle and "Accessed 2026-11-28" in bundle and "data as of 2019" in bundle
    assert "data version 2026.2" in bundle
    assert "as of 2019-06" in bundle
    assert bundle.count('class="slide"') == 7
    assert "window.gbaMap = map_" in bundle


def test_bundle_filters_by_category(dataset):
    html = build_site(dataset, categories=("checkpoint",))
    assert "11 of 31 sites: checkpoints" in html
    assert html.count("<tr>") == 12 and 'class="slide"' not in html


def test_bundle_escapes_hostile_text(dataset):
    sites = dataset.sites.copy()
    evil = "</script><img src=x onerror=alert(1)>${alert(2)}`"
    sites.loc[sites["site_id"] == "csns", "name_en"] = evil
    hostile = replace(dataset, sites=sites)
    html = build_site(hostile, tour=dataset.tours["default"])
    assert evil not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_cli_export_site(tmp_path, capsys):
    assert main(["export-site", str(tmp_path / "out"), "--tour", "default", "--category", "science_city"]) == 0
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    # The CLI's bundle is the latest view: 31 archive sites and 13 added since 2019.
    assert "4 of 44 sites: science cities" in html
    assert list((tmp_path / "out").iterdir()) == [tmp_path / "out" / "index.html"]


def test_cli_export_site_unknown_tour(tmp_path, capsys):
    assert main(["export-site", str(tmp_path), "--tour", "nope"]) == 1
    assert "unknown tour 'nope'; tours: default" in capsys.readouterr().err


def test_bundle_citation_link_is_url_encoded(dataset):
    from urllib.parse import parse_qs

    html = build_site(dataset, filters=FilterState(q="a&b=c d"))
    cite = re.search(r'<div class="cite">(.*?)</div>', html).group(1)
    # The citation is a paragraph of its own, its link last; the metrics follow apart.
    citation, metrics = re.fullmatch(r"<p>(.*?)</p><p>(.*?)</p>", cite).groups()
    assert metrics.startswith("Metrics available:")
    link = re.search(r" \?(\S+)$", citation).group(1)
    assert parse_qs(link.replace("&amp;", "&")) == {"q": ["a&b=c d"], "asof": ["2019"]}
