"""The page with a deliberately slow server answer to a filter change.

Started by tests/browser/test_predict.py beside a link to the project's static/. Every
filter result with a category chosen sleeps ``GBA_TEST_FILTER_DELAY_S`` seconds first, so
whatever the map shows before then was drawn by the page itself (gba_dash/ui/browser/predictor.js).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.environ["GBA_TEST_ROOT"])

from gba_dash.ui import cache, main

if not getattr(cache.filtered, "slow", False):  # the script reruns; wrap once
    original = cache.filtered

    def slow_filtered(data_dir, signature, state):
        if state.categories:
            time.sleep(float(os.environ.get("GBA_TEST_FILTER_DELAY_S", "3")))
        return original(data_dir, signature, state)

    slow_filtered.slow = True
    cache.filtered = slow_filtered

assert Path(__file__).name == "slow_filter_app.py"
main()
