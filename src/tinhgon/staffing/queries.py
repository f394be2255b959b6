"""Reads about staffing. Every question about the state of things takes its date.

Results are plain dataclasses (dates as `datetime.date`); `representations.data` turns them
into JSON-ready data. The reads answer within the acting user's scope (accounts.access): a unit
outside it is "not found", units outside it are left out of counts; persons appear only where
the user may see persons (staffing.access); a viewer sees counts, never persons.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from tinhgon.accounts.access import current_access, restrict, subtree_ever
from tinhgon.core.errors import DomainError, NotFound
from tinhgon.people.access import person_access
from tinhgon.people.invariants import chunks, places_of
from tinhgon.people.kinds import DEPUTY_TYPES, DeputyMode
from tinhgon.people.labels import post_type_label
from tinhgon.people.models import DeputyRule, Holding
from tinhgon.people.queries import PersonRef, UnitRef, person_refs, unit_ref, unit_refs
from tinhgon.people.scope import apparatus
from tinhgon.registry.kinds import Role, Share
from tinhgon.registry.models import Event, EventUnit, Unit, UnitVersion
from tinhgon.registry.queries import lineage, version_at, visible_version

from .kinds import ADMINISTRATIVE_KINDS, Category, Form, Sector, Subject, Work
from .labels import STATUS, builtin_text, category_label, form_label, sector_label
from .models import Employment, Reduction, StaffingQuota, StaffingTarget, SurplusRule
from .problems import problem

DAY = dt.timedelta(days=1)

# ---------------------------------------------------------------------------- result types


@dataclass
class CategoryRow:
    category: str
    label: str
    quota: int | None
    headcount: int
    difference: int | None  # headcount − quota: above 0 a surplus, below 0 a deficit
    status: str  # surplus, deficit, at_quota, no_quota
    status_label: str


@dataclass
class UnitStaffing:
    unit: UnitRef
    rows: list[CategoryRow]
    quota: int | None
    headcount: int
    difference: int | None


@dataclass
class EmployeeRow:
    employment_id: int
    person: PersonRef | None  # None where the user may not see the person
    unit: UnitRef
    category: str
    position: str
    work: str
    valid_from: dt.date
    valid_to: dt.date | None


@dataclass
class Staffing:
    unit: UnitRef
    on: dt.date
    scope: bool  # the unit's apparatus (True) or the unit alone
    rows: list[CategoryRow]
    quota: int | None
    headcount: int
    difference: int | None
    units: list[UnitStaffing]
    employees: list[EmployeeRow]
    persons_shown: bool


@dataclass
class Count:
    key: str
    label: str
    count: int


@dataclass
class ReductionRow:
    id: int
    on: dt.date
    person: PersonRef | None
    unit: UnitRef
    sector: str
    form: str
    category: str
    case: str
    article: str
    basis: str


@dataclass
class Reductions:
    scope: UnitRef
    date_from: dt.date
    date_to: dt.date  # inclusive
    sectors: list[str]  # the filter; empty for all
    total: int
    by_sector: list[Count]
    by_form: list[Count]
    by_basis: list[Count]
    by_year: list[Count]
    rows: list[ReductionRow]
    persons_shown: bool


@dataclass
class StaffChange:
    unit: UnitRef
    base_on: dt.date
    on: dt.date
    base: int  # headcount on base_on of the unit, or of the units that became it
    now: int
    change: int
    rate: float | None  # change / base
    predecessors: list[UnitRef]  # the units counted on base_on
    reductions: int  # reductions in the apparatus after base_on up to on
    categories: list[str]


@dataclass
class TargetCheck:
    code: str
    name: str
    basis: str
    status: str
    base_on: dt.date
    due_on: dt.date
    required_rate: float
    change: StaffChange
    met: bool | None  # None while nothing was employed on the base date


@dataclass
class DeputySurplus:
    post_type: str
    label: str
    deputies: int
    allowed: float | None
    surplus: int | None
    rule: str
    basis: str


@dataclass
class MergerStaffing:
    event_id: int
    kind: str
    effective_on: dt.date
    on: dt.date
    successor: UnitRef
    inputs: list[UnitRef]
    rows: list[CategoryRow]
    quota: int | None
    headcount: int
    surplus: int  # sum of the categories above their quota
    staff_deadline: dt.date | None
    staff_rule: str
    deputies: list[DeputySurplus]
    deputy_deadline: dt.date | None
    deputy_rule: str


@dataclass
class UnitCount:
    unit: UnitRef
    count: int


@dataclass
class ContractCheck:
    scope: UnitRef
    on: dt.date
    total: int
    units: list[UnitCount]
    rows: list[EmployeeRow]
    persons_shown: bool


# ---------------------------------------------------------------------------- helpers


def _rate(n: int, total: int) -> float | None:
    return round(n / total, 4) if total else None


def _unit_ids(unit: Unit, on: dt.date, scope: bool) -> list[int]:
    """The units counted: the unit's apparatus on the date (or the unit alone), as far as the
    user sees."""
    if not scope:
        return [unit.pk]
    qs = UnitVersion.objects.as_of(on).filter(unit_id__in=apparatus(unit.pk, on))
    return sorted(set(restrict(qs, "unit_id").values_list("unit_id", flat=True)) | {unit.pk})


def _status(quota: int | None, headcount: int) -> tuple[int | None, str]:
    if quota is None:
        return None, "no_quota"
    diff = headcount - quota
    return diff, "surplus" if diff > 0 else "deficit" if diff < 0 else "at_quota"


def category_rows(quotas: dict[str, int], counts: dict[str, int]) -> list[CategoryRow]:
    rows = []
    for category in Category.values:
        quota = quotas.get(category)
        count = counts.get(category, 0)
        if quota is None and not count:
            continue
        diff, status = _status(quota, count)
        rows.append(
            CategoryRow(
                category, category_label(category), quota, count, diff, status, str(STATUS[status])
            )
        )
    return rows


def _sum(values: Iterable[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def headcounts_by_unit(unit_ids: list[int], on: dt.date) -> dict[int, Counter[str]]:
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for chunk in chunks(unit_ids):
        for uid, category in (
            Employment.objects.as_of(on)
            .filter(unit_id__in=chunk)
            .values_list("unit_id", "category")
        ):
            counts[uid][category] += 1
    return counts


def quotas_by_unit(unit_ids: list[int], on: dt.date) -> dict[int, dict[str, int]]:
    quotas: dict[int, dict[str, int]] = defaultdict(dict)
    for chunk in chunks(unit_ids):
        for uid, category, number in (
            StaffingQuota.objects.as_of(on)
            .filter(unit_id__in=chunk)
            .values_list("unit_id", "category", "number")
        ):
            quotas[uid][category] = quotas[uid].get(category, 0) + number
    return quotas


def _employee_rows(qs: Iterable[Employment], on: dt.date) -> tuple[list[EmployeeRow], bool]:
    rights = person_access()
    rows = list(qs)
    shown = rights.sees_persons
    refs = person_refs({e.person_id for e in rows if rights.person_in(e.unit_id)}, rights)
    units = unit_refs({e.unit_id for e in rows}, on)
    return [
        EmployeeRow(
            e.pk,
            refs.get(e.person_id) if rights.person_in(e.unit_id) else None,
            units[e.unit_id],
            e.category,
            e.position,
            e.work,
            e.valid_from,
            e.valid_to,
        )
        for e in rows
    ], shown


# ---------------------------------------------------------------------------- headcount


def headcount(
    unit: Unit, on: dt.date, *, scope: bool = True, categories: Collection[str] = ()
) -> dict[str, int]:
    """How many people are employed on `on` in the unit's apparatus (or the unit alone), by
    category."""
    visible_version(unit, on)
    counts: Counter[str] = Counter()
    qs = Employment.objects.as_of(on)
    if categories:
        qs = qs.filter(category__in=list(categories))
    if scope:  # the apparatus includes the unit itself
        scoped = restrict(qs.filter(unit_id__in=apparatus(unit.pk, on)), "unit_id")
        counts.update(scoped.values_list("category", flat=True))
    else:
        counts.update(qs.filter(unit_id=unit.pk).values_list("category", flat=True))
    return dict(counts)


def headcount_by_year(
    unit: Unit, first_year: int, on: dt.date, *, scope: bool = True
) -> list[tuple[int, int]]:
    """The headcount at the end of each year from `first_year`, and on `on` for its own year,
    over the years the unit existed."""
    days = [dt.date(year, 12, 31) for year in range(first_year, on.year)] + [on]
    return [
        (day.year, sum(headcount(unit, day, scope=scope).values()))
        for day in days
        if version_at(unit, day) is not None
    ]


def staffing(unit: Unit, on: dt.date, *, scope: bool = True, employees: bool = False) -> Staffing:
    """Quota against headcount on a date, by category, for a unit's apparatus (or the unit
    alone) and for each of its units; the persons employed if asked (where they may be seen)."""
    root = visible_version(unit, on)
    ids = _unit_ids(unit, on, scope)
    counts = headcounts_by_unit(ids, on)
    quotas = quotas_by_unit(ids, on)
    names = unit_refs(set(counts) | set(quotas), on)
    per_unit = []
    for uid in sorted(set(counts) | set(quotas), key=lambda u: (names[u].name, u)):
        rows = category_rows(quotas.get(uid, {}), counts.get(uid, Counter()))
        quota = _sum(r.quota for r in rows)
        count = sum(r.headcount for r in rows)
        per_unit.append(UnitStaffing(names[uid], rows, quota, count, _status(quota, count)[0]))
    total_counts: Counter[str] = Counter()
    total_quotas: dict[str, int] = {}
    for uid in ids:
        total_counts.update(counts.get(uid, Counter()))
        for category, number in quotas.get(uid, {}).items():
            total_quotas[category] = total_quotas.get(category, 0) + number
    rows = category_rows(total_quotas, total_counts)
    quota = _sum(r.quota for r in rows)
    count = sum(r.headcount for r in rows)
    listed: list[EmployeeRow] = []
    shown = person_access().sees_persons
    if employees:
        qs = Employment.objects.as_of(on).filter(unit_id__in=ids).order_by("unit_id", "id")
        listed, shown = _employee_rows(qs, on)
    return Staffing(
        unit_ref(root),
        on,
        scope,
        rows,
        quota,
        count,
        _status(quota, count)[0],
        per_unit,
        listed,
        shown,
    )


# ---------------------------------------------------------------------------- reductions


def _reduction_units(scope: Unit) -> frozenset[int]:
    """The units whose reductions count for a scope: every unit that was ever in its
    apparatus (a unit that has since ended still counts), as far as the user sees."""
    ids = subtree_ever([scope.pk])
    view = current_access().units("view")
    return ids if view is None else ids & view


def reductions(
    scope: Unit,
    date_from: dt.date,
    date_to: dt.date,
    *,
    sectors: Collection[str] = (),
    forms: Collection[str] = (),
    bases: Collection[str] = (),
    rows: bool = True,
) -> Reductions:
    """The staff reductions in a scope from `date_from` to `date_to` (both included), filtered
    by sector, form and decree (number, e.g. "108/2014/NĐ-CP"), with totals by each."""
    for name, values, allowed in (("sector", sectors, Sector), ("form", forms, Form)):
        wrong = [v for v in values if v not in allowed.values]
        if wrong:
            choices = ", ".join(allowed.values)
            raise DomainError(problem("invalid_choice", name, value=wrong[0], choices=choices))
    root = visible_version(scope, date_from if version_at(scope, date_from) else date_to, "scope")
    units = _reduction_units(scope)
    qs = Reduction.objects.filter(on__gte=date_from, on__lte=date_to)
    if sectors:
        qs = qs.filter(sector__in=list(sectors))
    if forms:
        qs = qs.filter(form__in=list(forms))
    if bases:
        qs = qs.filter(case__basis__number__in=list(bases))
    found = [
        r
        for r in qs.values_list(
            "pk",
            "person_id",
            "unit_id",
            "on",
            "sector",
            "form",
            "category",
            "case__code",
            "case__article",
            "case__basis__number",
        ).order_by("on", "pk")
        if r[2] in units
    ]
    by_sector = Counter(r[4] for r in found)
    by_form = Counter(r[5] for r in found)
    by_basis = Counter(r[9] for r in found)
    by_year = Counter(str(r[3].year) for r in found)
    listed: list[ReductionRow] = []
    rights = person_access()
    if rows:
        refs = person_refs({r[1] for r in found if rights.person_in(r[2])}, rights)
        names = unit_refs({r[2] for r in found}, date_to)
        listed = [
            ReductionRow(
                r[0],
                r[3],
                refs.get(r[1]) if rights.person_in(r[2]) else None,
                names[r[2]],
                r[4],
                r[5],
                r[6],
                r[7],
                r[8],
                r[9],
            )
            for r in found
        ]
    return Reductions(
        scope=unit_ref(root),
        date_from=date_from,
        date_to=date_to,
        sectors=sorted(sectors),
        total=len(found),
        by_sector=[Count(k, sector_label(k), n) for k, n in sorted(by_sector.items())],
        by_form=[Count(k, form_label(k), n) for k, n in sorted(by_form.items())],
        by_basis=[Count(k, k, n) for k, n in sorted(by_basis.items())],
        by_year=[Count(k, k, n) for k, n in sorted(by_year.items())],
        rows=listed,
        persons_shown=rights.sees_persons,
    )


def staff_change(
    unit: Unit,
    base_on: dt.date,
    on: dt.date,
    *,
    scope: bool = True,
    categories: Collection[str] = (),
) -> StaffChange:
    """Headcount on `on` against `base_on`. If the unit did not exist on `base_on`, or absorbed
    others since, the base counts the units that became it (its lineage, whole units only):
    a shared office set up in 2017 against its predecessors of 2015."""
    root = visible_version(unit, on)
    now = sum(headcount(unit, on, scope=scope, categories=categories).values())
    entries = [e for e in lineage(unit, on, base_on) if e.share == Share.WHOLE]
    access = current_access()
    predecessors = [e for e in entries if access.covers(e.unit_id)]
    base = 0
    for entry in predecessors:
        base += sum(
            headcount(Unit(pk=entry.unit_id), base_on, scope=scope, categories=categories).values()
        )
    units = _reduction_units(unit)
    count = sum(
        1
        for uid in Reduction.objects.filter(on__gt=base_on, on__lte=on)
        .filter(**({"category__in": list(categories)} if categories else {}))
        .values_list("unit_id", flat=True)
        if uid in units
    )
    change = now - base
    return StaffChange(
        unit=unit_ref(root),
        base_on=base_on,
        on=on,
        base=base,
        now=now,
        change=change,
        rate=_rate(change, base),
        predecessors=[unit_ref(e.version) for e in predecessors if e.version is not None],
        reductions=count,
        categories=sorted(categories),
    )


def target_check(target: StaffingTarget | str, scope: Unit) -> TargetCheck:
    """A headcount target (e.g. at least 10% fewer in 2021 than in 2015) against the records
    of a scope."""
    found = (
        target
        if isinstance(target, StaffingTarget)
        else (StaffingTarget.objects.filter(code=str(target)).first())
    )
    if found is None:
        raise NotFound(problem("target_not_found", "target", ref=target))
    change = staff_change(scope, found.base_on, found.due_on, categories=found.categories)
    required = float(found.rate)
    met = None if change.rate is None else change.rate <= -required
    return TargetCheck(
        code=found.code,
        name=builtin_text(found.name) if found.builtin else found.name,
        basis=found.basis,
        status=found.status,
        base_on=found.base_on,
        due_on=found.due_on,
        required_rate=required,
        change=change,
        met=met,
    )


def target_checks(scope: Unit) -> list[TargetCheck]:
    """Every headcount target that applies to a scope (the scope exists on its due date),
    against the records, by due date."""
    return [
        target_check(t, scope)
        for t in StaffingTarget.objects.order_by("due_on", "code")
        if version_at(scope, t.due_on) is not None
    ]


# ---------------------------------------------------------------------------- mergers


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def surplus_rule(subject: str, on: dt.date) -> SurplusRule | None:
    rules = [r for r in SurplusRule.objects.filter(subject=subject) if r.holds_on(on)]
    return min(rules, key=lambda r: r.code) if rules else None


def merger_staffing(event: Event | int, on: dt.date | None = None) -> MergerStaffing:
    """What a merger or consolidation leaves in its successor on a date (by default the day it
    takes effect): quota, headcount and surplus by category; deputies against the deputy rules
    in force (people.DeputyRule); and the deadlines to resolve the surplus where a rule gives
    one (e.g. 5 years)."""
    eid = event.pk if isinstance(event, Event) else event
    found = Event.objects.filter(pk=eid).first()
    participants = list(EventUnit.objects.filter(event_id=eid)) if found else []
    outputs = [p.unit_id for p in participants if p.role == Role.OUTPUT]
    access = current_access()
    if found is None or len(outputs) != 1 or not access.covers(outputs[0]):
        raise NotFound(problem("event_not_found", "event", ref=eid))
    day = on or found.effective_on
    successor = Unit(pk=outputs[0])
    report = staffing(successor, day, scope=False)
    inputs = [p.unit_id for p in participants if p.role == Role.INPUT and access.covers(p.unit_id)]
    refs = unit_refs(inputs, found.effective_on - DAY)
    version = visible_version(successor, day)
    place = places_of([version.unit_id], day, known={version.unit_id: version}).get(version.unit_id)
    rules = [
        r
        for r in DeputyRule.objects.filter(unit_kind=version.kind)
        if r.holds_on(day)
        and (not r.place_kind or (place is not None and place.kind == r.place_kind))
    ]
    held: dict[str, set[int]] = defaultdict(set)
    for post_type, person_id in (
        Holding.objects.as_of(day)
        .filter(unit_id=version.unit_id, post__post_type__in=DEPUTY_TYPES)
        .values_list("post__post_type", "person_id")
    ):
        held[post_type].add(person_id)
    merged_units = sum(1 for p in participants if p.role == Role.INPUT)
    deputies = []
    for post_type in sorted(set(held) | {r.post_type for r in rules}):
        rule = next(
            (r for r in sorted(rules, key=lambda r: r.code) if r.post_type == post_type), None
        )
        count = len(held.get(post_type, ()))
        # A body formed from several units may keep more deputies (NĐ 370/2025).
        merged = min(max(merged_units - 1, 0), rule.merged_bonus) if rule else 0
        allowed = float(rule.number) + merged if rule else None
        surplus = None if allowed is None else max(0, count - int(allowed))
        deputies.append(
            DeputySurplus(
                post_type,
                post_type_label(post_type),
                count,
                allowed,
                surplus,
                rule.code if rule else "",
                f"{rule.basis} ({DeputyMode(rule.mode).label})" if rule else "",
            )
        )
    staff_rule = surplus_rule(Subject.STAFF, found.effective_on)
    deputy_rule = surplus_rule(Subject.DEPUTIES, found.effective_on)
    surplus = sum(r.difference for r in report.rows if r.difference and r.difference > 0)
    any_deputy_surplus = any(d.surplus for d in deputies)
    return MergerStaffing(
        event_id=found.pk,
        kind=found.kind,
        effective_on=found.effective_on,
        on=day,
        successor=report.unit,
        inputs=[refs[i] for i in inputs if i in refs],
        rows=report.rows,
        quota=report.quota,
        headcount=report.headcount,
        surplus=surplus,
        staff_deadline=add_years(found.effective_on, staff_rule.years)
        if staff_rule and surplus
        else None,
        staff_rule=staff_rule.code if staff_rule else "",
        deputies=deputies,
        deputy_deadline=add_years(found.effective_on, deputy_rule.years)
        if deputy_rule and any_deputy_surplus
        else None,
        deputy_rule=deputy_rule.code if deputy_rule else "",
    )


# ---------------------------------------------------------------------------- contract workers


def contract_workers(scope: Unit, on: dt.date) -> ContractCheck:
    """Contract workers in professional posts of the administrative agencies of a scope on a
    date (the city "ended the use of contract workers for professional work")."""
    root = visible_version(scope, on, "scope")
    ids = _unit_ids(scope, on, True)
    agencies = {
        v
        for chunk in chunks(ids)
        for v in UnitVersion.objects.as_of(on)
        .filter(unit_id__in=chunk, kind__in=list(ADMINISTRATIVE_KINDS))
        .values_list("unit_id", flat=True)
    }
    qs = (
        Employment.objects.as_of(on)
        .filter(category=Category.CONTRACT, work=Work.PROFESSIONAL, unit_id__in=sorted(agencies))
        .order_by("unit_id", "id")
    )
    rows, shown = _employee_rows(qs, on)
    per_unit = Counter(r.unit.id for r in rows)
    names = {r.unit.id: r.unit for r in rows}
    return ContractCheck(
        scope=unit_ref(root),
        on=on,
        total=len(rows),
        units=[UnitCount(names[u], n) for u, n in sorted(per_unit.items())],
        rows=rows,
        persons_shown=shown,
    )
