"""GCJ-02 ("Mars coordinates") to WGS-84, for lists geocoded with Amap, Tencent or Google China.

GCJ-02 is WGS-84 shifted by an obfuscating function, a few hundred metres in the Pearl
River Delta. The forward function is public (the widely republished formula, with the
Krasovsky semi-major axis); there is no closed-form inverse, so ``to_wgs84`` iterates the
forward function until the shift reproduces the given point (to well under a metre).
Points outside mainland China's rough box are not shifted, as the services do not shift
them. Baidu's BD-09 adds a further offset and is not handled here.
"""

from __future__ import annotations

import numpy as np

A = 6378245.0  # Krasovsky 1940 semi-major axis, as the formula uses it
EE = 0.00669342162296594323  # its first eccentricity squared


def in_china(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Where the services apply the shift: a rough box around mainland China."""
    return (lon >= 72.004) & (lon <= 137.8347) & (lat >= 0.8293) & (lat <= 55.8271)


def _shift(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The GCJ-02 shift (degrees of longitude, latitude) at WGS-84 points."""
    x, y = lon - 105.0, lat - 35.0
    common = (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x)) + common
    dlat += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    dlat += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x)) + common
    dlon += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    dlon += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    rad = np.radians(lat)
    magic = 1 - EE * np.sin(rad) ** 2
    dlat = dlat * 180.0 / ((A * (1 - EE)) / (magic * np.sqrt(magic)) * np.pi)
    dlon = dlon * 180.0 / (A / np.sqrt(magic) * np.cos(rad) * np.pi)
    inside = in_china(lon, lat)
    return np.where(inside, dlon, 0.0), np.where(inside, dlat, 0.0)


def to_gcj02(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """WGS-84 to GCJ-02 (the published forward function)."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    dlon, dlat = _shift(lon, lat)
    return lon + dlon, lat + dlat


def to_wgs84(lon, lat, *, tolerance_deg: float = 1e-8, max_steps: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """GCJ-02 to WGS-84: the point whose forward shift lands on the given one."""
    glon, glat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    wlon, wlat = glon.copy(), glat.copy()
    for _ in range(max_steps):
        flon, flat = to_gcj02(wlon, wlat)
        elon, elat = flon - glon, flat - glat
        wlon, wlat = wlon - elon, wlat - elat
        if np.all(np.abs(elon) < tolerance_deg) and np.all(np.abs(elat) < tolerance_deg):
            break
    return wlon, wlat
