"""Shared fixtures: the bundled data directory and a throw-away copy to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


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
