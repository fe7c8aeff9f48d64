"""Viewers that stop reading their websocket: ``python bench/slowviewers.py URL N``.

Each opens the page from a share link, reads its first render, then never reads again and
asks for a rerun (a search) every 5–15 s, like a phone whose connection stalls while its
owner keeps tapping. The websockets client buffers a few frames and then stops reading
the socket (its ``max_queue``), so the server's messages for these sessions back up in TCP
and in the server. Runs until killed; started by ``capacity.py --slow N`` in a process of
its own (plain threads, no gevent).
"""

from __future__ import annotations

import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stprotocol import LINKS, WORDS, Viewer


def stall(url: str) -> None:
    viewer = Viewer(url, timeout=120)
    viewer.open(random.choice(LINKS))
    while True:
        time.sleep(random.uniform(5, 15))
        viewer.send_only("f_q", random.choice(WORDS))  # blocks for good once TCP is full


def main(argv: list[str]) -> int:
    url, count = argv[0], int(argv[1])
    for _ in range(count):
        threading.Thread(target=stall, args=(url,), daemon=True).start()
    threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
