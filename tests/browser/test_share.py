"""Share this view as a presenter does: the link copied, its QR code scanned, an embed pasted."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from .conftest import open_view

pytestmark = pytest.mark.browser

VIEW = "?category=checkpoint&city=Zhuhai&site=gongbei-port"


def _open_share(page):
    page.get_by_role("button", name="Share this view", exact=True).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="Copy link").wait_for(timeout=30_000)
    return dialog


def test_the_qr_code_scans_as_the_views_link_and_copy_link_copies_it(server, watched):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    page = watched.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    open_view(page, f"{server.url}/{VIEW}", 3)
    expected = f"{server.url}/{VIEW}"
    dialog = _open_share(page)

    # Scanned off the screen, as a phone in the room reads it.
    qr = dialog.locator('[data-testid="stImage"] img').first
    qr.wait_for(timeout=30_000)
    shot = qr.screenshot()
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))] == [expected]
    assert qr.bounding_box()["width"] >= 200  # big enough to scan from a seat

    dialog.get_by_role("button", name="Copy link").click()
    dialog.get_by_role("status").filter(has_text="Link copied.").wait_for(timeout=10_000)
    assert page.evaluate("navigator.clipboard.readText()") == expected

    # Served from 127.0.0.1 with no public address configured: the page says the link is local.
    assert "This link is local" in dialog.inner_text()
    assert f'<iframe src="{expected.replace("&", "&amp;")}&amp;embed=true"' in dialog.inner_text()

    with page.expect_download(timeout=60_000) as info:
        dialog.get_by_role("button", name="QR code (SVG)").click()
    assert info.value.suggested_filename == "gba-dash-qr-category-checkpoint_city-zhuhai_site-gongbei-port.svg"
    assert Path(info.value.path()).read_text(encoding="utf-8").startswith("<svg")
    assert not watched.console_errors, watched.console_errors
