"""The map figure's link and its QR code, drawn as vector squares (``publish/figure.py``)."""

from __future__ import annotations

from ..words.i18n import t
from .link import QR_DARK

PAGE = (11.69, 8.27)  # publish/figure.py's page, inches


def draw(page, spec, x: float, bottom: float, width: float) -> float:
    """The view's link and its QR code (drawn as vector squares) at the foot of the side
    panel; returns the top of what it drew, inches."""
    import segno
    from matplotlib.collections import PolyCollection

    lines = page.wrap(spec.link, width, 6.8)[:4]
    for k, line in enumerate(reversed(lines)):
        page.text(x, bottom + 0.14 * k, line, size=6.8, va="bottom", color="#333333")
    y = bottom + 0.14 * len(lines) + 0.08
    code = segno.make(spec.link, error="m", micro=False)
    rows = [list(r) for r in code.matrix_iter(border=2)]
    n = len(rows)
    side = min(1.45, width)
    ax = page.fig.add_axes((x / PAGE[0], y / PAGE[1], side / PAGE[0], side / PAGE[1]), facecolor="white")
    ax.set_xlim(0, n)
    ax.set_ylim(n, 0)
    ax.set_axis_off()
    squares = []
    for r, row in enumerate(rows):
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                squares.append([(start, r), (c, r), (c, r + 1), (start, r + 1)])
            else:
                c += 1
    ax.add_collection(PolyCollection(squares, facecolors=QR_DARK, edgecolors=QR_DARK, linewidths=0.1))
    page.text(x, y + side + 0.06, t("fig_link", spec.lang), size=8.5, weight="bold", va="bottom")
    return y + side + 0.3
