"""The words on the map itself (legend, credits, notes, its controls and a crowd's button),
as (English, Simplified Chinese, Traditional Chinese), merged into ``phrases.TEXT``."""

from __future__ import annotations

MAP: dict[str, tuple[str, str, str]] = {
    "legend": ("Legend", "图例", "圖例"),
    "legend_hide": ("Hide the legend", "隐藏图例", "隱藏圖例"),
    "legend_show": ("Show the legend", "显示图例", "顯示圖例"),
    "credits_toggle": ("Map credits", "地图来源", "地圖來源"),
    "basemap_note": (
        "Offline basemap: coast, water and place names only. Streets need online tiles (setting GBA_DASH_TILES).",
        "离线底图只有海岸线、水域和地名。街道需要在线瓦片（设置 GBA_DASH_TILES）。",
        "離線底圖只有海岸線、水域和地名。街道需要線上圖磚（設定 GBA_DASH_TILES）。",
    ),
    "legend_extent": ("dashed: indicative extent", "虚线：示意范围", "虛線：示意範圍"),
    "legend_unc": ("faint circle: location uncertainty", "浅色圆：位置误差", "淺色圓：位置誤差"),
    "fit": ("Zoom to shown sites", "缩放至显示的站点", "縮放至顯示的站點"),
    "crowd": ("{n} sites here: zoom in", "此处有{n}个站点：放大", "此處有{n}個站點：放大"),
    "fullscreen": ("Full screen", "全屏", "全螢幕"),
    "fullscreen_exit": ("Exit full screen", "退出全屏", "退出全螢幕"),
}
