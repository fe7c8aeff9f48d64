"""Tasks for the bounded reader's tests: module-level, so a worker process can import them."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path


def double(x: int) -> int:
    return 2 * x


def spin() -> None:
    while True:
        pass


def sleep_in_a_temporary_file() -> None:
    """Leaves a file in the task's temporary folder, then hangs (killed past the wall time)."""
    (Path(tempfile.gettempdir()) / "upload.zip").write_bytes(b"x" * 1024)
    time.sleep(3600)


def hog() -> str:
    """Touches 64 MB at a time, up to 2 GB (so that a missing limit fails the test, not the machine)."""
    blocks = []
    for _ in range(32):
        blocks.append(b"x" * (64 * 1024 * 1024))
    return "allocated 2 GB"


def numpy_hog():
    import numpy as np

    return np.ones(4 * 1024**3 // 8)


def task_folder() -> str:
    return tempfile.gettempdir()


def fail() -> None:
    raise IndexError("index 0 is out of bounds for axis 0 with size 0")
