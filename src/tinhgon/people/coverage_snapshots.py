"""Coverage snapshots: the reason of every place of a unification policy in a scope on a date,
stored, so that the nation's n of N (benchmark 4: some 80,000 villages) is a count of rows
instead of a pass over the apparatus, its posts and holders.

As the statistics snapshots (party/snapshots.py), a snapshot stays true without a hook in any
service: every write is audited, so it remembers the last change record it counted in and,
before it is read, counts again what later changes touched:

- a change to the structure (units, their versions, events) or to the policy itself may move
  places and leads anywhere: the whole snapshot is counted again;
- a change to holdings, posts, party members and attachments, or persons touches units (the
  post's unit; the units where a touched person holds a post on the date): their places are
  found as a lead's place is (`counting.unit_places`), and the leads of those places, or touched
  themselves, are counted again (`counting.lead_reasons`); their rows replaced.

A snapshot is read only by a user who sees every unit; anyone else gets the live count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Count, Max, Q

from tinhgon.accounts.access import current_access
from tinhgon.accounts.roles import Action
from tinhgon.audit.models import ChangeRecord
from tinhgon.core.idlist import id_list
from tinhgon.registry.models import Unit, UnitVersion

from .counting import Row, lead_reasons, lead_rows, unit_places
from .models import CoverageRow, CoverageSnapshot, Holding, Post, UnificationPolicy

# Changes after which places and leads may be anywhere: the snapshot is counted again.
STRUCTURE = ("registry.Unit", "registry.UnitVersion", "registry.Event")
POLICY = "people.UnificationPolicy"
# Changes that touch some units' posts, holders or their membership.
PERSONNEL = ("people.Holding", "people.Post", "party.Attachment", "party.Member", "people.Person")
WATCHED = (*STRUCTURE, POLICY, *PERSONNEL)


def _last_change() -> int:
    return ChangeRecord.objects.aggregate(last=Max("id"))["last"] or 0


def _store(snapshot: CoverageSnapshot, found: dict[int, tuple[int | None, str]]) -> None:
    CoverageRow.objects.bulk_create(
        [
            CoverageRow(snapshot=snapshot, lead_unit_id=lead, place_unit_id=place, reason=reason)
            for lead, (place, reason) in found.items()
        ],
        batch_size=5000,
    )


def _count_all(snapshot: CoverageSnapshot) -> None:
    policy, scope = snapshot.policy, Unit(pk=snapshot.scope_id)
    snapshot.rows.all().delete()
    _store(snapshot, lead_reasons(policy, lead_rows(policy, scope, snapshot.on), snapshot.on))


@transaction.atomic
def coverage_snapshot_build(
    *, policy: UnificationPolicy, scope: Unit, on: dt.date
) -> CoverageSnapshot:
    """Count every place of `policy` in `scope` on `on` and keep them (a snapshot of the same
    policy, scope and date is replaced). Derived data: not audited; it reads every unit's posts
    and holders, so it takes the right to record them everywhere."""
    current_access().require_everywhere(Action.EDIT_PERSONNEL)
    snapshot, _ = CoverageSnapshot.objects.update_or_create(
        policy=policy, scope=scope, on=on, defaults={"audit_mark": _last_change()}
    )
    _count_all(snapshot)
    return snapshot


def _ids(values: Iterable[Any]) -> set[int]:
    return {int(v) for v in values if v is not None}


def _column(model: Any, pks: set[int], column: str) -> set[int]:
    """`column` of the rows of `model` with these ids (a model class: ids of other rows)."""
    if not pks:
        return set()
    return _ids(model.objects.filter(pk__in=id_list(pks)).values_list(column, flat=True))


# What a change record's states name, besides the database: the unit of a post or holding (a
# post moved carries both), the person of a membership, the member of an attachment.
NAMED = {
    "people.Holding": ("unit_id",),
    "people.Post": ("unit_id",),
    "party.Member": ("person",),
    "party.Attachment": ("member",),
}


def _touched_units(records: list[tuple[str, str, int | None, Any, Any]], on: dt.date) -> set[int]:
    """The units whose posts, holders or holders' membership the changes may have changed."""
    ids: dict[str, set[int]] = {kind: set() for kind in PERSONNEL}
    named: dict[str, set[int]] = {kind: set() for kind in NAMED}
    units: set[int] = set()
    for kind, object_id, unit_id, before, after in records:
        ids[kind].add(int(object_id))
        if kind in NAMED:
            states = [s for s in (before, after) if isinstance(s, dict)]
            named[kind] |= _ids(s.get(key) for s in states for key in NAMED[kind])
        if kind in ("people.Holding", "people.Post"):
            units |= _ids([unit_id])  # the record's unit is the post's
    units |= named["people.Holding"] | named["people.Post"]
    units |= _column(Holding, ids["people.Holding"], "unit_id")
    units |= _column(Post, ids["people.Post"], "unit_id")
    persons = ids["people.Person"] | named["party.Member"]
    if ids["party.Member"] or ids["party.Attachment"]:
        # Read through the app registry: people does not depend on the party app.
        member, attachment = apps.get_model("party.Member"), apps.get_model("party.Attachment")
        persons |= _column(member, ids["party.Member"], "person_id")
        persons |= _column(attachment, ids["party.Attachment"], "member__person_id")
        persons |= _column(member, named["party.Attachment"], "person_id")
    if persons:
        held = Holding.objects.as_of(on).filter(person_id__in=id_list(persons))
        units |= _ids(held.values_list("unit_id", flat=True))
    return units


def _lead_rows_among(snapshot: CoverageSnapshot, unit_ids: set[int]) -> dict[int, Row]:
    """Those of `unit_ids` that are leads of the snapshot's policy in its scope."""
    policy, on = snapshot.policy, snapshot.on
    versions = UnitVersion.objects.as_of(on).filter(
        kind=policy.lead_unit_kind, unit_id__in=id_list(unit_ids)
    )
    candidates = set(versions.values_list("unit_id", flat=True))
    if not candidates:
        return {}
    # Units of the lead kind with a row are leads; the others are looked for in the scope.
    with_row = set(
        snapshot.rows.filter(lead_unit_id__in=id_list(candidates)).values_list(
            "lead_unit_id", flat=True
        )
    )
    rows = lead_rows(policy, Unit(pk=snapshot.scope_id), on) if candidates - with_row else {}
    found = versions.filter(unit_id__in=id_list(with_row | (candidates & rows.keys())))
    return {
        uid: (kind, territory, parent)
        for uid, kind, territory, parent in found.values_list(
            "unit_id", "kind", "territory_id", "parent_id"
        )
    }


def _count_touched(snapshot: CoverageSnapshot, units: set[int]) -> None:
    """Count again the leads of the places of `units`, and those of `units` that are leads."""
    if not units:
        return  # e.g. a person edited who holds no post on the date
    places = {p for p in unit_places(units, snapshot.on).values() if p is not None}
    in_places = set(
        snapshot.rows.filter(place_unit_id__in=id_list(places)).values_list(
            "lead_unit_id", flat=True
        )
    )
    leads = _lead_rows_among(snapshot, units | in_places)
    found = lead_reasons(snapshot.policy, leads, snapshot.on)
    snapshot.rows.filter(lead_unit_id__in=id_list(leads.keys() | in_places)).delete()
    _store(snapshot, found)


def _refresh(snapshot: CoverageSnapshot) -> None:
    """Count again what the changes since the snapshot's mark touched; move the mark."""
    with transaction.atomic():
        snapshot = (
            CoverageSnapshot.objects.select_for_update()
            .select_related("policy")
            .get(pk=snapshot.pk)
        )
        records = list(
            ChangeRecord.objects.filter(pk__gt=snapshot.audit_mark, object_type__in=WATCHED)
            .order_by("id")
            .values_list("id", "object_type", "object_id", "unit_id", "before", "after")
        )
        if not records:
            return
        structure = any(
            kind in STRUCTURE or (kind == POLICY and int(oid) == snapshot.policy_id)
            for _, kind, oid, *_ in records
        )
        if structure:
            _count_all(snapshot)
        else:
            personnel = [r[1:] for r in records if r[1] in PERSONNEL]
            if personnel:
                _count_touched(snapshot, _touched_units(personnel, snapshot.on))
        snapshot.audit_mark = records[-1][0]
        snapshot.save(update_fields=["audit_mark", "built_at"])


def current_coverage_snapshot(
    policy: UnificationPolicy, scope: Unit, on: dt.date
) -> CoverageSnapshot | None:
    """The snapshot of (policy, scope, on), brought up to date; None without one."""
    snapshot = CoverageSnapshot.objects.filter(policy=policy, scope_id=scope.pk, on=on).first()
    if snapshot is None:
        return None
    later = ChangeRecord.objects.filter(pk__gt=snapshot.audit_mark, object_type__in=WATCHED)
    if later.exists():
        _refresh(snapshot)
    return snapshot


def snapshot_count(policy: UnificationPolicy, scope: Unit, on: dt.date) -> tuple[int, int] | None:
    """(complying, total) of the policy in the scope on the date from its snapshot; None when
    there is none, or when the user does not see every unit (the snapshot counts them all)."""
    if current_access().units("view") is not None:
        return None
    snapshot = current_coverage_snapshot(policy, scope, on)
    if snapshot is None:
        return None
    counted = snapshot.rows.aggregate(n=Count("id", filter=Q(reason="")), total=Count("id"))
    return counted["n"], counted["total"]


def snapshot_reasons(policy: UnificationPolicy, scope: Unit, on: dt.date) -> dict[int, str] | None:
    """Each place's reason by its lead unit's id, as `counting.reasons` gives them, from the
    snapshot; None as for `snapshot_count`."""
    if current_access().units("view") is not None:
        return None
    snapshot = current_coverage_snapshot(policy, scope, on)
    if snapshot is None:
        return None
    return dict(snapshot.rows.values_list("lead_unit_id", "reason"))
