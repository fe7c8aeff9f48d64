"""A hostile copy of the bundled data: names, notes and sources that try to run script."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from .conftest import DATA

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "${alert(3)}",
    "`alert(4)`",
    "\"'><svg onload=alert(5)>",
]
HOSTILE_NAME = "Evil <img src=x onerror=alert(1)> ${alert(3)} `x` \"q\" 'a'"
HOSTILE_ZH = "恶意</script><script>alert(2)</script>"


def make_hostile(dest: Path) -> Path:
    """Copy data/ to ``dest`` and put script-like text in every kind of text field."""
    shutil.copytree(DATA, dest)
    for path in dest.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    sites = json.loads((dest / "sites.geojson").read_text(encoding="utf-8"))
    for i, feature in enumerate(sites["features"]):
        p = feature["properties"]
        if p["site_id"] == "csns":
            p["name_en"], p["name_zh"] = HOSTILE_NAME, HOSTILE_ZH
        else:
            p["name_en"] = f"{p['name_en']} {PAYLOADS[i % len(PAYLOADS)]}"
        p["location_source"] = f"{p['location_source']} {PAYLOADS[(i + 1) % len(PAYLOADS)]}"
    (dest / "sites.geojson").write_text(json.dumps(sites, ensure_ascii=False), encoding="utf-8")
    _edit_csv(dest / "sources.csv", {"title": PAYLOADS[0], "summary": PAYLOADS[1], "publisher": PAYLOADS[2]})
    _edit_csv(dest / "stories.csv", {"title": PAYLOADS[4], "summary": PAYLOADS[0]})
    _edit_csv(dest / "subprojects.csv", {"name_en": PAYLOADS[1]})
    _edit_csv(dest / "figure_sources.csv", {"note": PAYLOADS[3]})
    _edit_csv(dest / "facilities.csv", {"operator": PAYLOADS[0]}, only_nonempty=True)
    tour = json.loads((dest / "tours" / "default.json").read_text(encoding="utf-8"))
    tour["title"] = PAYLOADS[1]
    for scene in tour["scenes"]:
        scene["title"] = f"{scene['title']} {PAYLOADS[0]}"
        scene["notes"] = PAYLOADS[2] + PAYLOADS[3]
    (dest / "tours" / "default.json").write_text(json.dumps(tour, ensure_ascii=False), encoding="utf-8")
    return dest


def _edit_csv(path: Path, changes: dict[str, str], *, only_nonempty: bool = False) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        for key, value in changes.items():
            if not only_nonempty or row[key]:
                row[key] = f"{row[key]} {value}"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
