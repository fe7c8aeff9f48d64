"""The map figure downloaded from the page (issue #27, item 3): a PDF that opens, a 300 dpi
PNG at least 3,000 px wide, each named for the data version and the view."""

from __future__ import annotations

import io

import pytest

from .conftest import download, open_view

pytestmark = pytest.mark.browser


# A figure is rendered on the click, in a worker: longer than a file already built.
FIGURE_TIMEOUT = 90_000


def test_the_map_figure_downloads_as_pdf_and_png(server, watched):
    page = watched.page
    open_view(page, f"{server.url}/?city=Dongguan", 9)

    name, pdf = download(page, "Map figure (PDF, vector)", timeout=FIGURE_TIMEOUT)
    assert name == "gba-map-2026.2-city-dongguan.pdf"
    assert pdf.startswith(b"%PDF-")
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    assert "9 of 44 sites: all sites in Dongguan" in reader.pages[0].extract_text()

    name, png = download(page, "Map figure (PNG, 300 dpi)", timeout=FIGURE_TIMEOUT)
    assert name == "gba-map-2026.2-city-dongguan.png"
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") >= 3000  # the IHDR's width
    assert not watched.console_errors, watched.console_errors
