"""The since-2019 layer: later values beside the archive, checked, versioned, shown (#15)."""

from __future__ import annotations

import csv
import json
import re

import pytest

from gba_dash.cli import main
from gba_dash.dataset import load_dataset
from gba_dash.read.fields import ARCHIVE_STATUSES, STATUS_VOCABULARY
from gba_dash.read.history import (
    EVIDENCE_MAX_CHARS,
    EVIDENCE_MAX_WORDS,
    HISTORY_FILE,
    counts,
    evidence_words,
    newest,
    period_end,
    site_history,
    view,
)
from gba_dash.read.schema import DataError
from gba_dash.view.filters import FilterState, apply_filters, describe
from gba_dash.view.share import ViewState, Vocab, decode, encode
from gba_dash.words.i18n import STATUS_DEFINITIONS, STATUS_LABELS

from .conftest import DATA, run_app


def _append(path, line: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


CHECKED = "2026-12-04"
EVIDENCE = "three point zero"


def version(line: str, *, checked_on: str = CHECKED, evidence: str | None = None, url: str = "", independent=""):
    """A figure_history.csv row from its first seven cells, with its proof: a later value gets a
    checked date and a short evidence phrase, a search row only its date."""
    cells = line.split(",")
    assert len(cells) == 7, line
    if evidence is None:
        evidence = EVIDENCE if cells[2] else ""
    return ",".join([*cells, checked_on, evidence, url, independent])


def _problems(data_dir) -> list[str]:
    with pytest.raises(DataError) as info:
        load_dataset(data_dir)
    return [str(p) for p in info.value.problems]


def _history_lines(data_dir) -> int:
    return len((data_dir / HISTORY_FILE).read_text(encoding="utf-8").splitlines())


# ---- the bundled data -------------------------------------------------------------------


def test_bundled_history_has_25_sourced_later_values(dataset):
    found, recent, searched = counts(dataset.history)
    assert recent >= 25 and found >= recent and searched >= 1
    sources = dataset.sources.set_index("source_id")
    for v in dataset.history:
        if v.found:
            assert v.source_id in sources.index, v
            assert sources.at[v.source_id, "url"].startswith(("http://", "https://")), v
            assert v.as_of > "2019", v


def test_every_site_unfinished_in_2019_has_a_later_status_row(dataset):
    unfinished = set(dataset.sites.loc[dataset.sites["status"].isin(["planned", "under_construction"]), "site_id"])
    covered = {v.subject for v in dataset.history if v.field == "status"}
    assert unfinished and unfinished <= covered


def test_archive_tables_are_untouched_by_the_later_layer(dataset):
    link = dataset.site("shenzhen-zhongshan-link")
    assert link["status"] == "under_construction" and int(link["year_completion_target"]) == 2024
    assert dataset.as_of_state == "2019"


# ---- the proof of every later value --------------------------------------------------------


def _history_rows() -> list[dict]:
    with (DATA / HISTORY_FILE).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_later_value_carries_its_proof_and_rests_on_a_source_with_a_url():
    """Read from the file itself, not through the loader: each later value was checked on a
    date, says what the source states, and its source (and any second source) has a URL."""
    with (DATA / "sources.csv").open(encoding="utf-8", newline="") as fh:
        url = {r["source_id"]: r["url"].strip() for r in csv.DictReader(fh)}
    rows = _history_rows()
    later = [r for r in rows if r["value"].strip()]
    assert len(later) >= 40
    for r in rows:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", r["checked_on"]), r
        if not r["value"].strip():
            continue
        assert r["evidence"].strip(), r
        assert evidence_words(r["evidence"]) <= EVIDENCE_MAX_WORDS and len(r["evidence"]) <= EVIDENCE_MAX_CHARS, r
        assert url.get(r["source_id"], "").startswith(("http://", "https://")), r
        if r["evidence_url"]:
            assert r["evidence_url"].startswith(("http://", "https://")) and r["evidence_url"] != url[r["source_id"]], r
        if r["independent"]:
            assert r["independent"] != r["source_id"], r
            assert url.get(r["independent"], "").startswith(("http://", "https://")), r
    # Chinese sources are quoted in Chinese, not in our translation
    assert any(re.search(r"[\u4e00-\u9fff]", r["evidence"]) for r in later)


def test_evidence_words_count_two_chinese_characters_as_a_word():
    assert evidence_words("opened to traffic on Sunday") == 5
    assert evidence_words("合成生物研究设施 正式启动运行") == 4 + 3
    assert evidence_words("累计建成 5G 基站超 21 万座") == 2 + 1 + 2 + 1 + 1


@pytest.mark.parametrize(
    ("proof", "field", "message"),
    [
        ({"checked_on": ""}, "checked_on", "the date this row was last checked"),
        ({"checked_on": "2026-12"}, "checked_on", "the date this row was last checked"),
        ({"evidence": ""}, "evidence", "a later value needs its evidence"),
        ({"evidence": " ".join(["word"] * 13)}, "evidence", "evidence is a short phrase"),
        ({"evidence": "中" * 26}, "evidence", "evidence is a short phrase"),
        ({"url": "ftp://example.org/x"}, "evidence_url", "not an http(s) URL"),
        ({"url": "http://en.people.cn/n3/2024/0330/c90000-20151538.html"}, "evidence_url", "the source's own URL"),
        ({"independent": "later-csns-xinhua-2024"}, "independent", "must be a second source"),
        ({"independent": "no-such-source"}, "independent", "unknown source_id"),
        ({"independent": "seed-5g"}, "independent", "needs a URL"),
    ],
)
def test_a_later_value_without_its_proof_is_refused(data_copy, proof, field, message):
    n = _history_lines(data_copy)
    _append(data_copy / HISTORY_FILE, version("csns,investment_cny_bn,3,,2024,later-csns-xinhua-2024,", **proof))
    problems = _problems(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{HISTORY_FILE}: line {n + 1}: field '{field}'") and message in problems[0]


def test_a_search_row_needs_the_date_of_its_search(data_copy):
    n = _history_lines(data_copy)
    _append(data_copy / HISTORY_FILE, version("csns,area_km2,,,2026-12-04,,Searched for its area.", checked_on=""))
    problems = _problems(data_copy)
    assert len(problems) == 1 and problems[0].startswith(f"{HISTORY_FILE}: line {n + 1}: field 'checked_on'")


def test_a_history_file_without_the_proof_columns_is_refused(data_copy):
    path = data_copy / HISTORY_FILE
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    keep = [i for i, name in enumerate(rows[0]) if name not in ("checked_on", "evidence")]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([[r[i] for i in keep] for r in rows])
    problems = _problems(data_copy)
    assert f"{HISTORY_FILE}: line 1: field 'checked_on': missing required column" in problems
    assert f"{HISTORY_FILE}: line 1: field 'evidence': missing required column" in problems


# ---- the status vocabulary ----------------------------------------------------------------


def test_the_status_vocabulary_is_defined_in_three_languages_everywhere():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    in_package = {entry["value"]: entry for entry in package["gba:status_vocabulary"]}
    assert list(in_package) == list(STATUS_VOCABULARY)
    for status in (*STATUS_VOCABULARY, *ARCHIVE_STATUSES):
        labels, definition = STATUS_LABELS[status], STATUS_DEFINITIONS[status]
        assert all(labels) and all(definition), status
        assert f"`{status}`" in readme, status
        assert all(label in readme for label in labels), status
    for status in STATUS_VOCABULARY:
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{status}` |"))
        assert all(text.lower() in row.lower() for text in STATUS_DEFINITIONS[status]), status
        assert in_package[status]["definition"] == dict(
            zip(("en", "zh-Hans", "zh-Hant"), STATUS_DEFINITIONS[status], strict=True)
        )


def test_a_later_status_outside_the_vocabulary_is_refused(data_copy):
    n = _history_lines(data_copy)
    # "trial" is a word of the 2019 archive (the smart glasses), not of the vocabulary
    _append(data_copy / HISTORY_FILE, version("csns,status,trial,,2024,later-csns-xinhua-2024,"))
    problems = _problems(data_copy)
    assert len(problems) == 1
    assert problems[0].startswith(f"{HISTORY_FILE}: line {n + 1}: field 'value': value 'trial': a later status is")


# ---- the latest view ---------------------------------------------------------------------


def test_latest_view_shows_newest_values_with_their_source_and_date(dataset):
    latest = view(dataset, "latest")
    link = latest.site("shenzhen-zhongshan-link")
    assert link["status"] == "operating" and int(link["year_opened"]) == 2024
    assert link["status_source"] == "later-szlink-chinadaily" and link["status_as_of"] == "2024-06-30"
    qianhai = latest.site("qianhai")
    assert float(qianhai["area_km2"]) == pytest.approx(120.56)
    # the 2019 view of the same data is the archive
    assert view(dataset, "2019").site("shenzhen-zhongshan-link")["status"] == "under_construction"
    with pytest.raises(ValueError, match="as-of state"):
        view(dataset, "2030")


def test_disagreeing_sources_are_both_kept(dataset):
    rows = site_history(view(dataset, "latest"), "songshan-lake-materials-lab")
    areas = [(r["value"], r["archive"]) for r in rows if r["field"] == "area_km2"]
    assert areas == [(pytest.approx(4.85), True), (pytest.approx(0.8), False)]
    gd_2019 = {v.value for v in dataset.history if v.subject == "Guangdong" and v.as_of == "2019-12"}
    assert gd_2019 == {36988.0, 35988.0}


def test_newest_orders_by_the_end_of_the_period_then_publication(dataset):
    assert period_end("2020-08") == "2020-08-31" and period_end("2023") == "2023-12-31"
    latest = newest(dataset.history)
    # Guangzhou has 46,000 and 48,000 both as of 2020-12: the one published later wins.
    assert latest[("Guangzhou", "5g_base_stations")].value == 48000
    assert latest[("Shenzhen", "5g_base_stations")].qualifier == "more_than"


def test_latest_context_adds_the_latest_5g_count_beside_2019(dataset):
    ctx = view(dataset, "latest").city_context
    later = ctx[ctx["basis"] == "later"].set_index("region")
    assert later.at["Guangdong", "value"] == 210000 and later.at["Guangdong", "qualifier"] == "more_than"
    assert later.at["Guangdong", "region_zh"] == "广东"
    assert len(ctx[ctx["basis"] != "later"]) == len(dataset.city_context)


def test_changed_filter_and_its_sentence(dataset):
    changed = set(apply_filters(dataset.sites, FilterState(changed=True))["site_id"])
    assert {"shenzhen-zhongshan-link", "liantang-port", "songshan-lake-materials-lab", "guangming-science-city"} <= (
        changed
    )
    assert "daya-bay-ai-park" not in changed and "csns" not in changed  # unchanged or not found
    text = describe(FilterState(changed=True), len(changed), len(dataset.sites), lang="en")
    assert text == f"{len(changed)} of 31 sites: all sites, changed since 2019"


def test_link_round_trip_and_garbage(dataset):
    vocab = Vocab.from_sites(dataset.sites)
    state = ViewState(filters=FilterState(changed=True), asof="2019")
    assert encode(state) == {"changed": "1", "asof": "2019"}
    assert decode(encode(state), vocab) == (state, [])
    assert encode(ViewState()) == {}  # latest is the default, left out of links
    back, warnings = decode({"asof": "1999", "changed": "maybe"}, vocab)
    assert back == ViewState()
    assert warnings == [
        "Link parameter 'asof': unknown value '1999' ignored.",
        "Link parameter 'changed': 'maybe' is not 1 or 0; ignored.",
    ]


# ---- check refuses bad later values -----------------------------------------------------


def test_a_later_value_without_a_source_is_refused(data_copy):
    n = _history_lines(data_copy)
    _append(data_copy / HISTORY_FILE, version("csns,investment_cny_bn,3,,2024,,"))
    assert _problems(data_copy) == [
        f"{HISTORY_FILE}: line {n + 1}: field 'source_id': a later value needs a source: add it to sources.csv "
        "and name it here"
    ]


def test_a_later_value_whose_source_has_no_url_is_refused(data_copy):
    _append(data_copy / "sources.csv", "no-url,Some report,Someone,2024,2024,med,,A summary.")
    n = _history_lines(data_copy)
    _append(data_copy / HISTORY_FILE, version("csns,investment_cny_bn,3,,2024,no-url,"))
    assert _problems(data_copy) == [
        f"{HISTORY_FILE}: line {n + 1}: field 'source_id': value 'no-url': a later value's source needs a URL in "
        "sources.csv"
    ]


@pytest.mark.parametrize("as_of", ["2018-05", "2019", "2017"])
def test_an_as_of_date_not_after_the_archive_is_refused(data_copy, as_of):
    n = _history_lines(data_copy)
    _append(data_copy / HISTORY_FILE, version(f"csns,investment_cny_bn,3,,{as_of},later-csns-xinhua-2024,"))
    problems = _problems(data_copy)
    assert len(problems) == 1
    assert problems[0].startswith(f"{HISTORY_FILE}: line {n + 1}: field 'as_of': value '{as_of}': a later value needs")


def test_a_duplicate_version_is_refused(data_copy):
    n = _history_lines(data_copy)
    _append(
        data_copy / HISTORY_FILE,
        version("shenzhen-zhongshan-link,status,operating,,2024-06-30,later-szlink-chinadaily,"),
    )
    assert _problems(data_copy) == [
        f"{HISTORY_FILE}: line {n + 1}: field 'as_of': value '2024-06-30': duplicate version: line 3 has the same "
        "subject, field, date and source"
    ]


def test_unknown_subjects_fields_and_values_are_named(data_copy):
    n = _history_lines(data_copy)
    for line in (
        "atlantis,status,operating,,2024,later-csns-xinhua-2024,",
        "csns,name_en,X,,2024,later-csns-xinhua-2024,",
        "csns,status,closed,,2024,later-csns-xinhua-2024,",
        "csns,area_km2,big,,2024,later-csns-xinhua-2024,",
        "csns,area_km2,2,roughly,2024-02,later-csns-xinhua-2024,",
        "csns,area_km2,,,2024,,",
    ):
        _append(data_copy / HISTORY_FILE, version(line))
    problems = _problems(data_copy)
    assert [p.split(": field ")[0] for p in problems] == [f"{HISTORY_FILE}: line {n + i}" for i in range(1, 7)]
    assert "unknown subject" in problems[0] and "'name_en'" in problems[1] and "'closed'" in problems[2]
    assert "'big'" in problems[3] and "'roughly'" in problems[4] and "records a search" in problems[5]


def test_an_unfinished_site_without_a_later_row_is_refused(data_copy):
    path = data_copy / HISTORY_FILE
    rows = list(csv.reader(path.open(encoding="utf-8")))
    path.write_text(
        "\n".join(",".join(f'"{c}"' for c in r) for r in rows if r[0] != "daya-bay-ai-park") + "\n", encoding="utf-8"
    )
    problems = _problems(data_copy)
    assert (
        len(problems) == 1
        and "value 'daya-bay-ai-park': was planned in 2019 but has no later status row" in (problems[0])
    )


def test_the_history_file_is_optional(data_copy):
    (data_copy / HISTORY_FILE).unlink()
    ds = load_dataset(data_copy)
    assert ds.history == [] and not ds.sites["changed_since_2019"].any()
    assert view(ds, "latest").site("shenzhen-zhongshan-link")["status"] == "under_construction"


# ---- CLI ----------------------------------------------------------------------------------


def test_check_reports_the_later_layer(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^later values: \d+ \((\d+) as of 2020 or after\)", out, re.M)


def test_export_chooses_the_state(capsys):
    assert main(["export", "--category", "context"]) == 0
    latest = json.loads(capsys.readouterr().out)
    assert latest["dataset"]["as_of"] == "latest"
    link = next(f for f in latest["features"] if f["properties"]["site_id"] == "shenzhen-zhongshan-link")
    assert link["properties"]["status"] == "operating" and link["properties"]["status_as_of"] == "2024-06-30"
    assert main(["export", "--category", "context", "--as-of", "2019"]) == 0
    archive = json.loads(capsys.readouterr().out)
    assert archive["dataset"]["as_of"] == "2019"
    link = next(f for f in archive["features"] if f["properties"]["site_id"] == "shenzhen-zhongshan-link")
    assert link["properties"]["status"] == "under_construction"


# ---- the page -----------------------------------------------------------------------------


def _map_script(at) -> str:
    def walk(node):
        for child in getattr(node, "children", {}).values():
            yield child
            yield from walk(child)

    comp = next(c for c in walk(at._tree) if c.type == "component_instance")
    return json.loads(comp.proto.json_args)["feature_group"] + json.loads(comp.proto.json_args)["script"]


def _status_of(at, name: str) -> str:
    table = at.dataframe[-1].value
    return str(table.set_index("name_en").at[name, "status"])


@pytest.mark.page
def test_page_switches_between_latest_and_the_2019_archive():
    at = run_app({"site": "shenzhen-zhongshan-link"})
    assert at.radio(key="asof").value == "latest"
    assert _status_of(at, "Shenzhen–Zhongshan Link") == "operating"
    script = _map_script(at)
    assert script.count('"changed": true') >= 8 and "changed since 2019" in script
    details = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Since the 2019 archive" in details and "Year opened:** 2024" in details
    assert "Status:** operating" in details and "as of 2024-06-30" in details
    status = details.split("- **Status**")[1].split("- **")[0]
    steps = re.findall(r"(\w[\w ]*) \((\d{4}(?:-\d\d){0,2}), (2019 archive|later report)", status)
    assert steps == [
        ("under construction", "2019", "2019 archive"),
        ("under construction", "2022-06-07", "later report"),
        ("operating", "2024-06-30", "later report"),
    ], status

    at.radio(key="asof").set_value("2019").run()
    assert _status_of(at, "Shenzhen–Zhongshan Link") == "under construction"
    script = _map_script(at)
    assert '"changed": true' not in script and "changed since 2019" not in script
    assert "Since the 2019 archive" not in " ".join(m.value for m in at.markdown)
    assert at.query_params["asof"] == "2019"


@pytest.mark.page
def test_a_link_opens_the_archive_and_the_changed_filter():
    at = run_app({"asof": "2019", "changed": "1"})
    assert at.radio(key="asof").value == "2019"
    assert at.checkbox(key="f_changed").value is True
    sentence = next(m.value for m in at.markdown if 'id="readback"' in m.value)
    assert "changed since 2019" in sentence
    assert _status_of(at, "Shenzhen–Zhongshan Link") == "under construction"
