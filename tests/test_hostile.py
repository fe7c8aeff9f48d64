"""Hostile text reaches every HTML sink escaped: map, details, exports, share bundle."""

from __future__ import annotations

import re

import pytest

from gba_dash.dataset import load_dataset
from gba_dash.map.standalone import standalone_html
from gba_dash.publish.bundle import build_site

from .hostile import HOSTILE_NAME, PAYLOADS, make_hostile

# Live markup: a payload tag not escaped for HTML (&lt;) nor for Markdown (\<).
LIVE = re.compile(r"(?<!\\)<(?:img src=x|svg onload|script>alert)", re.I)
# Inside a <script> element, template-literal syntax from data would run too.
SCRIPT = re.compile(r"<script[^>]*>(.*?)</script>", re.S | re.I)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return load_dataset(make_hostile(tmp_path_factory.mktemp("h") / "data"))


def test_hostile_fixture_is_valid_data(hostile):
    assert hostile.site("csns")["name_en"] == HOSTILE_NAME


def _live(html: str) -> list[str]:
    """Payload text may appear escaped; never as live markup, nor as code inside a script."""
    found = [m.group(0) for m in LIVE.finditer(html)]
    for script in SCRIPT.findall(html):
        found += [p for p in ("${alert", "`alert(4)`", "alert(2)</script") if p in script]
    return found


def test_standalone_map_has_no_live_payload(hostile):
    html = standalone_html(hostile.basemap, hostile.sites, selected="csns")
    assert _live(html) == []
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_share_bundle_has_no_live_payload(hostile):
    html = build_site(hostile, tour=hostile.tours["default"])
    assert _live(html) == []
    assert "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_app_shows_hostile_text_as_text(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from .conftest import ROOT

    monkeypatch.setenv("GBA_DASH_DATA", str(make_hostile(tmp_path / "data")))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["site"] = "csns"
    at.run()
    assert not at.exception
    blob = " ".join(m.value for m in at.markdown)
    # Data text reaches st.markdown either HTML-escaped (the few blocks that allow HTML) or
    # Markdown-escaped (everything else): never as live markup.
    assert _live(blob) == []
    assert "\\<img src=x onerror=alert\\(1\\)\\>" in blob  # shown literally in the details heading
    assert all(p for p in PAYLOADS)
