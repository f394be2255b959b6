"""How many places comply with a unification policy (n of N and the rate), without building
the places: for figures and indicators that show only the totals (issue 11, benchmark 4).

It follows `policies.evaluate` rule for rule (the places of the lead kind in the scope's
apparatus, their place by territory or parent, the related units by the policy's `related_by`,
the reason of each), but reads plain rows: ids, kinds and holders, a few statements per step
whatever the number of places, and no model instances except for `same_place`, which reuses
`invariants.place_members`. `reasons()` gives each place's reason (`queries.coverage_count`
counts them), which the tests compare with `coverage()` place by place.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from tinhgon.accounts.access import current_access
from tinhgon.core.errors import NotFound
from tinhgon.core.idlist import id_list
from tinhgon.registry.models import Unit, UnitVersion
from tinhgon.registry.problems import problem as registry_problem
from tinhgon.registry.queries import unit_label, version_at

from .invariants import place_members
from .kinds import PLACE_KINDS, Reason, RelatedBy
from .membership import not_official_members
from .models import Holding, Post, UnificationPolicy
from .scope import apparatus

# A unit as read here: (kind, territory id, parent id).
Row = tuple[str, int | None, int | None]


def _rows(unit_ids: Iterable[int], on: dt.date) -> dict[int, Row]:
    ids = set(unit_ids)
    if not ids:
        return {}
    rows = UnitVersion.objects.as_of(on).filter(unit_id__in=id_list(ids))
    return {
        uid: (kind, territory, parent)
        for uid, kind, territory, parent in rows.values_list(
            "unit_id", "kind", "territory_id", "parent_id"
        )
    }


def _places(leads: dict[int, Row], on: dt.date) -> tuple[dict[int, int | None], dict[int, Row]]:
    """Each lead's place (`invariants.places_of`: the unit itself if it is a place, else the
    place of its territory, else of its parent) as a unit id, read level by level; and every
    unit row read on the way."""
    known = dict(leads)
    result: dict[int, int | None] = {}
    pending = {uid: uid for uid in leads}
    for _ in range(20):  # as deep as places_of looks
        known.update(_rows({c for c in pending.values() if c not in known}, on))
        following: dict[int, int] = {}
        for uid, cursor in pending.items():
            row = known.get(cursor)
            if row is None:
                result[uid] = None
            elif row[0] in PLACE_KINDS:
                result[uid] = cursor
            elif row[1] or row[2]:
                following[uid] = row[1] or row[2]  # type: ignore[assignment]
            else:
                result[uid] = None
        pending = following
        if not pending:
            break
    result.update(dict.fromkeys(pending))
    return result, known


def _holders(
    unit_ids: Iterable[int], on: dt.date, post_type: str, function: str
) -> tuple[set[int], dict[int, set[int]]]:
    """The units with a post of the type and function on the date, and each unit's holders."""
    holders: dict[int, set[int]] = defaultdict(set)
    posts = Post.objects.as_of(on).filter(
        unit_id__in=id_list(unit_ids), post_type=post_type, function=function
    )
    with_post = set(posts.values_list("unit_id", flat=True))
    if with_post:
        held = Holding.objects.as_of(on).filter(post__in=posts)
        for unit_id, person_id in held.values_list("post__unit_id", "person_id"):
            holders[unit_id].add(person_id)
    return with_post, holders


def _related_units(
    policy: UnificationPolicy,
    places: dict[int, int | None],
    known: dict[int, Row],
    on: dt.date,
) -> dict[int, list[int]]:
    """Lead unit id → the units where its related post is looked for (`policies`)."""
    kind = policy.related_unit_kind
    if policy.related_by == RelatedBy.SAME_UNIT:
        return {lead: [lead] for lead in places}
    if policy.related_by == RelatedBy.TERRITORY:
        territories = {lead: known[lead][1] for lead in places}
        known.update(_rows({t for t in territories.values() if t and t not in known}, on))
        return {
            lead: [t] if t and t in known and (not kind or known[t][0] == kind) else []
            for lead, t in territories.items()
        }
    members = place_members({p for p in places.values() if p is not None}, on)
    by_place: dict[int, list[int]] = defaultdict(list)
    for version in members.values():
        if version.kind == kind:
            by_place[version.place_id].append(version.unit_id)  # type: ignore[attr-defined]
    return {
        lead: [u for u in by_place.get(place, []) if u != lead] if place is not None else []
        for lead, place in places.items()
    }


def _reason(
    has_post: bool, leaders: set[int], has_related: bool, related: set[int], not_official: set[int]
) -> str:
    both = leaders & related
    if not has_post:
        return Reason.LEAD_POST_MISSING
    if not leaders:
        return Reason.LEAD_VACANT
    if not has_related:
        return Reason.RELATED_MISSING
    if not related:
        return Reason.RELATED_VACANT
    if not both:
        return Reason.DIFFERENT_HOLDERS
    if both <= not_official:
        return Reason.NOT_OFFICIAL_MEMBER
    return ""


def scope_version(scope: Unit, on: dt.date) -> UnitVersion:
    """The scope's version on the date; refused as `coverage` refuses: a scope outside the
    user's, or not valid on the date."""
    current_access().require_visible(scope.pk, "scope")
    version = version_at(scope, on)
    if version is None:
        raise NotFound(
            registry_problem("unit_not_valid_on", "scope", unit=unit_label(scope), date=on)
        )
    return version


def lead_rows(policy: UnificationPolicy, scope: Unit, on: dt.date) -> dict[int, Row]:
    """The units of the policy's lead kind in the apparatus of `scope` on `on`, all of them."""
    units = UnitVersion.objects.as_of(on).filter(
        kind=policy.lead_unit_kind, unit_id__in=apparatus(scope.pk, on)
    )
    return {
        uid: (kind, territory, parent)
        for uid, kind, territory, parent in units.values_list(
            "unit_id", "kind", "territory_id", "parent_id"
        )
    }


def reasons(policy: UnificationPolicy, scope: Unit, on: dt.date) -> dict[int, str]:
    """Each place of `policy` in the apparatus of `scope` on `on` the user sees, by its lead
    unit's id: "" when it complies, else the reason (as `coverage` gives it)."""
    scope_version(scope, on)
    leads = lead_rows(policy, scope, on)
    seen = current_access().units("view")
    if seen is not None:
        leads = {uid: row for uid, row in leads.items() if uid in seen or uid == scope.pk}
    return {lead: reason for lead, (_, reason) in lead_reasons(policy, leads, on).items()}


def lead_reasons(
    policy: UnificationPolicy, leads: dict[int, Row], on: dt.date
) -> dict[int, tuple[int | None, str]]:
    """The core of `reasons` for the lead units given: those of them that are places of the
    policy, each with its place's unit id and its reason. A coverage snapshot calls it with
    only the leads a change may have touched."""
    places, known = _places(leads, on)
    if policy.lead_place_kind:
        places = {
            lead: place
            for lead, place in places.items()
            if place is not None and known[place][0] == policy.lead_place_kind
        }
    with_post, leaders = _holders(places, on, policy.lead_post_type, policy.lead_function)
    if policy.lead_function:
        places = {lead: place for lead, place in places.items() if lead in with_post}
    related_units = _related_units(policy, places, known, on)
    with_related, related = _holders(
        {u for units in related_units.values() for u in units},
        on,
        policy.related_post_type,
        policy.related_function,
    )
    not_official: set[int] = set()
    if policy.requires_official_member:
        not_official = not_official_members({p for lead in places for p in leaders[lead]}, on)
    found = {}
    for lead, place in places.items():
        units_there = related_units.get(lead, [])
        found[lead] = (
            place,
            _reason(
                lead in with_post,
                leaders.get(lead, set()),
                any(u in with_related for u in units_there),
                {p for u in units_there for p in related.get(u, ())},
                not_official,
            ),
        )
    return found


def unit_places(unit_ids: Iterable[int], on: dt.date) -> dict[int, int | None]:
    """Each unit's place on `on` (as a lead's, by `_places`); units not valid then are left out."""
    return _places(_rows(unit_ids, on), on)[0]
