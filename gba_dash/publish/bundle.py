"""The offline share bundle: one self-contained index.html that opens from file://.

It holds the map (Leaflet and the Natural Earth basemap inlined), the filtered sites, the
comparison charts as inline SVG, the table, the sources with their as-of dates, a citation
block and the tour as slides. Nothing is fetched: no CDN, no tiles, no fonts. All data text
goes through ``text.esc``; JSON for the slide script is written so that ``</script>`` in a
string cannot end the script.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from importlib import resources
from urllib.parse import quote, urlencode

import pandas as pd
from jinja2 import Environment, FunctionLoader
from markupsafe import Markup

from ..dataset import Dataset
from ..map.elements import script_json
from ..map.sites import bounds_of
from ..map.standalone import full_map, inline_assets
from ..map.tiles import TileSource
from ..read.fields import METRICS, label, source_col
from ..read.schema import is_reported
from ..read.values import fmt_value
from ..view.filters import FilterState, apply_filters, describe, not_reported_counts
from ..view.share import ViewState, encode
from ..view.tours import Tour
from ..words.about import about_lines
from ..words.cite import Citation
from ..words.i18n import category_label, city, confidence_label, html_lang, is_zh, name_col, t
from ..words.text import esc, km
from ..words.vocab import is_english
from . import charts
from .export import to_geojson
from .sources import by_publisher, cited_ids, heading, publisher_qualifier, refs

TABLE_FIELDS = (
    "area_km2",
    "investment_cny_bn",
    "scientists",
    "residents_planned",
    "daily_crossings",
    "year_established",
    "status",
)


def _template_text(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    # Every value is escaped as ``text.esc`` escapes (backticks and $ too) unless it is
    # Markup: the map's own parts, the charts' SVG, the slides already rendered here.
    return Environment(
        loader=FunctionLoader(_template_text),
        autoescape=True,
        finalize=lambda v: v if isinstance(v, Markup) else Markup(esc(v)),
        keep_trailing_newline=True,
    )


def _render(name: str, **values: object) -> str:
    return _environment().get_template(name).render(**values)


def _chart_svg(chart) -> str:
    return re.sub(r"<\?xml[^>]*>", "", charts.chart_image(chart.to_dict(), "svg"))


def _table(sites: pd.DataFrame, lang: str, numbers: dict[str, int]) -> dict:
    """The sites table; each figure cell names its source by its number in the sources list
    (``numbers``), linked to that entry."""
    zh_name = name_col(lang) if is_zh(lang) else "name_zh"
    zh_lang = html_lang(lang) if is_zh(lang) else "zh-Hans"
    head = [label(f, lang) for f in ("name_en", zh_name, "category", "city", *TABLE_FIELDS)]
    rows = []
    for _, row in sites.iterrows():
        cells = [
            {"text": row["name_en"], "lang": _english(row["name_en"], lang)},
            {"text": row[zh_name], "lang": zh_lang},
            {"text": category_label(row["category"], lang)},
            {"text": city(row["city"], lang)},
        ]
        for f in TABLE_FIELDS:
            value = row[f]
            cell = {"text": fmt_value(f, value, lang, unit=False), "nr": not is_reported(value)}
            source = row.get(source_col(f)) if is_reported(value) else None
            if source in numbers:
                cell["source"] = {"n": numbers[source], "id": _anchor(source)}
            cells.append(cell)
        rows.append(cells)
    return {"head": head, "rows": rows}


def _english(text: object, lang: str) -> str | None:
    """'en' for data text written in English on a Chinese bundle (its ``lang`` attribute), else None."""
    return "en" if is_zh(lang) and is_english(text) else None


def _anchor(source_id: str) -> str:
    return "src-" + re.sub(r"[^A-Za-z0-9_-]", "-", source_id)


def _sources(ds: Dataset, sites: pd.DataFrame, lang: str) -> tuple[list[dict], dict[str, int]]:
    """The sources the shown figures rest on, grouped by publisher and numbered in that
    order: each with its title (a link where it has a URL), date, confidence and summary."""
    table = ds.sources.set_index("source_id")
    groups = []
    numbers: dict[str, int] = {}
    for name, items in by_publisher(refs(ds.sources, cited_ids(sites))):
        entries = []
        title, known = heading(name, items, lang)
        for ref in items:
            numbers[ref.source_id] = len(numbers) + 1
            s = table.loc[ref.source_id]
            why = "" if ref.url else t("source_archive_copy" if ref.archive else "source_no_url", lang)
            entries.append(
                {
                    "n": numbers[ref.source_id],
                    "id": _anchor(ref.source_id),
                    "title": ref.title,
                    "title_lang": _english(ref.title, lang),
                    "url": ref.url,
                    "why": why,
                    "qualifier": "" if known else publisher_qualifier(ref.publisher),
                    "date": ref.date,
                    "item": t("b_source_item", lang, as_of=s["as_of"], conf=confidence_label(s["confidence"], lang)),
                    "summary": s["summary"],
                    "summary_lang": _english(s["summary"], lang),
                }
            )
        groups.append({"publisher": title, "publisher_lang": _english(title, lang), "items": entries})
    return groups, numbers


def _scene_data(ds: Dataset, tour: Tour) -> list[dict]:
    out = []
    for scene in tour.scenes:
        subset = apply_filters(ds.sites, scene.view.filters)
        out.append(
            {"center": list(scene.center) if scene.center else None, "zoom": scene.zoom, "bounds": bounds_of(subset)}
        )
    return out


def _slides(ds: Dataset, tour: Tour | None, lang: str) -> tuple[str, str | None]:
    """The tour's slides (HTML) and their scenes' views (JSON for the slide script)."""
    if tour is None:
        return "", None
    scenes = []
    for scene in tour.scenes:
        subset = apply_filters(ds.sites, scene.view.filters)
        names = ", ".join(subset[name_col(lang)].head(12))
        scenes.append({"heading": scene.heading(lang), "text": scene.text(lang), "names": names})
    html = _render(
        "slides.html.j2",
        heading=t("b_tour", lang, name=tour.heading(lang)),
        scenes=scenes,
        prev=t("b_prev", lang),
        next=t("b_next", lang),
        keys=t("b_keys", lang),
    )
    return html, script_json(_scene_data(ds, tour))


def build_site(
    ds: Dataset,
    *,
    categories: tuple[str, ...] = (),
    tour: Tour | None = None,
    lang: str = "en",
    filters: FilterState | None = None,
    today: dt.date | None = None,
    tiles: TileSource | None = None,
) -> str:
    """The whole bundle as one HTML string (online ``tiles`` replace the offline basemap
    when the reader's browser can fetch them)."""
    state = filters or FilterState(categories=categories)
    sites = apply_filters(ds.sites, state)
    sentence = describe(state, len(sites), len(ds.sites), lang=lang, not_reported=not_reported_counts(ds.sites, state))
    latest = ds.as_of_state == "latest"
    # The bundle says which figures it holds, in its read-back and its citation.
    sentence += f" ({t('state_latest' if latest else 'state_2019', lang)})"
    m = full_map(ds.basemap, sites, lang=lang, tiles=tiles, places=ds.places, mark_changed=latest)
    figure = m.get_root()
    figure.render()  # renders the map's elements into the figure's header, body and script

    query = encode(ViewState(filters=state, lang=lang, asof=ds.as_of_state))
    # Encoded as a browser would: a value holding '&' or '=' must not become another parameter.
    link = "?" + urlencode(query, quote_via=quote) if query else "(all sites, default view)"
    today = today or dt.date.today()
    figures = [
        {"svg": Markup(_chart_svg(chart) if chart is not None else ""), "caption": caption}
        # At the exports' width: without one, Vega draws 300 px and the names crowd out the plot.
        for chart, caption in (
            charts.metric_chart(sites, "area_km2", lang, width=charts.EXPORT_WIDTH),
            charts.metric_chart(sites, "investment_cny_bn", lang, width=charts.EXPORT_WIDTH),
            charts.ratio_chart(sites, lang, width=charts.EXPORT_WIDTH),
            charts.timeline_chart(sites, lang, width=charts.EXPORT_WIDTH),
            charts.context_chart(ds.city_context, lang, width=charts.EXPORT_WIDTH),
        )
    ]
    slides_html, slides_data = _slides(ds, tour, lang)
    title = t("title", lang)
    # The same citation as the page's "Cite this view"; offline, the link is the query alone.
    citation = Citation(
        title=title,
        version=ds.version or t("unversioned", lang),
        as_of=ds.as_of,
        accessed=today,
        url=link,
        view=sentence,
    )
    source_groups, numbers = _sources(ds, sites, lang)
    geojson = to_geojson(sites, sources=ds.sources, version=ds.version, as_of=ds.as_of_state)
    radii = sites["location_uncertainty_m"]
    locs = sorted({(r["location_confidence"], r["location_source"]) for _, r in sites.iterrows()})
    return _render(
        "bundle.html.j2",
        lang=html_lang(lang),
        title=title,
        sentence=sentence,
        cite_label=t("b_cite", lang),
        citation=citation.text(lang),
        metrics=t("b_metrics", lang, metrics=", ".join(label(f.name, lang) for f in METRICS)),
        map_header=Markup(inline_assets(figure.header.render())),
        map_html=Markup(figure.html.render()),
        map_script=Markup(figure.script.render()),
        map_name=Markup(m.get_name()),
        css=Markup(_template_text("bundle.css")),
        sites=len(sites) > 0,
        slides=Markup(slides_html),
        charts_title=t("b_charts", lang),
        figures=figures,
        sites_title=t("b_sites", lang, n=len(sites)),
        table=_table(sites, lang, numbers),
        sources_title=t("b_sources", lang),
        sources=source_groups,
        sites_data=Markup(script_json(json.loads(geojson))),
        positions=t("b_positions", lang, n=sum(1 for c, _ in locs if c == "low")),
        about_title=t("about_map", lang),
        about=about_lines(as_of=ds.as_of_dates, tiles=tiles, lang=lang),
        uncertainty=t("b_unc", lang, lo=km(radii.min(), lang), hi=km(radii.max(), lang)) if len(sites) else "",
        no_sites=t("no_sites", lang),
        slides_data=None if slides_data is None else Markup(slides_data),
        slides_js=Markup(_template_text("slides.js")),
    )
