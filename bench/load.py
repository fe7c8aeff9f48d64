"""Many viewers at once: N real browser sessions change filters and select sites against one server.

    python bench/load.py [--sessions 25] [--seconds 60] [--url URL --pids PID,PID [--replicas URL,URL]] [--out FILE]

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

from tests.devserver import CHROMIUM, CHROMIUM_ARGS, LOCAL_PREFIXES, rss_bytes, start_server  # noqa: E402

SEARCHES = ["lab", "port", "science", "松山湖", "Shenzhen", "neutron", "park", ""]
SITES = ["csns", "shenzhen-bay-port", "nansha-science-city", "daya-bay-ai-park", "luohu-port"]
MAX_SESSIONS = 100
LOOPBACK = ("http://127.", "http://localhost", "http://[::1]")
MAX_SECONDS = 600


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


async def settle(page, timeout_ms: float = 120_000) -> None:
    await page.wait_for_function(
        """() => { const a = document.querySelector('[data-testid="stApp"]');
                   return a && a.dataset.testScriptState === 'notRunning'; }""",
        timeout=timeout_ms,
    )


async def open_page(page, url: str) -> None:
    await page.goto(url, timeout=180_000)
    await page.locator("#readback").wait_for(timeout=180_000)
    await settle(page, 180_000)


async def search(page, term: str) -> None:
    """Type a name search; wait until the read-back sentence names it (a filter change)."""
    before = await page.locator("#readback").inner_text(timeout=120_000)
    box = page.get_by_label("Search names (English or Chinese)")
    await box.fill(term)
    await box.press("Enter")
    if term and term.casefold() not in before.casefold():
        await page.wait_for_function(
            "(t) => (document.querySelector('#readback') || {}).innerText.includes(t)", arg=term, timeout=120_000
        )


async def follow_site_link(page, url: str, site: str) -> None:
    """Select a site the way a shared link does: the URL is the state."""
    await page.goto(f"{url}/?site={site}", timeout=120_000)
    await page.wait_for_function("(s) => location.search.includes('site=' + s)", arg=site, timeout=120_000)


async def session(
    browser, url: str, seconds: float, latencies: list[float], errors: list[str], seed: int, loaded: asyncio.Barrier
):
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    await page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL_PREFIXES) else r.abort())
    page.on("pageerror", lambda e: errors.append(f"session {seed}: page error {e}"))
    try:
        try:
            await open_page(page, url)
        finally:
            # Every session acts for the same window, once all have loaded (or failed to).
            await loaded.wait()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            if rng.random() < 0.6:
                await search(page, rng.choice(SEARCHES))
            else:
                await follow_site_link(page, url, rng.choice(SITES))
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


async def visit(browser, url: str, actions: bool = False) -> None:
    """One viewer opens the page (optionally searches once and follows a site link) and leaves."""
    context = await browser.new_context()
    page = await context.new_page()
    await open_page(page, url)
    if actions:
        await search(page, SEARCHES[0])
        await settle(page)
        await follow_site_link(page, url, SITES[0])
        await settle(page)
    await context.close()


async def settled_memory(browser, urls: list[str], pids: list[int], settle_s: float) -> int:
    """Memory once the server has dropped closed sessions: the low of a short polling window.

    Streamlit keeps a disconnected session for ``server.disconnectedSessionTTL`` seconds so
    that a browser can reconnect to it, and drops expired ones lazily: when the next session
    disconnects. So wait past the TTL, let one more viewer come and go (as on any live
    server), then read. Behind a proxy, ``urls`` are the replicas themselves, so that each
    one sees a visitor.
    """
    await asyncio.sleep(settle_s)
    for url in urls:
        await visit(browser, url)
    values = []
    for _ in range(6):
        values.append(sum(rss_bytes(p) for p in pids))
        await asyncio.sleep(0.5)
    return min(values)


async def run(
    url: str, pids: list[int], sessions: int, seconds: float, rounds: int, settle_s: float, direct: list[str]
) -> dict:
    """``rounds`` waves of ``sessions`` sessions; memory after each wave tells retention from a leak."""
    from playwright.async_api import async_playwright

    latencies: list[float] = []
    errors: list[str] = []
    samples: list[int] = []
    after_rounds: list[int] = []
    stop = asyncio.Event()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        # Warm the server first: the start figure is a server that has served each kind of
        # action once (a visit, a search, a site link), so 'after' compares like with like.
        for server in direct:
            await visit(browser, server, actions=True)
        before = await settled_memory(browser, direct, pids, 0)
        sampler = asyncio.create_task(sample_memory(pids, samples, stop))
        started = time.monotonic()
        for wave in range(rounds):
            loaded = asyncio.Barrier(sessions)
            await asyncio.gather(
                *(session(browser, url, seconds, latencies, errors, wave * 1000 + i, loaded) for i in range(sessions))
            )
            after_rounds.append(await settled_memory(browser, direct, pids, settle_s))
        elapsed = time.monotonic() - started
        await browser.close()
        stop.set()
        await sampler
    after = after_rounds[-1] if after_rounds else None
    return {
        "url": url,
        "sessions": sessions,
        "rounds": rounds,
        "settle_s": settle_s,
        "seconds": seconds,
        "elapsed_s": elapsed,
        "actions": len(latencies),
        "errors": len(errors),
        "error_samples": errors[:10],
        "rerun_p50_s": statistics.median(latencies) if latencies else None,
        "rerun_p95_s": percentile(latencies, 0.95),
        "rss_before_bytes": before,
        "rss_peak_bytes": max(samples) if samples else None,
        "rss_after_each_round_bytes": after_rounds,
        "rss_after_bytes": after,
        "rss_after_vs_before": (after / before) if before and after else None,
        "rss_last_vs_first_round": (after_rounds[-1] / after_rounds[0]) if len(after_rounds) > 1 else None,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=25, help=f"concurrent sessions (at most {MAX_SESSIONS})")
    parser.add_argument("--seconds", type=float, default=60, help=f"how long they act (at most {MAX_SECONDS})")
    parser.add_argument("--rounds", type=int, default=2, help="waves of sessions, one after another (1-5)")
    parser.add_argument(
        "--settle",
        type=float,
        default=None,
        help="seconds to wait after sessions close before one more visit and reading memory (default: "
        "20 with the server started here, whose disconnectedSessionTTL is 15; 125 with --url, TTL 120)",
    )
    parser.add_argument("--url", help="an already running server on loopback (default: start one)")
    parser.add_argument("--pids", default="", help="server process ids to measure, comma-separated (with --url)")
    parser.add_argument(
        "--replicas",
        default="",
        help="with --url behind a proxy: each replica's own loopback URL, comma-separated; each is warmed "
        "up and visited before memory is read, so every replica is measured alike",
    )
    parser.add_argument("--out", default=str(ROOT / "bench" / "load-results.json"), help="JSON output file")
    args = parser.parse_args(argv)
    sessions = max(1, min(args.sessions, MAX_SESSIONS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    server = None
    if args.url:
        url, pids = args.url.rstrip("/"), [int(p) for p in args.pids.split(",") if p]
        direct = [r.rstrip("/") for r in args.replicas.split(",") if r] or [url]
        if not all(u.startswith(LOOPBACK) for u in (url, *direct)):
            parser.error("--url and --replicas must be loopback addresses")
    else:
        server = start_server(
            ROOT / "app.py", Path(tempfile.mkdtemp()), cwd=ROOT, extra_args=("--server.disconnectedSessionTTL", "15")
        )
        url, pids = server.url, [server.process.pid]
        direct = [url]
    try:
        settle = args.settle if args.settle is not None else (125.0 if args.url else 20.0)
        result = asyncio.run(run(url, pids, sessions, seconds, max(1, min(args.rounds, 5)), min(settle, 300.0), direct))
    finally:
        if server:
            server.stop()
    for key, value in result.items():
        if key.endswith("_bytes") and isinstance(value, list):
            value = ", ".join(f"{v / 1024 / 1024:.1f} MB" for v in value)
        elif key.endswith("_bytes") and value:
            value = f"{value / 1024 / 1024:.1f} MB"
        elif isinstance(value, float):
            value = f"{value:.3f}"
        print(f"{key:>22}: {value}")
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
