"""Sources as a reader takes them away: title, publisher, date and URL, one click from a figure.

The sources table (``data/sources.csv``) names each source once; the sites carry only its id
beside each figure. These plain functions give what the page's table and *About this map*,
the offline bundle and the map file show: the sources a set of sites rests on, grouped by
publisher, and each site's first source with a URL. URLs were checked at load to be http or
https (``dataset/tables.py``), so a caller may put them in an ``href``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ..read.fields import SOURCED, source_col
from ..words.i18n import data_word


@dataclass(frozen=True)
class SourceRef:
    """One source as cited: ``date`` is when it was published, else its as-of date; ``url``
    is empty for a source with no public copy (the 2019 archive, a print edition)."""

    source_id: str
    title: str
    publisher: str
    date: str
    url: str

    @property
    def archive(self) -> bool:
        """A story of the 2019 news archive this project was seeded from (no public URL)."""
        return self.source_id.startswith("seed-")


def source_date(sources: pd.DataFrame) -> pd.Series:
    """Each source's date: when published where the table says, else its as-of date."""
    published = sources["published"].astype(str).str.strip()
    return published.where(published != "", sources["as_of"].astype(str))


def refs(sources: pd.DataFrame, ids: Iterable[str] | None = None) -> list[SourceRef]:
    """The sources named by ``ids`` (every source when None), in the table's order."""
    frame = sources if ids is None else sources[sources["source_id"].isin(set(ids))]
    dates = source_date(frame)
    return [
        SourceRef(
            source_id=str(row["source_id"]),
            title=str(row["title"]),
            publisher=str(row["publisher"]),
            date=str(dates[index]),
            url=str(row.get("url") or "").strip(),
        )
        for index, row in frame.iterrows()
    ]


def _source_columns(sites: pd.DataFrame) -> list[str]:
    return [source_col(f.name) for f in SOURCED if source_col(f.name) in sites.columns]


def cited_ids(sites: pd.DataFrame) -> list[str]:
    """The source ids behind the sites' figures, each once, in the order first cited (row by
    row, figure by figure in the fields table's order)."""
    seen: dict[str, None] = {}
    for values in sites[_source_columns(sites)].itertuples(index=False):
        for value in values:
            if isinstance(value, str) and value:
                seen.setdefault(value, None)
    return list(seen)


# A publisher's name before its qualifiers: "Xinhua, via People's Daily Online" and
# "Southern Daily (南方日报), reposted on kcqsx.com" group under "Xinhua" and "Southern Daily".
_QUALIFIER = re.compile(r"\s*[,(（].*$")


def publisher_group(publisher: str) -> str:
    return _QUALIFIER.sub("", publisher).strip() or publisher.strip()


def publisher_qualifier(publisher: str) -> str:
    """What follows the publisher's name ("reposted on kcqsx.com"), without its punctuation."""
    return publisher.strip()[len(publisher_group(publisher)) :].strip(" ,")


def heading(name: str, items: list[SourceRef], lang: str) -> tuple[str, bool]:
    """A publisher group's heading: the publisher in the page's words where the vocabulary
    has them (the seed archive), and whether it had; else the group's name as published,
    its items then carrying their qualifiers."""
    said = data_word("publisher", items[0].publisher, lang, mark=False)
    return (said, True) if said != items[0].publisher else (name, False)


def by_publisher(items: Iterable[SourceRef]) -> list[tuple[str, list[SourceRef]]]:
    """Sources grouped by publisher (alphabetical, case-blind), newest first within a group."""
    groups: dict[str, list[SourceRef]] = {}
    for ref in items:
        groups.setdefault(publisher_group(ref.publisher), []).append(ref)
    return [
        (name, sorted(groups[name], key=lambda r: (r.date, r.title), reverse=True))
        for name in sorted(groups, key=lambda g: (g.casefold(), g))
    ]


def first_url(sites: pd.DataFrame, sources: pd.DataFrame) -> list[str]:
    """Per site (in order), the URL of its first cited source that has one; "" where none of
    its sources is online (its figures rest on the archive or on print)."""
    urls = {str(k): str(v or "").strip() for k, v in zip(sources["source_id"], sources["url"], strict=True) if v}
    out = []
    for values in sites[_source_columns(sites)].itertuples(index=False):
        out.append(next((urls[v] for v in values if isinstance(v, str) and urls.get(v)), ""))
    return out
