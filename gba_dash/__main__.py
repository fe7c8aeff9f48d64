"""``python -m gba_dash [--port N] [--data DIR] [--host H]``: the same as ``gba-dash serve``."""

import sys

from .cli import main

raise SystemExit(main(["serve", *sys.argv[1:]]))
