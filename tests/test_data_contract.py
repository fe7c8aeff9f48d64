"""The bundled data/ keeps its promises: complete, sourced, honest about estimates."""

from __future__ import annotations

import csv
import importlib.util
import re

import pytest

from gba_dash.read.fields import FIELDS, GBA_CITIES, SOURCED, TABLES, source_col, table_fields
from gba_dash.read.geometry import geodesic_area_km2

from .conftest import DATA, ROOT

SCIENCE_CITIES = {
    "nansha-science-city",
    "guangming-science-city",
    "dongguan-neutron-science-city",
    "cuiheng-science-city",
}
CHECKPOINTS = {
    "shenzhen-bay-port",
    "futian-port",
    "huanggang-port",
    "luohu-port",
    "wenjindu-port",
    "liantang-port",
    "shatoujiao-port",
    "gongbei-port",
    "hengqin-port",
    "hzmb-hong-kong-port",
    "hzmb-zhuhai-macao-port",
}
FACILITIES = {
    "pearl-science-park",
    "marine-science-lab",
    "csns",
    "songshan-lake-materials-lab",
    "sysu-shenzhen-campus",
    "unmanned-systems-institute",
}
CONTEXT = {
    "peng-cheng-lab",
    "guangzhou-science-city",
    "nanshan-hi-tech-park",
    "hk-science-park",
    "dongguan-university-of-technology",
    "asiaworld-expo",
    "qianhai",
    "hengqin",
    "shenzhen-zhongshan-link",
}

# Figures the seed archive gives, pinned so a slip in curation fails a test.
SEED_FIGURES = [
    ("guangming-science-city", "area_km2", 99),
    ("dongguan-neutron-science-city", "area_km2", 53.3),
    ("dongguan-neutron-science-city", "scientists_target", 600),
    ("cuiheng-science-city", "area_km2", 18.27),
    ("cuiheng-science-city", "residents_planned", 180_000),
    ("daya-bay-ai-park", "area_km2", 10.8),
    ("pearl-science-park", "area_km2", 3.1),
    ("pearl-science-park", "relocated_projects", 5),
    ("pearl-science-park", "new_projects", 9),
    ("pearl-science-park", "year_completion_target", 2022),
    ("marine-science-lab", "investment_cny_bn", 8),
    ("csns", "investment_cny_bn", 2.3),
    ("csns", "year_established", 2011),
    ("songshan-lake-materials-lab", "investment_cny_bn", 12),
    ("songshan-lake-materials-lab", "area_km2", 4.85),
    ("songshan-lake-materials-lab", "scientists", 257),
    ("songshan-lake-materials-lab", "year_established", 2017),
    ("nansha-science-city", "laboratories", 44),
    ("nansha-science-city", "headquarters_planned", 79),
    ("shenzhen-bay-port", "daily_crossings", 158_000),
    ("shenzhen-zhongshan-link", "year_completion_target", 2024),
]


def test_every_required_site_is_present(dataset):
    by_cat = dataset.sites.groupby("category")["site_id"].apply(set).to_dict()
    assert SCIENCE_CITIES <= by_cat["science_city"]
    assert by_cat["ai_park"] == {"daya-bay-ai-park"}
    assert CHECKPOINTS <= by_cat["checkpoint"]
    assert FACILITIES <= by_cat["facility"]
    assert CONTEXT <= by_cat["context"]


@pytest.mark.parametrize(("site_id", "field", "value"), SEED_FIGURES)
def test_seed_figures_are_carried_over(dataset, site_id, field, value):
    assert dataset.site(site_id)[field] == pytest.approx(value)


def test_every_figure_has_a_source_with_an_as_of_date(dataset):
    known = set(dataset.sources["source_id"])
    figures = dataset.figures()
    assert len(figures) > 50
    for site_id, field, _value, src in figures:
        assert src in known, (site_id, field)
    assert dataset.sources["as_of"].str.match(r"^\d{4}(-\d\d){0,2}$").all()


def test_no_figure_is_filled_in_where_the_seed_is_silent(dataset):
    """Daya Bay's investment and the HZMB ports' crossings are not in any source: empty."""
    assert dataset.site("daya-bay-ai-park")["investment_cny_bn"] is dataset.sites["investment_cny_bn"].dtype.na_value
    assert dataset.sites.loc[dataset.sites["site_id"] == "gongbei-port", "daily_crossings"].isna().all()
    assert dataset.site("gongbei-port")[source_col("daily_crossings")] == ""


def test_extents_are_indicative_area_true_circles_of_the_reported_area(dataset):
    zones = dataset.sites[dataset.sites["category"].isin(["science_city", "ai_park"])]
    assert len(zones) == 5
    for _, row in zones.iterrows():
        assert row["geometry_kind"] == "indicative_extent"
        assert "not an official boundary" in row["location_source"]
        assert geodesic_area_km2(row.geometry) == pytest.approx(row["area_km2"], rel=0.01), row["site_id"]


def test_estimated_positions_say_so(dataset):
    low = dataset.sites[dataset.sites["location_confidence"] == "low"]
    assert (low["location_uncertainty_m"] >= 500).all()
    assert all(re.search(r"estimate|no public position|schematic", s) for s in low["location_source"])


def test_no_position_is_high_confidence_on_one_reference_and_checkpoints_say_their_side(dataset):
    """Issue #28: high confidence needs two independent references (none has them yet); a
    checkpoint's note says which side of the border its point is, or that it is one building."""
    sites = dataset.sites
    for _, row in sites[sites["location_confidence"] == "high"].iterrows():
        assert "two independent references" in row["location_source"], row["site_id"]
    for _, row in sites[(sites["category"] == "checkpoint") & (sites["location_confidence"] != "low")].iterrows():
        assert re.search(
            r"side|one building|joint building|just north of the river|Hengqin end", row["location_source"]
        ), row["site_id"]
    bay = dataset.site("shenzhen-bay-port")
    assert bay["location_confidence"] == "med" and bay["location_uncertainty_m"] >= 501 / 2 + 150


def test_cities_are_gba_cities_and_parents_exist(dataset):
    assert set(dataset.sites["city"]) <= set(GBA_CITIES)
    ids = set(dataset.sites["site_id"])
    assert {p for p in dataset.sites["parent_id"] if p} <= ids
    facilities = dataset.sites[dataset.sites["category"] == "facility"]
    assert set(facilities["parent_id"]) <= SCIENCE_CITIES


def test_link_is_a_line(dataset):
    link = dataset.site("shenzhen-zhongshan-link")
    assert link["geometry_kind"] == "line" and link.geometry.geom_type == "LineString"


def test_subprojects_cover_relocated_institutes_and_guangming_first_stage(dataset):
    sub = dataset.subprojects
    assert len(sub[(sub["parent_id"] == "pearl-science-park") & (sub["kind"] == "relocated_institute")]) >= 5
    gm = sub[sub["parent_id"] == "guangming-science-city"]
    assert len(gm[gm["kind"] == "first_stage_facility"]) == 6
    assert (gm["status"] == "under_construction").sum() == 2


def test_city_context_and_stories(dataset):
    ctx = dataset.city_context.set_index(["region", "basis"])["value"]
    assert ctx[("Guangdong", "reported")] == 21473
    assert ctx[("Guangzhou", "reported")] == 10626
    assert ctx[("Shenzhen", "reported")] == 9504
    assert ctx[("Guangdong", "expected")] == 34800
    assert len(dataset.stories) >= 9


def test_every_csv_column_is_declared_in_the_field_table():
    """The one field table is the contract: no attribute column exists outside it."""
    declared = {f.name for f in FIELDS}
    for table in TABLES:
        with open(DATA / f"{table}.csv", encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        extra = set(header) - declared - {"site_id", "source_id"}
        assert not extra, (table, extra)
        assert {f.name for f in table_fields(table)} <= set(header), table


def test_every_field_has_labels_in_both_languages():
    for f in FIELDS:
        assert f.label_en and f.label_zh and f.help, f.name
    # Every number and year in the tables is a reported figure, so each needs its source.
    numeric = {f.name for f in FIELDS if f.kind in ("int", "float", "year")}
    assert numeric <= {f.name for f in SOURCED}
    assert {f.name for f in FIELDS if not f.sourced} == {"connects"}  # a fact of the place, not a figure


def test_committed_sites_file_matches_the_curation_script():
    spec = importlib.util.spec_from_file_location("build_sites", ROOT / "scripts" / "build_sites.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (DATA / "sites.geojson").read_text(encoding="utf-8") == module.render()


def test_static_basemap_is_the_bundled_one():
    """The page fetches static/basemap.geojson; it must be data/'s basemap byte for byte."""
    assert (ROOT / "static" / "basemap.geojson").read_bytes() == (
        DATA / "basemap_natural_earth_10m.geojson"
    ).read_bytes()
