"""Words said later (``words.i18n.Phrase``): the English text as before, the reader's
language on the page, through a pickle (the bounded reader's process boundary) too."""

from __future__ import annotations

import pickle

from gba_dash.own.layer import read_layer
from gba_dash.view.filters import FilterState, describe
from gba_dash.view.share import LinkWarning
from gba_dash.words.i18n import Phrase, category_plural, say


def test_a_phrase_reads_as_english_and_is_said_in_each_language_with_its_values():
    p = Phrase("own_note_read_as", encoding="UTF-8", delimiter=Phrase("delim_semicolon"))
    assert p == "read as UTF-8, semicolon-separated"
    assert say(p, "zh") == "按 UTF-8 读取，分号分隔"
    assert say(p, "zh-Hant") == "按 UTF-8 讀取，分號分隔"
    assert say("plain text", "zh") == "plain text"


def test_a_phrase_survives_a_pickle_with_its_key():
    p = Phrase("own_note_layer", layer="roads")
    back = pickle.loads(pickle.dumps(p))
    assert back == p and back.key == "own_note_layer" and back.say("zh") == "图层 roads"
    warning = pickle.loads(pickle.dumps(LinkWarning("link_unknown", name="x")))
    assert isinstance(warning, LinkWarning) and warning.key == "link_unknown"


def test_an_own_layers_notes_are_said_in_the_readers_language():
    layer = read_layer(b"name;lat;lon\nA;22.5;114.0\n", "pts.csv")
    assert layer.notes == ("read as UTF-8, semicolon-separated",)
    assert say(layer.notes[0], "zh") == "按 UTF-8 读取，分号分隔"


def test_the_read_back_names_categories_in_the_plural_in_english_only():
    assert category_plural("facility", "en") == "facilities" and category_plural("facility", "zh") == "科研设施"
    sentence = describe(FilterState(categories=("checkpoint",)), 11, 44, lang="zh-Hant")
    assert "口岸" in sentence and "checkpoints" not in sentence
