"""The registry's reads as they were written before issue 11 (one query per tree level, a
lineage's events read unit by unit): the direct computations the bulk reads must equal."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q

from tinhgon.accounts.access import visible
from tinhgon.registry.kinds import Share
from tinhgon.registry.models import Event, EventUnit, Unit, UnitCode, UnitVersion
from tinhgon.registry.queries import LineageEntry, TreeNode, advance_frontier


def tree(root: Unit, on: dt.date, depth: int | None = None) -> TreeNode:
    top = TreeNode(UnitVersion.objects.as_of(on).get(unit_id=root.pk))
    level, remaining = [top], depth
    while level and (remaining is None or remaining > 0):
        by_parent = {node.unit_id: node for node in level}
        next_level = []
        children = UnitVersion.objects.as_of(on).filter(parent_id__in=list(by_parent))
        for version in visible(children.order_by("kind", "name", "unit_id")):
            node = TreeNode(version)
            by_parent[version.parent_id].children.append(node)  # type: ignore[index]
            next_level.append(node)
        level = next_level
        remaining = None if remaining is None else remaining - 1
    for node in top.walk():
        node.codes = list(UnitCode.objects.as_of(on).filter(unit_id=node.unit_id).order_by("id"))
    return top


def _next_events(
    unit_ids: set[int], cursor: tuple[dt.date, int], limit: dt.date, forward: bool
) -> list[Event]:
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
    forward = to >= on
    frontier = {unit.pk: LineageEntry(unit.pk, None, Share.WHOLE, [])}
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
                break
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


def tree_shape(node: TreeNode) -> list[tuple[object, ...]]:
    """Everything a tree shows, node by node in walking order."""
    return [
        (n.unit_id, n.version.pk, [c.pk for c in n.codes], [c.unit_id for c in n.children])
        for n in node.walk()
    ]


def lineage_shape(entries: list[LineageEntry]) -> list[tuple[object, ...]]:
    return [
        (
            e.unit_id,
            e.version.pk if e.version else None,
            e.share,
            [(s.event.pk, s.share, s.attributes) for s in e.path],
        )
        for e in entries
    ]
