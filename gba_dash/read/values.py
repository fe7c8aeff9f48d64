"""A figure as people read it, by its field: the field table decides the kind and unit.

Beside the field table rather than with the escaping helpers in ``text``, which know no
fields: the words layer sits below the data's schema.
"""

from __future__ import annotations

from ..words.i18n import STATUS_LABELS, VOCABULARIES, data_word, fmt_amount, is_zh, status_label
from ..words.text import not_reported
from .fields import FIELD_BY_NAME
from .schema import is_reported, split_list


def fmt_value(name: str, value: object, lang: str, *, unit: bool = True) -> str:
    """A figure as people read it: thousands separators, units in ``lang`` (converted: 12 CNY bn
    is '120 亿元'), vocabulary words in ``lang`` (an English one marked), 'not reported' for NA."""
    if not is_reported(value):
        return not_reported(lang)
    field = FIELD_BY_NAME.get(name)
    if field is None:
        return str(value)
    if field.kind == "year":
        return str(int(value))
    if field.kind in ("int", "float"):
        return fmt_amount(value, unit=field.unit, lang=lang, whole=field.kind == "int", with_unit=unit)
    if field.kind == "enum" and value in STATUS_LABELS:
        return status_label(value, lang)
    if field.kind == "list" and name in VOCABULARIES:
        return ("、" if is_zh(lang) else "; ").join(data_word(name, v, lang) for v in split_list(value))
    if name in VOCABULARIES:
        return data_word(name, str(value), lang)
    return str(value)
