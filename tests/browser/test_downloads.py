"""What the page's downloads hold: the filtered sites, as the read-back sentence says."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import wait_idle, wait_markers

pytestmark = pytest.mark.browser


def _download(page, name: str) -> bytes:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=name).click()
    return open(info.value.path(), "rb").read()


def test_filtered_downloads_hold_the_filtered_sites(server, watched):
    page = watched.page
    page.goto(f"{server.url}/?category=checkpoint&city=Zhuhai&site=gongbei-port")
    page.locator("#readback").wait_for(timeout=60_000)
    wait_markers(page, 3)
    wait_idle(page)
    assert page.locator("#readback").inner_text() == "3 of 31 sites: checkpoints in Zhuhai"

    rows = list(csv.DictReader(io.StringIO(_download(page, "Filtered sites (CSV)").decode("utf-8"))))
    assert (
        len(rows) == 3 and {r["category"] for r in rows} == {"checkpoint"} and {r["city"] for r in rows} == {"Zhuhai"}
    )
    assert all(113.0 < float(r["lon"]) < 114.5 and 21.5 < float(r["lat"]) < 23.0 for r in rows)

    doc = json.loads(_download(page, "Filtered sites (GeoJSON)"))
    assert len(doc["features"]) == 3
    assert {f["properties"]["site_id"] for f in doc["features"]} == {r["site_id"] for r in rows}

    html = _download(page, "Map (standalone HTML, works offline)").decode("utf-8")
    assert html.count('"site": ') == 4  # three symbols and the selection
    assert "/app/static" not in html

    bundle = _download(page, "Offline share bundle (index.html)").decode("utf-8")
    assert "3 of 31 sites: checkpoints in Zhuhai" in bundle
    assert not watched.console_errors, watched.console_errors
