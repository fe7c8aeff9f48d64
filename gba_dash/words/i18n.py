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

from decimal import ROUND_HALF_EVEN, Decimal

from .phrases import TEXT
from .vocab import EXTENT_NOTE, EXTENT_WORDS, KEEP_ENGLISH, LOCATION_LEADS, UNITS, VOCABULARIES, exact, is_english

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


class Phrase(str):
    """A sentence said later in the reader's language: its English text (what tests, logs and
    the command line read) carrying its key in the text table and its values. A value that is
    itself a Phrase is said in the same language."""

    key: str
    params: dict

    def __new__(cls, text_key: str, /, **params: object) -> Phrase:
        self = super().__new__(cls, t(text_key, "en", **params))
        self.key, self.params = text_key, params
        return self

    def __reduce__(self):
        # Pickled across the bounded reader's process boundary: rebuilt from key and values.
        return (_phrase, (type(self), self.key, self.params))

    def say(self, lang: str) -> str:
        return t(self.key, lang, **{k: say(v, lang) for k, v in self.params.items()})


def _phrase(cls: type, key: str, params: dict) -> Phrase:
    return cls(key, **params)


def say(text: object, lang: str) -> str:
    """``text`` in ``lang``: a Phrase in the reader's language, any other text as it is."""
    return text.say(lang) if isinstance(text, Phrase) else str(text)


def city(name: str, lang: str) -> str:
    """A GBA city's name in ``lang`` (the English name when it is not one of the eleven)."""
    return pick(CITY_NAMES[name], lang) if name in CITY_NAMES else name


def category_plural(category: str, lang: str) -> str:
    """'science cities' for a read-back sentence (Chinese has no plural: the label)."""
    if category in CATEGORY_PLURALS:
        return pick(CATEGORY_PLURALS[category], lang)
    named = category_label(category, lang)
    return named if is_zh(lang) else named.lower()


def category_label(category: str, lang: str) -> str:
    return pick(CATEGORY_LABELS[category], lang) if category in CATEGORY_LABELS else category


def status_label(status: str, lang: str) -> str:
    return pick(STATUS_LABELS[status], lang) if status in STATUS_LABELS else status


def data_word(vocabulary: str, value: str, lang: str, *, mark: bool = True) -> str:
    """A value of a data vocabulary (``vocab.VOCABULARIES``: focus areas, operators ...) in
    ``lang``; one without Chinese words (unknown, or ``KEEP_ENGLISH``) is its English self,
    marked as English on a Chinese page (``mark``; a publisher's name is not)."""
    entry = VOCABULARIES[vocabulary].get(value)
    if entry is None or entry == KEEP_ENGLISH:
        return f"{value}{t('in_english', lang)}" if mark and is_zh(lang) else value
    return pick(entry, lang)


def mark_english(text: object, lang: str) -> str:
    """Free text as written, with "（英文）" after it where a Chinese page shows English."""
    return f"{text}{t('in_english', lang)}" if is_zh(lang) and is_english(text) else str(text)


def unit_word(unit: str, lang: str, *, stored: bool = False) -> str:
    """A unit in ``lang`` ('亿元'); ``stored``: the words for the number as the data holds it
    ('十亿元', for a slider that moves in billions)."""
    found = UNITS.get(unit)
    if found is None:
        return unit
    return pick(found.stored if stored and found.stored else found.words, lang)


def unit_scale(unit: str, lang: str) -> int:
    """How many of ``lang``'s unit one stored unit is: 10 for CNY bn on a Chinese page (1 bn = 10 亿)."""
    found = UNITS.get(unit)
    return found.zh_per_unit if found is not None and is_zh(lang) else 1


def in_unit(value: object, unit: str, lang: str) -> float:
    """A stored amount in ``lang``'s unit, exactly (0.587 CNY bn: 5.87 亿元)."""
    return float(exact(value, unit_scale(unit, lang)))


def fmt_amount(value: object, *, unit: str = "", lang: str, whole: bool = False, with_unit: bool = True) -> str:
    """The one format of an amount: separators, at most two decimals, its unit in ``lang``,
    converted ('1,234.57 km²'; 12 CNY bn: '120 亿元'; '257 人'). ``whole``: a count."""
    number = exact(value, unit_scale(unit, lang))
    if whole:
        text = f"{int(number.to_integral_value(ROUND_HALF_EVEN)):,}"
    else:
        text = f"{number.quantize(Decimal('0.01'), ROUND_HALF_EVEN):,f}"
        text = text.rstrip("0").rstrip(".") if "." in text else text
    return f"{text} {unit_word(unit, lang)}" if with_unit and unit else text


def location_parts(note: str, lang: str) -> tuple[str, str]:
    """A location note as (its set words in ``lang``, its free text as written): the lead
    before its first colon ('estimate'), and a drawn extent's closing sentence; either may be empty."""
    text, said = str(note or "").strip(), []
    head, sep, rest = text.partition(": ")
    if sep and head in LOCATION_LEADS:
        said.append(pick(LOCATION_LEADS[head], lang))
        text = rest
    extent = EXTENT_NOTE.search(text)
    if extent:
        text = text[: extent.start()].rstrip(". ")
        area = fmt_amount(float(extent["area"]), unit="km²", lang=lang)
        said.append(pick(EXTENT_WORDS, lang).format(area=area))
    return ("；" if is_zh(lang) else "; ").join(said), text


def confidence_label(confidence: str, lang: str) -> str:
    return pick(CONFIDENCE_LABELS[confidence], lang) if confidence in CONFIDENCE_LABELS else confidence


CATEGORY_LABELS: dict[str, tuple[str, str, str]] = {
    "science_city": ("Science city", "科学城", "科學城"),
    "ai_park": ("AI park", "人工智能产业园", "人工智能產業園"),
    "facility": ("Facility", "科研设施", "科研設施"),
    "checkpoint": ("Checkpoint", "口岸", "口岸"),
    "context": ("Context place", "参照地点", "參照地點"),
}
CATEGORY_PLURALS: dict[str, tuple[str, str, str]] = {
    "science_city": ("science cities", "科学城", "科學城"),
    "ai_park": ("AI parks", "人工智能产业园", "人工智能產業園"),
    "facility": ("facilities", "科研设施", "科研設施"),
    "checkpoint": ("checkpoints", "口岸", "口岸"),
    "context": ("context places", "参照地点", "參照地點"),
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
