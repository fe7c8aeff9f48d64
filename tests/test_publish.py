"""Publishing: the data package, the citation file, data versions and "cite this view" (#13)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gba_dash.dataset import load_dataset
from gba_dash.dataset.datapackage import build, data_version
from gba_dash.publish.export import to_geojson
from gba_dash.read.fields import FIELDS, table_fields
from gba_dash.read.schema import DataError
from gba_dash.words.cite import Citation

from .conftest import ROOT, run_app

PACKAGE = ROOT / "data" / "datapackage.json"


def test_the_data_package_is_generated_from_the_field_table():
    """Fails when data/datapackage.json drifts: rerun scripts/build_datapackage.py."""
    assert json.loads(PACKAGE.read_text(encoding="utf-8")) == build(ROOT / "data", ROOT / "CHANGELOG.md")


def test_every_field_is_described_with_its_labels_and_unit():
    doc = build(ROOT / "data", ROOT / "CHANGELOG.md")
    tables = {r["name"].replace("-", "_"): r for r in doc["resources"] if r.get("format") == "csv"}
    for table, resource in tables.items():
        described = {f["name"]: f for f in resource["schema"]["fields"]}
        for f in table_fields(table) if table in {t for g in FIELDS for t in g.tables} else ():
            entry = described[f.name]
            assert entry["title"] == f.label_en and entry["gba:label_zh"] == f.label_zh, (table, f.name)
            assert entry.get("gba:unit", "") == f.unit, (table, f.name)
    assert doc["version"] == data_version(ROOT / "CHANGELOG.md")[0]
    assert {lic["name"] for lic in doc["licenses"]} == {"CC-BY-4.0"}


def test_frictionless_validates_the_package():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(PACKAGE))
    assert report.valid, report.flatten(["type", "message"])[:10]


def test_citation_cff_is_valid_against_the_cff_schema():
    """The Citation File Format 1.2.0 schema (tests/data, CC BY 4.0), as `cffconvert --validate` checks."""
    import jsonschema
    import yaml

    schema = json.loads((ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json").read_text())
    doc = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    assert doc["references"][0]["version"] == data_version(ROOT / "CHANGELOG.md")[0]


def test_the_dataset_knows_its_version(dataset, data_copy):
    assert dataset.version == data_version(ROOT / "CHANGELOG.md")[0]
    (data_copy / "datapackage.json").write_text('{"version": "latest"}', encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    assert "datapackage.json: field 'version': value 'latest': expected a data version YEAR.N" in str(err.value)
    (data_copy / "datapackage.json").unlink()
    assert load_dataset(data_copy).version is None  # a data directory without a package description


def test_geojson_export_carries_the_version(dataset):
    doc = json.loads(to_geojson(dataset.sites, version="2019.2"))
    assert doc["dataset"] == {"name": "gba-science-build-out", "version": "2019.2"}
    assert "dataset" not in json.loads(to_geojson(dataset.sites))


CITATION = Citation(
    title="Greater Bay Area science build-out",
    version="2019.2",
    as_of="2019",
    accessed=dt.date(2026, 11, 29),
    url="http://localhost:8501/?city=Dongguan&q=50%25_off",
    view="4 of 31 sites: all sites in Dongguan, matching “50%_off {x}”",
)


def test_citation_text_names_the_version_date_and_link():
    text = CITATION.text()
    for needle in ("The gba-dash project", "data version 2019.2", "Accessed 2026-11-29", CITATION.url, "Dongguan"):
        assert needle in text
    assert "資料版本 2019.2" in CITATION.text("zh-Hant")


def test_bibtex_escapes_the_view_and_keeps_the_url_verbatim():
    bib = CITATION.bibtex()
    assert bib.startswith("@misc{gbadash2019_2_20261129,") and bib.endswith("}\n")
    assert "url = {http://localhost:8501/?city=Dongguan&q=50%25_off}" in bib
    assert r"50\%\_off \{x\}" in bib  # in the note: TeX specials escaped


def test_ris_has_one_tag_per_line():
    lines = CITATION.ris().split("\r\n")
    assert lines[0] == "TY  - DATA" and lines[-2] == "ER  - " and lines[-1] == ""
    assert all(line[:2].isupper() and line[2:6] == "  - " for line in lines[:-1])
    assert f"UR  - {CITATION.url}" in lines and "ET  - 2019.2" in lines and "DA  - 2026/11/29" in lines


@pytest.mark.page
def test_cite_this_view_names_the_scene_in_presenter_mode():
    at = run_app({"present": "1", "scene": "2"})
    assert not [c for c in at.code if "data version" in c.value]  # built only when asked for
    at.button(key="cite").click().run()
    cite = next(c.value for c in at.code if "data version" in c.value)
    assert "present=1" in cite and "scene=2" in cite, cite
    assert any("Data version 2026.2" in c.value for c in at.caption)  # the page footer


def test_the_bundles_charts_are_whole_at_the_export_width(dataset):
    """Issue #27, item 2: the offline bundle's inline SVG charts are the exports, 1,000 px wide
    (not Vega's 300 px default, which cropped them), none with a label cut short."""
    import re

    from gba_dash.publish.bundle import build_site
    from gba_dash.publish.charts import EXPORT_WIDTH
    from gba_dash.read.history import view

    html = build_site(view(dataset, "latest"), lang="zh", today=dt.date(2026, 11, 29))
    svgs = re.findall(r"<svg[^>]*class=\"marks\"[^>]*>", html)
    assert len(svgs) == 5
    assert all(f'width="{EXPORT_WIDTH}"' in s and f'viewBox="0 0 {EXPORT_WIDTH} ' in s for s in svgs), svgs
    charts = re.findall(r"<svg[^>]*class=\"marks\".*?</svg>", html, flags=re.S)
    assert len(charts) == 5 and not any("…" in c for c in charts)
    assert all("Noto Sans CJK SC" in c for c in charts)  # the sans face, in the Chinese bundle
