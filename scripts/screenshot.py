"""The README's picture of the page, taken from the real page: ``python scripts/screenshot.py``.

Starts ``streamlit run app.py`` on loopback with the bundled data and the offline basemap
(``GBA_DASH_TILES=off``: no tile server is asked), opens it in Debian's Chromium at
1440x900 and writes ``docs/screenshot.png`` once the map has drawn its sites and the
panels have arrived. ``--link '?city=Dongguan'`` pictures another view, ``--out`` another file.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.devserver import CHROMIUM, CHROMIUM_ARGS, LOCAL_PREFIXES, start_server, wait_panels  # noqa: E402


def shoot(out: Path, *, link: str = "", width: int = 1440, height: int = 900) -> Path:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(ROOT / "app.py", Path(tmp), env={"GBA_DASH_TILES": "off"})
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                page = browser.new_page(viewport={"width": width, "height": height})
                # Nothing but the server itself: the picture is what an offline reader sees.
                page.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith(LOCAL_PREFIXES) else r.abort(),
                )
                page.goto(server.url + "/" + link)
                frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
                frame.locator(".gba-symbol").first.wait_for(timeout=60_000)
                wait_panels(page)
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out))
                browser.close()
        finally:
            server.stop()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--link", default="", help="a share link's query, e.g. '?city=Dongguan'")
    args = parser.parse_args()
    print(shoot(args.out, link=args.link))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
