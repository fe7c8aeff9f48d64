"""Many viewers at once: N real browser sessions change filters and select sites against one server.

    python bench/load.py [--sessions 25] [--seconds 60] [--url URL --pids PID,PID] [--out FILE]

Without --url it starts its own `streamlit run` on loopback. Each session is a headless
Chromium context with its own websocket; for a bounded time each one searches by name (a
filter change) or picks a site, and the time from the action to the page settling is a
rerun latency. Reports errors, p50/p95 latency and the server's memory before, during and
after (sessions closed). Loopback only; bounded in sessions and time; it stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gba_dash.devserver import CHROMIUM, CHROMIUM_ARGS, LOCAL_PREFIXES, rss_bytes, start_server  # noqa: E402

SEARCHES = ["lab", "port", "science", "松山湖", "Shenzhen", "neutron", "park", ""]
SITES = ["csns", "shenzhen-bay-port", "nansha-science-city", "daya-bay-ai-park", "luohu-port"]
MAX_SESSIONS = 100
MAX_SECONDS = 600


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


async def settle(page, timeout_ms: float = 60_000) -> None:
    await page.wait_for_function(
        """() => { const a = document.querySelector('[data-testid="stApp"]');
                   return a && a.dataset.testScriptState === 'notRunning'; }""",
        timeout=timeout_ms,
    )


async def session(browser, url: str, deadline: float, latencies: list[float], errors: list[str], seed: int):
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    await page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL_PREFIXES) else r.abort())
    page.on("pageerror", lambda e: errors.append(f"session {seed}: page error {e}"))
    try:
        await page.goto(url, timeout=120_000)
        await page.locator("#readback").wait_for(timeout=120_000)
        await settle(page, 120_000)
        search = page.get_by_label("Search names (English or Chinese)")
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            if rng.random() < 0.6:
                term = rng.choice(SEARCHES)
                before = await page.locator("#readback").inner_text()
                await search.fill(term)
                await search.press("Enter")
                if term and term.casefold() not in before.casefold():
                    await page.wait_for_function(
                        "(t) => (document.querySelector('#readback') || {}).innerText.includes(t)",
                        arg=term,
                        timeout=60_000,
                    )
            else:
                # Select a site the way a shared link does: the URL is the state.
                site = rng.choice(SITES)
                await page.goto(f"{url}/?site={site}", timeout=60_000)
                await page.wait_for_function("(s) => location.search.includes('site=' + s)", arg=site, timeout=60_000)
            await settle(page)
            latencies.append(time.monotonic() - t0)
            if await page.locator('[data-testid="stException"]').count():
                errors.append(f"session {seed}: exception shown on the page")
            await asyncio.sleep(rng.uniform(0.2, 1.0))  # a person pauses between clicks
    except Exception as exc:
        errors.append(f"session {seed}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
    finally:
        await context.close()


async def sample_memory(pids: list[int], samples: list[int], stop: asyncio.Event) -> None:
    while not stop.is_set():
        samples.append(sum(rss_bytes(p) for p in pids))
        try:
            await asyncio.wait_for(stop.wait(), timeout=0.5)
        except TimeoutError:
            pass


async def run(url: str, pids: list[int], sessions: int, seconds: float) -> dict:
    from playwright.async_api import async_playwright

    latencies: list[float] = []
    errors: list[str] = []
    before = sum(rss_bytes(p) for p in pids)
    samples: list[int] = []
    stop = asyncio.Event()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        sampler = asyncio.create_task(sample_memory(pids, samples, stop))
        deadline = time.monotonic() + seconds
        started = time.monotonic()
        await asyncio.gather(*(session(browser, url, deadline, latencies, errors, i) for i in range(sessions)))
        elapsed = time.monotonic() - started
        await browser.close()
        stop.set()
        await sampler
    # Sessions are closed; give the server a bounded moment to drop them, polling memory.
    after_samples = []
    for _ in range(20):
        after_samples.append(sum(rss_bytes(p) for p in pids))
        await asyncio.sleep(0.5)
    after = min(after_samples[-6:]) if after_samples else None
    return {
        "url": url,
        "sessions": sessions,
        "seconds": seconds,
        "elapsed_s": elapsed,
        "actions": len(latencies),
        "errors": len(errors),
        "error_samples": errors[:10],
        "rerun_p50_s": statistics.median(latencies) if latencies else None,
        "rerun_p95_s": percentile(latencies, 0.95),
        "rss_before_bytes": before,
        "rss_peak_bytes": max(samples) if samples else None,
        "rss_after_bytes": after,
        "rss_after_vs_before": (after / before) if before and after else None,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=25, help=f"concurrent sessions (at most {MAX_SESSIONS})")
    parser.add_argument("--seconds", type=float, default=60, help=f"how long they act (at most {MAX_SECONDS})")
    parser.add_argument("--url", help="an already running server on loopback (default: start one)")
    parser.add_argument("--pids", default="", help="server process ids to measure, comma-separated (with --url)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "load-results.json"), help="JSON output file")
    args = parser.parse_args(argv)
    sessions = max(1, min(args.sessions, MAX_SESSIONS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    server = None
    if args.url:
        if not args.url.startswith(("http://127.", "http://localhost", "http://[::1]")):
            parser.error("--url must be a loopback address")
        url, pids = args.url.rstrip("/"), [int(p) for p in args.pids.split(",") if p]
    else:
        server = start_server(ROOT / "app.py", Path(tempfile.mkdtemp()), cwd=ROOT)
        url, pids = server.url, [server.process.pid]
    try:
        result = asyncio.run(run(url, pids, sessions, seconds))
    finally:
        if server:
            server.stop()
    for key, value in result.items():
        if key.endswith("_bytes") and value:
            value = f"{value / 1024 / 1024:.1f} MB"
        elif isinstance(value, float):
            value = f"{value:.3f}"
        print(f"{key:>22}: {value}")
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
