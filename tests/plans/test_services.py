"""Plans are data until approved: creating, proposing, submitting and rejecting write no real
record; approving writes every proposal as a real event with the deciding document, audited,
or nothing at all."""

import pytest
from django.utils import translation

from tests.registry.helpers import apply
from tinhgon.audit.models import ChangeRecord
from tinhgon.core.errors import DomainError
from tinhgon.party.models import Attachment
from tinhgon.plans import services as s
from tinhgon.plans.models import Plan, ProposedEvent
from tinhgon.registry.models import Event, LegalDocument
from tinhgon.staffing import queries as staffing

from .helpers import BASE, EFFECTIVE, D, build_world, merger_events, real_state, ref

pytestmark = pytest.mark.django_db
DECISION = {
    "number": "15/NQ-HĐND",
    "issuer": "Hội đồng nhân dân tỉnh P",
    "kind": "resolution",
    "signed_on": "2026-02-10",
}


@pytest.fixture
def w():
    return build_world()


def new_plan(w, events=None, **extra):
    fields = {"name": "Phương án sắp xếp phường A, B", "scope": w.province}
    fields.update(base_on=BASE, effective_on=EFFECTIVE, **extra)
    plan = s.plan_create(**fields)
    for spec in merger_events(w) if events is None else events:
        s.plan_propose(plan=plan, spec=spec)
    return plan


def refused(code, action, /, **kwargs):
    before = (real_state(), Plan.objects.count(), ProposedEvent.objects.count())
    with translation.override("vi"), pytest.raises(DomainError) as caught:
        action(**kwargs)
    assert code in caught.value.codes, caught.value.problems
    assert (real_state(), Plan.objects.count(), ProposedEvent.objects.count()) == before
    return caught.value


def test_a_plan_on_a_base_date_before_the_data_is_refused_with_every_problem(w):
    error = refused(
        "base_before_data",
        s.plan_create,
        name=" ",
        scope=w.province,
        base_on=D(2009, 12, 31),  # the records start on 01/01/2010
        effective_on=D(2009, 1, 1),
    )
    assert set(error.codes) >= {"base_before_data", "effective_not_after_base", "required"}
    message = next(p.message for p in error.problems if p.code == "base_before_data")
    assert "31/12/2009" in message and "01/01/2010" in message


def test_a_scope_that_does_not_exist_on_the_effective_date_is_refused(w):
    # Phường C is merged into B on 01/02/2026, before the plan takes effect.
    apply("merge", "2026-02-01", inputs=[w.communes[2]], outputs=[w.communes[1]])
    error = refused(
        "scope_missing",
        s.plan_create,
        name="P",
        scope=w.communes[2],
        base_on=BASE,
        effective_on=EFFECTIVE,
    )
    assert "01/03/2026" in error.problems[0].message


def test_proposals_are_checked_as_event_files_and_must_fall_within_the_plan(w):
    plan = new_plan(w, events=[])
    error = refused("invalid_choice", s.plan_propose, plan=plan, spec={"kind": "swallow"})
    assert error.problems[0].field == "spec.kind"
    late = {**merger_events(w)[0], "effective_on": "2026-04-01"}
    refused("event_date_outside", s.plan_propose, plan=plan, spec=late)
    assert plan.events.count() == 0


def test_creating_proposing_submitting_and_rejecting_write_nothing_real(w):
    before = real_state()
    plan = new_plan(w)
    assert [p.position for p in plan.events.all()] == [0, 1, 2, 3]
    s.plan_note_add(plan=plan, text="Báo cáo thẩm định", reference="12/BC-SNV")
    s.plan_submit(plan=plan)
    rejected = s.plan_reject(plan=plan, on=D(2026, 2, 1), note="Chưa đủ điều kiện")
    assert rejected.status == "rejected"
    assert real_state() == before
    # the plan stays for the record, with its notes and every change audited
    assert plan.events.count() == 4 and plan.notes.count() == 2
    statuses = [
        r.after["status"]
        for r in ChangeRecord.objects.filter(object_type="plans.Plan").order_by("id")
    ]
    assert statuses[0] == "draft" and statuses[-1] == "rejected"
    refused("plan_decided", s.plan_propose, plan=plan, spec=merger_events(w)[0])


def test_approving_without_a_document_writes_nothing(w):
    plan = new_plan(w)
    refused("document_required", s.plan_approve, plan=plan, document=None)
    refused("required", s.plan_approve, plan=plan, document={"number": "1/QĐ"})
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_approving_writes_the_events_with_the_document_and_carries_people(w):
    events_before = Event.objects.count()
    plan = s.plan_approve(plan=new_plan(w), document=DECISION)
    assert plan.status == "approved" and plan.document.number == "15/NQ-HĐND"
    recorded = list(Event.objects.order_by("id")[events_before:])
    assert [e.kind for e in recorded] == ["merge", "merge", "consolidate", "consolidate"]
    decision = LegalDocument.objects.get(number="15/NQ-HĐND")
    assert all(list(e.documents.all()) == [decision] for e in recorded)
    assert [p.applied_id for p in plan.events.order_by("position")] == [e.pk for e in recorded]
    # 3 + 2 civil servants now in UBND A; the member of B1 now in A1
    committee_a = w.committees[0]
    assert staffing.headcount(committee_a, EFFECTIVE, scope=False) == {"civil_servant": 5}
    assert Attachment.objects.as_of(EFFECTIVE).filter(unit=w.cells[0]).count() == 3
    # every written record audited with the deciding document as its basis
    versions = ChangeRecord.objects.filter(object_type="registry.UnitVersion", basis="15/NQ-HĐND")
    assert versions.count() >= 4
    audit = ChangeRecord.objects.filter(object_type="plans.Plan").order_by("id").last()
    assert audit.after["status"] == "approved" and audit.basis == "15/NQ-HĐND"
    refused("plan_decided", s.plan_approve, plan=plan, document=DECISION)


def test_approving_a_plan_a_service_refuses_writes_nothing(w):
    a, b, c = w.communes
    events = [
        {"kind": "merge", "inputs": [{"unit": ref(c)}], "outputs": [{"unit": ref(a)}]},
        {"kind": "merge", "inputs": [{"unit": ref(c)}], "outputs": [{"unit": ref(b)}]},
    ]
    plan = new_plan(w, events=events)
    before = (real_state(), LegalDocument.objects.count())
    with pytest.raises(DomainError) as caught:
        s.plan_approve(plan=plan, document=DECISION)
    # the second merge finds C already ended by the first
    assert caught.value.problems
    assert all(p.field.startswith("events[1]") for p in caught.value.problems)
    assert (real_state(), LegalDocument.objects.count()) == before
    plan.refresh_from_db()
    assert plan.status == "draft"
