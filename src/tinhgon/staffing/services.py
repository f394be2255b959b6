"""Writes about staffing. Each is one transaction: it checks access (EDIT_STAFFING in the units
it writes in), refuses bad input with every problem at once (DomainError, Vietnamese messages
naming the record and the rule), writes, and records the change in the audit trail. A refused
write leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from tinhgon.accounts.access import current_access, require
from tinhgon.accounts.roles import Action
from tinhgon.audit.services import change_records_bulk
from tinhgon.core.errors import DomainError, NotFound, Problem, raise_if, row_prefix
from tinhgon.people.invariants import chunks, unit_versions, version_on
from tinhgon.people.models import Person
from tinhgon.registry.eventspec import EventSpec
from tinhgon.registry.kinds import EventKind, Role, UnitKind
from tinhgon.registry.models import Event, EventUnit, LegalDocument, Unit
from tinhgon.registry.provinces import unit_keys
from tinhgon.registry.queries import latest_version
from tinhgon.registry.services import event_apply

from .access import visible_person_ids
from .invariants import check_employments, check_quotas, employed_on, person_names
from .kinds import SECTOR_BY_KIND, Category, EndReason, Form, Sector, Work
from .models import Employment, Reduction, ReductionCase, StaffingQuota
from .problems import problem

EDIT = Action.EDIT_STAFFING
DAY = dt.timedelta(days=1)
COMMUNE_KINDS = frozenset({UnitKind.COMMUNE, UnitKind.VILLAGE})
BODY_SECTORS = frozenset({Sector.PARTY, Sector.MASS})


def _choice(choices: type[Any], value: str, field: str, *, blank: bool = False) -> list[Problem]:
    if (blank and value == "") or value in choices.values:
        return []
    return [problem("invalid_choice", field, value=value, choices=", ".join(choices.values))]


def _id(value: Any) -> int | None:
    if value is None:
        return None
    if hasattr(value, "pk"):
        return int(value.pk)
    text = str(value).strip().removeprefix("id:").removeprefix("#")
    return int(text) if text.isdigit() else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _units_in_scope(unit_ids: set[int], many: bool, refs: Sequence[Any], field: str) -> None:
    """Refuse units that do not exist or that the user does not see (not found), then those
    outside the staffing scope (forbidden)."""
    existing = {
        pk
        for chunk in chunks(unit_ids)
        for pk in Unit.objects.filter(pk__in=chunk).values_list("pk", flat=True)
    }
    access = current_access()
    problems = [
        problem("unit_not_found", row_prefix(i, many) + field, ref=ref)
        for i, ref in enumerate(refs)
        if _id(ref) not in existing or not access.covers(_id(ref))
    ]
    if problems:
        raise NotFound(problems)
    require(EDIT, unit_ids)


def _persons_seen(person_ids: Sequence[int], many: bool) -> list[Problem]:
    existing = {
        pk
        for chunk in chunks(person_ids)
        for pk in Person.objects.filter(pk__in=chunk).values_list("pk", flat=True)
    }
    visible = visible_person_ids(existing)
    return [
        problem("person_not_found", row_prefix(i, many) + "person", ref=pid)
        for i, pid in enumerate(person_ids)
        if pid not in visible
    ]


# ---------------------------------------------------------------------------- employment


@dataclass
class EmploymentRow:
    """One employment of a bulk start."""

    person_id: int
    unit_id: int
    category: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    position: str = ""
    work: str = Work.PROFESSIONAL
    end_reason: str = ""
    document_id: int | None = None
    note: str = ""


def _employment_audit(row: Employment) -> dict[str, Any]:
    return {
        "person_id": row.person_id,
        "unit_id": row.unit_id,
        "category": row.category,
        "position": row.position,
        "work": row.work,
        "end_reason": row.end_reason,
        "document_id": row.document_id,
        "carried_from_id": row.carried_from_id,
        "valid_from": row.valid_from.isoformat(),
        "valid_to": _iso(row.valid_to),
    }


def employment_start(
    *,
    person: Person | int,
    unit: Unit | int,
    category: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    position: str = "",
    work: str = Work.PROFESSIONAL,
    end_reason: str = "",
    document: LegalDocument | None = None,
    note: str = "",
) -> Employment:
    """A person is employed in a unit from `valid_from` (until `valid_to`, if known)."""
    row = EmploymentRow(
        person_id=_id(person) or 0,
        unit_id=_id(unit) or 0,
        category=category,
        valid_from=valid_from,
        valid_to=valid_to,
        position=position,
        work=work,
        end_reason=end_reason,
        document_id=document.pk if document is not None else None,
        note=note,
    )
    return _start(rows=[row], many=False)[0]


def employments_start_bulk(*, rows: Sequence[EmploymentRow]) -> list[Employment]:
    """Many employments at once, with the same checks as `employment_start` (a bad row refuses
    all, its problems prefixed `[i].`)."""
    return _start(rows=rows, many=True)


@transaction.atomic
def _start(*, rows: Sequence[EmploymentRow], many: bool) -> list[Employment]:
    _units_in_scope({r.unit_id for r in rows}, many, [r.unit_id for r in rows], "unit")
    missing = _persons_seen([r.person_id for r in rows], many)
    if missing:
        raise NotFound(missing)
    problems: list[Problem] = []
    for index, row in enumerate(rows):
        prefix = row_prefix(index, many)
        problems += _choice(Category, row.category, prefix + "category")
        problems += _choice(Work, row.work, prefix + "work")
        problems += _choice(EndReason, row.end_reason, prefix + "end_reason", blank=True)
    raise_if(problems)
    provinces = unit_keys(row.unit_id for row in rows)
    employments = [
        Employment(
            person_id=row.person_id,
            unit_id=row.unit_id,
            province_id=provinces[row.unit_id],
            category=row.category,
            position=row.position[:200],
            work=row.work,
            end_reason=row.end_reason,
            document_id=row.document_id,
            note=row.note[:500],
            valid_from=row.valid_from,
            valid_to=row.valid_to,
        )
        for row in rows
    ]
    raise_if(check_employments(employments, [row_prefix(i, many) for i in range(len(rows))]))
    created = Employment.objects.bulk_create(employments, batch_size=2000)
    change_records_bulk(changes=[(e, None, _employment_audit(e)) for e in created])
    return created


@transaction.atomic
def employment_end(
    *, employment: Employment | int, valid_to: dt.date, reason: str = ""
) -> Employment:
    """End an employment from `valid_to` (the first day the person is no longer employed), or
    bring forward an end already recorded."""
    eid = _id(employment)
    target = Employment.objects.filter(pk=eid).first() if eid is not None else None
    if target is None or not current_access().covers(target.unit_id):
        raise NotFound(problem("employment_not_found", "employment", ref=employment))
    require(EDIT, [target.unit_id])
    raise_if(_choice(EndReason, reason, "reason", blank=True))
    if target.valid_to is not None and valid_to > target.valid_to:
        raise DomainError(
            problem("employment_ended", "valid_to", employment=target.pk, date=target.valid_to)
        )
    before = _employment_audit(target)
    target.valid_to = valid_to
    target.end_reason = reason or target.end_reason
    raise_if(check_employments([target], [""]))
    target.save(update_fields=["valid_to", "end_reason"])
    change_records_bulk(changes=[(target, before, _employment_audit(target))])
    return target


# ---------------------------------------------------------------------------- quotas


@dataclass
class QuotaRow:
    """One quota of a bulk setting: for a year, or from `valid_from` to `valid_to`."""

    unit_id: int
    category: str
    number: int
    document_id: int
    year: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


def _quota_audit(row: StaffingQuota) -> dict[str, Any]:
    return {
        "unit_id": row.unit_id,
        "category": row.category,
        "number": row.number,
        "document_id": row.document_id,
        "valid_from": row.valid_from.isoformat(),
        "valid_to": _iso(row.valid_to),
    }


def quota_set(
    *,
    unit: Unit | int,
    category: str,
    number: int,
    document: LegalDocument | int,
    year: int | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> StaffingQuota:
    """The staffing quota of a unit in a category for a year (or a period), set by a document."""
    row = QuotaRow(
        unit_id=_id(unit) or 0,
        category=category,
        number=number,
        document_id=_id(document) or 0,
        year=year,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    return _set_quotas(rows=[row], many=False)[0]


def quotas_set_bulk(*, rows: Sequence[QuotaRow]) -> list[StaffingQuota]:
    return _set_quotas(rows=rows, many=True)


@transaction.atomic
def _set_quotas(*, rows: Sequence[QuotaRow], many: bool) -> list[StaffingQuota]:
    _units_in_scope({r.unit_id for r in rows}, many, [r.unit_id for r in rows], "unit")
    documents = set(
        LegalDocument.objects.filter(pk__in={r.document_id for r in rows}).values_list(
            "pk", flat=True
        )
    )
    problems: list[Problem] = []
    quotas = []
    for index, row in enumerate(rows):
        prefix = row_prefix(index, many)
        problems += _choice(Category, row.category, prefix + "category")
        if row.document_id not in documents:
            problems.append(problem("required", prefix + "document"))
        start, end = row.valid_from, row.valid_to
        if row.year is not None:
            start, end = dt.date(row.year, 1, 1), dt.date(row.year + 1, 1, 1)
        if start is None or (row.year is not None and row.valid_from is not None):
            problems.append(problem("quota_period", prefix + "year"))
            continue
        quotas.append(
            StaffingQuota(
                unit_id=row.unit_id,
                category=row.category,
                number=max(int(row.number), 0),
                document_id=row.document_id,
                valid_from=start,
                valid_to=end,
            )
        )
    raise_if(problems)
    raise_if(check_quotas(quotas, [row_prefix(i, many) for i in range(len(quotas))]))
    created = StaffingQuota.objects.bulk_create(quotas, batch_size=2000)
    change_records_bulk(changes=[(q, None, _quota_audit(q)) for q in created])
    return created


# ---------------------------------------------------------------------------- reductions


@dataclass
class ReductionRow:
    """One reduction of a bulk record. `unit_id` is needed only if the person is employed in
    several units the day before; `sector` None: from the unit's kind and place."""

    person_id: int
    on: dt.date
    form: str
    case: str  # the case's code
    unit_id: int | None = None
    sector: str | None = None
    document_id: int | None = None
    note: str = ""


def _reduction_audit(row: Reduction) -> dict[str, Any]:
    return {
        "person_id": row.person_id,
        "unit_id": row.unit_id,
        "on": row.on.isoformat(),
        "form": row.form,
        "case": row.case.code,
        "basis": row.case.basis.number,
        "sector": row.sector,
        "category": row.category,
        "employment_id": row.employment_id,
        "document_id": row.document_id,
    }


def sectors_of(pairs: set[tuple[int, dt.date]]) -> dict[tuple[int, dt.date], str]:
    """The sector of each unit on a date: by its kind, or "commune" when it is a commune or
    village, or belongs to one (by its territory, else its parent); an office under a party or
    mass organization takes that organization's sector."""
    versions = unit_versions({uid for uid, _ in pairs})
    links: dict[tuple[int, dt.date], int] = {}
    result: dict[tuple[int, dt.date], str] = {}
    for uid, day in pairs:
        version = version_on(versions.get(uid, []), day)
        if version is None:
            result[(uid, day)] = Sector.OTHER
            continue
        result[(uid, day)] = SECTOR_BY_KIND.get(version.kind, Sector.OTHER)
        link = version.territory_id or version.parent_id
        if link is not None:
            links[(uid, day)] = link
    upper = unit_versions(set(links.values()))
    for key, link in links.items():
        version = version_on(upper.get(link, []), key[1])
        if version is None:
            continue
        if version.kind in COMMUNE_KINDS:
            result[key] = Sector.COMMUNE
        elif result[key] == Sector.STATE and SECTOR_BY_KIND.get(version.kind) in BODY_SECTORS:
            # an office of a party or mass organization (its staff section) is of that sector
            result[key] = SECTOR_BY_KIND[version.kind]
    return result


def reduction_record(
    *,
    person: Person | int,
    on: dt.date,
    form: str,
    case: ReductionCase | str,
    unit: Unit | int | None = None,
    sector: str | None = None,
    document: LegalDocument | None = None,
    note: str = "",
) -> Reduction:
    """A person is taken off the payroll on `on` (their employment the day before ends then),
    in a form, under a case of a decree in force on that date."""
    row = ReductionRow(
        person_id=_id(person) or 0,
        on=on,
        form=form,
        case=case.code if isinstance(case, ReductionCase) else str(case),
        unit_id=_id(unit),
        sector=sector,
        document_id=document.pk if document is not None else None,
        note=note,
    )
    return _reduce(rows=[row], many=False)[0]


def reductions_record_bulk(*, rows: Sequence[ReductionRow]) -> list[Reduction]:
    """Many reductions at once, with the same checks as `reduction_record`."""
    return _reduce(rows=rows, many=True)


@transaction.atomic
def _reduce(*, rows: Sequence[ReductionRow], many: bool) -> list[Reduction]:
    missing = _persons_seen([r.person_id for r in rows], many)
    if missing:
        raise NotFound(missing)
    problems: list[Problem] = []
    names = person_names(r.person_id for r in rows)
    cases = {
        c.code: c
        for c in ReductionCase.objects.select_related("basis").filter(
            code__in={r.case for r in rows}
        )
    }
    decisions = dict(
        LegalDocument.objects.filter(
            pk__in={r.document_id for r in rows if r.document_id}
        ).values_list("pk", "signed_on")
    )
    earlier = {
        r.person_id: r
        for chunk in chunks(r.person_id for r in rows)
        for r in Reduction.objects.filter(person_id__in=chunk)
    }
    employed: dict[tuple[int, dt.date], list[Employment]] = {}
    for day in {r.on for r in rows}:
        ids = [r.person_id for r in rows if r.on == day]
        for pid, found in employed_on(ids, day - DAY).items():
            employed[(pid, day)] = found
    batch: set[int] = set()
    chosen: list[Employment | None] = []
    for index, row in enumerate(rows):
        prefix = row_prefix(index, many)
        who = names.get(row.person_id, f"#{row.person_id}")
        problems += _choice(Form, row.form, prefix + "form")
        if row.sector is not None:
            problems += _choice(Sector, row.sector, prefix + "sector")
        case = cases.get(row.case)
        if case is None:
            problems.append(problem("case_not_found", prefix + "case", ref=row.case))
        else:
            basis = case.basis
            decided_on = decisions.get(row.document_id) if row.document_id else None
            # A case ending with its decree follows the decree's grace (CV 6383).
            case_holds = case.holds_on(row.on) or case.valid_to == basis.valid_to
            if not (case_holds and basis.applies(row.on, decided_on)):
                start = max(case.valid_from, basis.valid_from)
                ends = [d for d in (case.valid_to, basis.valid_to) if d is not None]
                end = min(ends) - DAY if ends else None
                problems.append(
                    problem(
                        "basis_not_in_force",
                        prefix + "case",
                        person=who,
                        date=row.on,
                        case=f"{case.article}",
                        basis=basis.number,
                        start=start,
                        end=end,
                    )
                )
        other = earlier.get(row.person_id)
        if other is not None:
            problems.append(
                problem(
                    "reduced_twice",
                    prefix + "person",
                    person=who,
                    other=other.pk,
                    other_date=other.on,
                    date=row.on,
                )
            )
        elif row.person_id in batch:
            problems.append(problem("reduced_twice_in_batch", prefix + "person", person=who))
        batch.add(row.person_id)
        found = employed.get((row.person_id, row.on), [])
        if row.unit_id is not None:
            found = [e for e in found if e.unit_id == row.unit_id]
        if not found:
            problems.append(
                problem("not_employed", prefix + "person", person=who, date=row.on - DAY)
            )
            chosen.append(None)
        elif len(found) > 1:
            problems.append(
                problem("employed_in_several", prefix + "unit", person=who, date=row.on - DAY)
            )
            chosen.append(None)
        else:
            chosen.append(found[0])
    raise_if(problems)
    units = {e.unit_id for e in chosen if e is not None}
    access = current_access()
    hidden = [i for i, e in enumerate(chosen) if e is not None and not access.covers(e.unit_id)]
    if hidden:
        raise NotFound(
            [
                problem("person_not_found", row_prefix(i, many) + "person", ref=rows[i].person_id)
                for i in hidden
            ]
        )
    require(EDIT, units)
    sectors = sectors_of({(e.unit_id, r.on - DAY) for e, r in zip(chosen, rows, strict=True) if e})
    reductions: list[Reduction] = []
    ended: list[tuple[Employment, dict[str, Any]]] = []
    for row, employment in zip(rows, chosen, strict=True):
        assert employment is not None  # refused above
        ended.append((employment, _employment_audit(employment)))
        if employment.valid_to is None or employment.valid_to > row.on:
            employment.valid_to = row.on
        employment.end_reason = EndReason.REDUCED
        reductions.append(
            Reduction(
                person_id=row.person_id,
                unit_id=employment.unit_id,
                on=row.on,
                form=row.form,
                case=cases[row.case],
                sector=row.sector or sectors[(employment.unit_id, row.on - DAY)],
                category=employment.category,
                employment=employment,
                document_id=row.document_id,
                note=row.note[:500],
            )
        )
    Employment.objects.bulk_update(
        [e for e, _ in ended], ["valid_to", "end_reason"], batch_size=2000
    )
    created = Reduction.objects.bulk_create(reductions, batch_size=2000)
    change_records_bulk(
        changes=[
            *[(e, before, _employment_audit(e)) for e, before in ended],
            *[(r, None, _reduction_audit(r)) for r in created],
        ]
    )
    return created


# ---------------------------------------------------------------------------- mergers


@dataclass
class Carried:
    """What `merger_carry` did: the event, its successor, and the employments it started there
    (each continuing one in a unit that ended)."""

    event: Event
    successor_id: int
    carried: list[Employment] = field(default_factory=list)


MERGER_KINDS = frozenset({EventKind.MERGE, EventKind.CONSOLIDATE})


@transaction.atomic
def merger_carry(*, event: Event | int | None = None, spec: EventSpec | None = None) -> Carried:
    """Carry the staff of the units a merger or consolidation ends to its successor, on the
    event's date: each employment of those units that holds the day before and was not ended
    for a reason of its own ends there ("carried") and goes on in the successor, in the same
    category and position, until the end it had (if any went beyond the event).

    Give a recorded `event`, or a `spec` to record now (registry.services.event_apply) in the
    same transaction: the event and the moves are written together or not at all."""
    if (event is None) == (spec is None):
        raise DomainError(problem("event_or_spec", "event"))
    if spec is not None:
        recorded = event_apply(spec=spec)
    else:
        eid = _id(event)
        found = Event.objects.filter(pk=eid).first() if eid is not None else None
        if found is None:
            raise NotFound(problem("event_not_found", "event", ref=event))
        recorded = found
    participants = list(EventUnit.objects.filter(event=recorded))
    outputs = [p.unit_id for p in participants if p.role == Role.OUTPUT]
    inputs = [p.unit_id for p in participants if p.role == Role.INPUT and p.ends]
    if recorded.kind not in MERGER_KINDS or len(outputs) != 1:
        raise DomainError(
            problem("not_a_merger", "event", event=recorded.pk, kind=EventKind(recorded.kind).label)
        )
    successor = outputs[0]
    access = current_access()
    if not access.covers_all([successor, *inputs]):
        raise NotFound(problem("event_not_found", "event", ref=recorded.pk))
    require(EDIT, [successor, *inputs])
    day = recorded.effective_on
    current = [
        e
        for e in Employment.objects.as_of(day - DAY).filter(unit_id__in=inputs).order_by("id")
        if e.valid_to is None or e.valid_to > day or not e.end_reason
    ]
    document = recorded.documents.order_by("id").first()
    before = {e.pk: _employment_audit(e) for e in current}
    new_rows = []
    province = unit_keys([successor])[successor]
    last = latest_version(successor)
    successor_end = last.valid_to if last is not None else None
    for old in current:
        until = old.valid_to if old.valid_to is not None and old.valid_to > day else None
        if successor_end is not None and (until is None or until > successor_end):
            until = successor_end  # the successor itself ends later: so does the employment
        old.valid_to = day
        old.end_reason = EndReason.CARRIED
        new_rows.append(
            Employment(
                person_id=old.person_id,
                unit_id=successor,
                province_id=province,
                category=old.category,
                position=old.position,
                work=old.work,
                document=document,
                carried_from=old,
                note=old.note,
                valid_from=day,
                valid_to=until,
            )
        )
    problems = check_employments(new_rows, [f"[{i}]." for i in range(len(new_rows))])
    if problems:
        raise DomainError(problems)
    Employment.objects.bulk_update(current, ["valid_to", "end_reason"], batch_size=2000)
    created = Employment.objects.bulk_create(new_rows, batch_size=2000)
    change_records_bulk(
        changes=[
            *[(e, before[e.pk], _employment_audit(e)) for e in current],
            *[(e, None, _employment_audit(e)) for e in created],
        ],
        basis=document.number if document else "",
    )
    return Carried(event=recorded, successor_id=successor, carried=created)
