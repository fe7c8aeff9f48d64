"""Chinese text renders with a real CJK font (Debian's fonts-noto-cjk), not as empty boxes."""

from __future__ import annotations

import pytest

from .conftest import wait_markers

pytestmark = pytest.mark.browser

# Draw two different characters in the page's own font stack; without a CJK font both come
# out as the same fallback box (or nothing), so their pixels are identical.
GLYPHS_DIFFER = """() => {
  const font = getComputedStyle(document.querySelector('h1')).fontFamily;
  const draw = (ch) => {
    const c = document.createElement('canvas'); c.width = 64; c.height = 64;
    const g = c.getContext('2d'); g.font = `48px ${font}`; g.fillStyle = '#000'; g.fillText(ch, 4, 52);
    return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
  };
  const a = draw('粤'), b = draw('港'), blank = draw(' ');
  return {differ: a !== b, inked: a !== blank && b !== blank, font};
}"""


def test_chinese_page_text_renders_with_a_cjk_font(server, watched, tmp_path):
    page = watched.page
    page.goto(f"{server.url}/?lang=zh")
    page.get_by_role("heading", name="粤港澳大湾区科学城建设").wait_for(timeout=60_000)
    wait_markers(page, 44)
    result = page.evaluate(GLYPHS_DIFFER)
    page.screenshot(path=str(tmp_path / "zh-fonts.png"))
    assert result["inked"] and result["differ"], (
        f"CJK characters render as identical boxes in {result['font']!r}: install fonts-noto-cjk"
    )
