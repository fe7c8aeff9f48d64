""" "About this map": what the map's positions, lines, names and tiles are, in plain text.

One list of sentences for the page and the offline bundle, each caller escaping for its
sink. It states what a careful reader asks before trusting a position: the datum (WGS-84,
never GCJ-02), where the lines and names come from and under which licence, and how old
the figures are.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from .i18n import t

if TYPE_CHECKING:  # a type only: the tile settings sit in a layer above the words
    from ..map.tiles import TileSource

_TAG = re.compile(r"<[^>]*>")


def plain(attribution: str) -> str:
    """An attribution's HTML as the text a reader sees."""
    return html.unescape(_TAG.sub("", attribution)).strip()


def about_lines(*, as_of: list[str], tiles: TileSource | None, lang: str = "en") -> list[str]:
    if tiles is None:
        tile_line = t("about_tiles_off", lang)
    else:
        tile_line = t("about_tiles", lang, name=tiles.name, attribution=plain(tiles.attribution))
    return [
        t("about_datum", lang),
        t("about_lines", lang),
        t("about_names", lang),
        tile_line,
        # A span, not every date: the sources list beneath gives each source's own date.
        t("about_dates", lang, dates=_span(as_of)),
    ]


def _span(dates: list[str]) -> str:
    ordered = sorted(dates)
    return "-" if not ordered else ordered[0] if len(ordered) == 1 else f"{ordered[0]} – {ordered[-1]}"
