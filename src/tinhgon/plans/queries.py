"""Reads about plans: the list, one plan, its impact at the effective date (with the plan
against without it), its checks, and two plans compared.

A plan that is not decided is simulated (engine.simulate): its events are applied through
the real services and rolled back. An approved plan's events are real: its impact is the
records the day before against the records on its effective date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from tinhgon.accounts.access import current_access
from tinhgon.core.errors import DomainError, Problem
from tinhgon.party.models import Attachment
from tinhgon.people.invariants import chunks
from tinhgon.people.models import Holding
from tinhgon.people.queries import UnitRef, unit_refs
from tinhgon.registry.kinds import EventKind, Role, Share
from tinhgon.registry.models import Event, EventUnit, Unit
from tinhgon.registry.queries import unit_resolve
from tinhgon.staffing.models import Employment

from .effects import Affected, Effects, Flow, Successor
from .engine import Applied, parse, placeholder_document, simulate
from .figures import Figures, Row, figures
from .models import Plan, PlanNote, ProposedEvent, Status
from .problems import problem

DAY = dt.timedelta(days=1)
# Progress of a long read: (steps done, steps in all, what is being done now).
Progress = Callable[[int, int, str], None]
__all__ = ["Affected", "Flow", "Successor"]  # result types of Impact, defined in effects


# ---------------------------------------------------------------------------- result types


@dataclass
class PlanRow:
    id: int
    name: str
    scope: UnitRef
    base_on: dt.date
    effective_on: dt.date
    status: str
    status_label: str
    events: int
    document: str


@dataclass
class ProposalRow:
    position: int
    kind: str
    kind_label: str
    title: str
    carry: bool
    spec: dict[str, Any]
    applied_event: int | None


@dataclass
class NoteRow:
    text: str
    reference: str
    url: str
    created_at: dt.datetime


@dataclass
class PlanDetail:
    plan: PlanRow
    note: str
    decided_on: dt.date | None
    proposals: list[ProposalRow]
    notes: list[NoteRow]


@dataclass
class Impact:
    plan: PlanRow
    on: dt.date
    before: Figures
    after: Figures
    successors: list[Successor]
    flows: list[Flow]
    affected: list[Affected]
    affected_count: int  # also when persons are hidden from the user
    problems: list[Problem] = field(default_factory=list)


@dataclass
class CompareRow:
    table: str
    key: str
    label: str
    a_before: float | None
    a_after: float | None
    b_before: float | None
    b_after: float | None


@dataclass
class Comparison:
    a: PlanRow
    b: PlanRow
    rows: list[CompareRow]


# ---------------------------------------------------------------------------- plans


def _status_label(status: str) -> str:
    return str(Status(status).label)


def _row(plan: Plan, count: int | None = None) -> PlanRow:
    refs = unit_refs([plan.scope_id], plan.base_on)
    return PlanRow(
        id=plan.pk,
        name=plan.name,
        scope=refs[plan.scope_id],
        base_on=plan.base_on,
        effective_on=plan.effective_on,
        status=plan.status,
        status_label=_status_label(plan.status),
        events=plan.events.count() if count is None else count,
        document=plan.document.number if plan.document else "",
    )


def plans(status: str = "") -> list[PlanRow]:
    """The plans whose scope the user may see, latest effective date first."""
    access = current_access()
    qs = Plan.objects.select_related("document")
    if status:
        qs = qs.filter(status=status)
    return [_row(p) for p in qs if access.covers(p.scope_id)]


def plan_detail(ref: Plan | int | str) -> PlanDetail:
    from .services import plan_of

    plan = plan_of(ref)
    return PlanDetail(
        plan=_row(plan),
        note=plan.note,
        decided_on=plan.decided_on,
        proposals=[_proposal(p) for p in plan.events.order_by("position")],
        notes=[
            NoteRow(n.text, n.reference, n.url, n.created_at)
            for n in PlanNote.objects.filter(plan=plan)
        ],
    )


def _proposal(p: ProposedEvent) -> ProposalRow:
    kind = str(p.spec.get("kind", ""))
    label = str(EventKind(kind).label) if kind in EventKind.values else kind
    return ProposalRow(
        p.position, kind, label, str(p.spec.get("title") or ""), p.carry, p.spec, p.applied_id
    )


# ---------------------------------------------------------------------------- impact


def _read(plan: Plan, events: list[tuple[int | None, Event]], problems: list[Problem]) -> Impact:
    effects = Effects(events)
    affected, count = effects.affected()
    return Impact(
        plan=_row(plan),
        on=plan.effective_on,
        before=Figures(plan.effective_on),
        after=figures(plan.scope, plan.effective_on),
        successors=effects.successors(),
        flows=effects.flows(),
        affected=affected,
        affected_count=count,
        problems=problems,
    )


def _silent(done: int, total: int, step: str) -> None:
    """No one follows the progress."""


def impact(
    ref: Plan | int | str, progress: Progress | None = None, before: Figures | None = None
) -> Impact:
    """What the plan does at its effective date: the figures without it and with it, each
    successor against the norms and quotas, the flows of units, the persons affected.

    `progress` is told of each step: the records without the plan, each proposal applied,
    the records with it (a national plan takes minutes: the web runs this as a job).
    `before`: the figures without the plan, already read over the plan's scope on its
    effective date (by the caller, for another plan)."""
    from .services import plan_of

    tell = progress or _silent
    plan = plan_of(ref)
    day = plan.effective_on
    if plan.status == Status.APPROVED:
        tell(0, 2, gettext("Reading the records before the plan"))
        before = figures(plan.scope, day - DAY)
        tell(1, 2, gettext("Reading the records with the plan"))
        events = [(p.position, p.applied) for p in plan.events.order_by("position") if p.applied]
        found = _read(plan, events, [])  # type: ignore[arg-type]
        found.before = before
        tell(2, 2, "")
        return found
    count = plan.events.count()
    total = count + 2  # the records without the plan, each proposal, the records with it
    tell(0, total, gettext("Reading the records without the plan"))
    if before is None:
        before = figures(plan.scope, day)

    def applying(done: int, _count: int, title: str) -> None:
        tell(1 + done, total, gettext("Applying the proposed event: %(title)s") % {"title": title})

    def read(applied: Applied) -> Impact:
        tell(total - 1, total, gettext("Reading the records with the plan"))
        return _read(plan, [(p.position, e) for p, e in applied.events], applied.problems)

    found = simulate(plan, read, applying)
    found.before = before
    tell(total, total, "")
    return found


# ---------------------------------------------------------------------------- checks


def _unit_ids(refs: set[tuple[str, dt.date]]) -> dict[tuple[str, dt.date], int]:
    """The units the proposals name (ref, the day before their date), those left out not
    found. Internal ids ("id:12", "#12") are looked up in one query for all the proposals (a
    plan over a province names hundreds of units); any other ref as the services do."""
    found: dict[tuple[str, dt.date], int] = {}
    by_id: dict[int, list[tuple[str, dt.date]]] = defaultdict(list)
    for ref, day in refs:
        text = str(ref).strip()
        number = text[3:] if text.startswith("id:") else text[1:] if text.startswith("#") else ""
        if number.isdigit():
            by_id[int(number)].append((ref, day))
            continue
        try:
            found[(ref, day)] = unit_resolve(ref, day, scoped=False).pk
        except DomainError:  # the service names it, in the simulation
            continue
    for chunk in chunks(list(by_id)):
        for pk in Unit.objects.filter(pk__in=chunk).values_list("pk", flat=True):
            found.update((key, pk) for key in by_id[pk])
    return found


def _static_checks(plan: Plan) -> list[Problem]:
    """What a plan gets wrong across its events, before any is applied: a unit ended by two
    of them, a code given to two new units. (A code still held by a unit the plan leaves
    going is refused by the registry's service, in the simulation.)"""
    specs = []
    for proposed in plan.events.order_by("position"):
        try:
            specs.append((proposed, parse(plan, proposed.spec, [placeholder_document(plan)])))
        except DomainError:  # reported by the simulation with its field
            continue
    units = _unit_ids({(i.unit, s.effective_on - DAY) for _, s in specs for i in s.inputs})
    problems: list[Problem] = []
    ended: dict[int, int] = {}
    codes: dict[tuple[str, str], int] = {}
    for proposed, spec in specs:
        day = spec.effective_on - DAY
        for i, item in enumerate(spec.inputs):
            unit_id = units.get((item.unit, day))
            if unit_id is None or not item.ends:
                continue
            if item.share == Share.WHOLE and unit_id in ended:
                problems.append(
                    problem(
                        "unit_ended_twice",
                        f"events[{proposed.position}].inputs[{i}].unit",
                        unit=unit_refs([unit_id], day)[unit_id].name,
                        first=ended[unit_id],
                        second=proposed.position,
                    )
                )
            ended.setdefault(unit_id, proposed.position)
        for out in spec.outputs:
            for code in out.new.codes if out.new else []:
                key = (code.scheme, code.code)
                if key in codes:
                    problems.append(
                        problem(
                            "code_reused",
                            f"events[{proposed.position}].outputs",
                            code=code.code,
                            first=codes[key],
                            second=proposed.position,
                        )
                    )
                codes.setdefault(key, proposed.position)
    return problems


def _left_behind(applied: Applied) -> list[Problem]:
    """After the events: staff, members and post holders still in a unit that ended (read in
    one query of each kind for all the units the events ended)."""
    ending: dict[int, list[int]] = defaultdict(list)  # event → the units it ends
    for chunk in chunks([event.pk for _, event in applied.events]):
        links = EventUnit.objects.filter(event_id__in=chunk, role=Role.INPUT, ends=True)
        for event_id, unit_id in links.order_by("id").values_list("event_id", "unit_id"):
            ending[event_id].append(unit_id)
    ended: dict[int, tuple[int, dt.date]] = {}  # unit → (position, day)
    for proposed, event in applied.events:
        for unit_id in ending[event.pk]:
            ended.setdefault(unit_id, (proposed.position, event.effective_on))
    problems: list[Problem] = []
    for day in sorted({d for _, d in ended.values()}):
        ids = [u for u, (_, d) in ended.items() if d == day]
        names = unit_refs(ids, day - DAY)
        for code, model in (
            ("staff_left", Employment),
            ("members_left", Attachment),
            ("holders_left", Holding),
        ):
            counts: dict[int, int] = defaultdict(int)
            for chunk in chunks(ids):
                for unit_id in (
                    model.objects.as_of(day)
                    .filter(unit_id__in=chunk)
                    .values_list("unit_id", flat=True)
                ):
                    counts[unit_id] += 1
            for unit_id, n in sorted(counts.items(), key=lambda item: ended[item[0]][0]):
                field = f"events[{ended[unit_id][0]}]"
                problems.append(problem(code, field, count=n, unit=names[unit_id].name, date=day))
    problems.sort(key=lambda p: int(p.field[7:-1]))
    return problems


def checks(ref: Plan | int | str) -> list[Problem]:
    """Every problem of the plan: across its events, each event's refusal by the services
    (against the records and the events before it), and who would be left behind."""
    from .services import plan_of

    plan = plan_of(ref)
    found = _static_checks(plan)
    if plan.status == Status.APPROVED:
        return found
    return found + simulate(plan, lambda applied: applied.problems + _left_behind(applied))


# ---------------------------------------------------------------------------- compare


def _tables(found: Impact) -> dict[tuple[str, str], tuple[str, float | None, float | None]]:
    rows: dict[tuple[str, str], tuple[str, float | None, float | None]] = {}
    for table in ("units", "party", "staffing", "coverage", "targets"):
        before: list[Row] = getattr(found.before, table)
        after: list[Row] = getattr(found.after, table)
        b = {r.key: r for r in before}
        a = {r.key: r for r in after}
        for key in [*b, *(k for k in a if k not in b)]:
            label = (a.get(key) or b[key]).label
            rows[(table, key)] = (
                label,
                b[key].value if key in b else None,
                a[key].value if key in a else None,
            )
    return rows


def compare(a: Plan | int | str, b: Plan | int | str) -> Comparison:
    """Two plans side by side: every figure without and with each. Two drafts over the same
    scope and date (the usual alternatives) share the figures without a plan, read once."""
    from .services import plan_of

    one, other = plan_of(a), plan_of(b)
    first = impact(one)
    shared = (
        one.status != Status.APPROVED
        and other.status != Status.APPROVED
        and (one.scope_id, one.effective_on) == (other.scope_id, other.effective_on)
    )
    second = impact(other, before=first.before if shared else None)
    ta, tb = _tables(first), _tables(second)
    rows = []
    for key in [*ta, *(k for k in tb if k not in ta)]:
        label = (ta.get(key) or tb[key])[0]
        va = ta.get(key, (label, None, None))
        vb = tb.get(key, (label, None, None))
        rows.append(CompareRow(key[0], key[1], label, va[1], va[2], vb[1], vb[2]))
    return Comparison(first.plan, second.plan, rows)
