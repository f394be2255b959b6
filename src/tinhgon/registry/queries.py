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

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL

from tinhgon.accounts.access import SYSTEM, current_access, restrict, visible
from tinhgon.core.errors import DomainError, NotFound
from tinhgon.core.idlist import id_list
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


# The units under a root on a date, in one recursive statement (SQLite and PostgreSQL alike):
# ids only, to filter the versions and codes with. With a depth, each row carries its level
# and the walk stops there; without, rows are unit ids alone, so that UNION ends even on a
# cycle in the parent links (which the invariants refuse anyway).
_SUBTREE_SQL = (
    "WITH RECURSIVE subtree(unit_id) AS ("
    " SELECT CAST(%s AS BIGINT)"
    " UNION"
    " SELECT v.unit_id FROM registry_unitversion v JOIN subtree s ON v.parent_id = s.unit_id"
    " WHERE v.valid_from <= %s AND (v.valid_to IS NULL OR v.valid_to > %s)"
    ") SELECT unit_id FROM subtree"
)
_SUBTREE_DEPTH_SQL = (
    "WITH RECURSIVE subtree(unit_id, depth) AS ("
    " SELECT CAST(%s AS BIGINT), 0"
    " UNION"
    " SELECT v.unit_id, s.depth + 1 FROM registry_unitversion v"
    " JOIN subtree s ON v.parent_id = s.unit_id"
    " WHERE s.depth < %s AND v.valid_from <= %s AND (v.valid_to IS NULL OR v.valid_to > %s)"
    ") SELECT unit_id FROM subtree"
)


def _subtree_ids(root_id: int, on: dt.date, depth: int | None) -> RawSQL:
    day = connection.ops.adapt_datefield_value(on)
    if depth is None:
        return RawSQL(_SUBTREE_SQL, (root_id, day, day))  # noqa: S611 (no user text in it)
    return RawSQL(_SUBTREE_DEPTH_SQL, (root_id, depth, day, day))  # noqa: S611


def tree(root: Unit, on: dt.date, depth: int | None = None) -> TreeNode:
    """The units under `root` on a date (`depth` levels of them, if given), each parent's
    children by kind and name, without the units outside the user's scope and what lies under
    them. Three queries: the root, the subtree's versions, their codes."""
    root_version = version_at(root, on)
    if root_version is None:
        raise NotFound(problem("unit_not_valid_on", "unit", unit=unit_label(root), date=on))
    top = TreeNode(root_version)
    if depth is not None and depth <= 0:
        top.codes = codes_at([root.pk], on).get(root.pk, [])
        return top
    ids = _subtree_ids(root.pk, on, depth)
    under: dict[int, list[UnitVersion]] = defaultdict(list)
    rows = UnitVersion.objects.as_of(on).filter(unit_id__in=ids).exclude(unit_id=root.pk)
    for version in visible(rows.order_by("kind", "name", "unit_id")):
        under[version.parent_id].append(version)  # type: ignore[index]
    level = [top]
    while level:
        next_level = []
        for node in level:
            node.children = [TreeNode(v) for v in under.get(node.unit_id, ())]
            next_level += node.children
        level = next_level
    codes: dict[int, list[UnitCode]] = defaultdict(list)
    for code in UnitCode.objects.as_of(on).filter(unit_id__in=ids).order_by("id"):
        codes[code.unit_id].append(code)
    for node in top.walk():
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


# The apparatus of a unit on a date: its subtree plus every organization located in it (by its
# territory), with their subtrees, until nothing more joins: the closure of {root} under "a
# unit whose parent or territory is in it" over the versions valid that day.
_APPARATUS_SQL = (
    "WITH RECURSIVE apparatus(unit_id) AS ("
    " SELECT CAST(%s AS BIGINT)"
    " UNION"
    " SELECT v.unit_id FROM registry_unitversion v, apparatus a"
    " WHERE (v.parent_id = a.unit_id OR v.territory_id = a.unit_id)"
    " AND v.valid_from <= %s AND (v.valid_to IS NULL OR v.valid_to > %s)"
    ") SELECT unit_id FROM apparatus"
)


def apparatus(root_id: int, on: dt.date) -> RawSQL:
    """The ids of the units of `root_id`'s apparatus on `on` (the root included), as SQL to use
    in a filter: `.filter(unit_id__in=apparatus(root_id, on))`."""
    day = connection.ops.adapt_datefield_value(on)
    return RawSQL(_APPARATUS_SQL, (root_id, day, day))  # noqa: S611 (no user text in it)


@remembered
def scope_versions(root: Unit, on: dt.date) -> list[UnitVersion]:
    """The apparatus of `root` on a date, without the root: its subtree, plus every organization
    whose territory lies in that set (the city party committee sits under the provincial one but
    belongs to the city), with their subtrees, until nothing more joins."""
    return list(
        UnitVersion.objects.as_of(on)
        .filter(unit_id__in=apparatus(root.pk, on))
        .exclude(unit_id=root.pk)
        .order_by("kind", "name", "unit_id")
    )


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


def _window(on: dt.date, to: dt.date, prefix: str = "") -> Q:
    """The events a lineage from `on` to `to` can cross: forward, those after day `on` up to
    `to`; backward, those up to day `on` (they made the unit) after `to`. `prefix` reaches the
    event from a related model ("event__")."""
    day = f"{prefix}effective_on"
    if to >= on:
        return Q(**{f"{day}__gt": on, f"{day}__lte": to})
    return Q(**{f"{day}__lte": on, f"{day}__gt": to})


class _EventCache:
    """The events of a lineage window touching the units read so far, with their participants
    (by id), read for many units at once: two queries per batch of units, not per unit."""

    def __init__(self, on: dt.date, to: dt.date):
        self.window = _window(on, to, "event__")
        self.events: dict[int, Event] = {}
        self.participants: dict[int, list[EventUnit]] = defaultdict(list)
        self.by_unit: dict[int, set[int]] = defaultdict(set)  # unit id → event ids
        self.read: set[int] = set()

    def load(self, unit_ids: set[int]) -> None:
        # A join, not `event__in=<subquery>`: SQLite plans that one 40 times slower.
        links = EventUnit.objects.filter(self.window, unit_id__in=id_list(unit_ids - self.read))
        new_ids = set(links.order_by().values_list("event_id", flat=True)) - self.events.keys()
        if new_ids:
            self.events.update((e.pk, e) for e in Event.objects.filter(pk__in=id_list(new_ids)))
            for link in EventUnit.objects.filter(event_id__in=id_list(new_ids)).order_by("id"):
                self.participants[link.event_id].append(link)
                self.by_unit[link.unit_id].add(link.event_id)
        self.read |= unit_ids

    def next_events(
        self, unit_ids: set[int], cursor: tuple[dt.date, int], forward: bool
    ) -> list[Event]:
        """The events touching `unit_ids` strictly after `cursor` (before it, backwards), in
        time order."""
        ids = {eid for uid in unit_ids for eid in self.by_unit.get(uid, ())}
        keyed = [(self.events[eid].effective_on, eid) for eid in ids]
        keyed = [k for k in keyed if (k > cursor if forward else k < cursor)]
        keyed.sort(reverse=not forward)
        return [self.events[eid] for _, eid in keyed]


@dataclass
class _Walk:
    """One unit's lineage in progress: its frontier and how far in time it has gone."""

    frontier: dict[int, LineageEntry]
    cursor: tuple[dt.date, int]
    done: bool = False


def _advance(walk: _Walk, cache: _EventCache, forward: bool) -> None:
    """Run `walk` as `lineage` does, until it ends or reaches units whose events are not read."""
    while not walk.done and set(walk.frontier) <= cache.read:
        batch = cache.next_events(set(walk.frontier), walk.cursor, forward)
        joined = False
        for event in batch:
            walk.cursor = (event.effective_on, event.pk)
            before = set(walk.frontier)
            advance_frontier(event, cache.participants[event.pk], walk.frontier, forward)
            if set(walk.frontier) - before:
                joined = True
                break  # new units joined: their events from here on
        walk.done = not joined


def lineages(
    units: Iterable[Unit | int], on: dt.date, to: dt.date
) -> dict[int, list[LineageEntry]]:
    """`lineage` of many units at once (unit id → its entries, equal to `lineage(unit, on, to)`):
    the events are read in bulk, a few queries per step of the walk whatever the number of
    units."""
    ids = list(dict.fromkeys(u.pk if isinstance(u, Unit) else u for u in units))
    valid = set(
        UnitVersion.objects.as_of(on)
        .filter(unit_id__in=id_list(ids))
        .values_list("unit_id", flat=True)
    )
    for unit_id in ids:
        if unit_id not in valid:
            raise NotFound(problem("unit_not_valid_on", "unit", unit=unit_label(unit_id), date=on))
    forward = to >= on
    # Forward, the events of day `on` are already behind the unit; backward, those of day `on`
    # made it.
    start = (on, 2**62) if forward else (on + dt.timedelta(days=1), 0)
    walks = {uid: _Walk({uid: LineageEntry(uid, None, Share.WHOLE, [])}, start) for uid in ids}
    cache = _EventCache(on, to)
    while pending := [w for w in walks.values() if not w.done]:
        cache.load({uid for w in pending for uid in w.frontier} - cache.read)
        for walk in pending:
            _advance(walk, cache, forward)
    reached = {uid for w in walks.values() for uid in w.frontier}
    versions = {
        v.unit_id: v for v in UnitVersion.objects.as_of(to).filter(unit_id__in=id_list(reached))
    }
    found: dict[int, list[LineageEntry]] = {}
    for uid, walk in walks.items():
        result = []
        for entry in walk.frontier.values():
            entry.version = versions.get(entry.unit_id)
            if entry.version is not None:
                result.append(entry)
        found[uid] = sorted(result, key=lambda e: (e.version.name if e.version else "", e.unit_id))
    return found


def lineage(unit: Unit, on: dt.date, to: dt.date) -> list[LineageEntry]:
    """What `unit` (as it was on `on`) became by `to`, or, when `to` is earlier, what it was
    made from. Transitive over any number of events; each result says whole or part."""
    return lineages([unit], on, to)[unit.pk]


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
    among: Iterable[int] | None = None,
) -> QuerySet[Event]:
    """Events in date order: those a unit took part in (or any unit `among` some), of a kind,
    effective within [date_from, date_to] (both days included), each with how many units took
    part."""
    qs = _visible_events(Event.objects.all())
    if unit is not None:
        qs = qs.filter(pk__in=EventUnit.objects.filter(unit=unit).values("event_id"))
    if among is not None:
        taking_part = EventUnit.objects.filter(unit_id__in=id_list(among))
        qs = qs.filter(pk__in=taking_part.values("event_id"))
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
