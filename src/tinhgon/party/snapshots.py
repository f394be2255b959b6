"""Statistics snapshots: the columns of the party statistics tables for every organization with
members, stored for a report date (30 June, 31 December…) so that a national table is a sum
over some 270,000 organizations instead of a pass over 5.6 million memberships.

A snapshot stays true without a hook in any service: every write is audited, so the snapshot
remembers the last change record it counted in; before it is read, the organizations touched
by later changes to attachments, memberships or persons are counted again (one statement for
them all) and the mark moves on. A date without a snapshot is counted live.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, Q

from tinhgon.accounts.access import current_access
from tinhgon.accounts.roles import Action
from tinhgon.audit.models import ChangeRecord

from .models import Attachment, SnapshotRow, StatisticsSnapshot
from .stats import ATTACHED_ON, FROM_MEMBERS, columns, selection, walk

# The records whose changes can change a count (what FROM_MEMBERS reads).
COUNTED = ("party.Attachment", "party.Member", "people.Person")
CHUNK = 2000


def _keys() -> list[str]:
    return [c.key for c in columns()]


def _last_change() -> int:
    return ChangeRecord.objects.aggregate(last=Max("id"))["last"] or 0


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def unit_values(on: dt.date, unit_ids: list[int] | None = None) -> dict[int, list[int]]:
    """Organization → its columns on `on` (its own official members): for every organization,
    or for those given."""
    select, sums, attached = selection(on)
    found: dict[int, list[int]] = {}
    groups: Iterable[list[int] | None] = [None] if unit_ids is None else _chunks(unit_ids)
    with connection.cursor() as cursor:
        for chunk in groups:
            only = "" if chunk is None else f" AND a.unit_id IN ({', '.join(['%s'] * len(chunk))})"
            cursor.execute(
                f"SELECT a.unit_id, {select}{FROM_MEMBERS} WHERE{ATTACHED_ON}{only}"
                " GROUP BY a.unit_id",
                [*sums, *attached, *(chunk or [])],
            )
            for unit_id, *values in cursor.fetchall():
                found[unit_id] = [int(v or 0) for v in values]
    return found


@transaction.atomic
def snapshot_build(*, on: dt.date) -> StatisticsSnapshot:
    """Count every organization on `on` and keep it (a snapshot of that date is replaced).
    Derived data: not audited, and it changes nothing a user recorded; it counts everyone, so
    it takes the right to record party members everywhere."""
    current_access().require_everywhere(Action.EDIT_PARTY)
    mark = _last_change()
    snapshot, _ = StatisticsSnapshot.objects.update_or_create(
        on=on, defaults={"columns": _keys(), "audit_mark": mark}
    )
    snapshot.rows.all().delete()
    _store(snapshot, unit_values(on))
    return snapshot


def _store(snapshot: StatisticsSnapshot, counted: dict[int, list[int]]) -> None:
    SnapshotRow.objects.bulk_create(
        [SnapshotRow(snapshot=snapshot, unit_id=uid, values=v) for uid, v in counted.items()],
        batch_size=5000,
    )


def _touched(records: list[tuple[str, str, Any, Any]]) -> set[int]:
    """The organizations whose counts the changes may have changed."""
    ids: dict[str, set[int]] = {kind: set() for kind in COUNTED}
    units: set[int] = set()
    for kind, object_id, before, after in records:
        ids[kind].add(int(object_id))
        for state in (before, after):
            if kind == "party.Attachment" and isinstance(state, dict) and state.get("unit"):
                units.add(int(state["unit"]))
    found = Attachment.objects.filter(
        Q(pk__in=ids["party.Attachment"])
        | Q(member_id__in=ids["party.Member"])
        | Q(member__person_id__in=ids["people.Person"])
    ).values_list("unit_id", flat=True)
    return units | set(found)


def _refresh(snapshot: StatisticsSnapshot) -> None:
    """Count again the organizations touched since the snapshot's mark."""
    with transaction.atomic():
        snapshot = StatisticsSnapshot.objects.select_for_update().get(pk=snapshot.pk)
        records = list(
            ChangeRecord.objects.filter(pk__gt=snapshot.audit_mark, object_type__in=COUNTED)
            .order_by("id")
            .values_list("id", "object_type", "object_id", "before", "after")
        )
        if not records:
            return
        touched = sorted(_touched([r[1:] for r in records]))
        counted = unit_values(snapshot.on, touched)
        for chunk in _chunks(touched):
            snapshot.rows.filter(unit_id__in=chunk).delete()
        _store(snapshot, counted)
        snapshot.audit_mark = records[-1][0]
        snapshot.save(update_fields=["audit_mark", "built_at"])


def current_snapshot(on: dt.date) -> StatisticsSnapshot | None:
    """The snapshot of `on`, brought up to date; None without one (or one of other columns)."""
    snapshot = StatisticsSnapshot.objects.filter(on=on).first()
    if snapshot is None or snapshot.columns != _keys():
        return None
    if ChangeRecord.objects.filter(pk__gt=snapshot.audit_mark, object_type__in=COUNTED).exists():
        _refresh(snapshot)
    return snapshot


def snapshot_rows(org_id: int, on: dt.date) -> dict[int, list[int]] | None:
    """Row id → columns of the table under `org_id`, summed from the snapshot of `on`; None
    when there is no snapshot of that date."""
    snapshot = current_snapshot(on)
    if snapshot is None:
        return None
    tree_sql, tree_params = walk(org_id, on)
    found: dict[int, list[int]] = {}

    def add(row_id: int, values: Any) -> None:
        numbers = json.loads(values) if isinstance(values, str) else values
        if row_id in found:
            found[row_id] = [a + b for a, b in zip(found[row_id], numbers, strict=True)]
        else:
            found[row_id] = list(numbers)

    with connection.cursor() as cursor:
        cursor.execute(
            f"{tree_sql} SELECT t.row_id, s.{connection.ops.quote_name('values')}"  # noqa: S608
            " FROM party_snapshotrow s JOIN tree t ON t.unit_id = s.unit_id"
            " WHERE s.snapshot_id = %s",
            [*tree_params, snapshot.pk],
        )
        for row_id, values in cursor.fetchall():
            add(row_id, values)
    own = snapshot.rows.filter(unit_id=org_id).values_list("values", flat=True).first()
    if own is not None and own[0]:
        found[org_id] = list(own)
    return found
