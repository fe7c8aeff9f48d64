"""The page's own strings (English, Chinese) and the one picker, ``tr``.

Labels of data fields come from ``fields.py``; these are the page's words around them.
"""

from __future__ import annotations

UI: dict[str, tuple[str, str]] = {
    "tiles_off": (
        "Online tiles are off: the map shows the offline basemap.",
        "在线瓦片已关闭：地图显示离线底图。",
    ),
    "title": ("Greater Bay Area science build-out", "粤港澳大湾区科学城建设"),
    "subtitle": (
        "Science cities, the Daya Bay AI park, border checkpoints and facilities, as reported in 2019 news. "
        "Every figure carries its source and as-of date; positions marked low confidence are estimates.",
        "科学城、大亚湾人工智能产业园、口岸与科研设施（据2019年新闻报道）。每项数据均注明来源与日期；低可信度位置为估计值。",
    ),
    "filters": ("Filters", "筛选"),
    "lang": ("Language / 语言", "语言 / Language"),
    "category": ("Category", "类别"),
    "city": ("City", "城市"),
    "focus": ("Focus area or industry", "重点领域或产业"),
    "search": ("Search names (English or Chinese)", "搜索名称（中英文）"),
    "years": ("Milestone years", "里程碑年份"),
    "keep": ("Keep sites whose figure is not reported", "保留未报告该数据的站点"),
    "keep_help": (
        "A numeric range cannot test a figure that was never reported. Checked: such sites stay on the map and "
        "the sentence above counts them. Unchecked: they are left out, and counted too.",
        "数值范围无法检验未报告的数据。勾选：这些站点保留并计数；不勾选：它们被排除并计数。",
    ),
    "reset": ("Reset filters", "重置筛选"),
    "map": ("Map", "地图"),
    "about_map": ("About this map", "关于本地图"),
    "details": ("Details", "详情"),
    "select_site": ("Selected site", "选中站点"),
    "none": ("(none: click a site on the map or a table row)", "（无：点击地图上的站点或表格行）"),
    "compare": ("Compare", "比较"),
    "metric": ("Metric", "指标"),
    "ratios": ("Ratios", "比率"),
    "timeline": ("Timeline", "时间线"),
    "context": ("City context", "城市背景"),
    "table": ("Sites table", "站点表"),
    "downloads": ("Downloads", "下载"),
    "dl_csv": ("Filtered sites (CSV)", "筛选结果（CSV）"),
    "dl_geojson": ("Filtered sites (GeoJSON)", "筛选结果（GeoJSON）"),
    "dl_map": ("Map (standalone HTML, works offline)", "地图（独立HTML，可离线打开）"),
    "share": (
        "Share this view: the address bar holds the filters, selection, metric and language.",
        "分享此视图：地址栏包含筛选、选中站点、指标和语言。",
    ),
    "data_error": ("The data directory has problems; nothing was loaded.", "数据目录有问题，未加载任何数据。"),
    "loading": ("Loading data…", "正在加载数据…"),
    "building_map": ("Drawing the map…", "正在绘制地图…"),
    "source": ("Source", "来源"),
    "as_of": ("as of", "截至"),
    "location": ("Location", "位置"),
    "subprojects": ("Sub-projects", "子项目"),
    "stories": ("Stories that mention it", "相关报道"),
    "part_of": ("Part of", "所属"),
    "not_reported": ("Not reported", "未报告"),
    "present": ("Presenter mode", "演示模式"),
    "present_help": (
        "Hide the sidebar, enlarge the page and step through the tour with ← and →.",
        "隐藏侧栏、放大页面，用 ← 和 → 逐场景演示。",
    ),
    "tour": ("Tour", "导览"),
    "prev": ("Previous", "上一场景"),
    "next": ("Next", "下一场景"),
    "exit": ("Exit presenter mode", "退出演示模式"),
    "scene_of": ("Scene {n} of {m}", "第 {n} / {m} 个场景"),
    "save_scene": ("Save this view as a scene", "将当前视图保存为场景"),
    "scene_title": ("Scene title", "场景标题"),
    "scene_notes": ("Scene notes", "场景说明"),
    "download_tour": ("Download tour with this scene (JSON)", "下载包含此场景的导览（JSON）"),
    "new_scene": ("New scene", "新场景"),
    "png": ("PNG", "PNG"),
    "svg": ("SVG", "SVG"),
    "own": ("Your own layer", "自有图层"),
    "own_upload": ("CSV (latitude/longitude columns) or GeoJSON points", "CSV（含经纬度列）或 GeoJSON 点"),
    "own_synth": ("…or a synthetic test layer", "……或合成测试图层"),
    "own_none": ("none", "无"),
    "own_synth_n": ("synthetic, {n:,} points (not real data)", "合成数据，{n:,} 个点（非真实数据）"),
    "own_radius": ("Radius for 'near each site' (km)", "“站点周边”半径（公里）"),
    "own_lat": ("Latitude column", "纬度列"),
    "own_lon": ("Longitude column", "经度列"),
    "own_bad": ("Your layer was not loaded:", "自有图层未加载："),
    "near": ("What lies near each site", "各站点周边"),
    "near_caption": (
        "Points of “{name}” within {r:g} km of each shown site's symbol ({n:,} points in all; drawn as {how}).",
        "“{name}”中距各站点 {r:g} 公里内的点数（共 {n:,} 个点；{how}）。",
    ),
    "drawn_raw": ("one circle per point", "每点一圆"),
    "drawn_grid": ("grid cells of {deg:g}°, circle size by count", "{deg:g}° 网格汇总，圆大小表示数量"),
    "dl_site": ("Offline share bundle (index.html)", "离线分享包（index.html）"),
    "no_figures": ("No figures reported for this site.", "该站点没有报告数据。"),
    "nothing_selected": (
        "Select a site to see its figures, sources, sub-projects and stories.",
        "选择一个站点以查看其数据、来源、子项目和报道。",
    ),
    "table_alt": ("Table of the filtered sites with their main figures", "筛选后站点及主要数据的表格"),
    "no_sites": ("No site matches these filters.", "没有符合筛选条件的站点。"),
    "nearest": ("Nearest sites", "最近的站点"),
    "nearest_note": (
        "straight-line distance between the symbols; each position carries its own uncertainty",
        "符号之间的直线距离；每个位置各有其误差范围",
    ),
    "tour_disabled": (
        "A tour file has problems and is disabled (the data loaded):",
        "导览文件有问题，已停用（数据已加载）：",
    ),
}


def tr(key: str, lang: str) -> str:
    en, zh = UI[key]
    return zh if lang == "zh" else en
