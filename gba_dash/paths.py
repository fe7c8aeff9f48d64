"""Where the app, its data, its static files and its Streamlit settings are.

In a clone (an editable install included) they are the checkout's own ``app.py``,
``data/``, ``static/`` and ``.streamlit/config.toml``. An installed wheel carries copies in
``gba_dash/_bundled/`` (the build's force-include maps them there), with ``app.py`` beside
``static/`` because Streamlit serves ``static/`` from the app script's folder.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
BUNDLED = PACKAGE / "_bundled"
CHECKOUT = PACKAGE.parent


def _base() -> Path:
    # A wheel's copy wins: site-packages/ (the wheel's CHECKOUT) is nobody's project folder.
    return BUNDLED if (BUNDLED / "app.py").is_file() else CHECKOUT


def app_file() -> Path:
    return _base() / "app.py"


def data_dir() -> Path:
    return _base() / "data"


def static_dir() -> Path:
    return _base() / "static"


def config_file() -> Path:
    """The project's Streamlit settings (static serving, theme)."""
    base = _base()
    return base / "config.toml" if base == BUNDLED else base / ".streamlit" / "config.toml"


def citation_file() -> Path:
    """The project's CITATION.cff: who the citations name as authors."""
    return _base() / "CITATION.cff"
