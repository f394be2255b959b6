"""The impact of a plan at its effective date, with the plan against without it. The expected
figures are counted by hand from the world in helpers.py; the simulation leaves no trace."""

import pytest

from tinhgon.plans import queries as q
from tinhgon.plans import services as s
from tinhgon.plans.figures import figures

from .helpers import BASE, EFFECTIVE, D, build_world, merger_events, real_state

pytestmark = pytest.mark.django_db
DECISION = {"number": "15/NQ-HĐND", "issuer": "HĐND tỉnh P", "signed_on": "2026-02-10"}


@pytest.fixture
def w():
    return build_world()


@pytest.fixture
def plan(w):
    plan = s.plan_create(name="Phương án 1", scope=w.province, base_on=BASE, effective_on=EFFECTIVE)
    for spec in merger_events(w):
        s.plan_propose(plan=plan, spec=spec)
    return plan


def values(rows):
    return {r.key: r.value for r in rows}


def test_units_by_kind_before_and_after(plan):
    found = q.impact(plan)
    before, after = values(found.before.units), values(found.after.units)
    # 3 wards, 3 committees, 2 ward party committees, 2 cells; the city and its party
    assert before == {
        "district": 1,
        "commune": 3,
        "peoples_committee": 3,
        "party_committee": 1,
        "grassroots_party_committee": 2,
        "party_cell": 2,
    }
    # A + B → AB, UBND B into UBND A, Đảng ủy A + B → AB, Chi bộ B1 into A1
    assert after == {
        **before,
        "commune": 2,
        "peoples_committee": 2,
        "grassroots_party_committee": 1,
        "party_cell": 1,
    }


def test_party_organizations_and_small_cells(plan, w):
    found = q.impact(plan)
    before, after = values(found.before.party), values(found.after.party)
    assert (before["grassroots"], after["grassroots"]) == (2, 1)
    assert (before["members"], after["members"]) == (3, 3)  # nobody lost on the way
    # A1 has 2 official members, B1 has 1: both below 3; merged, A1 has 3
    assert {c.id for c in found.before.small_cells} == {w.cells[0].pk, w.cells[1].pk}
    assert (before["small_cells"], after["small_cells"]) == (2, 0)
    assert found.after.small_cells == []


def test_leaders_deputies_and_staff_of_the_successor_against_the_norms(plan, w):
    found = q.impact(plan)
    committee = next(x for x in found.successors if x.unit.id == w.committees[0].pk)
    assert [i.id for i in committee.inputs] == [w.committees[1].pk]
    chairs = {p.post_type: (p.holders, p.allowed, p.surplus) for p in committee.leaders}
    assert chairs == {"chair": (2, 1.0, 1)}
    # 2 vice chairs of A + 1 of B; the rule allows 1, and 1 more for a unit formed from two
    deputies = {p.post_type: (p.holders, p.allowed, p.surplus) for p in committee.deputies}
    assert deputies == {"vice_chair": (3, 2.0, 1)}
    # the built-in 5-year rules for surplus deputies and staff
    assert committee.deputy_deadline == D(2031, 3, 1)
    assert (committee.quota, committee.headcount, committee.staff_surplus) == (4, 5, 1)
    assert committee.staff_deadline == D(2031, 3, 1)


def test_headcount_against_quotas_of_the_scope(plan):
    found = q.impact(plan)
    # 3 + 2 + 1 civil servants: carried, not lost; the quota is UBND A's 4
    assert values(found.before.staffing)["headcount:civil_servant"] == 6
    assert values(found.after.staffing)["headcount:civil_servant"] == 6
    assert values(found.after.staffing)["quota:civil_servant"] == 4


def test_people_affected_and_flows(plan, w):
    found = q.impact(plan)
    # 5 leaders, 5 civil servants of A and B, 3 party members: 13 persons
    assert found.affected_count == 13
    names = {a.person.full_name for a in found.affected}
    assert "Công chức C 1" not in names and {"Lãnh đạo 4", "Đảng viên B 1"} <= names
    edges = {(f.source.name, f.target.name) for f in found.flows}
    assert ("Phường A", "Phường AB") in edges and ("Phường B", "Phường AB") in edges
    assert ("Ủy ban nhân dân phường B", "Ủy ban nhân dân phường A") in edges
    assert len(found.flows) == 6


def test_indicators_and_coverage_are_read_on_both_sides(plan):
    found = q.impact(plan)
    assert [r.key for r in found.before.targets] == [r.key for r in found.after.targets]
    assert found.before.targets, "the built-in targets apply to every scope"
    assert [r.key for r in found.before.coverage] == [r.key for r in found.after.coverage]


def test_impact_and_checks_write_nothing(plan):
    before = real_state()
    q.impact(plan)
    q.checks(plan)
    assert real_state() == before


def test_an_approved_plan_reads_the_real_records(plan):
    expected = values(q.impact(plan).after.units)
    s.plan_approve(plan=plan, document=DECISION)
    found = q.impact(plan)
    assert values(found.after.units) == expected
    assert values(found.before.units)["commune"] == 3
    assert found.before.on == D(2026, 2, 28)


def test_compare_two_plans(plan, w):
    other = s.plan_create(
        name="Phương án 2", scope=w.province, base_on=BASE, effective_on=EFFECTIVE
    )
    s.plan_propose(plan=other, spec=merger_events(w)[0])
    found = q.compare(plan, other)
    rows = {(r.table, r.key): r for r in found.rows}
    communes = rows[("units", "commune")]
    assert (communes.a_before, communes.a_after, communes.b_before, communes.b_after) == (
        3,
        2,
        3,
        3,
    )
    committees = rows[("units", "peoples_committee")]
    assert (committees.a_after, committees.b_after) == (2, 2)


def test_two_drafts_on_one_date_read_the_figures_without_a_plan_once(plan, w, monkeypatch):
    read = []

    def counted(scope, on):
        read.append((scope.pk, on))
        return figures(scope, on)

    monkeypatch.setattr(q, "figures", counted)
    other = s.plan_create(
        name="Phương án 2", scope=w.province, base_on=BASE, effective_on=EFFECTIVE
    )
    q.compare(plan, other)
    # without the plans once, with plan A, with plan B
    assert read == [(w.province.pk, EFFECTIVE)] * 3
    read.clear()
    later = s.plan_create(
        name="Phương án 3", scope=w.province, base_on=BASE, effective_on=D(2026, 4, 1)
    )
    q.compare(plan, later)  # another date: its own figures without it
    assert sorted(read) == sorted(
        [(w.province.pk, EFFECTIVE)] * 2 + [(w.province.pk, D(2026, 4, 1))] * 2
    )


def test_progress_is_told_per_proposed_event(plan):
    told = []
    q.impact(plan, progress=lambda done, total, step: told.append((done, total, step)))
    total = plan.events.count() + 2
    assert [t[0] for t in told] == list(range(total + 1)) and {t[1] for t in told} == {total}
    titles = [t[2] for t in told[1:-2]]
    assert titles == [
        f"Đang áp dụng sự kiện đề xuất: {p.spec['title']}" for p in plan.events.order_by("position")
    ]
