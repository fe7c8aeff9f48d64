"""A hostile visitor in Chromium (issue #25): a file that would take the server down is
answered with a message, the page keeps its map and its uploader, and the server keeps
answering every other client meanwhile; a link too long for the server is said, not lost."""

from __future__ import annotations

import threading
import time
import urllib.request

import pytest

from .. import hostile_files as H
from ..devserver import expand
from .conftest import wait_markers

pytestmark = pytest.mark.browser


class HealthPoller:
    """Polls /_stcore/health four times a second in a thread; keeps the slowest answer."""

    def __init__(self, url: str) -> None:
        self.url = f"{url}/_stcore/health"
        self.latencies: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(self.url, timeout=30) as r:
                    r.read()
            except OSError:
                pass
            self.latencies.append(time.perf_counter() - started)
            self._stop.wait(0.25)

    def __enter__(self) -> HealthPoller:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(35)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (H.mars_shapefile, "the file's CRS cannot be converted to WGS-84"),
        (lambda: H.csv_sniffer_bomb(80_000), "sniffer-bomb.csv: "),
    ],
    ids=["crs-bomb-shapefile", "csv-sniffer"],
)
def test_a_hostile_upload_is_a_message_and_the_page_and_server_stay_up(server, watched, tmp_path, make, message):
    page = watched.page
    page.goto(server.url)
    wait_markers(page, 44)
    name, data = make()
    path = tmp_path / name
    path.write_bytes(data)
    expand(page, "Your own layer")
    with HealthPoller(server.url) as health:
        page.locator("[data-testid='stFileUploaderDropzone'] input[type=file]").first.set_input_files(str(path))
        alert = page.locator("[data-testid='stAlert']", has_text="Your layer was not loaded")
        alert.wait_for(timeout=30_000)
    text = alert.inner_text()
    assert message in text and name in text, text
    assert "Traceback" not in page.inner_text("body") and "/tmp/" not in text
    assert health.latencies and max(health.latencies) < 1.0, health.latencies
    # the map is still there, and so is the uploader to remove the file
    wait_markers(page, 44)
    uploader = page.locator("[data-testid='stFileUploader']", has_text=name)
    assert uploader.count() == 1 and uploader.locator("button").count() >= 1
    alert.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / f"{name}.png"))


def test_a_link_of_many_unknown_parameters_shows_three_boxes(server, watched):
    page = watched.page
    page.goto(server.url + "?" + "&".join(f"zz{i}=1" for i in range(150)) + "&city=Shenzhen")
    page.get_by_text("And 148 more unknown parameters: zz2, zz3").wait_for(timeout=60_000)
    wait_markers(page, 17)  # the 17 sites in Shenzhen (13 in the archive, 4 added since 2019)
    boxes = page.locator("[data-testid='stAlert']", has_text="parameter")
    assert boxes.count() == 3
    assert "city=Shenzhen" in page.evaluate("() => location.href")  # the valid part was applied


def test_a_link_the_server_drops_whole_is_said_not_silently_lost(server, watched):
    page = watched.page
    page.goto(server.url + "?city=Shenzhen&" + "&".join(f"zz{i}=1" for i in range(1_100)))
    page.get_by_text("This link holds 1,101 parameters", exact=False).wait_for(timeout=60_000)
    wait_markers(page, 44)  # the default view: none of the link was applied
