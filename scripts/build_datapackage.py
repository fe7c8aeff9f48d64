"""Write data/datapackage.json from the field table and CHANGELOG.md (never edit it by hand).

python scripts/build_datapackage.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gba_dash.dataset.datapackage import build  # noqa: E402


def render() -> str:
    return json.dumps(build(ROOT / "data", ROOT / "CHANGELOG.md"), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    out = ROOT / "data" / "datapackage.json"
    out.write_text(render(), encoding="utf-8")
    print(f"wrote {out}")
