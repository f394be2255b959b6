"""The demo's staffing records give the figures Móng Cái reported (shared/domain/mong-cai.md),
computed by the queries. The expected values are the report's, never the queries' output.

- 2020 report: "Since 2015, 156 people paid from the state budget were reduced in party
  agencies, state management offices and communes, under Decrees 26/2015, 108/2014 and
  113/2018."
- 2019 report: "264 cadres, civil servants, public employees and workers reduced in all the
  city's agencies, units, communes and wards together."
- 2020 report: the shared advisory office's "staffing was 21 in 2018, 14 fewer than in 2015".
- 2020 report: "Ended the use of contract workers for professional work in administrative
  agencies."
"""

import datetime as dt

import pytest

from tinhgon.registry import queries as rq
from tinhgon.registry.models import UnitVersion
from tinhgon.staffing import queries as q

D = dt.date
REPORTED_SUBSET = 156  # party agencies, state management offices and communes, 2015–2020
REPORTED_ALL = 264  # all agencies, units, communes and wards, by mid-2019
SUBSET_SECTORS = (
    "party",
    "state",
    "commune",
)  # "party agencies, state management offices and communes"
SUBSET_DECREES = {"26/2015/NĐ-CP", "108/2014/NĐ-CP", "113/2018/NĐ-CP"}
OFFICE_2018, OFFICE_FEWER = 21, 14
SINCE = D(2015, 1, 1)
END_2020 = D(2020, 12, 31)
MID_2019 = D(2019, 6, 30)


pytestmark = pytest.mark.django_db


def city():
    return rq.unit_resolve("194", SINCE)


def shared_office():
    # one office, with a second version under the ward's Front from 2025-07-01
    version = UnitVersion.objects.as_of(D(2018, 12, 31)).get(kind="shared_advisory_office")
    return version.unit


def test_156_reductions_in_party_state_and_communes_2015_2020(demo):
    result = q.reductions(city(), SINCE, END_2020, sectors=SUBSET_SECTORS)
    assert result.total == REPORTED_SUBSET
    assert {c.key for c in result.by_basis} == SUBSET_DECREES
    assert {c.key for c in result.by_sector} == set(SUBSET_SECTORS)


def test_264_reductions_in_all_the_city_by_mid_2019(demo):
    result = q.reductions(city(), SINCE, MID_2019)
    assert result.total == REPORTED_ALL
    assert sum(c.count for c in result.by_sector) == REPORTED_ALL
    assert sum(c.count for c in result.by_year) == REPORTED_ALL


def test_both_figures_come_from_the_same_records(demo):
    subset_by_mid_2019 = q.reductions(city(), SINCE, MID_2019, sectors=SUBSET_SECTORS).total
    assert subset_by_mid_2019 < REPORTED_SUBSET < REPORTED_ALL
    everything = q.reductions(city(), SINCE, D(2030, 1, 1))
    assert everything.total > REPORTED_ALL  # later reductions are in the records too


def test_shared_office_21_in_2018_and_14_fewer_than_2015(demo):
    office = shared_office()
    change = q.staff_change(office, D(2015, 12, 31), D(2018, 12, 31), scope=False)
    assert change.now == OFFICE_2018
    assert change.base - change.now == OFFICE_FEWER
    assert len(change.predecessors) == 6  # the six organizations' staff sections
    assert sum(q.headcount(office, D(2018, 12, 31), scope=False).values()) == OFFICE_2018


def test_no_contract_workers_in_professional_posts_after_2018(demo):
    assert q.contract_workers(city(), D(2015, 6, 30)).total > 0
    assert q.contract_workers(city(), END_2020).total == 0


def test_staffing_of_the_city_against_quota(demo):
    result = q.staffing(city(), D(2016, 6, 30))
    assert result.headcount == sum(r.headcount for r in result.rows)
    assert result.quota is not None
    assert result.difference == result.headcount - result.quota
