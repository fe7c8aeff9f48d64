"""Guided tours: JSON files of scenes, each a saved view with a title and notes.

A scene's view is written the way a share link is (``{"category": "facility", "site":
"csns"}``) and decoded by ``share.decode``, so a tour and a link can never disagree about
what a view means; a parameter a link would ignore with a warning is an error in a tour,
naming the file, the scene and the parameter.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..read.load import read_bytes
from ..read.schema import SLUG, Problem
from ..words.i18n import pick
from .share import ViewState, Vocab, decode, encode

TOUR_KEYS = {"title", "title_zh", "title_zh_hant", "description", "scenes"}
SCENE_KEYS = {"title", "title_zh", "title_zh_hant", "notes", "notes_zh", "notes_zh_hant", "view", "center", "zoom"}
# Optional translations of a tour's text; a missing Traditional text falls back to the
# Simplified, then to the English.
_TEXT_KEYS = ("title_zh", "title_zh_hant", "notes", "notes_zh", "notes_zh_hant")


def _in(lang: str, en: str, zh: str, zh_hant: str) -> str:
    return pick((en, zh or en, zh_hant or zh or en), lang)


MAX_SCENES = 99
MAX_TOUR_BYTES = 1024 * 1024


@dataclass(frozen=True, kw_only=True)
class Scene:
    title: str
    title_zh: str = ""
    title_zh_hant: str = ""
    notes: str = ""
    notes_zh: str = ""
    notes_zh_hant: str = ""
    view: ViewState = field(default_factory=ViewState)
    center: tuple[float, float] | None = None
    zoom: int | None = None

    def heading(self, lang: str) -> str:
        return _in(lang, self.title, self.title_zh, self.title_zh_hant)

    def text(self, lang: str) -> str:
        return _in(lang, self.notes, self.notes_zh, self.notes_zh_hant)


@dataclass(frozen=True, kw_only=True)
class Tour:
    name: str
    title: str
    title_zh: str = ""
    title_zh_hant: str = ""
    description: str = ""
    scenes: tuple[Scene, ...] = ()

    def heading(self, lang: str) -> str:
        return _in(lang, self.title, self.title_zh, self.title_zh_hant)


def read_tours(tour_dir: Path, vocab: Vocab, problems: list[Problem]) -> dict[str, Tour]:
    """Every ``*.json`` in ``tour_dir`` by file stem; problems are appended, bad tours skipped.

    Files are read like every data file (``load.read_bytes``: regular files only, bounded);
    a tours entry that is not a readable directory is a problem too, never an empty list.
    """

    tours: dict[str, Tour] = {}
    try:
        paths = sorted(tour_dir.glob("*.json")) if tour_dir.is_dir() else None
        if paths is not None:
            list(tour_dir.iterdir())  # glob() swallows an unreadable directory; listing it does not
    except OSError as exc:
        problems.append(Problem("tours/", "", "", "", f"cannot list the tours directory: {exc.strerror or exc}"))
        return tours
    if paths is None:
        if tour_dir.exists() or tour_dir.is_symlink():
            problems.append(Problem("tours", "", "", "", "is not a directory (tours live in data/tours/*.json)"))
        return tours
    for path in paths:
        name = f"tours/{path.name}"
        data = read_bytes(path, problems, name=name, limit=MAX_TOUR_BYTES)
        if data is None:
            continue
        tour = parse_tour(path.stem, data, vocab, problems, name=name)
        if tour is not None:
            tours[tour.name] = tour
    return tours


def parse_tour(stem: str, data: bytes, vocab: Vocab, problems: list[Problem], *, name: str) -> Tour | None:
    """A Tour from JSON bytes, or None with every problem found appended."""
    before = len(problems)
    if not SLUG.match(stem):
        problems.append(Problem(name, "", "", stem, "tour file names are lower-case slugs: letters, digits, '-'"))
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, "", "", "", f"not UTF-8 text (byte {exc.start})"))
        return None
    except json.JSONDecodeError as exc:
        problems.append(Problem(name, f"line {exc.lineno} column {exc.colno}", "", "", f"malformed JSON: {exc.msg}"))
        return None
    except RecursionError:
        problems.append(Problem(name, "", "", "", "JSON nested too deeply to be a tour"))
        return None
    if not isinstance(doc, dict):
        problems.append(Problem(name, "", "", type(doc).__name__, "a tour is a JSON object"))
        return None
    for key in sorted(set(doc) - TOUR_KEYS):
        problems.append(Problem(name, "", key, "", f"unknown key; known: {', '.join(sorted(TOUR_KEYS))}"))
    title = doc.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem(name, "", "title", title or "", "a tour needs a title"))
    for key in ("title_zh", "title_zh_hant", "description"):
        if not isinstance(doc.get(key, ""), str):
            problems.append(Problem(name, "", key, doc.get(key), "expected text"))
    raw_scenes = doc.get("scenes")
    if not isinstance(raw_scenes, list) or not raw_scenes:
        problems.append(Problem(name, "", "scenes", "", "a tour needs a non-empty list of scenes"))
        return None
    if len(raw_scenes) > MAX_SCENES:
        problems.append(Problem(name, "", "scenes", len(raw_scenes), f"at most {MAX_SCENES} scenes"))
        return None
    scenes = [_scene(raw, i + 1, vocab, problems, name) for i, raw in enumerate(raw_scenes)]
    if len(problems) > before:
        return None
    return Tour(
        name=stem,
        title=title.strip(),
        title_zh=doc.get("title_zh", ""),
        title_zh_hant=doc.get("title_zh_hant", ""),
        description=doc.get("description", ""),
        scenes=tuple(scenes),
    )


def _scene(raw: object, number: int, vocab: Vocab, problems: list[Problem], name: str) -> Scene | None:
    where = f"scene {number}"
    if not isinstance(raw, dict):
        problems.append(Problem(name, where, "", type(raw).__name__, "a scene is a JSON object"))
        return None
    for key in sorted(set(raw) - SCENE_KEYS):
        problems.append(Problem(name, where, key, "", f"unknown key; known: {', '.join(sorted(SCENE_KEYS))}"))
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem(name, where, "title", title or "", "a scene needs a title"))
    for key in _TEXT_KEYS:
        if not isinstance(raw.get(key, ""), str):
            problems.append(Problem(name, where, key, raw.get(key), "expected text"))
    view_raw = raw.get("view", {})
    view = ViewState()
    if not isinstance(view_raw, dict) or not all(isinstance(v, str) for v in view_raw.values()):
        problems.append(Problem(name, where, "view", "", "a view is an object of link parameters with text values"))
    else:
        for key in ("present", "scene"):
            if key in view_raw:
                problems.append(Problem(name, where, f"view.{key}", view_raw[key], "not part of a scene's view"))
        view, warnings = decode({k: v for k, v in view_raw.items() if k not in ("present", "scene")}, vocab)
        for warning in warnings:
            problems.append(Problem(name, where, "view", "", warning))
    center = raw.get("center")
    if center is not None and not _is_center(center):
        problems.append(Problem(name, where, "center", center, "expected [latitude, longitude] in the GBA"))
        center = None
    zoom = raw.get("zoom")
    if zoom is not None and (isinstance(zoom, bool) or not isinstance(zoom, int) or not 5 <= zoom <= 18):
        problems.append(Problem(name, where, "zoom", zoom, "expected a whole number from 5 to 18"))
        zoom = None
    return Scene(
        title=str(title or "").strip(),
        title_zh=str(raw.get("title_zh", "")),
        title_zh_hant=str(raw.get("title_zh_hant", "")),
        notes=str(raw.get("notes", "")),
        notes_zh=str(raw.get("notes_zh", "")),
        notes_zh_hant=str(raw.get("notes_zh_hant", "")),
        view=view,
        center=tuple(center) if center else None,
        zoom=zoom,
    )


def _is_center(value: object) -> bool:
    if not isinstance(value, list) or len(value) != 2:
        return False
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value):
        return False
    lat, lon = value
    return 21.0 <= lat <= 25.0 and 111.0 <= lon <= 116.0


def scene_dict(scene: Scene) -> dict:
    """A scene as tour JSON; the view is written as link parameters."""
    out: dict = {"title": scene.title}
    for key in _TEXT_KEYS:
        if getattr(scene, key):
            out[key] = getattr(scene, key)
    view = replace(scene.view, present=False, scene=None, lang="en")
    out["view"] = encode(view)
    if scene.center is not None:
        out["center"] = list(scene.center)
    if scene.zoom is not None:
        out["zoom"] = scene.zoom
    return out


def tour_dict(tour: Tour) -> dict:
    out: dict = {"title": tour.title}
    for key in ("title_zh", "title_zh_hant"):
        if getattr(tour, key):
            out[key] = getattr(tour, key)
    if tour.description:
        out["description"] = tour.description
    out["scenes"] = [scene_dict(s) for s in tour.scenes]
    return out


def with_scene(tour: Tour | None, scene: Scene) -> str:
    """Tour JSON text with ``scene`` appended (a new tour if there is none)."""
    base = tour or Tour(name="my-tour", title="My tour")
    return json.dumps(tour_dict(replace(base, scenes=(*base.scenes, scene))), ensure_ascii=False, indent=2) + "\n"
