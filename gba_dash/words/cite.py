"""Cite this view: the dataset, its version and as-of date, the access date and the view's link.

One function for the page and the offline bundle, in three forms: a sentence to paste,
BibTeX and RIS for reference managers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from .. import paths
from .i18n import t

_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#_$^~])")


@dataclass(frozen=True)
class Author:
    """A CITATION.cff author: a person (family and given names) or an entity (``name``)."""

    family: str = ""
    given: str = ""
    name: str = ""

    @property
    def display(self) -> str:
        return self.name or " ".join(p for p in (self.given, self.family) if p)

    @property
    def inverted(self) -> str:
        """'Family, Given' for reference managers; an entity's name as it is."""
        return self.name or ", ".join(p for p in (self.family, self.given) if p)


def authors_from_cff(text: str, *, source: str = "CITATION.cff") -> tuple[Author, ...]:
    """The top-level ``authors`` of a Citation File Format document. An entry with neither a
    name nor a family name is an error naming its position, as is a file with no authors."""
    doc = yaml.safe_load(text) or {}
    entries = doc.get("authors") if isinstance(doc, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{source}: 'authors' must list at least one author")
    out = []
    for i, entry in enumerate(entries, start=1):
        entry = entry if isinstance(entry, dict) else {}
        author = Author(
            family=str(entry.get("family-names") or "").strip(),
            given=str(entry.get("given-names") or "").strip(),
            name=str(entry.get("name") or "").strip(),
        )
        if not author.display or not (author.name or author.family):
            raise ValueError(f"{source}: author {i} has neither 'name' nor 'family-names'")
        out.append(author)
    return tuple(out)


@cache
def project_authors(path: Path | None = None) -> tuple[Author, ...]:
    """The project's configured authors (its CITATION.cff), read once."""
    path = path or paths.citation_file()
    return authors_from_cff(path.read_text(encoding="utf-8"), source=str(path))


@dataclass(frozen=True)
class Citation:
    title: str
    version: str
    as_of: str
    accessed: dt.date
    url: str
    view: str
    authors: tuple[Author, ...] = field(default_factory=project_authors)

    def text(self, lang: str = "en") -> str:
        sep = "、" if lang != "en" else ", "
        return t(
            "cite_text",
            lang,
            authors=sep.join(a.display for a in self.authors),
            title=self.title,
            version=self.version,
            as_of=self.as_of,
            accessed=self.accessed.isoformat(),
            view=self.view,
            url=self.url,
        )

    def bibtex(self) -> str:
        def b(value: str) -> str:
            return _BIBTEX_SPECIAL.sub(r"\\\1", value)

        key = f"gbadash{self.version.replace('.', '_')}_{self.accessed:%Y%m%d}"
        return (
            f"@misc{{{key},\n"
            f"  author = {{{' and '.join(_bib_author(a, b) for a in self.authors)}}},\n"
            f"  title = {{{b(self.title)}}},\n"
            f"  year = {{{self.accessed.year}}},\n"
            f"  version = {{{b(self.version)}}},\n"
            f"  howpublished = {{Dataset and dashboard (gba-dash)}},\n"
            f"  url = {{{self.url}}},\n"
            f"  urldate = {{{self.accessed.isoformat()}}},\n"
            f"  note = {{Data as of {b(self.as_of)}. View: {b(self.view)}}}\n"
            "}\n"
        )

    def ris(self) -> str:
        def r(value: str) -> str:
            return " ".join(value.split())  # one line per tag

        lines = [
            "TY  - DATA",
            *(f"AU  - {r(a.inverted)}" for a in self.authors),
            f"TI  - {r(self.title)}",
            f"PY  - {self.accessed.year}",
            f"ET  - {r(self.version)}",
            f"DA  - {self.accessed:%Y/%m/%d}",
            f"UR  - {r(self.url)}",
            f"N1  - Data as of {r(self.as_of)}. View: {r(self.view)}",
            "ER  - ",
        ]
        return "\r\n".join(lines) + "\r\n"


def _bib_author(author: Author, escape) -> str:
    # An entity in braces, so BibTeX does not split "The gba-dash project" into names.
    return f"{{{escape(author.name)}}}" if author.name else escape(author.inverted)
