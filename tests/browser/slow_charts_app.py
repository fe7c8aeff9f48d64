"""The page with deliberately slow charts: a filter change must show the map before them.

Started by tests/browser/test_fragments.py beside a link to the project's static/. Every
chart build sleeps ``GBA_TEST_CHART_DELAY_S`` seconds first.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.environ["GBA_TEST_ROOT"])

from gba_dash.ui import cache, main

if not getattr(cache.chart_spec, "slow", False):  # the script reruns; wrap once
    original = cache.chart_spec

    def slow_chart_spec(*args, **kwargs):
        time.sleep(float(os.environ.get("GBA_TEST_CHART_DELAY_S", "3")))
        return original(*args, **kwargs)

    slow_chart_spec.slow = True
    cache.chart_spec = slow_chart_spec

assert Path(__file__).name == "slow_charts_app.py"
main()
