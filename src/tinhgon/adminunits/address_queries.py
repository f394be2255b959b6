"""Reads for address conversion: the administrative units of a date in a few queries, and what
units became between two dates, for many units at once.

Everything here reads; nothing writes. The walk forward follows the rules of
`registry.queries.lineage` (docs/developer/time-rules.md): events in date order, from the units
going in to the units coming out, each result whole only when every step was whole. It loads
the events of the period once, so that converting thousands of addresses does not cost a
lineage query per commune; tests compare it with `registry.queries.lineage`.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Iterable

from django.db.models import Q

from tinhgon.registry.kinds import CodeScheme, Share, UnitKind
from tinhgon.registry.models import Event, EventUnit, UnitCode, UnitVersion
from tinhgon.registry.queries import CHUNK, LineageEntry, advance_frontier

ADMINISTRATIVE = (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE)


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    items = list(ids)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


# ---------------------------------------------------------------------------- units of a date


def provinces_on(on: dt.date) -> list[UnitVersion]:
    """Every province valid on a date."""
    return list(UnitVersion.objects.as_of(on).filter(kind=UnitKind.PROVINCE).order_by("name"))


def administrative_on(on: dt.date) -> list[UnitVersion]:
    """Every province, district and commune valid on a date (one query)."""
    return list(UnitVersion.objects.as_of(on).filter(kind__in=ADMINISTRATIVE).order_by("id"))


def administrative_under(parent_ids: Iterable[int], on: dt.date) -> list[UnitVersion]:
    """The districts and communes under the given units on a date, level by level."""
    found: list[UnitVersion] = []
    level = set(parent_ids)
    while level:
        children: list[UnitVersion] = []
        for chunk in _chunks(level):
            children += UnitVersion.objects.as_of(on).filter(
                parent_id__in=chunk, kind__in=ADMINISTRATIVE
            )
        found += children
        level = {v.unit_id for v in children}
    return found


def versions_of(unit_ids: Iterable[int], on: dt.date) -> dict[int, UnitVersion]:
    found: dict[int, UnitVersion] = {}
    for chunk in _chunks(unit_ids):
        for version in UnitVersion.objects.as_of(on).filter(unit_id__in=chunk):
            found[version.unit_id] = version
    return found


def official_codes(unit_ids: Iterable[int] | None, on: dt.date) -> dict[int, str]:
    """The administrative (GSO) code of each unit on a date; all units' when `unit_ids` is
    None."""
    qs = UnitCode.objects.as_of(on).filter(scheme=CodeScheme.ADMINISTRATIVE).order_by("id")
    found: dict[int, str] = {}
    chunks: Iterable[list[int] | None] = [None] if unit_ids is None else _chunks(unit_ids)
    for chunk in chunks:
        rows = qs if chunk is None else qs.filter(unit_id__in=chunk)
        for unit_id, code in rows.values_list("unit_id", "code"):
            found.setdefault(unit_id, code)
    return found


def units_with_code(code: str, on: dt.date) -> list[int]:
    """The units an official code points to on a date."""
    return sorted(
        set(UnitCode.objects.as_of(on).filter(code=code).values_list("unit_id", flat=True))
    )


# ---------------------------------------------------------------------------- the walk forward


class ForwardLineage:
    """What units valid on `on` became by `to`, computed in memory.

    With `preload=True` the events of the period are read at once (two queries), for batches;
    otherwise each call reads only the events of the units it reaches. Both follow
    `registry.queries.lineage`: events apply in (date, id) order; events of day `on` are
    already behind the unit; a unit that ends stays in the frontier, so that a divided commune
    reaches each of the same-day events that take a part of it.
    """

    def __init__(self, on: dt.date, to: dt.date, *, preload: bool = False):
        if to < on:
            raise ValueError("ForwardLineage walks forward: `to` must not be before `on`.")
        self.on = on
        self.to = to
        self._events: dict[int, Event] = {}
        self._participants: dict[int, list[EventUnit]] = {}
        self._by_unit: dict[int, list[tuple[dt.date, int]]] = {}
        self._read_for: set[int] = set()  # units whose events have all been read
        self._complete = False
        self._cache: dict[int, list[LineageEntry]] = {}
        if preload:
            self._load(None)
            self._complete = True

    def _period(self) -> Q:
        return Q(effective_on__gt=self.on, effective_on__lte=self.to)

    def _load(self, unit_ids: set[int] | None) -> None:
        """Read the events of the period (touching `unit_ids`, or all) with their
        participants."""
        events = Event.objects.filter(self._period())
        if unit_ids is not None:
            ids: set[int] = set()
            for chunk in _chunks(unit_ids):
                ids |= set(
                    EventUnit.objects.filter(unit_id__in=chunk)
                    .filter(event__effective_on__gt=self.on, event__effective_on__lte=self.to)
                    .values_list("event_id", flat=True)
                )
            ids -= self._events.keys()
            new_events: list[Event] = []
            for chunk in _chunks(ids):
                new_events += events.filter(pk__in=chunk)
            links: list[EventUnit] = []
            for chunk in _chunks(e.pk for e in new_events):
                links += EventUnit.objects.filter(event_id__in=chunk)
        else:
            new_events = list(events)
            links = list(
                EventUnit.objects.filter(
                    event__effective_on__gt=self.on, event__effective_on__lte=self.to
                )
            )
        for event in new_events:
            self._events[event.pk] = event
            self._participants[event.pk] = []
        for link in sorted(links, key=lambda link: link.pk):
            self._participants[link.event_id].append(link)
        for event in new_events:
            key = (event.effective_on, event.pk)
            for unit_id in {link.unit_id for link in self._participants[event.pk]}:
                self._by_unit.setdefault(unit_id, []).append(key)
        for keys in self._by_unit.values():
            keys.sort()
        self._read_for |= unit_ids or set()

    def _events_of(self, unit_ids: set[int]) -> dict[int, list[tuple[dt.date, int]]]:
        if not self._complete:
            missing = unit_ids - self._read_for
            if missing:
                self._load(missing)
        return {u: self._by_unit.get(u, []) for u in unit_ids}

    def successors(
        self,
        unit_ids: Iterable[int],
        versions_on_to: Callable[[set[int]], dict[int, UnitVersion]] | None = None,
    ) -> dict[int, list[LineageEntry]]:
        """For each unit, the units it became by `to` (with `version` set, sorted by name as
        `lineage` sorts them). `versions_on_to` reads the versions of `to` (default: a query;
        a caller that holds them already saves it)."""
        wanted = [u for u in dict.fromkeys(unit_ids) if u not in self._cache]
        frontiers = {u: self._walk(u) for u in wanted}
        reached = {entry.unit_id for f in frontiers.values() for entry in f.values()}
        versions = (versions_on_to or (lambda ids: versions_of(ids, self.to)))(reached)
        for unit_id, frontier in frontiers.items():
            result = []
            for entry in frontier.values():
                entry.version = versions.get(entry.unit_id)
                if entry.version is not None:
                    result.append(entry)
            self._cache[unit_id] = sorted(
                result, key=lambda e: (e.version.name if e.version else "", e.unit_id)
            )
        return {u: self._cache[u] for u in unit_ids}

    def _walk(self, start: int) -> dict[int, LineageEntry]:
        frontier = {start: LineageEntry(start, None, Share.WHOLE, [])}
        queue: list[tuple[dt.date, int]] = []
        seen: set[int] = set()
        ended: set[int] = set()

        def enqueue(units: set[int], after: tuple[dt.date, int]) -> None:
            for keys in self._events_of(units).values():
                for key in keys:
                    if key > after and key[1] not in seen:
                        heapq.heappush(queue, key)

        enqueue({start}, (self.on, 2**62))
        while queue:
            key = heapq.heappop(queue)
            if key[1] in seen:
                continue
            seen.add(key[1])
            before = set(frontier)
            event = self._events[key[1]]
            ended |= advance_frontier(event, self._participants[event.pk], frontier, True)
            joined = set(frontier) - before
            if joined:
                enqueue(joined, key)
        # A unit that ended has no version on `to`: it need not be looked up.
        return {u: entry for u, entry in frontier.items() if u not in ended}
