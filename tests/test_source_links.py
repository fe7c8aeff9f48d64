"""Sources one click from every figure (issue #27, item 1): the table's source column, the
sources list by publisher in *About this map*, the bundle and the map file, the references
a position rests on; and the citations' authors read from CITATION.cff (item 5)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pandas as pd
import pytest

from gba_dash.dataset import load_dataset
from gba_dash.map.standalone import standalone_html
from gba_dash.publish.bundle import build_site
from gba_dash.publish.export import to_geojson
from gba_dash.publish.sources import (
    SourceRef,
    by_publisher,
    cited_ids,
    first_url,
    publisher_group,
    publisher_qualifier,
    refs,
)
from gba_dash.read.fields import SOURCED, source_col
from gba_dash.read.history import view
from gba_dash.read.schema import DataError
from gba_dash.ui.panels.details import position_links
from gba_dash.words.cite import Author, Citation, authors_from_cff, project_authors
from gba_dash.words.text import esc

from .conftest import ROOT, run_app


def _ref(sid: str, publisher: str, date: str, url: str = "") -> SourceRef:
    return SourceRef(source_id=sid, title=sid.upper(), publisher=publisher, date=date, url=url)


def test_publishers_group_under_their_name_before_any_qualifier():
    assert publisher_group("Xinhua, via People's Daily Online") == "Xinhua"
    assert publisher_group("Southern Daily (南方日报), reposted on kcqsx.com") == "Southern Daily"
    assert publisher_group("Shenzhen Daily") == "Shenzhen Daily"
    assert publisher_qualifier("Xinhua, via Shine") == "via Shine"
    assert publisher_qualifier("Shenzhen Daily") == ""


def test_by_publisher_sorts_groups_by_name_and_items_newest_first():
    groups = by_publisher(
        [
            _ref("a", "Xinhua, via Shine", "2021-01-01"),
            _ref("b", "china daily", "2019"),
            _ref("c", "Xinhua (xinhuanet.com)", "2024-05"),
            _ref("d", "Asia News Network", "2023-02-08"),
        ]
    )
    assert [name for name, _ in groups] == ["Asia News Network", "china daily", "Xinhua"]
    assert [r.source_id for r in groups[2][1]] == ["c", "a"]


def test_refs_date_is_the_publication_date_else_the_as_of_date():
    table = pd.DataFrame(
        {
            "source_id": ["p", "q"],
            "title": ["P", "Q"],
            "publisher": ["X", "Y"],
            "published": ["2020-01-02", ""],
            "as_of": ["2019-12", "2018"],
            "url": ["https://p.example.org/", ""],
        }
    )
    assert [(r.date, r.url) for r in refs(table)] == [("2020-01-02", "https://p.example.org/"), ("2018", "")]
    assert [r.source_id for r in refs(table, ["q"])] == ["q"]


def test_cited_ids_and_first_url_follow_the_fields_order():
    first, second = source_col(SOURCED[0].name), source_col(SOURCED[1].name)
    sites = pd.DataFrame({first: ["seed-x", "", "b"], second: ["a", "b", "seed-x"]})
    sources = pd.DataFrame({"source_id": ["seed-x", "a", "b"], "url": ["", "https://a.example/", "https://b.example/"]})
    assert cited_ids(sites) == ["seed-x", "a", "b"]
    # The archive has no URL, so the first row's link is its second figure's source.
    assert first_url(sites, sources) == ["https://a.example/", "https://b.example/", "https://b.example/"]
    assert first_url(sites.iloc[[0]].assign(**{second: ""}), sources) == [""]


@pytest.fixture(scope="module")
def latest():
    return view(load_dataset(ROOT / "data"), "latest")


def _online(ds) -> dict[str, str]:
    return {s: u for s, u in zip(ds.sources["source_id"], ds.sources["url"], strict=True) if u}


def test_the_bundle_links_every_cited_online_source_and_cites_it_beside_each_figure(latest):
    html = build_site(latest)
    online = _online(latest)
    cited = set(cited_ids(latest.sites))
    for sid in cited & set(online):
        href = online[sid].replace("&", "&amp;")
        assert f'<a href="{href}" target="_blank" rel="noopener noreferrer">' in html, sid
    # Each figure's note [n] points at an entry of the sources list.
    anchors = set(re.findall(r'<li id="(src-[^"]+)">', html))
    notes = re.findall(r'<sup><a href="#(src-[^"]+)">\[\d+\]</a></sup>', html)
    assert notes and set(notes) <= anchors
    # Grouped by publisher: one heading per group, never the raw date list.
    groups = re.findall(r"<h3>([^<]+)</h3>\n<ul class=\"sources\">", html)
    assert groups == [esc(name) for name, _ in by_publisher(refs(latest.sources, cited))]


def _embedded(html: str) -> dict:
    match = re.search(r'<script type="application/geo\+json" id="gba-sites">(.*?)</script>', html, re.S)
    assert match, "no embedded sites data"
    return json.loads(match.group(1))


def _assert_source_urls_beside_figures(doc: dict, ds) -> None:
    online = _online(ds)
    checked = 0
    for feature in doc["features"]:
        props = feature["properties"]
        for f in SOURCED:
            sid = props.get(source_col(f.name))
            if sid in online:
                assert props[f"{source_col(f.name)}_url"] == online[sid], (props["site_id"], f.name)
                assert props[f"{source_col(f.name)}_title"]
                checked += 1
    assert checked > 20


def test_the_bundle_and_the_map_file_carry_each_figures_source_url(latest):
    _assert_source_urls_beside_figures(_embedded(build_site(latest)), latest)
    sites = latest.sites
    html = standalone_html(
        latest.basemap,
        sites,
        places=latest.places,
        sources=by_publisher(refs(latest.sources, cited_ids(sites))),
        data=to_geojson(sites, sources=latest.sources),
    )
    _assert_source_urls_beside_figures(_embedded(html), latest)
    panel = html[html.index('<details class="gba-map-sources">') :]
    panel = panel[: panel.index("</details>")]
    assert panel.count('rel="noopener noreferrer"') == len(set(cited_ids(sites)) & set(_online(latest)))


def test_the_map_files_sources_are_escaped(latest):
    ref = SourceRef(source_id="x", title="<img src=x onerror=alert(1)>", publisher="P", date="2020", url="")
    html = standalone_html(latest.basemap, latest.sites.head(1), sources=[("<b>P</b>", [ref])])
    assert "<img src=x" not in html and "&lt;img src=x" in html and "&lt;b&gt;P" in html


def test_a_positions_reference_url_that_is_not_a_web_address_is_a_problem_naming_its_row(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "positions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = re.sub(r",https?://[^,]+,", ",javascript:alert(1),", lines[1], count=1)
    lines.append("no-such-site,1,somewhere,https://example.org/,,,address,,,2026-12-04")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(data)
    text = str(err.value)
    assert "positions.csv" in text and "javascript:alert(1)" in text and "no-such-site" in text, text


def test_a_position_links_to_the_references_it_was_read_from(latest):
    links = position_links(latest.positions, "shenzhen-bay-port")
    assert links and all("](http" in link for link in links)
    assert any("wikipedia.org/wiki/Shenzhen_Bay_Port" in link for link in links)


def test_authors_come_from_citation_cff():
    assert project_authors() == authors_from_cff((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert all("contributors" not in a.display for a in project_authors())
    text = "authors:\n  - family-names: Li\n    given-names: Wei\n  - name: Lab & Co\n"
    authors = authors_from_cff(text)
    assert authors == (Author(family="Li", given="Wei"), Author(name="Lab & Co"))
    c = Citation(title="T", version="1", as_of="2019", accessed=dt.date(2026, 1, 2), url="u", view="v", authors=authors)
    assert c.text().startswith("Wei Li, Lab & Co. T")
    assert "author = {Li, Wei and {Lab \\& Co}}" in c.bibtex()
    assert "AU  - Li, Wei\r\nAU  - Lab & Co\r\n" in c.ris()


@pytest.mark.parametrize(
    ("text", "message"),
    [("title: x\n", "'authors' must list"), ("authors:\n  - given-names: Wei\n", "author 1 has neither")],
)
def test_a_citation_file_without_usable_authors_is_an_error_naming_it(text, message):
    with pytest.raises(ValueError, match=message):
        authors_from_cff(text)


@pytest.mark.page
def test_the_table_has_a_source_link_column_and_about_lists_sources_by_publisher():
    at = run_app({"asof": "latest"})
    table = next(d for d in at.dataframe if "source_url" in d.value.columns)
    urls = dict(zip(table.value["name_en"], table.value["source_url"], strict=True))
    assert urls["China Spallation Neutron Source (CSNS)"].startswith("http")
    assert sum(1 for u in urls.values() if u) >= 20
    config = json.loads(table.proto.columns)["source_url"]
    assert config["type_config"]["type"] == "link"
    about = next(e for e in at.expander if e.label == "About this map")
    text = " ".join(m.value for m in about.markdown)
    assert "Sources, by publisher" in text and "**Xinhua**" in text
    assert len(re.findall(r"\]\(https?://", text)) >= 20, text
