"""Reads of the registry. Every question takes the date it is about.

The reads that interfaces call answer within the acting user's scope (accounts.access): a unit
outside it is "not found", and lists, trees and counts leave it out. The helpers that services
use (version_at, versions_at, descendants, …) see everything.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from tinhgon.accounts.access import SYSTEM, current_access, restrict, visible
from tinhgon.core.errors import DomainError, NotFound
from tinhgon.core.memo import remembered
from tinhgon.core.text import fold
from tinhgon.core.validity import valid_on

from .kinds import KIND_GROUP, Role, Share
from .models import Event, EventUnit, LegalDocument, Unit, UnitCode, UnitVersion
from .problems import problem

# ---------------------------------------------------------------------------- looking units up


def unit_resolve(ref: str | int, on: dt.date, *, field: str = "unit", scoped: bool = True) -> Unit:
    """A unit from an official code valid on `on`, or from its internal id, within the user's
    scope (`scoped=False` only for public reference data: the administrative map).

    "id:12" or "#12" is always an internal id; "code:06712" is always a code; a bare value is
    tried as a code first, then as an id.
    """
    access = current_access() if scoped else SYSTEM
    text = str(ref).strip()
    as_id: str | None = None
    as_code: str | None = text
    if text.startswith(("id:", "#")):
        as_id, as_code = text.split(":", 1)[1] if text.startswith("id:") else text[1:], None
    elif text.startswith("code:"):
        as_code = text[5:]
    elif text.isdigit():
        as_id = text
    if as_code:
        codes = UnitCode.objects.as_of(on).filter(code=as_code).select_related("unit").distinct()
        units = {c.unit_id: c.unit for c in codes if access.covers(c.unit_id)}
        if len(units) == 1:
            return next(iter(units.values()))
        if len(units) > 1:
            names = ", ".join(unit_label(u, on) for u in units.values())
            raise DomainError(problem("ambiguous_code", field, ref=text, date=on, units=names))
    if as_id and as_id.isdigit():
        unit = Unit.objects.filter(pk=int(as_id)).first()
        if unit is not None and access.covers(unit.pk):
            return unit
    raise NotFound(problem("unit_not_found", field, ref=text, date=on))


def version_at(unit: Unit | int, on: dt.date) -> UnitVersion | None:
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    return UnitVersion.objects.as_of(on).filter(unit_id=unit_id).first()


def latest_version(unit: Unit | int) -> UnitVersion | None:
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    return UnitVersion.objects.filter(unit_id=unit_id).order_by("-valid_from").first()


def visible_version(unit: Unit, on: dt.date, field: str = "unit") -> UnitVersion:
    """The unit's version on `on`; "not found" outside the user's scope or the unit's life."""
    current_access().require_visible(unit.pk, field)
    version = version_at(unit, on)
    if version is None:
        raise NotFound(problem("unit_not_valid_on", field, unit=unit_label(unit), date=on))
    return version


def unit_label(unit: Unit | int, on: dt.date | None = None) -> str:
    """The unit's name at `on` (or its last name) with its id, for messages."""
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    version = (version_at(unit_id, on) if on else None) or latest_version(unit_id)
    return f"“{version.name}” (#{unit_id})" if version else f"#{unit_id}"


# Databases limit the parameters of one query (SQLite: 32,766): long id lists go in chunks.
CHUNK = 10_000


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def codes_at(unit_ids: Iterable[int], on: dt.date) -> dict[int, list[UnitCode]]:
    found: dict[int, list[UnitCode]] = defaultdict(list)
    for chunk in _chunks(unit_ids):
        for code in UnitCode.objects.as_of(on).filter(unit_id__in=chunk):
            found[code.unit_id].append(code)
    return found


def code_lookup(code: str, on: dt.date, scheme: str | None = None) -> list[UnitCode]:
    """Which unit(s) a code points to on a date (one, unless schemes differ)."""
    qs = UnitCode.objects.as_of(on).filter(code=code).select_related("unit")
    return visible(qs.filter(scheme=scheme) if scheme else qs)


# ---------------------------------------------------------------------------- the tree


@dataclass
class TreeNode:
    version: UnitVersion
    codes: list[UnitCode] = field(default_factory=list)
    children: list[TreeNode] = field(default_factory=list)

    @property
    def unit_id(self) -> int:
        return self.version.unit_id

    def walk(self) -> Iterable[TreeNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def _children(parent_ids: Iterable[int], on: dt.date) -> list[UnitVersion]:
    """The versions on a date of the units directly under any of `parent_ids`."""
    found: list[UnitVersion] = []
    for chunk in _chunks(parent_ids):
        found += UnitVersion.objects.as_of(on).filter(parent_id__in=chunk).order_by("kind", "name")
    return found


def tree(root: Unit, on: dt.date, depth: int | None = None) -> TreeNode:
    """The units under `root` on a date, level by level (one query per level)."""
    root_version = version_at(root, on)
    if root_version is None:
        raise NotFound(problem("unit_not_valid_on", "unit", unit=unit_label(root), date=on))
    top = TreeNode(root_version)
    level = [top]
    remaining = depth
    while level and (remaining is None or remaining > 0):
        by_parent = {node.unit_id: node for node in level}
        next_level = []
        for version in visible(_children(by_parent, on)):
            node = TreeNode(version)
            by_parent[version.parent_id].children.append(node)  # type: ignore[index]
            next_level.append(node)
        level = next_level
        remaining = None if remaining is None else remaining - 1
    all_nodes = list(top.walk())
    codes = codes_at((n.unit_id for n in all_nodes), on)
    for node in all_nodes:
        node.codes = codes.get(node.unit_id, [])
    return top


def descendants(root_ids: Iterable[int], on: dt.date) -> list[UnitVersion]:
    """Every unit under any of `root_ids` on a date (not the roots), level by level."""
    found: list[UnitVersion] = []
    level = set(root_ids)
    while level:
        children = _children(level, on)
        found += children
        level = {v.unit_id for v in children}
    return found


def subtree_versions(root: Unit, on: dt.date) -> list[UnitVersion]:
    """Every unit under `root` on a date (without the root), as its version then."""
    return descendants([root.pk], on)


def ancestors(unit: Unit | int, on: dt.date) -> list[UnitVersion]:
    """The chain of parents of a unit on a date, nearest first."""
    chain: list[UnitVersion] = []
    version = version_at(unit, on)
    seen: set[int] = set()
    while version is not None and version.parent_id and version.parent_id not in seen:
        seen.add(version.parent_id)
        version = version_at(version.parent_id, on)
        if version is not None:
            chain.append(version)
    return chain


@remembered
def scope_versions(root: Unit, on: dt.date) -> list[UnitVersion]:
    """The apparatus of `root` on a date, without the root: its subtree, plus every organization
    whose territory lies in that set (the city party committee sits under the provincial one but
    belongs to the city), with their subtrees, until nothing more joins."""
    found = {v.unit_id: v for v in descendants([root.pk], on)}
    territories = {root.pk, *found}
    while territories:
        joining: dict[int, UnitVersion] = {}
        for chunk in _chunks(territories):
            for version in UnitVersion.objects.as_of(on).filter(territory_id__in=chunk):
                if version.unit_id not in found and version.unit_id != root.pk:
                    joining[version.unit_id] = version
        for version in descendants(joining, on):
            joining.setdefault(version.unit_id, version)
        added = {uid: v for uid, v in joining.items() if uid not in found and uid != root.pk}
        found.update(added)
        territories = set(added)
    return list(found.values())


# ---------------------------------------------------------------------------- history


@dataclass
class History:
    unit: Unit
    versions: list[UnitVersion]
    codes: list[UnitCode]
    events: list[EventUnit]


def history(unit: Unit) -> History:
    """Everything recorded about a unit: its versions, codes, and the events it took part in."""
    return History(
        unit=unit,
        versions=list(
            unit.versions.select_related("parent", "opened_by", "closed_by").order_by("valid_from")
        ),
        codes=list(unit.codes.order_by("valid_from", "scheme")),
        events=list(
            EventUnit.objects.filter(unit=unit)
            .select_related("event")
            .prefetch_related("event__documents")
            .order_by("event__effective_on", "event_id", "role", "id")
        ),
    )


# ---------------------------------------------------------------------------- lineage


@dataclass
class LineageStep:
    event: Event
    share: str
    # What the event records of the unit it came from (e.g. holds_former_centre).
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass
class LineageEntry:
    """A unit the lineage reached, whole or in part, and the events that led there."""

    unit_id: int
    version: UnitVersion | None
    share: str
    path: list[LineageStep]


def _next_events(
    unit_ids: set[int], cursor: tuple[dt.date, int], limit: dt.date, forward: bool
) -> list[Event]:
    """Events touching `unit_ids` strictly after `cursor` (before it, going backwards)."""
    day, event_id = cursor
    if forward:
        after = Q(effective_on__gt=day) | Q(effective_on=day, id__gt=event_id)
        qs = Event.objects.filter(after, effective_on__lte=limit).order_by("effective_on", "id")
    else:
        before = Q(effective_on__lt=day) | Q(effective_on=day, id__lt=event_id)
        qs = Event.objects.filter(before, effective_on__gt=limit).order_by("-effective_on", "-id")
    return list(
        qs.filter(participants__unit_id__in=unit_ids)
        .distinct()
        .prefetch_related(Prefetch("participants", queryset=EventUnit.objects.order_by("id")))
    )


def lineage(unit: Unit, on: dt.date, to: dt.date) -> list[LineageEntry]:
    """What `unit` (as it was on `on`) became by `to`, or, when `to` is earlier, what it was
    made from. Transitive over any number of events; each result says whole or part."""
    if version_at(unit, on) is None:
        raise NotFound(problem("unit_not_valid_on", "unit", unit=unit_label(unit), date=on))
    forward = to >= on
    frontier: dict[int, LineageEntry] = {unit.pk: LineageEntry(unit.pk, None, Share.WHOLE, [])}
    # Events apply in time order (reverse order when tracing origins). Forward, the events of
    # day `on` are already behind the unit; backward, those of day `on` made it.
    cursor = (on, 2**62) if forward else (on + dt.timedelta(days=1), 0)
    while True:
        batch = _next_events(set(frontier), cursor, to, forward)
        if not batch:
            break
        for event in batch:
            cursor = (event.effective_on, event.pk)
            before = set(frontier)
            advance_frontier(event, list(event.participants.all()), frontier, forward)
            if set(frontier) - before:
                break  # new units joined: fetch their events from here on
        else:
            break
    versions = {
        v.unit_id: v for v in UnitVersion.objects.as_of(to).filter(unit_id__in=list(frontier))
    }
    result = []
    for entry in frontier.values():
        entry.version = versions.get(entry.unit_id)
        if entry.version is not None:
            result.append(entry)
    return sorted(result, key=lambda e: (e.version.name if e.version else "", e.unit_id))


def advance_frontier(
    event: Event,
    participants: list[EventUnit],
    frontier: dict[int, LineageEntry],
    forward: bool,
) -> set[int]:
    """Move a lineage frontier across one event (its `participants` given, so that a caller
    holding them already needs no query); return the units that left in it (ended going
    forward, started going back)."""
    left: set[int] = set()
    here, there = (Role.INPUT, Role.OUTPUT) if forward else (Role.OUTPUT, Role.INPUT)
    sources = [p for p in participants if p.role == here and p.unit_id in frontier]
    targets = [p for p in participants if p.role == there]
    gave_part = {p.unit_id for p in participants if p.role == Role.INPUT and p.share == Share.PART}
    for source in sources:
        origin = frontier[source.unit_id]
        leaves = source.ends if forward else source.is_new
        for target in targets:
            if target.unit_id == source.unit_id:
                continue
            whole = (
                origin.share == Share.WHOLE
                and source.share == Share.WHOLE
                and target.share == Share.WHOLE
            )
            share = Share.WHOLE if whole else Share.PART
            step = LineageStep(event, share, {**source.attributes, **target.attributes})
            existing = frontier.get(target.unit_id)
            if existing is None or (existing.share == Share.PART and whole):
                frontier[target.unit_id] = LineageEntry(
                    target.unit_id, None, share, [*origin.path, step]
                )
        if leaves:
            # It stays in the frontier: a unit divided among several new ones goes into each of
            # the same-day events that take a part. Only units valid on `to` are returned.
            left.add(source.unit_id)
            continue
        if source.unit_id in gave_part:
            # It goes on, but part of it went elsewhere: what is left is a part of what was.
            origin.share = Share.PART
    return left


# ---------------------------------------------------------------------------- diff


@dataclass
class KindChange:
    kind: str
    group: str
    before: int = 0
    after: int = 0
    ended: int = 0
    started: int = 0
    continued: int = 0

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass
class Diff:
    root: Unit
    date_from: dt.date
    date_to: dt.date
    by_kind: list[KindChange]
    ended: list[UnitVersion]
    started: list[UnitVersion]

    def by_group(self) -> list[KindChange]:
        groups: dict[str, KindChange] = {}
        for row in self.by_kind:
            total = groups.setdefault(row.group, KindChange(kind="", group=row.group))
            for name in ("before", "after", "ended", "started", "continued"):
                setattr(total, name, getattr(total, name) + getattr(row, name))
        return list(groups.values())


def diff(root: Unit, date_from: dt.date, date_to: dt.date) -> Diff:
    """How the apparatus under `root` changed between two dates, counted by kind.

    The apparatus is `scope_versions`: the subtree and the organizations located in it. A unit
    that left it (ended, or moved elsewhere) counts as ended here; one that joined it as started;
    one in both as continued (under its kind on the later date).
    """
    before = {v.unit_id: v for v in visible(scope_versions(root, date_from))}
    after = {v.unit_id: v for v in visible(scope_versions(root, date_to))}
    rows: dict[str, KindChange] = {}

    def row(kind: str) -> KindChange:
        return rows.setdefault(kind, KindChange(kind=kind, group=KIND_GROUP.get(kind, "")))

    for version in before.values():
        row(version.kind).before += 1
    for version in after.values():
        row(version.kind).after += 1
    ended = [v for uid, v in before.items() if uid not in after]
    started = [v for uid, v in after.items() if uid not in before]
    for version in ended:
        row(version.kind).ended += 1
    for version in started:
        row(version.kind).started += 1
    for uid in before.keys() & after.keys():
        row(after[uid].kind).continued += 1
    return Diff(
        root=root,
        date_from=date_from,
        date_to=date_to,
        by_kind=sorted(rows.values(), key=lambda r: (r.group, r.kind)),
        ended=sorted(ended, key=lambda v: (v.kind, v.name)),
        started=sorted(started, key=lambda v: (v.kind, v.name)),
    )


# ---------------------------------------------------------------------------- search


def search(text: str, on: dt.date | None = None, limit: int = 50) -> list[UnitVersion]:
    """Units whose name contains `text`, with or without diacritics.

    With a date: units valid then, by their name then. Without: every unit that ever had a
    matching name, by its latest matching version.
    """
    needle = fold(text)
    if not needle:
        return []
    qs = restrict(UnitVersion.objects.filter(search_text__contains=needle))
    if on is not None:
        qs = qs.filter(valid_on(on))
    best: dict[int, UnitVersion] = {}
    for version in qs.order_by("unit_id", "-valid_from")[: limit * 5]:
        best.setdefault(version.unit_id, version)
    return sorted(best.values(), key=lambda v: (v.name, v.unit_id))[:limit]


# ---------------------------------------------------------------------------- lists


def registry_is_empty() -> bool:
    return not Unit.objects.exists()


def top_level(on: dt.date) -> list[UnitVersion]:
    """Units with no parent on a date, as their versions then; for a user with a scope, the
    top of what they may see: the units whose parent then is outside it."""
    scope = current_access().units()
    if scope is None:
        return list(
            UnitVersion.objects.as_of(on).filter(parent__isnull=True).order_by("kind", "name")
        )
    versions = restrict(UnitVersion.objects.as_of(on)).order_by("kind", "name")
    return [v for v in versions if v.parent_id is None or v.parent_id not in scope]


def versions_at(unit_ids: Iterable[int], on: dt.date) -> dict[int, UnitVersion]:
    """The version of each unit valid on a date (one query)."""
    return {v.unit_id: v for v in UnitVersion.objects.as_of(on).filter(unit_id__in=list(unit_ids))}


def latest_versions(unit_ids: Iterable[int]) -> dict[int, UnitVersion]:
    """The last version of each unit (one query), for units that no longer exist."""
    found: dict[int, UnitVersion] = {}
    for version in UnitVersion.objects.filter(unit_id__in=list(unit_ids)).order_by(
        "unit_id", "-valid_from"
    ):
        found.setdefault(version.unit_id, version)
    return found


def _with_details(qs: QuerySet[Event]) -> QuerySet[Event]:
    """Events with their documents and participants loaded in two more queries."""
    return qs.prefetch_related(
        "documents", Prefetch("participants", queryset=EventUnit.objects.order_by("role", "id"))
    )


def events(
    *,
    unit: Unit | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    kind: str = "",
) -> QuerySet[Event]:
    """Events in date order: those a unit took part in, of a kind, effective within
    [date_from, date_to] (both days included), each with how many units took part."""
    qs = _visible_events(Event.objects.all())
    if unit is not None:
        qs = qs.filter(pk__in=EventUnit.objects.filter(unit=unit).values("event_id"))
    if date_from is not None:
        qs = qs.filter(effective_on__gte=date_from)
    if date_to is not None:
        qs = qs.filter(effective_on__lte=date_to)
    if kind:
        qs = qs.filter(kind=kind)
    qs = qs.annotate(unit_count=Count("participants__unit", distinct=True))
    return _with_details(qs.order_by("effective_on", "id"))


def _visible_events(qs: QuerySet[Event]) -> QuerySet[Event]:
    """The events in which at least one unit of the user's scope took part."""
    if current_access().units() is None:
        return qs
    return qs.filter(pk__in=restrict(EventUnit.objects.all()).values("event_id"))


def _visible_documents(qs: QuerySet[LegalDocument]) -> QuerySet[LegalDocument]:
    """The documents that are the basis of a visible event; documents cited by no event are
    seen by users of the whole system only."""
    if current_access().units() is None:
        return qs
    return qs.filter(pk__in=_visible_events(Event.objects.all()).values("documents"))


def event_detail(event_id: int) -> Event | None:
    qs = _visible_events(Event.objects.filter(pk=event_id))
    return _with_details(qs.select_related("recorded_by")).first()


def documents(text: str = "") -> QuerySet[LegalDocument]:
    """Legal documents, newest first; with `text`, those whose number or title contains it,
    with or without diacritics."""
    qs = _visible_documents(LegalDocument.objects.order_by("-signed_on", "number", "id"))
    needle = fold(text)
    return qs.filter(search_text__contains=needle) if needle else qs


def document(document_id: int) -> LegalDocument | None:
    return _visible_documents(LegalDocument.objects.filter(pk=document_id)).first()


def document_events(document: LegalDocument) -> list[Event]:
    """The events a document is the legal basis of, in date order."""
    return list(_visible_events(document.events.order_by("effective_on", "id")))
