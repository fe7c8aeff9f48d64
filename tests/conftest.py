"""Shared fixtures: the bundled data directory and a throw-away copy to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests replay a fixed set of examples, so a landing is never blocked by
# chance; locally they explore (HYPOTHESIS_PROFILE=deep explores ten times as far).
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("deep", max_examples=1200)
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
elif os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def run_app(query: dict[str, str] | None = None):
    """The whole page once in streamlit.testing's AppTest, opened with ``query`` as its link."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(autouse=True)
def _whole_first_view(request, monkeypatch):
    """Outside a browser nothing runs the page's JavaScript, so nothing would say the map has
    drawn: the first run sends every panel (gba_dash/ui/first_view.py)."""
    if request.node.get_closest_marker("browser") is None:
        monkeypatch.setenv("GBA_DASH_FIRST_VIEW", "whole")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data, for tests that break one thing in it."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    for path in dest.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return dest


@pytest.fixture(scope="session")
def dataset():
    from gba_dash.dataset import load_dataset

    return load_dataset(DATA)
