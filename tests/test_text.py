from __future__ import annotations

import pandas as pd
import pytest

from gba_dash.read.values import fmt_value
from gba_dash.words.text import esc, km, md

HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", "${alert(1)}", "`x`", "\"'"]


@pytest.mark.parametrize("text", HOSTILE)
def test_esc_leaves_no_html_or_template_syntax(text):
    out = esc(text)
    for ch in "<>`$\"'":
        assert ch not in out


def test_esc_keeps_chinese_and_plain_text():
    assert esc("松山湖 Lab & co") == "松山湖 Lab &amp; co"


def test_md_escapes_markdown_and_html():
    assert md("[x](javascript:alert(1)) <b>") == r"\[x\]\(javascript\:alert\(1\)\) \<b\>"


@pytest.mark.parametrize(
    ("name", "value", "lang", "expected"),
    [
        ("area_km2", 53.3, "en", "53.3 km²"),
        ("area_km2", 99.0, "en", "99 km²"),
        ("investment_cny_bn", 2.3, "en", "2.3 CNY bn"),
        ("residents_planned", 180000, "en", "180,000 people"),
        ("year_established", 2011, "en", "2011"),
        ("scientists", pd.NA, "en", "not reported"),
        ("scientists", None, "zh", "未报告"),
        ("status", "under_construction", "zh", "在建"),
        ("area_km2", None, "en", "not reported"),
        ("area_km2", float("nan"), "zh", "未报告"),
        ("area_km2", "  ", "zh-Hant", "未報告"),
        ("area_km2", 0.5, "en", "0.5 km²"),
        ("area_km2", 1234.567, "en", "1,234.57 km²"),
        ("area_km2", 10.10, "en", "10.1 km²"),
        ("year_opened", 2018, "en", "2018"),
        ("year_opened", 2018.0, "zh", "2018"),
        ("status", "operating", "en", "operating"),
        ("status", "operating", "zh", "运行中"),
        ("status", "under_construction", "zh-Hant", "在建"),
        ("unknown_column", 12.5, "en", "12.5"),
        ("focus_areas", "AI; ocean", "en", "AI; ocean"),
        ("focus_areas", "AI; marine science", "zh", "AI（英文）、海洋科学"),  # unknown words marked English
        ("operator", "planned", "zh", "planned（英文）"),  # a status word in a text field is not a status
        ("operator", "Chinese Academy of Sciences", "zh-Hant", "中國科學院"),
    ],
)
def test_fmt_value(name, value, lang, expected):
    assert fmt_value(name, value, lang) == expected


def test_km():
    assert (km(150), km(5000), km(1500)) == ("150 m", "5 km", "1.5 km")


def test_md_folds_newlines_into_spaces():
    """A line break in data text must not start a Markdown block (a list, a heading)."""
    assert md("first\n# second") == "first \\# second"
