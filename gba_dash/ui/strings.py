"""The page's words: the one text table and picker of ``i18n.py``, under the UI's name ``tr``."""

from __future__ import annotations

from ..i18n import TEXT as UI  # noqa: F401 - the table, for tests that walk it
from ..i18n import t as tr  # noqa: F401
