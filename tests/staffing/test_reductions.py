"""Reductions: totals by period, scope, sector, form and basis; change against a base year and
against a target."""

import pytest

from tinhgon.staffing import queries as q
from tinhgon.staffing import services as s

from .helpers import D, build_world, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    world = build_world()
    world.office = staff(world.home_affairs, 5, world.commune)
    world.board_staff = staff(world.board, 4, world.commune)
    world.a_staff = staff(world.committee_a, 6, world.commune)
    world.b_staff = staff(world.committee_b, 5, world.other)
    rows = [
        s.ReductionRow(world.office[0].pk, D(2015, 6, 1), "early_retirement", "nd108-a6-1a"),
        s.ReductionRow(world.office[1].pk, D(2019, 1, 1), "severance", "nd113-a1-1"),
        s.ReductionRow(world.board_staff[0].pk, D(2016, 1, 1), "retirement", "nd26-a2"),
        s.ReductionRow(world.a_staff[0].pk, D(2017, 3, 1), "transfer_out", "nd108-a6-1b"),
        s.ReductionRow(world.a_staff[1].pk, D(2017, 4, 1), "early_retirement", "nd108-a6-1b"),
        s.ReductionRow(world.b_staff[0].pk, D(2021, 3, 1), "severance", "nd143-a1"),
    ]
    world.reductions = s.reductions_record_bulk(rows=rows)
    return world


def counts(items):
    return {c.key: c.count for c in items}


def test_totals_by_sector_form_basis_and_year(w):
    result = q.reductions(w.city, D(2015, 1, 1), D(2020, 12, 31))
    assert result.total == 5
    assert counts(result.by_sector) == {"state": 2, "party": 1, "commune": 2}
    assert counts(result.by_form) == {
        "early_retirement": 2,
        "severance": 1,
        "retirement": 1,
        "transfer_out": 1,
    }
    assert counts(result.by_basis) == {
        "108/2014/NĐ-CP": 3,
        "113/2018/NĐ-CP": 1,
        "26/2015/NĐ-CP": 1,
    }
    assert counts(result.by_year) == {"2015": 1, "2016": 1, "2017": 2, "2019": 1}
    assert [r.on for r in result.rows] == sorted(r.on for r in result.rows)


def test_filters_and_scopes(w):
    assert q.reductions(w.city, D(2015, 1, 1), D(2030, 1, 1)).total == 6
    assert q.reductions(w.city, D(2015, 1, 1), D(2020, 12, 31), sectors=["commune"]).total == 2
    assert q.reductions(w.city, D(2015, 1, 1), D(2030, 1, 1), forms=["severance"]).total == 2
    assert q.reductions(w.city, D(2015, 1, 1), D(2030, 1, 1), bases=["143/2020/NĐ-CP"]).total == 1
    assert q.reductions(w.commune, D(2015, 1, 1), D(2030, 1, 1)).total == 2
    assert q.reductions(w.other, D(2015, 1, 1), D(2030, 1, 1)).total == 1
    # the day a reduction takes effect is inside the period; the day before is not
    assert q.reductions(w.city, D(2015, 6, 1), D(2015, 6, 1)).total == 1
    assert q.reductions(w.city, D(2015, 5, 1), D(2015, 5, 31)).total == 0


def test_change_against_a_base_year(w):
    change = q.staff_change(w.city, D(2015, 1, 1), D(2020, 1, 1))
    assert (change.base, change.now, change.change) == (20, 15, -5)
    assert change.rate == -0.25
    assert change.reductions == 5


def test_target_ten_percent_fewer_than_2015_by_2021(w):
    check = q.target_check("nq39-2015-2021", w.city)
    # on 31/12/2015: 20 employed less the one reduced on 01/06/2015; on 31/12/2021 all six gone
    assert (check.change.base, check.change.now) == (19, 14)
    assert check.required_rate == 0.10
    assert check.met is True
    other = q.target_check("nq39-2015-2021", w.other)
    assert (other.change.base, other.change.now, other.change.rate, other.met) == (5, 4, -0.2, True)


def test_target_not_met_by_an_office_that_kept_its_staff(w):
    staff(w.finance, 3, w.commune)
    check = q.target_check("nq39-2015-2021", w.finance)
    assert (check.change.base, check.change.now, check.met) == (3, 3, False)
