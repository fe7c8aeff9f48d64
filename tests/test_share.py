"""URL state: encode/decode round trip and warnings that name the parameter."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gba_dash.read.fields import CATEGORIES, GBA_CITIES, METRICS
from gba_dash.view.filters import FilterState
from gba_dash.view.share import MAX_LIST_ITEMS, MAX_VALUE_CHARS, ViewState, Vocab, decode, encode, summarise_warnings

VOCAB = Vocab(
    site_ids=frozenset({"csns", "luohu-port", "nansha-science-city"}),
    focus=frozenset({"materials science", "marine science"}),
)

VIEWS = [
    ViewState(),
    ViewState(filters=FilterState(categories=("science_city", "ai_park"), cities=("Shenzhen", "Dongguan"))),
    ViewState(filters=FilterState(q="松山湖 lab", focus=("materials science",)), site="csns", lang="zh"),
    ViewState(
        filters=FilterState(
            area_km2=(2.5, 60.0), investment_cny_bn=(0.0, 12.0), years=(2011, 2019), keep_not_reported=False
        ),
        metric="scientists",
    ),
    ViewState(present=True, scene=3, site="luohu-port"),
]


@pytest.mark.parametrize("view", VIEWS)
def test_round_trip(view):
    decoded, warnings = decode(encode(view), VOCAB)
    assert decoded == view and warnings == []


def test_defaults_are_left_out_of_the_link():
    assert encode(ViewState()) == {}
    assert encode(VIEWS[1]) == {"category": "science_city,ai_park", "city": "Shenzhen,Dongguan"}


@pytest.mark.parametrize(
    ("query", "fragment", "expected"),
    [
        (
            {"category": "science_city,spaceport"},
            "'category': unknown value 'spaceport'",
            ViewState(filters=FilterState(categories=("science_city",))),
        ),
        ({"site": "atlantis"}, "'site': unknown value 'atlantis'", ViewState()),
        ({"metric": "happiness"}, "'metric': unknown value 'happiness'", ViewState()),
        ({"lang": "fr"}, "'lang': unknown value 'fr'", ViewState()),
        ({"area": "10"}, "'area': '10' is not two numbers", ViewState()),
        ({"area": "60,10"}, "'area': '60,10' is not two numbers", ViewState()),
        ({"area": "nan,1"}, "'area'", ViewState()),
        ({"years": "2011.5,2019"}, "'years': '2011.5,2019' is not two whole numbers", ViewState()),
        ({"scene": "-1"}, "'scene': '-1' is not a scene number", ViewState()),
        ({"present": "maybe"}, "'present': 'maybe' is not 1 or 0", ViewState()),
        ({"zoom": "12"}, "Unknown link parameter 'zoom'", ViewState()),
        ({"site": ["csns", "luohu-port"]}, "'site' is given 2 times; the first is used", ViewState(site="csns")),
        ({"q": "x" * (MAX_VALUE_CHARS + 1)}, "'q' is 401 characters long", ViewState()),
    ],
)
def test_bad_parameters_are_ignored_with_a_warning_naming_them(query, fragment, expected):
    view, warnings = decode(query, VOCAB)
    assert view == expected
    assert len(warnings) == 1 and fragment in warnings[0], warnings


def test_streamlit_own_parameters_pass_silently():
    assert decode({"embed": "true"}, VOCAB) == (ViewState(), [])


def test_good_parts_of_a_partly_bad_link_still_apply():
    view, warnings = decode({"city": "Shenzhen,Gotham", "lang": "zh", "area": "x,y"}, VOCAB)
    assert view == ViewState(filters=FilterState(cities=("Shenzhen",)), lang="zh")
    assert len(warnings) == 2


_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
views = st.builds(
    lambda cats, cities, focus, q, area, years, keep, site, metric, lang: ViewState(
        filters=FilterState(
            categories=cats, cities=cities, focus=focus, q=q.strip(), area_km2=area, years=years, keep_not_reported=keep
        ),
        site=site,
        metric=metric,
        lang=lang,
    ),
    st.lists(st.sampled_from(CATEGORIES), unique=True).map(tuple),
    st.lists(st.sampled_from(GBA_CITIES), unique=True).map(tuple),
    st.lists(st.sampled_from(sorted(VOCAB.focus)), unique=True).map(tuple),
    _text,
    st.none()
    | st.tuples(st.floats(0, 1000, allow_nan=False), st.floats(0, 1000, allow_nan=False)).map(
        lambda t: (min(t), max(t))
    ),
    st.none() | st.tuples(st.integers(1900, 2100), st.integers(1900, 2100)).map(lambda t: (min(t), max(t))),
    st.booleans(),
    st.none() | st.sampled_from(sorted(VOCAB.site_ids)),
    st.sampled_from([f.name for f in METRICS]),
    st.sampled_from(["en", "zh"]),
)


@settings(deadline=None)
@given(views)
def test_round_trip_property(view):
    """Any view the page can be in survives encode then decode unchanged."""
    decoded, warnings = decode(encode(view), VOCAB)
    assert warnings == []
    assert decoded == view


@settings(deadline=None)
@given(st.dictionaries(_text, st.lists(st.text(max_size=600), min_size=1, max_size=3), max_size=8))
def test_decode_never_raises_on_any_query(query):
    """Any query string decodes to a valid view; every ignored part is reported."""
    view, warnings = decode(query, VOCAB)
    assert isinstance(view, ViewState)
    assert set(view.filters.categories) <= set(CATEGORIES)
    assert view.site is None or view.site in VOCAB.site_ids
    assert view.lang in ("en", "zh")
    assert all(isinstance(w, str) and len(w) < 300 for w in warnings)


# ---- hostile values for the real parameter names (second hostile round) ----------------

LIMITED = Vocab(
    site_ids=VOCAB.site_ids,
    focus=VOCAB.focus,
    limits=(("area", 0.0, 99.0), ("investment", 0.0, 12.0), ("years", 2011, 2024)),
)
# Digits of other scripts, superscripts, signs, exponents, whitespace, overflow, bidi.
HOSTILE_VALUES = st.sampled_from(
    [
        "²",
        "١٢",
        "٣,٤",
        "+1",
        "-0",
        "1e3",
        "1e999",
        " 7 ",
        "\t3",
        "１２",
        "0x10",
        "nan",
        "inf,1",
        "1,",
        ",",
        "99999999999999999999,1",
        "-0,99999999999999999999",
        "\u202esnsc",
        "2011,2024",
        "5,12",
    ]
) | st.text(alphabet="0123456789²³¹١٢٣+-eE., \t\u202e", max_size=12)
REAL_NAMES = st.sampled_from(
    [
        "category",
        "city",
        "focus",
        "q",
        "area",
        "investment",
        "years",
        "not_reported",
        "site",
        "metric",
        "lang",
        "present",
        "scene",
    ]
)


@settings(deadline=None, max_examples=300)
@given(st.dictionaries(REAL_NAMES, HOSTILE_VALUES, min_size=1, max_size=5))
def test_decode_never_raises_on_hostile_values_of_real_parameters(query):
    view, warnings = decode(query, LIMITED)
    assert view.scene is None or (isinstance(view.scene, int) and 1 <= view.scene <= 999)
    for name, (lo, hi) in view.filters.ranges().items():
        limit = {"area_km2": (0, 99), "investment_cny_bn": (0, 12), "years": (2011, 2024)}[name]
        assert limit[0] <= lo <= hi <= limit[1]
    assert all("\u202e" not in w for w in warnings)


@pytest.mark.parametrize("value", ["²", "١", "+3", "-1", "0", "3.0", "1e1", " 2"])
def test_a_scene_is_a_plain_ascii_number(value):
    view, warnings = decode({"scene": value}, VOCAB)
    assert view.scene is None and warnings and "'scene'" in warnings[0]


@pytest.mark.parametrize(
    ("query", "expected", "field"),
    [
        ({"years": "1990,2000"}, (2011, 2011), "years"),
        ({"area": "200,300"}, (99.0, 99.0), "area_km2"),
        ({"years": "-0,99999999999999999999"}, (2011, 2024), "years"),
        ({"investment": "-5,5"}, (0.0, 5.0), "investment_cny_bn"),
    ],
)
def test_out_of_range_values_are_clamped_with_a_warning(query, expected, field):
    view, warnings = decode(query, LIMITED)
    assert getattr(view.filters, field) == expected
    (key,) = query
    assert len(warnings) == 1 and f"'{key}'" in warnings[0] and "outside the data's range" in warnings[0]


def test_in_range_values_pass_without_a_warning():
    view, warnings = decode({"years": "2011,2024", "area": "0,99"}, LIMITED)
    assert warnings == [] and view.filters.years == (2011, 2024)


def test_other_scripts_digits_are_not_numbers():
    for value in ("١,٢", "１,２", "²,³"):
        view, warnings = decode({"area": value}, LIMITED)
        assert view.filters.area_km2 is None and "is not two numbers" in warnings[0]


def test_bidi_controls_are_shown_not_obeyed_in_warnings():
    _, warnings = decode({"site": "\u202esnsc", "\u2067key": "x"}, VOCAB)
    assert all("\u202e" not in w and "\u2067" not in w for w in warnings)
    assert any("\\u202esnsc" in w for w in warnings)


# Mutation run (issue #14): the presenter flag's spellings were never decoded by a unit test.
@pytest.mark.parametrize(("value", "present"), [("1", True), ("true", True), ("0", False), ("false", False)])
def test_the_present_flag_reads_its_four_spellings(value, present):
    state, warnings = decode({"present": value}, VOCAB)
    assert state.present is present and warnings == []


@pytest.mark.parametrize("value", ["yes", "TRUE", "False", "01", "2"])
def test_the_present_flag_refuses_other_spellings_by_name(value):
    state, warnings = decode({"present": value}, VOCAB)
    assert state.present is False and len(warnings) == 1 and "'present'" in warnings[0]


# ---- survivors of the mutation run (tests/README.md) ---------------------------------------


@pytest.mark.parametrize(("value", "scene"), [("1", 1), ("999", 999), ("0", None), ("1000", None), ("+2", None)])
def test_scene_numbers_run_from_1_to_999(value, scene):
    state, warnings = decode({"scene": value}, VOCAB)
    assert state.scene == scene and bool(warnings) == (scene is None)


def test_not_reported_keep_and_hide_both_decode_quietly():
    keep, warned_keep = decode({"not_reported": "keep"}, VOCAB)
    hide, warned_hide = decode({"not_reported": "hide"}, VOCAB)
    assert keep.filters.keep_not_reported is True and hide.filters.keep_not_reported is False
    assert warned_keep == warned_hide == []


def test_ranges_take_decimals_and_years_whole_numbers():
    state, warnings = decode({"area": "2.5,60", "years": "2011,2019"}, VOCAB)
    assert state.filters.area_km2 == (2.5, 60.0) and state.filters.years == (2011, 2019) and warnings == []
    assert isinstance(state.filters.years[0], int)
    _, warnings = decode({"years": "2011.5,2019"}, VOCAB)
    assert "'2011.5,2019' is not two whole numbers low,high" in warnings[0]
    _, warnings = decode({"area": "1,1e999"}, VOCAB)  # overflows to infinity
    assert warnings and "is not two numbers" in warnings[0]


def test_a_clamped_range_names_the_values_it_uses():
    _, warnings = decode({"years": "1990,2000"}, LIMITED)
    assert warnings == [
        "Link parameter 'years': '1990,2000' reaches outside the data's range 2011–2024; using 2011,2011."
    ]


def test_a_long_unknown_value_is_shortened_in_its_warning():
    long = "x" * 41
    _, warnings = decode({"site": long, "metric": "y" * 40}, VOCAB)
    assert f"'{'x' * 39}…'" in warnings[0] and f"'{'y' * 40}'" in warnings[1]


def test_an_unknown_language_warning_lists_the_languages():
    _, warnings = decode({"lang": "fr"}, VOCAB)
    assert warnings == ["Link parameter 'lang': unknown value 'fr' ignored (use en, zh, zh-Hant)."]


def test_the_vocabulary_of_a_frame_knows_its_focus_areas_and_ranges():
    sites = pd.DataFrame(
        {
            "site_id": ["a", "b"],
            "focus_areas": ["AI; ocean", ""],
            "area_km2": [2.0, None],
            "investment_cny_bn": [None, 5.0],
            "year_established": [2011, None],
            "year_opened": [None, 2020],
        }
    )
    vocab = Vocab.from_sites(sites)
    assert vocab.site_ids == frozenset({"a", "b"})
    assert vocab.focus == frozenset({"AI", "ocean"})
    assert vocab.limits == (("area", 0.0, 2.0), ("investment", 0.0, 5.0), ("years", 2011, 2020))
    view, warnings = decode({"focus": "ocean,space", "area": "1,3"}, vocab)
    assert view.filters.focus == ("ocean",)
    assert view.filters.area_km2 == (1.0, 2.0)
    assert len(warnings) == 2


def test_a_frame_without_figures_gives_default_ranges():
    sites = pd.DataFrame({"site_id": ["a"], "focus_areas": [""], "area_km2": [None]})
    assert Vocab.from_sites(sites).limits == (("area", 0.0, 1.0), ("investment", 0.0, 1.0), ("years", 2000, 2030))


@pytest.mark.parametrize(
    "first",
    [{"embed": "true"}, {"bogus": "1"}, {"q": "x" * (MAX_VALUE_CHARS + 1)}],
    ids=["passed through", "unknown", "too long"],
)
def test_a_skipped_parameter_does_not_stop_the_ones_after_it(first):
    view, _ = decode({**first, "city": "Dongguan", "site": "csns"}, VOCAB)
    assert view.filters.cities == ("Dongguan",)
    assert view.site == "csns"


def test_a_parameter_with_no_value_is_empty_and_quiet():
    assert decode({"q": []}, VOCAB) == (ViewState(), [])
    assert decode({"city": []}, VOCAB) == (ViewState(), [])


def test_the_length_limits_are_inclusive():
    view, warnings = decode({"q": "x" * MAX_VALUE_CHARS}, VOCAB)
    assert (view.filters.q, warnings) == ("x" * MAX_VALUE_CHARS, [])
    many = {"materials science", "marine science"}
    vocab = Vocab(site_ids=frozenset(), focus=frozenset(many | {f"f{i}" for i in range(MAX_LIST_ITEMS)}))
    items = [f"f{i}" for i in range(MAX_LIST_ITEMS)]
    view, warnings = decode({"focus": ",".join(items)}, vocab)
    assert (len(view.filters.focus), warnings) == (MAX_LIST_ITEMS, [])
    view, warnings = decode({"focus": ",".join([*items, "marine science"])}, vocab)
    assert view.filters.focus == ()
    assert warnings == [f"Link parameter 'focus' lists {MAX_LIST_ITEMS + 1} values (limit {MAX_LIST_ITEMS}); ignored."]


def test_a_link_of_many_bad_parts_shows_three_boxes_summing_up_the_rest():
    query = {"city": "Gotham", **{f"zz{i}": "1" for i in range(150)}, "area": "x,y"}
    _, warnings = decode(query, VOCAB)
    assert len(warnings) == 152
    boxes = summarise_warnings(warnings)
    assert len(boxes) == 3
    assert boxes[:2] == warnings[:2]
    assert boxes[2] == (
        "And 148 more unknown parameters: zz2, zz3, zz4, zz5, zz6, zz7, zz8, zz9, …; "
        "and 2 more ignored parts of the link."
    )
    assert summarise_warnings(warnings[:3]) == warnings[:3]
    assert summarise_warnings([]) == []


def test_a_link_made_at_a_sliders_end_reopens_without_a_warning(dataset):
    """The link decoder and the sliders use the same limits (params.limits): the area slider
    ends at 121 km² (its step grid above 120.56), and a link made by moving only its lower
    handle carries that end."""
    from gba_dash.read.history import view as as_of
    from gba_dash.ui.state import range_limits

    sites = as_of(dataset, "latest").sites
    vocab = Vocab.from_sites(sites)
    for key, param in (("f_area", "area"), ("f_investment", "investment"), ("f_years", "years")):
        lo, hi = range_limits(sites)[key]
        assert dict((k, (a, b)) for k, a, b in vocab.limits)[param] == (lo, hi)
        field = {"area": "area_km2", "investment": "investment_cny_bn", "years": "years"}[param]
        inner = lo + 1 if param == "years" else lo + 0.5
        link = encode(ViewState(filters=FilterState(**{field: (inner, hi)})))
        decoded, warnings = decode(link, vocab)
        assert warnings == [], (link, warnings)
        assert getattr(decoded.filters, field) == (inner, hi)


def test_a_links_warnings_are_said_in_the_readers_language():
    """The English text stays what tests and tours read; the page says it in zh and zh-Hant."""
    _, warnings = decode({"zz": "1", "city": "Gotham", "years": "x"}, VOCAB)
    assert warnings[0] == "Unknown link parameter 'zz' ignored."
    assert summarise_warnings(warnings, lang="zh") == [
        "已忽略未知的链接参数“zz”。",
        "链接参数“city”：已忽略未知的值“Gotham”。",
        "链接参数“years”：“x”不是“下限,上限”两个整数；已忽略。",
    ]
    many = decode({f"zz{i}": "1" for i in range(5)} | {"city": "Gotham"}, VOCAB)[1]
    assert summarise_warnings(many, lang="zh-Hant")[2] == "另有：3 個未知參數：zz2, zz3, zz4；連結中 1 處被忽略。"
    assert (
        summarise_warnings(many)[2]
        == "And 3 more unknown parameters: zz2, zz3, zz4; and 1 more ignored part of the link."
    )
