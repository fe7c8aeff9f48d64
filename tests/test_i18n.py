"""Three languages from one text module: every entry complete, one picker, links parse (#9)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from gba_dash.read.fields import FIELDS, SITE_PROPERTIES
from gba_dash.view.share import ViewState, decode, encode
from gba_dash.words import i18n

from .conftest import ROOT, run_app
from .test_share import VOCAB

TABLES = {
    "TEXT": i18n.TEXT,
    "CATEGORY_LABELS": i18n.CATEGORY_LABELS,
    "STATUS_LABELS": i18n.STATUS_LABELS,
    "STATUS_DEFINITIONS": i18n.STATUS_DEFINITIONS,
    "CONFIDENCE_LABELS": i18n.CONFIDENCE_LABELS,
    "CITY_NAMES": i18n.CITY_NAMES,
}


def _placeholders(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


@pytest.mark.parametrize("table", TABLES)
def test_every_entry_has_three_languages_with_the_same_placeholders(table):
    for key, entry in TABLES[table].items():
        assert len(entry) == 3 and all(isinstance(s, str) and s.strip() for s in entry), (table, key)
        en, zh, hant = entry
        assert _placeholders(en) == _placeholders(zh) == _placeholders(hant), (table, key, entry)


def test_every_field_label_has_three_languages():
    for f in (*FIELDS, *SITE_PROPERTIES):
        assert f.label_en and f.label_zh and f.label_zh_hant, f.name
        assert f.label("zh-Hant", with_unit=False) == f.label_zh_hant and f.label("zh", with_unit=False) == f.label_zh


def test_the_traditional_text_is_traditional():
    assert i18n.t("title", "zh-Hant") == "粵港澳大灣區科學城建設"
    assert i18n.t("title", "zh") == "粤港澳大湾区科学城建设"
    assert i18n.city("Macao", "zh-Hant") == "澳門" and i18n.city("Macao", "zh") == "澳门"
    assert i18n.category_label("science_city", "zh-Hant") == "科學城"
    # Hong Kong usage, not only converted characters
    assert "資料" in i18n.t("data_error", "zh-Hant") and "載入" in i18n.t("loading", "zh-Hant")


@pytest.mark.parametrize(
    ("raw", "lang"),
    [
        ("en", "en"),
        ("zh", "zh"),
        ("zh-Hans", "zh"),
        ("ZH-hans", "zh"),
        ("zh-Hant", "zh-Hant"),
        ("zh-hant", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        (" zh-Hant ", "zh-Hant"),
        ("fr", None),
        ("zh-Hantx", None),
        ("", None),
        (None, None),
    ],
)
def test_language_codes_parse(raw, lang):
    assert i18n.parse_lang(raw) == lang


def test_links_carry_the_three_languages():
    vocab = VOCAB
    for lang in i18n.LANGS:
        view = ViewState(lang=lang)
        assert decode(encode(view), vocab) == (view, [])
    assert decode({"lang": "zh-Hans"}, vocab)[0].lang == "zh"
    state, warnings = decode({"lang": "klingon"}, vocab)
    assert state.lang == "en" and warnings and "'lang'" in warnings[0] and "zh-Hant" in warnings[0]


def test_no_module_picks_a_language_by_hand():
    """The picker is i18n's: a ``lang == "zh"`` test elsewhere is a language left out."""
    offenders = []
    for path in sorted((ROOT / "gba_dash").rglob("*.py")):
        if path.name == "i18n.py":
            continue
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""lang\s*[!=]=\s*["']zh|["']zh["']\s*[!=]=\s*lang""", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_the_bundle_speaks_traditional_chinese(dataset):
    from gba_dash.publish.bundle import build_site
    from gba_dash.view.tours import Tour

    tour: Tour = dataset.tours["default"]
    html = build_site(dataset, lang="zh-Hant", tour=tour)
    assert '<html lang="zh-Hant">' in html
    for text in (
        "粵港澳大灣區科學城建設",
        "顯示 31 / 31 個站點：全部站點",
        "比較圖表",
        "關於本地圖",
        "東莞：散裂中子源與材料實驗室",
    ):
        assert text in html, text
    assert "Comparison charts" not in html and "Cite as" not in html


@pytest.mark.page
def test_the_page_in_traditional_chinese():
    at = run_app({"lang": "zh-Hant", "site": "csns"})
    assert at.title[0].value == "粵港澳大灣區科學城建設"
    readback = next(m.value for m in at.markdown if 'id="readback"' in m.value)
    assert "顯示 44 / 44 個站點：全部站點" in readback
    radio = at.sidebar.radio[0]
    assert radio.value == "zh-Hant" and list(radio.options) == ["English", "简体中文", "繁體中文"]
    text = " ".join(m.value for m in at.markdown)
    assert "中國散裂中子源" in text and "東莞" in text  # the site's curated name, the city's
    table = next(d.value for d in at.dataframe if "name_zh" in d.value.columns)
    assert "中國散裂中子源" in set(table["name_zh"]) and "東莞" in set(table["city"])
    # switching to Simplified keeps the page and changes the script
    radio.set_value("zh").run()
    assert at.title[0].value == "粤港澳大湾区科学城建设"
