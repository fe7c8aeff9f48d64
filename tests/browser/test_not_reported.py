"""Missing values read "not reported" on the page as a person sees it, in three languages
(issue #27, item 6): no "None" anywhere in the page's text, the details of a site with
unreported figures and sub-projects included. The tables draw on a canvas, so their cells
are checked by the AppTest (tests/test_app.py); here it is every other word on the page."""

from __future__ import annotations

import re

import pytest

from ..devserver import wait_idle, wait_panels

pytestmark = pytest.mark.browser

NOT_REPORTED = {"en": "not reported", "zh": "未报告", "zh-Hant": "未報告"}


@pytest.mark.parametrize("lang", ["en", "zh", "zh-Hant"])
def test_the_page_never_says_none(server, watched, lang):
    page = watched.page
    page.goto(f"{server.url}/?lang={lang}&site=pearl-science-park")
    page.locator("#readback").wait_for(timeout=60_000)
    wait_panels(page)
    # the details and charts name what is missing, once the panels after the map have drawn
    page.get_by_text(NOT_REPORTED[lang]).first.wait_for(timeout=60_000)
    wait_idle(page)
    text = page.evaluate("() => document.body.innerText")
    assert not re.findall(r".{0,40}\bNone\b.{0,40}", text), re.findall(r".{0,40}\bNone\b.{0,40}", text)
