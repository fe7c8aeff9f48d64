"""Files that are not files: FIFOs, devices, loops, directories, unreadable places (#14).

Each must give one message naming the file, never a hang, a traceback or a silent drop.
The CLI cases run the installed ``gba-dash`` with a time limit, so a hang fails the test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from gba_dash.dataset import load_dataset
from gba_dash.read.schema import DataError

GBA_DASH = shutil.which("gba-dash") or pytest.fail("the gba-dash command is not installed (pip install -e .)")


def _check(data_dir: Path, *, user: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [GBA_DASH, "check", str(data_dir)], capture_output=True, text=True, timeout=60, user=user, check=False
    )


def _problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_dataset(data_dir)
    return [str(p) for p in info.value.problems]


def test_a_fifo_as_data_file_is_named_not_waited_on(data_copy):
    (data_copy / "sites.geojson").unlink()
    os.mkfifo(data_copy / "sites.geojson")
    result = _check(data_copy)
    assert result.returncode == 1
    assert "sites.geojson: is a FIFO, not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_symlink_to_dev_zero_is_named_not_read(data_copy):
    (data_copy / "sources.csv").unlink()
    (data_copy / "sources.csv").symlink_to("/dev/zero")
    assert "sources.csv: is a device or socket, not a regular file" in _problems(data_copy)


def test_a_symlink_loop_and_a_directory_are_named(data_copy):
    (data_copy / "stories.csv").unlink()
    (data_copy / "stories.csv").symlink_to(data_copy / "stories.csv")
    (data_copy / "subprojects.csv").unlink()
    (data_copy / "subprojects.csv").mkdir()
    problems = _problems(data_copy)
    assert any(p.startswith("stories.csv: cannot read file: Too many levels of symbolic links") for p in problems)
    assert "subprojects.csv: is a directory, not a file" in problems


def test_an_oversized_file_is_refused_after_reading_at_most_the_limit(data_copy, monkeypatch):
    from gba_dash.read import load

    monkeypatch.setattr(load, "MAX_FILE_BYTES", 1000)
    asked: list[int] = []
    real_fdopen = os.fdopen

    class Spy:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)

        def fileno(self):
            return self.handle.fileno()

        def read(self, n=-1):
            asked.append(n)
            return self.handle.read(n)

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Spy(real_fdopen(fd, *a, **k)))
    problems = _problems(data_copy)
    assert "sites.geojson: file is over 1000 bytes, the limit" in problems
    assert asked and all(0 <= n <= 1001 for n in asked), asked  # never the whole file


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: os.mkfifo(p), "tours/x.json: is a FIFO, not a regular file"),
        (lambda p: p.mkdir(), "tours/x.json: is a directory, not a file"),
        (lambda p: p.symlink_to(p), "tours/x.json: cannot read file: Too many levels of symbolic links"),
        (
            lambda p: p.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8"),
            "tours/x.json: JSON nested too deeply to be a tour",
        ),
    ],
)
def test_hostile_tour_files_disable_the_tour_and_the_data_loads(data_copy, make, expected):
    make(data_copy / "tours" / "x.json")
    ds = load_dataset(data_copy)
    assert "default" in ds.tours and "x" not in ds.tours
    assert [str(p) for p in ds.tour_problems] == [expected]


def test_tours_that_is_not_a_directory_is_named(data_copy):
    shutil.rmtree(data_copy / "tours")
    (data_copy / "tours").write_text("{}", encoding="utf-8")
    ds = load_dataset(data_copy)
    assert [str(p) for p in ds.tour_problems] == ["tours: is not a directory (tours live in data/tours/*.json)"]


# Root reads everything, and CI runs as root: unreadable places are simulated where the OS
# would refuse (os.open, a directory listing), so the handling is tested on every machine.


def _refuse(monkeypatch, target: Path) -> None:
    real_open, real_iterdir = os.open, Path.iterdir

    def fake_open(path, *args, **kwargs):
        if Path(path) == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    def fake_iterdir(self):
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(Path, "iterdir", fake_iterdir)


def test_unreadable_tours_directory_is_reported_not_dropped(data_copy, monkeypatch, capsys):
    from gba_dash.cli import main

    _refuse(monkeypatch, data_copy / "tours")
    assert main(["check", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "tour disabled: tours/: cannot list the tours directory: Permission denied" in err


def test_unreadable_tour_and_data_file_are_named(data_copy, monkeypatch):
    _refuse(monkeypatch, data_copy / "tours" / "default.json")
    ds = load_dataset(data_copy)
    assert [str(p) for p in ds.tour_problems] == ["tours/default.json: cannot read file: Permission denied"]
    monkeypatch.undo()
    _refuse(monkeypatch, data_copy / "sources.csv")
    assert "sources.csv: cannot read file: Permission denied" in _problems(data_copy)


def test_the_page_cache_key_survives_an_unreadable_directory(tmp_path, monkeypatch):
    from gba_dash.ui.cache import signature

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    assert signature(tmp_path) == (str(tmp_path), "unreadable: Permission denied", ("asof", "latest"))


@pytest.mark.page
def test_broken_tour_json_in_the_page_is_a_warning_not_a_blocked_page(data_copy, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from .conftest import ROOT

    (data_copy / "tours" / "bad.json").write_text(json.dumps({"title": "x", "scenes": "no"}), encoding="utf-8")
    monkeypatch.setenv("GBA_DASH_DATA", str(data_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception and not at.error
    assert any("tours/bad.json: field 'scenes'" in w.value.replace("\\", "") for w in at.warning)
    assert any('id="readback"' in m.value for m in at.markdown)
