"""Reads about people and posts. Every question about the state of things takes its date.

Results are plain dataclasses (dates as `datetime.date`), easy to render; `representations`
turns them into JSON-ready data. The reads answer within the acting user's scope
(accounts.access): units outside it are "not found" or left out, persons appear only where the
user may see persons (people.access), and their personal fields (date of birth, ethnicity,
home commune) only where the user may see personal data. A viewer sees counts and places,
never persons.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from tinhgon.accounts.access import current_access, subtree_ever, visible
from tinhgon.core.dates import today
from tinhgon.core.errors import NotFound
from tinhgon.core.idlist import id_list
from tinhgon.core.text import fold
from tinhgon.registry.kinds import UnitKind
from tinhgon.registry.models import Unit, UnitVersion
from tinhgon.registry.queries import ancestors, lineage, version_at

from .access import PersonAccess, person_access, seen, visible_persons
from .counting import reasons, scope_version
from .coverage_snapshots import snapshot_count
from .invariants import chunks, places_of, unit_versions, version_on, versions_on
from .kinds import (
    DEPUTY_TYPES,
    TRACK_BY_KIND,
    DeputyMode,
    Gender,
    Locality,
    Metric,
    PostType,
    Reason,
)
from .labels import (
    end_reason_label,
    locality_label,
    manner_label,
    metric_label,
    policy_label,
    post_label,
    reason_label,
    related_by_label,
)
from .models import (
    CompositionTarget,
    DeputyRule,
    Holding,
    Person,
    Post,
    SuccessionPool,
    Term,
    UnificationPolicy,
)
from .policies import LeadPlace, LeadSpec, PlaceCheck, evaluate, lead_places
from .problems import problem
from .rules import Eligibility, age_on, eligibility, reference_date
from .scope import units_of_kinds
from .services import person_of, post_of, term_of

# ---------------------------------------------------------------------------- result types


@dataclass
class UnitRef:
    id: int
    name: str
    kind: str


@dataclass
class PersonRef:
    """A person as the user may see them. The personal fields are None unless
    `personal_shown`; representations then leave them out."""

    id: int
    full_name: str
    gender: str
    education: str
    revision: int
    personal_shown: bool = False
    birth_date: dt.date | None = None
    ethnicity: str | None = None
    home_commune: UnitRef | None = None


@dataclass
class HolderRow:
    holding_id: int
    person: PersonRef | None  # None: the user sees that the post is held, not by whom
    manner: str
    manner_label: str
    valid_from: dt.date
    valid_to: dt.date | None
    planned: bool


@dataclass
class PostRow:
    post_id: int
    unit: UnitRef
    post_type: str
    function: str
    label: str
    single_holder: bool
    valid_from: dt.date
    valid_to: dt.date | None
    term: str | None
    holders: list[HolderRow]

    @property
    def vacant(self) -> bool:
        return not self.holders


@dataclass
class UnitPosts:
    unit: UnitRef
    on: dt.date
    posts: list[PostRow]
    persons_shown: bool


@dataclass
class Period:
    valid_from: dt.date
    valid_to: dt.date | None


@dataclass
class PostHistory:
    post: PostRow  # its `holders` are every holding, in date order
    vacancies: list[Period]
    persons_shown: bool


@dataclass
class CareerEntry:
    holding_id: int
    post_id: int
    post_type: str
    post_label: str
    unit: UnitRef
    manner: str
    manner_label: str
    valid_from: dt.date
    valid_to: dt.date | None
    planned: bool
    term: str | None
    document: str | None
    end_reason: str
    end_reason_label: str


@dataclass
class Career:
    person: PersonRef
    entries: list[CareerEntry]
    hidden_entries: int  # holdings in units outside the user's scope


@dataclass
class PolicyRow:
    code: str
    name: str
    builtin: bool
    lead_unit_kind: str
    lead_place_kind: str
    lead_post_type: str
    lead_function: str
    lead_label: str
    related_by: str
    related_by_label: str
    related_unit_kind: str
    related_post_type: str
    related_function: str
    related_label: str
    requires_official_member: bool
    basis: str
    status: str
    valid_from: dt.date
    valid_to: dt.date | None
    owner_unit_id: int | None


@dataclass
class PlaceResult:
    """One place of a coverage: the lead unit, where it is, the related units, and whether
    the same person holds both posts. Holders are empty when the user may not see persons."""

    lead_unit: UnitRef
    place: UnitRef | None
    related_units: list[UnitRef]
    complies: bool
    reason: str
    reason_label: str
    lead_post_ids: list[int]
    related_post_ids: list[int]
    lead_holders: list[PersonRef]
    related_holders: list[PersonRef]
    planned: bool


@dataclass
class Coverage:
    policy: PolicyRow
    scope: UnitRef
    on: dt.date
    in_force: bool
    complying: int  # n
    total: int  # N
    rate: float | None  # n / N, None when N = 0
    places: list[PlaceResult]  # complying first, then the exceptions; each by name
    persons_shown: bool

    @property
    def complying_places(self) -> list[PlaceResult]:
        return [p for p in self.places if p.complies]

    @property
    def exceptions(self) -> list[PlaceResult]:
        return [p for p in self.places if not p.complies]


@dataclass
class CoverageCount:
    """The totals of a coverage, without its places."""

    scope: UnitRef
    on: dt.date
    complying: int  # n
    total: int  # N
    rate: float | None


@dataclass
class ScheduledChange:
    day: dt.date
    change: str  # "start" or "end"
    holding_id: int
    post_id: int
    post_label: str
    unit: UnitRef
    person: PersonRef | None
    planned: bool


@dataclass
class Projection:
    """The coverage on a future date from the records already entered, against the coverage
    on the date the projection is made from."""

    coverage: Coverage
    baseline: Coverage
    gained: list[PlaceResult]
    lost: list[PlaceResult]
    relying_on_planned: int  # places of `coverage` whose outcome rests on a planned record
    changes: list[ScheduledChange]


@dataclass
class LocalityRow:
    lead_unit: UnitRef
    place: UnitRef | None
    led_commune: UnitRef | None
    locality: str
    locality_label: str
    holders: list[PersonRef]
    home_communes: list[UnitRef]  # only those the user may see


@dataclass
class NonLocal:
    """Who leads a place without coming from it ("not a local person")."""

    scope: UnitRef
    on: dt.date
    post_type: str
    unit_kind: str
    non_local: int  # n
    total: int  # N: every place, vacant ones included
    rate: float | None
    local: int
    unknown: int
    vacant: int
    rows: list[LocalityRow]
    persons_shown: bool

    @property
    def exceptions(self) -> list[LocalityRow]:
        return [r for r in self.rows if r.locality != Locality.NON_LOCAL]


@dataclass
class UnitCount:
    unit: UnitRef
    count: int


@dataclass
class DeputyCheck:
    rule: str
    basis: str
    status: str
    mode: str
    unit_kind: str
    place_kind: str
    post_type: str
    allowed: float
    units: int
    deputies: int
    average: float | None
    over: list[UnitCount]  # units above a maximum; for an average, every unit with its count
    ok: bool


@dataclass
class TargetCheck:
    metric: str
    metric_label: str
    target: float
    actual: float | None
    ok: bool | None
    target_code: str
    subject: str = ""  # "" for the whole plan, else the pool or person it is about


@dataclass
class CandidateRow:
    candidate_id: int
    person: PersonRef | None
    woman: bool | None
    under_40: bool | None
    minority: bool | None
    age: int | None
    eligibility: Eligibility | None


@dataclass
class PoolReport:
    pool_id: int
    post_id: int
    post_label: str
    unit: UnitRef
    reference_date: dt.date
    candidates: list[CandidateRow]
    checks: list[TargetCheck]


@dataclass
class SuccessionReport:
    term: str
    term_name: str
    scope: UnitRef
    pools: list[PoolReport]
    candidates: int  # distinct persons
    women: int
    under_40: int
    minorities: int
    eligible: int
    checks: list[TargetCheck]
    persons_shown: bool


# ---------------------------------------------------------------------------- helpers


def _rate(n: int, total: int) -> float | None:
    return round(n / total, 4) if total else None


def unit_ref(version: UnitVersion) -> UnitRef:
    return UnitRef(version.unit_id, version.name, version.kind)


def unit_refs(unit_ids: Iterable[int], on: dt.date | None = None) -> dict[int, UnitRef]:
    """Each unit by its name on `on`, or by its last name if it did not exist then."""
    ids = set(unit_ids)
    found: dict[int, UnitRef] = {}
    if on is not None:
        found = {uid: unit_ref(v) for uid, v in versions_on(ids, on).items()}
    rest = ids - found.keys()
    for uid, versions in unit_versions(rest).items():
        found[uid] = unit_ref(versions[-1])
    return found


def person_refs(
    person_ids: Iterable[int], rights: PersonAccess | None = None
) -> dict[int, PersonRef]:
    """The persons of `person_ids` the user may see, with personal fields where allowed."""
    rights = rights or person_access()
    allowed = seen(person_ids, rights)
    if not allowed.persons:
        return {}
    fields = ("pk", "full_name", "gender", "education", "revision")
    personal = ("birth_date", "ethnicity", "home_commune_id")
    persons = Person.objects.filter(pk__in=id_list(allowed.persons)).order_by("pk")
    rows = list(persons.values(*fields, *personal))
    homes = unit_refs(
        row["home_commune_id"]
        for row in rows
        if row["pk"] in allowed.personal and row["home_commune_id"]
    )
    refs = {}
    for row in rows:
        ref = PersonRef(
            id=row["pk"],
            full_name=row["full_name"],
            gender=row["gender"],
            education=row["education"],
            revision=row["revision"],
        )
        if row["pk"] in allowed.personal:
            ref.personal_shown = True
            ref.birth_date = row["birth_date"]
            ref.ethnicity = row["ethnicity"]
            ref.home_commune = homes.get(row["home_commune_id"]) if row["home_commune_id"] else None
        refs[row["pk"]] = ref
    return refs


def _universe(scope: Unit, on: dt.date, kinds: Iterable[str]) -> dict[int, UnitVersion]:
    """The units of `kinds` in the apparatus of `scope` on a date (registry.scope_versions),
    the scope itself included, as far as the user sees."""
    current_access().require_visible(scope.pk, "scope")
    root = version_at(scope, on)
    if root is None:
        from tinhgon.registry.problems import problem as registry_problem
        from tinhgon.registry.queries import unit_label

        raise NotFound(
            registry_problem("unit_not_valid_on", "scope", unit=unit_label(scope), date=on)
        )
    versions = {v.unit_id: v for v in visible(units_of_kinds(root, on, set(kinds)))}
    versions[scope.pk] = root
    return versions


def _term_for(kind: str, on: dt.date, terms: list[Term]) -> Term | None:
    track = TRACK_BY_KIND.get(kind)
    return next((t for t in terms if t.track == track and t.holds_on(on)), None)


# ---------------------------------------------------------------------------- policies


def policy_row(policy: UnificationPolicy) -> PolicyRow:
    return PolicyRow(
        code=policy.code,
        name=policy_label(policy.code, policy.name, policy.builtin),
        builtin=policy.builtin,
        lead_unit_kind=policy.lead_unit_kind,
        lead_place_kind=policy.lead_place_kind,
        lead_post_type=policy.lead_post_type,
        lead_function=policy.lead_function,
        lead_label=post_label(policy.lead_post_type, policy.lead_function),
        related_by=policy.related_by,
        related_by_label=related_by_label(policy.related_by),
        related_unit_kind=policy.related_unit_kind,
        related_post_type=policy.related_post_type,
        related_function=policy.related_function,
        related_label=post_label(policy.related_post_type, policy.related_function),
        requires_official_member=policy.requires_official_member,
        basis=policy.basis,
        status=policy.status,
        valid_from=policy.valid_from,
        valid_to=policy.valid_to,
        owner_unit_id=policy.owner_unit_id,
    )


def _visible_policies() -> list[UnificationPolicy]:
    access = current_access()
    return [
        p
        for p in UnificationPolicy.objects.all()
        if p.owner_unit_id is None or access.covers(p.owner_unit_id)
    ]


def policy_resolve(ref: UnificationPolicy | str) -> UnificationPolicy:
    """A policy by its code (built in, for the whole system, or defined in the user's scope)."""
    if isinstance(ref, UnificationPolicy):
        return ref
    code = str(ref).strip()
    policy = next((p for p in _visible_policies() if p.code == code), None)
    if policy is None:
        raise NotFound(problem("policy_not_found", "policy", ref=code))
    return policy


def policies(on: dt.date | None = None) -> list[PolicyRow]:
    """The unification policies the user may use (valid on `on`, if given): built-ins first."""
    found = [p for p in _visible_policies() if on is None or p.holds_on(on)]
    return [policy_row(p) for p in sorted(found, key=lambda p: (not p.builtin, p.code))]


# ---------------------------------------------------------------------------- coverage


def _place_result(
    check: PlaceCheck, refs: dict[int, PersonRef], labels: dict[str, str]
) -> PlaceResult:
    lead = check.lead
    return PlaceResult(
        lead_unit=unit_ref(lead.unit),
        place=unit_ref(lead.place) if lead.place else None,
        related_units=[unit_ref(u) for u in check.related_units],
        complies=check.complies,
        reason=check.reason,
        reason_label=labels[check.reason],
        lead_post_ids=[s.post.pk for s in lead.seats],
        related_post_ids=[s.post.pk for s in check.related_seats],
        lead_holders=[refs[p] for p in sorted(lead.person_ids) if p in refs],
        related_holders=[refs[p] for p in sorted(check.related_person_ids) if p in refs],
        planned=check.planned,
    )


def coverage(policy: UnificationPolicy | str, scope: Unit, on: dt.date) -> Coverage:
    """How many places of `scope` comply with `policy` on `on` (n of N and the rate), the
    places that comply and those that do not, with the reason."""
    checked = place_checks(policy, scope, on)
    places, persons_shown = place_results(checked.checks)
    places.sort(key=lambda p: (not p.complies, p.lead_unit.name, p.lead_unit.id))
    return Coverage(**checked.figures(), places=places, persons_shown=persons_shown)


@dataclass
class PlaceChecks:
    """A policy checked in a scope on a date: what `coverage` and its page are built from."""

    policy: UnificationPolicy
    scope: UnitVersion
    on: dt.date
    checks: list[PlaceCheck]

    def figures(self) -> dict[str, Any]:
        """The fields of the n of N that `Coverage` and the coverage page share."""
        n = sum(c.complies for c in self.checks)
        return {
            "policy": policy_row(self.policy),
            "scope": unit_ref(self.scope),
            "on": self.on,
            "in_force": self.policy.holds_on(self.on),
            "complying": n,
            "total": len(self.checks),
            "rate": _rate(n, len(self.checks)),
        }


def place_checks(policy: UnificationPolicy | str, scope: Unit, on: dt.date) -> PlaceChecks:
    """Each place of `scope` checked against `policy` on `on`."""
    the_policy = policy_resolve(policy)
    # The places of the lead units are read with them (the villages of the party cells).
    kinds = {the_policy.lead_unit_kind, the_policy.lead_place_kind} - {""}
    universe = _universe(scope, on, kinds)
    return PlaceChecks(the_policy, universe[scope.pk], on, evaluate(the_policy, universe, on))


def place_results(checks: Sequence[PlaceCheck]) -> tuple[list[PlaceResult], bool]:
    """The places of `checks` as shown, their holders named where the user may see persons;
    and whether they may."""
    rights = person_access()
    people = {pid for c in checks for pid in c.lead.person_ids | c.related_person_ids}
    refs = person_refs(people, rights) if rights.sees_persons else {}
    labels = {"": "", **{reason: reason_label(reason) for reason in Reason.values}}
    return [_place_result(c, refs, labels) for c in checks], rights.sees_persons


def coverage_count(
    policy: UnificationPolicy | str, scope: Unit, on: dt.date, *, snapshot: bool = True
) -> CoverageCount:
    """The n of N and rate of `coverage(policy, scope, on)`, equal to them, read set-based
    without building the places (people/counting.py): for figures that show only totals.
    Read from the coverage snapshot of (policy, scope, on) when there is one and the user sees
    every unit (people/coverage_snapshots.py); `snapshot=False` counts live regardless."""
    root = scope_version(scope, on)
    the_policy = policy_resolve(policy)
    counted = snapshot_count(the_policy, scope, on) if snapshot else None
    if counted is None:
        found = reasons(the_policy, scope, on)
        counted = sum(not reason for reason in found.values()), len(found)
    n, total = counted
    return CoverageCount(unit_ref(root), on, n, total, _rate(n, total))


def projection(
    policy: UnificationPolicy | str, scope: Unit, on: dt.date, *, as_of: dt.date | None = None
) -> Projection:
    """The coverage on a future date `on`, computed from the records already entered (planned
    starts, planned ends), compared with the coverage on `as_of` (today by default): which
    places will comply, which will no longer, and the changes recorded in between."""
    start = as_of or today()
    future = coverage(policy, scope, on)
    baseline = coverage(policy, scope, start)
    before = {p.lead_unit.id: p.complies for p in baseline.places}
    gained = [p for p in future.places if p.complies and not before.get(p.lead_unit.id, False)]
    now = {p.lead_unit.id: p.complies for p in future.places}
    lost = [p for p in baseline.places if p.complies and not now.get(p.lead_unit.id, False)]
    post_ids = {
        pid
        for result in (future, baseline)
        for place in result.places
        for pid in place.lead_post_ids + place.related_post_ids
    }
    return Projection(
        coverage=future,
        baseline=baseline,
        gained=gained,
        lost=lost,
        relying_on_planned=sum(p.planned for p in future.places),
        changes=_changes_between(post_ids, start, on),
    )


def _changes_between(post_ids: set[int], start: dt.date, end: dt.date) -> list[ScheduledChange]:
    """Holdings of the posts that start or end in (start, end]."""
    if end < start:
        start, end = end, start
    found: list[Holding] = []
    window = Q(valid_from__gt=start, valid_from__lte=end) | Q(valid_to__gt=start, valid_to__lte=end)
    for chunk in chunks(post_ids):
        found += Holding.objects.filter(window, post_id__in=chunk).select_related("post")
    refs = person_refs({h.person_id for h in found})
    units = unit_refs({h.unit_id for h in found}, end)
    changes = []
    for holding in found:
        post = holding.post
        for change, day in (("start", holding.valid_from), ("end", holding.valid_to)):
            if day is not None and start < day <= end:
                changes.append(
                    ScheduledChange(
                        day=day,
                        change=change,
                        holding_id=holding.pk,
                        post_id=post.pk,
                        post_label=post_label(post.post_type, post.function, post.title),
                        unit=units[holding.unit_id],
                        person=refs.get(holding.person_id),
                        planned=holding.planned,
                    )
                )
    return sorted(changes, key=lambda c: (c.day, c.unit.name, c.holding_id, c.change))


# ---------------------------------------------------------------------------- local persons


def _led_commune(
    place: UnitVersion | None, on: dt.date, parents: dict[int, UnitVersion] | None = None
) -> UnitVersion | None:
    """The commune a place is in: itself, or the commune of a village (from `parents`, the
    versions on `on` read beforehand, when given)."""
    if place is None:
        return None
    if place.kind == UnitKind.COMMUNE:
        return place
    if place.kind == UnitKind.VILLAGE and place.parent_id:
        parent = (
            parents.get(place.parent_id) if parents is not None else version_at(place.parent_id, on)
        )
        return parent if parent is not None and parent.kind == UnitKind.COMMUNE else None
    return None


def _home_equivalents(home_ids: set[int], on: dt.date) -> dict[int, set[int]]:
    """Each home commune with the units it became by `on` (Hòa Lạc ward is part of Trần Phú
    ward from 2024-11-01): a person from a merged commune is local to its successor."""
    alive = versions_on(home_ids, on)
    found = {hid: {hid} for hid in home_ids}
    for hid in home_ids - alive.keys():
        versions = unit_versions([hid]).get(hid, [])
        if not versions or versions[-1].valid_to is None or versions[-1].valid_to > on:
            continue
        last_day = versions[-1].valid_to - dt.timedelta(days=1)
        found[hid] |= {entry.unit_id for entry in lineage(Unit(pk=hid), last_day, on)}
    return found


def non_local(
    scope: Unit,
    on: dt.date,
    *,
    policy: UnificationPolicy | str | None = None,
    post_type: str = PostType.SECRETARY,
    unit_kind: str = UnitKind.GRASSROOTS_PARTY_COMMITTEE,
    place_kind: str = UnitKind.COMMUNE,
    function: str = "",
) -> NonLocal:
    """For each place led by a post (by default the commune party secretary; or the lead post
    of `policy`), whether its holder comes from elsewhere: n of N not local, and the others
    (local, home commune not recorded, vacant)."""
    if policy is not None:
        spec = LeadSpec.of(policy_resolve(policy))
    else:
        spec = LeadSpec(
            unit_kind=unit_kind, post_type=post_type, place_kind=place_kind, function=function
        )
    universe = _universe(scope, on, [spec.unit_kind])
    leads = lead_places(spec, universe, on)
    holders = {pid for lead in leads for pid in lead.person_ids}
    homes: dict[int, int | None] = {
        pid: home
        for chunk in chunks(holders)
        for pid, home in Person.objects.filter(pk__in=chunk).values_list("pk", "home_commune_id")
    }
    equivalents = _home_equivalents({h for h in homes.values() if h}, on)
    rights = person_access()
    refs = person_refs(holders, rights) if rights.sees_persons else {}
    # The villages' communes in one read, not one per village.
    parents = versions_on(
        {lead.place.parent_id for lead in leads if lead.place and lead.place.parent_id}, on
    )
    rows = []
    counts: Counter[str] = Counter()
    for lead in leads:
        led = _led_commune(lead.place, on, parents)
        people = sorted(lead.person_ids)
        locality = _locality(lead, led, people, homes, equivalents, on)
        counts[locality] += 1
        home_refs = [
            home
            for p in people
            if p in refs and refs[p].personal_shown and (home := refs[p].home_commune)
        ]
        rows.append(
            LocalityRow(
                lead_unit=unit_ref(lead.unit),
                place=unit_ref(lead.place) if lead.place else None,
                led_commune=unit_ref(led) if led else None,
                locality=locality,
                locality_label=locality_label(locality),
                holders=[refs[p] for p in people if p in refs],
                home_communes=home_refs,
            )
        )
    total = len(rows)
    return NonLocal(
        scope=unit_ref(universe[scope.pk]),
        on=on,
        post_type=spec.post_type,
        unit_kind=spec.unit_kind,
        non_local=counts[Locality.NON_LOCAL],
        total=total,
        rate=_rate(counts[Locality.NON_LOCAL], total),
        local=counts[Locality.LOCAL],
        unknown=counts[Locality.UNKNOWN],
        vacant=counts[Locality.VACANT],
        rows=sorted(rows, key=lambda r: (r.locality == Locality.NON_LOCAL, r.lead_unit.name)),
        persons_shown=rights.sees_persons,
    )


def _locality(
    lead: LeadPlace,
    led: UnitVersion | None,
    people: list[int],
    homes: dict[int, int | None],
    equivalents: dict[int, set[int]],
    on: dt.date,
) -> str:
    if not people:
        return Locality.VACANT
    known = [homes.get(p) for p in people]
    if any(h is None for h in known):
        return Locality.UNKNOWN
    area = led or lead.place
    if area is None:
        return Locality.UNKNOWN
    for home in known:
        same = equivalents.get(home, {home})  # type: ignore[arg-type]
        if area.unit_id in same:
            return Locality.LOCAL
        if area.kind in (UnitKind.DISTRICT, UnitKind.PROVINCE):
            above = {v.unit_id for h in same for v in ancestors(h, on)}
            if area.unit_id in above:
                return Locality.LOCAL
    return Locality.NON_LOCAL


# ---------------------------------------------------------------------------- posts and careers


def _holder_rows(holdings: Iterable[Holding], refs: dict[int, PersonRef]) -> list[HolderRow]:
    return [
        HolderRow(
            holding_id=h.pk,
            person=refs.get(h.person_id),
            manner=h.manner,
            manner_label=manner_label(h.manner),
            valid_from=h.valid_from,
            valid_to=h.valid_to,
            planned=h.planned,
        )
        for h in holdings
    ]


def _post_row(post: Post, unit: UnitRef, term: Term | None, holders: list[HolderRow]) -> PostRow:
    return PostRow(
        post_id=post.pk,
        unit=unit,
        post_type=post.post_type,
        function=post.function,
        label=post_label(post.post_type, post.function, post.title),
        single_holder=post.single_holder,
        valid_from=post.valid_from,
        valid_to=post.valid_to,
        term=term.name if term else None,
        holders=holders,
    )


POST_ORDER = {value: index for index, value in enumerate(PostType.values)}


def unit_posts(unit: Unit, on: dt.date) -> UnitPosts:
    """The posts of a unit on a date, each with who holds it then (empty: vacant)."""
    current_access().require_visible(unit.pk)
    version = version_at(unit, on)
    if version is None:
        from tinhgon.registry.problems import problem as registry_problem
        from tinhgon.registry.queries import unit_label

        raise NotFound(
            registry_problem("unit_not_valid_on", "unit", unit=unit_label(unit), date=on)
        )
    posts = sorted(
        Post.objects.as_of(on).filter(unit=unit),
        key=lambda p: (POST_ORDER.get(p.post_type, 99), p.function, p.pk),
    )
    holdings: dict[int, list[Holding]] = defaultdict(list)
    for holding in Holding.objects.as_of(on).filter(post__in=posts).order_by("valid_from", "id"):
        holdings[holding.post_id].append(holding)
    rights = person_access()
    refs = person_refs({h.person_id for hs in holdings.values() for h in hs}, rights)
    terms = list(Term.objects.all())
    ref = unit_ref(version)
    return UnitPosts(
        unit=ref,
        on=on,
        posts=[
            _post_row(
                p, ref, _term_for(version.kind, on, terms), _holder_rows(holdings[p.pk], refs)
            )
            for p in posts
        ],
        persons_shown=rights.sees_persons,
    )


def post_history(post: Post | int) -> PostHistory:
    """Every holder of a post, in date order, and the periods it was vacant within its dates
    (up to today for a post still open: an open vacancy has no end)."""
    the_post = post_of(post)
    holdings = list(the_post.holdings.order_by("valid_from", "id"))
    rights = person_access()
    refs = person_refs({h.person_id for h in holdings}, rights)
    unit = unit_refs([the_post.unit_id], the_post.valid_from)[the_post.unit_id]
    vacancies: list[Period] = []
    day = the_post.valid_from
    end = the_post.valid_to
    for holding in holdings:
        if end is not None and day >= end:
            break
        if holding.valid_from > day:
            vacancies.append(
                Period(day, min(holding.valid_from, end) if end else holding.valid_from)
            )
        if holding.valid_to is None:
            day = dt.date.max
            break
        day = max(day, holding.valid_to)
    if day != dt.date.max and (end is None or day < end):
        vacancies.append(Period(day, end))
    return PostHistory(
        post=_post_row(the_post, unit, None, _holder_rows(holdings, refs)),
        vacancies=vacancies,
        persons_shown=rights.sees_persons,
    )


def person_resolve(ref: Person | int | str) -> Person:
    """A person by id ("12", "id:12", "#12"), if the user may see them."""
    return person_of(ref)


def person_detail(ref: Person | int | str) -> PersonRef:
    """A person as the user may see them, with the revision an edit form must send back."""
    person = person_of(ref)
    return person_refs([person.pk])[person.pk]


def persons_search(text: str, limit: int = 50) -> list[PersonRef]:
    """Persons whose name contains `text`, with or without diacritics, that the user may see."""
    needle = fold(text)
    if not needle:
        return []
    ids = list(
        visible_persons(Person.objects.filter(search_text__contains=needle))
        .order_by("search_text", "id")
        .values_list("pk", flat=True)[:limit]
    )
    refs = person_refs(ids)
    return [refs[i] for i in ids if i in refs]


def career(person: Person | int | str) -> Career:
    """Every post a person held or holds, in date order, with the unit's name at the time.
    Holdings in units outside the user's scope are counted, not shown."""
    the_person = person_of(person)
    holdings = list(
        Holding.objects.filter(person=the_person)
        .select_related("post", "term", "document")
        .order_by("valid_from", "id")
    )
    access = current_access()
    shown = [h for h in holdings if access.covers(h.unit_id)]
    versions = unit_versions({h.unit_id for h in shown})
    entries = []
    for holding in shown:
        unit_versions_ = versions.get(holding.unit_id, [])
        version = version_on(unit_versions_, holding.valid_from) or (
            unit_versions_[-1] if unit_versions_ else None
        )
        post = holding.post
        entries.append(
            CareerEntry(
                holding_id=holding.pk,
                post_id=post.pk,
                post_type=post.post_type,
                post_label=post_label(post.post_type, post.function, post.title),
                unit=unit_ref(version) if version else UnitRef(holding.unit_id, "", ""),
                manner=holding.manner,
                manner_label=manner_label(holding.manner),
                valid_from=holding.valid_from,
                valid_to=holding.valid_to,
                planned=holding.planned,
                term=holding.term.name if holding.term else None,
                document=holding.document.number if holding.document else None,
                end_reason=holding.end_reason,
                end_reason_label=end_reason_label(holding.end_reason),
            )
        )
    return Career(
        person=person_refs([the_person.pk])[the_person.pk],
        entries=entries,
        hidden_entries=len(holdings) - len(shown),
    )


# ---------------------------------------------------------------------------- deputies


def deputy_check(scope: Unit, on: dt.date) -> list[DeputyCheck]:
    """The deputy rules in force on `on` (rules.md §6) against the deputies of `scope`'s units:
    each unit against a maximum, or the average over the units against an average."""
    rules = [r for r in DeputyRule.objects.all() if r.holds_on(on)]
    kinds = {r.unit_kind for r in rules}
    universe = _universe(scope, on, kinds)
    if not rules:
        return []
    candidates = [v for v in universe.values() if v.kind in kinds]
    places = places_of([v.unit_id for v in candidates], on, known=universe)
    counts: dict[tuple[int, str], set[int]] = defaultdict(set)
    for chunk in chunks(v.unit_id for v in candidates):
        rows = (
            Holding.objects.as_of(on)
            .filter(unit_id__in=chunk, post__post_type__in=DEPUTY_TYPES)
            .values_list("unit_id", "post__post_type", "person_id")
        )
        for unit_id, post_type, person_id in rows:
            counts[(unit_id, post_type)].add(person_id)
    results = []
    for rule in sorted(rules, key=lambda r: r.code):
        units = [
            v
            for v in candidates
            if v.kind == rule.unit_kind
            and (
                not rule.place_kind or ((p := places.get(v.unit_id)) and p.kind == rule.place_kind)
            )
        ]
        per_unit = [UnitCount(unit_ref(v), len(counts[(v.unit_id, rule.post_type)])) for v in units]
        total = sum(u.count for u in per_unit)
        average = round(total / len(units), 2) if units else None
        allowed = float(rule.number)
        if rule.mode == DeputyMode.MAXIMUM:
            over = [u for u in per_unit if u.count > allowed]
            ok = not over
        else:
            over = sorted(per_unit, key=lambda u: (-u.count, u.unit.name))
            ok = average is None or average <= allowed
        results.append(
            DeputyCheck(
                rule=rule.code,
                basis=rule.basis,
                status=rule.status,
                mode=rule.mode,
                unit_kind=rule.unit_kind,
                place_kind=rule.place_kind,
                post_type=rule.post_type,
                allowed=allowed,
                units=len(units),
                deputies=total,
                average=average,
                over=over,
                ok=ok,
            )
        )
    return results


# ---------------------------------------------------------------------------- succession planning


def _targets(term: Term) -> dict[str, CompositionTarget]:
    """The target of each metric for a term: one written for the term before a general one."""
    found: dict[str, CompositionTarget] = {}
    rows = [
        t
        for t in CompositionTarget.objects.filter(Q(term=term) | Q(term__isnull=True))
        if t.holds_on(term.valid_from)
    ]
    for target in sorted(rows, key=lambda t: (t.term_id is None, t.code)):
        found.setdefault(target.metric, target)
    return found


def _share_check(
    metric: str, targets: dict[str, CompositionTarget], count: int, total: int
) -> TargetCheck | None:
    target = targets.get(metric)
    if target is None:
        return None
    actual = _rate(count, total)
    return TargetCheck(
        metric=metric,
        metric_label=metric_label(metric),
        target=float(target.value),
        actual=actual,
        ok=None if actual is None else actual >= float(target.value),
        target_code=target.code,
    )


def succession(term: Term | str, scope: Unit) -> SuccessionReport:
    """The succession plan of a term within `scope`: each pool of candidates (per post) with
    its candidates' eligibility by age at the term's reference date, and the composition
    targets checked (number per post, shares of women, under-40s and ethnic minorities,
    posts per person)."""
    the_term = term_of(term)
    access = current_access()
    access.require_visible(scope.pk, "scope")
    units = subtree_ever([scope.pk])
    pools = [
        p
        for p in SuccessionPool.objects.filter(term=the_term)
        .select_related("post")
        .prefetch_related("candidates")
        .order_by("unit_id", "post_id")
        if p.unit_id in units and access.covers(p.unit_id)
    ]
    targets = _targets(the_term)
    person_ids = {c.person_id for p in pools for c in p.candidates.all()}
    persons = {p.pk: p for p in Person.objects.filter(pk__in=person_ids)}
    rights = person_access()
    refs = person_refs(person_ids, rights) if rights.sees_persons else {}
    unit_names = unit_refs({p.unit_id for p in pools}, the_term.valid_from)
    kinds = {uid: vs[-1] for uid, vs in unit_versions({p.unit_id for p in pools}).items() if vs}
    place_kinds = {
        uid: (pl.kind if pl else None)
        for uid, pl in places_of(
            kinds,
            the_term.valid_from,
            known={uid: v for uid, v in kinds.items() if v.holds_on(the_term.valid_from)},
        ).items()
    }
    flags: dict[int, tuple[bool, bool | None, bool | None]] = {}
    eligible: set[int] = set()
    reports = []
    for pool in pools:
        kind = kinds[pool.unit_id].kind if pool.unit_id in kinds else ""
        ref_day = reference_date(the_term, kind, place_kinds.get(pool.unit_id))
        rows = []
        for candidate in pool.candidates.all():
            person = persons[candidate.person_id]
            woman = person.gender == Gender.FEMALE
            age = age_on(person.birth_date, ref_day) if person.birth_date else None
            under_40 = None if age is None else age < 40
            minority = None if not person.ethnicity else person.is_minority
            flags[person.pk] = (woman, under_40, minority)
            check = eligibility(person, pool.post, the_term, kind, place_kinds.get(pool.unit_id))
            if check.eligible:
                eligible.add(person.pk)
            ref = refs.get(person.pk)
            personal = ref is not None and ref.personal_shown
            rows.append(
                CandidateRow(
                    candidate_id=candidate.pk,
                    person=ref,
                    woman=woman if ref is not None else None,
                    under_40=under_40 if personal else None,
                    minority=minority if personal else None,
                    age=age if personal else None,
                    eligibility=check if personal else None,
                )
            )
        checks = []
        label = post_label(pool.post.post_type, pool.post.function, pool.post.title)
        for metric, passes in (
            (Metric.MIN_PER_POST, lambda n, t: n >= t),
            (Metric.MAX_PER_POST, lambda n, t: n <= t),
        ):
            target = targets.get(metric)
            if target is not None:
                checks.append(
                    TargetCheck(
                        metric=metric,
                        metric_label=metric_label(metric),
                        target=float(target.value),
                        actual=float(len(rows)),
                        ok=passes(len(rows), float(target.value)),
                        target_code=target.code,
                        subject=label,
                    )
                )
        reports.append(
            PoolReport(
                pool_id=pool.pk,
                post_id=pool.post_id,
                post_label=label,
                unit=unit_names[pool.unit_id],
                reference_date=ref_day,
                candidates=rows,
                checks=checks,
            )
        )
    total = len(flags)
    women = sum(1 for w, _, _ in flags.values() if w)
    young = sum(1 for _, y, _ in flags.values() if y)
    minorities = sum(1 for _, _, m in flags.values() if m)
    overall = [
        c
        for c in (
            _share_check(Metric.WOMEN_SHARE, targets, women, total),
            _share_check(Metric.UNDER_40_SHARE, targets, young, total),
            _share_check(Metric.MINORITY_SHARE, targets, minorities, total),
        )
        if c is not None
    ]
    most = targets.get(Metric.MAX_POSTS_PER_PERSON)
    if most is not None:
        per_person = Counter(c.person_id for p in pools for c in p.candidates.all())
        for pid, count in sorted(per_person.items()):
            if count > float(most.value):
                overall.append(
                    TargetCheck(
                        metric=Metric.MAX_POSTS_PER_PERSON,
                        metric_label=metric_label(Metric.MAX_POSTS_PER_PERSON),
                        target=float(most.value),
                        actual=float(count),
                        ok=False,
                        target_code=most.code,
                        subject=refs[pid].full_name if pid in refs else "",
                    )
                )
    return SuccessionReport(
        term=the_term.code,
        term_name=the_term.name,
        scope=unit_refs([scope.pk], the_term.valid_from)[scope.pk],
        pools=reports,
        candidates=total,
        women=women,
        under_40=young,
        minorities=minorities,
        eligible=len(eligible),
        checks=overall,
        persons_shown=rights.sees_persons,
    )


def terms() -> list[Term]:
    return list(Term.objects.order_by("track", "valid_from"))


def post_term(post: Post | int, on: dt.date) -> Term | None:
    """The term a post is in on a date (by the track of its unit's kind then)."""
    the_post = post_of(post)
    version = version_at(the_post.unit_id, on)
    if version is None:
        return None
    return _term_for(version.kind, on, terms())
