from __future__ import annotations

import itertools

import pytest
from shapely.geometry import Point

from gba_dash.read.geometry import area_true_circle, geodesic_area_km2, round_coords


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


def test_nearest_sites_are_ranked_by_geodesic_distance(dataset):
    from gba_dash.read.geometry import nearest_sites

    near = nearest_sites(dataset.sites, "csns")
    assert [sid for sid, _ in near][:2] == ["songshan-lake-materials-lab", "dongguan-neutron-science-city"]
    assert near[0][1] < 2 and all(a[1] <= b[1] for a, b in itertools.pairwise(near))
    assert nearest_sites(dataset.sites, "nowhere") == []
    assert len(nearest_sites(dataset.sites, "csns", n=5)) == 5
