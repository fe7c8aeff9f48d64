"""The page's filter predictor (gba_dash/ui/browser/predictor.js) agrees with filters.apply_filters.

The browser applies a filter change to the map before the server's run; the server's result
then replaces it. If the two disagreed the map would show one set of sites and then jump to
another. The JavaScript runs here under Node (installed with the project's npm tools) on
the same states as the Python, thousands of them, on the bundled data as of 2019 and as of
the latest values, and on a frame with the awkward values (missing figures, a missing
Chinese name, a changed flag that is NaN).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gba_dash.map.sites import layer_data
from gba_dash.read.fields import CATEGORIES
from gba_dash.read.history import view
from gba_dash.view.filters import RANGE_FIELDS, FilterState, apply_filters, focus_options
from gba_dash.view.predict import labels, records, state_json

JS = Path(__file__).resolve().parent.parent / "gba_dash" / "ui" / "browser" / "predictor.js"
NODE = shutil.which("node")

# Search texts: names in both scripts, parts of ids, case, spaces, and characters whose
# folding or trimming differs between Python and JavaScript (the predictor must refuse those).
WORDS = ["", "csns", "CSNS", "  nansha ", "Science", "科学", "松山湖", "port", "ß", "İ", "ﬁ", "\ufeffport", "port\x85",
         "\u3000港", "a\tb", "Σ", "ǅ", "k", "K", "-", "zz-nothing"]  # fmt: skip


def node_eval(script: str, payload) -> object:
    if NODE is None:
        pytest.fail("node is not installed: the README's install command (npm ci) needs Node.js")
    code = f"import * as p from {json.dumps(JS.as_uri())};\n" + script
    out = subprocess.run(
        [NODE, "--input-type=module", "-e", code],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


MATCH_ALL = """
let raw = ""; process.stdin.on("data", (d) => raw += d); process.stdin.on("end", () => {
  const {records, states} = JSON.parse(raw);
  process.stdout.write(JSON.stringify(states.map((s) => p.matches(records, s))));
});
"""


def random_states(sites: pd.DataFrame, n: int, seed: int) -> list[FilterState]:
    rng = random.Random(seed)
    focus = focus_options(sites)
    cities = sorted(set(sites["city"]))

    def some(items, k=3):
        return tuple(rng.sample(items, rng.randint(0, min(k, len(items)))))

    def span(column):
        values = sites[column].dropna()
        hi = float(values.max()) if len(values) else 1.0
        lo = rng.choice([0.0, 0.5, 1.0, 5.0, 20.5, hi / 2])
        return (lo, rng.choice([hi, lo, lo + 10.0, hi / 3]))

    out = []
    for _ in range(n):
        out.append(
            FilterState(
                categories=some(list(CATEGORIES), 2),
                cities=some(cities, 2),
                focus=some(focus, 2) if rng.random() < 0.3 else (),
                q=rng.choice(WORDS) if rng.random() < 0.4 else "",
                area_km2=span("area_km2") if rng.random() < 0.3 else None,
                investment_cny_bn=span("investment_cny_bn") if rng.random() < 0.3 else None,
                years=(rng.randint(2008, 2024), rng.randint(2015, 2030)) if rng.random() < 0.3 else None,
                keep_not_reported=rng.random() < 0.6,
                changed=rng.random() < 0.15,
            )
        )
    return out


def assert_agrees(sites: pd.DataFrame, states: list[FilterState]) -> int:
    """Every prediction equals apply_filters; returns how many states were predicted."""
    predicted = node_eval(MATCH_ALL, {"records": records(sites), "states": [state_json(s) for s in states]})
    made = 0
    for state, ids in zip(states, predicted, strict=True):
        if ids is None:
            continue
        made += 1
        assert ids == list(apply_filters(sites, state)["site_id"]), state
    return made


def test_the_predictor_agrees_with_apply_filters_on_the_bundled_data(dataset):
    states = [*random_states(dataset.sites, 1500, seed=1), FilterState()]
    made = assert_agrees(dataset.sites, states)
    assert made > 1100  # it refuses only the search texts it cannot fold as Python does (9 of 21)


def test_the_predictor_agrees_on_the_latest_values(dataset):
    latest = view(dataset, "latest")
    states = random_states(latest.sites, 800, seed=2)
    states += [FilterState(changed=True), FilterState(changed=True, categories=("facility",))]
    assert assert_agrees(latest.sites, states) > 550


def test_the_predictor_agrees_on_awkward_values(dataset):
    sites = dataset.sites.copy()
    sites.loc[sites.index[:6], "area_km2"] = np.nan
    sites.loc[sites.index[3:9], "investment_cny_bn"] = np.nan
    sites["name_zh"] = sites["name_zh"].astype(object)
    sites.loc[sites.index[2], "name_zh"] = None
    sites["changed_since_2019"] = [np.nan if i % 5 == 0 else bool(i % 2) for i in range(len(sites))]
    states = [*random_states(sites, 800, seed=3), FilterState(q="none"), FilterState(q="nan")]
    assert assert_agrees(sites, states) > 550


def test_a_search_text_the_two_languages_fold_differently_is_not_predicted(dataset):
    sites = dataset.sites
    out = node_eval(MATCH_ALL, {"records": records(sites), "states": [state_json(FilterState(q=q)) for q in WORDS]})
    refused = {q for q, ids in zip(WORDS, out, strict=True) if ids is None}
    assert refused == {"ß", "İ", "ﬁ", "\ufeffport", "port\x85", "\u3000港", "a\tb", "Σ", "ǅ"}


def test_every_character_the_predictor_folds_it_folds_as_python_does():
    """The whole of Unicode: where fold() answers, it answers str.casefold()."""
    folded = node_eval(
        """
const out = [];
for (let c = 0; c <= 0x10ffff; c++) {
  if (c >= 0xd800 && c <= 0xdfff) continue;
  const ch = String.fromCodePoint(c);
  const f = p.fold(ch);
  if (f !== null && f !== ch) out.push([c, f]);
  if (f !== null && f === ch) out.push(c);
}
process.stdout.write(JSON.stringify(out));
""",
        None,
    )
    checked = 0
    for item in folded:
        code, js = (item, chr(item)) if isinstance(item, int) else (item[0], item[1])
        assert chr(code).casefold() == js, hex(code)
        checked += 1
    assert checked > 100_000  # ASCII, CJK and the other scripts without case are predicted


def test_a_label_two_options_share_is_not_guessed():
    assert labels(["a", "b", "c"], {"a": "One", "b": "One", "c": "Three"}.get) == {"One": None, "Three": "c"}


def test_the_site_layers_carry_every_site_and_mark_the_ones_not_shown(dataset):
    sites = dataset.sites
    shown = list(sites.loc[sites["category"] == "checkpoint", "site_id"])
    layers = layer_data(sites, shown=shown)
    symbols = [s for layer in layers for s in layer["symbols"]]
    assert sorted(s["site"] for s in symbols) == sorted(sites["site_id"])
    assert sorted(s["site"] for s in symbols if not s.get("off")) == sorted(shown)
    parts = [p for layer in layers for kind in ("shapes", "circles", "symbols") for p in layer[kind]]
    assert all(p["site"] in set(sites["site_id"]) for p in parts)
    assert all(p.get("off") for p in parts if p["site"] not in shown)
    assert not any(p.get("off") for p in parts if p["site"] in shown)
    # a layer's count is of the sites it shows
    names = {layer["name"] for layer in layers}
    assert f"Checkpoints ({len(shown)})" in names or f"Checkpoint ({len(shown)})" in names
    assert "Facility (0)" in names or "Facilities (0)" in names
    # without ``shown`` (a bundle, a standalone map) nothing is marked off
    assert not any(s.get("off") for layer in layer_data(sites) for s in layer["symbols"])


def test_records_read_what_apply_filters_reads(dataset):
    rec = records(dataset.sites)
    assert [r["id"] for r in rec] == list(dataset.sites["site_id"])
    assert set(rec[0]) == {"id", "category", "city", "focus", "hay", "years", "changed", *RANGE_FIELDS}


def test_a_range_slider_ends_on_its_step(dataset):
    """The browser's slider snaps its end to the step grid (120.56 km² shows as 121): the full
    range the session holds must be the one the page shows, or an untouched slider would
    read as a restriction in the page and none on the server."""
    from gba_dash.ui.state import STEPS, bounds

    latest = view(dataset, "latest")
    assert float(latest.sites["area_km2"].max()) == pytest.approx(120.56)
    assert bounds(latest.sites, "area_km2") == (0.0, 121.0)
    for ds in (dataset, latest):
        for column, step in STEPS.items():
            _lo, hi = bounds(ds.sites, column)
            assert hi >= ds.sites[column].max() and hi - ds.sites[column].max() < step
            assert abs(hi / step - round(hi / step)) < 1e-9
