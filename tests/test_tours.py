"""Tours: the default tour is valid; broken tour files give precise errors."""

from __future__ import annotations

import json

import pytest

from gba_dash.dataset import load_dataset
from gba_dash.view.share import ViewState, Vocab
from gba_dash.view.tours import Scene, parse_tour, with_scene

VOCAB = Vocab(site_ids=frozenset({"csns", "luohu-port"}), focus=frozenset({"materials science"}))


def _parse(doc, stem="t"):
    problems = []
    data = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    return parse_tour(stem, data, VOCAB, problems, name=f"tours/{stem}.json"), [str(p) for p in problems]


def test_default_tour_covers_the_story(dataset):
    tour = dataset.tours["default"]
    assert len(tour.scenes) == 7
    sites = [s.view.site for s in tour.scenes]
    assert {
        "csns",
        "guangming-science-city",
        "marine-science-lab",
        "cuiheng-science-city",
        "daya-bay-ai-park",
        "shenzhen-bay-port",
    } <= set(sites)
    assert tour.scenes[0].view.filters.categories == ("science_city",)
    assert all(s.title and s.title_zh and s.notes and s.notes_zh for s in tour.scenes)


GOOD = {
    "title": "T",
    "scenes": [{"title": "One", "view": {"category": "facility", "site": "csns"}, "center": [22.9, 113.9], "zoom": 11}],
}


def test_a_valid_tour_parses():
    tour, problems = _parse(GOOD)
    assert problems == []
    assert tour.scenes[0].view.site == "csns" and tour.scenes[0].zoom == 11


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (b"{not json", "tours/t.json: line 1 column 2: malformed JSON"),
        ([], "tours/t.json: value 'list': a tour is a JSON object"),
        ({"scenes": GOOD["scenes"]}, "tours/t.json: field 'title': a tour needs a title"),
        ({"title": "T", "scenes": []}, "tours/t.json: field 'scenes': a tour needs a non-empty list of scenes"),
        ({"title": "T", "slides": [], "scenes": GOOD["scenes"]}, "tours/t.json: field 'slides': unknown key"),
        ({"title": "T", "scenes": [{"view": {}}]}, "tours/t.json: scene 1: field 'title': a scene needs a title"),
        (
            {"title": "T", "scenes": [{"title": "x", "view": {"site": "atlantis"}}]},
            "tours/t.json: scene 1: field 'view': Link parameter 'site': unknown value 'atlantis' ignored.",
        ),
        ({"title": "T", "scenes": [{"title": "x", "view": {"area": "a,b"}}]}, "tours/t.json: scene 1: field 'view'"),
        (
            {"title": "T", "scenes": [{"title": "x", "view": {"scene": "2"}}]},
            "tours/t.json: scene 1: field 'view.scene': value '2': not part of a scene's view",
        ),
        (
            {"title": "T", "scenes": [{"title": "x", "view": {"category": 3}}]},
            "tours/t.json: scene 1: field 'view': a view is an object of link parameters",
        ),
        ({"title": "T", "scenes": [{"title": "x", "zoom": 40}]}, "tours/t.json: scene 1: field 'zoom': value '40'"),
        (
            {"title": "T", "scenes": [{"title": "x", "center": [113.9, 22.9]}]},
            "tours/t.json: scene 1: field 'center': value '[113.9, 22.9]': expected [latitude, longitude] in the GBA",
        ),
        ({"title": "T", "scenes": [GOOD["scenes"][0], "oops"]}, "tours/t.json: scene 2: value 'str': a scene is"),
    ],
)
def test_broken_tours_name_file_scene_and_field(doc, expected):
    tour, problems = _parse(doc)
    assert tour is None
    assert any(p.startswith(expected) for p in problems), problems


def test_tour_file_name_must_be_a_slug():
    _, problems = _parse(GOOD, stem="My Tour")
    assert any("tour file names are lower-case slugs" in p for p in problems)


def test_saved_scene_round_trips_through_tour_json(dataset):
    view = ViewState(site="csns")
    text = with_scene(dataset.tours["default"], Scene(title="Mine <b>", notes="n", view=view))
    problems = []
    tour = parse_tour("default", text.encode(), Vocab.from_sites(dataset.sites), problems, name="x")
    assert problems == []
    assert len(tour.scenes) == 8 and tour.scenes[-1].title == "Mine <b>" and tour.scenes[-1].view == view


def test_a_broken_tour_is_disabled_with_its_problems_and_the_data_loads(data_copy, capsys):
    (data_copy / "tours").mkdir(exist_ok=True)
    (data_copy / "tours" / "bad.json").write_text('{"title": "x", "scenes": [{"title": "y", "zoom": 99}]}')
    ds = load_dataset(data_copy)
    assert "bad" not in ds.tours and "default" in ds.tours
    assert any(str(p).startswith("tours/bad.json: scene 1: field 'zoom'") for p in ds.tour_problems)
    from gba_dash.cli import main

    assert main(["check", str(data_copy)]) == 1  # the check still fails, naming it
    err = capsys.readouterr().err
    assert "tour disabled: tours/bad.json: scene 1: field 'zoom'" in err and "those tours are disabled" in err
