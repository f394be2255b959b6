"""Checks on a plan: each bad input of the issue gives its own problem, in Vietnamese, naming
the event; nothing real is written."""

import pytest
from django.utils import translation

from tinhgon.plans import queries as q
from tinhgon.plans import services as s

from .helpers import BASE, EFFECTIVE, build_world, merger_events, real_state, ref

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return build_world()


def checks(w, events):
    plan = s.plan_create(name="Thử", scope=w.province, base_on=BASE, effective_on=EFFECTIVE)
    for spec in events:
        s.plan_propose(plan=plan, spec=spec)
    before = real_state()
    with translation.override("vi"):
        found = q.checks(plan)
    assert real_state() == before
    return found


def new_ward(name, code, *inputs):
    return {
        "kind": "consolidate",
        "inputs": [{"unit": ref(u)} for u in inputs],
        "outputs": [{"new": {"name": name, "kind": "commune", "codes": [{"code": code}]}}],
    }


def test_the_merger_plan_leaves_the_posts_of_the_committee_that_ends(w):
    found = checks(w, merger_events(w))
    assert [(p.code, p.field) for p in found] == [("holders_left", "events[0]")]
    assert "Ủy ban nhân dân phường B" in found[0].message and "01/03/2026" in found[0].message


def test_a_unit_ended_twice(w):
    a, b, c = w.communes
    merges = [
        {"kind": "merge", "inputs": [{"unit": ref(c)}], "outputs": [{"unit": ref(a)}]},
        {"kind": "merge", "inputs": [{"unit": ref(c)}], "outputs": [{"unit": ref(b)}]},
    ]
    found = checks(w, merges)
    twice = [p for p in found if p.code == "unit_ended_twice"]
    assert len(twice) == 1 and twice[0].field == "events[1].inputs[0].unit"
    assert "Phường C" in twice[0].message
    # the services refuse the second against the first, too
    assert any(p.field.startswith("events[1].") and p.code != "unit_ended_twice" for p in found)


@pytest.mark.parametrize("first, second", [("code", "id"), ("id", "#"), ("code", "code")])
def test_a_unit_ended_twice_whatever_the_refs_say(w, first, second):
    """The unit is found by its code, its id or #id alike (ids are looked up in one batch)."""
    a, b, c = w.communes
    refs = {"code": "90003", "id": ref(c), "#": f"#{c.pk}"}
    merges = [
        {"kind": "merge", "inputs": [{"unit": refs[first]}], "outputs": [{"unit": ref(a)}]},
        {"kind": "merge", "inputs": [{"unit": refs[second]}], "outputs": [{"unit": ref(b)}]},
    ]
    twice = [p for p in checks(w, merges) if p.code == "unit_ended_twice"]
    assert [p.field for p in twice] == ["events[1].inputs[0].unit"]


def test_events_that_contradict_each_other(w):
    a, b, _ = w.communes
    found = checks(
        w,
        [
            {"kind": "merge", "inputs": [{"unit": ref(a)}], "outputs": [{"unit": ref(b)}]},
            {"kind": "rename", "unit": ref(a), "changes": {"name": "Phường A mới"}},
        ],
    )
    # the rename is read after the merge: A no longer exists on 01/03/2026
    refusals = [p for p in found if p.code != "holders_left"]
    assert refusals and {p.field.split(".")[0] for p in refusals} == {"events[1]"}


def test_codes_reused_wrongly(w):
    a, b, c = w.communes
    found = checks(
        w,
        [
            new_ward("Phường X", "90007", a, c),
            new_ward("Phường Y", "90007", b, c),
        ],
    )
    assert "code_reused" in [p.code for p in found]
    # 90003 still belongs to Phường C, which the plan leaves going: the registry refuses it
    found = checks(w, [new_ward("Phường Z", "90003", a, b)])
    taken = [p for p in found if p.field.startswith("events[0]") and "90003" in p.message]
    assert len(taken) == 1 and "Phường C" in taken[0].message


def test_staff_and_members_left_without_a_successor(w):
    found = checks(
        w,
        [
            {"kind": "dissolve", "inputs": [{"unit": ref(w.committees[2])}]},
            {"kind": "dissolve", "inputs": [{"unit": ref(w.cells[1])}]},
        ],
    )
    codes = {(p.code, p.field) for p in found}
    assert ("staff_left", "events[0]") in codes  # the civil servant of UBND C
    assert ("members_left", "events[1]") in codes  # the member of Chi bộ B1
    staff = next(p for p in found if p.code == "staff_left")
    assert staff.message.startswith("1 ")
