"""A filter change reruns the map panel first: the map and read-back update before the charts."""

from __future__ import annotations

import shutil
import time

import pytest

from .conftest import ROOT, choose, map_frame, start_server, wait_idle, wait_markers

pytestmark = pytest.mark.browser
DELAY_S = 4.0


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory):
    d = tmp_path_factory.mktemp("slow")
    shutil.copy(ROOT / "tests" / "browser" / "slow_charts_app.py", d / "slow_charts_app.py")
    (d / "static").symlink_to(ROOT / "static")  # Streamlit serves static/ beside the script
    s = start_server(
        d / "slow_charts_app.py",
        d,
        cwd=ROOT,
        env={"GBA_TEST_ROOT": str(ROOT), "GBA_TEST_CHART_DELAY_S": str(DELAY_S)},
    )
    yield s
    s.stop()


def _script_state(page) -> str:
    return page.evaluate("() => document.querySelector('[data-testid=\"stApp\"]').dataset.testScriptState")


def test_filter_change_updates_map_and_readback_before_the_charts(slow_server, watched):
    page = watched.page
    page.goto(slow_server.url)
    page.locator("#readback").wait_for(timeout=60_000)
    wait_markers(page, 31)
    wait_idle(page, timeout=60_000)
    captions = page.locator('[data-testid="stCaptionContainer"]')
    before = captions.all_inner_texts()
    choose(page, "Category", "Checkpoint")
    t0 = time.monotonic()
    wait_markers(page, 11, timeout=30_000)
    page.wait_for_function(
        "() => document.querySelector('#readback').innerText === '11 of 31 sites: checkpoints'", timeout=10_000
    )
    elapsed = time.monotonic() - t0
    # The charts sleep DELAY_S before they are rebuilt: the map and read-back came first.
    assert elapsed < DELAY_S, elapsed
    assert _script_state(page) == "running"
    assert map_frame(page).locator(".leaflet-control-layers").count() == 1
    wait_idle(page, timeout=60_000)
    assert page.evaluate("() => location.search") == "?category=checkpoint"
    assert captions.all_inner_texts() != before  # the charts (their captions) followed
    assert not watched.console_errors, watched.console_errors
