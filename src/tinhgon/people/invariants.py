"""The rules posts and holdings obey, checked set-based inside the writing transaction.

1. A post lies within its unit's life; a holding within its post's dates and its unit's life.
2. A post's type is in the post catalogue of its unit's kind (on every day it exists).
3. A unit has one post of a type and function at a time.
4. The same person does not hold a post twice at once.
5. A single-holder post has one holder at a time (also a PostgreSQL exclusion constraint).
6. Deputies stay within the maximum of the deputy rules in force (rules.md §6).

On PostgreSQL, rules 3–5 are also exclusion constraints (migration 0002), deferred to commit
so that these checks speak first, in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Q

from tinhgon.core.errors import Problem
from tinhgon.core.idlist import id_list
from tinhgon.core.validity import intervals_overlap, overlapping
from tinhgon.registry.models import UnitVersion
from tinhgon.registry.queries import unit_label

from .kinds import DEPUTY_TYPES, PLACE_KINDS, DeputyMode, PostType
from .labels import POST_IN_UNIT, choice_label, person_label, post_label
from .models import CatalogueEntry, DeputyRule, Holding, Person, Post
from .problems import problem

CHUNK = 5000
Span = tuple[dt.date, dt.date | None]
# What the people app reads of a unit's version on a date; the rest (attributes, search text,
# events) is left unread: a coverage reads tens of thousands of versions.
LIGHT = ("id", "unit_id", "name", "kind", "parent_id", "territory_id", "valid_from", "valid_to")


def chunks(ids: Iterable[int], size: int = CHUNK) -> Iterable[list[int]]:
    items = sorted(set(ids))
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---------------------------------------------------------------------------- units


def unit_versions(unit_ids: Iterable[int]) -> dict[int, list[UnitVersion]]:
    """Every version of each unit, in date order."""
    found: dict[int, list[UnitVersion]] = defaultdict(list)
    for chunk in chunks(unit_ids):
        for version in UnitVersion.objects.filter(unit_id__in=chunk).order_by("valid_from"):
            found[version.unit_id].append(version)
    return found


def uncovered_day(
    versions: Sequence[UnitVersion], start: dt.date, end: dt.date | None
) -> dt.date | None:
    """The first day of [start, end) on which the unit has no version, or None."""
    day = start
    for version in versions:
        if version.valid_from > day:
            break
        if version.valid_to is None or version.valid_to > day:
            day = version.valid_to if version.valid_to is not None else dt.date.max
        if end is not None and day >= end:
            return None
    return None if day == dt.date.max or (end is not None and day >= end) else day


def version_on(versions: Sequence[UnitVersion], day: dt.date) -> UnitVersion | None:
    return next((v for v in versions if v.holds_on(day)), None)


def versions_on(unit_ids: Iterable[int], on: dt.date) -> dict[int, UnitVersion]:
    """The version of each unit valid on a date (one query, the ids as one parameter)."""
    ids = set(unit_ids)
    if not ids:
        return {}
    qs = UnitVersion.objects.as_of(on).filter(unit_id__in=id_list(ids)).only(*LIGHT)
    return {version.unit_id: version for version in qs.order_by("unit_id")}


def places_of(
    unit_ids: Iterable[int], on: dt.date, known: dict[int, UnitVersion] | None = None
) -> dict[int, UnitVersion | None]:
    """The place (province, district, commune or village) each unit belongs to on a date: the
    unit itself if it is one, else the place of its territory, else of its parent. Reads level
    by level; `known` versions (valid on `on`) save queries."""
    versions = dict(known or {})
    result: dict[int, UnitVersion | None] = {}
    pending = {uid: uid for uid in unit_ids}
    for _ in range(20):  # deeper than any apparatus
        missing = {cursor for cursor in pending.values() if cursor not in versions}
        if missing:
            versions.update(versions_on(missing, on))
        following: dict[int, int] = {}
        for uid, cursor in pending.items():
            version = versions.get(cursor)
            if version is None:
                result[uid] = None
            elif version.kind in PLACE_KINDS:
                result[uid] = version
            elif version.territory_id or version.parent_id:
                following[uid] = version.territory_id or version.parent_id  # type: ignore[assignment]
            else:
                result[uid] = None
        pending = following
        if not pending:
            break
    result.update(dict.fromkeys(pending))
    return result


def place_members(place_ids: Iterable[int], on: dt.date) -> dict[int, UnitVersion]:
    """The units located in each place on a date (not the places under it): unit id → its
    version, each with `place_id` set. A unit is in the place of its territory; one without a
    territory, in the place of its parent."""
    members: dict[int, UnitVersion] = {}
    frontier: dict[int, int] = {pid: pid for pid in place_ids}  # unit → its place
    roots = set(frontier)
    while frontier:
        joining: dict[int, int] = {}
        for chunk in chunks(frontier):
            qs = (
                UnitVersion.objects.as_of(on)
                .filter(
                    Q(parent_id__in=chunk) | Q(territory_id__in=[c for c in chunk if c in roots])
                )
                .only(*LIGHT)
            )
            for version in qs:
                if version.kind in PLACE_KINDS or version.unit_id in members:
                    continue
                if version.territory_id is not None:
                    if version.territory_id not in roots:
                        continue
                    place: int | None = version.territory_id
                else:
                    place = frontier.get(version.parent_id)  # type: ignore[arg-type]
                if place is None:
                    continue
                version.place_id = place  # type: ignore[attr-defined]
                members[version.unit_id] = version
                joining[version.unit_id] = place
        frontier = joining
    return members


# ---------------------------------------------------------------------------- the catalogue


class Catalogue:
    """The post catalogue, read once (it is small)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], list[CatalogueEntry]] = defaultdict(list)
        for entry in CatalogueEntry.objects.all():
            self.rows[(entry.unit_kind, entry.post_type)].append(entry)

    def entry(self, kind: str, post_type: str, day: dt.date) -> CatalogueEntry | None:
        return next((e for e in self.rows.get((kind, post_type), []) if e.holds_on(day)), None)

    def has(self, kind: str, post_type: str, day: dt.date) -> bool:
        return self.entry(kind, post_type, day) is not None


def _kind_problems(
    versions: Sequence[UnitVersion],
    post_type: str,
    start: dt.date,
    end: dt.date | None,
    catalogue: Catalogue,
    field: str,
) -> list[Problem]:
    """The post type must be in the catalogue of the unit's kind on each version's first day
    within [start, end)."""
    for version in versions:
        if not intervals_overlap(version.valid_from, version.valid_to, start, end):
            continue
        day = max(version.valid_from, start)
        if not catalogue.has(version.kind, post_type, day):
            return [
                problem(
                    "post_not_in_catalogue",
                    field,
                    unit=unit_label(version.unit_id, day),
                    kind=choice_label_kind(version.kind),
                    date=day,
                    post=post_label(post_type),
                )
            ]
    return []


def choice_label_kind(kind: str) -> str:
    from tinhgon.registry.kinds import UnitKind

    return choice_label(UnitKind, kind)


# ---------------------------------------------------------------------------- posts


def check_posts(posts: Sequence[Post], fields: Sequence[str] | None = None) -> list[Problem]:
    """Rules 1–3 for posts about to be written (saved or not)."""
    fields = fields or [""] * len(posts)
    problems: list[Problem] = []
    versions = unit_versions(p.unit_id for p in posts)
    catalogue = Catalogue()
    for post, field in zip(posts, fields, strict=True):
        if post.valid_to is not None and post.valid_to <= post.valid_from:
            problems.append(
                problem(
                    "interval_reversed",
                    field + "valid_to",
                    start=post.valid_from,
                    end=post.valid_to,
                )
            )
            continue
        unit_versions_ = versions.get(post.unit_id, [])
        gap = uncovered_day(unit_versions_, post.valid_from, post.valid_to)
        if gap is not None:
            problems.append(
                problem(
                    "unit_not_alive",
                    field + "valid_from",
                    unit=unit_label(post.unit_id),
                    date=gap,
                    record=post_label(post.post_type, post.function, post.title),
                    start=post.valid_from,
                    end=post.valid_to,
                )
            )
            continue
        problems += _kind_problems(
            unit_versions_,
            post.post_type,
            post.valid_from,
            post.valid_to,
            catalogue,
            field + "post_type",
        )
    problems += _duplicate_posts(posts, fields)
    return problems


def _duplicate_posts(posts: Sequence[Post], fields: Sequence[str]) -> list[Problem]:
    mine = {p.pk for p in posts if p.pk}
    existing: dict[tuple[int, str, str], list[Post]] = defaultdict(list)
    for chunk in chunks(p.unit_id for p in posts):
        for other in Post.objects.filter(unit_id__in=chunk).exclude(pk__in=mine):
            existing[(other.unit_id, other.post_type, other.function)].append(other)
    problems = []
    for post, field in zip(posts, fields, strict=True):
        key = (post.unit_id, post.post_type, post.function)
        for other in existing[key]:
            if intervals_overlap(post.valid_from, post.valid_to, other.valid_from, other.valid_to):
                problems.append(
                    problem(
                        "post_duplicate",
                        field + "post_type",
                        unit=unit_label(post.unit_id, post.valid_from),
                        post=post_label(post.post_type, post.function, post.title),
                        other=other.pk or "…",
                        start=other.valid_from,
                        end=other.valid_until,
                    )
                )
                break
        existing[key].append(post)
    return problems


# ---------------------------------------------------------------------------- holdings


def describe_post(post: Post, on: dt.date | None = None) -> str:
    return str(POST_IN_UNIT) % {
        "post": post_label(post.post_type, post.function, post.title),
        "unit": unit_label(post.unit_id, on or post.valid_from),
        "id": post.pk,
    }


def _names(person_ids: Iterable[int]) -> dict[int, str]:
    return {
        pk: name
        for chunk in chunks(person_ids)
        for pk, name in Person.objects.filter(pk__in=chunk).values_list("pk", "full_name")
    }


def check_holdings(
    holdings: Sequence[Holding],
    fields: Sequence[str] | None = None,
    *,
    replacing: Iterable[int] = (),
) -> list[Problem]:
    """Rules 1, 2, 4, 5, 6 for holdings about to be written; each has its `post` loaded.
    `replacing`: holdings being changed, left out of the existing ones."""
    fields = fields or [""] * len(holdings)
    problems: list[Problem] = []
    left_out = set(replacing) | {h.pk for h in holdings if h.pk}
    versions = unit_versions(h.post.unit_id for h in holdings)
    catalogue = Catalogue()
    names = _names(h.person_id for h in holdings)
    valid: list[tuple[Holding, str]] = []
    for holding, field in zip(holdings, fields, strict=True):
        post = holding.post
        who = person_label(names.get(holding.person_id, "?"), holding.person_id)
        if holding.valid_to is not None and holding.valid_to <= holding.valid_from:
            problems.append(
                problem(
                    "interval_reversed",
                    field + "valid_to",
                    start=holding.valid_from,
                    end=holding.valid_to,
                )
            )
            continue
        inside_post = post.valid_from <= holding.valid_from and (
            post.valid_to is None
            or (holding.valid_to is not None and holding.valid_to <= post.valid_to)
        )
        if not inside_post:
            problems.append(
                problem(
                    "holding_outside_post",
                    field + "valid_from",
                    person=who,
                    post=describe_post(post),
                    start=holding.valid_from,
                    end=holding.valid_until,
                    post_start=post.valid_from,
                    post_end=post.valid_until,
                )
            )
            continue
        unit_versions_ = versions.get(post.unit_id, [])
        gap = uncovered_day(unit_versions_, holding.valid_from, holding.valid_to)
        if gap is not None:
            problems.append(
                problem(
                    "unit_not_alive",
                    field + "valid_from",
                    unit=unit_label(post.unit_id),
                    date=gap,
                    record=who,
                    start=holding.valid_from,
                    end=holding.valid_until,
                )
            )
            continue
        problems += _kind_problems(
            unit_versions_,
            post.post_type,
            holding.valid_from,
            holding.valid_to,
            catalogue,
            field + "post",
        )
        valid.append((holding, field))
    problems += _overlaps(valid, left_out, names)
    problems += _deputy_caps(valid, left_out, versions)
    return problems


def _existing_holdings(post_ids: Iterable[int], left_out: set[int]) -> dict[int, list[Holding]]:
    found: dict[int, list[Holding]] = defaultdict(list)
    for chunk in chunks(post_ids):
        for holding in Holding.objects.filter(post_id__in=chunk).exclude(pk__in=left_out):
            found[holding.post_id].append(holding)
    return found


def _overlaps(
    holdings: list[tuple[Holding, str]], left_out: set[int], names: dict[int, str]
) -> list[Problem]:
    existing = _existing_holdings((h.post_id for h, _ in holdings), left_out)
    others = {h.person_id for hs in existing.values() for h in hs} - names.keys()
    names = {**names, **_names(others)}
    problems = []
    for holding, field in holdings:
        post = holding.post
        who = person_label(names.get(holding.person_id, "?"), holding.person_id)
        for other in existing[holding.post_id]:
            if not intervals_overlap(
                holding.valid_from, holding.valid_to, other.valid_from, other.valid_to
            ):
                continue
            if other.person_id == holding.person_id:
                problems.append(
                    problem(
                        "holding_duplicate",
                        field + "person",
                        person=who,
                        post=describe_post(post),
                        start=other.valid_from,
                        end=other.valid_until,
                        other=other.pk or "…",
                    )
                )
                break
            if post.single_holder:
                problems.append(
                    problem(
                        "post_taken",
                        field + "post",
                        post=describe_post(post),
                        other=person_label(names.get(other.person_id, "?"), other.person_id),
                        start=other.valid_from,
                        end=other.valid_until,
                        holding=other.pk or "…",
                        person=who,
                        **{"from": holding.valid_from},
                    )
                )
                break
        existing[holding.post_id].append(holding)
    return problems


def _deputy_caps(
    holdings: list[tuple[Holding, str]],
    left_out: set[int],
    versions: dict[int, list[UnitVersion]],
) -> list[Problem]:
    """Rule 6: the number of people holding deputy posts of a type in a unit, on every day a
    new deputy holding covers, stays within the maximum rules in force then."""
    deputies = [(h, f) for h, f in holdings if h.post.post_type in DEPUTY_TYPES]
    if not deputies:
        return []
    types = {h.post.post_type for h, _ in deputies}
    rules = list(DeputyRule.objects.filter(mode=DeputyMode.MAXIMUM, post_type__in=types))
    if not rules:
        return []
    problems: list[Problem] = []
    by_unit: dict[tuple[int, str], list[tuple[Holding, str]]] = defaultdict(list)
    for holding, field in deputies:
        by_unit[(holding.post.unit_id, holding.post.post_type)].append((holding, field))
    for (unit_id, post_type), new in by_unit.items():
        all_holdings = [
            h
            for h in Holding.objects.filter(unit_id=unit_id, post__post_type=post_type).exclude(
                pk__in=left_out
            )
        ] + [h for h, _ in new]
        for holding, field in new:
            found = _first_excess(holding, all_holdings, rules, unit_id, post_type, versions)
            if found is not None:
                problems.append(Problem(found.code, found.message, field + "post"))
    return problems


def _first_excess(
    holding: Holding,
    all_holdings: list[Holding],
    rules: list[DeputyRule],
    unit_id: int,
    post_type: str,
    versions: dict[int, list[UnitVersion]],
) -> Problem | None:
    """The first day within `holding` on which the deputies exceed a maximum rule."""
    days = {holding.valid_from} | {
        h.valid_from for h in all_holdings if holding.holds_on(h.valid_from)
    }
    for day in sorted(days):
        version = version_on(versions.get(unit_id, []), day)
        if version is None:
            continue
        count = len({h.person_id for h in all_holdings if h.holds_on(day)})
        places: dict[int, UnitVersion | None] = {}  # read once, only if a rule needs it
        for rule in rules:
            if rule.post_type != post_type or rule.unit_kind != version.kind:
                continue
            if not rule.holds_on(day) or count <= rule.number:
                continue
            if rule.place_kind:
                if not places:
                    places = places_of([unit_id], day)
                place = places.get(unit_id)
                if place is None or place.kind != rule.place_kind:
                    continue
            return problem(
                "deputy_cap",
                "",
                unit=unit_label(unit_id, day),
                count=count,
                post=choice_label(PostType, post_type),
                date=day,
                rule=rule.code,
                basis=rule.basis or "—",
                max=int(rule.number),
            )
    return None


def overlapping_holdings(
    post_ids: Iterable[int], start: dt.date, end: dt.date | None
) -> list[Holding]:
    found: list[Holding] = []
    for chunk in chunks(post_ids):
        found += Holding.objects.filter(post_id__in=chunk).filter(overlapping(start, end))
    return found
