"""URL state: encode/decode round trip and warnings that name the parameter."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gba_dash.fields import CATEGORIES, GBA_CITIES, METRICS
from gba_dash.filters import FilterState
from gba_dash.share import MAX_VALUE_CHARS, ViewState, Vocab, decode, encode

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
