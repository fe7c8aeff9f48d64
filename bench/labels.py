"""What one label-placement pass costs in the page: ``python bench/labels.py`` (issue #26).

Starts ``streamlit run app.py`` on the bundled data and the offline basemap, and in Debian's
Chromium reads the map's own record of its passes (``map._gbaLayoutMs``, kept by
``gba_dash/map/js/gba-layout.js``) in two ways:

* **zoom**: in three views (the default at 1440x900, tour scene 3 at 1280x720, the Chinese
  page), ``--zooms`` view changes each, zooming in and out by a level without animation;
* **filter**: ``--filters`` name searches in the default view, each waited for until the
  read-back changed (a filter change shows and hides sites and brings one or two passes).

Prints median, 90th percentile, maximum and the count over one animation frame (16 ms); the
part of a pass that is the browser laying out the changed frame (``map._gbaReflowMs``) beside
it. ``--json FILE`` writes the figures. Speed is read here, never asserted in a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import _search  # noqa: E402

from tests.devserver import CHROMIUM, CHROMIUM_ARGS, LOCAL_PREFIXES, start_server, wait_idle  # noqa: E402

MAP = "document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]').contentWindow.map_div"
FRAME_MS = 16.0
ZOOM_VIEWS = (("", 1440, 900), ("?present=1&scene=3", 1280, 720), ("?lang=zh", 1440, 900))
SEARCHES = ("port", "science", "lab", "", "university", "port", "")

# Zoom in and out by a level ``n`` times (no animation), each time waiting for the pass it
# schedules; the passes' times and their reflow parts.
ZOOMS = f"""async (n) => {{ const m = {MAP}; const z = m.getZoom(), c = m.getCenter(); const ms = [], rf = [];
    for (let i = 0; i < n; i++) {{
        const before = m._gbaLayoutMs.length;
        m.setView(c, z + (i % 3), {{animate: false}});
        const t0 = performance.now();
        while (m._gbaLayoutMs.length === before || m._gbaLayoutFrame) {{
            if (performance.now() - t0 > 2000) break;
            await new Promise(r => setTimeout(r, 10));
        }}
        if (m._gbaLayoutMs.length > before) {{ ms.push(m._gbaLayoutMs.at(-1)); rf.push(m._gbaReflowMs.at(-1)); }}
        await new Promise(r => setTimeout(r, 50));
    }}
    m.setView(c, z, {{animate: false}});
    return [ms, rf]; }}"""


def _open(browser, url: str, width: int, height: int):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL_PREFIXES) else r.abort())
    page.goto(url)
    page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator(".gba-symbol").first.wait_for(
        state="attached", timeout=90_000
    )
    wait_idle(page)
    page.wait_for_function(f"() => {MAP} && {MAP}._gbaLayoutMs && !{MAP}._gbaLayoutFrame", timeout=30_000)
    return page


def _summary(values: list[float]) -> dict:
    values = sorted(values)
    if not values:
        return {"passes": 0}
    return {
        "passes": len(values),
        "median_ms": round(statistics.median(values), 2),
        "p90_ms": round(values[int(len(values) * 0.9)], 2),
        "max_ms": round(values[-1], 2),
        "over_one_frame": sum(v > FRAME_MS for v in values),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--zooms", type=int, default=40, help="view changes per view")
    parser.add_argument("--filters", type=int, default=21, help="name searches in the default view")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    zoom_ms, zoom_reflow, filter_ms, filter_reflow, slow = [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="gba-label-bench-") as tmp:
        server = start_server(ROOT / "app.py", Path(tmp), env={"GBA_DASH_TILES": "off"})
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                for link, width, height in ZOOM_VIEWS:
                    page = _open(browser, server.url + "/" + link, width, height)
                    ms, rf = page.evaluate(ZOOMS, args.zooms)
                    slow += [f"{link or 'default'} zoom #{i + 1}: {m:.1f} ms" for i, m in enumerate(ms) if m > FRAME_MS]
                    zoom_ms += ms
                    zoom_reflow += rf
                    page.close()
                page = _open(browser, server.url + "/", 1440, 900)
                for i in range(args.filters):
                    before = page.evaluate(f"() => {MAP}._gbaLayoutMs.length")
                    _search(page, SEARCHES[i % len(SEARCHES)])
                    page.wait_for_function(f"() => !{MAP}._gbaLayoutFrame", timeout=10_000)
                    ms, rf = page.evaluate(f"() => [{MAP}._gbaLayoutMs.slice(), {MAP}._gbaReflowMs.slice()]")
                    new = max(0, len(ms) - before) if len(ms) < 50 else 2  # the log keeps the last 50
                    if new:
                        slow += [f"search {i + 1}: {m:.1f} ms" for m in ms[-new:] if m > FRAME_MS]
                        filter_ms += ms[-new:]
                        filter_reflow += rf[-new:]
                page.close()
                browser.close()
        finally:
            server.stop()

    figures = {
        "zoom": _summary(zoom_ms),
        "zoom_reflow": _summary(zoom_reflow),
        "filter": _summary(filter_ms),
        "filter_reflow": _summary(filter_reflow),
    }
    for name, label in (
        ("zoom", "a pass after a zoom"),
        ("zoom_reflow", "  … of which the browser's layout of the frame"),
        ("filter", "a pass after a filter change"),
        ("filter_reflow", "  … of which the browser's layout of the frame"),
    ):
        f = figures[name]
        if f["passes"]:
            print(
                f"{label:48} {f['passes']:4} passes  median {f['median_ms']:5.1f} ms  p90 {f['p90_ms']:5.1f} ms"
                f"  max {f['max_ms']:5.1f} ms  over {FRAME_MS:.0f} ms: {f['over_one_frame']}"
            )
    for line in slow:
        print(f"  over one frame: {line}")
    figures["over_one_frame"] = slow
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
