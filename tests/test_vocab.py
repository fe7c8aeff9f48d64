"""The data's vocabularies in three languages (issue #27, item 10): every value in data/ has
its words, amounts read in Chinese units on Chinese pages, and the details panel of a
science city and of a facility holds no English vocabulary on the 简 and 繁 pages."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from gba_dash.read.fields import FIELD_BY_NAME, FIELDS
from gba_dash.read.schema import split_list
from gba_dash.read.values import fmt_value
from gba_dash.view.filters import focus_options
from gba_dash.words import i18n, vocab
from gba_dash.words.text import km

from .conftest import DATA, run_app

LANGS = ("en", "zh", "zh-Hant")
TABLES = ("science_cities", "ai_parks", "facilities", "checkpoints", "context")
_CJK = re.compile("[\u3400-\u9fff]")


def _values(column: str, files=TABLES) -> set[str]:
    out: set[str] = set()
    for name in files:
        frame = pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)
        if column in frame.columns:
            for cell in frame[column]:
                out.update(split_list(cell) if column == "focus_areas" else [cell.strip()] if cell.strip() else [])
    return out


def _history_values(field: str) -> set[str]:
    frame = pd.read_csv(DATA / "figure_history.csv", dtype=str, keep_default_na=False)
    return {v for v in frame.loc[frame["field"] == field, "value"] if v}


def _sites() -> list[dict]:
    return [f["properties"] for f in json.loads((DATA / "sites.geojson").read_text(encoding="utf-8"))["features"]]


@pytest.mark.parametrize(
    ("vocabulary", "values"),
    [
        ("focus_areas", lambda: _values("focus_areas") | _history_values("focus_areas")),
        ("operator", lambda: _values("operator") | _history_values("operator")),
        ("connects", lambda: _values("connects")),
        ("kind", lambda: _values("kind", ("subprojects",))),
    ],
)
def test_every_vocabulary_value_in_the_data_has_three_languages(vocabulary, values):
    """A value added to data/ without its words fails here (or is kept English on purpose)."""
    found = values()
    assert found, vocabulary
    table = vocab.VOCABULARIES[vocabulary]
    missing = sorted(found - set(table))
    assert not missing, f"{vocabulary}: no words in gba_dash/words/vocab.py for {missing}"
    for value in found:
        entry = table[value]
        if entry == vocab.KEEP_ENGLISH:
            continue
        en, zh, hant = entry
        assert en and _CJK.search(zh) and _CJK.search(hant), (vocabulary, value, entry)


def test_the_data_keeps_no_word_without_a_value():
    """No stale entries: each table lists what the data holds (a guard against a typo'd key)."""
    assert set(vocab.FOCUS_AREAS) == _values("focus_areas")
    assert set(vocab.OPERATORS) == _values("operator")
    assert set(vocab.CONNECTS) == _values("connects") == set(FIELD_BY_NAME["connects"].choices)


def test_every_status_category_confidence_and_city_has_three_languages():
    statuses = _values("status") | _values("smart_glasses") | _values("status", ("subprojects",))
    statuses |= _history_values("status")
    assert statuses <= set(i18n.STATUS_LABELS)
    sites = _sites()
    assert {s["category"] for s in sites} <= set(i18n.CATEGORY_LABELS)
    assert {s["location_confidence"] for s in sites} <= set(i18n.CONFIDENCE_LABELS)
    assert {s["city"] for s in sites} <= set(i18n.CITY_NAMES)


def test_every_unit_has_three_languages():
    units = {f.unit for f in FIELDS if f.unit} | {"m", "km"}
    units |= set(pd.read_csv(DATA / "city_context.csv", dtype=str)["unit"].dropna())
    for unit in units:
        assert unit in vocab.UNITS, unit
        en, zh, hant = vocab.UNITS[unit].words
        assert en == unit and _CJK.search(zh) and _CJK.search(hant), unit


def test_every_location_note_lead_is_a_known_one():
    """A note that opens with set words ('estimate ...: ') has them in LOCATION_LEADS; a drawn
    extent's closing sentence is the template's, so both are said in Chinese."""
    for site in _sites():
        note = site["location_source"]
        head, sep, _ = note.partition(": ")
        if sep and len(head.split()) <= 4 and re.match(r"(estimate|no public position)", head):
            assert head in vocab.LOCATION_LEADS, (site["site_id"], head)
        if "Indicative extent" in note:
            assert vocab.EXTENT_NOTE.search(note), site["site_id"]
        said, _free = i18n.location_parts(note, "zh")
        assert "estimate" not in said and "Indicative" not in said, said


@pytest.mark.parametrize("lang", LANGS)
def test_focus_labels_are_distinct_so_the_predictor_can_read_them_back(lang):
    options = focus_options(pd.read_csv(DATA / "facilities.csv", dtype=str, keep_default_na=False))
    labels = [i18n.data_word("focus_areas", o, lang) for o in options]
    assert len(set(labels)) == len(labels)
    labels = [i18n.data_word("focus_areas", o, lang) for o in vocab.FOCUS_AREAS]
    assert len(set(labels)) == len(labels)


# -- units: one formatting function ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "lang", "expected"),
    [
        ("investment_cny_bn", 12, "en", "12 CNY bn"),
        ("investment_cny_bn", 12, "zh", "120 亿元"),
        ("investment_cny_bn", 12, "zh-Hant", "120 億元"),
        ("investment_cny_bn", 1.5, "zh", "15 亿元"),
        ("investment_cny_bn", 2.3, "zh", "23 亿元"),
        ("investment_cny_bn", 0.587, "zh", "5.87 亿元"),  # the source's 5.87亿元, exactly
        ("investment_cny_bn", 0.587, "en", "0.59 CNY bn"),
        ("investment_cny_bn", 8.125, "zh", "81.25 亿元"),
        ("investment_cny_bn", 1234.5, "zh", "12,345 亿元"),
        ("scientists", 257, "en", "257 people"),
        ("scientists", 257, "zh", "257 人"),
        ("scientists", 257, "zh-Hant", "257 人"),
        ("residents_planned", 180000, "zh", "180,000 人"),
        ("daily_crossings", 158000, "zh", "158,000 人次/日"),
        ("enterprises_committed", 260000, "zh", "260,000 家"),
        ("laboratories", 44, "zh-Hant", "44 個"),
        ("area_km2", 99.0, "zh", "99 平方公里"),
        ("area_km2", 18.27, "zh-Hant", "18.27 平方公里"),
        ("area_km2", 1234.567, "zh", "1,234.57 平方公里"),
        ("area_km2", 53.3, "en", "53.3 km²"),
    ],
)
def test_amounts_in_the_pages_units(name, value, lang, expected):
    assert fmt_value(name, value, lang) == expected


def test_amounts_without_their_unit_are_converted_too():
    """A chart's bar label and a table cell sit under a header naming the unit: the same number."""
    assert fmt_value("investment_cny_bn", 12, "zh", unit=False) == "120"
    assert fmt_value("investment_cny_bn", 12, "en", unit=False) == "12"
    assert i18n.in_unit(0.587, "CNY bn", "zh-Hant") == 5.87 and i18n.in_unit(12, "km²", "zh") == 12


def test_distances_in_the_pages_units():
    assert (km(150, "zh"), km(5000, "zh-Hant"), km(1500, "zh")) == ("150 米", "5 公里", "1.5 公里")
    assert (km(150), km(5000), km(1500)) == ("150 m", "5 km", "1.5 km")


def test_field_labels_name_the_pages_unit():
    assert FIELD_BY_NAME["investment_cny_bn"].label("zh") == "投资（亿元）"
    assert FIELD_BY_NAME["scientists"].label("zh-Hant") == "科研人員（人）"
    assert FIELD_BY_NAME["area_km2"].label("zh") == "面积（平方公里）"
    # a slider moves in the data's unit (its link holds billions): its label says so
    assert FIELD_BY_NAME["investment_cny_bn"].label("zh-Hant", stored=True) == "投資（十億元）"


# -- the page: details of a science city and of a facility -------------------------------------

# English words of the vocabularies and units that must not reach a Chinese details panel.
ENGLISH_UNITS = re.compile(r"CNY|\bbn\b|\bpeople\b|km²|\bkm\b|\bfirms\b|\bHQs\b|\blabs\b|\bprojects\b")


def _english_vocabulary() -> list[str]:
    words = [pick[0] for table in vocab.VOCABULARIES.values() for pick in table.values() if pick[0]]
    words += [e[0] for e in i18n.STATUS_LABELS.values()] + [e[0] for e in i18n.CATEGORY_LABELS.values()]
    words += [e[0] for e in i18n.CONFIDENCE_LABELS.values()]
    return sorted(set(words), key=len, reverse=True)


def _details_text(at) -> str:
    """The details panel's own lines: its figures, location, history (not the read-back, the map
    or *About this map*, whose sources list cites publishers as they publish)."""
    labels = ("关于本地图", "關於本地圖", "About this map")
    about = {id(m) for e in at.expander if e.label in labels for m in e.markdown}
    texts = [m.value for m in at.markdown if id(m) not in about] + [c.value for c in at.caption]
    start = next(i for i, t in enumerate(texts) if t.startswith("### "))
    return "\n".join(texts[start:]).replace("\\", "")


def _lines_in_chinese(text: str, lang: str) -> list[str]:
    """Each line of the panel with the text marked as English (and link targets) taken out."""
    marker = re.escape(i18n.t("in_english", lang))
    out = []
    for line in text.splitlines():
        line = re.sub(r"\]\([^)]*\)", "]", line)  # a source link's URL
        line = re.sub(r"\[[^\]]*\]", "", line)  # a source title (a citation, as published)
        line = re.sub(r"\*[^*]*\*", "", line) if "来源" in line or "來源" in line else line
        line = re.sub(r"[^；：\n]*" + marker, "", line)  # free text kept as written, marked
        out.append(line)
    return out


@pytest.mark.parametrize("lang", ["zh", "zh-Hant"])
@pytest.mark.parametrize("site", ["guangming-science-city", "songshan-lake-materials-lab", "csns"])
def test_the_chinese_details_panel_holds_no_english_vocabulary(site, lang):
    at = run_app({"lang": lang, "site": site})
    text = _details_text(at)
    checked = _lines_in_chinese(text, lang)
    # the site's English name stands under its Chinese one, as a name does
    name_en = next(s["name_en"] for s in _sites() if s["site_id"] == site)
    body = "\n".join(line.replace(name_en, "") for line in checked)
    assert not ENGLISH_UNITS.search(body), ENGLISH_UNITS.search(body).group(0) + "\n" + body
    words = [w for w in _english_vocabulary() if re.search(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", body)]
    assert not words, (words, body)


def test_the_chinese_details_of_csns_say_its_figures_in_chinese():
    at = run_app({"lang": "zh", "site": "csns"})
    text = _details_text(at)
    assert "**投资:** 23 亿元" in text and "**重点领域:** 中子科学、粒子物理" in text
    assert "**建设/运营单位:** 中国科学院高能物理研究所" in text
    assert "±1.5 公里" in text and "\n估计位置\n" in text.replace("  \n", "\n")
    at = run_app({"lang": "zh-Hant", "site": "songshan-lake-materials-lab"})
    text = _details_text(at)
    assert "120 億元" in text and "257 人" in text and "4.85 平方公里" in text
    assert "（英文）" in text  # the notes and stories are as written, marked


def test_the_english_details_are_as_before():
    at = run_app({"site": "songshan-lake-materials-lab"})
    text = _details_text(at)
    assert "257 people" in text and "12 CNY bn" in text and "4.85 km²" in text and "(English)" not in text


@pytest.mark.parametrize("lang", ["zh", "zh-Hant"])
def test_the_chinese_table_says_its_vocabulary_in_chinese(lang):
    """The sites table's category, status and position-confidence cells are in the page's words."""
    at = run_app({"lang": lang})
    table = next(d for d in at.dataframe if "location_confidence" in d.value.columns)
    for column in ("category", "status", "location_confidence"):
        english = [v for v in table.value[column] if isinstance(v, str) and re.search(r"[A-Za-z]", v)]
        assert not english, (column, english)
