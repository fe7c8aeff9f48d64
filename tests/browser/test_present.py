"""Presenter mode in the browser: Next and the arrow keys move through the tour; the URL follows."""

from __future__ import annotations

import pytest

from .conftest import wait_idle, wait_markers

pytestmark = pytest.mark.browser


def _scene_title(page) -> str:
    return page.locator("#scene-title").inner_text()


def _wait_buttons(page) -> None:
    wait_idle(page)
    for name in ("Previous", "Next"):
        page.get_by_role("button", name=name).wait_for(timeout=30_000)


def test_next_moves_to_scene_two_and_reload_keeps_it(server, watched, tmp_path):
    page = watched.page
    page.goto(f"{server.url}/?present=1")
    page.locator("#scene-title").wait_for(timeout=60_000)
    assert _scene_title(page) == "Four science cities, side by side"
    page.locator('[data-testid="stSidebar"]').wait_for(state="hidden", timeout=10_000)
    wait_markers(page, 4)
    wait_idle(page)
    page.get_by_role("button", name="Next").click()
    page.wait_for_function("() => location.search.includes('scene=2')", timeout=30_000)
    page.get_by_text("Dongguan: the neutron source and the materials lab").wait_for()
    wait_markers(page, 4)
    page.screenshot(path=str(tmp_path / "scene2.png"))
    page.reload()
    page.locator("#scene-title").wait_for(timeout=60_000)
    assert _scene_title(page) == "Dongguan: the neutron source and the materials lab"
    assert "scene=2" in page.url and "present=1" in page.url
    assert not watched.console_errors, watched.console_errors
    assert not watched.off_machine()


def test_arrow_keys_step_through_scenes(server, watched):
    page = watched.page
    page.goto(f"{server.url}/?present=1&scene=3")
    page.locator("#scene-title").wait_for(timeout=60_000)
    # The script can report 'not running' a moment before the page has drawn what it sent;
    # the shortcuts belong to the buttons, so wait for them as a person waits to see them.
    _wait_buttons(page)
    page.locator("#scene-title").click()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('scene=4')", timeout=30_000)
    page.get_by_text("Nansha's marine science").wait_for()
    _wait_buttons(page)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => location.search.includes('scene=3')", timeout=30_000)
