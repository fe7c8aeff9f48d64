from __future__ import annotations

import pytest
from shapely.geometry import Point

from gba_dash.geometry import area_true_circle, geodesic_area_km2, round_coords


@pytest.mark.parametrize("area", [0.5, 10.8, 53.3, 99.0])
def test_area_true_circle_holds_the_reported_area(area):
    """The extent's area on the ground is the reported area, within 0.5%."""
    poly = area_true_circle(113.9, 22.8, area)
    assert poly.is_valid
    assert geodesic_area_km2(poly) == pytest.approx(area, rel=0.005)


def test_area_true_circle_is_centred_on_the_location():
    poly = area_true_circle(113.9, 22.8, 50)
    assert poly.centroid.distance(Point(113.9, 22.8)) < 1e-4


@pytest.mark.parametrize("area", [0, -3])
def test_area_true_circle_refuses_non_positive_area(area):
    with pytest.raises(ValueError, match="area_km2"):
        area_true_circle(113.9, 22.8, area)


def test_round_coords_trims_precision():
    assert round_coords(Point(113.123456789, 22.987654321), 5).coords[0] == (113.12346, 22.98765)
