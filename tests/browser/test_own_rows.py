"""A messy upload keeps its good rows (issue #27, item 9): a 7-row CSV with a latitude that
is not a number (row 4) and a point outside the GBA (row 7) draws its 5 other points, with
their legend entry, and says which rows were left out, and why, beside the uploader, with
a download of those rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from ..test_ownrows import MESSY
from .conftest import upload_own, wait_markers

pytestmark = pytest.mark.browser

# The map's document that holds the own points (for a moment two map frames exist while the
# map is re-mounted with the new layer).
DOC = """() => [...document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')]
              .map(f => f.contentDocument).find(d => d && d.querySelector('.leaflet-gba-own-points-pane path'))"""
POINTS = ".leaflet-gba-own-points-pane path"


def test_a_messy_csv_draws_its_five_good_rows_and_names_rows_4_and_7(server, watched, tmp_path):
    page = watched.page
    path = tmp_path / "messy.csv"
    path.write_bytes(MESSY)
    upload_own(page, server.url, path)

    # The message, beside the uploader in the same section.
    section = page.locator("details").filter(has=page.get_by_text("Your own layer", exact=True)).last
    alert = section.locator("[data-testid='stAlert']", has_text="rows left out")
    alert.wait_for(timeout=60_000)
    text = alert.inner_text()
    assert "messy.csv: 2 of 7 rows left out" in text, text
    assert "row 4, latitude 'abc' is not a number" in text, text
    assert "row 7, latitude 48.85, longitude 2.35: outside the Greater Bay Area" in text, text
    uploader = section.locator("[data-testid='stFileUploader']").first.bounding_box()
    box = alert.bounding_box()
    assert 0 <= box["y"] - (uploader["y"] + uploader["height"]) < 60, (uploader, box)
    assert not page.locator("[data-testid='stAlert']", has_text="Your layer was not loaded").count()

    # Five points on the map, large enough to see, with their legend entry.
    page.wait_for_function(
        f"() => {{ const d = ({DOC})(); return !!d && d.querySelectorAll('{POINTS}').length === 5; }}",
        timeout=60_000,
    )
    sizes = page.evaluate(
        f"() => [...({DOC})().querySelectorAll('{POINTS}')].map(p => p.getBoundingClientRect().width)"
    )
    assert len(sizes) == 5 and min(sizes) >= 12, sizes  # a 6 px radius, its stroke aside
    legend = page.evaluate(f"() => ({DOC})().querySelector('.gba-legend .gba-own-legend').innerText")
    assert "messy.csv: 5 points" in legend and "your data, not verified" in legend, legend
    wait_markers(page, 44)  # the curated sites are all still there

    # The download: each left-out row with its row number, reason and cells.
    with page.expect_download(timeout=60_000) as info:
        section.get_by_role("button", name="Download the left-out rows (CSV)").click()
    assert info.value.suggested_filename == "messy-left-out.csv"
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_bytes().decode("utf-8-sig"))))
    assert [r[:2] for r in rows] == [
        ["row", "reason"],
        ["4", "latitude 'abc' is not a number"],
        ["7", "latitude 48.85, longitude 2.35: outside the Greater Bay Area"],
    ]
    assert rows[1][2:] == ["Lab C", "abc", "113.60"]
    alert.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "messy.png"))
    assert not watched.console_errors, watched.console_errors


def test_a_csv_with_no_usable_row_is_refused_naming_the_file(server, watched, tmp_path):
    page = watched.page
    path = tmp_path / "paris.csv"
    path.write_text("name,lat,lon\nLouvre,48.86,2.34\nnowhere,abc,2.35\n", encoding="utf-8")
    upload_own(page, server.url, path)
    section = page.locator("details").filter(has=page.get_by_text("Your own layer", exact=True)).last
    alert = section.locator("[data-testid='stAlert']", has_text="Your layer was not loaded")
    alert.wait_for(timeout=60_000)
    text = alert.inner_text()
    assert "paris.csv: line 2" in text and "outside the GBA box" in text, text
    assert "paris.csv: line 3: field 'lat': value 'abc': not a number" in text, text
    assert not section.get_by_role("button", name="Download the left-out rows (CSV)").count()
