""" "About this map": what the map's positions, lines, names and tiles are, in plain text.

One list of sentences for the page and the offline bundle, each caller escaping for its
sink. It states what a careful reader asks before trusting a position: the datum (WGS-84,
never GCJ-02), where the lines and names come from and under which licence, and how old
the figures are.
"""

from __future__ import annotations

import html
import re

from .tiles import TileSource

_TAG = re.compile(r"<[^>]*>")


def plain(attribution: str) -> str:
    """An attribution's HTML as the text a reader sees."""
    return html.unescape(_TAG.sub("", attribution)).strip()


def about_lines(*, as_of: list[str], tiles: TileSource | None, lang: str = "en") -> list[str]:
    dates = ", ".join(as_of) or "-"
    zh = lang == "zh"
    if tiles is None:
        tile_line = (
            "在线瓦片：已关闭，仅显示离线底图。" if zh else "Online tiles: off; the map shows the offline basemap only."
        )
    elif zh:
        tile_line = (
            f"在线瓦片（浏览器可访问时显示）：{tiles.name}，{plain(tiles.attribution)}。无法访问时显示离线底图。"
        )
    else:
        tile_line = (
            f"Online tiles, shown when your browser reaches them: {tiles.name}, {plain(tiles.attribution)}. "
            "Otherwise the offline basemap is shown."
        )
    if zh:
        return [
            "坐标为 WGS-84（EPSG:4326）；本数据集没有任何位置取自 GCJ-02 来源（高德、百度、腾讯），"
            "地图也不提供 GCJ-02 瓦片（其位置会偏移数百米）。",
            "行政边界与海岸线：Natural Earth 1:10m（公有领域）。",
            "地名：GeoNames（CC BY 4.0），中文名称由本项目校订。",
            tile_line,
            f"数据截至：{dates}（除注明的较新来源外，数字均来自 2019 年新闻）；标为低可信度的位置为估计值，"
            "并以圆圈表示其不确定范围。",
        ]
    return [
        "Coordinates are WGS-84 (EPSG:4326). No position in this dataset came from a GCJ-02 source "
        "(Amap, Baidu, Tencent), and no GCJ-02 tiles are offered: they would sit a few hundred metres off.",
        "Boundaries and coast: Natural Earth 1:10m (public domain).",
        "Place names: GeoNames (CC BY 4.0), with the Chinese names curated by this project.",
        tile_line,
        f"Data as of {dates} (figures from 2019 news unless a later source is named). Positions marked "
        "low confidence are estimates, drawn with a circle of their uncertainty.",
    ]
