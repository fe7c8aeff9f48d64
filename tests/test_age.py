"""A figure's age, and "possibly outdated" past the deployer's threshold (#13)."""

from __future__ import annotations

import datetime as dt

import pytest

from gba_dash.words.age import DEFAULT_OUTDATED_YEARS, age_note, outdated_years, years_old

TODAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize(
    ("as_of", "years"),
    [("2019", 7), ("2019-06", 7), ("2019-12-31", 6), ("2026-11", 0), ("2026-12-01", 0), ("20x9", None), ("", None)],
)
def test_years_old(as_of, years):
    assert years_old(as_of, TODAY) == years


def test_age_note_in_three_languages_and_the_threshold():
    assert age_note("2019", TODAY, "en", threshold=5) == ("7 years ago", True)
    assert age_note("2019", TODAY, "zh", threshold=5) == ("7年前", True)
    assert age_note("2019", TODAY, "zh-Hant", threshold=8) == ("7年前", False)
    assert age_note("2026-11", TODAY, "en", threshold=5) == ("less than a year ago", False)
    assert age_note("unknown", TODAY, "en", threshold=5) == ("", False)


def test_the_threshold_comes_from_the_environment_and_is_checked():
    assert outdated_years({}) == (DEFAULT_OUTDATED_YEARS, None)
    assert outdated_years({"GBA_DASH_OUTDATED_YEARS": "10"}) == (10, None)
    for bad in ("0", "-3", "ten", "２", "1e3", "101"):
        years, problem = outdated_years({"GBA_DASH_OUTDATED_YEARS": bad})
        assert years == DEFAULT_OUTDATED_YEARS and problem.startswith("GBA_DASH_OUTDATED_YEARS="), bad


@pytest.mark.page
def test_details_show_the_age_and_flag_old_figures(monkeypatch):
    from .conftest import run_app

    at = run_app({"site": "csns"})
    text = " ".join(m.value for m in at.markdown)
    assert "years ago" in text and "possibly outdated" in text
    monkeypatch.setenv("GBA_DASH_OUTDATED_YEARS", "50")
    at = run_app({"site": "csns"})
    text = " ".join(m.value for m in at.markdown)
    assert "years ago" in text and "possibly outdated" not in text
