"""Which online tile source the map may use, read once from the deployer's environment.

The map always carries the bundled offline basemap. A tile source is an option on top: the
browser probes one tile and switches to the tiles only when it arrives in time, so an
offline room or a blocked network keeps the offline map. Only Web Mercator tiles in WGS-84
fit this data's coordinates: GCJ-02 services (Amap, Baidu, Tencent) draw every site a few
hundred metres off, so they are refused here rather than offered.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

ENV_TILES = "GBA_DASH_TILES"
ENV_ATTRIBUTION = "GBA_DASH_TILES_ATTRIBUTION"
# Where the probe tile is taken: the middle of the Pearl River Delta at zoom 8.
PROBE_LON, PROBE_LAT, PROBE_ZOOM = 113.9, 22.6, 8
PROBE_TIMEOUT_MS = 3000

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_ALLOWED = {"s", "z", "x", "y", "r"}
# Hosts of tile services drawn in GCJ-02 (Amap/AutoNavi/Gaode, Baidu, Tencent), each on its
# .com and .cn domains and its static-content hosts: wrong under WGS-84.
_GCJ_HOSTS = (
    "amap.com",
    "amap.cn",
    "autonavi.com",
    "autonavi.cn",
    "gaode.com",
    "gaode.cn",
    "baidu.com",
    "baidu.cn",
    "bdimg.com",
    "bdstatic.com",
    "qq.com",
    "gtimg.com",
    "gtimg.cn",
)


def normal_host(host: str) -> str:
    """A host name as DNS resolves it, for comparing: lower-case, the trailing root dot(s)
    dropped (``autonavi.com.`` is ``autonavi.com``), and an internationalised name in its
    ASCII (IDNA) form, so full-width or Unicode look-alikes compare as what they resolve to."""
    host = host.strip().rstrip(".").lower()
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        # A name IDNA cannot encode: Unicode's own folding still maps full-width forms.
        import unicodedata

        host = unicodedata.normalize("NFKC", host).casefold().rstrip(".")
    return host


class TilesConfigError(ValueError):
    """The deployer's tile settings cannot be used; the message names the variable and value."""


@dataclass(frozen=True)
class TileSource:
    """An XYZ tile template and the attribution its terms require (HTML, ours or escaped)."""

    url: str
    attribution: str
    name: str = "OpenStreetMap"
    max_zoom: int = 19
    subdomains: str = "abc"

    def probe_url(self) -> str:
        """The one tile the browser asks for to learn whether the server answers."""
        n = 2**PROBE_ZOOM
        x = int((PROBE_LON + 180) / 360 * n)
        lat = math.radians(PROBE_LAT)
        y = int((1 - math.log(math.tan(lat) + 1 / math.cos(lat)) / math.pi) / 2 * n)
        values = {"s": self.subdomains[:1] or "a", "z": str(PROBE_ZOOM), "x": str(x), "y": str(y), "r": ""}
        return _PLACEHOLDER.sub(lambda m: values[m.group(1)], self.url)


# The default: OpenStreetMap's standard tiles, under the OSMF tile usage policy (attribution
# shown, modest use, no bulk download). A deployment for large audiences sets its own source.
OSM = TileSource(
    url="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    attribution='&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">'
    "OpenStreetMap</a> contributors",
    name="OpenStreetMap",
    max_zoom=19,
)


def tiles_from_env(environ: Mapping[str, str]) -> TileSource | None:
    """The tile source the deployer chose: unset means OpenStreetMap, ``off`` means none."""
    raw = environ.get(ENV_TILES, "").strip()
    if not raw:
        return OSM
    if raw.lower() in {"off", "none", "0", "false", "no"}:
        return None
    return parse_template(raw, environ.get(ENV_ATTRIBUTION, ""))


def parse_template(raw: str, attribution: str = "") -> TileSource:
    """Check a deployer's URL template; the attribution is plain text (escaped here)."""

    def refuse(why: str) -> TilesConfigError:
        return TilesConfigError(f"{ENV_TILES}={raw[:200]!r}: {why}; set {ENV_TILES}=off for the offline map only")

    if len(raw) > 2000:
        raise refuse("longer than 2,000 characters")
    if any(c.isspace() or c in "\"'<>`\\" for c in raw):
        raise refuse("a URL template holds no spaces, quotes, angle brackets or backslashes")
    parts = urlsplit(raw)
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise refuse("not an http(s) URL template such as https://tiles.example.org/{z}/{x}/{y}.png")
    names = _PLACEHOLDER.findall(raw)
    unknown = sorted(set(names) - _ALLOWED)
    if unknown:
        raise refuse(f"unknown placeholder {{{unknown[0]}}} (allowed: {{s}} {{z}} {{x}} {{y}} {{r}})")
    missing = [p for p in ("z", "x", "y") if p not in names]
    if missing:
        raise refuse(f"no {{{missing[0]}}} placeholder: an XYZ template needs {{z}}, {{x}} and {{y}}")
    rest = _PLACEHOLDER.sub("", raw)
    if "{" in rest or "}" in rest:
        raise refuse("unbalanced braces")
    host = normal_host(parts.hostname)
    if any(host == h or host.endswith("." + h) for h in _GCJ_HOSTS):
        raise refuse("a GCJ-02 tile service; this map's coordinates are WGS-84 and would sit off its tiles")
    text = attribution.strip() or f"Tiles: {host}"
    return TileSource(url=raw, attribution=html.escape(text[:300]), name=host, max_zoom=19)
