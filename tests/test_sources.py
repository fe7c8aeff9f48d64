"""Sources one click from every figure (issue #27, item 1): a source's URL is checked at
load, and the exports carry each figure's source title, URL and date beside its id."""

from __future__ import annotations

import csv
import io
import json

import pytest

from gba_dash.dataset import load_dataset
from gba_dash.publish.export import SOURCE_DETAILS, neutralise, source_detail_col, to_csv, to_geojson
from gba_dash.read.history import view
from gba_dash.read.schema import DataError

from .conftest import DATA


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "file:///etc/passwd",
        "ftp://example.org/a",
        "https://",
        "www.example.org",
    ],
)
def test_a_source_url_that_is_not_a_web_address_is_a_problem_naming_its_row(data_copy, url):
    path = data_copy / "sources.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    line = next(i for i, r in enumerate(rows) if r["url"]) + 2
    rows[line - 2]["url"] = url
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset(data_copy)
    message = "a source's URL is an http:// or https:// address with a host"
    assert [str(p) for p in info.value.problems if p.field == "url"] == [
        f"sources.csv: line {line}: field 'url': value {url!r}: {message}"
    ]


def test_the_bundled_sources_urls_are_web_addresses_and_load():
    ds = load_dataset(DATA)
    urls = [u for u in ds.sources["url"] if u]
    assert urls and all(u.startswith(("http://", "https://")) for u in urls)


@pytest.mark.parametrize("state", ["latest", "2019"])
def test_the_csv_carries_each_figures_source_title_url_and_date_beside_its_id(state):
    ds = view(load_dataset(DATA), state)
    sources = ds.sources.set_index("source_id")
    rows = list(csv.DictReader(io.StringIO(to_csv(ds.sites, sources=ds.sources))))
    header = list(rows[0])
    checked = 0
    for column in header:
        if not column.endswith("_source") or source_detail_col(column.removesuffix("_source"), "url") not in header:
            continue
        name = column.removesuffix("_source")
        i = header.index(column)
        assert header[i + 1 : i + 4] == [source_detail_col(name, d) for d in SOURCE_DETAILS]
        for row in rows:
            sid = row[column]
            if not sid:
                assert row[source_detail_col(name, "url")] == ""
                continue
            source = sources.loc[sid]
            assert row[source_detail_col(name, "title")] == neutralise(source["title"])
            assert row[source_detail_col(name, "url")] == source["url"]  # filled wherever the source has one
            assert row[source_detail_col(name, "date")] == (source["published"] or source["as_of"])
            checked += 1
    assert checked > 50
    assert "location_source_url" not in header  # how a position was found is not a source id


def test_the_geojson_carries_the_same_source_details():
    ds = view(load_dataset(DATA), "latest")
    doc = json.loads(to_geojson(ds.sites, version=ds.version, as_of="latest", sources=ds.sources))
    csns = next(f["properties"] for f in doc["features"] if f["properties"]["site_id"] == "csns")
    sid = csns["investment_cny_bn_source"]
    assert sid and csns["investment_cny_bn_source_title"] == ds.sources.set_index("source_id").loc[sid, "title"]
    assert any(
        (v or "").startswith("https://")
        for f in doc["features"]
        for k, v in f["properties"].items()
        if k.endswith("_url")
    )
