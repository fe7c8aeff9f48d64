"""Online tiles when the browser reaches them, the offline map otherwise (issue #9).

A tile server of the test's own on loopback plays the online source; nothing leaves the
machine. The map probes one tile before switching, so a dead or blocked server leaves the
offline basemap and its place names, with no flood of failed tile requests.
"""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ..devserver import ROOT, free_port, start_server, wait_until
from .conftest import TILE_PROBE, map_frame, visible_texts, wait_markers

pytestmark = pytest.mark.browser


def _png(size: int = 256, rgb: tuple[int, int, int] = (200, 225, 240)) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


class TileServer:
    def __init__(self) -> None:
        self.paths: list[str] = []
        tile, paths = _png(), self.paths

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                paths.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(tile)))
                self.end_headers()
                self.wfile.write(tile)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def tile_server() -> Iterator[TileServer]:
    s = TileServer()
    yield s
    s.httpd.shutdown()


def _open(page, url: str) -> object:
    page.goto(url)
    wait_markers(page, 44)
    box = map_frame(page).locator(".leaflet-container")
    page.wait_for_function(
        """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
                   const c = f && f.contentDocument && f.contentDocument.querySelector('.leaflet-container');
                   return c && c.dataset.gbaTiles; }""",
        timeout=30_000,
    )
    return box


def test_reachable_tiles_become_the_base_layer(watched, tile_server, tmp_path):
    env = {
        "GBA_DASH_TILES": tile_server.url + "/{z}/{x}/{y}.png",
        "GBA_DASH_TILES_ATTRIBUTION": "Loopback <test> tiles",
    }
    server = start_server(ROOT / "app.py", tmp_path, env=env)
    try:
        page = watched.page
        box = _open(page, server.url)
        assert box.get_attribute("data-gba-tiles") == "online"
        frame = map_frame(page)
        frame.locator(f'img.leaflet-tile-loaded[src^="{tile_server.url}/"]').first.wait_for(timeout=20_000)
        assert "/8/208/111.png" in tile_server.paths  # the probe tile
        assert len(tile_server.paths) > 1  # and the map's own tiles
        credits = frame.locator(".leaflet-control-attribution").inner_text()
        assert "Loopback <test> tiles" in credits  # the deployer's text, escaped, not markup
        checked = frame.locator(".leaflet-control-layers-base label:has(input:checked)").inner_text()
        assert "(online)" in checked
        assert visible_texts(page, ".gba-place-1") == []  # the tiles carry the names
        assert len(visible_texts(page, ".gba-site-label-major")) == 5  # the sites keep theirs
        page.screenshot(path=str(tmp_path / "tiles.png"))
        assert not watched.off_machine() and not watched.console_errors, (watched.blocked, watched.console_errors)
    finally:
        server.stop()


def test_unreachable_tiles_leave_the_offline_map(watched, tmp_path):
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    server = start_server(ROOT / "app.py", tmp_path, env={"GBA_DASH_TILES": dead + "/{z}/{x}/{y}.png"})
    try:
        page = watched.page
        box = _open(page, server.url)
        assert box.get_attribute("data-gba-tiles") == "offline"
        frame = map_frame(page)
        assert frame.locator("img.leaflet-tile").count() == 0  # no tile layer was switched on
        wait_until(lambda: len(visible_texts(page, ".gba-place-1")) >= 8, timeout=30, what="8 place names")
        assert frame.locator(".leaflet-gba-basemap-pane path").count() > 0
        # Chromium's own line for the one refused probe is all the console may hold.
        assert all(e.startswith("Failed to load resource") for e in watched.console_errors), watched.console_errors
        assert len(watched.console_errors) <= 1, watched.console_errors
    finally:
        server.stop()


def test_default_tiles_blocked_leave_the_offline_map(server, watched):
    page = watched.page
    box = _open(page, server.url)
    assert box.get_attribute("data-gba-tiles") == "offline"
    assert watched.blocked == [TILE_PROBE]  # one probe, no tile flood
    wait_until(lambda: len(visible_texts(page, ".gba-place-1")) >= 8, timeout=30, what="8 place names")
    assert not watched.console_errors
