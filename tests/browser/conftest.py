"""Browser fixtures: a real `streamlit run` server and Debian's Chromium driven by Playwright.

Every request to a host other than localhost is aborted and recorded, so a test fails if
the page needs the internet. Readiness is polled on /_stcore/health, never slept for.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from gba_dash.map.tiles import OSM

from ..devserver import (  # noqa: F401 - page helpers re-exported for the tests
    CHROMIUM,
    CHROMIUM_ARGS,
    LOCAL_PREFIXES,
    ROOT,
    Server,
    choose,
    expand,
    start_server,
    wait_first_view,
    wait_idle,
)


def start_test_app(name: str, d: Path, env: dict[str, str]) -> Server:
    """Start tests/browser/``name`` (the page with one part slowed down) from ``d``, beside a
    link to the project's static/ (Streamlit serves static/ from the script's folder)."""
    shutil.copy(ROOT / "tests" / "browser" / name, d / name)
    (d / "static").symlink_to(ROOT / "static")
    return start_server(d / name, d, cwd=ROOT, env={"GBA_TEST_ROOT": str(ROOT), **env})


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    s = start_server(ROOT / "app.py", tmp_path_factory.mktemp("server"))
    yield s
    s.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


# The one off-machine request the map makes on its own: the default online tiles' probe tile.
# Blocked, it must leave the offline map in place (tests/browser/test_tiles.py).
TILE_PROBE = OSM.probe_url()


@dataclass
class Watched:
    page: object
    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def off_machine(self) -> list[str]:
        """Blocked requests other than the tile probe: what the page should never ask for."""
        return [u for u in self.blocked if u != TILE_PROBE]


@pytest.fixture
def watched(browser) -> Iterator[Watched]:
    """A page whose off-machine requests are blocked and recorded, with console errors kept."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    page = context.new_page()
    w = Watched(page=page)

    def route(r):
        url = r.request.url
        if url.startswith(LOCAL_PREFIXES):
            r.continue_()
        else:
            w.blocked.append(url)
            r.abort()

    page.route("**/*", route)

    def console(m) -> None:
        # A request this fixture blocked is recorded in ``blocked``; Chromium's own line about
        # it is not a page error.
        if m.type == "error" and not (
            m.text.startswith("Failed to load resource") and m.location.get("url") in w.blocked
        ):
            w.console_errors.append(m.text)

    page.on("console", console)
    page.on("pageerror", lambda e: w.console_errors.append(str(e)))

    def on_dialog(d):
        w.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    yield w
    context.close()


def map_frame(page):
    return page.frame_locator('iframe[title="streamlit_folium.st_folium"]')


def visible_texts(page, selector: str) -> list[str]:
    """The text of the map's elements matching ``selector`` that are shown (not display:none)."""
    return (
        map_frame(page)
        .locator(selector)
        .evaluate_all("els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)")
    )


def wait_markers(page, count: int, timeout: float = 30_000) -> None:
    """Wait until the map shows exactly ``count`` site symbols (the selection ring aside)."""
    frame = map_frame(page)
    # attached, not visible: on a phone's overview every symbol may be in a crowd's button
    frame.locator(".gba-symbol").first.wait_for(state="attached", timeout=timeout)
    page.wait_for_function(
        """([count]) => {
            const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
            if (!f || !f.contentDocument) return false;
            const n = f.contentDocument.querySelectorAll('.gba-symbol:not(.gba-selected)').length;
            return n === count;
        }""",
        arg=[count],
        timeout=timeout,
    )


def marker_count(page) -> int:
    return map_frame(page).locator(".gba-symbol:not(.gba-selected)").count()


def open_view(page, url: str, symbols: int) -> None:
    """Open ``url`` and wait as a person does: the read-back sentence, the map's ``symbols``
    site symbols, and the script at rest."""
    page.goto(url)
    page.locator("#readback").wait_for(timeout=60_000)
    wait_markers(page, symbols)
    wait_idle(page)


def download(page, name: str, *, timeout: float = 60_000) -> tuple[str, bytes]:
    """(the file name the page suggests, the bytes) of the download behind button ``name``."""
    with page.expect_download(timeout=timeout) as info:
        page.get_by_role("button", name=name, exact=True).click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def upload_own(page, url: str, path: Path, *, uploader: int = 0) -> None:
    """Open the page at ``url`` as a visitor does (every site drawn), open *Your own layer*
    and hand ``path`` to its ``uploader``-th file input (0: a layer, 1: own figures)."""
    page.goto(url)
    wait_markers(page, 44)
    expand(page, "Your own layer")
    page.locator("[data-testid='stFileUploaderDropzone'] input[type=file]").nth(uploader).set_input_files(str(path))
