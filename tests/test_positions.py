"""Every site's position rests on what its references say (data/positions.csv, issue #28).

Each reference row says what it locates: the site itself, the other side of a border
crossing, a landmark nearby, a wider area, another campus, or an address with no
coordinate. The rules a position is held to:

- every site has at least one reference row, and every row names a known site;
- a coordinate's recorded distance is its great-circle distance from the point drawn;
- the uncertainty radius covers every coordinate of the site itself;
- confidence is high only on two references of the site itself from different
  publishers within 150 m, and medium only on at least one coordinate of the site itself;
- a checkpoint's note says which side of the border it is drawn at.
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict

import pytest
from shapely.geometry import shape

from gba_dash.read.geometry import anchor

from .conftest import ROOT

DATA = ROOT / "data"
LOCATES = {"site", "other_side", "landmark", "area", "other_campus", "address"}
SIDES = ("Shenzhen", "Zhuhai", "Hong Kong", "Macao", "joint building", "port on Hengqin")


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def sites() -> dict[str, tuple[dict, object]]:
    doc = json.loads((DATA / "sites.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["site_id"]: (f["properties"], anchor(shape(f["geometry"]))) for f in doc["features"]}


def references(path=DATA / "positions.csv") -> dict[str, list[dict]]:
    by_site: dict[str, list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            by_site[row["site_id"]].append(row)
    return by_site


def problems(sites_: dict, refs: dict) -> list[str]:
    found = []
    for site_id in sorted(set(refs) - set(sites_)):
        found.append(f"{site_id}: references name an unknown site")
    for site_id, (props, point) in sorted(sites_.items()):
        rows = refs.get(site_id, [])
        if not rows:
            found.append(f"{site_id}: no reference row")
            continue
        own = []
        for row in rows:
            where = f"{site_id} reference {row['reference']}"
            if row["locates"] not in LOCATES:
                found.append(f"{where}: locates {row['locates']!r}")
            if bool(row["lat"]) != bool(row["lon"]) or (row["locates"] == "address" and row["lat"]):
                found.append(f"{where}: a coordinate needs both lat and lon, an address none")
            if not row["lat"]:
                continue
            d = haversine(float(row["lat"]), float(row["lon"]), point.y, point.x)
            if abs(d - float(row["distance_m"] or "nan")) > 5 or not row["distance_m"]:
                found.append(f"{where}: distance_m {row['distance_m']!r}, measured {d:.0f}")
            if row["locates"] == "site":
                own.append(row)
                if d > props["location_uncertainty_m"]:
                    found.append(f"{where}: {d:.0f} m from the point, outside its {props['location_uncertainty_m']} m")
        conf = props["location_confidence"]
        if conf == "high":
            agree = [
                (a, b)
                for a in own
                for b in own
                if a["source"].split()[0] != b["source"].split()[0]
                and haversine(float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"])) <= 150
            ]
            if not agree:
                found.append(f"{site_id}: high confidence without two independent references within 150 m")
        if conf == "med" and not own:
            found.append(f"{site_id}: medium confidence without a coordinate of the site itself")
        if props["category"] == "checkpoint" and not any(side in props["location_source"] for side in SIDES):
            found.append(f"{site_id}: the note does not say which side it is drawn at")
    return found


def test_every_position_rests_on_its_references():
    assert problems(sites(), references()) == []


@pytest.mark.parametrize(
    ("site_id", "change", "expected"),
    [
        ("futian-port", {"location_uncertainty_m": 300}, "outside its 300 m"),
        ("hzmb-hong-kong-port", {"location_confidence": "med"}, "medium confidence without"),
        ("luohu-port", {"location_confidence": "high"}, "high confidence without"),
        ("luohu-port", {"location_source": "English Wikipedia"}, "which side"),
    ],
)
def test_the_rules_catch_an_overstated_position(site_id, change, expected):
    sites_ = sites()
    props, point = sites_[site_id]
    sites_[site_id] = ({**props, **change}, point)
    assert any(expected in p for p in problems(sites_, references()))


def test_a_site_without_references_is_named():
    refs = references()
    refs.pop("csns")
    assert "csns: no reference row" in problems(sites(), refs)
