"""The data's vocabularies in three languages: units, focus areas, operators, what a checkpoint
connects to, sub-project kinds and the set parts of the location notes; and the one function
that formats an amount with its unit.

Part of the one text module: tables only, as ``phrases`` is; ``i18n`` picks their words
(``data_word``, ``unit_word``, ``fmt_amount``, ``location_parts``).
Each entry is (English, Simplified Chinese, Traditional Chinese). Operators are proper nouns:
a Chinese name is given only where a source confirms it (the evidence is beside each entry);
where none does, the entry is ``KEEP_ENGLISH`` and the English name is shown, marked as
English. ``tests/test_vocab.py`` checks that every value in ``data/`` has an entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

Words = tuple[str, str, str]
# A value whose Chinese name could not be confirmed: shown in English, marked (see ``vocab_word``).
KEEP_ENGLISH: Words = ("", "", "")


@dataclass(frozen=True)
class Unit:
    """A unit's words, and how many of the Chinese unit one data unit is (1 bn yuan = 10 亿元).

    ``stored``: the words for the data's own unit, where the Chinese unit differs (a slider
    that moves in the data's unit)."""

    words: Words
    zh_per_unit: int = 1
    stored: Words | None = None


UNITS: dict[str, Unit] = {
    "km²": Unit(("km²", "平方公里", "平方公里")),
    "km": Unit(("km", "公里", "公里")),
    "m": Unit(("m", "米", "米")),
    # 亿 is 10^8: one billion yuan (10^9) is 10 亿元.
    "CNY bn": Unit(("CNY bn", "亿元", "億元"), zh_per_unit=10, stored=("CNY bn", "十亿元", "十億元")),
    "people": Unit(("people", "人", "人")),
    "people/day": Unit(("people/day", "人次/日", "人次/日")),
    "firms": Unit(("firms", "家", "家")),
    "HQs": Unit(("HQs", "个", "個")),
    "labs": Unit(("labs", "个", "個")),
    "projects": Unit(("projects", "个", "個")),
    "stations": Unit(("stations", "个", "個")),
    "CNY bn/km²": Unit(("CNY bn/km²", "亿元/平方公里", "億元/平方公里"), zh_per_unit=10),
    "people/km²": Unit(("people/km²", "人/平方公里", "人/平方公里")),
    "/ km²": Unit(("/ km²", "/平方公里", "/平方公里")),
}

# Research or industry focus (``focus_areas``): common nouns, translated. ASTRI's Chinese name is
# its own (astri.org/sc: 香港应用科技研究院; its Wikipedia infobox: 香港應用科技研究院).
FOCUS_AREAS: dict[str, Words] = {
    "applied research (ASTRI)": (
        "applied research (ASTRI)",
        "应用研究（香港应用科技研究院）",
        "應用研究（香港應用科技研究院）",
    ),
    "autonomous driving": ("autonomous driving", "自动驾驶", "自動駕駛"),
    "biomedicine": ("biomedicine", "生物医药", "生物醫藥"),
    "biotechnology": ("biotechnology", "生物技术", "生物技術"),
    "botany": ("botany", "植物学", "植物學"),
    "brain science": ("brain science", "脑科学", "腦科學"),
    "computer vision": ("computer vision", "计算机视觉", "電腦視覺"),
    "corporate R&D": ("corporate R&D", "企业研发", "企業研發"),
    "cross-bay transport": ("cross-bay transport", "跨海交通", "跨海交通"),
    "data processing": ("data processing", "数据处理", "資料處理"),
    "deep-ocean unmanned systems": ("deep-ocean unmanned systems", "深海无人系统", "深海無人系統"),
    "electronic information": ("electronic information", "电子信息", "電子資訊"),
    "energy": ("energy", "能源", "能源"),
    "exhibitions": ("exhibitions", "会展", "會展"),
    "fintech events": ("fintech events", "金融科技活动", "金融科技活動"),
    "geochemistry": ("geochemistry", "地球化学", "地球化學"),
    "healthcare": ("healthcare", "医疗健康", "醫療健康"),
    "large scientific facilities": ("large scientific facilities", "大科学装置", "大科學裝置"),
    "life sciences": ("life sciences", "生命科学", "生命科學"),
    "manufacturing": ("manufacturing", "制造业", "製造業"),
    "marine science": ("marine science", "海洋科学", "海洋科學"),
    "materials": ("materials", "材料", "材料"),
    "materials science": ("materials science", "材料科学", "材料科學"),
    "medical imaging": ("medical imaging", "医学影像", "醫學影像"),
    "natural language processing": ("natural language processing", "自然语言处理", "自然語言處理"),
    "neutron science": ("neutron science", "中子科学", "中子科學"),
    "particle physics": ("particle physics", "粒子物理", "粒子物理"),
    "smart energy": ("smart energy", "智慧能源", "智慧能源"),
    "smart manufacturing": ("smart manufacturing", "智能制造", "智能製造"),
    "synthetic biology": ("synthetic biology", "合成生物学", "合成生物學"),
    "technology companies": ("technology companies", "科技企业", "科技企業"),
    "transportation": ("transportation", "交通", "交通"),
    "underwater robotics": ("underwater robotics", "水下机器人", "水下機器人"),
}

# Who builds or runs a site (``operator``): proper nouns, each Chinese name as the body's own
# or its national press writes it.
OPERATORS: dict[str, Words] = {
    # 中国科学院: the sub-projects' own names (data/subprojects.csv, 中国科学院南海海洋研究所 ...).
    "Chinese Academy of Sciences": ("Chinese Academy of Sciences", "中国科学院", "中國科學院"),
    # Guangming Daily, 2018-03-26: 由中国科学院高能物理研究所承建 (CSNS); chinanews, the same in 繁體.
    "Institute of High Energy Physics, CAS": (
        "Institute of High Energy Physics, CAS",
        "中国科学院高能物理研究所",
        "中國科學院高能物理研究所",
    ),
    # China Science Daily, 2019-06-14: 中国科学院沈阳自动化研究所 (and its 繁體 reprint).
    "Shenyang Institute of Automation, CAS": (
        "Shenyang Institute of Automation, CAS",
        "中国科学院沈阳自动化研究所",
        "中國科學院瀋陽自動化研究所",
    ),
    # The laboratory is 由東莞市政府、中國科學院物理研究所和中國科學院高能物理研究所共建 (a 2020
    # report): the two institutes are named as the English "two CAS institutes" leaves them.
    "Dongguan government with two CAS institutes": (
        "Dongguan government with two CAS institutes",
        "东莞市政府与中国科学院两个研究所",
        "東莞市政府與中國科學院兩個研究所",
    ),
    # Wen Wei Po, 2020-09-17: 由鵬城實驗室和華為聯合共建的鵬城雲腦II.
    "Peng Cheng Laboratory with Huawei (Cloud Brain phase 2)": (
        "Peng Cheng Laboratory with Huawei (Cloud Brain phase 2)",
        "鹏城实验室与华为（鹏城云脑II）",
        "鵬城實驗室與華為（鵬城雲腦II）",
    ),
}

# The other side of a checkpoint's border (``connects``).
CONNECTS: dict[str, Words] = {
    "Hong Kong": ("Hong Kong", "香港", "香港"),
    "Macao": ("Macao", "澳门", "澳門"),
    "Zhuhai and Macao": ("Zhuhai and Macao", "珠海和澳门", "珠海和澳門"),
}

# What a sub-project is (``subprojects.csv`` ``kind``).
SUBPROJECT_KINDS: dict[str, Words] = {
    "relocated_institute": ("relocated institute", "迁入研究所", "遷入研究所"),
    "first_stage_facility": ("first-stage facility", "首期设施", "首期設施"),
    "functional_zone": ("functional zone", "功能区", "功能區"),
}

# The set words a location note (``location_source``) opens with, before its first colon; the
# rest of the note is free text, kept as written.
LOCATION_LEADS: dict[str, Words] = {
    "estimate (project reference set)": (
        "estimate (project reference set)",
        "估计位置（项目参考数据）",
        "估計位置（項目參考資料）",
    ),
    "estimate": ("estimate", "估计位置", "估計位置"),
    "no public position found": ("no public position found", "未找到公开位置", "未找到公開位置"),
}
# The sentence the sites script ends a drawn extent's note with (scripts/build_sites.py).
EXTENT_NOTE = re.compile(
    r"\.? ?Indicative extent, not an official boundary: a circle of the reported "
    r"(?P<area>[0-9.]+) km² around the estimated centre$"
)
EXTENT_WORDS: Words = (
    "Indicative extent, not an official boundary: a circle of the reported {area} around the estimated centre",
    "示意范围，非官方边界：按报告面积（{area}）以估计中心为圆心绘制的圆",
    "示意範圍，非官方邊界：按報告面積（{area}）以估計中心為圓心繪製的圓",
)

# Publishers named in our own words (``sources.csv``): the seed archive is this project's name for
# it, said in Chinese; every other publisher is a proper noun, shown as it publishes.
PUBLISHERS: dict[str, Words] = {
    "seed archive (GBA tech news 2019)": (
        "seed archive (GBA tech news 2019)",
        "2019年大湾区科技新闻存档",
        "2019年大灣區科技新聞存檔",
    ),
}

VOCABULARIES: dict[str, dict[str, Words]] = {
    "publisher": PUBLISHERS,
    "focus_areas": FOCUS_AREAS,
    "operator": OPERATORS,
    "connects": CONNECTS,
    "kind": SUBPROJECT_KINDS,
    "location_lead": LOCATION_LEADS,
}


_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile("[A-Za-z]")


def is_english(text: object) -> bool:
    """Free text written in English, to be marked on a Chinese page: mostly Latin letters. An
    English note may quote a Chinese term ('began operating (正式启动运行) at ...'), and stays English."""
    value = str(text or "")
    return len(_LATIN.findall(value)) > 3 * len(_CJK.findall(value))


def exact(value: object, factor: int = 1) -> Decimal:
    """A stored number times ``factor``, in decimal: 0.587 × 10 is 5.87, not 5.8700000000000001."""
    return Decimal(repr(float(value))) * factor  # type: ignore[arg-type]
