"""Reads about party organizations and members. Every question about the state of things takes
its date; periods include both ends.

A scope is a unit: a party organization, or an administrative unit (then the party
organizations located in it count, as in the registry's apparatus). Counts include what the
user may see (`view`); members appear by name only where the user may see party details
(`view_party`) of their organization, with personal fields where `view_personal` covers it.
Results are plain dataclasses; `representations.data` turns them into JSON-ready data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count as Tally
from django.db.models import Q, QuerySet

from tinhgon.accounts.access import current_access, restrict, subtree_ever
from tinhgon.accounts.roles import Action
from tinhgon.audit.services import access_record
from tinhgon.core.dates import today
from tinhgon.core.errors import DomainError, NotFound
from tinhgon.core.idlist import id_list
from tinhgon.core.text import fold
from tinhgon.people.invariants import chunks
from tinhgon.people.kinds import MAJORITY_ETHNICITY, Education, Gender, PostType
from tinhgon.people.labels import choice_label
from tinhgon.people.models import Holding, Person, Term
from tinhgon.people.queries import PersonRef, UnitRef, unit_ref, unit_refs
from tinhgon.people.scope import apparatus
from tinhgon.registry.kinds import UnitKind
from tinhgon.registry.models import Unit, UnitVersion
from tinhgon.registry.queries import unit_label, version_at, visible_version

from .kinds import (
    AGE_BANDS,
    GRASSROOTS_KINDS,
    MEMBER_KINDS,
    PARTY_KINDS,
    AttachmentKind,
    Grade,
    Occupation,
    Stage,
    Status,
)
from .labels import BREAKDOWN_LABELS, STRUCTURE_MESSAGES
from .models import (
    AdmissionCandidate,
    AdmissionTarget,
    Attachment,
    Congress,
    Member,
    Rating,
    StructureRule,
)
from .problems import problem
from .rules import add_months, age_in_years, probation_end, structure_rule_on

K = UnitKind
CHOICES: tuple[Mapping[str, Any], ...] = (
    dict(Occupation.choices),
    dict(Education.choices),
    dict(Gender.choices),
)
COMMITTEE_KINDS = frozenset({K.GRASSROOTS_PARTY_COMMITTEE, K.PARTIAL_PARTY_COMMITTEE})

# ---------------------------------------------------------------------------- result types


@dataclass
class Count:
    key: str
    label: str
    count: int


@dataclass
class OrgCounts:
    scope: UnitRef
    on: dt.date
    by_kind: list[Count]
    grassroots: int  # grassroots committees and grassroots cells
    cells_under_committees: int  # party cells under a grassroots or partial committee
    members: int
    official: int
    probationary: int


@dataclass
class MemberRow:
    member_id: int
    person: PersonRef | None  # None where the user may not see party details here
    unit: UnitRef
    admitted_on: dt.date
    status: str
    confirmed_on: dt.date | None
    probation_ends: dt.date


@dataclass
class Breakdowns:
    gender: list[Count]
    age: list[Count]
    minority: list[Count]
    occupation: list[Count]
    education: list[Count]


@dataclass
class Admissions:
    scope: UnitRef
    date_from: dt.date
    date_to: dt.date
    total: int
    by_year: list[Count]
    by_organization: list[Count]
    breakdowns: Breakdowns
    rows: list[MemberRow]
    persons_shown: bool


@dataclass
class YearRate:
    year: int
    admissions: int
    members_at_start: int
    rate: float | None  # admissions / members at the start of the year


@dataclass
class AdmissionRates:
    scope: UnitRef
    first_year: int
    last_year: int
    years: list[YearRate]
    admissions: int
    average_rate: float | None  # the mean of the yearly rates


@dataclass
class TermAdmissions:
    scope: UnitRef
    term: str
    term_name: str
    date_from: dt.date
    date_to: dt.date
    admissions: int
    rates: AdmissionRates


@dataclass
class Problem:
    unit: UnitRef
    code: str
    message: str
    official: int
    members: int


@dataclass
class StructureCheck:
    scope: UnitRef
    on: dt.date
    rule: str
    sizes: list[Count]  # cells by number of official members
    problems: list[Problem]


@dataclass
class RatingCounts:
    scope: UnitRef
    year: int
    members: list[Count]
    organizations: list[Count]


@dataclass
class CongressRow:
    id: int
    held_on: dt.date
    ordinal: int | None
    term: str


@dataclass
class ChildOrg:
    unit: UnitRef
    members: int
    official: int


@dataclass
class Organization:
    unit: UnitRef
    on: dt.date
    parent: UnitRef | None
    counts: OrgCounts
    children: list[ChildOrg]
    members: list[MemberRow]
    persons_shown: bool
    congresses: list[CongressRow]
    admissions_this_year: int
    due: list[MemberRow]
    problems: list[Problem]


@dataclass
class AttachmentRow:
    unit: UnitRef
    kind: str
    valid_from: dt.date
    valid_to: dt.date | None
    decision: str


@dataclass
class RatingRow:
    year: int
    grade: str
    grade_label: str
    score: int | None


@dataclass
class MemberRecord:
    member_id: int
    person: PersonRef
    status: str
    admitted_on: dt.date
    admitted_in: UnitRef
    admission_decision: str
    considered_on: dt.date
    probation_ends: dt.date
    confirmed_on: dt.date | None
    confirmation_decision: str
    ended_on: dt.date | None
    end_reason: str
    occupation: str
    card_number: str
    party_age_years: int | None
    attachments: list[AttachmentRow]
    ratings: list[RatingRow]
    revision: int


@dataclass
class CandidateRow:
    id: int
    person: PersonRef | None
    unit: UnitRef
    stage: str
    expected_on: dt.date | None


@dataclass
class TargetRow:
    unit: UnitRef
    year: int
    target: int
    admitted: int


@dataclass
class Pipeline:
    scope: UnitRef
    year: int
    candidates: list[CandidateRow]
    by_stage: list[Count]
    targets: list[TargetRow]
    target_total: int
    admitted_total: int
    persons_shown: bool = field(default=False)


# ---------------------------------------------------------------------------- helpers


def scope_version(unit: Unit, on: dt.date) -> UnitVersion:
    """The scope's version on `on`: "not found" outside the user's scope or its life."""
    return visible_version(unit, on, "scope")


def party_organization(unit: Unit, on: dt.date) -> UnitVersion:
    """The scope itself if it is a party organization, else the party organization located in
    it on that date (the city's party committee for the city)."""
    version = scope_version(unit, on)
    if version.kind in PARTY_KINDS:
        return version
    found = UnitVersion.objects.as_of(on).filter(territory_id=unit.pk, kind__in=sorted(PARTY_KINDS))
    # A party committee before a grassroots one: the province's or the city's own.
    for candidate in sorted(found, key=lambda v: (v.kind != K.PARTY_COMMITTEE, v.unit_id)):
        if current_access().covers(candidate.unit_id):
            return candidate
    raise NotFound(
        problem(
            "not_party_org", "scope", unit=unit_label(unit, on), kind=version.get_kind_display()
        )
    )


def org_ids(unit: Unit, on: dt.date) -> list[int]:
    """The party organizations of the scope's apparatus on `on`, as far as the user sees."""
    qs = UnitVersion.objects.as_of(on).filter(
        kind__in=list(PARTY_KINDS), unit_id__in=apparatus(unit.pk, on)
    )
    return sorted(set(restrict(qs, "unit_id").values_list("unit_id", flat=True)))


def _ever_ids(unit: Unit) -> frozenset[int]:
    """The units whose records count for a scope over a period: every unit ever in it."""
    ids = subtree_ever([unit.pk])
    view = current_access().units("view")
    return ids if view is None else ids & view


def _check_period(date_from: dt.date, date_to: dt.date, field_name: str = "to") -> None:
    if date_to < date_from:
        raise DomainError(problem("period_reversed", field_name, start=date_from, end=date_to))


def _rate(n: int, total: int) -> float | None:
    return round(n / total, 4) if total else None


def _party_rights() -> tuple[frozenset[int] | None, frozenset[int] | None, bool]:
    access = current_access()
    party = access.units(Action.VIEW_PARTY)
    personal = access.units(Action.VIEW_PERSONAL)
    return party, personal, access.may(Action.VIEW_PARTY)


def member_persons(person_units: dict[int, int]) -> dict[int, PersonRef]:
    """The persons of members (person id → the organization they are seen through) that the
    user may see: those whose organization lies where the user sees party details."""
    party, personal, may = _party_rights()
    if not may:
        return {}
    shown = {p: u for p, u in person_units.items() if party is None or u in party}
    refs: dict[int, PersonRef] = {}
    fields = ("pk", "full_name", "gender", "education", "revision", "birth_date", "ethnicity")
    for chunk in chunks(shown):
        for row in Person.objects.filter(pk__in=chunk).values(*fields):
            pid = row["pk"]
            person = PersonRef(
                id=pid,
                full_name=row["full_name"],
                gender=row["gender"],
                education=row["education"],
                revision=row["revision"],
            )
            if personal is None or shown[pid] in personal:
                person.personal_shown = True
                person.birth_date = row["birth_date"]
                person.ethnicity = row["ethnicity"]
            refs[pid] = person
    return refs


def _status(confirmed_on: dt.date | None, ended_on: dt.date | None, on: dt.date) -> str:
    if ended_on is not None and on >= ended_on:
        return Status.ENDED
    if confirmed_on is not None and on >= confirmed_on:
        return Status.OFFICIAL
    return Status.PROBATIONARY


def _member_rows(
    rows: list[tuple[int, int, int, dt.date, dt.date | None, dt.date | None]], on: dt.date
) -> tuple[list[MemberRow], bool]:
    """(member, person, unit, admitted, confirmed, ended) as rows; the person only where the
    user may see party details of the organization (a viewer gets places and dates, never
    persons, as in people's coverage)."""
    persons = member_persons({r[1]: r[2] for r in rows})
    units = unit_refs({r[2] for r in rows}, on)
    _, _, may = _party_rights()
    return [
        MemberRow(
            member_id=mid,
            person=persons.get(pid),
            unit=units[uid],
            admitted_on=admitted,
            status=_status(confirmed, ended, on),
            confirmed_on=confirmed,
            probation_ends=probation_end(admitted),
        )
        for mid, pid, uid, admitted, confirmed, ended in rows
    ], may


def _official_attachments(unit_ids: list[int], on: dt.date) -> Q:
    return Q(kind=AttachmentKind.OFFICIAL, unit_id__in=unit_ids) & Q(
        Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))
    )


def _member_counts(unit_ids: list[int], on: dt.date) -> dict[int, tuple[int, int]]:
    """Per organization: (members, official) on `on` (official attachments only), counted by
    the database."""
    counts: dict[int, tuple[int, int]] = {}
    official = Tally("id", filter=Q(member__confirmed_on__lte=on))
    for chunk in chunks(unit_ids):
        rows = (
            Attachment.objects.filter(_official_attachments(chunk, on))
            .values("unit_id")
            .annotate(members=Tally("id"), official=official)
            .values_list("unit_id", "members", "official")
        )
        counts.update((uid, (members, confirmed)) for uid, members, confirmed in rows)
    return counts


def _kind_counts(versions: Iterable[UnitVersion]) -> list[Count]:
    counter = Counter(v.kind for v in versions)
    return [
        Count(kind, choice_label(UnitKind, kind), counter[kind])
        for kind in UnitKind.values
        if kind in PARTY_KINDS and counter[kind]
    ]


# ---------------------------------------------------------------------------- counts


def org_counts(scope: Unit, on: dt.date) -> OrgCounts:
    """Party organizations by kind in a scope on a date, and the members they count
    ("36 grassroots organizations and 263 party cells under grassroots committees")."""
    top = scope_version(scope, on)
    ids = org_ids(scope, on)
    versions = {
        v.unit_id: v
        for chunk in chunks(ids)
        for v in UnitVersion.objects.as_of(on)
        .filter(unit_id__in=chunk)
        .only("unit_id", "name", "kind", "parent_id")
    }
    below = [v for uid, v in versions.items() if uid != scope.pk]
    parents = {
        v.unit_id: v.kind
        for chunk in chunks({v.parent_id for v in below if v.parent_id})
        for v in UnitVersion.objects.as_of(on).filter(unit_id__in=chunk).only("unit_id", "kind")
    }
    under_committees = sum(
        1
        for v in below
        if v.kind == K.PARTY_CELL and parents.get(v.parent_id or 0) in COMMITTEE_KINDS
    )
    counts = _member_counts(ids, on)
    members = sum(c[0] for c in counts.values())
    official = sum(c[1] for c in counts.values())
    return OrgCounts(
        scope=unit_ref(top),
        on=on,
        by_kind=_kind_counts(below),
        grassroots=sum(1 for v in below if v.kind in GRASSROOTS_KINDS),
        cells_under_committees=under_committees,
        members=members,
        official=official,
        probationary=members - official,
    )


def members_on(scope: Unit, on: dt.date) -> int:
    """Members (official and probationary) counted in a scope on a date."""
    scope_version(scope, on)
    return sum(c[0] for c in _member_counts(org_ids(scope, on), on).values())


# ---------------------------------------------------------------------------- breakdowns


def _age_band(birth: dt.date | None, on: dt.date) -> str:
    if birth is None:
        return "unknown"
    age = age_in_years(birth, on)
    for label, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return "unknown"  # under the lowest band: a data error the structure checks do not hide


def _breakdowns(rows: Iterable[tuple[str, dt.date | None, str, str, str, dt.date]]) -> Breakdowns:
    """(gender, birth date, ethnicity, occupation, education, day the age counts at) of
    members, counted by each."""
    gender: Counter[str] = Counter()
    age: Counter[str] = Counter()
    minority: Counter[str] = Counter()
    occupation: Counter[str] = Counter()
    education: Counter[str] = Counter()
    for sex, birth, ethnicity, job, school, on in rows:
        gender[sex] += 1
        age[_age_band(birth, on)] += 1
        minority["minority" if ethnicity and ethnicity != MAJORITY_ETHNICITY else "majority"] += 1
        occupation[job or "unknown"] += 1
        education[school or "unknown"] += 1

    def listed(
        counter: Counter[str], keys: Iterable[str], labels: Mapping[str, Any]
    ) -> list[Count]:
        return [Count(k, str(labels.get(k, k)), counter[k]) for k in keys if counter[k]]

    return Breakdowns(
        gender=listed(gender, Gender.values, CHOICES[2]),
        age=listed(age, [b[0] for b in AGE_BANDS] + ["unknown"], BREAKDOWN_LABELS),
        minority=listed(minority, ["minority", "majority"], BREAKDOWN_LABELS),
        occupation=listed(
            occupation,
            [*Occupation.values, "unknown"],
            {**dict(Occupation.choices), **BREAKDOWN_LABELS},
        ),
        education=listed(
            education,
            [*Education.values, "unknown"],
            {**dict(Education.choices), **BREAKDOWN_LABELS},
        ),
    )


# ---------------------------------------------------------------------------- admissions


def _admissions_qs(scope: Unit, date_from: dt.date, date_to: dt.date) -> QuerySet[Member]:
    return Member.objects.filter(
        admitted_on__gte=date_from,
        admitted_on__lte=date_to,
        admitted_in_id__in=id_list(_ever_ids(scope)),
    )


def admissions(
    scope: Unit, date_from: dt.date, date_to: dt.date, *, rows: bool = True
) -> Admissions:
    """Members admitted in a scope from `date_from` to `date_to`, by year, organization and the
    standard breakdowns (at admission), with the members where the user may see them."""
    _check_period(date_from, date_to)
    top = scope_version(scope, date_to if version_at(scope, date_to) else date_from)
    found = list(
        _admissions_qs(scope, date_from, date_to).values_list(
            "pk",
            "person_id",
            "admitted_in_id",
            "admitted_on",
            "confirmed_on",
            "ended_on",
            "person__gender",
            "person__birth_date",
            "person__ethnicity",
            "occupation",
            "person__education",
        )
    )
    found.sort(key=lambda m: (m[3], m[0]))
    by_year = Counter(m[3].year for m in found)
    by_org = Counter(m[2] for m in found)
    names = unit_refs(by_org, date_to)
    listed, shown = _member_rows([m[:6] for m in found], date_to) if rows else ([], False)
    # Ages at admission: each member at their own admission date.
    breakdowns = _breakdowns((m[6], m[7], m[8], m[9], m[10], m[3]) for m in found)
    return Admissions(
        scope=unit_ref(top),
        date_from=date_from,
        date_to=date_to,
        total=len(found),
        by_year=[Count(str(y), str(y), by_year[y]) for y in sorted(by_year)],
        by_organization=sorted(
            (Count(str(u), names[u].name, n) for u, n in by_org.items()),
            key=lambda c: (-c.count, c.label),
        ),
        breakdowns=breakdowns,
        rows=listed,
        persons_shown=shown,
    )


def admission_count(scope: Unit, date_from: dt.date, date_to: dt.date) -> int:
    _check_period(date_from, date_to)
    return _admissions_qs(scope, date_from, date_to).count()


def admission_rates(scope: Unit, first_year: int, last_year: int) -> AdmissionRates:
    """For each year: admissions in the year over the members counted at its start (1 January);
    and the average of those yearly rates."""
    if last_year < first_year:
        raise DomainError(
            problem(
                "period_reversed",
                "to_year",
                start=dt.date(first_year, 1, 1),
                end=dt.date(last_year, 1, 1),
            )
        )
    top = scope_version(
        scope,
        dt.date(last_year, 12, 31)
        if version_at(scope, dt.date(last_year, 12, 31))
        else dt.date(first_year, 1, 1),
    )
    years = []
    for year in range(first_year, last_year + 1):
        start = dt.date(year, 1, 1)
        base = members_on(scope, start) if version_at(scope, start) else 0
        count = admission_count(scope, start, dt.date(year, 12, 31))
        years.append(YearRate(year, count, base, _rate(count, base)))
    rates = [y.rate for y in years if y.rate is not None]
    return AdmissionRates(
        scope=unit_ref(top),
        first_year=first_year,
        last_year=last_year,
        years=years,
        admissions=sum(y.admissions for y in years),
        average_rate=round(sum(rates) / len(rates), 4) if rates else None,
    )


def term_opening(scope: Unit, term: Term) -> dt.date:
    """When a term began for a scope: the congress of its party organization (the city's
    committee for the city) for that term if recorded, else the term's start."""
    try:
        org_id = party_organization(scope, term.valid_from).unit_id
    except NotFound:  # no party organization in it (yet) on that day
        org_id = scope.pk
    congress = Congress.objects.filter(unit_id=org_id, term=term).order_by("held_on").first()
    return congress.held_on if congress else term.valid_from


def term_admissions(scope: Unit, term: str, until: dt.date | None = None) -> TermAdmissions:
    """Admissions in a scope from the start of a term (its congress, if the scope's is recorded;
    otherwise the term's start) to `until` or the term's end; and the yearly rates over the
    term's years (from its first calendar year to the one before it ends: "5 years")."""
    found = Term.objects.filter(code=term.strip()).first()
    if found is None:
        raise NotFound(problem("term_not_found", "term", ref=term))
    start = term_opening(scope, found)
    end = until or found.valid_until or today()
    _check_period(start, end, "until")
    last_year = (found.valid_to.year - 1) if found.valid_to else end.year
    last_year = min(last_year, end.year)
    rates = admission_rates(scope, found.valid_from.year, last_year)
    return TermAdmissions(
        scope=rates.scope,
        term=found.code,
        term_name=found.name,
        date_from=start,
        date_to=end,
        admissions=admission_count(scope, start, end),
        rates=rates,
    )


def confirmations_due(scope: Unit, date_from: dt.date, date_to: dt.date) -> list[MemberRow]:
    """Probationary members whose probation ends from `date_from` to `date_to` and who are
    neither confirmed nor removed: the cells must decide on them."""
    _check_period(date_from, date_to)
    scope_version(scope, date_to if version_at(scope, date_to) else date_from)
    ever = _ever_ids(scope)
    # Admitted 12 months before the window (a day's margin for month ends).
    low = add_months(date_from, -12) - dt.timedelta(days=3)  # not .replace(): 29 February
    high = add_months(date_to, -12) + dt.timedelta(days=3)
    found = []
    for chunk in chunks(ever):
        found += [
            m
            for m in Member.objects.filter(
                admitted_in_id__in=chunk,
                admitted_on__gte=low,
                admitted_on__lte=high,
                confirmed_on__isnull=True,
                ended_on__isnull=True,
            ).values_list(
                "pk", "person_id", "admitted_in_id", "admitted_on", "confirmed_on", "ended_on"
            )
            if date_from <= probation_end(m[3]) <= date_to
        ]
    # Members may have moved: list them in the organization they belong to now.
    current = dict(
        Attachment.objects.filter(
            member_id__in=[m[0] for m in found], kind=AttachmentKind.OFFICIAL, valid_to__isnull=True
        ).values_list("member_id", "unit_id")
    )
    found = [(m[0], m[1], current.get(m[0], m[2]), m[3], m[4], m[5]) for m in found]
    found.sort(key=lambda m: (probation_end(m[3]), m[0]))
    rows, _ = _member_rows(found, date_to)
    return rows


# ---------------------------------------------------------------------------- structure


SIZE_BUCKETS = (("0-2", 0, 2), ("3-8", 3, 8), ("9-29", 9, 29), ("30+", 30, None))


def structure_check(scope: Unit, on: dt.date) -> StructureCheck:
    """The organizations of a scope that break the Statute's size rules on a date, and the
    cells by number of official members."""
    top = scope_version(scope, on)
    rule = structure_rule_on(on)
    ids = org_ids(scope, on)
    versions = {
        v.unit_id: v
        for chunk in chunks(ids)
        for v in UnitVersion.objects.as_of(on).filter(unit_id__in=chunk)
    }
    counts = _member_counts(ids, on)
    sizes: Counter[str] = Counter()
    problems: list[Problem] = []
    cells = [v for v in versions.values() if v.kind in MEMBER_KINDS]
    for v in cells:
        official = counts.get(v.unit_id, (0, 0))[1]
        for label, low, high in SIZE_BUCKETS:
            if official >= low and (high is None or official <= high):
                sizes[label] += 1
    if rule is not None:
        problems = _size_problems(versions, counts, rule, on)
    return StructureCheck(
        scope=unit_ref(top),
        on=on,
        rule=(rule.basis or rule.code) if rule else "",
        sizes=[Count(b[0], b[0], sizes[b[0]]) for b in SIZE_BUCKETS],
        problems=problems,
    )


def _subtree_counts(
    versions: dict[int, UnitVersion], counts: dict[int, tuple[int, int]]
) -> dict[int, tuple[int, int]]:
    """Per organization: (members, official) of it and everything under it."""
    children: dict[int, list[int]] = defaultdict(list)
    for v in versions.values():
        if v.parent_id in versions:
            children[v.parent_id].append(v.unit_id)
    totals: dict[int, tuple[int, int]] = {}

    def total(uid: int) -> tuple[int, int]:
        if uid not in totals:
            below = [total(c) for c in children[uid]]
            own = counts.get(uid, (0, 0))
            totals[uid] = (own[0] + sum(b[0] for b in below), own[1] + sum(b[1] for b in below))
        return totals[uid]

    for uid in versions:
        total(uid)
    return totals


def _size_problems(
    versions: dict[int, UnitVersion],
    counts: dict[int, tuple[int, int]],
    rule: StructureRule,
    on: dt.date,
) -> list[Problem]:
    totals = {uid: c[0] for uid, c in _subtree_counts(versions, counts).items()}
    big_cells = [
        uid
        for uid, v in versions.items()
        if v.kind in MEMBER_KINDS and counts.get(uid, (0, 0))[1] >= rule.cell_committee_from
    ]
    with_committee = set(
        Holding.objects.as_of(on)
        .filter(unit_id__in=big_cells, post__post_type=PostType.COMMITTEE_MEMBER)
        .values_list("unit_id", flat=True)
    )
    found: list[Problem] = []
    for uid, v in sorted(versions.items(), key=lambda item: item[1].name):
        members, official = counts.get(uid, (0, 0))
        codes = []
        if v.kind in MEMBER_KINDS and official < rule.min_official:
            codes.append("too_few_official")
        if v.kind == K.GRASSROOTS_PARTY_CELL and members >= rule.committee_from:
            codes.append("cell_should_be_committee")
        if v.kind == K.GRASSROOTS_PARTY_COMMITTEE and totals[uid] < rule.committee_from:
            codes.append("committee_too_small")
        if uid in big_cells and uid not in with_committee:
            codes.append("needs_cell_committee")
        for code in codes:
            message = str(STRUCTURE_MESSAGES[code]) % {
                "official": official,
                "members": totals[uid],
                "min": rule.min_official,
                "committee": rule.committee_from,
                "cell_committee": rule.cell_committee_from,
            }
            found.append(Problem(unit_ref(v), code, message, official, totals[uid]))
    return found


# ---------------------------------------------------------------------------- ratings


def rating_counts(scope: Unit, year: int) -> RatingCounts:
    """The annual ratings of a year in a scope, by grade, of members and of organizations."""
    day = dt.date(year, 12, 31)
    top = scope_version(scope, day if version_at(scope, day) else dt.date(year, 1, 1))
    ever = _ever_ids(scope)
    members: Counter[str] = Counter()
    orgs: Counter[str] = Counter()
    first = dt.date(year, 1, 1)
    rated: set[int] = set()
    for chunk in chunks(ever):
        # Members count where they took part officially during the year.
        rated |= set(
            Attachment.objects.filter(kind=AttachmentKind.OFFICIAL, unit_id__in=chunk)
            .overlapping(first, day + dt.timedelta(days=1))
            .values_list("member_id", flat=True)
        )
        orgs.update(
            Rating.objects.filter(year=year, unit_id__in=chunk).values_list("grade", flat=True)
        )
    for chunk in chunks(rated):
        members.update(
            Rating.objects.filter(year=year, member_id__in=chunk).values_list("grade", flat=True)
        )
    return RatingCounts(
        scope=unit_ref(top),
        year=year,
        members=[Count(g, choice_label(Grade, g), members[g]) for g in Grade.values],
        organizations=[Count(g, choice_label(Grade, g), orgs[g]) for g in Grade.values],
    )


# ---------------------------------------------------------------------------- pages


def organization(unit: Unit, on: dt.date) -> Organization:
    """A party organization on a date: its counts, the organizations directly under it, the
    members of it and everything under it (where the user may see them), congresses,
    admissions this year, confirmations due in the next 60 days and the size rules it breaks."""
    version = visible_version(unit, on)
    if version.kind not in PARTY_KINDS:
        raise NotFound(
            problem(
                "not_party_org", "unit", unit=unit_label(unit, on), kind=version.get_kind_display()
            )
        )
    counts = org_counts(unit, on)
    ids = org_ids(unit, on)
    versions = {
        v.unit_id: v
        for chunk in chunks(ids)
        for v in UnitVersion.objects.as_of(on).filter(unit_id__in=chunk)
    }
    below = _subtree_counts(versions, _member_counts(ids, on))
    check = structure_check(unit, on)
    children = [
        ChildOrg(unit_ref(v), *below[v.unit_id])
        for v in sorted(versions.values(), key=lambda v: v.name)
        if v.parent_id == unit.pk
    ]
    own = [
        row
        for chunk in chunks(ids)
        for row in Attachment.objects.filter(_official_attachments(chunk, on)).values_list(
            "member_id",
            "member__person_id",
            "unit_id",
            "member__admitted_on",
            "member__confirmed_on",
            "member__ended_on",
        )
    ]
    members, shown = _member_rows(own, on)
    members.sort(key=lambda m: (m.unit.name, m.person.full_name if m.person else "", m.member_id))
    congresses = [
        CongressRow(c.pk, c.held_on, c.ordinal, c.term.name if c.term else "")
        for c in Congress.objects.filter(unit=unit).select_related("term").order_by("held_on")
    ]
    return Organization(
        unit=unit_ref(version),
        on=on,
        parent=unit_refs([version.parent_id], on).get(version.parent_id)
        if version.parent_id and current_access().covers(version.parent_id)
        else None,
        counts=counts,
        children=children,
        members=members,
        persons_shown=shown,
        congresses=congresses,
        admissions_this_year=admission_count(unit, dt.date(on.year, 1, 1), on),
        due=confirmations_due(unit, on, on + dt.timedelta(days=60)),
        problems=check.problems,
    )


def member_record(ref_: Member | int | str) -> MemberRecord:
    """A member's record: admission, probation, confirmation, where they took part, ratings.
    Needs party details of one of the member's organizations; the read is logged."""
    from .services import member_of

    member = member_of(ref_)
    units = {member.admitted_in_id} | set(
        Attachment.objects.filter(member=member).values_list("unit_id", flat=True)
    )
    party, _, may = _party_rights()
    seen_through = next((u for u in sorted(units) if party is None or u in party), None)
    if not may or seen_through is None:
        raise NotFound(problem("member_not_found", "member", ref=member.pk))
    person = member_persons({member.person_id: seen_through})[member.person_id]
    now = today()
    attachments = list(Attachment.objects.filter(member=member).order_by("valid_from", "id"))
    names = unit_refs(units, now)
    end = min(member.ended_on or now, now)
    party_age = (
        age_in_years(member.admitted_on, end)
        if member.confirmed_on is not None and member.confirmed_on <= end
        else None
    )
    access_record(obj=member, action="read")
    return MemberRecord(
        member_id=member.pk,
        person=person,
        status=member.status_on(now) or Status.PROBATIONARY,
        admitted_on=member.admitted_on,
        admitted_in=names[member.admitted_in_id],
        admission_decision=member.admission_decision,
        considered_on=member.considered_on,
        probation_ends=probation_end(member.admitted_on),
        confirmed_on=member.confirmed_on,
        confirmation_decision=member.confirmation_decision,
        ended_on=member.ended_on,
        end_reason=member.end_reason,
        occupation=member.occupation,
        card_number=member.card_number,
        party_age_years=party_age,
        attachments=[
            AttachmentRow(names[a.unit_id], a.kind, a.valid_from, a.valid_to, a.decision)
            for a in attachments
        ],
        ratings=[
            RatingRow(r.year, r.grade, choice_label(Grade, r.grade), r.score)
            for r in member.ratings.order_by("year")
        ],
        revision=member.revision,
    )


def members_search(scope: Unit, on: dt.date, text: str = "") -> list[MemberRow]:
    """The members counted in a scope on a date whose name matches `text` (without
    diacritics), where the user may see them."""
    scope_version(scope, on)
    ids = org_ids(scope, on)
    found = []
    needle = fold(text)
    for chunk in chunks(ids):
        qs = Attachment.objects.filter(_official_attachments(chunk, on))
        if needle:
            qs = qs.filter(member__person__search_text__contains=needle)
        found += list(
            qs.values_list(
                "member_id",
                "member__person_id",
                "unit_id",
                "member__admitted_on",
                "member__confirmed_on",
                "member__ended_on",
            )
        )
    rows, _ = _member_rows(found, on)
    return sorted(
        (r for r in rows if r.person is not None),
        key=lambda r: (r.person.full_name if r.person else "", r.member_id),
    )


def pipeline(scope: Unit, year: int) -> Pipeline:
    """The admission pipeline of a scope: candidates still open, by stage, and each
    organization's target for the year against the admissions made."""
    day = dt.date(year, 12, 31)
    top = scope_version(scope, day if version_at(scope, day) else dt.date(year, 1, 1))
    ever = _ever_ids(scope)
    open_stages = [Stage.TRAINING, Stage.DOSSIER, Stage.APPRAISED]
    candidates = [
        c
        for chunk in chunks(ever)
        for c in AdmissionCandidate.objects.filter(unit_id__in=chunk, stage__in=open_stages)
    ]
    targets = [
        t
        for chunk in chunks(ever)
        for t in AdmissionTarget.objects.filter(unit_id__in=chunk, year=year)
    ]
    names = unit_refs({c.unit_id for c in candidates} | {t.unit_id for t in targets}, day)
    persons = member_persons({c.person_id: c.unit_id for c in candidates})
    _, _, may = _party_rights()
    target_rows = []
    for t in sorted(targets, key=lambda t: names[t.unit_id].name):
        admitted = admission_count(Unit(pk=t.unit_id), dt.date(year, 1, 1), day)
        target_rows.append(TargetRow(names[t.unit_id], year, t.number, admitted))
    stages = Counter(c.stage for c in candidates)
    return Pipeline(
        scope=unit_ref(top),
        year=year,
        candidates=[
            CandidateRow(c.pk, persons.get(c.person_id), names[c.unit_id], c.stage, c.expected_on)
            for c in sorted(candidates, key=lambda c: (c.expected_on or day, c.pk))
        ],
        by_stage=[Count(s, choice_label(Stage, s), stages[s]) for s in open_stages],
        targets=target_rows,
        target_total=sum(t.target for t in target_rows),
        admitted_total=admission_count(scope, dt.date(year, 1, 1), day),
        persons_shown=may,
    )
