"""The one declarative table of fields.

Every attribute column in ``data/`` is described here once: its type, unit, English and
Chinese labels and a line of help. Validation, widgets, tooltips, chart axis titles, the
details panel and the data-contract test all read this table, so a column is added in
one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..words.i18n import is_zh, pick, unit_word

Kind = Literal["id", "text", "int", "float", "year", "list", "enum", "bool"]
SiteId = str

CATEGORIES: tuple[str, ...] = ("science_city", "ai_park", "facility", "checkpoint", "context")
GEOMETRY_KINDS: tuple[str, ...] = ("point", "indicative_extent", "official_boundary", "line")
CONFIDENCES: tuple[str, ...] = ("high", "med", "low")
# The status vocabulary: what happened to a site, in the order it usually happens. Every
# later status (figure_history.csv) is one of these; each is defined, in three languages,
# in i18n.STATUS_DEFINITIONS, data/README.md and data/datapackage.json.
STATUS_VOCABULARY: tuple[str, ...] = (
    "planned",
    "under_construction",
    "established",
    "moved_in",
    "trial_operation",
    "partial_operation",
    "operating",
    "closed_merged",
)
# Words of the 2019 archive that are not in the vocabulary (the checkpoints' smart-glasses
# trial and roll-out): the archive keeps its own words.
ARCHIVE_STATUSES: tuple[str, ...] = ("trial", "rollout_announced")
STATUSES: tuple[str, ...] = STATUS_VOCABULARY + ARCHIVE_STATUSES
GBA_CITIES: tuple[str, ...] = (
    "Guangzhou",
    "Shenzhen",
    "Zhuhai",
    "Foshan",
    "Huizhou",
    "Dongguan",
    "Zhongshan",
    "Jiangmen",
    "Zhaoqing",
    "Hong Kong",
    "Macao",
)
# The bounding box of the eleven GBA cities (Zhaoqing reaches west to ~111.3 E).
GBA_BBOX: tuple[float, float, float, float] = (111.3, 21.4, 115.6, 24.5)


@dataclass(frozen=True)
class Field:
    """One attribute column: how to parse it, label it and where it may appear."""

    name: str
    label_en: str
    label_zh: str
    label_zh_hant: str
    kind: Kind
    unit: str = ""
    help: str = ""
    tables: tuple[str, ...] = ()
    sourced: bool = True
    choices: tuple[str, ...] = ()
    metric: bool = False

    def label(self, lang: str, *, with_unit: bool = True, stored: bool = False) -> str:
        """'Area (km²)', '面积（平方公里）'; ``stored``: in the unit the data holds ('投资（十亿元）')."""
        text = pick((self.label_en, self.label_zh, self.label_zh_hant), lang)
        if not (with_unit and self.unit):
            return text
        unit = unit_word(self.unit, lang, stored=stored)
        return f"{text}（{unit}）" if is_zh(lang) else f"{text} ({unit})"


# Which categories of site each attribute table describes. Every site of a category must
# have exactly one row in that category's table.
TABLES: dict[str, tuple[str, ...]] = {
    "science_cities": ("science_city",),
    "ai_parks": ("ai_park",),
    "facilities": ("facility",),
    "checkpoints": ("checkpoint",),
    "context": ("context",),
}
TABLE_OF_CATEGORY: dict[str, str] = {c: t for t, cats in TABLES.items() for c in cats}

_ZONES = ("science_cities", "ai_parks")
_ZF = ("science_cities", "ai_parks", "facilities")
_ALL = tuple(TABLES)
_NOT_CP = ("science_cities", "ai_parks", "facilities", "context")

FIELDS: tuple[Field, ...] = (
    # Context places too: a cooperation zone's reported area (Qianhai, Hengqin) is a figure like
    # any other, in the slider, the charts, the table, the exports and `gba-dash check` alike.
    Field("area_km2", "Area", "面积", "面積", "float", "km²", "Reported land or plan area.", _NOT_CP, metric=True),
    Field(
        "investment_cny_bn",
        "Investment",
        "投资",
        "投資",
        "float",
        "CNY bn",
        "Reported total or planned investment, billions of yuan.",
        _ZF,
        metric=True,
    ),
    Field(
        "scientists",
        "Scientists",
        "科研人员",
        "科研人員",
        "int",
        "people",
        "Scientists reported working there.",
        _ZF,
        metric=True,
    ),
    Field(
        "scientists_target",
        "Scientists (target)",
        "科研人员（目标）",
        "科研人員（目標）",
        "int",
        "people",
        "Scientists the plan aims to attract.",
        _ZF,
        metric=True,
    ),
    Field(
        "residents_planned",
        "Residents (planned)",
        "规划人口",
        "規劃人口",
        "int",
        "people",
        "Residents the plan provides for.",
        _ZONES,
        metric=True,
    ),
    Field(
        "enterprises_committed",
        "Enterprises committed",
        "签约企业",
        "簽約企業",
        "int",
        "firms",
        "Enterprises reported as committed to the area.",
        _ZONES,
        metric=True,
    ),
    Field(
        "headquarters_planned",
        "Headquarters planned",
        "规划总部",
        "規劃總部",
        "int",
        "HQs",
        "Large headquarters planned in the area.",
        _ZONES,
    ),
    Field(
        "laboratories",
        "Laboratories",
        "实验室",
        "實驗室",
        "int",
        "labs",
        "National and provincial laboratories reported.",
        _ZONES,
    ),
    Field(
        "relocated_projects",
        "Relocated projects",
        "迁入项目",
        "遷入項目",
        "int",
        "projects",
        "Existing institutes reported to move in.",
        ("facilities",),
    ),
    Field(
        "new_projects",
        "New projects",
        "新建项目",
        "新建項目",
        "int",
        "projects",
        "Newly established projects reported.",
        ("facilities",),
    ),
    Field(
        "daily_crossings",
        "Daily crossings",
        "日通关人次",
        "日通關人次",
        "int",
        "people/day",
        "People passing through on a day.",
        ("checkpoints",),
        metric=True,
    ),
    Field(
        "year_established",
        "Established",
        "设立年份",
        "設立年份",
        "year",
        "",
        "Year founded or formally set up.",
        _NOT_CP,
    ),
    Field(
        "year_plan_approved",
        "Plan approved",
        "规划批复年份",
        "規劃批覆年份",
        "year",
        "",
        "Year the master or development plan was approved or published.",
        _ZONES,
    ),
    Field(
        "year_construction_start",
        "Construction start",
        "开工年份",
        "開工年份",
        "year",
        "",
        "Year construction began or was scheduled to begin.",
        _ZF,
    ),
    Field(
        "year_completion_target",
        "Completion target",
        "目标完工年份",
        "目標完工年份",
        "year",
        "",
        "Year completion is targeted.",
        ("facilities", "context"),
    ),
    Field(
        "focus_areas",
        "Focus areas",
        "重点领域",
        "重點領域",
        "list",
        "",
        "Research or industry focus, semicolon-separated.",
        _NOT_CP,
    ),
    Field(
        "operator",
        "Operator",
        "建设/运营单位",
        "建設/運營單位",
        "text",
        "",
        "Who builds or runs it.",
        ("facilities", "context"),
    ),
    Field(
        "connects",
        "Connects to",
        "连接",
        "連接",
        "enum",
        "",
        "The other side of the border.",
        ("checkpoints",),
        sourced=False,
        choices=("Hong Kong", "Macao", "Zhuhai and Macao"),
    ),
    Field(
        "smart_glasses",
        "5G smart glasses",
        "5G智能眼镜",
        "5G智能眼鏡",
        "enum",
        "",
        "Status of the customs 5G smart-glasses scanners.",
        ("checkpoints",),
        choices=STATUSES,
    ),
    # Only in the later-reports layer (figure_history.csv): the 2019 archive has no
    # opening years, only targets.
    Field(
        "year_opened",
        "Year opened",
        "建成开放年份",
        "建成開放年份",
        "year",
        "",
        "Year it opened or began operating, from a later report (not in the 2019 archive).",
        (),
    ),
    Field("status", "Status", "状态", "狀態", "enum", "", "Development status as reported.", _ALL, choices=STATUSES),
)

# The fields whose every value names its source (and its as-of date and confidence).
SOURCED: tuple[Field, ...] = tuple(f for f in FIELDS if f.sourced)
FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
NUMERIC_KINDS = ("int", "float", "year")
METRICS: tuple[Field, ...] = tuple(f for f in FIELDS if f.metric)

# Site properties in sites.geojson (not attribute tables): name, kind, label.
SITE_PROPERTIES: tuple[Field, ...] = (
    Field("site_id", "Site id", "编号", "編號", "id", sourced=False),
    Field("name_en", "Name", "名称（英文）", "名稱（英文）", "text", sourced=False),
    Field("name_zh", "Chinese name", "名称", "名稱", "text", sourced=False),
    Field("name_zh_hant", "Chinese name (Traditional)", "繁体名称", "繁體名稱", "text", sourced=False),
    Field("category", "Category", "类别", "類別", "enum", sourced=False, choices=CATEGORIES),
    Field("city", "City", "城市", "城市", "enum", sourced=False, choices=GBA_CITIES),
    Field("parent_id", "Part of", "所属", "所屬", "id", sourced=False),
    Field("geometry_kind", "Geometry", "几何类型", "幾何類型", "enum", sourced=False, choices=GEOMETRY_KINDS),
    Field(
        "location_uncertainty_m",
        "Location uncertainty",
        "位置误差",
        "位置誤差",
        "int",
        "m",
        "Radius within which the true position lies, as far as sources allow.",
        sourced=False,
    ),
    Field(
        "location_confidence",
        "Location confidence",
        "位置可信度",
        "位置可信度",
        "enum",
        sourced=False,
        choices=CONFIDENCES,
    ),
    Field("location_source", "Location source", "位置来源", "位置來源", "text", sourced=False),
    # Optional: a site of the 2019 archive has neither (load._added_in checks them).
    Field(
        "added_in",
        "Added in data version",
        "加入的数据版本",
        "加入的資料版本",
        "text",
        "",
        "The data version that added the site; empty for a site of the 2019 archive.",
        sourced=False,
    ),
    Field(
        "since_2019",
        "New since 2019",
        "2019年后新增",
        "2019年後新增",
        "bool",
        "",
        "Opened or begun after the 2019 archive, so absent from its view.",
        sourced=False,
    ),
)
SITE_PROPERTY_BY_NAME: dict[str, Field] = {f.name: f for f in SITE_PROPERTIES}


def table_fields(table: str) -> tuple[Field, ...]:
    """The attribute fields a table may carry, in declaration order."""
    return tuple(f for f in FIELDS if table in f.tables)


def label(name: str, lang: str, *, with_unit: bool = True, stored: bool = False) -> str:
    """Label of a field or site property by column name; the name itself if unknown."""
    field = FIELD_BY_NAME.get(name) or SITE_PROPERTY_BY_NAME.get(name)
    return field.label(lang, with_unit=with_unit, stored=stored) if field else name


# The column names beside a sourced field in the joined sites: its source id and its note.
def source_col(name: str) -> str:
    return f"{name}_source"


def note_col(name: str) -> str:
    return f"{name}_note"
