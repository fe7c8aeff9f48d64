"""Cite this view: the dataset, its version and as-of date, the access date and the view's link.

One function for the page and the offline bundle, in three forms: a sentence to paste,
BibTeX and RIS for reference managers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .i18n import t

AUTHORS = "gba-dash contributors"
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#_$^~])")


@dataclass(frozen=True)
class Citation:
    title: str
    version: str
    as_of: str
    accessed: dt.date
    url: str
    view: str

    def text(self, lang: str = "en") -> str:
        return t(
            "cite_text",
            lang,
            authors=AUTHORS,
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
            f"  author = {{{{{b(AUTHORS)}}}}},\n"
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
            f"AU  - {AUTHORS}",
            f"TI  - {r(self.title)}",
            f"PY  - {self.accessed.year}",
            f"ET  - {r(self.version)}",
            f"DA  - {self.accessed:%Y/%m/%d}",
            f"UR  - {r(self.url)}",
            f"N1  - Data as of {r(self.as_of)}. View: {r(self.view)}",
            "ER  - ",
        ]
        return "\r\n".join(lines) + "\r\n"
