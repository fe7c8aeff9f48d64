"""Other viewers while map figures render: ``python bench/figures.py`` (issue #27, item 3).

Starts ``streamlit run app.py`` and ten protocol-level viewers (``stprotocol.Viewer``) that
keep searching, as ``hostile_uploads.py`` does. It records their rerun p95 over a quiet
window first, then while ``--figures`` pages (5) each download a different view's map
figure as a PDF at once, through the page's own button (rendered in the bounded worker
pool, never in the server's process). Prints the two windows, the render times and the
health latency; ``--json FILE`` writes them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from hostile_uploads import Sampler, Viewers, _wait_map  # noqa: E402

from tests.devserver import CHROMIUM, CHROMIUM_ARGS, start_server  # noqa: E402

BUTTON = "Map figure (PDF, vector)"
# Five different views: the page caches a figure per view, so the same view five times would
# be one render that four downloads wait for.
VIEWS = ("", "?city=Dongguan", "?city=Shenzhen", "?city=Guangzhou", "?city=Zhuhai", "?city=Hong%20Kong")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose app.py is served")
    parser.add_argument("--figures", type=int, default=5, help="figures rendered at once")
    parser.add_argument("--quiet-seconds", type=float, default=15.0, help="the viewers-only window")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="gba-figure-bench-") as tmp:
        server = start_server(args.root / "app.py", Path(tmp), cwd=args.root)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                pages = []
                for i in range(args.figures):
                    page = browser.new_page(viewport={"width": 1440, "height": 900})
                    page.goto(server.url + "/" + VIEWS[i % len(VIEWS)])
                    _wait_map(page)
                    page.get_by_role("button", name=BUTTON, exact=True).wait_for(timeout=120_000)
                    pages.append(page)
                sampler, viewers = Sampler(server.url, server.process.pid), Viewers(server.url)
                sampler.start()
                viewers.start()
                try:
                    time.sleep(5.0)  # the viewers open their pages
                    q0 = time.monotonic()
                    time.sleep(args.quiet_seconds)
                    q1 = time.monotonic()
                    done: list[float] = []
                    t0 = time.monotonic()
                    for page in pages:  # every click first, so the renders overlap
                        page.once("download", lambda d: (d.path(), done.append(time.monotonic() - t0)))
                        page.get_by_role("button", name=BUTTON, exact=True).click()
                    while len(done) < len(pages) and time.monotonic() - t0 < 180:
                        pages[0].wait_for_timeout(100)  # lets Playwright deliver the download events
                    t1 = time.monotonic()
                finally:
                    viewers.stop()
                    sampler.stop()
                browser.close()
        finally:
            server.stop()

    quiet_p95, quiet_n = viewers.p95(q0, q1)
    busy_p95, busy_n = viewers.p95(t0, t1)
    health, _ = sampler.window(t0, t1)
    result = {
        "figures": args.figures,
        "downloaded": len(done),
        "all_figures_s": round(t1 - t0, 2),
        "each_figure_s": [round(s, 2) for s in sorted(done)],
        "viewers_p95_quiet_s": round(quiet_p95, 3),
        "viewers_quiet_runs": quiet_n,
        "viewers_p95_during_s": round(busy_p95, 3),
        "viewers_during_runs": busy_n,
        "p95_ratio": round(busy_p95 / quiet_p95, 2) if quiet_p95 else None,
        "health_worst_s": round(health, 3),
    }
    for key, value in result.items():
        print(f"{key:24} {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0 if len(done) == args.figures else 1


if __name__ == "__main__":
    raise SystemExit(main())
