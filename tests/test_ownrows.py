"""Own uploads keep the good rows (issue #27, item 9): a row that parses and lies in the GBA
is drawn, every other row is left out by row number and reason, and a table with no usable
row is refused as before. Row numbers are a spreadsheet's: the header is row 1."""

from __future__ import annotations

import csv
import io
import pickle

import pytest

from gba_dash.own import left_out_file
from gba_dash.own.layer import read_layer
from gba_dash.own.rows import MAX_LISTED, keep_rows, left_out_csv, left_out_lines, left_out_text
from gba_dash.read.schema import DataError

# Seven data rows: row 4's latitude is not a number, row 7 is in Paris; the others lie
# between the curated sites (drawn below their symbols, they would hide under them).
MESSY = (
    b"name,lat,lon\n"
    b"Lab A,23.05,112.80\n"
    b"Lab B,22.45,113.05\n"
    b"Lab C,abc,113.60\n"
    b"Lab D,23.10,114.40\n"
    b"Lab E,22.98,113.10\n"
    b"Paris,48.85,2.35\n"
    b"Lab F,22.25,113.30\n"
)


def test_a_messy_csv_keeps_its_five_good_rows_and_names_the_two_left_out():
    layer = read_layer(MESSY, "messy.csv")
    assert len(layer) == 5 and list(layer.frame["name"]) == ["Lab A", "Lab B", "Lab D", "Lab E", "Lab F"]
    left = layer.left_out
    assert left.rows.tolist() == [4, 7] and left.total == 7
    assert left.reasons() == [
        "latitude 'abc' is not a number",
        "latitude 48.85, longitude 2.35: outside the Greater Bay Area",
    ]


def test_a_clean_csv_leaves_nothing_out():
    layer = read_layer(b"lat,lon\n22.9,113.9\n22.5,114.0\n", "pts.csv")
    assert len(layer) == 2 and not layer.left_out


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (["x", "113.9"], "latitude 'x' is not a number"),
        (["22.9", "y"], "longitude 'y' is not a number"),
        (["", "113.9"], "latitude is empty"),
        (["22.9"], "1 cells where the header has 2"),
        (["22.9", "113.9", "extra"], "3 cells where the header has 2"),
        (["nan", "113.9"], "latitude nan, longitude 113.9: not a finite number"),
        (["113.9", "22.9"], "latitude 113.9, longitude 22.9: latitude and longitude look swapped"),
        (["95", "200"], "latitude 95, longitude 200: not a valid latitude/longitude"),
        (["48.85", "2.35"], "latitude 48.85, longitude 2.35: outside the Greater Bay Area"),
    ],
)
def test_each_reason_a_row_is_left_out_names_its_value(row, reason):
    kept, left = keep_rows(["lat", "lon"], [["22.9", "113.9"], row], ilat=0, ilon=1)
    assert len(kept) == 1 and left.rows.tolist() == [3] and left.reasons() == [reason]


def test_row_numbers_are_a_spreadsheets_blank_and_multi_line_rows_included():
    """The header is row 1; a blank row keeps its number; a quoted cell over two lines is
    one row, as a spreadsheet opens it."""
    data = b'name,lat,lon\n"two\nlines",22.9,113.9\n\nbad,x,113.9\nok,22.5,114.0\n'
    layer = read_layer(data, "pts.csv")
    assert len(layer) == 2 and layer.left_out.rows.tolist() == [4] and layer.left_out.total == 3


def test_row_numbers_agree_with_the_lines_of_a_refused_file():
    rows = b"lat,lon\n22.9,113.9\n22.8,abc\n"
    assert read_layer(rows, "pts.csv").left_out.rows.tolist() == [3]
    with pytest.raises(DataError) as info:
        read_layer(b"lat,lon\n22.9,x\n22.8,abc\n", "pts.csv")
    assert [str(p) for p in info.value.problems] == [
        "pts.csv: line 2: field 'lon': value 'x': not a number",
        "pts.csv: line 3: field 'lon': value 'abc': not a number",
    ]


def test_a_file_with_no_usable_row_is_refused_naming_the_file():
    with pytest.raises(DataError) as info:
        read_layer(b"lat,lon\n48.85,2.35\nx,y\n", "paris.csv")
    problems = [str(p) for p in info.value.problems]
    assert problems[0].startswith("paris.csv: line 2: field 'lat,lon': value '48.85,2.35': outside the GBA box")
    assert problems[1] == "paris.csv: line 3: field 'lat': value 'x': not a number"


def test_the_message_says_how_many_of_how_many_and_each_row_in_three_languages():
    left = read_layer(MESSY, "messy.csv").left_out
    assert left_out_text(left, "messy.csv", "en") == (
        "messy.csv: 2 of 7 rows left out: row 4, latitude 'abc' is not a number; "
        "row 7, latitude 48.85, longitude 2.35: outside the Greater Bay Area"
    )
    assert left_out_text(left, "messy.csv", "zh") == (
        "messy.csv：7 行中有 2 行未绘制：第 4 行，纬度“abc”不是数字；第 7 行，纬度 48.85、经度 2.35：在大湾区范围外"
    )
    assert left_out_text(left, "messy.csv", "zh-Hant") == (
        "messy.csv：7 行中有 2 行未繪製：第 4 行，緯度「abc」不是數字；第 7 行，緯度 48.85、經度 2.35：在大灣區範圍外"
    )


def test_the_message_lists_the_first_rows_and_counts_the_rest():
    body = b"lat,lon\n22.9,113.9\n" + b"".join(b"x%d,113.9\n" % i for i in range(1_200))
    text = left_out_text(read_layer(body, "many.csv").left_out, "many.csv", "en")
    assert text.startswith("many.csv: 1,200 of 1,201 rows left out: row 3, latitude 'x0' is not a number;")
    assert text.count("row ") == MAX_LISTED and f"row {MAX_LISTED + 2}," in text
    assert text.endswith("; and 1,190 more rows (all in the download)")
    head, lines = left_out_lines(read_layer(body, "many.csv").left_out, "many.csv", "en")
    assert head == "many.csv: 1,200 of 1,201 rows left out: " and len(lines) == MAX_LISTED + 1
    assert lines[0] == "row 3, latitude 'x0' is not a number"


def test_a_long_or_invisible_value_is_quoted_short_and_visible():
    value = "\u202e" + "9" * 100
    _, left = keep_rows(["lat", "lon"], [[value + "x", "113.9"]], ilat=0, ilon=1)
    (reason,) = left.reasons()
    assert "\\u202e" in reason and "\u202e" not in reason and len(reason) < 80 and reason.endswith("…' is not a number")


def _download(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())  # Excel reads UTF-8 by its BOM
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_download_holds_every_left_out_row_with_its_number_reason_and_cells():
    rows = _download(left_out_csv(read_layer(MESSY, "messy.csv").left_out, "en"))
    assert rows == [
        ["row", "reason", "name", "lat", "lon"],
        ["4", "latitude 'abc' is not a number", "Lab C", "abc", "113.60"],
        ["7", "latitude 48.85, longitude 2.35: outside the Greater Bay Area", "Paris", "48.85", "2.35"],
    ]
    assert _download(left_out_csv(read_layer(MESSY, "messy.csv").left_out, "zh"))[0][:2] == ["行号", "原因"]


def test_the_download_pads_short_rows_keeps_long_ones_and_runs_no_formula():
    body = [["22.9", "113.9", "ok"], ["22.9"], ["=HYPERLINK(1)", "113.9", "@SUM(1)"], ["1", "2", "3", "4"]]
    _, left = keep_rows(["lat", "lon", "name"], body, ilat=0, ilon=1)
    rows = _download(left_out_csv(left, "en"))
    assert rows[1] == ["3", "1 cells where the header has 3", "22.9", "", ""]
    assert rows[2] == ["4", "latitude '=HYPERLINK(1)' is not a number", "'=HYPERLINK(1)", "113.9", "'@SUM(1)"]
    assert rows[3] == ["5", "4 cells where the header has 3", "1", "2", "3", "4"]


def test_the_download_is_written_in_the_bounded_worker(monkeypatch):
    """The left-out cells are the visitor's, and many of them take seconds to write: the
    server hands them to the bounded worker, as it does the file."""
    from gba_dash import own

    left = read_layer(MESSY, "messy.csv").left_out
    calls = []

    def spy(func, *args, **kwargs):
        calls.append(func)
        return own.bounded.pool().run(func, *args, **kwargs)

    monkeypatch.setattr(own.bounded, "run", spy)
    assert left_out_file(left, "en", name="messy.csv") == left_out_csv(left, "en")
    assert calls == [left_out_csv]


def test_many_left_out_rows_travel_as_a_few_buffers_not_an_object_a_row():
    """The layer crosses from the worker and through the page's cache pickled: a file of
    many bad rows must not become a million Python objects to unpickle in the server."""
    body = b"lat,lon\n22.9,113.9\n" + b"x,y\n" * 20_000
    layer = read_layer(body, "many.csv")
    assert len(layer.left_out) == 20_000
    blob = pickle.dumps(layer.left_out)
    assert blob.count(b"x,y") == 20_000 and len(blob) < 300_000
    assert pickle.loads(blob).rows.tolist() == layer.left_out.rows.tolist()


# ---- drawn on the map ---------------------------------------------------------------------


def _drawn(n: int = 5):
    from gba_dash.own.layer import aggregate

    return aggregate(read_layer(MESSY, "messy.csv"))[0].head(n)


@pytest.mark.parametrize(
    ("lang", "entry"),
    [("en", "messy.csv: 5 points"), ("zh", "messy.csv：5 个点"), ("zh-Hant", "messy.csv：5 個點")],
)
def test_own_points_have_their_own_legend_entry_in_three_languages(lang, entry):
    from gba_dash.map.own import OwnLegend, own_layer_group

    group = own_layer_group(_drawn(), name="messy.csv (5)", lang=lang, label="messy.csv")
    (legend,) = [c for c in group._children.values() if isinstance(c, OwnLegend)]
    assert legend.options()["own"] is True  # a section of the map's one legend box
    assert f"<span>{entry}</span>" in legend.html and 'class="gba-swatch gba-dot"' in legend.html


def test_the_legend_entry_escapes_the_file_name():
    from gba_dash.map.own import OwnLegend, own_layer_group

    group = own_layer_group(_drawn(), name="x", label="<img src=x onerror=alert(1)>.csv")
    (legend,) = [c for c in group._children.values() if isinstance(c, OwnLegend)]
    assert "<img" not in legend.html and "&lt;img src=x onerror=alert(1)&gt;.csv: 5 points" in legend.html


def test_own_points_are_drawn_large_enough_to_see():
    import folium

    from gba_dash.map.own import own_layer_group

    group = own_layer_group(_drawn(), name="x")
    (layer,) = [c for c in group._children.values() if isinstance(c, folium.GeoJson)]
    radii = [f["properties"]["r"] for f in layer.data["features"]]
    assert len(radii) == 5 and min(radii) >= 6 and layer.marker.options["radius"] >= 6
