"""The words of the map figure (PDF, SVG, PNG) and its downloads, as (English, Simplified
Chinese, Traditional Chinese), merged into ``phrases.TEXT``."""

from __future__ import annotations

FIGURE: dict[str, tuple[str, str, str]] = {
    "dl_fig_pdf": ("Map figure (PDF, vector)", "地图图片（PDF，矢量）", "地圖圖片（PDF，向量）"),
    "dl_fig_png": ("Map figure (PNG, 300 dpi)", "地图图片（PNG，300 dpi）", "地圖圖片（PNG，300 dpi）"),
    "dl_fig_svg": ("Map figure (SVG)", "地图图片（SVG）", "地圖圖片（SVG）"),
    "fig_source": (
        "Data: data version {version}, figures as of {as_of} ({state}). Boundaries: Natural Earth. "
        "Places: GeoNames (CC BY 4.0). Positions marked low confidence are estimates.",
        "数据：数据版本 {version}，数据截至 {as_of}（{state}）。边界：Natural Earth。地名：GeoNames（CC BY 4.0）。"
        "低可信度位置为估计值。",
        "資料：資料版本 {version}，資料截至 {as_of}（{state}）。邊界：Natural Earth。地名：GeoNames（CC BY 4.0）。"
        "低可信度位置為估計值。",
    ),
    "fig_link": ("This view online", "在线打开此视图", "在線打開此檢視"),
    "fig_north": ("N", "北", "北"),
    "fig_font_missing": (
        "The map figure cannot be drawn: the font {font} is not installed on the server ({hint}).",
        "无法绘制地图图片：服务器未安装字体 {font}（{hint}）。",
        "無法繪製地圖圖片：伺服器未安裝字型 {font}（{hint}）。",
    ),
}
