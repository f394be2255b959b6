"""Writes about plans. A plan and its proposals are data; only `plan_approve` writes real
records, through the registry's, staffing's and party's own services, in one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max, Min

from tinhgon.accounts.access import current_access, require
from tinhgon.accounts.roles import Action
from tinhgon.audit.context import current_actor
from tinhgon.audit.services import change_record
from tinhgon.core.errors import DomainError, NotFound, Problem, raise_if
from tinhgon.core.text import nfc
from tinhgon.registry import eventspec
from tinhgon.registry.eventspec import DocumentSpec
from tinhgon.registry.kinds import Role
from tinhgon.registry.models import Event, EventUnit, LegalDocument, Unit, UnitCode, UnitVersion
from tinhgon.registry.queries import unit_label, unit_resolve, version_at
from tinhgon.registry.services import document_register

from .engine import apply_events, parse, placeholder_document
from .models import OPEN_STATUSES, Plan, PlanNote, ProposedEvent, Status
from .problems import problem


def _audit(plan: Plan) -> dict[str, Any]:
    return {
        "name": plan.name,
        "scope_id": plan.scope_id,
        "base_on": plan.base_on.isoformat(),
        "effective_on": plan.effective_on.isoformat(),
        "status": plan.status,
        "document_id": plan.document_id,
        "events": [p.spec for p in plan.events.order_by("position")] if plan.pk else [],
    }


def plan_of(ref: Plan | int | str, field: str = "plan") -> Plan:
    """The plan named by its id (or "#12"), if the user may see its scope."""
    if isinstance(ref, Plan):
        return ref
    text = str(ref).removeprefix("#").removeprefix("id:")
    found = Plan.objects.filter(pk=int(text)).first() if text.isdigit() else None
    if found is None or not current_access().covers(found.scope_id):
        raise NotFound(problem("plan_not_found", field, ref=ref))
    return found


def _require_open(plan: Plan) -> None:
    if plan.status not in OPEN_STATUSES:
        raise DomainError(
            problem("plan_decided", "plan", plan=plan.name, status=Status(plan.status).label)
        )


def _records_start() -> dt.date | None:
    return UnitVersion.objects.aggregate(first=Min("valid_from"))["first"]


@transaction.atomic
def plan_create(
    *,
    name: str,
    scope: Unit | int | str,
    base_on: dt.date,
    effective_on: dt.date,
    note: str = "",
) -> Plan:
    """A draft plan over a scope: what it proposes is compared with the records at the
    effective date; the base date is the state it was drafted on."""
    problems: list[Problem] = []
    if not nfc(name or "").strip():
        problems.append(problem("required", "name"))
    start = _records_start()
    if start is not None and base_on < start:
        problems.append(problem("base_before_data", "base_on", date=base_on, start=start))
    if effective_on <= base_on:
        problems.append(
            problem(
                "effective_not_after_base", "effective_on", effective=effective_on, base=base_on
            )
        )
    unit: Unit | None = None
    try:
        unit = scope if isinstance(scope, Unit) else unit_resolve(scope, base_on, field="scope")
    except DomainError as error:
        problems += error.problems
    if unit is not None:
        for day in (base_on, effective_on):
            if version_at(unit, day) is None and not any(p.field == "base_on" for p in problems):
                problems.append(problem("scope_missing", "scope", unit=unit_label(unit), date=day))
    raise_if(problems)
    assert unit is not None
    require(Action.RECORD_EVENTS, [unit.pk])
    plan = Plan.objects.create(
        name=nfc(name).strip(),
        scope=unit,
        base_on=base_on,
        effective_on=effective_on,
        note=note,
        created_by=current_actor().user,
    )
    change_record(obj=plan, action="create", before=None, after=_audit(plan))
    return plan


def _check_spec(plan: Plan, spec: Any, field: str) -> dict[str, Any]:
    """A proposal is checked as an event file (with a stand-in document) and must take effect
    within the plan."""
    if not isinstance(spec, dict):
        raise DomainError(problem("invalid_spec", field, position=field))
    try:
        parsed = parse(plan, spec, [placeholder_document(plan)])
    except DomainError as error:
        raise DomainError(
            [
                Problem(p.code, p.message, f"{field}.{p.field}" if p.field else field)
                for p in error.problems
            ]
        ) from None
    day = parsed.effective_on
    if not plan.base_on < day <= plan.effective_on:
        raise DomainError(
            problem(
                "event_date_outside",
                f"{field}.effective_on",
                date=day,
                base=plan.base_on,
                effective=plan.effective_on,
            )
        )
    return spec


@transaction.atomic
def plan_propose(
    *, plan: Plan | int | str, spec: dict[str, Any], carry: bool = True
) -> ProposedEvent:
    """Add an event to the plan, at the end."""
    plan = plan_of(plan)
    _require_open(plan)
    require(Action.RECORD_EVENTS, [plan.scope_id])
    before = _audit(plan)
    _check_spec(plan, spec, "spec")
    last = plan.events.aggregate(last=Max("position"))["last"]
    proposed = ProposedEvent.objects.create(
        plan=plan, position=0 if last is None else last + 1, spec=spec, carry=carry
    )
    change_record(obj=plan, action="update", before=before, after=_audit(plan))
    return proposed


def _proposal(plan: Plan, position: int) -> ProposedEvent:
    found = plan.events.filter(position=position).first()
    if found is None:
        raise NotFound(problem("event_position", "position", position=position))
    return found


@transaction.atomic
def plan_event_update(
    *, plan: Plan | int | str, position: int, spec: dict[str, Any], carry: bool | None = None
) -> ProposedEvent:
    plan = plan_of(plan)
    _require_open(plan)
    require(Action.RECORD_EVENTS, [plan.scope_id])
    proposed = _proposal(plan, position)
    before = _audit(plan)
    proposed.spec = _check_spec(plan, spec, "spec")
    if carry is not None:
        proposed.carry = carry
    proposed.save()
    change_record(obj=plan, action="update", before=before, after=_audit(plan))
    return proposed


@transaction.atomic
def plan_event_remove(*, plan: Plan | int | str, position: int) -> None:
    plan = plan_of(plan)
    _require_open(plan)
    require(Action.RECORD_EVENTS, [plan.scope_id])
    before = _audit(plan)
    _proposal(plan, position).delete()
    change_record(obj=plan, action="update", before=before, after=_audit(plan))


@transaction.atomic
def plan_note_add(
    *, plan: Plan | int | str, text: str, reference: str = "", url: str = ""
) -> PlanNote:
    """A note or a document of the plan (any status: a decided plan keeps its record)."""
    plan = plan_of(plan)
    require(Action.RECORD_EVENTS, [plan.scope_id])
    if not nfc(text or "").strip():
        raise DomainError(problem("required", "text"))
    note = PlanNote.objects.create(
        plan=plan,
        text=nfc(text).strip(),
        reference=nfc(reference).strip(),
        url=url,
        created_by=current_actor().user,
    )
    change_record(
        obj=note, action="create", before=None, after={"plan_id": plan.pk, "text": note.text}
    )
    return note


def _set_status(plan: Plan, status: str, **changes: Any) -> Plan:
    before = _audit(plan)
    plan.status = status
    for name, value in changes.items():
        setattr(plan, name, value)
    plan.save()
    basis = plan.document.number if plan.document else ""
    change_record(obj=plan, action="update", before=before, after=_audit(plan), basis=basis)
    return plan


@transaction.atomic
def plan_submit(*, plan: Plan | int | str) -> Plan:
    """The draft goes to those who decide; it can still be revised until decided."""
    plan = plan_of(plan)
    _require_open(plan)
    require(Action.RECORD_EVENTS, [plan.scope_id])
    if not plan.events.exists():
        raise DomainError(problem("plan_empty", "plan", plan=plan.name))
    return _set_status(plan, Status.SUBMITTED)


@transaction.atomic
def plan_reject(*, plan: Plan | int | str, on: dt.date | None = None, note: str = "") -> Plan:
    """The plan is not adopted; it stays, with its proposals, for the record. Nothing real
    is written."""
    plan = plan_of(plan)
    _require_open(plan)
    require(Action.RECORD_EVENTS, [plan.scope_id])
    if note.strip():
        PlanNote.objects.create(plan=plan, text=nfc(note).strip(), created_by=current_actor().user)
    return _set_status(plan, Status.REJECTED, decided_on=on)


def document_spec(data: DocumentSpec | dict[str, Any] | None) -> DocumentSpec:
    """The deciding document, read like a document of an event file."""
    if isinstance(data, DocumentSpec):
        return data
    if not data:
        raise DomainError(problem("document_required", "document"))
    return eventspec.parse_document_spec(data)  # as in event files: same fields, messages


def _document_data(spec: DocumentSpec) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": spec.number,
        "issuer": spec.issuer,
        "kind": spec.kind,
        "status": spec.status,
    }
    for name in ("signed_on", "effective_on"):
        value = getattr(spec, name)
        if value is not None:
            data[name] = value.isoformat()
    if spec.title:
        data["title"] = spec.title
    if spec.url:
        data["url"] = spec.url
    return data


@transaction.atomic
def plan_approve(*, plan: Plan | int | str, document: DocumentSpec | dict[str, Any] | None) -> Plan:
    """The plan is decided by `document`: every proposal becomes a real event citing it
    (staff and party members carried in mergers), all in one transaction, or nothing."""
    plan = plan_of(plan)
    _require_open(plan)
    require(Action.RECORD_EVENTS, [plan.scope_id])
    if not plan.events.exists():
        raise DomainError(problem("plan_empty", "plan", plan=plan.name))
    spec = document_spec(document)
    recorded = document_register(spec=spec, field="document")
    applied = apply_events(plan, [_document_data(spec)])
    raise_if(applied.problems)  # the transaction rolls back: nothing real is written
    for proposed, event in applied.events:
        proposed.applied = event
        proposed.save(update_fields=["applied"])
    return _set_status(
        plan, Status.APPROVED, document=recorded, decided_on=spec.signed_on or plan.base_on
    )


def event_as_spec(event: Event) -> dict[str, Any]:
    """A recorded event written back as an event file: units by id, new units with the first
    version the event opened, existing units with what the event changed on them."""
    day = event.effective_on
    spec: dict[str, Any] = {"kind": event.kind, "effective_on": day.isoformat()}
    if event.title:
        spec["title"] = event.title
    links = list(EventUnit.objects.filter(event=event).order_by("role", "id"))
    spec["inputs"] = [
        {"unit": f"id:{link.unit_id}", "share": link.share}
        for link in links
        if link.role == Role.INPUT
    ]
    outputs = []
    for link in (link for link in links if link.role == Role.OUTPUT):
        opened = UnitVersion.objects.filter(unit_id=link.unit_id, opened_by=event).first()
        if link.is_new and opened is not None:
            new: dict[str, Any] = {"name": opened.name, "kind": opened.kind}
            if opened.subtype:
                new["subtype"] = opened.subtype
            for name in ("parent_id", "territory_id"):
                if getattr(opened, name):
                    new[name.removesuffix("_id")] = f"id:{getattr(opened, name)}"
            codes = UnitCode.objects.filter(unit_id=link.unit_id, valid_from=day)
            if codes:
                new["codes"] = [{"scheme": c.scheme, "code": c.code} for c in codes]
            outputs.append({"new": new, "share": link.share})
            continue
        out: dict[str, Any] = {"unit": f"id:{link.unit_id}", "share": link.share}
        before = version_at(link.unit_id, day - dt.timedelta(days=1))
        if opened is not None and before is not None:
            changes = {
                name.removesuffix("_id"): (
                    f"id:{getattr(opened, name)}"
                    if name.endswith("_id") and getattr(opened, name)
                    else getattr(opened, name)
                )
                for name in ("name", "kind", "subtype", "parent_id", "territory_id")
                if getattr(opened, name) != getattr(before, name)
            }
            if changes:
                out["changes"] = changes
        outputs.append(out)
    if outputs:
        spec["outputs"] = outputs
    return spec


@transaction.atomic
def plan_record_decided(
    *, plan: Plan | int | str, events: list[Event], document: LegalDocument
) -> Plan:
    """A plan decided before its events were entered (history recorded after the fact): the
    recorded events become its proposals, linked to them, and the plan is approved by the
    document that decided it. Nothing else is written."""
    plan = plan_of(plan)
    _require_open(plan)
    require(Action.RECORD_EVENTS, [plan.scope_id])
    if not events:
        raise DomainError(problem("plan_empty", "events", plan=plan.name))
    before = _audit(plan)
    last = plan.events.aggregate(last=Max("position"))["last"]
    start = 0 if last is None else last + 1
    for offset, event in enumerate(events):
        ProposedEvent.objects.create(
            plan=plan, position=start + offset, spec=event_as_spec(event), applied=event
        )
    change_record(obj=plan, action="update", before=before, after=_audit(plan))
    return _set_status(plan, Status.APPROVED, document=document, decided_on=document.signed_on)
