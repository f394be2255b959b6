"""Headcount at a date, by unit or scope and category, against the quota: surplus or deficit."""

import pytest

from tinhgon.staffing import queries as q
from tinhgon.staffing import services as s

from .helpers import D, build_world, employ, person, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    world = build_world()
    world.office = staff(world.home_affairs, 6, world.commune)
    world.commune_staff = staff(world.committee_a, 4, world.commune, "cadre")
    late = person("Lê Văn Muộn", home=world.commune)
    employ(late, world.home_affairs, valid_from=D(2018, 1, 1))
    employ(
        person("Hợp Đồng", home=world.commune), world.finance, "contract", valid_to=D(2017, 1, 1)
    )
    for year, number in ((2016, 5), (2018, 8)):
        s.quota_set(
            unit=world.home_affairs,
            category="civil_servant",
            number=number,
            document=world.document,
            year=year,
        )
    return world


def test_headcount_at_two_dates(w):
    assert q.headcount(w.home_affairs, D(2016, 6, 30), scope=False) == {"civil_servant": 6}
    assert q.headcount(w.home_affairs, D(2018, 6, 30), scope=False) == {"civil_servant": 7}
    assert q.headcount(w.finance, D(2016, 6, 30), scope=False) == {"contract": 1}
    assert q.headcount(w.finance, D(2017, 1, 1), scope=False) == {}


def test_headcount_of_a_scope_by_category(w):
    city = q.headcount(w.city, D(2016, 6, 30))
    assert city == {"civil_servant": 6, "cadre": 4, "contract": 1}
    assert q.headcount(w.city, D(2016, 6, 30), categories=["cadre"]) == {"cadre": 4}
    assert q.headcount(w.commune, D(2016, 6, 30)) == {"cadre": 4}


def test_surplus_then_deficit_against_the_quota(w):
    surplus = q.staffing(w.home_affairs, D(2016, 6, 30), scope=False)
    row = surplus.rows[0]
    assert (row.category, row.quota, row.headcount, row.difference, row.status) == (
        "civil_servant",
        5,
        6,
        1,
        "surplus",
    )
    deficit = q.staffing(w.home_affairs, D(2018, 6, 30), scope=False)
    assert (deficit.quota, deficit.headcount, deficit.difference) == (8, 7, -1)
    assert deficit.rows[0].status == "deficit"
    no_quota = q.staffing(w.home_affairs, D(2017, 6, 30), scope=False)
    assert (no_quota.quota, no_quota.rows[0].status) == (None, "no_quota")


def test_staffing_of_a_scope_lists_each_unit(w):
    result = q.staffing(w.city, D(2016, 6, 30), employees=True)
    assert result.headcount == 11
    assert result.quota == 5  # only home affairs has a quota in 2016
    names = {u.unit.name: u.headcount for u in result.units}
    assert names == {"Phòng Nội vụ": 6, "Ủy ban nhân dân phường A": 4, "Phòng Tài chính": 1}
    assert len(result.employees) == 11 and result.persons_shown
    assert all(e.person is not None for e in result.employees)


def test_ending_an_employment(w):
    job = employ(person("Đỗ Văn Đi", home=w.commune), w.finance)
    s.employment_end(employment=job, valid_to=D(2017, 1, 1), reason="transferred")
    assert q.headcount(w.finance, D(2017, 1, 1), scope=False) == {}
