"""Post-unification policies at work: how a policy finds its places in an apparatus on a date,
the related post of each, who holds both, and why a place does not comply.

A policy's places are the units of its lead kind (located in a place of its lead place kind,
if it names one) — each party cell of a village, each commune party committee. With a lead
function (the mass-mobilization board's head), only the units with a lead post of that
function are places. The related post is looked for, from each lead unit:

- `same_unit`: in the lead unit itself;
- `territory`: in the lead unit's territory (the village of a party cell);
- `same_place`: in the units of the related kind located in the same place (the People's
  Committee of the commune a commune party committee belongs to).

A place complies when a holder of the lead post also holds the related post on the date.
Everything is read set-based: a handful of queries whatever the number of places.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from tinhgon.core.idlist import id_list
from tinhgon.registry.models import UnitVersion

from .invariants import place_members, places_of, versions_on
from .kinds import Reason, RelatedBy
from .membership import not_official_members
from .models import Holding, Post, UnificationPolicy


@dataclass(frozen=True)
class LeadSpec:
    """The lead side of a policy (or of a "local person" question)."""

    unit_kind: str
    post_type: str
    place_kind: str = ""
    function: str = ""

    @classmethod
    def of(cls, policy: UnificationPolicy) -> LeadSpec:
        return cls(
            unit_kind=policy.lead_unit_kind,
            post_type=policy.lead_post_type,
            place_kind=policy.lead_place_kind,
            function=policy.lead_function,
        )


@dataclass(frozen=True)
class SeatPost:
    """What a coverage needs of a post (read as plain values, not model instances)."""

    pk: int
    unit_id: int


@dataclass(frozen=True)
class SeatHolding:
    pk: int
    person_id: int
    planned: bool


@dataclass
class Seat:
    """A post and its holdings on the date."""

    post: SeatPost
    holdings: list[SeatHolding] = field(default_factory=list)

    @cached_property
    def person_ids(self) -> set[int]:
        return {h.person_id for h in self.holdings}


@dataclass
class LeadPlace:
    unit: UnitVersion
    place: UnitVersion | None
    seats: list[Seat]

    @cached_property
    def person_ids(self) -> set[int]:
        return {pid for seat in self.seats for pid in seat.person_ids}


@dataclass
class PlaceCheck:
    lead: LeadPlace
    related_units: list[UnitVersion]
    related_seats: list[Seat]
    complies: bool
    reason: str
    planned: bool

    @cached_property
    def related_person_ids(self) -> set[int]:
        return {pid for seat in self.related_seats for pid in seat.person_ids}


def posts_on(
    unit_ids: Iterable[int], on: dt.date, post_type: str, function: str | None = None
) -> dict[int, list[SeatPost]]:
    """The posts of a type (and function, if given) valid on a date in each unit."""
    found: dict[int, list[SeatPost]] = defaultdict(list)
    ids = set(unit_ids)
    if not ids:
        return found
    qs = Post.objects.as_of(on).filter(unit_id__in=id_list(ids), post_type=post_type)
    if function is not None:
        qs = qs.filter(function=function)
    for pk, unit_id in qs.order_by("id").values_list("pk", "unit_id"):
        found[unit_id].append(SeatPost(pk, unit_id))
    return found


def holdings_on(post_ids: Iterable[int], on: dt.date) -> dict[int, list[SeatHolding]]:
    found: dict[int, list[SeatHolding]] = defaultdict(list)
    ids = set(post_ids)
    if not ids:
        return found
    rows = (
        Holding.objects.as_of(on)
        .filter(post_id__in=id_list(ids))
        .order_by("id")
        .values_list("pk", "post_id", "person_id", "planned")
    )
    for pk, post_id, person_id, planned in rows:
        found[post_id].append(SeatHolding(pk, person_id, planned))
    return found


def lead_places(spec: LeadSpec, universe: dict[int, UnitVersion], on: dt.date) -> list[LeadPlace]:
    """The places of `spec` among the units of `universe` (versions valid on `on`)."""
    leads = [v for v in universe.values() if v.kind == spec.unit_kind]
    places = places_of([v.unit_id for v in leads], on, known=universe)
    if spec.place_kind:
        leads = [
            v
            for v in leads
            if (place := places.get(v.unit_id)) is not None and place.kind == spec.place_kind
        ]
    posts = posts_on([v.unit_id for v in leads], on, spec.post_type, spec.function)
    if spec.function:
        leads = [v for v in leads if posts.get(v.unit_id)]
    holdings = holdings_on([p.pk for ps in posts.values() for p in ps], on)
    return [
        LeadPlace(
            unit=v,
            place=places.get(v.unit_id),
            seats=[Seat(p, holdings.get(p.pk, [])) for p in posts.get(v.unit_id, [])],
        )
        for v in sorted(leads, key=lambda v: (v.name, v.unit_id))
    ]


def _related_units(
    policy: UnificationPolicy, leads: list[LeadPlace], universe: dict[int, UnitVersion], on: dt.date
) -> dict[int, list[UnitVersion]]:
    """Lead unit id → the units where its related post is looked for."""
    found: dict[int, list[UnitVersion]] = {}
    kind = policy.related_unit_kind
    if policy.related_by == RelatedBy.SAME_UNIT:
        return {lead.unit.unit_id: [lead.unit] for lead in leads}
    if policy.related_by == RelatedBy.TERRITORY:
        wanted = {lead.unit.territory_id for lead in leads if lead.unit.territory_id}
        # A lead unit's place is usually its territory, already read.
        known = {**universe, **{lead.place.unit_id: lead.place for lead in leads if lead.place}}
        versions = {uid: known[uid] for uid in wanted if uid in known}
        versions.update(versions_on(wanted - versions.keys(), on))
        for lead in leads:
            territory = versions.get(lead.unit.territory_id)  # type: ignore[arg-type]
            found[lead.unit.unit_id] = (
                [territory]
                if territory is not None and (not kind or territory.kind == kind)
                else []
            )
        return found
    members = place_members({lead.place.unit_id for lead in leads if lead.place}, on)
    by_place: dict[int, list[UnitVersion]] = defaultdict(list)
    for version in members.values():
        if version.kind == kind:
            by_place[version.place_id].append(version)  # type: ignore[attr-defined]
    for lead in leads:
        units = by_place.get(lead.place.unit_id, []) if lead.place else []
        found[lead.unit.unit_id] = [u for u in units if u.unit_id != lead.unit.unit_id]
    return found


def evaluate(
    policy: UnificationPolicy, universe: dict[int, UnitVersion], on: dt.date
) -> list[PlaceCheck]:
    """Each place of `policy` in `universe` on `on`, complying or not, with the reason."""
    leads = lead_places(LeadSpec.of(policy), universe, on)
    related_units = _related_units(policy, leads, universe, on)
    related_posts = posts_on(
        {u.unit_id for units in related_units.values() for u in units},
        on,
        policy.related_post_type,
        policy.related_function,
    )
    related_holdings = holdings_on([p.pk for ps in related_posts.values() for p in ps], on)
    not_official: set[int] = set()
    if policy.requires_official_member:
        not_official = not_official_members({pid for lead in leads for pid in lead.person_ids}, on)
    checks = []
    for lead in leads:
        units = related_units.get(lead.unit.unit_id, [])
        seats = [
            Seat(post, related_holdings.get(post.pk, []))
            for unit in units
            for post in related_posts.get(unit.unit_id, [])
        ]
        leaders = lead.person_ids
        related = {pid for seat in seats for pid in seat.person_ids}
        both = leaders & related
        reason: str
        if not lead.seats:
            reason = Reason.LEAD_POST_MISSING
        elif not leaders:
            reason = Reason.LEAD_VACANT
        elif not seats:
            reason = Reason.RELATED_MISSING
        elif not related:
            reason = Reason.RELATED_VACANT
        elif not both:
            reason = Reason.DIFFERENT_HOLDERS
        elif both <= not_official:
            reason = Reason.NOT_OFFICIAL_MEMBER
        else:
            reason = ""
        used = [h for seat in lead.seats + seats for h in seat.holdings]
        checks.append(
            PlaceCheck(
                lead=lead,
                related_units=units,
                related_seats=seats,
                complies=not reason,
                reason=reason,
                planned=any(h.planned for h in used),
            )
        )
    return checks
