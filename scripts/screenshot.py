"""The README's picture of the page, taken from the real page: ``python scripts/screenshot.py``.

Starts ``streamlit run app.py`` on loopback with the bundled data and the offline basemap
(``GBA_DASH_TILES=off``: no tile server is asked), opens it in Debian's Chromium at
1440x900 and writes ``docs/screenshot.png`` once the map has drawn its sites and the
panels have arrived (``gallery.shoot`` takes the picture). ``--link '?city=Dongguan'``
pictures another view, ``--out`` another file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from gallery import shoot  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--link", default="", help="a share link's query, e.g. '?city=Dongguan'")
    args = parser.parse_args()
    (written,) = shoot(args.out.parent, [(args.out.stem, args.link, 1440, 900)], panels=True)
    print(written)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
