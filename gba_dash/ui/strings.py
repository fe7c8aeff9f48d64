"""The page's words: the one picker of ``i18n.py``, under the UI's name ``tr``."""

from __future__ import annotations

from ..words.i18n import t as tr  # noqa: F401
