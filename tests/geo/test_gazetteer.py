"""Where the gazetteer puts countries and regions (needs the gazetteer cache)."""

import math

import pytest

from khronika.geo.gazetteer import _country_point


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p = math.pi / 180
    h = (math.sin((b[0] - a[0]) * p / 2) ** 2
         + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


def test_country_point_is_the_midpoint_when_the_estimates_agree() -> None:
    row = ["ZZ", "10", "20", "Zedish", "Zedland", "11.00", "21.00"]
    assert _country_point(row) == (10.5, 20.5)


def test_country_point_keeps_the_factbook_point_when_they_disagree() -> None:
    # an archipelago: its largest island's centroid is far from the country's centre
    assert _country_point(["ZZ", "-5", "120", "", "", "-0.25", "114.02"]) == (-5.0, 120.0)
    # no outline at all
    assert _country_point(["ZZ", "-5", "120", "", ""]) == (-5.0, 120.0)
    # across the antimeridian a plain midpoint would land on the other side of the world
    assert _country_point(["ZZ", "-17", "179.9", "", "", "-17.1", "-179.9"]) == (-17.0, 179.9)


@pytest.mark.slow
def test_big_countries_sit_near_their_geographic_centre() -> None:
    from khronika.geo.gazetteer import load

    g = load()
    # the geographic centre of the contiguous United States (near Lebanon, Kansas)
    us = g.country_index["US"]
    assert _km((g.lat[us], g.lon[us]), (39.83, -98.58)) < 161
    # and within 161 km of both gazetteer conventions: GeoNames' and Wikipedia's
    for point in ((39.76, -98.5), (40.0, -100.0)):
        assert _km((g.lat[us], g.lon[us]), point) < 161
    # Russia's conventional point, not its landmass centroid in the empty north
    ru = g.country_index["RU"]
    assert _km((g.lat[ru], g.lon[ru]), (60.0, 100.0)) < 50


@pytest.mark.slow
def test_withdrawn_country_codes_do_not_take_over_current_countries() -> None:
    from khronika.geo.gazetteer import COUNTRY, load

    g = load()
    # "GE" was the Gilbert and Ellice Islands, "SK" Sikkim: neither replaces the country
    assert g.name[g.country_index["GE"]] == "Georgia"
    assert g.name[g.country_index["SK"]] == "Slovakia"
    assert not any(g.kind[i] == COUNTRY for i in g.lookup("sikkim"))
    # and former names of states find the state that carries on
    assert any(g.country[i] == "CD" and g.kind[i] == COUNTRY for i in g.lookup("zaire"))
    assert any(g.country[i] == "RU" and g.kind[i] == COUNTRY for i in g.lookup("ссср"))


@pytest.mark.slow
def test_regions_that_are_no_administrative_unit() -> None:
    from khronika.geo.gazetteer import load
    from khronika.geo.names import norm

    g = load()
    darfur = g.lookup("darfur")
    assert darfur and g.country[darfur[0]] == "SD"
    assert any(g.country[i] == "UA" for i in g.lookup(norm("Донбасс")))
    eu = g.lookup("european union")
    assert eu and _km((g.lat[eu[0]], g.lon[eu[0]]), (50.85, 4.35)) < 20  # Brussels


@pytest.mark.slow
def test_vast_regions_sit_at_the_gazetteer_point_not_among_their_southern_towns() -> None:
    from khronika.geo.gazetteer import load

    g = load()
    # Ontario's towns cluster in the south; GeoNames puts it at 49.25 N 84.5 W,
    # Wikipedia at 50 N 85 W
    on = g.admin1_index[("CA", "Ontario")]
    for point in ((49.25, -84.5), (50.0, -85.0)):
        assert _km((g.lat[on], g.lon[on]), point) < 161
