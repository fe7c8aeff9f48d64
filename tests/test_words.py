"""The words the page says, exactly, in its three languages: filters read back, labels, values.

A mutation run (issue #14) left the Chinese read-back, the label pickers and the value
formatting alive: the page tests read them, the unit tests did not. These pin each
sentence and label in every language on a small frame built here, so the expected text is
visible in the test and does not move with the bundled data.
"""

from __future__ import annotations

import pandas as pd
import pytest

from gba_dash.read import fields
from gba_dash.read.fields import FIELD_BY_NAME, SITE_PROPERTY_BY_NAME, Field, label, table_fields
from gba_dash.read.values import fmt_value
from gba_dash.view.filters import FilterState, apply_filters, describe, focus_options, not_reported_counts, range_masks
from gba_dash.words import i18n
from gba_dash.words.i18n import (
    category_label,
    city,
    confidence_label,
    html_lang,
    is_zh,
    name_col,
    parse_lang,
    pick,
    status_label,
    t,
)
from gba_dash.words.text import km, not_reported

NA = None


def _sites() -> pd.DataFrame:
    rows = [
        # site_id, name_en, name_zh, category, city, focus, area, investment, established, opened, changed
        (
            "nansha",
            "Nansha Science City",
            "南沙科学城",
            "science_city",
            "Guangzhou",
            "ocean; AI",
            99.0,
            NA,
            2019,
            NA,
            True,
        ),
        (
            "guangming",
            "Guangming Science City",
            "光明科学城",
            "science_city",
            "Shenzhen",
            "life science",
            99.0,
            10.0,
            NA,
            NA,
            False,
        ),
        (
            "daya-bay",
            "Daya Bay AI Park",
            "大亚湾人工智能产业园",
            "ai_park",
            "Huizhou",
            "AI",
            NA,
            2.5,
            2018,
            2020,
            False,
        ),
        (
            "csns",
            "China Spallation Neutron Source",
            "中国散裂中子源",
            "facility",
            "Dongguan",
            "",
            0.65,
            2.3,
            NA,
            2018,
            True,
        ),
        ("lok-ma-chau", "Lok Ma Chau", "落马洲", "checkpoint", "Hong Kong", "", NA, NA, NA, NA, False),
    ]
    columns = [
        "site_id",
        "name_en",
        "name_zh",
        "category",
        "city",
        "focus_areas",
        "area_km2",
        "investment_cny_bn",
        "year_established",
        "year_opened",
        "changed_since_2019",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("area_km2", "investment_cny_bn"):
        frame[col] = frame[col].astype(float)
    for col in ("year_established", "year_opened"):
        frame[col] = frame[col].astype("Int64")
    return frame


def _ids(state: FilterState) -> list[str]:
    return apply_filters(_sites(), state)["site_id"].tolist()


# -- apply_filters ------------------------------------------------------------------------


def test_no_filter_keeps_every_site_in_order():
    assert _ids(FilterState()) == ["nansha", "guangming", "daya-bay", "csns", "lok-ma-chau"]


def test_categories_cities_and_focus_each_restrict():
    assert _ids(FilterState(categories=("science_city", "checkpoint"))) == ["nansha", "guangming", "lok-ma-chau"]
    assert _ids(FilterState(cities=("Dongguan", "Huizhou"))) == ["daya-bay", "csns"]
    assert _ids(FilterState(focus=("AI",))) == ["nansha", "daya-bay"]
    assert _ids(FilterState(focus=("AI", "life science"))) == ["nansha", "guangming", "daya-bay"]
    assert _ids(FilterState(categories=("science_city",), cities=("Shenzhen",))) == ["guangming"]


def test_every_filter_narrows_what_the_others_left():
    assert _ids(FilterState(categories=("ai_park",), focus=("AI",))) == ["daya-bay"]
    assert _ids(FilterState(categories=("facility",), q="science")) == []
    assert _ids(FilterState(categories=("facility",), changed=True)) == ["csns"]
    assert _ids(FilterState(focus=("AI",), changed=True)) == ["nansha"]


def test_search_looks_in_both_names_and_the_id_ignoring_case_and_spaces():
    assert _ids(FilterState(q="  SCIENCE city ")) == ["nansha", "guangming"]
    assert _ids(FilterState(q="散裂")) == ["csns"]
    assert _ids(FilterState(q="lok-ma")) == ["lok-ma-chau"]
    assert _ids(FilterState(q="   ")) == _ids(FilterState())


def test_changed_keeps_only_changed_sites_and_none_without_the_column():
    assert _ids(FilterState(changed=True)) == ["nansha", "csns"]
    frame = _sites().drop(columns="changed_since_2019")
    assert apply_filters(frame, FilterState(changed=True)).empty


def test_ranges_include_both_bounds():
    assert _ids(FilterState(area_km2=(0.65, 99.0), keep_not_reported=False)) == ["nansha", "guangming", "csns"]
    assert _ids(FilterState(area_km2=(0.66, 98.9), keep_not_reported=False)) == []
    assert _ids(FilterState(investment_cny_bn=(2.3, 2.5), keep_not_reported=False)) == ["daya-bay", "csns"]
    assert _ids(FilterState(years=(2018, 2018), keep_not_reported=False)) == ["daya-bay", "csns"]
    assert _ids(FilterState(years=(2019, 2020), keep_not_reported=False)) == ["nansha", "daya-bay"]
    assert _ids(FilterState(years=(2021, 2030), keep_not_reported=False)) == []


def test_a_range_keeps_sites_without_the_figure_unless_asked_not_to():
    assert _ids(FilterState(area_km2=(50.0, 100.0))) == ["nansha", "guangming", "daya-bay", "lok-ma-chau"]
    assert _ids(FilterState(years=(2019, 2019))) == ["nansha", "guangming", "lok-ma-chau"]


def test_range_masks_name_the_sites_without_a_figure_per_range():
    state = FilterState(area_km2=(0.0, 1.0), years=(2000, 2100))
    inside, missing = range_masks(_sites(), state)
    assert list(missing) == ["area_km2", "years"]
    assert missing["area_km2"].tolist() == [False, False, True, False, True]
    assert missing["years"].tolist() == [False, True, False, False, True]
    assert inside.tolist() == [False, False, True, True, True]
    assert range_masks(_sites(), FilterState())[1] == {}


def test_filter_state_ranges_in_a_fixed_order():
    state = FilterState(years=(2000, 2010), investment_cny_bn=(1.0, 2.0), area_km2=(3.0, 4.0))
    assert state.ranges() == {"area_km2": (3.0, 4.0), "investment_cny_bn": (1.0, 2.0), "years": (2000, 2010)}
    assert list(state.ranges()) == ["area_km2", "investment_cny_bn", "years"]
    assert FilterState().ranges() == {}
    assert FilterState().keep_not_reported is True


def test_focus_options_are_every_item_once_sorted():
    assert focus_options(_sites()) == ["AI", "life science", "ocean"]


def test_not_reported_counts_count_within_the_other_filters():
    sites = _sites()
    state = FilterState(categories=("science_city", "ai_park"), area_km2=(0.0, 200.0), years=(2000, 2100))
    assert not_reported_counts(sites, state) == {"area_km2": 1, "years": 1}
    state = FilterState(q="science", changed=True, investment_cny_bn=(0.0, 1.0), keep_not_reported=False)
    assert not_reported_counts(sites, state) == {"investment_cny_bn": 1}
    state = FilterState(cities=("Hong Kong",), focus=(), area_km2=(0.0, 1.0))
    assert not_reported_counts(sites, state) == {"area_km2": 1}
    state = FilterState(focus=("AI",), area_km2=(0.0, 1.0))
    assert not_reported_counts(sites, state) == {"area_km2": 1}
    # Each of the other filters narrows what is counted: without it, 2 sites lack an area.
    assert not_reported_counts(sites, FilterState(area_km2=(0.0, 1.0))) == {"area_km2": 2}
    assert not_reported_counts(sites, FilterState(q="lok", area_km2=(0.0, 1.0))) == {"area_km2": 1}
    assert not_reported_counts(sites, FilterState(changed=True, area_km2=(0.0, 1.0))) == {"area_km2": 0}
    assert all(type(n) is int for n in not_reported_counts(sites, state).values())


# -- describe: the read-back sentence, in three languages -----------------------------------

FULL = FilterState(
    categories=("science_city", "facility", "checkpoint"),
    cities=("Shenzhen", "Hong Kong"),
    focus=("AI", "ocean", "materials"),
    q=" neutron ",
    area_km2=(0.5, 99.0),
    investment_cny_bn=(1.0, 2.5),
    years=(2018, 2020),
    changed=True,
)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "2 of 31 sites: science cities, facilities and checkpoints in Shenzhen, Hong Kong, changed since 2019,"
            " focused on AI, ocean and materials, matching “neutron”, area 0.5–99 km², investment 1–2.5 CNY bn,"
            " a year in 2018–2020",
        ),
        (
            "zh",
            "显示 2 / 31 个站点：位于深圳、香港的科学城、科研设施、口岸，2019年后有变化，"
            "重点：AI（英文）、ocean（英文）、材料，名称含“neutron”，"
            "面积 0.5–99 平方公里，投资 10–25 亿元，年份 2018–2020",
        ),
        (
            "zh-Hant",
            "顯示 2 / 31 個站點：位於深圳、香港的科學城、科研設施、口岸，2019年後有變化，"
            "重點：AI（英文）、ocean（英文）、材料，名稱含“neutron”，"
            "面積 0.5–99 平方公里，投資 10–25 億元，年份 2018–2020",
        ),
    ],
)
def test_describe_reads_every_filter_back(lang, expected):
    assert describe(FULL, 2, 31, lang=lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "5 of 5 sites: all sites"),
        ("zh", "显示 5 / 5 个站点：全部站点"),
        ("zh-Hant", "顯示 5 / 5 個站點：全部站點"),
    ],
)
def test_describe_with_no_filter(lang, expected):
    assert describe(FilterState(), 5, 5, lang=lang) == expected
    assert describe(FilterState(), 5, 5, lang=lang, not_reported={}) == expected
    assert describe(FilterState(), 5, 5, lang=lang, not_reported={"area_km2": 0}) == expected


def test_describe_joins_two_items_with_and():
    state = FilterState(categories=("ai_park", "context"), cities=("Macao",), focus=("AI", "ocean"))
    assert (
        describe(state, 1, 9, lang="en")
        == "1 of 9 sites: AI parks and context places in Macao, focused on AI and ocean"
    )
    # focus areas the vocabulary does not know read back in English, marked
    assert (
        describe(state, 1, 9, lang="zh")
        == "显示 1 / 9 个站点：位于澳门的人工智能产业园、参照地点，重点：AI（英文）、ocean（英文）"
    )


def test_describe_names_an_unknown_category_in_lower_case():
    # Own data may bring a category the label tables do not know: it reads back as it is.
    assert describe(FilterState(categories=("Moon_Base",)), 0, 5, lang="en") == "0 of 5 sites: moon_base"
    assert describe(FilterState(categories=("Moon_Base",)), 0, 5, lang="zh") == "显示 0 / 5 个站点：Moon_Base"


@pytest.mark.parametrize(
    ("keep", "lang", "expected"),
    [
        (
            True,
            "en",
            "3 of 31 sites: all sites, area 1–2 km², a year in 2000–2010"
            " (4 without an area reported kept; 2 without any year reported kept)",
        ),
        (
            False,
            "en",
            "3 of 31 sites: all sites, area 1–2 km², a year in 2000–2010"
            " (4 without an area reported left out; 2 without any year reported left out)",
        ),
        (
            True,
            "zh",
            "显示 3 / 31 个站点：全部站点，面积 1–2 平方公里，年份 2000–2010"
            "（4 个未报告面积的站点保留；2 个未报告年份的站点保留）",
        ),
        (
            False,
            "zh-Hant",
            "顯示 3 / 31 個站點：全部站點，面積 1–2 平方公里，年份 2000–2010"
            "（4 個未報告面積的站點未顯示；2 個未報告年份的站點未顯示）",
        ),
    ],
)
def test_describe_says_how_many_sites_had_no_figure(keep, lang, expected):
    state = FilterState(area_km2=(1.0, 2.0), years=(2000, 2010), keep_not_reported=keep)
    counts = {"area_km2": 4, "investment_cny_bn": 0, "years": 2}
    assert describe(state, 3, 31, lang=lang, not_reported=counts) == expected


def test_describe_picks_a_or_an_by_the_first_letter():
    state = FilterState(investment_cny_bn=(1.0, 2.0))
    sentence = describe(state, 1, 2, lang="en", not_reported={"investment_cny_bn": 1})
    assert sentence.endswith("(1 without an investment reported kept)")
    assert describe(state, 1, 2, lang="en", not_reported={"scientists": 3}).endswith(
        "(3 without a scientists reported kept)"
    )


# -- i18n ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "lang"),
    [
        ("en", "en"),
        (" EN ", "en"),
        ("zh", "zh"),
        ("zh-Hans", "zh"),
        ("ZH-CN", "zh"),
        ("zh-Hant", "zh-Hant"),
        ("zh-hk", "zh-Hant"),
        ("zh-MO", "zh-Hant"),
        ("zh-TW", "zh-Hant"),
        ("fr", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_lang(raw, lang):
    assert parse_lang(raw) == lang


def test_language_helpers_in_each_language():
    assert i18n.LANGS == ("en", "zh", "zh-Hant")
    assert i18n.DEFAULT_LANG == "en"
    assert [is_zh(x) for x in ("en", "zh", "zh-Hant", "fr")] == [False, True, True, False]
    assert [html_lang(x) for x in ("en", "zh", "zh-Hant", "fr")] == ["en", "zh-Hans", "zh-Hant", "en"]
    assert [name_col(x) for x in ("en", "zh", "zh-Hant", "fr")] == ["name_en", "name_zh", "name_zh_hant", "name_en"]
    assert name_col("zh-Hant", "place") == "place_zh_hant"
    assert name_col("zh", "place") == "place_zh"
    assert name_col("en", "place") == "place_en"
    assert [pick(("a", "b", "c"), x) for x in ("en", "zh", "zh-Hant", "fr")] == ["a", "b", "c", "a"]


def test_t_fills_placeholders_only_when_given():
    assert t("nr", "zh") == "未报告"
    assert t("sites_head", "en", shown=1, total=2) == "1 of 2 sites: "
    assert t("in_cities", "zh-Hant", cities="{x}") == "位於{x}的"
    assert t("focused_on", "en") == "focused on {items}"  # no arguments: the template as it is


@pytest.mark.parametrize(
    ("function", "key", "expected"),
    [
        (city, "Dongguan", ("Dongguan", "东莞", "東莞")),
        (city, "Atlantis", ("Atlantis", "Atlantis", "Atlantis")),
        (category_label, "ai_park", ("AI park", "人工智能产业园", "人工智能產業園")),
        (category_label, "moon_base", ("moon_base", "moon_base", "moon_base")),
        (status_label, "under_construction", ("under construction", "在建", "在建")),
        (status_label, "rollout_announced", ("roll-out announced", "宣布推广", "宣佈推廣")),
        (status_label, "imagined", ("imagined", "imagined", "imagined")),
        (confidence_label, "med", ("medium", "中", "中")),
        (confidence_label, "guess", ("guess", "guess", "guess")),
    ],
)
def test_labels_in_three_languages_and_unknown_values_as_they_are(function, key, expected):
    assert tuple(function(key, lang) for lang in ("en", "zh", "zh-Hant")) == expected


@pytest.mark.parametrize(
    "call",
    [
        lambda: describe(FilterState(), 1, 2),
        lambda: category_label("facility"),
        lambda: status_label("planned"),
        lambda: confidence_label("high"),
        lambda: FIELD_BY_NAME["area_km2"].label(),
        lambda: label("area_km2"),
        lambda: fmt_value("area_km2", 1.0),
        lambda: not_reported(),
    ],
    ids=["describe", "category_label", "status_label", "confidence_label", "Field.label", "label", "fmt_value", "nr"],
)
def test_every_word_asks_for_its_language(call):
    # A page in three languages: a forgotten language must fail in a test, not show English.
    with pytest.raises(TypeError, match="lang"):
        call()


# -- fields --------------------------------------------------------------------------------


def test_a_field_label_with_and_without_its_unit():
    area = FIELD_BY_NAME["area_km2"]
    assert area.label("en") == "Area (km²)"
    assert area.label("zh") == "面积（平方公里）"
    invest = FIELD_BY_NAME["investment_cny_bn"]
    assert invest.label("zh-Hant") == "投資（億元）" and invest.label("zh", stored=True) == "投资（十亿元）"
    assert invest.label("en", stored=True) == "Investment (CNY bn)"
    assert area.label("zh-Hant", with_unit=False) == "面積"
    assert Field("x", "X", "叉", "叉", "text").label("en") == "X"  # no unit, no brackets


def test_label_by_column_name():
    assert label("area_km2", "en") == "Area (km²)"
    assert label("area_km2", "zh", with_unit=False) == "面积"
    assert label("city", "zh-Hant") == "城市"
    assert label("location_uncertainty_m", "en") == "Location uncertainty (m)"
    assert label("location_uncertainty_m", "en", with_unit=False) == "Location uncertainty"
    assert label("not_a_column", "zh") == "not_a_column"
    assert SITE_PROPERTY_BY_NAME["name_zh_hant"].label("zh") == "繁体名称"


def test_table_fields_in_declaration_order():
    names = [f.name for f in table_fields("checkpoints")]
    assert names == [f.name for f in fields.FIELDS if "checkpoints" in f.tables]
    assert "daily_crossings" in names and "area_km2" not in names
    assert table_fields("no_such_table") == ()
    assert isinstance(table_fields("facilities"), tuple)


# -- text: values as people read them --------------------------------------------------------


def test_fmt_value_of_a_whole_number_with_separators_and_unit():
    assert fmt_value("scientists", 1234567, "en") == "1,234,567 people"
    assert fmt_value("scientists", 1234567, "en", unit=False) == "1,234,567"
    assert fmt_value("scientists", 12.0, "zh") == "12 人"
    assert fmt_value("daily_crossings", 80000, "en") == "80,000 people/day"
    assert fmt_value("connects", "Hong Kong", "zh") == "香港"  # a vocabulary of its own (vocab.CONNECTS)
    assert fmt_value("connects", "Atlantis", "zh") == "Atlantis（英文）"  # unknown: as it is, marked
    assert fmt_value("area_km2", 2.5, "en", unit=False) == "2.5"


def test_not_reported_and_km():
    assert not_reported("en") == "not reported"
    assert not_reported("zh-Hant") == "未報告"
    assert [km(x) for x in (None, pd.NA, 0, 150, 999, 1000, 1500, 5000)] == [
        "?",
        "?",
        "0 m",
        "150 m",
        "999 m",
        "1 km",
        "1.5 km",
        "5 km",
    ]
