"""The URL is the state: encode(view) -> query dict, decode(query) -> (view, warnings).

Lists are comma-separated (``category=science_city,ai_park``), ranges are two numbers
(``area=10,60``). decode never raises: an unknown key, an unknown value, a malformed
number or a repeated key is ignored with a warning that names the parameter, and the rest
of the link still applies.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import partial
from urllib.parse import urlencode

import pandas as pd

from ..read.fields import CATEGORIES, GBA_CITIES, METRICS
from ..read.history import DEFAULT_STATE, STATES
from ..words.i18n import LANGS as I18N_LANGS
from ..words.i18n import Phrase, parse_lang, say, t
from ..words.text import visible
from . import params
from .filters import FilterState, focus_options

LANGS = I18N_LANGS
DEFAULT_METRIC = "area_km2"
MAX_VALUE_CHARS = 400
MAX_LIST_ITEMS = 50
# Keys Streamlit itself reads from the URL; they are not ours to warn about.
PASSTHROUGH_KEYS = frozenset({"embed", "embed_options"})


@dataclass(frozen=True, kw_only=True)
class ViewState:
    """Everything a link restores: filters, the selected site, the chart metric, language."""

    filters: FilterState = field(default_factory=FilterState)
    site: str | None = None
    metric: str = DEFAULT_METRIC
    lang: str = "en"
    present: bool = False
    scene: int | None = None
    # "latest" (the newest known values, the default) or "2019" (the archive).
    asof: str = DEFAULT_STATE
    # The sender had their own layer on. Its data never travels in a link; the flag only
    # tells the receiver why their map may show less than the sender's.
    own: bool = False


@dataclass(frozen=True)
class Vocab:
    """The values a link may name, taken from the loaded data."""

    site_ids: frozenset[str]
    focus: frozenset[str]
    categories: tuple[str, ...] = CATEGORIES
    cities: tuple[str, ...] = GBA_CITIES
    metrics: tuple[str, ...] = tuple(f.name for f in METRICS)
    # (link parameter, low, high): what the data's ranges allow; a value outside is clamped
    # with a warning. Empty: no limits known (decode then checks shape only).
    limits: tuple[tuple[str, float, float], ...] = ()

    @classmethod
    def from_sites(cls, sites: pd.DataFrame) -> Vocab:
        return cls(
            site_ids=frozenset(sites["site_id"]), focus=frozenset(focus_options(sites)), limits=data_limits(sites)
        )


def data_limits(sites: pd.DataFrame) -> tuple[tuple[str, float, float], ...]:
    """The ranges the page's sliders span, by link parameter (``params.limits``: the same
    ends as the sliders', so a link made at a slider's end is inside them)."""
    full = params.limits(sites)
    return tuple((p.url, *full[p.field]) for p in params.RANGES)


def _fmt(x: float) -> str:
    """Shortest exact text: '10' for 10.0, full precision otherwise, so links round-trip."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def encode(view: ViewState) -> dict[str, str]:
    """Query parameters for ``view``; defaults are left out so links stay short."""
    f = view.filters
    out: dict[str, str] = {}
    if f.categories:
        out["category"] = ",".join(f.categories)
    if f.cities:
        out["city"] = ",".join(f.cities)
    if f.focus:
        out["focus"] = ",".join(f.focus)
    if f.q:
        out["q"] = f.q
    if f.area_km2 is not None:
        out["area"] = ",".join(map(_fmt, f.area_km2))
    if f.investment_cny_bn is not None:
        out["investment"] = ",".join(map(_fmt, f.investment_cny_bn))
    if f.years is not None:
        out["years"] = ",".join(map(str, f.years))
    if not f.keep_not_reported:
        out["not_reported"] = "hide"
    if f.changed:
        out["changed"] = "1"
    if view.site:
        out["site"] = view.site
    if view.metric != DEFAULT_METRIC:
        out["metric"] = view.metric
    if view.lang != "en":
        out["lang"] = view.lang
    if view.present:
        out["present"] = "1"
    if view.scene is not None:
        out["scene"] = str(view.scene)
    if view.asof != DEFAULT_STATE:
        out["asof"] = view.asof
    if view.own:
        out["own"] = "1"
    return out


def _as_lists(query: Mapping[str, str | Iterable[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in query.items():
        out[str(key)] = [value] if isinstance(value, str) else [str(v) for v in value]
    return out


class LinkWarning(Phrase):
    """One warning about a link: its English text (what tests, logs and tours read) and its
    key and values in the text table, so the page says it in the reader's language."""


def _show(value: str) -> str:
    """A value echoed in a warning: shortened, with bidi and other invisible controls made visible."""
    return visible(value if len(value) <= 40 else value[:39] + "…")


def decode(query: Mapping[str, str | Iterable[str]], vocab: Vocab) -> tuple[ViewState, list[str]]:
    """The view a link asks for, and one warning per part of it that was ignored."""
    warnings: list[str] = []
    params = _as_lists(query)
    values: dict[str, str] = {}
    for key, vals in params.items():
        if key in PASSTHROUGH_KEYS:
            continue
        if key not in _DECODERS:
            warnings.append(LinkWarning("link_unknown", name=_show(key)))
            continue
        if len(vals) > 1:
            warnings.append(LinkWarning("link_repeated", param=key, n=len(vals)))
        value = vals[0] if vals else ""
        if len(value) > MAX_VALUE_CHARS:
            warnings.append(LinkWarning("link_too_long", param=key, n=len(value), limit=MAX_VALUE_CHARS))
            continue
        values[key] = value

    filters: dict[str, object] = {}
    view: dict[str, object] = {}
    for key, value in values.items():
        decoded = _DECODERS[key](key, value, vocab, warnings)
        if decoded is not None:
            name, parsed = decoded
            (filters if name in _FILTER_FIELDS else view)[name] = parsed
    # Every value was checked by its decoder (a site against vocab.site_ids, ...).
    return ViewState(filters=FilterState(**filters), **view), warnings


# A link's warnings shown as boxes at most: a link of a thousand unknown parameters reads as
# three boxes, the last of them summing up the rest, not a thousand boxes.
MAX_WARNING_BOXES = 3


def summarise_warnings(warnings: list[str], *, boxes: int = MAX_WARNING_BOXES, lang: str = "en") -> list[str]:
    """At most ``boxes`` warnings, in ``lang``: the first ones as they are, and a last one that
    counts the rest and names the unknown parameters among them ("And 147 more unknown
    parameters: zz3, zz4, …")."""
    if len(warnings) <= boxes:
        return [say(w, lang) for w in warnings]
    shown, rest = warnings[: boxes - 1], warnings[boxes - 1 :]
    unknown = [str(w.params["name"]) for w in rest if isinstance(w, LinkWarning) and w.key == "link_unknown"]
    others = len(rest) - len(unknown)
    parts = []
    if unknown:
        names = ", ".join(unknown[:8]) + (", …" if len(unknown) > 8 else "")
        parts.append(
            t("link_more_unknown" if len(unknown) != 1 else "link_more_unknown_one", lang, n=len(unknown), names=names)
        )
    if others:
        parts.append(t("link_more_other" if others != 1 else "link_more_other_one", lang, n=others))
    return [*(say(w, lang) for w in shown), t("link_more", lang, parts=t("link_more_join", lang).join(parts))]


def dropped_link_warning(dropped: Mapping[str, object], *, lang: str = "en") -> str:
    """What the page says when the address bar holds a query the server never received
    (``fields`` and ``chars`` as the browser counted them)."""
    fields_, chars = dropped.get("fields"), dropped.get("chars")
    size = (
        t("link_dropped_params", lang, fields=f"{fields_:,}")
        if isinstance(fields_, int)
        else t("link_dropped_query", lang)
    )
    if isinstance(chars, int):
        size += t("link_dropped_chars", lang, chars=f"{chars:,}")
    return t("link_dropped", lang, size=size)


# The decoders are module-level functions, bound to their options with functools.partial
# in _DECODERS: closures made once at import cannot be swapped or mutated one at a time.
# Each returns (name, value) for FilterState or ViewState, or None when the parameter is
# ignored (after adding its warning); the name alone says which of the two it sets.
_FILTER_FIELDS = frozenset(f.name for f in fields(FilterState))


def _decode_list(key, value, vocab, warnings, *, allowed_of):
    allowed = allowed_of(vocab)
    items = [v.strip() for v in value.split(",") if v.strip()]
    if len(items) > MAX_LIST_ITEMS:
        warnings.append(LinkWarning("link_too_many", param=key, n=len(items), limit=MAX_LIST_ITEMS))
        return None
    good = []
    for item in items:
        if item in allowed:
            if item not in good:
                good.append(item)
        else:
            warnings.append(LinkWarning("link_unknown_value", param=key, value=_show(item)))
    return (_FILTER_NAME[key], tuple(good)) if good else None


# ASCII digits only: int() and float() also take '²', '١' and other scripts' digits.
_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


def _decode_range(key, value, vocab, warnings, *, integer: bool):
    parts = [p.strip() for p in value.split(",")]
    pattern = _INTEGER if integer else _NUMBER
    try:
        if len(parts) != 2 or not all(pattern.fullmatch(p) for p in parts):
            raise ValueError
        lo, hi = (int(p) if integer else float(p) for p in parts)
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo > hi:
            raise ValueError
    except (ValueError, OverflowError):
        warnings.append(
            LinkWarning("link_not_int_range" if integer else "link_not_range", param=key, value=_show(value))
        )
        return None
    limits = {name: (a, b) for name, a, b in vocab.limits}
    if key in limits:
        a, b = limits[key]
        clamped = (min(max(lo, a), b), min(max(hi, a), b))
        if clamped != (lo, hi):
            text = ",".join(map(_fmt, clamped))
            warnings.append(
                LinkWarning("link_clamped", param=key, value=_show(value), lo=_fmt(a), hi=_fmt(b), used=text)
            )
            lo, hi = clamped
    return _FILTER_NAME[key], (lo, hi)


def _q(key, value, vocab, warnings):
    return ("q", value.strip()) if value.strip() else None


def _not_reported(key, value, vocab, warnings):
    if value not in ("hide", "keep"):
        warnings.append(LinkWarning("link_not_keep", param=key, value=_show(value)))
        return None
    return "keep_not_reported", value == "keep"


def _decode_choice(key, value, vocab, warnings, *, name, allowed_of):
    if value not in allowed_of(vocab):
        warnings.append(LinkWarning("link_unknown_value", param=key, value=_show(value)))
        return None
    return name, value


def _lang(key, value, vocab, warnings):
    """``en``, ``zh`` or ``zh-Hant``; ``zh-Hans`` and other spellings of the same are accepted."""
    lang = parse_lang(value)
    if lang is None:
        warnings.append(LinkWarning("link_unknown_lang", param=key, value=_show(value), langs=", ".join(LANGS)))
        return None
    return "lang", lang


def _flag(key, value, vocab, warnings):
    if value not in ("0", "1", "true", "false"):
        warnings.append(LinkWarning("link_not_flag", param=key, value=_show(value)))
        return None
    return key, value in ("1", "true")


def _changed(key, value, vocab, warnings):
    decoded = _flag(key, value, vocab, warnings)
    return None if decoded is None else ("changed", decoded[1])


def _scene(key, value, vocab, warnings):
    if not _INTEGER.fullmatch(value) or value[0] in "+-" or not 1 <= int(value) <= 999:
        warnings.append(LinkWarning("link_not_scene", param=key, value=_show(value)))
        return None
    return key, int(value)


_FILTER_NAME = {p.url: p.field for p in params.FILTER_PARAMS if p.kind in ("list", "range")}
_DECODERS = {
    "category": partial(_decode_list, allowed_of=lambda v: v.categories),
    "city": partial(_decode_list, allowed_of=lambda v: v.cities),
    "focus": partial(_decode_list, allowed_of=lambda v: v.focus),
    "q": _q,
    "area": partial(_decode_range, integer=False),
    "investment": partial(_decode_range, integer=False),
    "years": partial(_decode_range, integer=True),
    "not_reported": _not_reported,
    "site": partial(_decode_choice, name="site", allowed_of=lambda v: v.site_ids),
    "metric": partial(_decode_choice, name="metric", allowed_of=lambda v: v.metrics),
    "lang": _lang,
    "present": _flag,
    "scene": _scene,
    "changed": _changed,
    "own": _flag,
    "asof": partial(_decode_choice, name="asof", allowed_of=lambda v: STATES),
}


def file_stem(what: str, *, filters: FilterState | None, asof: str, lang: str) -> str:
    """A chart download's file name without its extension, saying what it holds and for
    which view: ``gba-chart-area-city-dongguan-latest``, ``gba-chart-timeline-all-2019-zh``.

    The view is ``view_slug`` of the link's filter parameters (as every download names it),
    then the figures' state and a language other than English. ``filters=None``: a chart
    the filters do not change (the 5G counts) names no view."""
    parts = [_SLUG_UNSAFE.sub("-", what.lower()).strip("-")]
    if filters is not None:
        parts.append(view_slug(encode(ViewState(filters=filters))))
    parts += [_SLUG_UNSAFE.sub("-", p.lower()).strip("-") for p in (asof, *([lang] if lang != "en" else []))]
    return "gba-chart-" + "-".join(parts)


_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")
SLUG_MAX = 60


def view_slug(query: Mapping[str, str]) -> str:
    """The view in a file name: ``all`` for the default view, else its link's parameters
    (``city-dongguan_site-csns``), lower-case ASCII letters, digits and ``-_`` only, at
    most ``SLUG_MAX`` characters. Where the name had to lose something (a long view, a
    Chinese search) it ends in a hash of the whole link, so two views never share a name."""
    if not query:
        return "all"
    parts, lossy = [], False
    for key, value in query.items():
        k = _SLUG_UNSAFE.sub("-", str(key).lower()).strip("-")
        v = _SLUG_UNSAFE.sub("-", str(value).lower()).strip("-")
        lossy |= not (str(value).isascii() and str(key).isascii())
        parts.append(f"{k}-{v}" if v else k)
    slug = "_".join(p for p in parts if p) or "view"
    if lossy or len(slug) > SLUG_MAX:
        whole = urlencode(sorted((str(k), str(v)) for k, v in query.items()))
        digest = hashlib.sha1(whole.encode("utf-8")).hexdigest()[:8]
        slug = slug[: SLUG_MAX - 9].rstrip("-_") + "-" + digest
    return slug
