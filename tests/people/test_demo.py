"""The demo's people give the figures Móng Cái reported (shared/domain/mong-cai.md), computed by
the queries from the records. The expected values are derived from the report and from the
registry (how many communes and villages there were on the date), never typed as results.

mong-cai.md, report of 2020:
- "17/17 communes and wards: the party committee secretary is also the People's Committee
  chairperson and is not a local person; the deputy secretary is also the People's Council
  chairperson."
- "100% of party-cell secretaries are also the head of their village / residential quarter."
Report of 2024: still 100%, "to be kept for the village-head term 2025–2027".
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from tinhgon.audit.context import acting_as
from tinhgon.core.errors import NotFound
from tinhgon.people import queries as q
from tinhgon.people.models import Holding, Person
from tinhgon.registry import queries as rq

D = dt.date
REPORTED_COMMUNES = 17  # "17/17" (2020 report)
TERM_END_2020 = D(2020, 6, 30)  # the last day of the 2015–2020 term in the demo
REPORT_2020 = D(2020, 12, 31)


pytestmark = pytest.mark.django_db


def city():
    return rq.unit_resolve("194", D(2015, 1, 1))


def places_on(kind: str, on: dt.date) -> int:
    """How many units of a kind the registry has under the city on a date."""
    return sum(v.kind == kind for v in rq.subtree_versions(city(), on))


@pytest.mark.parametrize("on", [TERM_END_2020, REPORT_2020])
def test_secretaries_chair_the_peoples_committee_in_17_of_17(demo, on):
    communes = places_on("commune", on)
    assert communes == REPORTED_COMMUNES
    result = q.coverage("commune-secretary-committee-chair", city(), on)
    assert (result.complying, result.total, result.rate) == (communes, communes, 1.0)
    assert result.exceptions == []


@pytest.mark.parametrize("on", [TERM_END_2020, REPORT_2020])
def test_secretaries_are_not_local_in_17_of_17(demo, on):
    result = q.non_local(city(), on)
    assert (result.non_local, result.total) == (REPORTED_COMMUNES, REPORTED_COMMUNES)
    assert result.exceptions == []


@pytest.mark.parametrize("on", [TERM_END_2020, REPORT_2020])
def test_deputy_secretaries_chair_the_peoples_council_in_17_of_17(demo, on):
    result = q.coverage("commune-deputy-secretary-council-chair", city(), on)
    assert (result.complying, result.total) == (REPORTED_COMMUNES, REPORTED_COMMUNES)


@pytest.mark.parametrize("on", [TERM_END_2020, REPORT_2020, D(2024, 6, 30)])
def test_every_party_cell_secretary_is_the_village_head(demo, on):
    villages = places_on("village", on)
    result = q.coverage("cell-secretary-village-head", city(), on)
    assert villages > 0 and result.total == villages
    assert result.complying == result.total and result.rate == 1.0


def test_the_figures_are_computed_not_constant(demo):
    """Before the unification of 2016–2019 the same questions give other answers."""
    early = D(2016, 1, 1)
    commune = q.coverage("commune-secretary-committee-chair", city(), early)
    assert commune.complying < commune.total == REPORTED_COMMUNES
    assert {p.reason for p in commune.exceptions} == {"different_holders"}
    cells = q.coverage("cell-secretary-village-head", city(), early)
    assert 0 < cells.complying < cells.total


def test_the_2025_2027_village_term_keeps_the_100_percent(demo):
    """As the 2024 report put it: the records entered ahead for the 2025–2027 term keep it."""
    projected = q.projection(
        "cell-secretary-village-head", city(), D(2025, 3, 1), as_of=D(2024, 6, 30)
    )
    assert projected.baseline.rate == 1.0 and projected.coverage.rate == 1.0
    assert projected.relying_on_planned == projected.coverage.total > 0
    assert projected.gained == []
    # Hòa Lạc ward (and its party cells) ended on 2024-11-01: its places leave the count.
    assert {p.lead_unit.name.rsplit(", ", 1)[-1] for p in projected.lost} == {"phường Hòa Lạc"}


def test_the_demo_persons_and_the_viewers_figures(demo):
    assert Person.objects.count() > 300 and Holding.objects.filter(planned=True).exists()
    assert not Holding.objects.filter(valid_from__lt=D(2015, 6, 1)).exists()  # records begin
    viewer = get_user_model().objects.get(username="nguoixem")
    with acting_as(viewer, source="test"):
        result = q.coverage("commune-secretary-committee-chair", city(), REPORT_2020)
    assert (result.complying, result.total, result.persons_shown) == (17, 17, False)
    villages = places_on("village", REPORT_2020)
    officer = get_user_model().objects.get(username="xahaison")
    with acting_as(officer, source="test"):
        hai_son = rq.unit_resolve("06724", REPORT_2020)
        mine = q.coverage("cell-secretary-village-head", hai_son, REPORT_2020)
        assert mine.persons_shown and 0 < mine.total < villages
        with pytest.raises(NotFound):
            q.coverage("cell-secretary-village-head", city(), REPORT_2020)
