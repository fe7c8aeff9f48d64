"""The map as one file: base map and site layers with a layer control, its static assets
inlined, so it opens from disk with no network (the export and the offline bundle).
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import folium
import pandas as pd

from ..words.i18n import t
from ..words.text import esc
from .base import STATIC_DIR, STATIC_URL, base_map
from .elements import script_json
from .sites import bounds_of, site_layers
from .tiles import TileSource

if TYPE_CHECKING:  # a type only: the sources are grouped in a layer above the map
    from ..publish.sources import SourceRef


def full_map(
    basemap: dict,
    sites: pd.DataFrame,
    *,
    selected: str | None = None,
    lang: str = "en",
    static_url: str = STATIC_URL,
    tiles: TileSource | None = None,
    places: dict | None = None,
    mark_changed: bool = False,
) -> folium.Map:
    """Base map and site layers in one map, with a layer control: for export and tests.

    ``mark_changed`` (the latest-known view) rings the sites changed since 2019 and says so
    in the legend."""
    m = base_map(
        basemap,
        lang=lang,
        static_url=static_url,
        tiles=tiles,
        fit_to=bounds_of(sites),
        places=places,
        changed_legend=mark_changed,
    )
    for group in site_layers(sites, selected=selected, lang=lang, mark_changed=mark_changed):
        group.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    return m


def inline_assets(html: str, *, static_url: str = STATIC_URL, static_dir: Path = STATIC_DIR) -> str:
    """Replace the app's static <script src> and <link href> with their contents."""

    def read(url: str) -> str:
        return (static_dir / url[len(static_url) + 1 :]).read_text(encoding="utf-8")

    def script(match: re.Match) -> str:
        return "<script>" + read(match.group(1)).replace("</script", "<\\/script") + "</script>"

    def style(match: re.Match) -> str:
        css = read(match.group(1))
        base = (static_dir / match.group(1)[len(static_url) + 1 :]).parent
        css = re.sub(
            r"url\(['\"]?((?:images/)?[\w@.-]+\.(?:png|svg))['\"]?\)",
            lambda u: f"url({_data_uri(base / u.group(1))})",
            css,
        )
        return f"<style>{css}</style>"

    prefix = re.escape(static_url)
    html = re.sub(rf'<script src="({prefix}/[^"]+)"></script>', script, html)
    html = re.sub(rf'<link rel="stylesheet" href="({prefix}/[^"]+)"\s*/>', style, html)
    return html


def _data_uri(path: Path) -> str:
    mime = "image/svg+xml" if path.suffix == ".svg" else "image/png"
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def standalone_html(
    basemap: dict,
    sites: pd.DataFrame,
    *,
    selected: str | None = None,
    lang: str = "en",
    title: str = "GBA science build-out",
    places: dict | None = None,
    tiles: TileSource | None = None,
    mark_changed: bool = False,
    sources: list[tuple[str, list[SourceRef]]] | None = None,
    data: str | None = None,
) -> str:
    """A self-contained HTML map that opens from a file with no network (and shows
    ``tiles`` instead of the offline basemap when they load).

    ``sources`` (grouped by publisher) become a folded list of links in the map's corner;
    ``data`` (the GeoJSON export of the sites, each figure's source title, URL and date
    beside its id) travels in the file as a ``<script type="application/geo+json">``."""
    m = full_map(basemap, sites, selected=selected, lang=lang, tiles=tiles, places=places, mark_changed=mark_changed)
    m.get_root().header.add_child(folium.Element(f"<title>{esc(title)}</title>"))
    if sources:
        m.get_root().html.add_child(folium.Element(sources_html(sources, lang=lang)))
    if data is not None:
        payload = script_json(json.loads(data))
        m.get_root().html.add_child(
            folium.Element(f'<script type="application/geo+json" id="gba-sites">{payload}</script>')
        )
    html = m.get_root().render()
    return inline_assets(html)


def sources_html(groups: list[tuple[str, list[SourceRef]]], *, lang: str = "en") -> str:
    """The sources as a folded panel at the map's top edge: a button-sized
    summary that opens into the list, each title a link (new tab, no referrer) where the
    source has a URL. Every text is escaped here; URLs were checked at load to be http(s)."""
    items = []
    for publisher, refs in groups:
        cited = []
        for ref in refs:
            title = esc(ref.title)
            if ref.url:
                title = f'<a href="{esc(ref.url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
            else:
                why = t("source_archive_copy" if ref.archive else "source_no_url", lang)
                title = f"{title} <em>({esc(why)})</em>"
            cited.append(f"<li>{title}, {esc(ref.date)}</li>")
        items.append(f"<li><strong>{esc(publisher)}</strong><ul>{''.join(cited)}</ul></li>")
    count = sum(len(refs) for _, refs in groups)
    summary = esc(t("about_sources", lang, n=count))
    return f'<details class="gba-map-sources"><summary>{summary}</summary><ul>{"".join(items)}</ul></details>'
