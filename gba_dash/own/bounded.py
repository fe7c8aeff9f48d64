"""Reading a visitor's file in a worker process with hard limits: CPU, memory and wall time.

An uploaded file is untrusted bytes, and the readers behind it (GDAL, pyarrow, openpyxl via
GDAL, ``csv.Sniffer``) can each be made to run for minutes, hold the GIL or allocate
gigabytes from a file of a few kilobytes. So the server never parses such bytes itself: it
hands them to a warm worker process that sets ``resource`` limits on itself for the task
(processor seconds and address space) and is killed, and replaced, when it overruns the wall
time. Whatever happens there comes back as a value, or as Problems that name the file and the
limit hit: never as a traceback on the page. Each task gets a fresh temporary folder that is
removed when the task ends, however it ends (a killed worker cannot clean up after itself).

No streamlit: the page's cache (``ui/cache.py``) calls :func:`run`.
"""

from __future__ import annotations

import logging
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from ..read.schema import DataError, Problem

log = logging.getLogger(__name__)


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class Limits:
    """What one read may take: wall seconds (the parent kills the worker past them), processor
    seconds and memory above the worker's size when the task starts (set with setrlimit)."""

    wall_seconds: float = 8.0
    cpu_seconds: float = 8.0
    memory_bytes: int = 512 * 1024 * 1024
    # How a refusal names the task and what to do about it: a read by default, a figure's
    # render says its own (``publish/figure.py``).
    task: str = "reading it"
    advice: str = "split it or aggregate it first"
    busy: str = "reading other files"

    @classmethod
    def from_env(cls) -> Limits:
        """The deployer's limits (``GBA_DASH_READ_SECONDS``, ``GBA_DASH_READ_MEMORY_MB``)."""
        seconds = _env_number("GBA_DASH_READ_SECONDS", cls.wall_seconds)
        memory = _env_number("GBA_DASH_READ_MEMORY_MB", cls.memory_bytes / 2**20)
        return cls(wall_seconds=seconds, cpu_seconds=seconds, memory_bytes=int(memory * 2**20))

    def memory_text(self) -> str:
        mb = self.memory_bytes / 2**20
        return f"{mb / 1024:g} GB" if mb >= 1024 else f"{mb:g} MB"


# A worker whose resident size grew this much over a task is replaced: Python rarely gives
# memory back, and the next visitor's read should not start from someone else's peak.
RECYCLE_GROWTH_BYTES = 256 * 1024 * 1024
MAX_WORKERS = 2
WORKER_CODE = "import sys; from gba_dash.own.bounded import serve; serve(int(sys.argv[1]))"
READY_SECONDS = 60.0
# What a worker imports before it says it is ready, so a reader's first upload does not
# wait for geopandas (and the import is not counted against the read's wall time).
# matplotlib's Agg and PDF backends (about 1 s) for the map figure's render (publish/figure.py).
PRELOAD = (
    "gba_dash.own.layer",
    "gba_dash.own.figures",
    "gba_dash.own.formats",
    "pyogrio",
    "pyarrow.parquet",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_pdf",
)
SPLIT = "split it or aggregate it first"
# The address-space limit counts what allocators reserve, not only what they use: glibc's
# per-thread arenas (64 MB each) and Arrow's jemalloc reserve far more than a read touches.
# Fewer arenas and Arrow on the system allocator make the limit measure the read itself.
WORKER_ENV = {"MALLOC_ARENA_MAX": "2", "ARROW_DEFAULT_MEMORY_POOL": "system"}


def _status(field: str) -> int:
    """A field of /proc/self/status in bytes (0 where there is no /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _serve(conn) -> None:
    """The worker's loop: a task in, a reply out, each task under its own limits."""
    # The server's Ctrl-C is for the server: the worker ends when its pipe closes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import importlib

    for module in PRELOAD:
        try:
            importlib.import_module(module)
        except ImportError:
            pass
    conn.send(("ready", os.getpid()))
    _, hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)
    _, hard_as = resource.getrlimit(resource.RLIMIT_AS)
    while True:
        try:
            func, args, kwargs, limits, folder = conn.recv()
        except (EOFError, OSError):
            return
        used = resource.getrusage(resource.RUSAGE_SELF)
        cpu = used.ru_utime + used.ru_stime
        rss = _status("VmRSS")
        # Processor time is counted over the worker's life: the limit is this task's share
        # on top of what it has used so far. SIGXCPU at the soft limit ends the process.
        resource.setrlimit(resource.RLIMIT_CPU, (int(cpu + limits.cpu_seconds) + 1, hard_cpu))
        vm = _status("VmSize")
        if vm:
            resource.setrlimit(resource.RLIMIT_AS, (vm + limits.memory_bytes, hard_as))
        tempfile.tempdir = folder
        try:
            reply = ("ok", func(*args, **kwargs))
        except DataError as exc:
            reply = ("problems", exc.problems)
        except MemoryError:
            reply = ("memory", None)
        except Exception as exc:
            reply = ("error", (type(exc).__module__, type(exc).__name__, _first_line(exc), traceback.format_exc()))
        finally:
            resource.setrlimit(resource.RLIMIT_AS, (hard_as, hard_as))
            resource.setrlimit(resource.RLIMIT_CPU, (hard_cpu, hard_cpu))
            tempfile.tempdir = None
        grew = _status("VmRSS") - rss > RECYCLE_GROWTH_BYTES
        try:
            conn.send((*reply, grew))
        except Exception as exc:  # a result that cannot be pickled, or one too large to send
            conn.send(("error", (type(exc).__module__, type(exc).__name__, _first_line(exc), ""), True))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else "")[:200]


class _Worker:
    """One warm worker process and its end of the socket pair.

    Started as ``python -c 'from gba_dash.own.bounded import serve; …'``, not by multiprocessing's spawn, which would
    import the server's main module again in the worker (Streamlit's, pytest's, or a script
    read from standard input, which cannot be)."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p), **WORKER_ENV}
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER_CODE, str(theirs.fileno())],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self.ready = False

    def wait_ready(self, seconds: float) -> bool:
        if not self.ready and self.conn.poll(seconds):
            try:
                self.ready = self.conn.recv()[0] == "ready"
            except (EOFError, OSError):
                return False
        return self.ready

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.wait(2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            self.conn.close()


class Pool:
    """At most ``MAX_WORKERS`` warm workers, shared by every session of the server.

    A task takes an idle worker (or starts one), waits for its reply at most the wall time,
    and gives the worker back, unless it overran, died or grew, in which case it is killed
    and a fresh one is started for the next task."""

    def __init__(self, *, max_workers: int = MAX_WORKERS, temp_root: str | None = None) -> None:
        self._temp_root = temp_root
        self._idle: list[_Worker] = []
        self._busy = 0
        self._max = max_workers
        self._lock = threading.Condition()

    def run(self, func: Callable[..., Any], *args: Any, name: str, limits: Limits | None = None, **kwargs: Any) -> Any:
        """``func(*args, **kwargs)`` in a worker; its value, or DataError naming ``name``."""
        limits = limits or Limits.from_env()
        worker = self._take(limits.wall_seconds)
        if worker is None:
            raise _refused(name, f"the server is busy {limits.busy}; try again shortly")
        folder = tempfile.mkdtemp(prefix="gba-own-", dir=self._temp_root)
        keep = False
        try:
            if not worker.wait_ready(READY_SECONDS):
                raise _refused(name, "the file reader could not be started; try again")
            worker.conn.send((func, args, kwargs, limits, folder))
            if not worker.conn.poll(limits.wall_seconds):
                raise _refused(
                    name, f"{limits.task} took longer than {limits.wall_seconds:g} s, the limit; {limits.advice}"
                )
            try:
                status, payload, grew = worker.conn.recv()
            except (EOFError, OSError):
                raise _refused(name, _death(worker, limits)) from None
            keep = status in ("ok", "problems", "error") and not grew
            return _answer(status, payload, name, limits)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            self._give_back(worker, keep)

    def _take(self, seconds: float) -> _Worker | None:
        with self._lock:
            if not self._idle and self._busy >= self._max:
                self._lock.wait_for(lambda: self._idle or self._busy < self._max, timeout=seconds)
            if self._idle:
                worker = self._idle.pop()
            elif self._busy < self._max:
                worker = None
            else:
                return None
            self._busy += 1
        return worker if worker is not None else _Worker()

    def _give_back(self, worker: _Worker, keep: bool) -> None:
        keep = keep and worker.alive()
        if not keep:
            worker.kill()
        with self._lock:
            self._busy -= 1
            if keep:
                self._idle.append(worker)
            self._lock.notify()

    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._idle]

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


def _death(worker: _Worker, limits: Limits) -> str:
    """What the worker's end says about the limit it hit."""
    try:
        code = worker.process.wait(2)
    except subprocess.TimeoutExpired:
        code = None
    if code == -signal.SIGXCPU:
        return f"{limits.task} needed more than {limits.cpu_seconds:g} s of processor time, the limit; {limits.advice}"
    if code in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS, -signal.SIGKILL):
        # GDAL and Arrow abort when an allocation fails under the address-space limit.
        return _memory(limits)
    return f"the file reader stopped unexpectedly (exit code {code}); the file may be damaged"


def _refused(name: str, message: str) -> DataError:
    """The one problem of a read that did not end with the reader's own answer."""
    return DataError([Problem(name, "", "", "", message)])


def _memory(limits: Limits) -> str:
    return f"{limits.task} would need more than {limits.memory_text()} of memory, the limit; {limits.advice}"


def _answer(status: str, payload: Any, name: str, limits: Limits) -> Any:
    if status == "ok":
        return payload
    if status == "problems":
        raise DataError(payload)
    if status == "memory":
        raise _refused(name, _memory(limits))
    module, kind, text, trace = payload
    log.error("reading %s failed in the worker: %s.%s: %s\n%s", name, module, kind, text, trace)
    raise _refused(name, describe_error(module, kind, text))


def describe_error(module: str, kind: str, text: str) -> str:
    """A short message for an exception a reader did not expect (its traceback is logged)."""
    if module.startswith("pyproj") or kind in ("CRSError", "ProjError"):
        return f"the file's CRS cannot be converted to WGS-84: {text or kind}"
    if kind in ("ArrowMemoryError",) or "bad_alloc" in text or "out of memory" in text.lower():
        return f"reading it ran out of memory; {SPLIT}"
    return f"cannot be read ({kind}); the error is logged on the server"


_POOL: Pool | None = None
_POOL_LOCK = threading.Lock()


def pool() -> Pool:
    """The server's one pool, started on first use."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = Pool()
        return _POOL


def run(func: Callable[..., Any], *args: Any, name: str, limits: Limits | None = None, **kwargs: Any) -> Any:
    """``func(*args, **kwargs)`` in the server's pool of bounded workers (see :class:`Pool`)."""
    return pool().run(func, *args, name=name, limits=limits, **kwargs)


def serve(fd: int) -> None:
    """The worker's entry point: serve tasks on the socket ``fd`` until it closes."""
    _serve(Connection(fd))
