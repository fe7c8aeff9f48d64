"""The wheel, installed outside any checkout, checks, exports and serves the dashboard (#13).

Builds the wheel from this checkout, installs it into a fresh virtual environment in a
temporary directory, and runs the installed ``gba-dash`` there: ``check`` on the bundled
data, ``export``, and ``serve``, whose page Chromium opens offline until the map draws.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..devserver import Server, free_port, healthy, wait_until
from .conftest import ROOT, visible_texts, wait_markers

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A venv (outside the repo) with the wheel installed; returns its bin/ directory."""
    where = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", str(where / "dist"), str(ROOT)],
        check=True,
        cwd=where,
        capture_output=True,
    )
    wheel = next((where / "dist").glob("gba_dash-*.whl"))
    # The test environment's packages are visible to the venv (no second download of
    # streamlit and geopandas); the wheel's own gba_dash sits in the venv and wins.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(where / "venv")], check=True)
    bin_dir = where / "venv" / "bin"
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
        check=True,
        cwd=where,
    )
    return bin_dir


def test_the_sdist_holds_the_data_the_app_and_the_publishing_files(installed):
    import tarfile

    sdist = next((installed.parent.parent / "dist").glob("gba_dash-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for needed in (
        "app.py",
        "data/sites.geojson",
        "data/datapackage.json",
        "static/leaflet/leaflet.js",
        "static/places.geojson",
        "CHANGELOG.md",
        "CITATION.cff",
        "pyproject.toml",
        ".streamlit/config.toml",
    ):
        assert needed in names, needed


def _run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(cwd), "GBA_DASH_TILES": "off"}
    return subprocess.run([str(bin_dir / "gba-dash"), *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_the_installed_package_is_the_wheel_not_the_checkout(installed, tmp_path):
    out = subprocess.run(
        [str(installed / "python"), "-c", "import gba_dash.paths as p; print(p.app_file()); print(p.data_dir())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    ).stdout.split()
    assert all("_bundled" in line and str(ROOT) not in line for line in out), out


def test_check_and_export_run_from_the_wheel(installed, tmp_path):
    check = _run(installed, "check", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip().endswith("ok") and "sites: 31 in the 2019 archive, 13 added since 2019" in check.stdout
    export = _run(installed, "export", "--format", "csv", cwd=tmp_path)
    assert export.returncode == 0, export.stderr
    assert len(list(csv.DictReader(io.StringIO(export.stdout)))) == 44  # the latest view, the default


def test_serve_draws_the_map_offline(installed, watched, tmp_path):
    port = free_port()
    env = {"PATH": f"{installed}:/usr/bin:/bin", "HOME": str(tmp_path), "GBA_DASH_TILES": "off"}
    log = tmp_path / "serve.log"
    proc = subprocess.Popen(
        [str(installed / "gba-dash"), "serve", "--port", str(port), "--host", "127.0.0.1", "--headless"],
        cwd=tmp_path,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    server = Server(url=f"http://127.0.0.1:{port}", process=proc, log=log, started=time.monotonic())
    try:

        def up() -> bool:
            if proc.poll() is not None:
                raise RuntimeError(f"gba-dash serve exited with {proc.returncode}: {log.read_text()[-2000:]}")
            return healthy(server.url)

        wait_until(up, timeout=90, what="gba-dash serve's health check")
        page = watched.page
        page.goto(server.url)
        wait_markers(page, 44)
        # The bundled place names, fetched from static/ once the map has drawn: waited for,
        # since under load they can come a moment after the site symbols.
        wait_until(lambda: len(visible_texts(page, ".gba-place-1")) >= 8, timeout=30, what="8 place names")
        assert page.locator("#readback").inner_text() == "44 of 44 sites: all sites"
        assert not watched.off_machine() and not watched.console_errors, (watched.blocked, watched.console_errors)
    finally:
        server.stop()
    # Stopping the command stops the server: nothing is left listening on the port.
    assert not healthy(server.url)
