"""The docs say what the code is: every module ``docs/architecture.md`` names exists, every
sub-package is described there, the README stays a user's page with its three commands
true, and both ways of starting the page bind the same default address."""

from __future__ import annotations

import re
import tomllib

from gba_dash import cli

from .conftest import ROOT

PACKAGE = ROOT / "gba_dash"
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
NAMED = re.compile(r"`((?:[a-z_]+/)*[a-z_.-]+\.(?:py|js|css|j2))`")
PARTS = ("words", "read", "view", "dataset", "own", "map", "publish", "ui")


def test_every_module_the_architecture_names_exists():
    """A path (``map/base.py``) exists in the package; a bare file name (``map.py`` in the
    list of ``ui/panels/``) exists somewhere in it."""
    files = {p.name for p in PACKAGE.rglob("*") if p.is_file()}
    missing = [
        name
        for name in NAMED.findall(ARCHITECTURE)
        if not ((PACKAGE / name).exists() or (ROOT / name).exists() or ("/" not in name and name in files))
    ]
    assert missing == []


def test_every_sub_package_is_described_and_every_module_named():
    packages = sorted(
        p.parent.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE
    )
    assert {p.split("/")[0] for p in packages} == set(PARTS)
    undescribed = [p for p in packages if f"`{p}/`" not in ARCHITECTURE]
    assert undescribed == []
    modules = [p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py"]
    unnamed = [
        p.relative_to(PACKAGE).as_posix()
        for p in modules
        if f"`{p.relative_to(PACKAGE).as_posix()}`" not in ARCHITECTURE and f"`{p.name}`" not in ARCHITECTURE
    ]
    assert unnamed == []


def test_the_readme_is_a_users_page_with_a_picture_and_three_commands():
    assert len(README.encode("utf-8")) < 10 * 1024
    picture = re.search(r"!\[[^\]]+\]\((docs/[\w.-]+\.png)\)", README)
    assert picture and (ROOT / picture.group(1)).stat().st_size > 10_000
    for command in ("pip install .", "gba-dash serve", 'pip install -e ".[test]"', "python -m pytest"):
        assert command in README, command
    assert "## Run it" in README and "## Develop it" in README and "## Deploy it" in README
    for doc in re.findall(r"`([\w-]+\.md)`", README.split("## More")[1]):
        assert (ROOT / "docs" / doc).exists(), doc


def test_ci_installs_and_tests_as_the_readme_says():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    develop = README.split("## Develop it")[1]
    assert (
        'pip install --quiet --disable-pip-version-check -e ".[test]"' in ci and 'pip install -e ".[test]"' in develop
    )
    assert "npm ci" in ci and "npm ci" in develop
    assert "python -m pytest" in ci and "python -m pytest" in develop


def test_streamlit_run_and_gba_dash_serve_bind_the_same_loopback_address():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    serve = cli.build_parser().parse_args(["serve"])
    assert config["server"]["address"] == serve.host == "127.0.0.1"
    assert "127.0.0.1" in README
