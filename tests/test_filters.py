"""FilterState, apply_filters and the read-back sentence."""

from __future__ import annotations

import dataclasses

import pytest

from gba_dash.view.filters import FilterState, apply_filters, describe, focus_options, not_reported_counts


def _shown(dataset, **kw):
    state = FilterState(**kw)
    return state, apply_filters(dataset.sites, state)


def test_default_state_shows_everything(dataset):
    state, shown = _shown(dataset)
    assert len(shown) == len(dataset.sites)
    assert describe(state, len(shown), len(dataset.sites), lang="en") == "31 of 31 sites: all sites"


def test_state_is_a_frozen_keyword_only_value():
    state = FilterState(categories=("facility",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.q = "x"
    with pytest.raises(TypeError):
        FilterState(("facility",))  # positional use would silently mean something else
    assert state == FilterState(categories=("facility",))


def test_category_and_city_read_back_as_a_sentence(dataset):
    state, shown = _shown(dataset, categories=("science_city", "ai_park"), cities=("Shenzhen", "Huizhou"))
    assert set(shown["site_id"]) == {"guangming-science-city", "daya-bay-ai-park"}
    assert (
        describe(state, len(shown), 31, lang="en") == "2 of 31 sites: science cities and AI parks in Shenzhen, Huizhou"
    )
    assert describe(state, len(shown), 31, lang="zh") == "显示 2 / 31 个站点：位于深圳、惠州的科学城、人工智能产业园"


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("neutron", {"csns", "dongguan-neutron-science-city"}),
        ("散裂", {"csns"}),
        ("SHENZHEN BAY", {"shenzhen-bay-port"}),
    ],
)
def test_search_covers_english_and_chinese_names(dataset, q, expected):
    _, shown = _shown(dataset, q=q)
    assert set(shown["site_id"]) == expected


def test_focus_filter(dataset):
    assert "materials science" in focus_options(dataset.sites)
    _, shown = _shown(dataset, focus=("materials science",))
    assert set(shown["site_id"]) == {
        "dongguan-neutron-science-city",
        "songshan-lake-materials-lab",
        "dongguan-university-of-technology",
    }


def test_numeric_range_keeps_not_reported_sites_and_says_so(dataset):
    state, shown = _shown(dataset, categories=("facility",), investment_cny_bn=(5.0, 20.0))
    ids = set(shown["site_id"])
    assert {"songshan-lake-materials-lab", "marine-science-lab"} <= ids
    assert "csns" not in ids  # 2.3 is reported and outside the range
    assert "sysu-shenzhen-campus" in ids  # not reported: kept, not silently dropped
    counts = not_reported_counts(dataset.sites, state)
    assert counts == {"investment_cny_bn": 3}
    sentence = describe(state, len(shown), 31, lang="en", not_reported=counts)
    assert sentence == "5 of 31 sites: facilities, investment 5–20 CNY bn (3 without an investment reported kept)"


def test_numeric_range_can_leave_not_reported_out_and_counts_them(dataset):
    state, shown = _shown(dataset, categories=("facility",), investment_cny_bn=(5.0, 20.0), keep_not_reported=False)
    assert set(shown["site_id"]) == {"songshan-lake-materials-lab", "marine-science-lab"}
    sentence = describe(state, len(shown), 31, lang="en", not_reported=not_reported_counts(dataset.sites, state))
    assert sentence.endswith("(3 without an investment reported left out)")


def test_year_range_matches_any_milestone(dataset):
    _, shown = _shown(dataset, years=(2022, 2024), keep_not_reported=False)
    assert set(shown["site_id"]) == {"pearl-science-park", "shenzhen-zhongshan-link"}


def test_filters_preserve_order(dataset):
    _, shown = _shown(dataset, categories=("checkpoint",))
    assert list(shown["site_id"]) == [s for s in dataset.sites["site_id"] if s.endswith("-port")]


def test_read_back_shows_bidi_controls_in_the_search_text():
    text = describe(FilterState(q="\u202ebal"), 1, 31, lang="en")
    assert "\u202e" not in text and "matching “\\u202ebal”" in text


def test_range_bounds_are_inclusive(dataset):
    """A site whose figure equals a bound is inside the range (both ends)."""
    csns = dataset.site("csns")
    value = float(csns["investment_cny_bn"])
    for lo, hi in ((value, value + 1), (value - 1, value), (value, value)):
        _, shown = _shown(dataset, investment_cny_bn=(lo, hi), keep_not_reported=False)
        assert "csns" in set(shown["site_id"]), (lo, hi)


@pytest.mark.parametrize(
    ("categories", "expected"),
    [
        (("facility",), "facilities"),
        (("facility", "checkpoint"), "facilities and checkpoints"),
        (("facility", "checkpoint", "ai_park"), "facilities, checkpoints and AI parks"),
    ],
)
def test_read_back_joins_lists_as_a_sentence(categories, expected):
    assert describe(FilterState(categories=categories), 1, 31, lang="en") == f"1 of 31 sites: {expected}"
    zh = describe(FilterState(categories=categories), 1, 31, lang="zh")
    assert "、".join(["科研设施", "口岸", "人工智能产业园"][: len(categories)]) in zh


def test_article_before_a_noun():
    from gba_dash.view.filters import _article

    assert _article("investment") == "an investment" and _article("area") == "an area"
    assert _article("site") == "a site" and _article("year") == "a year"
