"""How many viewers one server serves: a lecture hall of virtual viewers, no browsers.

    python bench/capacity.py --sessions 200 --arrival-s 60 --active 100 --duration-s 180 [--url URL]

Locust (headless, in process) drives ``StreamlitViewer`` users, each a websocket session
speaking Streamlit's own protocol (``stprotocol.Viewer``): it opens the page from a share
link (a mix of the default view, a city filter, a selected site and ``lang=zh``), then
every 5–15 s makes a change a reader makes (category, city, search text) and waits for
the rerun to finish. ``--sessions`` viewers arrive evenly over ``--arrival-s``; after
arrival, ``--active`` of them keep acting for ``--duration-s`` (the rest stay connected,
idle, as most of a room does). Without ``--url`` it starts its own ``streamlit run``.
Writes ``bench/capacity-results.json`` (seconds and megabytes) and prints it.

Behind a proxy (``deploy/run.sh``) give ``--url`` the proxy and ``--pid`` once per replica
(CPU and memory are summed). ``--slow N`` adds N viewers that stop reading their websocket
after opening the page and keep asking for reruns (a phone in a tunnel; ``slowviewers.py``):
the others' figures must not change. ``--rss-every S`` records the server's memory every S seconds (the soak's
curve). ``--settle-s S`` reads "memory after" once the closed sessions have expired: S
seconds after the viewers leave (past ``server.disconnectedSessionTTL``, 120 s by default)
and one more visit, which is when Streamlit drops expired sessions; the low of a few reads.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from gevent import monkey

monkey.patch_all()

import gevent  # noqa: E402
from locust import User, between, events, task  # noqa: E402
from locust.env import Environment  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from stprotocol import CATEGORIES, CITIES, LINKS, WORDS, Viewer  # noqa: E402

from tests.devserver import cpu_seconds, rss_bytes, start_server  # noqa: E402


def _fire(name: str, started: float, size: int, error: Exception | None = None) -> None:
    events.request.fire(
        request_type="WS",
        name=name,
        response_time=(time.monotonic() - started) * 1000,
        response_length=size,
        exception=error,
        context={},
    )


class StreamlitViewer(User):
    """One person in the room: opens the link, then changes a filter now and then."""

    wait_time = between(5, 15)
    host = "http://127.0.0.1:8501"
    active_limit = 100  # the first this many to arrive keep acting; the rest hold their session
    started_users = 0

    def on_start(self) -> None:
        self.viewer = None
        type(self).started_users += 1
        self.active = type(self).started_users <= type(self).active_limit
        started = time.monotonic()
        try:
            self.viewer = Viewer(self.host, timeout=120)
            run = self.viewer.open(random.choice(LINKS))
            _fire("first render", started, run.bytes, None if run.finished else TimeoutError("no finish"))
        except Exception as exc:
            _fire("first render", started, 0, exc)

    def on_stop(self) -> None:
        if self.viewer is not None:
            self.viewer.close()

    @task
    def change_a_filter(self) -> None:
        if self.viewer is None or not self.active:
            return
        started = time.monotonic()
        try:
            kind = random.random()
            if kind < 0.4:
                run = self.viewer.type_text("f_q", random.choice(WORDS))
            elif kind < 0.7:
                run = self.viewer.choose("f_category", random.sample(CATEGORIES, k=random.randint(0, 2)))
            else:
                run = self.viewer.choose("f_city", random.sample(CITIES, k=random.randint(0, 1)))
            _fire("rerun", started, run.bytes, None if run.finished else TimeoutError("no finish"))
        except Exception as exc:
            _fire("rerun", started, 0, exc)


def _rss_mb(pids: list[int]) -> float:
    return sum(rss_bytes(pid) for pid in pids) / 2**20


def _cpu_s(pids: list[int]) -> float:
    return sum(cpu_seconds(pid) for pid in pids)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--arrival-s", type=float, default=60)
    parser.add_argument("--active", type=int, default=100)
    parser.add_argument("--duration-s", type=float, default=180)
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument(
        "--pid",
        type=int,
        action="append",
        default=[],
        help="a server process id for CPU and memory (with --url), once per replica",
    )
    parser.add_argument("--slow", type=int, default=0, help="viewers that stop reading their websocket")
    parser.add_argument("--rss-every", type=float, default=0, help="record memory every this many seconds")
    parser.add_argument("--settle-s", type=float, default=0, help="read memory after this long once viewers left")
    parser.add_argument("--out", default=str(HERE / "capacity-results.json"))
    args = parser.parse_args(argv)

    server = None
    if args.url:
        url, pids = args.url.rstrip("/"), args.pid
    else:
        import tempfile

        # Protocol viewers run no JavaScript, so no first view would report its map drawn
        # (gba_dash/ui/first_view.py): each first render sends every panel, as before.
        server = start_server(
            ROOT / "app.py",
            Path(tempfile.mkdtemp()),
            cwd=ROOT,
            launcher="gba_dash.ui.launch",
            env={"GBA_DASH_FIRST_VIEW": "whole"},
        )
        url, pids = server.url, [server.process.pid]
    try:
        warm = Viewer(url, timeout=120)
        warm.open()
        warm.close()
        StreamlitViewer.host = url
        # Stopping lets each viewer finish the request it is waiting for (killing a greenlet
        # inside a websocket read has crashed gevent's event loop), up to a rerun's timeout.
        env = Environment(user_classes=[StreamlitViewer], events=events, stop_timeout=130)
        runner = env.create_local_runner()
        rss_start = _rss_mb(pids) if pids else None
        peak = rss_start or 0.0
        t_start = time.monotonic()
        curve: list[tuple[float, float]] = []

        def sample() -> None:
            nonlocal peak
            next_point = 0.0
            while True:
                if pids:
                    rss = _rss_mb(pids)
                    peak = max(peak, rss)
                    elapsed = time.monotonic() - t_start
                    if args.rss_every and elapsed >= next_point:
                        curve.append((round(elapsed), round(rss, 1)))
                        next_point += args.rss_every
                gevent.sleep(1)

        sampler = gevent.spawn(sample)
        StreamlitViewer.active_limit = args.active
        slow = None
        if args.slow:
            # In a process of their own: closing a socket that a greenlet still waits on
            # aborts gevent's event loop, and these viewers are made to be waited on.
            slow = subprocess.Popen([sys.executable, str(HERE / "slowviewers.py"), url, str(args.slow)])
        runner.start(args.sessions, spawn_rate=args.sessions / max(args.arrival_s, 1))
        gevent.sleep(args.arrival_s)
        # Wait until every session has had its first render (or failed), then measure the
        # active period on its own.
        deadline = time.monotonic() + 120
        first = env.stats.get("first render", "WS")
        while first.num_requests + first.num_failures < args.sessions and time.monotonic() < deadline:
            gevent.sleep(0.5)
        first_p50 = (first.get_response_time_percentile(0.5) or 0) / 1000
        first_p95 = (first.get_response_time_percentile(0.95) or 0) / 1000
        first_count, first_errors = first.num_requests, int(env.stats.total.num_failures)
        env.stats.reset_all()
        cpu_active = _cpu_s(pids) if pids else None
        t_active = time.monotonic()
        gevent.sleep(args.duration_s)
        elapsed = time.monotonic() - t_active
        cpu_used = (_cpu_s(pids) - cpu_active) if pids else None
        stats = env.stats
        rerun = stats.get("rerun", "WS")
        active_errors = int(stats.total.num_failures)
        runner.quit()
        if slow is not None:
            slow.kill()
            slow.wait()
        gevent.sleep(3)
        rss_after = _rss_mb(pids) if pids else None
        rss_settled = None
        if args.settle_s and pids:
            gevent.sleep(args.settle_s)
            visitor = Viewer(url, timeout=120)
            visitor.open()
            visitor.close()
            reads = []
            for _ in range(6):
                gevent.sleep(0.5)
                reads.append(_rss_mb(pids))
            rss_settled = min(reads)
        sampler.kill()
    finally:
        if server is not None:
            server.stop()
    result = {
        "sessions": args.sessions,
        "sessions_rendered": first_count,
        "active": args.active,
        "arrival_s": args.arrival_s,
        "duration_s": args.duration_s,
        "errors": first_errors + active_errors,
        "first_render_p50_s": first_p50,
        "first_render_p95_s": first_p95,
        "rerun_p50_s": (rerun.get_response_time_percentile(0.5) or 0) / 1000,
        "rerun_p95_s": (rerun.get_response_time_percentile(0.95) or 0) / 1000,
        "rerun_p99_s": (rerun.get_response_time_percentile(0.99) or 0) / 1000,
        "reruns": rerun.num_requests,
        "reruns_per_s": rerun.num_requests / elapsed if elapsed else 0,
        "cpu_ms_per_rerun": (cpu_used * 1000 / rerun.num_requests) if (cpu_used and rerun.num_requests) else None,
        "rss_start_mb": rss_start,
        "rss_peak_mb": peak or None,
        "rss_after_mb": rss_after,
        "rss_after_ttl_mb": rss_settled,
        "settle_s": args.settle_s or None,
        "slow_viewers": args.slow,
        "rss_curve_mb": curve or None,
        "server_processes": len(pids),
        "cores": os.cpu_count(),
    }
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
