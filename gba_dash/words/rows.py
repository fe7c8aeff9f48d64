"""The words about a reader's table whose bad rows are left out (``own/rows.py``) and the
legend entry of their points, as (English, Simplified Chinese, Traditional Chinese); part of
``phrases.TEXT``, kept here so that module stays short.
"""

from __future__ import annotations

OWN_ROWS: dict[str, tuple[str, str, str]] = {
    "own_left_head": (
        "{name}: {n} of {total} rows left out: ",
        "{name}：{total} 行中有 {n} 行未绘制：",
        "{name}：{total} 行中有 {n} 行未繪製：",
    ),
    "own_left_row": ("row {row}, {reason}", "第 {row} 行，{reason}", "第 {row} 行，{reason}"),
    "own_left_sep": ("; ", "；", "；"),
    "own_left_more": (
        "and {n} more rows (all in the download)",
        "另有 {n} 行（全部见下载文件）",
        "另有 {n} 行（全部見下載檔案）",
    ),
    "own_left_download": (
        "Download the left-out rows (CSV)",
        "下载未绘制的行（CSV）",
        "下載未繪製的行（CSV）",
    ),
    "own_col_row": ("row", "行号", "行號"),
    "own_col_reason": ("reason", "原因", "原因"),
    "own_role_latitude": ("latitude", "纬度", "緯度"),
    "own_role_longitude": ("longitude", "经度", "經度"),
    "own_why_not_number": ("{role} '{value}' is not a number", "{role}“{value}”不是数字", "{role}「{value}」不是數字"),
    "own_why_empty": ("{role} is empty", "{role}为空", "{role}為空"),
    "own_why_cells": (
        "{n} cells where the header has {header}",
        "有 {n} 个单元格，而表头有 {header} 个",
        "有 {n} 個儲存格，而表頭有 {header} 個",
    ),
    "own_why_place": (
        "latitude {lat}, longitude {lon}: {what}",
        "纬度 {lat}、经度 {lon}：{what}",
        "緯度 {lat}、經度 {lon}：{what}",
    ),
    "own_what_outside": ("outside the Greater Bay Area", "在大湾区范围外", "在大灣區範圍外"),
    "own_what_swapped": ("latitude and longitude look swapped", "纬度与经度似乎颠倒", "緯度與經度似乎顛倒"),
    "own_what_invalid": ("not a valid latitude/longitude", "不是有效的经纬度", "不是有效的經緯度"),
    "own_what_not_finite": ("not a finite number", "不是有限数值", "不是有限數值"),
    "own_legend_points": ("{name}: {n} points", "{name}：{n} 个点", "{name}：{n} 個點"),
}
