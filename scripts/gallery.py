"""A gallery of the real page, for looking at before a change is called done (issue #26):
``python scripts/gallery.py [OUT_DIR]`` (default ``gallery/``, not committed).

Starts ``streamlit run app.py`` on loopback with the bundled data and the offline basemap,
and photographs in Debian's Chromium: the default view at 1440x900; every tour scene at
1280x720 and 1920x1080; the checkpoints filter; a selected site; the Chinese pages; the
phone view (390x844). Each picture waits for the map's symbols and the page to settle.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.devserver import CHROMIUM, CHROMIUM_ARGS, LOCAL_PREFIXES, start_server, wait_idle, wait_panels  # noqa: E402

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def views() -> list[tuple[str, str, int, int]]:
    """(file name, link, width, height) of every picture."""
    tour = json.loads((ROOT / "data" / "tours" / "default.json").read_text(encoding="utf-8"))
    shots = [("default-1440x900", "", 1440, 900)]
    for width, height in ((1280, 720), (1920, 1080)):
        for n in range(1, len(tour["scenes"]) + 1):
            shots.append((f"scene{n}-{width}x{height}", f"?present=1&scene={n}", width, height))
    shots += [
        ("checkpoints-1440x900", "?category=checkpoint", 1440, 900),
        ("changed-1440x900", "?changed=1", 1440, 900),
        ("selected-csns-1440x900", "?site=csns", 1440, 900),
        ("zh-1440x900", "?lang=zh", 1440, 900),
        ("zh-hant-1440x900", "?lang=zh-Hant&city=Dongguan", 1440, 900),
        ("default-1280x720", "", 1280, 720),
        ("phone-390x844", "", 390, 844),
    ]
    return shots


AUDIT = """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const w = f.contentWindow; return w.gbaLayout.audit(w.map_div); }"""
SETTLED = """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const d = f && f.contentDocument, m = f && f.contentWindow.map_div;
    return d && m && !m._gbaLayoutFrame && !d.querySelector('.leaflet-zoom-anim, .leaflet-pan-anim'); }"""


def shoot(
    out: Path,
    shots: list[tuple[str, str, int, int]] | None = None,
    *,
    panels: bool = False,
    report: list[dict] | None = None,
) -> list[Path]:
    """Photograph ``shots`` (default: ``views()``) into ``out``; with ``panels``, each once
    the panels below the map have arrived too (the README's picture). With ``report``, each
    picture's label audit is appended to it (names shown, overlapping pairs, names past the
    map's edge), and the cost of the placement passes of two zooms in and out."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(ROOT / "app.py", Path(tmp), env={"GBA_DASH_TILES": "off"})
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                for name, link, width, height in shots or views():
                    context = browser.new_context(viewport={"width": width, "height": height})
                    page = context.new_page()
                    page.route(
                        "**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL_PREFIXES) else r.abort()
                    )
                    page.goto(server.url + "/" + link)
                    # attached: on a phone's overview the symbols may all be in a crowd's button
                    page.frame_locator(MAP_FRAME).locator(".gba-symbol").first.wait_for(
                        state="attached", timeout=60_000
                    )
                    page.wait_for_function(SETTLED, timeout=30_000)
                    wait_idle(page)
                    if panels:
                        wait_panels(page)
                    # The picture once Leaflet has no zoom or pan animation running.
                    page.wait_for_function(
                        """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
                                   const d = f && f.contentDocument;
                                   return d && !d.querySelector('.leaflet-zoom-anim, .leaflet-pan-anim'); }""",
                        timeout=10_000,
                    )
                    path = out / f"{name}.png"
                    page.screenshot(path=str(path))
                    written.append(path)
                    if report is not None:
                        audit = page.evaluate(AUDIT)
                        loaded = len(audit["ms"])
                        frame = page.frame_locator(MAP_FRAME)
                        for button in ("in", "in", "out", "out"):
                            frame.locator(f".leaflet-control-zoom-{button}").click()
                            page.wait_for_function(SETTLED, timeout=10_000)
                        after = page.evaluate(AUDIT)
                        zooms, reflows = after["ms"][loaded:], after["reflowMs"][loaded:]
                        report.append({"name": name, **audit, "zoom_ms": zooms, "zoom_reflow_ms": reflows})
                    context.close()
                browser.close()
        finally:
            server.stop()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "gallery")
    args = parser.parse_args()
    report: list[dict] = []
    for path in shoot(args.out, report=report):
        print(path)
    passes, reflows, own = [], [], []
    for r in report:
        passes += r["zoom_ms"]
        reflows += r["zoom_reflow_ms"]
        own += [total - reflow for total, reflow in zip(r["zoom_ms"], r["zoom_reflow_ms"], strict=True)]
        print(
            f"{r['name']:28} names {len(r['shown']):3}  overlapping {r['pairs']}  past the edge {r['outside']}"
            f"  passes on load (ms) {[round(x, 1) for x in r['ms']]}"
            f"  after zooms {[round(x, 1) for x in r['zoom_ms']]}"
        )
    # A pass's time begins with the browser laying out the zoomed frame (its first read waits
    # for that); the rest is the placement's own work.
    for what, values in (
        ("label placement after a zoom", passes),
        ("  … of which the browser's layout of the frame", reflows),
        ("  … the placement's own work", own),
    ):
        if values:
            values.sort()
            print(
                f"{what}: {len(values)} passes, median {values[len(values) // 2]:.1f} ms,"
                f" 90th percentile {values[int(len(values) * 0.9)]:.1f} ms, max {values[-1]:.1f} ms"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
