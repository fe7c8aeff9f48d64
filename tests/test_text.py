from __future__ import annotations

import pandas as pd
import pytest

from gba_dash.text import esc, fmt_value, km, md

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
    ],
)
def test_fmt_value(name, value, lang, expected):
    assert fmt_value(name, value, lang) == expected


def test_km():
    assert (km(150), km(5000), km(1500)) == ("150 m", "5 km", "1.5 km")


def test_md_folds_newlines_into_spaces():
    """A line break in data text must not start a Markdown block (a list, a heading)."""
    assert md("first\n# second") == "first \\# second"
