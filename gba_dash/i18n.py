"""Every user-facing word of the dashboard in its three languages, and the one picker.

Languages are ``en``, ``zh`` (Simplified Chinese; ``zh-Hans`` is accepted as an alias in
links) and ``zh-Hant`` (Traditional Chinese, for Hong Kong and Macao readers). Every entry
is a tuple in that order; a test checks that each has all three with the same
placeholders. The Traditional text was converted with OpenCC (``s2hk``) and then curated:
Hong Kong usage where it differs from character conversion (資料, 載入, 搜尋, 全螢幕, 儲存).
Field labels live beside their fields (``fields.py``), three to a field, and data text
(site names) in the data (``name_zh_hant``), checked by ``gba-dash check``.
"""

from __future__ import annotations

LANGS: tuple[str, ...] = ("en", "zh", "zh-Hant")
DEFAULT_LANG = "en"
# Link spellings that mean one of LANGS (BCP 47 is case-insensitive).
_ALIASES = {
    "en": "en",
    "zh": "zh",
    "zh-hans": "zh",
    "zh-cn": "zh",
    "zh-hant": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-tw": "zh-Hant",
}
# What each language is called in the language control, in itself.
LANG_NAMES = {"en": "English", "zh": "简体中文", "zh-Hant": "繁體中文"}


def parse_lang(raw: str | None) -> str | None:
    """The language a link or a CLI flag names, or None when it names none of ours."""
    if raw is None:
        return None
    return _ALIASES.get(raw.strip().lower())


def is_zh(lang: str) -> bool:
    """Chinese in either script: the word order and punctuation are the same."""
    return lang in ("zh", "zh-Hant")


def html_lang(lang: str) -> str:
    """The BCP 47 tag for an HTML ``lang`` attribute (fonts pick glyph shapes by it)."""
    return {"zh": "zh-Hans", "zh-Hant": "zh-Hant"}.get(lang, "en")


def name_col(lang: str, base: str = "name") -> str:
    """The data column holding a name in ``lang``: name_en, name_zh or name_zh_hant."""
    return {"zh": f"{base}_zh", "zh-Hant": f"{base}_zh_hant"}.get(lang, f"{base}_en")


def pick(entry: tuple[str, str, str], lang: str) -> str:
    """One language out of an (en, zh, zh-Hant) tuple."""
    return entry[{"zh": 1, "zh-Hant": 2}.get(lang, 0)]


def t(key: str, lang: str, **kw: object) -> str:
    """The text ``key`` in ``lang``, with its placeholders filled."""
    text = pick(TEXT[key], lang)
    return text.format(**kw) if kw else text


def city(name: str, lang: str) -> str:
    """A GBA city's name in ``lang`` (the English name when it is not one of the eleven)."""
    return pick(CITY_NAMES[name], lang) if name in CITY_NAMES else name


def category_label(category: str, lang: str) -> str:
    return pick(CATEGORY_LABELS[category], lang) if category in CATEGORY_LABELS else category


def status_label(status: str, lang: str) -> str:
    return pick(STATUS_LABELS[status], lang) if status in STATUS_LABELS else status


def confidence_label(confidence: str, lang: str) -> str:
    return pick(CONFIDENCE_LABELS[confidence], lang) if confidence in CONFIDENCE_LABELS else confidence


TEXT: dict[str, tuple[str, str, str]] = {
    "age_years": ("{n} years ago", "{n}年前", "{n}年前"),
    "age_recent": ("less than a year ago", "不到一年前", "不到一年前"),
    "outdated": ("possibly outdated", "可能已过时", "可能已過時"),
    "outdated_help": (
        "Older than {n} years: the figure may have changed since.",
        "超过 {n} 年：此后数字可能已有变化。",
        "超過 {n} 年：此後數字可能已有變化。",
    ),
    "cite_text": (
        "{authors}. {title} (data version {version}; data as of {as_of}). Accessed {accessed}. View: {view}. {url}",
        "{authors}。《{title}》（数据版本 {version}；数据截至 {as_of}）。访问于 {accessed}。视图：{view}。{url}",
        "{authors}。《{title}》（資料版本 {version}；資料截至 {as_of}）。訪問於 {accessed}。檢視：{view}。{url}",
    ),
    "cite": ("Cite this view", "引用此视图", "引用此檢視"),
    "cite_caption": (
        "Paste this citation, or download it for a reference manager. The link opens this exact view.",
        "复制此引用，或下载到文献管理软件。链接打开的就是当前视图。",
        "複製此引用，或下載到文獻管理軟件。鏈接打開的就是當前檢視。",
    ),
    "data_version": (
        "Data version {version} · figures as of {as_of}",
        "数据版本 {version} · 数据截至 {as_of}",
        "資料版本 {version} · 資料截至 {as_of}",
    ),
    "unversioned": ("unversioned", "未标版本", "未標版本"),
    "b_tour": ("Tour: {name}", "导览：{name}", "導覽：{name}"),
    "b_prev": ("← Previous", "← 上一场景", "← 上一場景"),
    "b_next": ("Next →", "下一场景 →", "下一場景 →"),
    "b_keys": (
        "(arrow keys work too; each slide moves the map)",
        "（也可用方向键；每个场景都会移动地图）",
        "（也可用方向鍵；每個場景都會移動地圖）",
    ),
    "b_cite": ("Cite as:", "引用：", "引用："),
    "b_metrics": ("Metrics available: {metrics}.", "可用指标：{metrics}。", "可用指標：{metrics}。"),
    "b_charts": ("Comparison charts", "比较图表", "比較圖表"),
    "b_sites": ("Sites ({n})", "站点（{n}）", "站點（{n}）"),
    "b_sources": ("Sources", "来源", "來源"),
    "b_unc": (
        "Uncertainty of positions ranges from {lo} to {hi}.",
        "位置误差范围为 {lo} 至 {hi}。",
        "位置誤差範圍為 {lo} 至 {hi}。",
    ),
    "b_source_item": (
        "as of {as_of}; confidence {conf}.",
        "截至 {as_of}；可信度：{conf}。",
        "截至 {as_of}；可信度：{conf}。",
    ),
    "b_positions": (
        "Positions: {n} distinct low-confidence estimates; each site's uncertainty radius is in its tooltip. Extents of science cities and the AI park are indicative circles of the reported area, not official boundaries.",
        "位置：{n} 个不同的低可信度估计；各站点的误差半径见其提示框。科学城和人工智能产业园的范围是按报告面积绘制的示意圆，并非官方边界。",
        "位置：{n} 個不同的低可信度估計；各站點的誤差半徑見其提示框。科學城和人工智能產業園的範圍是按報告面積繪製的示意圓，並非官方邊界。",
    ),
    "about_tiles_off": (
        "Online tiles: off; the map shows the offline basemap only.",
        "在线瓦片：已关闭，仅显示离线底图。",
        "在線瓦片：已關閉，僅顯示離線底圖。",
    ),
    "about_tiles": (
        "Online tiles, shown when your browser reaches them: {name}, {attribution}. Otherwise the offline basemap is shown.",
        "在线瓦片（浏览器可访问时显示）：{name}，{attribution}。无法访问时显示离线底图。",
        "在線瓦片（瀏覽器可訪問時顯示）：{name}，{attribution}。無法訪問時顯示離線底圖。",
    ),
    "about_datum": (
        "Coordinates are WGS-84 (EPSG:4326). No position in this dataset came from a GCJ-02 source (Amap, Baidu, Tencent), and no GCJ-02 tiles are offered: they would sit a few hundred metres off.",
        "坐标为 WGS-84（EPSG:4326）；本数据集没有任何位置取自 GCJ-02 来源（高德、百度、腾讯），地图也不提供 GCJ-02 瓦片（其位置会偏移数百米）。",
        "座標為 WGS-84（EPSG:4326）；本資料集沒有任何位置取自 GCJ-02 來源（高德、百度、騰訊），地圖也不提供 GCJ-02 瓦片（其位置會偏移數百米）。",
    ),
    "about_lines": (
        "Boundaries and coast: Natural Earth 1:10m (public domain).",
        "行政边界与海岸线：Natural Earth 1:10m（公有领域）。",
        "行政邊界與海岸線：Natural Earth 1:10m（公有領域）。",
    ),
    "about_names": (
        "Place names: GeoNames (CC BY 4.0), with the Chinese names curated by this project.",
        "地名：GeoNames（CC BY 4.0），中文名称由本项目校订。",
        "地名：GeoNames（CC BY 4.0），中文名稱由本項目校訂。",
    ),
    "about_dates": (
        "Data as of {dates} (figures from 2019 news unless a later source is named). Positions marked low confidence are estimates, drawn with a circle of their uncertainty.",
        "数据截至：{dates}（除注明的较新来源外，数字均来自 2019 年新闻）；标为低可信度的位置为估计值，并以圆圈表示其不确定范围。",
        "資料截至：{dates}（除註明的較新來源外，數字均來自 2019 年新聞）；標為低可信度的位置為估計值，並以圓圈表示其不確定範圍。",
    ),
    "tiles_off": (
        "Online tiles are off: the map shows the offline basemap.",
        "在线瓦片已关闭：地图显示离线底图。",
        "在線瓦片已關閉：地圖顯示離線底圖。",
    ),
    "title": ("Greater Bay Area science build-out", "粤港澳大湾区科学城建设", "粵港澳大灣區科學城建設"),
    "subtitle": (
        "Science cities, the Daya Bay AI park, border checkpoints and facilities, as reported in 2019 news, with "
        "later reports beside them. Every figure carries its source and as-of date; positions marked low "
        "confidence are estimates.",
        "科学城、大亚湾人工智能产业园、口岸与科研设施（据2019年新闻报道，并列后续报道）。每项数据均注明来源与日期；低可信度位置为估计值。",
        "科學城、大亞灣人工智能產業園、口岸與科研設施（據2019年新聞報道，並列後續報道）。每項資料均註明來源與日期；低可信度位置為估計值。",
    ),
    "filters": ("Filters", "筛选", "篩選"),
    "lang": ("Language / 语言 / 語言", "语言 / Language", "語言 / Language"),
    "category": ("Category", "类别", "類別"),
    "city": ("City", "城市", "城市"),
    "focus": ("Focus area or industry", "重点领域或产业", "重點領域或產業"),
    "search": ("Search names (English or Chinese)", "搜索名称（中英文）", "搜尋名稱（中英文）"),
    "years": ("Milestone years", "里程碑年份", "里程碑年份"),
    "keep": ("Keep sites whose figure is not reported", "保留未报告该数据的站点", "保留未報告該資料的站點"),
    "keep_help": (
        "A numeric range cannot test a figure that was never reported. Checked: such sites stay on the map and "
        "the sentence above counts them. Unchecked: they are left out, and counted too.",
        "数值范围无法检验未报告的数据。勾选：这些站点保留并计数；不勾选：它们被排除并计数。",
        "數值範圍無法檢驗未報告的資料。勾選：這些站點保留並計數；不勾選：它們被排除並計數。",
    ),
    "reset": ("Reset filters", "重置筛选", "重置篩選"),
    "map": ("Map", "地图", "地圖"),
    "about_map": ("About this map", "关于本地图", "關於本地圖"),
    "details": ("Details", "详情", "詳情"),
    "select_site": ("Selected site", "选中站点", "選中站點"),
    "none": (
        "(none: click a site on the map or a table row)",
        "（无：点击地图上的站点或表格行）",
        "（無：點按地圖上的站點或表格行）",
    ),
    "compare": ("Compare", "比较", "比較"),
    "metric": ("Metric", "指标", "指標"),
    "ratios": ("Ratios", "比率", "比率"),
    "timeline": ("Timeline", "时间线", "時間線"),
    "context": ("City context", "城市背景", "城市背景"),
    "table": ("Sites table", "站点表", "站點表"),
    "downloads": ("Downloads", "下载", "下載"),
    "dl_csv": ("Filtered sites (CSV)", "筛选结果（CSV）", "篩選結果（CSV）"),
    "dl_geojson": ("Filtered sites (GeoJSON)", "筛选结果（GeoJSON）", "篩選結果（GeoJSON）"),
    "dl_map": ("Map (standalone HTML, works offline)", "地图（独立HTML，可离线打开）", "地圖（獨立HTML，可離線打開）"),
    "share": (
        "Share this view: the address bar holds the filters, selection, metric and language.",
        "分享此视图：地址栏包含筛选、选中站点、指标和语言。",
        "分享此檢視：地址欄包含篩選、選中站點、指標和語言。",
    ),
    "data_error": (
        "The data directory has problems; nothing was loaded.",
        "数据目录有问题，未加载任何数据。",
        "資料目錄有問題，未載入任何資料。",
    ),
    "loading": ("Loading data…", "正在加载数据…", "正在載入資料…"),
    "building_map": ("Drawing the map…", "正在绘制地图…", "正在繪製地圖…"),
    "panels_follow": (
        "The charts, table and downloads follow once the map has drawn…",
        "地图绘制完成后，图表、表格和下载随即显示…",
        "地圖繪製完成後，圖表、表格和下載隨即顯示…",
    ),
    "controls_follow": (
        "The filters and settings follow once the map has drawn…",
        "地图绘制完成后，筛选和设置随即显示…",
        "地圖繪製完成後，篩選和設定隨即顯示…",
    ),
    # A link's warnings (share.decode): what was ignored, named by its parameter.
    "link_unknown": (
        "Unknown link parameter '{name}' ignored.",
        "已忽略未知的链接参数“{name}”。",
        "已忽略未知的連結參數「{name}」。",
    ),
    "link_repeated": (
        "Link parameter '{param}' is given {n} times; the first is used.",
        "链接参数“{param}”出现了 {n} 次；使用第一个。",
        "連結參數「{param}」出現了 {n} 次；使用第一個。",
    ),
    "link_too_long": (
        "Link parameter '{param}' is {n} characters long (limit {limit}); ignored.",
        "链接参数“{param}”长 {n} 个字符（上限 {limit}）；已忽略。",
        "連結參數「{param}」長 {n} 個字元（上限 {limit}）；已忽略。",
    ),
    "link_too_many": (
        "Link parameter '{param}' lists {n} values (limit {limit}); ignored.",
        "链接参数“{param}”列出了 {n} 个值（上限 {limit}）；已忽略。",
        "連結參數「{param}」列出了 {n} 個值（上限 {limit}）；已忽略。",
    ),
    "link_unknown_value": (
        "Link parameter '{param}': unknown value '{value}' ignored.",
        "链接参数“{param}”：已忽略未知的值“{value}”。",
        "連結參數「{param}」：已忽略未知的值「{value}」。",
    ),
    "link_unknown_lang": (
        "Link parameter '{param}': unknown value '{value}' ignored (use {langs}).",
        "链接参数“{param}”：已忽略未知的值“{value}”（可用 {langs}）。",
        "連結參數「{param}」：已忽略未知的值「{value}」（可用 {langs}）。",
    ),
    "link_not_range": (
        "Link parameter '{param}': '{value}' is not two numbers low,high; ignored.",
        "链接参数“{param}”：“{value}”不是“下限,上限”两个数；已忽略。",
        "連結參數「{param}」：「{value}」不是「下限,上限」兩個數；已忽略。",
    ),
    "link_not_int_range": (
        "Link parameter '{param}': '{value}' is not two whole numbers low,high; ignored.",
        "链接参数“{param}”：“{value}”不是“下限,上限”两个整数；已忽略。",
        "連結參數「{param}」：「{value}」不是「下限,上限」兩個整數；已忽略。",
    ),
    "link_clamped": (
        "Link parameter '{param}': '{value}' reaches outside the data's range {lo}–{hi}; using {used}.",
        "链接参数“{param}”：“{value}”超出数据范围 {lo}–{hi}；改用 {used}。",
        "連結參數「{param}」：「{value}」超出資料範圍 {lo}–{hi}；改用 {used}。",
    ),
    "link_not_keep": (
        "Link parameter '{param}': '{value}' is not 'keep' or 'hide'; ignored.",
        "链接参数“{param}”：“{value}”不是 keep 或 hide；已忽略。",
        "連結參數「{param}」：「{value}」不是 keep 或 hide；已忽略。",
    ),
    "link_not_flag": (
        "Link parameter '{param}': '{value}' is not 1 or 0; ignored.",
        "链接参数“{param}”：“{value}”不是 1 或 0；已忽略。",
        "連結參數「{param}」：「{value}」不是 1 或 0；已忽略。",
    ),
    "link_not_scene": (
        "Link parameter '{param}': '{value}' is not a scene number; ignored.",
        "链接参数“{param}”：“{value}”不是场景编号；已忽略。",
        "連結參數「{param}」：「{value}」不是場景編號；已忽略。",
    ),
    "link_no_scene": (
        "Link parameter 'scene': there is no scene {n}; ignored.",
        "链接参数“scene”：没有第 {n} 个场景；已忽略。",
        "連結參數「scene」：沒有第 {n} 個場景；已忽略。",
    ),
    "link_more": ("And {parts}.", "另有：{parts}。", "另有：{parts}。"),
    "link_more_join": ("; and ", "；", "；"),
    "link_more_unknown": ("{n} more unknown parameters: {names}", "{n} 个未知参数：{names}", "{n} 個未知參數：{names}"),
    "link_more_unknown_one": ("1 more unknown parameter: {names}", "1 个未知参数：{names}", "1 個未知參數：{names}"),
    "link_more_other": ("{n} more ignored parts of the link", "链接中 {n} 处被忽略", "連結中 {n} 處被忽略"),
    "link_more_other_one": ("1 more ignored part of the link", "链接中 1 处被忽略", "連結中 1 處被忽略"),
    "link_dropped": (
        "This link holds {size}, more than the server accepts (1,000 parameters): none of them was applied, and the page shows the default view. Share a shorter link.",
        "此链接包含 {size}，超过服务器可接受的数量（1,000 个参数）：均未应用，页面显示默认视图。请分享更短的链接。",
        "此連結包含 {size}，超過伺服器可接受的數量（1,000 個參數）：均未套用，頁面顯示預設檢視。請分享更短的連結。",
    ),
    "link_dropped_params": ("{fields} parameters", "{fields} 个参数", "{fields} 個參數"),
    "link_dropped_chars": (" ({chars} characters)", "（{chars} 个字符）", "（{chars} 個字元）"),
    "link_dropped_query": ("a query", "一个查询", "一個查詢"),
    "source": ("Source", "来源", "來源"),
    "source_no_url": ("no public URL", "无公开网址", "無公開網址"),
    "source_archive_copy": (
        "the 2019 news archive; no public URL",
        "2019年新闻存档，无公开网址",
        "2019年新聞存檔，無公開網址",
    ),
    "as_of": ("as of", "截至", "截至"),
    "location": ("Location", "位置", "位置"),
    "subprojects": ("Sub-projects", "子项目", "子項目"),
    "stories": ("Stories that mention it", "相关报道", "相關報道"),
    "part_of": ("Part of", "所属", "所屬"),
    "not_reported": ("Not reported", "未报告", "未報告"),
    "present": ("Presenter mode", "演示模式", "演示模式"),
    "present_help": (
        "Hide the sidebar, enlarge the page and step through the tour with ← and →.",
        "隐藏侧栏、放大页面，用 ← 和 → 逐场景演示。",
        "隱藏側欄、放大頁面，用 ← 和 → 逐場景演示。",
    ),
    "tour": ("Tour", "导览", "導覽"),
    "prev": ("Previous", "上一场景", "上一場景"),
    "next": ("Next", "下一场景", "下一場景"),
    "exit": ("Exit presenter mode", "退出演示模式", "退出演示模式"),
    "scene_of": ("Scene {n} of {m}", "第 {n} / {m} 个场景", "第 {n} / {m} 個場景"),
    "save_scene": ("Save this view as a scene", "将当前视图保存为场景", "將當前檢視儲存為場景"),
    "scene_title": ("Scene title", "场景标题", "場景標題"),
    "scene_notes": ("Scene notes", "场景说明", "場景説明"),
    "download_tour": (
        "Download tour with this scene (JSON)",
        "下载包含此场景的导览（JSON）",
        "下載包含此場景的導覽（JSON）",
    ),
    "new_scene": ("New scene", "新场景", "新場景"),
    "png": ("PNG", "PNG", "PNG"),
    "svg": ("SVG", "SVG", "SVG"),
    "own": ("Your own layer", "自有图层", "自有圖層"),
    "own_upload": (
        "Points, areas or lines: CSV/TSV or Excel with latitude/longitude columns, GeoJSON, GeoPackage, zipped "
        "Shapefile, KML, FlatGeobuf or (Geo)Parquet",
        "点、区域或线：含经纬度列的 CSV/TSV 或 Excel，GeoJSON、GeoPackage、Shapefile（zip）、KML、FlatGeobuf 或 (Geo)Parquet",
        "點、區域或線：含經緯度列的 CSV/TSV 或 Excel，GeoJSON、GeoPackage、Shapefile（zip）、KML、FlatGeobuf 或 (Geo)Parquet",
    ),
    "own_gcj02": (
        "My coordinates are GCJ-02 (Amap, Tencent)",
        "坐标为 GCJ-02（高德、腾讯）",
        "座標為 GCJ-02（高德、騰訊）",
    ),
    "own_gcj02_help": (
        "Lists geocoded with Amap or Tencent maps are in GCJ-02, a few hundred metres off WGS-84; tick to convert "
        "them. Baidu's BD-09 is not handled.",
        "用高德或腾讯地图编码的坐标为 GCJ-02，与 WGS-84 相差数百米；勾选以转换。不支持百度 BD-09。",
        "用高德或騰訊地圖編碼的座標為 GCJ-02，與 WGS-84 相差數百米；勾選以轉換。不支援百度 BD-09。",
    ),
    "own_layer": ("Layer or sheet", "图层或工作表", "圖層或工作表"),
    "own_no_value": ("no value", "无数值", "無數值"),
    "own_figures": (
        "Your own figures: a CSV or Excel table keyed by site_id or site name, with numeric columns",
        "你的自有数据：以 site_id 或站点名称为键、含数值列的 CSV 或 Excel 表",
        "你的自有資料：以 site_id 或站點名稱為鍵、含數值列的 CSV 或 Excel 表",
    ),
    "own_figures_loaded": (
        "Your figures for {n} sites: {columns} (in the chart's Metric, the ratios and the table, marked as yours).",
        "你的数据涵盖 {n} 个站点：{columns}（见图表的指标、比率与表格，标为你的数据）。",
        "你的資料涵蓋 {n} 個站點：{columns}（見圖表的指標、比率與表格，標為你的資料）。",
    ),
    "own_unmatched": (
        "{n} rows match no site and are not used:",
        "{n} 行未匹配任何站点，未使用：",
        "{n} 行未匹配任何站點，未使用：",
    ),
    "own_figures_bad": ("Your figures were not loaded:", "自有数据未加载：", "自有資料未載入："),
    "own_include": (
        "Include my figures in the CSV and GeoJSON",
        "在 CSV 与 GeoJSON 中包含我的数据",
        "在 CSV 與 GeoJSON 中包含我的資料",
    ),
    "own_include_help": (
        "Adds your own figures as columns named “… (your data, not verified)”. Off: the downloads hold the "
        "curated data only.",
        "以“…（你的数据，未经核实）”为列名加入你的数据。关闭时下载只含整理后的数据。",
        "以「…（你的資料，未經核實）」為欄名加入你的資料。關閉時下載只含整理後的資料。",
    ),
    "own_figures_here": ("Your figures (not verified)", "你的数据（未经核实）", "你的資料（未經核實）"),
    "own_in_present": ("Show my layer in presenter mode", "演示模式中显示我的图层", "演示模式中顯示我的圖層"),
    "own_in_present_help": (
        "Off by default: your data is not projected unless you choose so.",
        "默认关闭：除非你选择，否则不会投影你的数据。",
        "預設關閉：除非你選擇，否則不會投影你的資料。",
    ),
    "own_in_link": (
        "This link was made with the sender's own layer switched on. Own layers never travel in links, so this "
        "map may show less than theirs.",
        "此链接生成时发送者开启了自有图层。自有图层不会随链接传送，因此地图可能比对方少显示内容。",
        "此鏈接生成時發送者開啟了自有圖層。自有圖層不會隨鏈接傳送，因此地圖可能比對方少顯示內容。",
    ),
    "own_unverified": ("your data, not verified", "你的数据，未经核实", "你的資料，未經核實"),
    "own_column": ("Value to map", "着色数值列", "著色數值列"),
    "own_scheme": ("Classes", "分级方式", "分級方式"),
    "own_scheme_quantiles": ("quantiles", "分位数", "分位數"),
    "own_scheme_natural_breaks": ("natural breaks", "自然断点", "自然斷點"),
    "own_no_numbers": (
        "No column of this layer holds numbers; its features are drawn in one colour.",
        "此图层没有数值列，要素以单色绘制。",
        "此圖層沒有數值列，要素以單色繪製。",
    ),
    "own_areas": ("Which of your areas holds each site", "各站点所在的自有区域", "各站點所在的自有區域"),
    "own_area": ("Your area", "自有区域", "自有區域"),
    "own_read_as": ("Read: {notes}.", "读取方式：{notes}。", "讀取方式：{notes}。"),
    "own_synth": ("…or a synthetic test layer", "……或合成测试图层", "……或合成測試圖層"),
    "own_none": ("none", "无", "無"),
    "own_synth_n": (
        "synthetic, {n:,} points (not real data)",
        "合成数据，{n:,} 个点（非真实数据）",
        "合成資料，{n:,} 個點（非真實資料）",
    ),
    "own_radius": ("Radius for 'near each site' (km)", "“站点周边”半径（公里）", "“站點周邊”半徑（公里）"),
    "own_lat": ("Latitude column", "纬度列", "緯度列"),
    "own_lon": ("Longitude column", "经度列", "經度列"),
    "own_bad": ("Your layer was not loaded:", "自有图层未加载：", "自有圖層未載入："),
    "near": ("What lies near each site", "各站点周边", "各站點周邊"),
    "near_caption": (
        "Points of “{name}” (your data, not verified) within {r:g} km of each shown site's symbol ({n:,} points "
        "in all; drawn as {how}).",
        "“{name}”（你的数据，未经核实）中距各站点 {r:g} 公里内的点数（共 {n:,} 个点；{how}）。",
        "“{name}”（你的資料，未經核實）中距各站點 {r:g} 公里內的點數（共 {n:,} 個點；{how}）。",
    ),
    "drawn_raw": ("one circle per point", "每点一圆", "每點一圓"),
    "drawn_grid": (
        "H3 hexagons of resolution {res}, shaded by the points in each",
        "H3 六边形（分辨率 {res}），颜色深浅表示点数",
        "H3 六邊形（解析度 {res}），顏色深淺表示點數",
    ),
    "own_per_hex": ("points per hexagon", "每个六边形的点数", "每個六邊形的點數"),
    "dl_site": ("Offline share bundle (index.html)", "离线分享包（index.html）", "離線分享包（index.html）"),
    "no_figures": ("No figures reported for this site.", "该站点没有报告数据。", "該站點沒有報告資料。"),
    "nothing_selected": (
        "Select a site to see its figures, sources, sub-projects and stories.",
        "选择一个站点以查看其数据、来源、子项目和报道。",
        "選擇一個站點以查看其資料、來源、子項目和報道。",
    ),
    "table_alt": (
        "Table of the filtered sites with their main figures",
        "筛选后站点及主要数据的表格",
        "篩選後站點及主要資料的表格",
    ),
    "no_sites": ("No site matches these filters.", "没有符合筛选条件的站点。", "沒有符合篩選條件的站點。"),
    "nearest": ("Nearest sites", "最近的站点", "最近的站點"),
    "nearest_note": (
        "straight-line distance between the symbols; each position carries its own uncertainty",
        "符号之间的直线距离；每个位置各有其误差范围",
        "符號之間的直線距離；每個位置各有其誤差範圍",
    ),
    "tour_disabled": (
        "A tour file has problems and is disabled (the data loaded):",
        "导览文件有问题，已停用（数据已加载）：",
        "導覽檔案有問題，已停用（資料已載入）：",
    ),
    "basemap": ("Natural Earth (offline)", "自然地球底图（离线）", "自然地球底圖（離線）"),
    "tiles": ("{name} (online)", "{name}（在线）", "{name}（在線）"),
    "uncertainty": ("Location uncertainty", "位置误差范围", "位置誤差範圍"),
    "selected": ("Selected site", "选中站点", "選中站點"),
    "extent": ("Indicative extent, not an official boundary", "示意范围，非官方边界", "示意範圍，非官方邊界"),
    "position": ("position ±", "位置 ±", "位置 ±"),
    "confidence": ("confidence", "可信度", "可信度"),
    "legend": ("Legend", "图例", "圖例"),
    "legend_extent": ("dashed: indicative extent", "虚线：示意范围", "虛線：示意範圍"),
    "legend_unc": ("faint circle: location uncertainty", "浅色圆：位置误差", "淺色圓：位置誤差"),
    "fit": ("Zoom to shown sites", "缩放至显示的站点", "縮放至顯示的站點"),
    "fullscreen": ("Full screen", "全屏", "全螢幕"),
    "fullscreen_exit": ("Exit full screen", "退出全屏", "退出全螢幕"),
    "chart_metric": ("Sites compared: {metric}", "站点比较：{metric}", "站點比較：{metric}"),
    "chart_ratios": ("Derived ratios", "派生比率", "派生比率"),
    "chart_timeline": ("Milestones", "时间线", "時間線"),
    "chart_context": ("5G base stations, 2019", "5G基站（2019年）", "5G基站（2019年）"),
    "all_sites": ("all sites", "全部站点", "全部站點"),
    "in_cities": (" in {cities}", "位于{cities}的", "位於{cities}的"),
    "focused_on": ("focused on {items}", "重点：{items}", "重點：{items}"),
    "matching": ("matching “{q}”", "名称含“{q}”", "名稱含“{q}”"),
    "year_in": ("a year in {lo}–{hi}", "年份 {lo}–{hi}", "年份 {lo}–{hi}"),
    "sites_head": ("{shown} of {total} sites: ", "显示 {shown} / {total} 个站点：", "顯示 {shown} / {total} 個站點："),
    "nr_kept_year": ("{n} without any year reported kept", "{n} 个未报告年份的站点保留", "{n} 個未報告年份的站點保留"),
    "nr_left_year": (
        "{n} without any year reported left out",
        "{n} 个未报告年份的站点未显示",
        "{n} 個未報告年份的站點未顯示",
    ),
    "nr_kept": ("{n} without {what} reported kept", "{n} 个未报告{what}的站点保留", "{n} 個未報告{what}的站點保留"),
    "nr_left": (
        "{n} without {what} reported left out",
        "{n} 个未报告{what}的站点未显示",
        "{n} 個未報告{what}的站點未顯示",
    ),
    "nr": ("not reported", "未报告", "未報告"),
    "chart_empty": (
        "No site in the current filter carries this figure.",
        "筛选后没有可比较的站点。",
        "篩選後沒有可比較的站點。",
    ),
    "chart_missing": (
        "not reported for {n} site(s): {sites}",
        "{n} 个站点未报告（{sites}）",
        "{n} 個站點未報告（{sites}）",
    ),
    "chart_unit": (" (unit: {unit})", "（单位：{unit}）", "（單位：{unit}）"),
    "ratio_none": (
        "No site in the current filter reports both figures of a ratio.",
        "没有同时报告分子与分母的站点。",
        "沒有同時報告分子與分母的站點。",
    ),
    "ratio_caption": (
        "Derived ratios, computed only where both figures are reported: ",
        "派生比率（仅在两项数据均有报告时计算）：",
        "派生比率（僅在兩項資料均有報告時計算）：",
    ),
    "timeline_none": ("No milestone years in the current filter.", "筛选后没有年份数据。", "篩選後沒有年份資料。"),
    "basis_reported": ("reported", "已建成", "已建成"),
    "basis_expected": ("expected by end of 2019", "2019年底预计", "2019年底預計"),
    "g5_axis": ("5G base stations", "5G基站（个）", "5G基站（個）"),
    "basis_latest": ("latest known", "最新已知", "最新已知"),
    "basis_later": ("latest known, {as_of}", "最新已知，{as_of}", "最新已知，{as_of}"),
    "basis_latest_year": ("latest known, {year}", "最新已知（{year}年）", "最新已知（{year}年）"),
    "g5_years_differ": (
        "The latest known counts are from different years ({years}): each bar is coloured by its year "
        "and labelled with its date, so they are not one year's comparison.",
        "各地最新已知数据的年份不同（{years}）：每条按年份着色并标注日期，不是同一年的比较。",
        "各地最新已知資料的年份不同（{years}）：每條按年份著色並標註日期，不是同一年的比較。",
    ),
    "more_than": ("more than {value}", "超过 {value}", "超過 {value}"),
    "chart_context_latest": (
        "5G base stations, 2019 and latest known",
        "5G基站（2019年与最新已知）",
        "5G基站（2019年與最新已知）",
    ),
    "asof_label": ("Data as of", "数据时点", "資料時點"),
    "asof_latest": ("Latest known", "最新已知", "最新已知"),
    "asof_2019": ("2019 archive", "2019年存档", "2019年存檔"),
    "asof_help": (
        "Latest known: each figure's newest value, with its date and source, from reports after the 2019 archive. "
        "2019 archive: the figures as the 2019 news gave them.",
        "最新已知：每项数据的最新值（来自2019年存档之后的报道，附日期与来源）。2019年存档：2019年新闻给出的数据。",
        "最新已知：每項資料的最新值（來自2019年存檔之後的報道，附日期與來源）。2019年存檔：2019年新聞給出的資料。",
    ),
    "state_latest": (
        "Latest known figures: the 2019 archive with later reports beside it",
        "最新已知数据：2019年存档并列后续报道",
        "最新已知資料：2019年存檔並列後續報道",
    ),
    "state_2019": ("2019 archive figures", "2019年存档数据", "2019年存檔資料"),
    "changed_filter": ("Changed since 2019", "2019年后有变化", "2019年後有變化"),
    "changed_help": (
        "Only sites with a later report that differs from the 2019 archive (status, opening, area …), "
        "and the sites opened or begun since 2019.",
        "仅显示后续报道与2019年存档不同的站点（状态、开放、面积等），以及2019年后启用或动工的站点。",
        "僅顯示後續報道與2019年存檔不同的站點（狀態、開放、面積等），以及2019年後啟用或動工的站點。",
    ),
    "changed_phrase": ("changed since 2019", "2019年后有变化", "2019年後有變化"),
    "legend_changed": ("ringed dot: changed since 2019", "带环圆点：2019年后有变化", "帶環圓點：2019年後有變化"),
    "changed_tip": ("Changed since 2019: {fields}", "2019年后有变化：{fields}", "2019年後有變化：{fields}"),
    "changed_subprojects": ("sub-projects", "子项目", "子項目"),
    "legend_new": (
        "diamond: new since 2019 (not in the 2019 archive)",
        "菱形：2019年后新增（不在2019年存档中）",
        "菱形：2019年後新增（不在2019年存檔中）",
    ),
    "details_new": (
        "new since 2019 (added in data version {version}; not in the 2019 archive)",
        "2019年后新增（数据版本{version}加入；不在2019年存档中）",
        "2019年後新增（資料版本{version}加入；不在2019年存檔中）",
    ),
    "new_tip": (
        "New since 2019 (added in data version {version}): {fields}",
        "2019年后新增（数据版本{version}加入）：{fields}",
        "2019年後新增（資料版本{version}加入）：{fields}",
    ),
    "history_head": ("Since the 2019 archive", "2019年存档以来", "2019年存檔以來"),
    "history_none": (
        "No later reports recorded for this site.",
        "此站点没有记录后续报道。",
        "此站點沒有記錄後續報道。",
    ),
    "history_not_found": ("no later report found", "未找到后续报道", "未找到後續報道"),
    "history_archive": ("2019 archive", "2019年存档", "2019年存檔"),
    "history_later": ("later report", "后续报道", "後續報道"),
    "history_caption": (
        "Each figure's 2019 value and every later value, with its date and source; where sources disagree, "
        "both are kept.",
        "每项数据的2019年值和所有后续值，附日期与来源；来源不一致时两者并列。",
        "每項資料的2019年值和所有後續值，附日期與來源；來源不一致時兩者並列。",
    ),
    "col_figure": ("Figure", "数据项", "資料項"),
    "col_value": ("Value", "数值", "數值"),
    "col_as_of": ("As of", "截至", "截至"),
    "col_source": ("Source", "来源", "來源"),
    "col_note": ("Note", "备注", "備註"),
    "col_kind": ("From", "出处", "出處"),
    "points": ("points", "个点", "個點"),
}

CATEGORY_LABELS: dict[str, tuple[str, str, str]] = {
    "science_city": ("Science city", "科学城", "科學城"),
    "ai_park": ("AI park", "人工智能产业园", "人工智能產業園"),
    "facility": ("Facility", "科研设施", "科研設施"),
    "checkpoint": ("Checkpoint", "口岸", "口岸"),
    "context": ("Context place", "参照地点", "參照地點"),
}
STATUS_LABELS: dict[str, tuple[str, str, str]] = {
    "planned": ("planned", "规划中", "規劃中"),
    "under_construction": ("under construction", "在建", "在建"),
    "established": ("established", "已设立", "已設立"),
    "moved_in": ("moved in / fit-out", "已入驻（装修调试）", "已入駐（裝修調試）"),
    "trial_operation": ("trial operation", "试运行", "試運行"),
    "partial_operation": ("partial operation", "部分运行", "部分運行"),
    "operating": ("operating", "运行中", "運行中"),
    "closed_merged": ("closed / merged", "已关闭或合并", "已關閉或合併"),
    "trial": ("trial", "试用", "試用"),
    "rollout_announced": ("roll-out announced", "宣布推广", "宣佈推廣"),
}
# What each status means (data/README.md and datapackage.json carry the same text): the
# vocabulary first, then the two words only the 2019 archive uses.
STATUS_DEFINITIONS: dict[str, tuple[str, str, str]] = {
    "planned": (
        "Announced or in an approved plan; no start of construction reported.",
        "已宣布或列入已批规划，尚无开工报道。",
        "已宣佈或列入已批規劃，尚無開工報道。",
    ),
    "under_construction": (
        "Construction reported as begun; not yet handed over or in use.",
        "已有开工报道，尚未交付或投入使用。",
        "已有開工報道，尚未交付或投入使用。",
    ),
    "established": (
        "Formally set up as a body (a zone, laboratory or institution), whatever its buildings.",
        "作为机构（园区、实验室或单位）已正式设立，与建筑是否落成无关。",
        "作為機構（園區、實驗室或單位）已正式設立，與建築是否落成無關。",
    ),
    "moved_in": (
        "Buildings handed over and teams or equipment moving in (a move-in ceremony, fit-out, "
        "commissioning); not yet reported as formally operating.",
        "建筑已交付，团队或设备正在入驻（入驻仪式、装修、调试），尚无正式运行的报道。",
        "建築已交付，團隊或設備正在入駐（入駐儀式、裝修、調試），尚無正式運行的報道。",
    ),
    "trial_operation": (
        "Running on trial (试运行) before formal operation, as the source says.",
        "按来源所述处于试运行阶段，尚未正式运行。",
        "按來源所述處於試運行階段，尚未正式運行。",
    ),
    "partial_operation": (
        "Open for part of its purpose only, for example a checkpoint open to cargo but not to passengers.",
        "仅部分功能开放，例如口岸只办理货运、不办理客运。",
        "僅部分功能開放，例如口岸只辦理貨運、不辦理客運。",
    ),
    "operating": (
        "Formally operating or in regular use, as the source says.",
        "按来源所述已正式运行或投入常规使用。",
        "按來源所述已正式運行或投入常規使用。",
    ),
    "closed_merged": (
        "Closed, or merged into another body.",
        "已关闭，或已并入其他机构。",
        "已關閉，或已併入其他機構。",
    ),
    "trial": (
        "2019 archive word: a technology on trial at the site (the checkpoints' smart glasses).",
        "2019年资料用语：相关技术在该处试用（口岸的智能眼镜）。",
        "2019年資料用語：相關技術在該處試用（口岸的智能眼鏡）。",
    ),
    "rollout_announced": (
        "2019 archive word: a roll-out announced, not yet reported done.",
        "2019年资料用语：已宣布推广，尚无完成的报道。",
        "2019年資料用語：已宣佈推廣，尚無完成的報道。",
    ),
}
CONFIDENCE_LABELS: dict[str, tuple[str, str, str]] = {
    "high": ("high", "高", "高"),
    "med": ("medium", "中", "中"),
    "low": ("low", "低", "低"),
}
CITY_NAMES: dict[str, tuple[str, str, str]] = {
    "Guangzhou": ("Guangzhou", "广州", "廣州"),
    "Shenzhen": ("Shenzhen", "深圳", "深圳"),
    "Zhuhai": ("Zhuhai", "珠海", "珠海"),
    "Foshan": ("Foshan", "佛山", "佛山"),
    "Huizhou": ("Huizhou", "惠州", "惠州"),
    "Dongguan": ("Dongguan", "东莞", "東莞"),
    "Zhongshan": ("Zhongshan", "中山", "中山"),
    "Jiangmen": ("Jiangmen", "江门", "江門"),
    "Zhaoqing": ("Zhaoqing", "肇庆", "肇慶"),
    "Hong Kong": ("Hong Kong", "香港", "香港"),
    "Macao": ("Macao", "澳门", "澳門"),
}
