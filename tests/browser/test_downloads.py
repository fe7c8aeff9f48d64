"""What the page's downloads hold: the filtered sites, as the read-back sentence says."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from .conftest import ROOT, download, expand, open_view

pytestmark = pytest.mark.browser


def _download(page, name: str, *, file_name: str | None = None) -> bytes:
    suggested, data = download(page, name)
    if file_name is not None:  # the saved file says what it holds
        assert suggested == file_name
    return data


def test_filtered_downloads_hold_the_filtered_sites(server, watched):
    page = watched.page
    open_view(page, f"{server.url}/?category=checkpoint&city=Zhuhai&site=gongbei-port", 3)
    assert page.locator("#readback").inner_text() == "3 of 44 sites: checkpoints in Zhuhai"

    rows = list(csv.DictReader(io.StringIO(_download(page, "Filtered sites (CSV)").decode("utf-8"))))
    assert (
        len(rows) == 3 and {r["category"] for r in rows} == {"checkpoint"} and {r["city"] for r in rows} == {"Zhuhai"}
    )
    assert all(113.0 < float(r["lon"]) < 114.5 and 21.5 < float(r["lat"]) < 23.0 for r in rows)

    doc = json.loads(_download(page, "Filtered sites (GeoJSON)"))
    assert len(doc["features"]) == 3
    assert {f["properties"]["site_id"] for f in doc["features"]} == {r["site_id"] for r in rows}

    view = "category-checkpoint_city-zhuhai_site-gongbei-port"
    html = _download(page, "Map (standalone HTML, works offline)", file_name=f"gba-map-2026.2-{view}.html").decode()
    assert html.count('"selected": ') == 4  # three symbols and the selection
    assert "/app/static" not in html
    # Each figure's source travels with the map file, in the export's data (these three
    # checkpoints report no figure, so the file has no sources panel to show).
    assert '<details class="gba-map-sources">' not in html
    data = re.search(r'<script type="application/geo\+json" id="gba-sites">(.*?)</script>', html, re.S)
    assert data and len(json.loads(data.group(1))["features"]) == 3

    bundle = _download(page, "Offline bundle (one HTML file)", file_name=f"gba-dash-2026.2-latest-{view}.html").decode()
    assert "3 of 44 sites: checkpoints in Zhuhai" in bundle
    assert not watched.console_errors, watched.console_errors


def test_tour_and_chart_downloads_hold_this_view(server, watched):
    page = watched.page
    open_view(page, f"{server.url}/?category=science_city&metric=scientists&site=csns", 4)
    expand(page, "Save this view as a scene")
    tour = json.loads(_download(page, "Download tour with this scene (JSON)"))
    default = json.loads((ROOT / "data" / "tours" / "default.json").read_text(encoding="utf-8"))
    assert len(tour["scenes"]) == len(default["scenes"]) + 1
    assert tour["scenes"][-1]["view"] == {"category": "science_city", "site": "csns", "metric": "scientists"}

    # Issue #27, item 2: the chart at the export width (1,000 px, the PNG at 2x), named for its view
    name, png = download(page, "PNG")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000
    assert int.from_bytes(png[16:20], "big") == 2000  # the IHDR's width
    assert name == "gba-chart-scientists-category-science-city-latest.png"
    name, svg = download(page, "SVG")
    svg = svg.decode("utf-8")
    assert "<svg" in svg[:300] and "Scientists" in svg and 'width="1000"' in svg[:300] and "…" not in svg
    assert name == "gba-chart-scientists-category-science-city-latest.svg"


def test_cite_this_view_holds_the_views_link(server, watched):
    page = watched.page
    open_view(page, f"{server.url}/?city=Dongguan&site=csns", 9)
    page.get_by_role("button", name="Cite this view").click()
    text = page.locator('[role="dialog"] [data-testid="stCode"]').inner_text(timeout=30_000)
    assert f"{server.url}/?city=Dongguan&site=csns" in text, text
    assert "9 of 44 sites: all sites in Dongguan" in text and "data version 2026.2" in text
    bib = _download(page, "BibTeX (.bib)").decode("utf-8")
    assert "url = {" + f"{server.url}/?city=Dongguan&site=csns" + "}" in bib
    ris = _download(page, "RIS (.ris)").decode("utf-8")
    assert ris.startswith("TY  - DATA") and "UR  - " + f"{server.url}/?city=Dongguan&site=csns" in ris
