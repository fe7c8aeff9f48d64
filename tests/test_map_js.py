"""The map's browser code (gba_dash/map/js/gba-map.js): its pure helpers under Node, and the
contract between the scripts and the Python that feeds them.

The Leaflet parts are exercised by the browser tests (the page's map, the offline bundle);
here the rules they rest on: which zoom hides which names, which parts a filter change adds
and removes, how a layer is named and a symbol classed.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from gba_dash.map import contract
from gba_dash.map.elements import script_text
from gba_dash.ui.browser import asset

from .conftest import ROOT

JS = ROOT / "gba_dash" / "map" / "js" / "gba-map.js"
NODE = shutil.which("node")


def node(expr: str) -> object:
    if NODE is None:
        pytest.fail("node is not installed: the README's install command (npm ci) needs Node.js")
    code = f"const kit = require({json.dumps(str(JS))});\nprocess.stdout.write(JSON.stringify({expr}));"
    out = subprocess.run([NODE, "-e", code], capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize(
    ("zoom", "towns_hidden"), [(6, True), (9, True), (9.75, True), (10, False), (12, False), (16, False)]
)
def test_names_show_by_zoom(zoom, towns_hidden):
    classes = node(f"kit.zoomClasses({zoom})")
    assert classes == {"gba-z-lt10": towns_hidden, "gba-z-ge11": zoom >= 11}


def test_a_filter_change_adds_and_removes_exactly_the_parts_of_the_sites_it_changes():
    # parts: [site, layer, isSymbol]; layers 1-3 are on the map now
    parts = [["a", 1, True], ["a", 2, False], ["b", 3, True], ["c", 4, True], ["c", 5, False]]
    diff = node(f"kit.partsDiff({json.dumps(parts)}, kit.idSet(['a', 'c']), (l) => [1, 2, 3].includes(l))")
    assert diff == {"add": [4, 5], "remove": [3], "count": 2}
    nothing = node(f"kit.partsDiff({json.dumps(parts)}, kit.idSet([]), (l) => false)")
    assert nothing == {"add": [], "remove": [], "count": 0}


def test_layers_are_named_with_their_count_and_symbols_classed_by_their_marks():
    assert node("kit.layerName('Facility', 3)") == "Facility (3)"
    assert node("kit.symbolClass({selected: true, changed: false, new: true})") == "gba-symbol gba-selected gba-new"
    assert node("kit.symbolClass({})") == "gba-symbol"
    assert node("kit.isMajor({category: 'ai_park'}, ['science_city', 'ai_park'])") is True
    assert node("kit.isMajor({category: 'facility', selected: true}, ['science_city'])") is True
    assert node("kit.isMajor({category: 'facility'}, ['science_city'])") is False


def test_the_basemap_is_styled_by_its_layer_with_a_fallback():
    styles = {"land": {"fillColor": "#f4f1ea"}}
    assert node(f"kit.basemapStyle({json.dumps(styles)}, {{properties: {{layer: 'land'}}}})") == styles["land"]
    assert node(f"kit.basemapStyle({json.dumps(styles)}, {{properties: {{layer: 'roads'}}}})") == {
        "color": "#999",
        "weight": 1,
    }


def test_every_element_a_python_class_calls_is_in_the_script():
    from gba_dash.map import elements

    called = {c.fn for c in vars(elements).values() if isinstance(c, type) and issubclass(c, elements.Call) and c.fn}
    exported = set(node("Object.keys(kit)"))
    assert called and called <= exported


def test_the_browser_names_are_written_once_and_reach_every_script():
    """The scripts take the shared names from their data (map/contract.py), never spell them."""
    scripts = {
        "map/js/gba-map.js": script_text(),
        "ui/browser/predictor.js": asset("predictor.js"),
        "ui/browser/first_view.js": asset("first_view.js"),
        "ui/browser/map_sites.js": asset("map_sites.js"),
    }
    for name, text in scripts.items():
        for spelled in (contract.MAP_FRAME, contract.SET_SHOWN, contract.SERVER_SHOWN, contract.SITE_GROUPS):
            assert spelled not in text, f"{name} spells {spelled!r}: take it from data.names"
    # CSS cannot take data: the presenter's style names the frame as the contract does.
    assert contract.MAP_FRAME in asset("presenter.css")


def test_the_script_cannot_close_the_element_it_is_inlined_in():
    assert "</script" not in script_text().lower()


PRESENTER_KEYS = ROOT / "gba_dash" / "ui" / "browser" / "presenter_keys.js"


@pytest.mark.parametrize(
    ("key", "shift", "scene", "expected"),
    [
        ("ArrowRight", False, 3, 4),
        ("PageDown", False, 3, 4),
        (" ", False, 3, 4),
        ("ArrowLeft", False, 3, 2),
        ("PageUp", False, 3, 2),
        (" ", True, 3, 2),
        ("Home", False, 3, 1),
        ("End", False, 3, 7),
        ("ArrowRight", False, 7, None),  # the last scene: nowhere to go
        ("Home", False, 1, None),
        ("Escape", False, 3, None),  # Esc leaves full screen first; never a scene key
        ("a", False, 3, None),
    ],
)
def test_a_clickers_keys_ask_for_the_scene_they_mean(key, shift, scene, expected):
    if NODE is None:
        pytest.fail("node is not installed: the README's install command (npm ci) needs Node.js")
    code = (
        f"import {{ target }} from {json.dumps(PRESENTER_KEYS.as_uri())};\n"
        f"process.stdout.write(JSON.stringify(target({json.dumps(key)}, {json.dumps(shift)}, {scene}, 7)));"
    )
    out = subprocess.run([NODE, "--input-type=module", "-e", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == expected


def test_a_change_of_shown_sites_refits_only_a_map_the_reader_has_not_moved():
    assert node("kit.shouldRefit('a,b', 'a', false)") is True
    assert node("kit.shouldRefit('a,b', 'a', true)") is False  # panned or zoomed by hand
    assert node("kit.shouldRefit('a,b', 'a,b', false)") is False  # the same sites
    assert node("kit.shouldRefit(undefined, 'a', false)") is False  # the opening view
    assert node("kit.shownKey(['b', 'a'])") == node("kit.shownKey(['a', 'b'])") == "a,b"


# ---- gba-layout.js: label placement and co-located symbols (issue #26) ------------------

LAYOUT_JS = ROOT / "gba_dash" / "map" / "js" / "gba-layout.js"
FRAME = {"x": 0, "y": 0, "w": 400, "h": 300}


def layout(expr: str) -> object:
    if NODE is None:
        pytest.fail("node is not installed: the README's install command (npm ci) needs Node.js")
    code = f"const lay = require({json.dumps(str(LAYOUT_JS))});\nprocess.stdout.write(JSON.stringify({expr}));"
    out = subprocess.run([NODE, "-e", code], capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _label(id_, x, y, *, w=100, h=16, priority=2, owner=None, **more):
    return {"id": id_, "owner": owner or id_, "x": x, "y": y, "w": w, "h": h, "r": 6, "priority": priority, **more}


def _placed_boxes(items, spots):
    by_id = {i["id"]: i for i in items}
    return [{"x": s["x"], "y": s["y"], "w": by_id[s["id"]]["w"], "h": by_id[s["id"]]["h"]} for s in spots if s["at"]]


def test_two_names_on_nearby_symbols_are_placed_apart_the_higher_one_first():
    items = [_label("facility", 100, 102, priority=2), _label("city", 100, 100, priority=1)]
    spots = layout(f"lay.placeAll({json.dumps(items)}, {{frame: {json.dumps(FRAME)}}})")
    assert [s["id"] for s in spots] == ["facility", "city"]  # in the items' order
    assert spots[1]["at"] == "right"  # the higher priority keeps its first choice
    assert spots[0]["at"] not in (None, "right")
    boxes = _placed_boxes(items, spots)
    assert layout(f"lay.collisions({json.dumps(boxes)}, {json.dumps(FRAME)})") == {"pairs": 0, "outside": 0}


def test_a_name_at_the_frames_edge_turns_inwards_and_one_with_no_room_is_hidden():
    edge = _label("edge", 390, 150, w=120)  # right of it would run past the frame
    spots = layout(f"lay.placeAll({json.dumps([edge])}, {{frame: {json.dumps(FRAME)}}})")
    assert spots[0]["at"] == "left" and spots[0]["x"] + 120 <= 400
    crowd = [_label(f"s{i}", 200, 150, w=390, h=140, priority=i) for i in range(3)]
    spots = layout(f"lay.placeAll({json.dumps(crowd)}, {{frame: {json.dumps(FRAME)}}})")
    assert [s["at"] for s in spots].count(None) >= 1  # no room for all: the lowest goes


def test_a_name_never_covers_another_sites_symbol_but_may_sit_by_its_own():
    name = _label("a", 150, 150)
    other = {"x": 160, "y": 140, "w": 20, "h": 20, "owner": "b"}  # b's symbol right of a
    own = {"x": 130, "y": 140, "w": 20, "h": 20, "owner": "a"}  # a's own, under its left spot
    spots = layout(
        f"lay.placeAll({json.dumps([name])}, {{frame: {json.dumps(FRAME)}, obstacles: {json.dumps([other, own])}}})"
    )
    assert spots[0]["at"] == "left", spots
    box = {"x": spots[0]["x"], "y": spots[0]["y"], "w": 100, "h": 16}
    assert not layout(f"lay.overlaps({json.dumps(box)}, {json.dumps(other)}, 0)")


def test_a_fanned_symbols_name_runs_away_from_its_fans_centre():
    first = layout(f"lay.candidates({json.dumps(_label('a', 100, 100, out=[-20, 0]))})[0].at")
    assert first == "left"
    assert layout(f"lay.candidates({json.dumps(_label('a', 100, 100, out=[0, -20]))})[0].at") == "above"
    assert layout(f"lay.candidates({json.dumps(_label('a', 100, 100))})[0].at") == "right"


def test_symbols_on_one_point_are_fanned_apart_and_lone_ones_stay():
    points = [
        {"key": "pearl", "x": 200, "y": 150},
        {"key": "unmanned", "x": 200, "y": 150},
        {"key": "far", "x": 20, "y": 20},
    ]
    fan = layout(f"lay.fanOut({json.dumps(points)}, {{near: 14, spacing: 26}})")
    assert set(fan["offsets"]) == {"pearl", "unmanned"} and fan["hubs"] == [{"x": 200, "y": 150}]
    (ax, ay), (bx, by) = fan["offsets"]["pearl"], fan["offsets"]["unmanned"]
    assert ay == pytest.approx(0) and by == pytest.approx(0)  # two: left and right
    assert abs(ax - bx) >= 26  # a symbol's width apart at least
    # A chain of near symbols is one fan; every symbol ends up clear of the others.
    chain = [{"key": k, "x": 100 + 8 * i, "y": 100} for i, k in enumerate("abcde")]
    fan = layout(f"lay.fanOut({json.dumps(chain)}, {{near: 14, spacing: 26}})")
    moved = [(p["x"] + fan["offsets"][p["key"]][0], p["y"] + fan["offsets"][p["key"]][1]) for p in chain]
    gaps = [((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 for i, (x1, y1) in enumerate(moved) for (x2, y2) in moved[i + 1 :]]
    assert len(fan["hubs"]) == 1 and min(gaps) >= 18, gaps


def test_fans_that_would_cover_each_other_and_outgrow_the_map_are_one_crowd():
    """Two groups of six whose fans would touch: fanned as two when the map has room, one
    crowd (no offsets, every key but the kept selected site) when their circles together
    would be wider than maxRadius; a far group stays a fan."""
    west = [{"key": f"w{i}", "x": 100, "y": 100} for i in range(6)]
    east = [{"key": f"e{i}", "x": 130, "y": 100} for i in range(6)]
    far = [{"key": f"f{i}", "x": 400, "y": 400} for i in range(2)]
    points = json.dumps(west + east + far)
    roomy = layout(f"lay.fanOut({points}, {{near: 14, spacing: 26, maxRadius: 200}})")
    assert roomy["crowds"] == [] and len(roomy["offsets"]) == 14 and len(roomy["hubs"]) == 3
    tight = layout(f"lay.fanOut({points}, {{near: 14, spacing: 26, maxRadius: 40, keep: {{w0: true}}}})")
    (crowd,) = tight["crowds"]
    assert sorted(crowd["keys"]) == sorted([p["key"] for p in west[1:] + east])
    assert crowd["x"] == pytest.approx(115) and crowd["y"] == pytest.approx(100)
    assert set(tight["offsets"]) == {"f0", "f1"} and len(tight["hubs"]) == 1
    # Fans far enough apart are not a crowd however small the map.
    apart = json.dumps(west + [{**p, "x": 300} for p in east])
    assert layout(f"lay.fanOut({apart}, {{near: 14, spacing: 26, maxRadius: 40}})")["crowds"] == []


COPY_LINK = ROOT / "gba_dash" / "ui" / "browser" / "copy_link.js"


@pytest.mark.parametrize(
    ("clipboard", "exec_ok", "expected"),
    [
        ("ok", False, {"ok": True, "via": "clipboard"}),
        ("refuses", True, {"ok": True, "via": "execCommand"}),  # a permission refused: the old path
        ("missing", True, {"ok": True, "via": "execCommand"}),  # plain http: no Clipboard API
        ("missing", False, {"ok": False, "via": "execCommand"}),  # nothing copies: the page says so
    ],
)
def test_copy_link_falls_back_when_the_clipboard_api_is_missing_or_refused(clipboard, exec_ok, expected):
    if NODE is None:
        pytest.fail("node is not installed: the README's install command (npm ci) needs Node.js")
    code = f"""
import {{ copyText }} from {json.dumps(COPY_LINK.as_uri())};
let via = null, copied = null;
const nav = {json.dumps(clipboard)} === "missing" ? {{}} : {{ clipboard: {{ writeText: (t) => {{
  via = "clipboard"; copied = t;
  return {json.dumps(clipboard)} === "ok" ? Promise.resolve() : Promise.reject(new Error("denied"));
}} }} }};
const area = {{ value: "", style: {{}}, setAttribute() {{}}, select() {{}}, remove() {{}} }};
const doc = {{ body: {{ appendChild() {{}} }}, createElement: () => area,
  execCommand: (c) => {{ via = "execCommand"; copied = area.value; return {json.dumps(exec_ok)} && c === "copy"; }} }};
const ok = await copyText("http://h/?city=Zhuhai", nav, doc);
if (copied !== "http://h/?city=Zhuhai") throw new Error("copied " + copied);
process.stdout.write(JSON.stringify({{ ok, via }}));
"""
    out = subprocess.run([NODE, "--input-type=module", "-e", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == expected
