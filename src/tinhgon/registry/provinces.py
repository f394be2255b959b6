"""Each unit's province key: the province of today (2025-07-01 onwards) whose territory holds the
unit, or, for a unit that ended earlier, the province that succeeded its province. A column that
never changes, for partitioning and sharding by province (docs/developer/scaling.md).

A unit's province is found on its last day (today's state for a unit still open): up its
territory (an organization located in a place) or else its parent, to a unit of kind province;
a unit above it that was not valid that day is taken as it last was before it (or as it first
was: a party cell recorded before its village). A province that has ended is followed forward
through its lineage to the province that took it in (2025: whole provinces merged into one).
National bodies, above every province, have none.

The key is also stored: `Unit.province`, kept equal to `province_keys()` by `keys_refresh`,
which the registry's services call with the units an event touched (and bulk writers with
none, for all), and copied onto the rows of the models registered with `follow` (the province
of the row's unit).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.db import connections, models

from tinhgon.core.idlist import id_list

from .kinds import Share, UnitKind
from .models import Unit, UnitVersion
from .queries import lineages

FAR = dt.date(9999, 12, 31)  # "open": the versions valid with no end


class _Version(NamedTuple):
    valid_from: dt.date
    valid_to: dt.date | None
    kind: str
    parent_id: int | None
    territory_id: int | None


def province_keys(
    unit_ids: Iterable[int] | None = None, *, versions: Any = None
) -> dict[int, int | None]:
    """Unit id → its province key, for `unit_ids` (every unit when None). Reads the versions of
    those units and of every unit above them (a walk up goes through units outside
    `unit_ids`), or every version when there are many. `versions`: the versions' manager
    (a migration passes its historical model's), else `UnitVersion.objects`."""
    wanted = None if unit_ids is None else list(dict.fromkeys(unit_ids))
    history = _history(versions or UnitVersion.objects, wanted)
    wanted = list(history) if wanted is None else wanted
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


# Past this many units, reading every version costs less than finding those above them.
FEW = 20_000

# The units above the given ones, by parent or territory in any version (the given included).
_ABOVE_SQL = (
    "WITH RECURSIVE above(id) AS ("
    " SELECT id FROM registry_unit WHERE id IN ({ids})"
    " UNION SELECT CASE k.n WHEN 0 THEN v.parent_id ELSE v.territory_id END"
    " FROM registry_unitversion v JOIN above a ON v.unit_id = a.id"
    " CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 AS n) k"
    " WHERE CASE k.n WHEN 0 THEN v.parent_id ELSE v.territory_id END IS NOT NULL"
    ") SELECT id FROM above"
)


def _history(versions: Any, unit_ids: list[int] | None) -> dict[int, list[_Version]]:
    history: dict[int, list[_Version]] = defaultdict(list)
    rows = versions.order_by("unit_id", "valid_from")
    if unit_ids is not None and len(unit_ids) <= FEW:
        rows = rows.filter(unit_id__in=id_list(_select(_ABOVE_SQL, unit_ids)))
    rows = rows.values_list(
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


# ---------------------------------------------------------------------------- the stored key

_followers: list[type[models.Model]] = []


def follow(model: type[models.Model]) -> None:
    """Register a model whose rows carry their unit's key (fields `unit` and `province`):
    `keys_refresh` moves them with their unit. Called from the owning app's `ready()`."""
    if model not in _followers:
        _followers.append(model)


# Every unit below the given ones, by parent or territory in any version (the given included).
_BELOW_SQL = (
    "WITH RECURSIVE below(id) AS ("
    " SELECT id FROM registry_unit WHERE id IN ({ids})"
    " UNION SELECT v.unit_id FROM registry_unitversion v JOIN below b"
    " ON b.id = v.parent_id OR b.id = v.territory_id"
    ") SELECT id FROM below"
)
CHUNK = 5_000


def keys_refresh(unit_ids: Iterable[int] | None = None) -> int:
    """Make the stored keys of `unit_ids` and of every unit below them (every unit when None)
    equal to `province_keys()`, and move the rows of the followers with them; return how many
    units changed. Units whose key is a province below them are included: a province that
    ends takes the units of its predecessors (their key) with it. Call it in the transaction
    that changed the units."""
    if unit_ids is None:
        keys = province_keys()
    else:
        below = set(_select(_BELOW_SQL, unit_ids))
        below |= set(_select("SELECT id FROM registry_unit WHERE province_id IN ({ids})", below))
        keys = province_keys(below)
    stored = unit_keys(None if unit_ids is None else keys)
    changed = {u: k for u, k in keys.items() if u in stored and stored[u] != k}
    keys_write(changed)
    for model in _followers:
        if unit_ids is None:
            follower_refresh(model)
        else:
            _follower_write(model, changed)
    return len(changed)


def keys_write(keys: dict[int, int | None], using: str = "default") -> None:
    """Store `keys` (unit id → key): one UPDATE per key and chunk of units."""
    for key, unit_ids in _by_key(keys).items():
        for chunk in _chunks(unit_ids):
            ids = ",".join(map(str, chunk))  # integers only
            sql = f"UPDATE registry_unit SET province_id = %s WHERE id IN ({ids})"  # noqa: S608
            with connections[using].cursor() as cursor:
                cursor.execute(sql, [key])


def keys_fill(versions: Any, using: str = "default") -> int:
    """Compute and store every unit's key (the data migration's step); return how many."""
    keys = province_keys(versions=versions)
    keys_write(keys, using)
    return len(keys)


def follower_refresh(model: type[models.Model]) -> None:
    """Copy each row's unit key onto the rows of `model` that differ (after a bulk writer)."""
    table = model._meta.db_table
    connection = connections["default"]
    differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    # A model's table name and constants: nothing from outside.
    key = f"(SELECT u.province_id FROM registry_unit u WHERE u.id = {table}.unit_id)"  # noqa: S608
    sql = f"UPDATE {table} SET province_id = {key} WHERE province_id {differs} {key}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)


def unit_keys(unit_ids: Iterable[int] | None) -> dict[int, int | None]:
    """The stored keys of these units (every unit when None): what a follower's row copies."""
    units = (
        Unit.objects.all() if unit_ids is None else Unit.objects.filter(pk__in=id_list(unit_ids))
    )
    return dict(units.values_list("pk", "province_id"))


def _follower_write(model: type[models.Model], keys: dict[int, int | None]) -> None:
    for key, unit_ids in _by_key(keys).items():
        model._default_manager.filter(unit_id__in=id_list(unit_ids)).update(province_id=key)


def _by_key(keys: dict[int, int | None]) -> dict[int | None, list[int]]:
    grouped: dict[int | None, list[int]] = defaultdict(list)
    for unit_id, key in keys.items():
        grouped[key].append(unit_id)
    return grouped


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def _select(sql: str, ids: Iterable[int]) -> list[int]:
    """Run `sql` with `{ids}` standing for the integer ids (written in, not bound: the id lists
    can be longer than SQLite's limit of parameters)."""
    values = sorted({int(i) for i in ids})
    if not values:
        return []
    with connections["default"].cursor() as cursor:
        cursor.execute(sql.format(ids=",".join(map(str, values))))
        return [row[0] for row in cursor.fetchall()]
