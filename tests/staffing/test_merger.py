"""Mergers carry people: the staff of the units that end go on in the successor on the event's
date; the successor's quota, headcount and surplus, surplus deputies against the norm and the
deadline to resolve them."""

import pytest

from tests.registry.helpers import DOC, apply, ref
from tinhgon.people import services as ps
from tinhgon.registry.eventspec import parse_event_spec
from tinhgon.registry.models import Event
from tinhgon.staffing import queries as q
from tinhgon.staffing import services as s
from tinhgon.staffing.models import Employment

from .helpers import D, build_world, employ, person, refused, staff

pytestmark = pytest.mark.django_db
MERGER = D(2026, 3, 1)


@pytest.fixture
def w():
    world = build_world()
    world.office = staff(world.home_affairs, 5, world.commune)
    world.board_staff = staff(world.board, 4, world.commune)
    gone = world.office[0]
    s.reduction_record(person=gone, on=D(2019, 1, 1), form="severance", case="nd113-a1-1")
    return world


def consolidation(w, **extra):
    return parse_event_spec(
        {
            "kind": "consolidate",
            "effective_on": MERGER.isoformat(),
            "documents": [DOC],
            "inputs": [{"unit": ref(w.home_affairs)}, {"unit": ref(w.board)}],
            "outputs": [
                {
                    "new": {
                        "name": "Ban Tổ chức - Nội vụ",
                        "kind": "party_board",
                        "parent": ref(w.city_party),
                        "territory": ref(w.city),
                    }
                }
            ],
            **extra,
        }
    )


def test_a_consolidation_recorded_with_its_staff(w):
    result = s.merger_carry(spec=consolidation(w))
    successor = result.event.participants.get(role="output").unit
    assert len(result.carried) == 8  # 4 + 4: the one reduced in 2019 stays behind
    assert q.headcount(successor, MERGER, scope=False) == {"civil_servant": 8}
    assert q.headcount(w.home_affairs, D(2026, 2, 28), scope=False) == {"civil_servant": 4}
    old = Employment.objects.filter(unit=w.home_affairs, end_reason="carried")
    assert {e.valid_to for e in old} == {MERGER}
    assert all(e.carried_from_id for e in result.carried)


def test_a_merger_already_recorded(w):
    event = apply("merge", "2020-01-01", inputs=[w.finance], outputs=[w.home_affairs])
    staff_finance = [person(f"Tài chính {i}", home=w.commune) for i in range(3)]
    for p in staff_finance:
        employ(p, w.finance, valid_to=D(2020, 1, 1))  # entered until the office ended
    result = s.merger_carry(event=event)
    assert len(result.carried) == 3
    assert q.headcount(w.home_affairs, D(2020, 1, 1), scope=False) == {"civil_servant": 7}


def test_quota_surplus_and_surplus_deputies_with_their_deadlines(w):
    result = s.merger_carry(spec=consolidation(w))
    successor = result.event.participants.get(role="output").unit
    s.quota_set(unit=successor, category="civil_servant", number=6, document=w.document, year=2026)
    ps.deputy_rule_define(
        code="test-board-deputies",
        unit_kind="party_board",
        post_type="deputy_head",
        mode="average",
        number=2,
        valid_from=D(2015, 1, 1),
        basis="test",
    )
    deputies = ps.post_create(
        unit=successor, post_type="deputy_head", valid_from=MERGER, single_holder=False
    )
    for p in [*w.office[1:3], *w.board_staff[:1]]:
        ps.holding_start(person=p, post=deputies, valid_from=MERGER)
    report = q.merger_staffing(result.event)
    assert (report.quota, report.headcount, report.surplus) == (6, 8, 2)
    assert report.staff_deadline == D(2031, 3, 1) and report.staff_rule == "cv09-2025-staff"
    row = next(d for d in report.deputies if d.post_type == "deputy_head")
    assert (row.deputies, row.allowed, row.surplus) == (3, 2.0, 1)
    assert report.deputy_deadline == D(2031, 3, 1) and report.deputy_rule == "nd370-2025-deputies"
    assert {u.name for u in report.inputs} == {"Phòng Nội vụ", "Ban Tổ chức Thành ủy T"}


def test_a_merger_before_the_rules_of_2025_has_no_deadline(w):
    event = apply("merge", "2018-07-01", inputs=[w.board], outputs=[w.home_affairs])
    s.merger_carry(event=event)
    report = q.merger_staffing(event)
    assert report.headcount == 9  # 5 + 4: the reduction of 2019 is still to come
    assert (report.staff_deadline, report.deputy_deadline) == (None, None)


def test_only_mergers_and_consolidations_carry_staff(w):
    event = apply(
        "rename",
        "2020-01-01",
        inputs=[w.finance],
        outputs=[{"unit": ref(w.finance), "changes": {"name": "Phòng Tài chính - Kế hoạch"}}],
    )
    refused("not_a_merger", s.merger_carry, event=event)


def test_a_refused_carry_leaves_no_event_behind(w):
    refused("event_or_spec", s.merger_carry)
    events = Event.objects.count()
    # the person already works in the absorbing office: the carry is refused, and so is the
    # event recorded in the same transaction
    employ(w.board_staff[0], w.home_affairs, valid_from=D(2019, 1, 1))
    spec = parse_event_spec(
        {
            "kind": "merge",
            "effective_on": "2020-01-01",
            "documents": [DOC],
            "inputs": [{"unit": ref(w.board)}],
            "outputs": [{"unit": ref(w.home_affairs)}],
        }
    )
    refused("employment_overlap", s.merger_carry, spec=spec)
    assert Event.objects.count() == events


def test_carrying_into_a_unit_where_the_person_already_works_is_refused(w):
    event = apply("merge", "2020-01-01", inputs=[w.board], outputs=[w.home_affairs])
    employ(w.board_staff[0], w.home_affairs, valid_from=D(2019, 1, 1))
    error = refused("employment_overlap", s.merger_carry, event=event)
    assert "Phòng Nội vụ" in error.problems[0].message


def test_a_body_formed_from_two_units_may_keep_one_more_deputy(w):
    """NĐ 370/2025: +1 deputy if formed from two units (+2 from three)."""
    result = s.merger_carry(spec=consolidation(w))
    successor = result.event.participants.get(role="output").unit
    ps.deputy_rule_define(
        code="test-board-deputies-merged",
        unit_kind="party_board",
        post_type="deputy_head",
        mode="average",
        number=2,
        merged_bonus=2,
        valid_from=D(2015, 1, 1),
        basis="test",
    )
    deputies = ps.post_create(
        unit=successor, post_type="deputy_head", valid_from=MERGER, single_holder=False
    )
    for p in [*w.office[1:3], *w.board_staff[:1]]:
        ps.holding_start(person=p, post=deputies, valid_from=MERGER)
    row = next(d for d in q.merger_staffing(result.event).deputies if d.post_type == "deputy_head")
    assert (row.deputies, row.allowed, row.surplus) == (3, 3.0, 0)  # two units: 2 + 1
