"""Escaping and formatting: the one place data text is made safe for HTML and Markdown.

folium puts tooltip and popup text inside JavaScript template literals, and the map's
iframe shares the app's origin, so HTML escaping alone is not enough: backticks and ``$``
(which would open ``${...}``) are escaped too. Every HTML sink goes through ``esc``.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from .i18n import fmt_amount, t

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:])")


def esc(value: object) -> str:
    """Text safe inside HTML and inside a JS template literal: <>&\"' ` $ all escaped."""
    return html.escape(str(value), quote=True).replace("`", "&#96;").replace("$", "&#36;")


# Bidi embeddings, overrides and isolates, and marks: in echoed user text they would reorder
# the message around them ("unknown value '.derongi 'csns").
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def visible(value: object) -> str:
    """User text to echo back: invisible and bidi control characters shown as \\uXXXX."""
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", str(value))


def md(value: object) -> str:
    """Text shown literally by st.markdown/st.warning: Markdown and HTML characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(value)).replace("\n", " ")


# Characters that would end a Markdown link's target early, or break out of it.
_URL_ESCAPES = str.maketrans({"(": "%28", ")": "%29", " ": "%20", "<": "%3C", ">": "%3E", "\\": "%5C"})


def md_link(text: object, url: str) -> str:
    """A Markdown link: ``text`` shown literally, ``url`` (checked at load to be http or
    https) percent-escaped where Markdown would read it. Streamlit opens such a link in a new
    tab with ``rel="noopener noreferrer"``."""
    return f"[{md(text)}]({str(url).strip().translate(_URL_ESCAPES)})"


def not_reported(lang: str) -> str:
    return t("nr", lang)


def km(meters: object, lang: str = "en") -> str:
    """An uncertainty radius or a distance: '150 m' or '5 km' ('150 米', '5 公里')."""
    if meters is None or meters is pd.NA:
        return "?"
    m = int(meters)
    if m < 1000:
        return fmt_amount(m, unit="m", lang=lang, whole=True)
    return fmt_amount(m / 1000, unit="km", lang=lang)
