"""Applying a plan's proposed events through the real services: for good on approval, or
inside a transaction that is rolled back to read what the plan would do (impact, checks).

Each event runs in its own savepoint so that one refusal does not hide the others: the
problems of every event are collected, each prefixed with the event's position."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import IntegrityError, connection, transaction

from tinhgon.core.errors import DomainError, Problem
from tinhgon.party.kinds import MEMBER_KINDS
from tinhgon.party.models import Attachment
from tinhgon.party.services import member_transfer
from tinhgon.registry.eventspec import EventSpec, parse_event_spec
from tinhgon.registry.kinds import EventKind, Role
from tinhgon.registry.models import Event, EventUnit, UnitVersion
from tinhgon.registry.services import event_apply
from tinhgon.staffing.services import MERGER_KINDS, merger_carry

from .models import Plan, ProposedEvent
from .problems import problem

DAY = dt.timedelta(days=1)
T = TypeVar("T")
# Told after each proposal is applied: (proposals done, proposals in all, the proposal's title).
OnApplied = Callable[[int, int, str], None]


@dataclass
class Applied:
    """What applying a plan did: the recorded events by proposal, and the refusals."""

    events: list[tuple[ProposedEvent, Event]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def recorded(self) -> list[Event]:
        return [event for _, event in self.events]


def placeholder_document(plan: Plan) -> dict[str, Any]:
    """The document a proposal cites before the plan is decided (never written for real)."""
    return {
        "number": f"Phương án #{plan.pk}",
        "issuer": "tinhgon",
        "kind": "plan",
        "signed_on": plan.base_on.isoformat(),
    }


def event_data(plan: Plan, spec: dict[str, Any], documents: list[dict[str, Any]]) -> dict[str, Any]:
    """The proposal as an event file: the plan's date and the given documents first."""
    data = dict(spec)
    data.setdefault("effective_on", plan.effective_on.isoformat())
    data["documents"] = [*documents, *(spec.get("documents") or [])]
    return data


def parse(plan: Plan, spec: dict[str, Any], documents: list[dict[str, Any]]) -> EventSpec:
    return parse_event_spec(event_data(plan, spec, documents))


def _label(proposed: ProposedEvent) -> str:
    spec = proposed.spec if isinstance(proposed.spec, dict) else {}
    kind = str(spec.get("kind", ""))
    return str(spec.get("title") or (EventKind(kind).label if kind in EventKind.values else kind))


def _carry_members(event: Event) -> None:
    """Party members officially attached to an organization the merger ends go on in the
    successor, from the event's date."""
    links = list(EventUnit.objects.filter(event=event))
    successor = next(link.unit_id for link in links if link.role == Role.OUTPUT)
    ending = [link.unit_id for link in links if link.role == Role.INPUT and link.ends]
    kinds = dict(
        UnitVersion.objects.as_of(event.effective_on - DAY)
        .filter(unit_id__in=ending)
        .values_list("unit_id", "kind")
    )
    orgs = [uid for uid in ending if kinds.get(uid) in MEMBER_KINDS]
    if not orgs:
        return
    day = event.effective_on
    members = (
        Attachment.objects.as_of(day - DAY)
        .filter(unit_id__in=orgs, kind="official")
        .values_list("member_id", flat=True)
    )
    for member_id in sorted(set(members)):
        member_transfer(member=member_id, to_unit=successor, on=day)


def apply_one(spec: EventSpec, carry: bool) -> Event:
    if carry and spec.kind in MERGER_KINDS and len(spec.outputs) == 1:
        event = merger_carry(spec=spec).event
        _carry_members(event)
        return event
    return event_apply(spec=spec)


def apply_events(
    plan: Plan, documents: list[dict[str, Any]], progress: OnApplied | None = None
) -> Applied:
    """Apply every proposal in order, each in a savepoint; collect what was refused."""
    applied = Applied()
    proposals = list(plan.events.order_by("position"))
    for done, proposed in enumerate(proposals, 1):
        if progress is not None:
            progress(done - 1, len(proposals), _label(proposed))
        where = f"events[{proposed.position}]"
        try:
            with transaction.atomic():
                event = apply_one(parse(plan, proposed.spec, documents), proposed.carry)
                check_constraints()
        except DomainError as error:
            applied.problems += [
                Problem(
                    p.code,
                    problem(
                        "event_refused",
                        position=proposed.position,
                        title=_label(proposed),
                        message=p.message,
                    ).message,
                    f"{where}.{p.field}" if p.field else where,
                )
                for p in error.problems
            ]
            continue
        except IntegrityError as error:  # a database constraint the services do not check
            check_constraints(deferred_again=False)  # the savepoint is gone: defer again
            applied.problems.append(
                problem(
                    "database_refused",
                    where,
                    position=proposed.position,
                    title=_label(proposed),
                    reason=str(error).splitlines()[0],
                )
            )
            continue
        applied.events.append((proposed, event))
    return applied


def check_constraints(deferred_again: bool = True) -> None:
    """On PostgreSQL the exclusion constraints are deferred to commit, so that the services'
    own checks speak first. Switching them to immediate checks what is pending now: a plan
    is never committed in a simulation, so conflicts must surface before the rollback."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if not deferred_again:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            return
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


class _Rollback(Exception):
    def __init__(self, result: Any):
        super().__init__("rollback")
        self.result = result


def simulate(plan: Plan, read: Callable[[Applied], T], progress: OnApplied | None = None) -> T:
    """Apply the plan's events, read what `read` wants while they are there, then roll
    everything back: nothing real is written."""
    try:
        with transaction.atomic():
            applied = apply_events(plan, [placeholder_document(plan)], progress)
            raise _Rollback(read(applied))
    except _Rollback as done:
        return done.result
