"""Sites opened or begun since 2019 (issue #28, item 5): absent from the 2019 archive,
present in the latest view, marked as new on the map, each with its source, as-of date,
status and positional uncertainty."""

from __future__ import annotations

import csv
import json

import pytest

from gba_dash.dataset import load_dataset
from gba_dash.map.elements import Legend
from gba_dash.map.sites import layer_data
from gba_dash.read.fields import GBA_BBOX, STATUS_VOCABULARY
from gba_dash.read.history import HISTORY_FILE, view
from gba_dash.read.schema import AS_OF, DataError
from gba_dash.view.filters import FilterState, apply_filters, describe

NEW_IN = "2026.2"
ARCHIVE_COUNT = 31


def _features(data_dir):
    return json.loads((data_dir / "sites.geojson").read_text(encoding="utf-8"))["features"]


def _new_ids(data_dir) -> set[str]:
    return {f["properties"]["site_id"] for f in _features(data_dir) if f["properties"].get("since_2019")}


def _symbols(ds, lang="en"):
    return {
        s["site"]: s
        for group in layer_data(ds.sites, lang=lang, mark_changed=ds.as_of_state == "latest")
        for s in group["symbols"]
    }


def test_at_least_twelve_sites_are_new_since_2019_in_this_data_version(data_dir):
    props = [f["properties"] for f in _features(data_dir)]
    new = [p for p in props if p.get("since_2019")]
    assert len(new) >= 12
    assert all(p["added_in"] == NEW_IN for p in new)
    # every other site came with the first release and is not new
    assert all(p["added_in"] == "2019.1" and p["since_2019"] is False for p in props if p not in new)
    assert len(props) - len(new) == ARCHIVE_COUNT


def test_new_sites_are_absent_from_the_2019_archive_and_present_in_latest(dataset, data_dir):
    new = _new_ids(data_dir)
    archive = view(dataset, "2019")
    latest = view(dataset, "latest")
    assert not set(archive.sites["site_id"]) & new and len(archive.sites) == ARCHIVE_COUNT
    assert new <= set(latest.sites["site_id"]) and len(latest.sites) == ARCHIVE_COUNT + len(new)
    # the loaded dataset is the archive; the new sites wait beside it
    assert set(dataset.new_sites["site_id"]) == new and not set(dataset.sites["site_id"]) & new
    assert latest.site("hkust-guangzhou") is not None and archive.site("hkust-guangzhou") is None


def test_every_new_site_has_a_sourced_status_as_of_date_and_uncertainty(dataset, data_dir):
    sources = {r["source_id"]: r for r in csv.DictReader((data_dir / "sources.csv").open(encoding="utf-8"))}
    history = list(csv.DictReader((data_dir / HISTORY_FILE).open(encoding="utf-8")))
    latest = view(dataset, "latest")
    lon0, lat0, lon1, lat1 = GBA_BBOX
    for feature in _features(data_dir):
        p = feature["properties"]
        if not p.get("since_2019"):
            continue
        sid = p["site_id"]
        statuses = [r for r in history if r["subject"] == sid and r["field"] == "status" and r["value"]]
        assert statuses, f"{sid}: no later status"
        for row in (r for r in history if r["subject"] == sid and r["value"]):
            assert row["value"] in STATUS_VOCABULARY or row["field"] != "status", (sid, row["value"])
            # after the archive: a month of 2019 or a later year
            assert AS_OF.match(row["as_of"]) and row["as_of"] != "2019", (sid, row["as_of"])
            assert row["as_of"][:4] >= "2019", (sid, row["as_of"])
            src = sources[row["source_id"]]
            assert src["url"].startswith(("http://", "https://")), (sid, row["source_id"])
            assert AS_OF.match(src["as_of"]), (sid, row["source_id"])
            assert row["evidence"] and row["checked_on"], (sid, row["field"])
        # the position: a radius, a confidence and how it was found
        assert p["location_uncertainty_m"] >= 1000, sid  # an estimate, never a pin-point
        assert p["location_confidence"] == "low" and p["location_source"].startswith("estimate"), sid
        lon, lat = feature["geometry"]["coordinates"]
        assert lon0 <= lon <= lon1 and lat0 <= lat <= lat1, sid
        # the latest view shows the status with its date and source
        row = latest.site(sid)
        assert row["status"] in STATUS_VOCABULARY and row["status_as_of"] and row["status_source"], sid


def test_a_new_site_placed_at_another_sites_estimate_is_no_surer_than_it(dataset):
    """A new site placed at a science city's or a facility's estimate keeps at least that
    estimate's radius (and widens it to cover the place its source names)."""
    archive = dataset.sites.to_crs(3857)
    anchors = archive.geometry.centroid
    placed = 0
    for _, row in dataset.new_sites.to_crs(3857).iterrows():
        at = archive[anchors.distance(row.geometry) < 100]
        placed += bool(len(at))
        for other, radius in zip(at["site_id"], at["location_uncertainty_m"], strict=True):
            assert row["location_uncertainty_m"] > radius, (row["site_id"], other)
    assert placed >= 10


def test_the_changed_filter_includes_the_new_sites_only_in_latest(dataset, data_dir):
    new = _new_ids(data_dir)
    latest = view(dataset, "latest")
    changed = set(apply_filters(latest.sites, FilterState(changed=True))["site_id"])
    assert new <= changed
    archived_changed = set(apply_filters(view(dataset, "2019").sites, FilterState(changed=True))["site_id"])
    assert not archived_changed & new and changed == archived_changed | new
    text = describe(FilterState(changed=True), len(changed), len(latest.sites), lang="en")
    assert text == f"{len(changed)} of {ARCHIVE_COUNT + len(new)} sites: all sites, changed since 2019"


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "New since 2019 (added in data version 2026.2)"), ("zh", "2019年后新增"), ("zh-Hant", "2019年後新增")],
)
def test_new_sites_are_marked_on_the_map_in_tooltip_and_accessible_name(dataset, data_dir, lang, said):
    new = _new_ids(data_dir)
    symbols = _symbols(view(dataset, "latest"), lang)
    for sid in new:
        s = symbols[sid]
        assert s["new"] is True and s["changed"] is False, sid  # the diamond, not the changed dot
        assert said in s["label"] and said in s["tip"], sid
    assert not any(s["new"] for sid, s in symbols.items() if sid not in new)
    assert any(s["changed"] for s in symbols.values())  # archive sites keep their ring
    legend = Legend(lang, changed=True).html
    assert "gba-new-key" in legend and "gba-changed-key" in legend


def test_the_2019_map_has_no_new_marks_and_no_key(dataset):
    symbols = _symbols(view(dataset, "2019"))
    assert len(symbols) == ARCHIVE_COUNT and not any(s["new"] for s in symbols.values())
    assert "gba-new-key" not in Legend("en", changed=False).html


def test_the_map_script_draws_the_new_class():
    from gba_dash.map.elements import script_text

    assert '(p.new ? " gba-new" : "")' in script_text()


@pytest.mark.page
def test_the_details_of_a_new_site_say_it_is_new_and_the_archive_drops_it():
    from tests.conftest import run_app

    at = run_app({"site": "hkust-guangzhou"})
    body = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "new since 2019 (added in data version 2026.2; not in the 2019 archive)" in body
    assert "Status:** operating" in body and "as of 2022-09-01" in body
    # the 2019 archive has no such site: the selection is dropped, the page stays up
    at.radio(key="asof").set_value("2019").run()
    assert not at.exception and at.selectbox(key="site").value is None
    readback = next(m.value for m in at.markdown if 'id="readback"' in m.value)
    assert "31 of 31 sites" in readback


# ---- the guards ------------------------------------------------------------------------


def _rewrite_sites(data_copy, change):
    path = data_copy / "sites.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    for feature in doc["features"]:
        change(feature["properties"])
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _problems(data_copy) -> list[str]:
    with pytest.raises(DataError) as info:
        load_dataset(data_copy)
    return [str(p) for p in info.value.problems]


def test_a_new_site_without_its_data_version_is_refused(data_copy):
    def drop(p):
        if p["site_id"] == "hkust-guangzhou":
            p["added_in"] = ""

    _rewrite_sites(data_copy, drop)
    problems = _problems(data_copy)
    # the feature is refused (the rows naming it then follow as unknown)
    assert problems[0].startswith("sites.geojson: feature") and "hkust-guangzhou" in problems[0]
    assert "field 'added_in'" in problems[0] and "needs the data version" in problems[0]


def test_since_2019_must_be_true_or_false(data_copy):
    def bad(p):
        if p["site_id"] == "cityu-dongguan":
            p["since_2019"] = "yes"

    _rewrite_sites(data_copy, bad)
    problems = _problems(data_copy)
    assert problems[0].startswith("sites.geojson: feature") and "cityu-dongguan" in problems[0]
    assert "field 'since_2019'" in problems[0] and "expected true or false" in problems[0]


def test_a_new_site_without_a_later_status_is_refused(data_copy):
    path = data_copy / HISTORY_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("cityu-dongguan,status,")), encoding="utf-8")
    problems = _problems(data_copy)
    assert len(problems) == 1
    assert "cityu-dongguan" in problems[0] and "added since 2019 but has no later status" in problems[0]


def test_a_sites_file_without_the_new_properties_is_all_archive(data_copy):
    """Another data directory, written before 2026.2: every site is an archive site."""

    def strip(p):
        p.pop("added_in", None)
        p.pop("since_2019", None)

    _rewrite_sites(data_copy, strip)
    # its rows for the new sites and their history then simply describe archive sites
    ds = load_dataset(data_copy)
    assert len(ds.sites) == ARCHIVE_COUNT + 13 and ds.new_sites.empty
    assert len(view(ds, "latest").sites) == len(ds.sites)
