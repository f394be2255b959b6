"""The apparatus at a date as Popolo JSON (https://www.popoloproject.com): organizations with
their dated parents, posts, persons and memberships (the holdings of posts on that date).

What the acting user may not see is left out: units outside their scope, persons they may not
see, dates of birth where they may not see personal fields. Dates are YYYY-MM-DD; end dates
(`end_date`, `dissolution_date`) are the last day something held, both ends included.

tinhgon's own profile (schemas/tinhgon-popolo-profile.json) adds `parent_history` to each
organization: its parent over the periods of its versions, and `territory_id`: the
administrative unit an organization belongs to (a commune's party committee sits under the
city's, but belongs to the commune). Party members' attachments to the
party organizations are memberships with the role `party_member` and no post, written only where
the user may see party details.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext

from tinhgon.party.models import Attachment
from tinhgon.people.labels import post_label
from tinhgon.people.models import Holding, Person, Post
from tinhgon.registry.models import Unit, UnitVersion

from .apparatus import Apparatus, last_day, read_apparatus

GENERATOR = "tinhgon"


def unit_id(pk: int | None) -> str | None:
    return None if pk is None else f"unit/{pk}"


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _period(start: dt.date, valid_to: dt.date | None) -> dict[str, str]:
    found = {"start_date": start.isoformat()}
    end = last_day(valid_to)
    if end is not None:
        found["end_date"] = end.isoformat()
    return found


def _runs(versions: list[UnitVersion], key: str) -> Iterator[tuple[Any, dt.date, dt.date | None]]:
    """Consecutive versions with the same value of `key`, merged: (value, from, to)."""
    run: list[Any] | None = None
    for version in versions:
        value = getattr(version, key)
        if run is not None and run[0] == value and run[2] == version.valid_from:
            run[2] = version.valid_to
            continue
        if run is not None:
            yield run[0], run[1], run[2]
        run = [value, version.valid_from, version.valid_to]
    if run is not None:
        yield run[0], run[1], run[2]


def organization(apparatus: Apparatus, uid: int) -> dict[str, Any]:
    version = apparatus.current[uid]
    history = apparatus.versions.get(uid, [version])
    item: dict[str, Any] = {
        "id": unit_id(uid),
        "name": version.name,
        "classification": version.kind,
        "identifiers": [{"scheme": "tinhgon", "identifier": str(uid)}]
        + [
            {"scheme": code.scheme, "identifier": code.code}
            for code in sorted(apparatus.codes.get(uid, []), key=lambda c: (c.scheme, c.code))
        ],
    }
    if version.parent_id in apparatus.current:
        item["parent_id"] = unit_id(version.parent_id)
    if version.territory_id in apparatus.current:
        item["territory_id"] = unit_id(version.territory_id)
    # Founded is known only where an event opened the unit: one registered from the start of
    # the records was not founded that day. Its records ending is its dissolution.
    if history[0].opened_by_id is not None:
        item["founding_date"] = history[0].valid_from.isoformat()
    if history[-1].valid_to is not None:
        item["dissolution_date"] = _iso(last_day(history[-1].valid_to))
    former = [
        {"name": name, **_period(start, end)}
        for name, start, end in _runs(history, "name")
        if end is not None and end <= apparatus.on
    ]
    if former:
        item["other_names"] = former
    item["parent_history"] = [
        {"parent_id": unit_id(parent), **_period(start, end)}
        for parent, start, end in _runs(history, "parent_id")
    ]
    return item


def post(item: Post) -> dict[str, Any]:
    return {
        "id": f"post/{item.pk}",
        "label": post_label(item.post_type, item.function, item.title),
        "role": item.post_type,
        "organization_id": unit_id(item.unit_id),
        **_period(item.valid_from, item.valid_to),
    }


def person(item: Person, personal: bool) -> dict[str, Any]:
    found: dict[str, Any] = {"id": f"person/{item.pk}", "name": item.full_name}
    if item.gender:
        found["gender"] = item.gender
    if personal and item.birth_date is not None:
        found["birth_date"] = item.birth_date.isoformat()
    return found


def membership(item: Holding, posts: dict[int, Post]) -> dict[str, Any]:
    seat = posts[item.post_id]
    return {
        "id": f"holding/{item.pk}",
        "person_id": f"person/{item.person_id}",
        "organization_id": unit_id(item.unit_id),
        "post_id": f"post/{item.post_id}",
        "role": seat.post_type,
        "label": post_label(seat.post_type, seat.function, seat.title),
        **_period(item.valid_from, item.valid_to),
    }


PARTY_MEMBER = "party_member"


def party_membership(item: Attachment) -> dict[str, Any]:
    """A member's party life in a party organization (no post: the profile allows that for
    this role only)."""
    return {
        "id": f"party-attachment/{item.pk}",
        "person_id": f"person/{item.member.person_id}",
        "organization_id": unit_id(item.unit_id),
        "role": PARTY_MEMBER,
        "label": gettext("party member"),
        **_period(item.valid_from, item.valid_to),
    }


def _by_name(apparatus: Apparatus) -> Iterable[int]:
    return sorted(apparatus.current, key=lambda uid: (apparatus.current[uid].name, uid))


def popolo_document(apparatus: Apparatus) -> dict[str, Any]:
    posts = {p.pk: p for p in apparatus.posts}
    return {
        "meta": {
            "generator": GENERATOR,
            "on": apparatus.on.isoformat(),
            "scope": unit_id(apparatus.scope.pk) if apparatus.scope is not None else None,
        },
        "organizations": [organization(apparatus, uid) for uid in _by_name(apparatus)],
        "posts": [post(p) for p in apparatus.posts],
        "persons": [person(p, p.pk in apparatus.personal) for p in apparatus.persons.values()],
        "memberships": [membership(h, posts) for h in apparatus.holdings]
        + [party_membership(a) for a in apparatus.attachments],
    }


def popolo_export(on: dt.date, scope: Unit | None = None) -> dict[str, Any]:
    """The apparatus of `scope` (or everything the user sees) on `on` as Popolo JSON."""
    return popolo_document(read_apparatus(on, scope))
