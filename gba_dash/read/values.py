"""A figure as people read it, by its field: the field table decides the kind and unit.

Beside the field table rather than with the escaping helpers in ``text``, which know no
fields: the words layer sits below the data's schema.
"""

from __future__ import annotations

from ..words.i18n import STATUS_LABELS, status_label
from ..words.text import not_reported
from .fields import FIELD_BY_NAME
from .schema import is_reported


def fmt_value(name: str, value: object, lang: str, *, unit: bool = True) -> str:
    """A figure as people read it: thousands separators, units, 'not reported' for NA."""
    if not is_reported(value):
        return not_reported(lang)
    field = FIELD_BY_NAME.get(name)
    if field is None:
        return str(value)
    if field.kind == "year":
        return str(int(value))
    if field.kind == "int":
        text = f"{int(value):,}"
    elif field.kind == "float":
        text = f"{float(value):,.2f}".rstrip("0").rstrip(".")
    elif field.kind == "enum" and value in STATUS_LABELS:
        return status_label(value, lang)
    else:
        return str(value)
    return f"{text} {field.unit}" if unit and field.unit else text
