"""Accessibility measured with axe-core (npm ``axe-core``, injected by the test) (issue #9).

The page and the map's frame are checked separately (axe does not enter an iframe it was
not injected into), in English and Chinese, in the normal page and in presenter mode.
Target: no serious or critical violation.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import ROOT, wait_idle, wait_markers

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} is missing in CI: .ci/run must run `npm ci`")
        pytest.skip("axe-core not installed (npm ci)")
    return AXE.read_text(encoding="utf-8")


def _serious(target, source: str) -> list[str]:
    target.evaluate(source)
    result = target.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.length + ' node(s), e.g. '
                          + v.nodes[0].target.join(' ') + ' ' + (v.nodes[0].failureSummary || '').slice(0, 160));
        }"""
    )
    return result


def _map(page):
    return page.frame_locator('iframe[title="streamlit_folium.st_folium"]')


@pytest.mark.parametrize(
    ("query", "symbols"),
    [
        # the latest view: 31 archive sites and 13 added since 2019; scene 2 is Dongguan (4 + 5)
        ("", 44),
        ("?lang=zh", 44),
        ("?lang=zh-Hant", 44),
        ("?present=1&scene=2", 9),
        ("?present=1&scene=2&lang=zh-Hant", 9),
        ("?site=csns&category=facility", 0),
    ],
)
def test_no_serious_axe_violations(server, watched, axe_source, query, symbols, tmp_path):
    page = watched.page
    page.goto(f"{server.url}/{query}")
    page.locator("#readback").wait_for(timeout=60_000)
    if symbols:
        wait_markers(page, symbols)
    else:
        _map(page).locator(".gba-symbol").first.wait_for(timeout=30_000)
    wait_idle(page)
    found = _serious(page, axe_source)
    frame = page.locator('iframe[title="streamlit_folium.st_folium"]').element_handle().content_frame()
    found += [f"map frame: {v}" for v in _serious(frame, axe_source)]
    # axe reads only the first viewport tag; folium adds a second that forbids pinch-zoom
    viewports = frame.evaluate("() => [...document.querySelectorAll('meta[name=viewport]')].map(m => m.content)")
    found += [f"map frame: pinch-zoom disabled by {v!r}" for v in viewports if "user-scalable=no" in v.replace(" ", "")]
    Path(tmp_path / "axe.txt").write_text("\n".join(found))
    assert not found, "\n".join(found)
