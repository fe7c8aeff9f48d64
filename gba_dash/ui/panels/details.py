"""The details of the selected site: every figure with unit, source, as-of date, confidence.

Drawn beside the map inside the map panel's fragment, after the map.
"""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd
import streamlit as st

from ...dataset import Dataset
from ...map.sites import is_new
from ...read.fields import FIELD_BY_NAME, label, note_col, source_col, table_fields
from ...read.geometry import nearest_sites
from ...read.history import SITE_FIELDS, as_of_col, site_history
from ...read.schema import is_reported, split_list
from ...read.values import fmt_value
from ...words.age import age_note, outdated_years
from ...words.i18n import (
    category_label,
    city,
    confidence_label,
    data_word,
    fmt_amount,
    is_zh,
    location_parts,
    mark_english,
    name_col,
    status_label,
)
from ...words.text import km, md, md_link
from ..state import PageView
from ..strings import tr


def draw(view: PageView) -> None:
    ds, shown, selected, lang = view.ds, view.shown, view.selected, view.lang
    st.subheader(tr("details", lang))
    options = [None, *shown["site_id"]]
    if selected and selected not in options:
        options.append(selected)
    names = dict(zip(ds.sites["site_id"], ds.sites[name_col(lang)], strict=True))
    st.selectbox(
        tr("select_site", lang),
        options,
        key="site",
        format_func=lambda s: tr("none", lang) if s is None else names.get(s, s),
        placeholder=tr("none", lang),
    )
    if not selected:
        st.caption(tr("nothing_selected", lang))
        return
    row = ds.site(selected)
    first, second = (row[name_col(lang)], row["name_en"]) if is_zh(lang) else (row["name_en"], row["name_zh"])
    st.markdown(f"### {md(first)}\n{md(second)}")
    parent = row["parent_id"]
    meta = f"{md(category_label(row['category'], lang))} · {md(city(row['city'], lang))}"
    if parent:
        pname = ds.site(parent)[name_col(lang)]
        meta += f" · {tr('part_of', lang)}: {md(pname)}"
    if ds.as_of_state == "latest" and is_new(row):
        meta += f" · **{md(tr('details_new', lang, version=str(row.get('added_in') or '?')))}**"
    st.markdown(meta)
    conf = confidence_label(row["location_confidence"], lang)
    badge = _badge(row["location_confidence"], conf)
    said, free = location_parts(row["location_source"], lang)
    note = "  \n".join(md(part) for part in (said, mark_english(free, lang) if free else "") if part)
    located = position_links(ds.positions, selected)
    if located:
        note += f"  \n{tr('located_from', lang)}: " + "; ".join(located)
    st.markdown(f"**{tr('location', lang)}:** ±{md(km(row['location_uncertainty_m'], lang))} {badge}  \n{note}")
    near = nearest_sites(ds.sites, selected)
    if near:
        column = name_col(lang)
        sep = "、" if is_zh(lang) else ", "
        listed = sep.join(f"{md(ds.site(sid)[column])} {md(fmt_amount(d, unit='km', lang=lang))}" for sid, d in near)
        st.markdown(f"**{tr('nearest', lang)}:** {listed}  \n:gray[{md(tr('nearest_note', lang))}]")
    _figures(ds, row, lang)
    figures = view.own_figures
    if figures is not None and selected in figures.values.index:
        mine = figures.values.loc[selected].dropna()
        if len(mine):
            listed = ", ".join(f"{md(c)} {v:,.6g}" for c, v in mine.items())
            st.markdown(f"**{tr('own_figures_here', lang)}:** {listed}")
    if ds.as_of_state == "latest":
        _history(ds, selected, lang)
    subs = ds.subprojects[ds.subprojects["parent_id"] == selected]
    if len(subs):
        st.markdown(f"**{tr('subprojects', lang)}**")
        st.dataframe(
            pd.DataFrame(
                {
                    "name": subs[name_col(lang)],
                    "status": subs["status"].map(lambda s: status_label(s, lang)),
                }
            ),
            hide_index=True,
            width="stretch",
            column_config={"name": tr("subprojects", lang), "status": label("status", lang)},
            placeholder=tr("nr", lang),
        )
    stories = ds.stories[ds.stories["site_ids"].map(lambda v: selected in split_list(v))]
    if len(stories):
        st.markdown(f"**{tr('stories', lang)}**")
        for story in stories.itertuples():
            # A story is as written (English), marked so on a Chinese page.
            st.markdown(f"- *{md(story.title)}* ({md(story.date)}): {md(mark_english(story.summary, lang))}")


def _age(as_of: str, lang: str) -> str:
    """ " · 7 years ago", with a "possibly outdated" badge past the deployer's threshold."""
    threshold, _ = outdated_years(os.environ)
    text, old = age_note(as_of, dt.date.today(), lang, threshold=threshold)
    if not text:
        return ""
    return f" · {md(text)}" + (f" :orange-badge[{md(tr('outdated', lang))}]" if old else "")


def _badge(confidence: str, text: str) -> str:
    colour = {"high": "blue", "med": "orange", "low": "red"}.get(confidence, "gray")
    return f":{colour}-badge[{md(text)}]"


def _figures(ds: Dataset, row: pd.Series, lang: str) -> None:
    """Reported figures with unit, source, as-of date and confidence; then what is not reported."""
    sources = ds.sources.set_index("source_id")
    lines, missing = [], []
    fields = list(table_fields(row["table"]))
    # A later report can give a figure the site's 2019 table has no column for (an opening
    # year; a zone's area): shown too, with its source.
    fields += [FIELD_BY_NAME[n] for n in SITE_FIELDS if FIELD_BY_NAME[n] not in fields and is_reported(row.get(n))]
    for f in fields:
        value = row[f.name]
        if not is_reported(value):
            missing.append(f.label(lang, with_unit=False))
            continue
        line = f"**{md(f.label(lang, with_unit=False))}:** {md(fmt_value(f.name, value, lang))}"
        src = row.get(source_col(f.name), "") if f.sourced else ""
        if src and src in sources.index:
            s = sources.loc[src]
            conf = confidence_label(s["confidence"], lang)
            as_of = row.get(as_of_col(f.name)) or s["as_of"]
            publisher = data_word("publisher", s["publisher"], lang, mark=False)  # a name, as published
            line += (
                f"  \n{tr('source', lang)}: {_source_title(src, s, lang)} ({md(publisher)}), "
                f"{tr('as_of', lang)} {md(as_of)}{_age(as_of, lang)} {_badge(s['confidence'], conf)}"
            )
            note = row.get(note_col(f.name), "")
            if note:
                line += f"  \n{md(mark_english(note, lang))}"
        lines.append(line)
    st.markdown("\n\n".join(lines) if lines else tr("no_figures", lang))
    if missing:
        st.caption(f"{tr('not_reported', lang)}: " + md(", ".join(missing)))


def position_links(positions: pd.DataFrame, site_id: str) -> list[str]:
    """Links (Markdown) to the references the site's position was read from: those giving a
    coordinate, else any with a URL (an address)."""
    rows = positions[(positions["site_id"] == site_id) & (positions["url"].str.strip() != "")]
    with_point = rows[rows["lat"].str.strip() != ""]
    chosen = with_point if len(with_point) else rows
    return [md_link(r["source"], r["url"]) for _, r in chosen.iterrows()]


def _source_title(source_id: str, source: pd.Series, lang: str) -> str:
    return source_title(source_id, str(source["title"]), str(source.get("url") or ""), lang)


def source_title(source_id: str, title: str, url: str, lang: str) -> str:
    """A source's title (Markdown), as a link to it where it has a URL; else said why there
    is none. Streamlit opens the link in a new tab with ``rel="noopener noreferrer"``."""
    if url.strip():
        return md_link(title, url)
    why = "source_archive_copy" if source_id.startswith("seed-") else "source_no_url"
    return f"*{md(title)}* :gray[({md(tr(why, lang))})]"


def _history(ds: Dataset, site_id: str, lang: str) -> None:
    """The site's figures over time: each 2019 value, then every later one, with its source.

    A list, not a table: it fits the narrow details column, where a grid cut off its
    source and note columns.
    """
    rows = site_history(ds, site_id)
    st.markdown(f"**{tr('history_head', lang)}**")
    if not rows:
        st.caption(tr("history_none", lang))
        return
    sources = ds.sources.set_index("source_id")
    subs = dict(zip(ds.subprojects["subproject_id"], ds.subprojects[name_col(lang)], strict=True))
    items: dict[tuple[str, str], list[str]] = {}
    for r in rows:
        kind = tr("history_archive" if r["archive"] else "history_later", lang)
        sid = r["source_id"]
        cited = f": {_source_title(sid, sources.loc[sid], lang)})" if sid in sources.index else ")"
        step = f"{md(_history_value(r, lang))} ({md(r['as_of'])}, {md(kind)}" + cited
        if r["note"] and not r["archive"]:
            step += f" — {md(mark_english(r['note'], lang))}"
        items.setdefault((r["subject"], r["field"]), []).append(step)
    lines = []
    for (subject, field), steps in items.items():
        what = (f"{subs[subject]}: " if subject in subs else "") + label(field, lang, with_unit=False)
        lines.append(f"- **{md(what)}**: " + "  \n  → ".join(steps))
    st.markdown("\n".join(lines))
    st.caption(tr("history_caption", lang))


def _history_value(row: dict, lang: str) -> str:
    if row["value"] is None:
        return tr("history_not_found", lang)
    if row["field"] == "status":
        return status_label(row["value"], lang)
    text = fmt_value(row["field"], row["value"], lang)
    return tr("more_than", lang, value=text) if row["qualifier"] == "more_than" else text
