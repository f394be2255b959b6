"""The apparatus at a date, read once for the exports (Popolo JSON, W3C ORG JSON-LD): the
units of a scope (or every unit the user sees), every version of them, their codes, their posts
and the holdings on that date with the holders the user may see, and the party members attached
to its party organizations on that date where the user may see party details."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from tinhgon.accounts.access import current_access, restrict
from tinhgon.accounts.roles import Action
from tinhgon.party.models import Attachment
from tinhgon.people.access import seen
from tinhgon.people.invariants import chunks
from tinhgon.people.models import Holding, Person, Post
from tinhgon.registry.models import Unit, UnitCode, UnitVersion
from tinhgon.registry.queries import codes_at, scope_versions, visible_version


@dataclass
class Apparatus:
    on: dt.date
    scope: Unit | None
    # unit id -> its version on `on`
    current: dict[int, UnitVersion]
    # unit id -> all its versions, in time order
    versions: dict[int, list[UnitVersion]]
    codes: dict[int, list[UnitCode]]
    posts: list[Post]
    holdings: list[Holding]
    persons: dict[int, Person]
    # the persons whose personal fields (date of birth) the user may see
    personal: frozenset[int] = field(default_factory=frozenset)
    # party members' attachments to the party organizations of the apparatus on `on`
    attachments: list[Attachment] = field(default_factory=list)


def _units_on(on: dt.date, scope: Unit | None) -> dict[int, UnitVersion]:
    if scope is None:
        qs = restrict(UnitVersion.objects.as_of(on))
        return {v.unit_id: v for v in qs}
    root = visible_version(scope, on, "scope")
    found = {v.unit_id: v for v in scope_versions(scope, on)}
    found[root.unit_id] = root
    access = current_access()
    return {uid: v for uid, v in found.items() if access.covers(uid)}


def read_apparatus(on: dt.date, scope: Unit | None = None) -> Apparatus:
    """Everything the exports write about the apparatus of `scope` (or all) on `on`."""
    current = _units_on(on, scope)
    ids = sorted(current)
    versions: dict[int, list[UnitVersion]] = defaultdict(list)
    posts: list[Post] = []
    holdings: list[Holding] = []
    for chunk in chunks(ids):
        for version in UnitVersion.objects.filter(unit_id__in=chunk).order_by("valid_from"):
            versions[version.unit_id].append(version)
        posts += Post.objects.as_of(on).filter(unit_id__in=chunk).order_by("unit_id", "id")
    post_ids = [p.pk for p in posts]
    for chunk in chunks(post_ids):
        holdings += Holding.objects.as_of(on).filter(post_id__in=chunk).order_by("id")
    allowed = seen({h.person_id for h in holdings})
    holdings = [h for h in holdings if h.person_id in allowed.persons]
    attachments, members, personal = _attachments(ids, on)
    shown = set(allowed.persons) | members
    persons = {
        p.pk: p
        for chunk in chunks(sorted(shown))
        for p in Person.objects.filter(pk__in=chunk).order_by("pk")
    }
    return Apparatus(
        on=on,
        scope=scope,
        current=current,
        versions=dict(versions),
        codes=codes_at(ids, on),
        posts=posts,
        holdings=holdings,
        persons=persons,
        personal=allowed.personal | personal,
        attachments=attachments,
    )


def _attachments(unit_ids: list[int], on: dt.date) -> tuple[list[Attachment], set[int], set[int]]:
    """The party members attached to `unit_ids` on `on` where the user sees party details
    (party.queries.member_persons's rule): the attachments, their persons, and those of them
    whose personal fields the user may see."""
    access = current_access()
    if not access.may(Action.VIEW_PARTY):
        return [], set(), set()
    party = access.units(Action.VIEW_PARTY)
    personal_units = access.units(Action.VIEW_PERSONAL)
    found: list[Attachment] = []
    for chunk in chunks(unit_ids):
        qs = Attachment.objects.as_of(on).filter(unit_id__in=chunk).select_related("member")
        found += [a for a in qs.order_by("id") if party is None or a.unit_id in party]
    members = {a.member.person_id for a in found}
    personal = {
        a.member.person_id for a in found if personal_units is None or a.unit_id in personal_units
    }
    return found, members, personal


def last_day(valid_to: dt.date | None) -> dt.date | None:
    """The last day of a half-open interval (both exports write inclusive end dates)."""
    return None if valid_to is None else valid_to - dt.timedelta(days=1)
