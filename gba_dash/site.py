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
from urllib.parse import quote, urlencode

import pandas as pd

from . import charts
from .about import about_lines
from .cite import Citation
from .dataset import SOURCED, Dataset, source_col
from .fields import METRICS, label
from .filters import FilterState, apply_filters, describe, not_reported_counts
from .i18n import category_label, city, confidence_label, html_lang, is_zh, name_col, t
from .mapview import bounds_of, full_map, inline_assets
from .schema import is_reported
from .share import ViewState, encode
from .text import esc, fmt_value, km
from .tiles import TileSource
from .tours import Tour

TABLE_FIELDS = (
    "area_km2",
    "investment_cny_bn",
    "scientists",
    "residents_planned",
    "daily_crossings",
    "year_established",
    "status",
)

CSS = """
body { font: 16px/1.5 "Noto Sans", "Noto Sans CJK SC", system-ui, sans-serif; margin: 0; color: #1a1a1a; }
html, body { height: auto !important; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
.folium-map { position: relative !important; height: 560px !important; width: 100% !important; }
.map-wrap { max-width: 1100px; margin: 0 auto; padding: 0 1.5rem; }
h1 { margin: 0.2em 0; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
.cite { background: #f5f7fa; border-left: 4px solid #0072B2; padding: 0.6em 1em; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 4px 6px; text-align: left; vertical-align: top; }
td.num { text-align: right; } .nr { color: #777; font-style: italic; }
figure { margin: 1.5em 0; } figcaption { color: #444; font-size: 14px; }
figure svg { max-width: 100%; height: auto; }
.slides { border: 1px solid #ccc; border-radius: 6px; padding: 1em; }
.slide { display: none; } .slide.active { display: block; }
.slide-nav { display: flex; gap: 0.5em; align-items: center; margin-top: 0.8em; }
button { font: inherit; padding: 0.3em 0.9em; }
"""

SLIDE_JS = """
(function () {
  var data = JSON.parse(document.getElementById("gba-slides").textContent);
  var slides = document.querySelectorAll(".slide");
  var counter = document.getElementById("slide-counter");
  var current = 0;
  function show(i) {
    if (!slides.length) return;
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, k) { s.classList.toggle("active", k === current); });
    counter.textContent = (current + 1) + " / " + slides.length;
    var scene = data[current];
    var map = window.gbaMap;
    if (map && scene) {
      // No animation: Leaflet drops a new view asked for while a zoom animation runs.
      if (scene.center && scene.zoom) { map.setView(scene.center, scene.zoom, {animate: false}); }
      else if (scene.bounds) { map.fitBounds(scene.bounds, {padding: [20, 20], animate: false}); }
    }
  }
  document.getElementById("slide-prev").addEventListener("click", function () { show(current - 1); });
  document.getElementById("slide-next").addEventListener("click", function () { show(current + 1); });
  document.addEventListener("keydown", function (e) {
    if (e.target && /input|textarea|select/i.test(e.target.tagName)) return;
    if (e.key === "ArrowRight") show(current + 1);
    if (e.key === "ArrowLeft") show(current - 1);
  });
  show(0);
})();
"""


def _json_for_script(value: object) -> str:
    """JSON safe inside <script>: '<' escaped so no string can close the element."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


def _chart_svg(chart) -> str:
    return re.sub(r"<\?xml[^>]*>", "", charts.chart_image(chart.to_dict(), "svg"))


def _figure(chart, caption: str) -> str:
    body = _chart_svg(chart) if chart is not None else ""
    return f'<figure role="img" aria-label="{esc(caption)}">{body}<figcaption>{esc(caption)}</figcaption></figure>'


def _table(sites: pd.DataFrame, lang: str) -> str:
    zh_name = name_col(lang) if is_zh(lang) else "name_zh"
    head = "".join(f"<th>{esc(label(f, lang))}</th>" for f in ("name_en", zh_name, "category", "city", *TABLE_FIELDS))
    rows = []
    for _, row in sites.iterrows():
        cells = [
            esc(row["name_en"]),
            f'<span lang="{html_lang(lang) if is_zh(lang) else "zh-Hans"}">{esc(row[zh_name])}</span>',
            esc(category_label(row["category"], lang)),
            esc(city(row["city"], lang)),
        ]
        for f in TABLE_FIELDS:
            value = row[f]
            text = esc(fmt_value(f, value, lang, unit=False))
            cells.append(text if is_reported(value) else f'<span class="nr">{text}</span>')
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _sources(ds: Dataset, sites: pd.DataFrame, lang: str) -> str:
    used = {s for f in SOURCED for s in sites[source_col(f.name)] if s}
    items = []
    for _, s in ds.sources[ds.sources["source_id"].isin(used)].iterrows():
        conf = confidence_label(s["confidence"], lang)
        item = t("b_source_item", lang, as_of=s["as_of"], conf=conf)
        items.append(
            f"<li><strong>{esc(s['title'])}</strong> — {esc(s['publisher'])}; {esc(item)} {esc(s['summary'])}</li>"
        )
    locs = sorted({(r["location_confidence"], r["location_source"]) for _, r in sites.iterrows()})
    loc_note = f"<p>{esc(t('b_positions', lang, n=sum(1 for c, _ in locs if c == 'low')))}</p>"
    return f"<ul>{''.join(items)}</ul>{loc_note}"


def _scene_data(ds: Dataset, tour: Tour) -> list[dict]:
    out = []
    for scene in tour.scenes:
        subset = apply_filters(ds.sites, scene.view.filters)
        out.append(
            {"center": list(scene.center) if scene.center else None, "zoom": scene.zoom, "bounds": bounds_of(subset)}
        )
    return out


def _slides(ds: Dataset, tour: Tour | None, lang: str) -> tuple[str, str]:
    if tour is None:
        return "", ""
    sections = []
    for i, scene in enumerate(tour.scenes, 1):
        subset = apply_filters(ds.sites, scene.view.filters)
        names = ", ".join(subset[name_col(lang)].head(12))
        sections.append(
            f'<section class="slide" aria-roledescription="slide" aria-label="{i}">'
            f"<h3>{esc(scene.heading(lang))}</h3><p>{esc(scene.text(lang))}</p>"
            f'<p class="nr">{esc(names)}</p></section>'
        )
    html = (
        f'<h2>{esc(t("b_tour", lang, name=tour.heading(lang)))}</h2><div class="slides">{"".join(sections)}'
        f'<div class="slide-nav"><button id="slide-prev" type="button">{esc(t("b_prev", lang))}</button>'
        '<span id="slide-counter" aria-live="polite"></span>'
        f'<button id="slide-next" type="button">{esc(t("b_next", lang))}</button>'
        f'<span class="nr">{esc(t("b_keys", lang))}</span></div></div>'
    )
    script = (
        f'<script type="application/json" id="gba-slides">{_json_for_script(_scene_data(ds, tour))}</script>'
        f"<script>{SLIDE_JS}</script>"
    )
    return html, script


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
    html = inline_assets(m.get_root().render())
    map_name = m.get_name()

    query = encode(ViewState(filters=state, lang=lang, asof=ds.as_of_state))
    # Encoded as a browser would: a value holding '&' or '=' must not become another parameter.
    link = "?" + urlencode(query, quote_via=quote) if query else "(all sites, default view)"
    today = today or dt.date.today()
    charts_html = "".join(
        _figure(*c)
        for c in (
            charts.metric_chart(sites, "area_km2", lang),
            charts.metric_chart(sites, "investment_cny_bn", lang),
            charts.ratio_chart(sites, lang),
            charts.timeline_chart(sites, lang),
            charts.context_chart(ds.city_context, lang),
        )
    )
    slides_html, slides_script = _slides(ds, tour, lang)
    about = (
        f'<section class="about"><h2>{esc(t("about_map", lang))}</h2><ul>'
        + "".join(f"<li>{esc(line)}</li>" for line in about_lines(as_of=ds.as_of_dates, tiles=tiles, lang=lang))
        + "</ul></section>"
    )
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
    radii = sites["location_uncertainty_m"]
    unc = t("b_unc", lang, lo=km(radii.min()), hi=km(radii.max())) if len(sites) else ""
    header = (
        f"<main><h1>{esc(title)}</h1>"
        f'<p id="readback">{esc(sentence)}</p>'
        f'<div class="cite"><strong>{esc(t("b_cite", lang))}</strong> '
        + esc(citation.text(lang))
        + " "
        + esc(t("b_metrics", lang, metrics=", ".join(label(f.name, lang) for f in METRICS)))
        + "</div></main>"
        '<div class="map-wrap">'
    )
    body_rest = (
        "</div><main>"
        f"{slides_html}"
        f"<h2>{esc(t('b_charts', lang))}</h2>{charts_html}"
        f"<h2>{esc(t('b_sites', lang, n=len(sites)))}</h2>{_table(sites, lang)}"
        f"<h2>{esc(t('b_sources', lang))}</h2>{_sources(ds, sites, lang)}"
        f"{about}"
        f'<p class="nr">{esc(unc)}</p></main>'
        if len(sites)
        else f"</div><main><p>{esc(t('no_sites', lang))}</p>{about}</main>"
    )
    html = html.replace("<head>", f'<head><meta charset="utf-8"><title>{esc(title)}</title>', 1)
    html = html.replace("</head>", f"<style>{CSS}</style></head>", 1)
    html = re.sub(r"<body>", lambda _m: "<body>" + header, html, count=1)
    html = re.sub(r'(<div class="folium-map" id="[^"]+" ?></div>)', lambda mm: mm.group(1) + body_rest, html, count=1)
    tail = f"<script>window.gbaMap = {map_name};</script>{slides_script}"
    html = html.replace("</html>", tail + "</html>") if "</html>" in html else html + tail
    return html.replace("<html>", f'<html lang="{html_lang(lang)}">', 1)
