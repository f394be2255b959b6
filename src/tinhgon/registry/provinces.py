"""Each unit's province key: the province of today (2025-07-01 onwards) whose territory holds the
unit, or, for a unit that ended earlier, the province that succeeded its province. A column that
never changes, for partitioning and sharding by province (docs/developer/scaling.md).

A unit's province is found on its last day (today's state for a unit still open): up its
territory (an organization located in a place) or else its parent, to a unit of kind province;
a unit above it that was not valid that day is taken as it last was before it (or as it first
was: a party cell recorded before its village). A province that has ended is followed forward
through its lineage to the province that took it in (2025: whole provinces merged into one).
National bodies, above every province, have none.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from .kinds import Share, UnitKind
from .models import UnitVersion
from .queries import lineages

FAR = dt.date(9999, 12, 31)  # "open": the versions valid with no end


class _Version(NamedTuple):
    valid_from: dt.date
    valid_to: dt.date | None
    kind: str
    parent_id: int | None
    territory_id: int | None


def province_keys(unit_ids: Iterable[int] | None = None) -> dict[int, int | None]:
    """Unit id → its province key, for `unit_ids` (every unit when None). Reads every version
    once: a walk up goes through units outside `unit_ids`."""
    history = _history()
    wanted = list(history) if unit_ids is None else list(unit_ids)
    found: dict[int, int | None] = {}
    ended: set[int] = set()
    for unit_id in wanted:
        versions = history.get(unit_id)
        found[unit_id] = _province_at(history, unit_id, _last_day(versions)) if versions else None
        province = found[unit_id]
        if province is not None and history[province][-1].valid_to is not None:
            ended.add(province)
    successors = _successors(history, ended)
    return {u: successors.get(p, p) if p is not None else None for u, p in found.items()}


def _history() -> dict[int, list[_Version]]:
    history: dict[int, list[_Version]] = defaultdict(list)
    rows = UnitVersion.objects.order_by("unit_id", "valid_from").values_list(
        "unit_id", "valid_from", "valid_to", "kind", "parent_id", "territory_id"
    )
    for unit_id, start, end, kind, parent_id, territory_id in rows.iterator(chunk_size=20_000):
        history[unit_id].append(_Version(start, end, kind, parent_id, territory_id))
    return history


def _last_day(versions: list[_Version]) -> dt.date:
    last = versions[-1]
    return FAR if last.valid_to is None else last.valid_to - dt.timedelta(days=1)


def _version_near(versions: list[_Version], on: dt.date) -> _Version | None:
    """The version valid on `on`, else the last one before it, else the first."""
    if not versions:
        return None
    index = bisect.bisect_right([v.valid_from for v in versions], on) - 1
    return versions[max(index, 0)]


def _province_at(history: dict[int, list[_Version]], unit_id: int, on: dt.date) -> int | None:
    seen: set[int] = set()
    current: int | None = unit_id
    while current is not None and current not in seen:
        seen.add(current)
        version = _version_near(history.get(current, []), on)
        if version is None:
            return None
        if version.kind == UnitKind.PROVINCE:
            return current
        current = version.territory_id or version.parent_id
    return None


def _successors(history: dict[int, list[_Version]], ended: set[int]) -> dict[int, int]:
    """Ended province → the open province its lineage reached (the one taken in whole)."""
    found: dict[int, int] = {}
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for province in ended:
        by_day[_last_day(history[province])].append(province)
    for day, provinces in by_day.items():
        for province, entries in lineages(provinces, day, FAR).items():
            reached = [e for e in entries if e.version and e.version.kind == UnitKind.PROVINCE]
            reached.sort(key=lambda e: (e.share != Share.WHOLE, e.unit_id))
            if reached:
                found[province] = reached[0].unit_id
    return found
