"""Geometry helpers that need a projection: area-true extents and true areas.

No open boundary exists for the science cities, so the project draws an *indicative
extent*: a circle holding the reported area, centred on the documented location. The
circle is built in a Lambert azimuthal equal-area projection centred on the point, so its
area on the ground is the reported area, not a degree-space approximation.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

WGS84 = CRS.from_epsg(4326)


def _laea(lon: float, lat: float) -> CRS:
    return CRS.from_proj4(f"+proj=laea +lat_0={lat} +lon_0={lon} +x_0=0 +y_0=0 +ellps=WGS84 +units=m")


def _reproject(geom: BaseGeometry, src: CRS, dst: CRS) -> BaseGeometry:
    t = Transformer.from_crs(src, dst, always_xy=True)
    return shapely.transform(geom, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))


def area_true_circle(lon: float, lat: float, area_km2: float, *, segments: int = 64) -> Polygon:
    """A WGS-84 polygon of ``area_km2`` around (lon, lat), area-true within 0.2%."""
    if not area_km2 > 0:
        raise ValueError(f"area_km2 must be positive, got {area_km2!r}")
    # A regular n-gon inscribed in radius r has area n/2 r^2 sin(2pi/n); size r so the
    # polygon, not the ideal circle, carries the reported area.
    r = math.sqrt(2 * area_km2 * 1e6 / (segments * math.sin(2 * math.pi / segments)))
    circle = Point(0, 0).buffer(r, quad_segs=segments // 4)
    return _reproject(circle, _laea(lon, lat), WGS84)


def geodesic_area_km2(geom: BaseGeometry) -> float:
    """Area on the ground of a WGS-84 geometry, in km², measured in a local equal-area CRS."""
    c = geom.centroid
    return _reproject(geom, WGS84, _laea(c.x, c.y)).area / 1e6


def round_coords(geom: BaseGeometry, digits: int = 5) -> BaseGeometry:
    """Trim coordinate precision (1e-5 degrees is about 1 m): smaller files, same map."""
    return shapely.transform(geom, lambda xy: np.round(xy, digits))


def anchor(geom) -> Point:
    """Where a site's symbol goes: the point itself, a polygon's centre, a line's midpoint."""
    if geom.geom_type == "Point":
        return geom
    if geom.geom_type in ("LineString", "MultiLineString"):
        return geom.interpolate(0.5, normalized=True)
    return geom.representative_point() if not geom.centroid.within(geom) else geom.centroid


def nearest_sites(sites, site_id: str, *, n: int = 3) -> list[tuple[str, float]]:
    """The ``n`` sites whose symbols lie nearest to ``site_id``'s, with straight-line
    (geodesic, WGS-84 ellipsoid) distances in km: so a reader can check a claim such as
    "seven kilometres from the Dongguan cluster". Sites that are part of it are included.
    """
    from pyproj import Geod

    points = {sid: anchor(geom) for sid, geom in zip(sites["site_id"], sites.geometry, strict=True)}
    if site_id not in points:
        return []
    here = points.pop(site_id)
    geod = Geod(ellps="WGS84")
    ids = list(points)
    if not ids:
        return []
    _, _, metres = geod.inv(
        [here.x] * len(ids), [here.y] * len(ids), [points[i].x for i in ids], [points[i].y for i in ids]
    )
    ranked = sorted(zip(ids, metres, strict=True), key=lambda item: item[1])
    return [(sid, round(m / 1000, 1)) for sid, m in ranked[:n]]
