"""Hand the room a view: its link, a QR code of it and an ``<iframe>`` snippet.

A link is only worth sharing if the people who receive it can open it. The server knows
the address it was reached at (``127.0.0.1`` on a presenter's laptop), which nobody else
can open; a deployer says where the page is public with ``GBA_DASH_PUBLIC_URL``, and
every shared form (link, QR code, embed, citation) uses that base. Without it the link
is the local one, and ``ShareLink.public`` says so, so the page can say so too.
"""

from __future__ import annotations

import html
import io
import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

ENV = "GBA_DASH_PUBLIC_URL"
# The QR code's dark modules: the page's ink, not pure black (still > 7:1 on white).
QR_DARK = "#1a1a1a"


class PublicURLError(ValueError):
    """``GBA_DASH_PUBLIC_URL`` is set to something no browser could open as this page."""


def public_base(environ: Mapping[str, str] | None = None) -> str | None:
    """The deployer's public address of the page, ending in ``/``; None when not set.

    Only ``http``/``https`` with a host and no query or fragment: the view's own query is
    appended to it. A bad value raises ``PublicURLError`` naming the variable and value,
    so a misconfigured deployment says so instead of printing unusable links.
    """
    raw = (os.environ if environ is None else environ).get(ENV, "").strip()
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PublicURLError(f"{ENV}={raw!r}: not an http(s) address with a host")
    if parts.query or parts.fragment:
        raise PublicURLError(f"{ENV}={raw!r}: the page's address only, without '?' or '#'")
    return raw if raw.endswith("/") else raw + "/"


def is_local(url: str) -> bool:
    """True when only this machine or its private network can open ``url``."""
    host = (urlsplit(url).hostname or "").lower()
    if not host or host == "localhost" or host.endswith(".localhost") or host.endswith(".local"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private or ip.is_unspecified or ip.is_link_local


@dataclass(frozen=True, kw_only=True)
class ShareLink:
    """A view's link and whether people elsewhere can open it."""

    url: str
    public: bool  # the deployer's public address (GBA_DASH_PUBLIC_URL) was used
    local: bool  # only this machine or its network can open it


def share_link(query: Mapping[str, str], *, seen: str | None, public: str | None) -> ShareLink:
    """The view's link: ``public`` (the configured base) if set, else the address the page
    was reached at (``seen``, its query dropped), else a bare relative query."""
    if public:
        base = public
    else:
        base = (seen or "").split("?")[0].split("#")[0]
        if base and not base.endswith("/"):
            base += "/"  # the page's own address ends with "/" (also under a base path)
    url = base + ("?" + urlencode(query, quote_via=quote) if query else "")
    return ShareLink(url=url, public=bool(public), local=not public and (not base or is_local(base)))


def qr_svg(url: str, *, title: str) -> str:
    """The link as a QR code, an SVG (segno, pure Python), with a ``<title>`` for screen
    readers. Error correction M: it still reads from a projector across a room."""
    import segno  # only when someone shares

    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        out, kind="svg", scale=6, border=4, dark=QR_DARK, light="#ffffff", title=title, xmldecl=False, omitsize=True
    )
    return out.getvalue().decode("utf-8")


def embed_snippet(url: str, *, title: str, height: int = 720) -> str:
    """An ``<iframe>`` that embeds the view in another page; ``embed=true`` is Streamlit's
    own parameter for a page without its menu. Attribute values are HTML-escaped."""
    sep = "&" if "?" in url else "?"
    src = url + sep + "embed=true"
    return (
        f'<iframe src="{html.escape(src, quote=True)}" title="{html.escape(title, quote=True)}" '
        f'width="100%" height="{int(height)}" style="border:0" loading="lazy"></iframe>'
    )
