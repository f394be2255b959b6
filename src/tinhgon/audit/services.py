"""Writing change records. Called by domain services inside their transaction."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from django.db import models

from tinhgon.core import bulk, staging

from .context import current_actor
from .models import ChangeRecord


def change_record(
    *,
    obj: models.Model,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    basis: str = "",
    message: str = "",
) -> ChangeRecord:
    record = _record(obj, action, before, after, basis, message)
    record.save()
    return record


Change = tuple[models.Model, dict[str, Any] | None, dict[str, Any]]  # object, before, after


_BULK_COLUMNS = ("action", "object_type", "object_id", "object_repr", "unit_id", "before",
                 "after")  # fmt: skip


def change_records_bulk(*, changes: list[Change], basis: str = "", message: str = "") -> None:
    """The change records of many objects, written at once: "create" where there is no
    before, "update" otherwise. The same rows as `change_record` for each, built as plain
    tuples (tinhgon.core.bulk): half of what a big import writes is change records."""
    labels: dict[type[models.Model], str] = {}
    rows = []
    for obj, before, after in changes:
        kind = type(obj)
        label = labels.get(kind) or labels.setdefault(kind, obj._meta.label)
        rows.append(
            (
                "update" if before else "create",
                label,
                str(obj.pk),
                str(obj)[:300],
                getattr(obj, "audit_unit_id", None),
                before,
                after,
            )
        )
    _insert(rows, basis, message)


Created = tuple[int, str, int | None, dict[str, Any]]  # id, str(object), audit unit, after


def change_records_created(
    *, label: str, created: Iterable[Created], basis: str = "", message: str = ""
) -> None:
    """The "create" records of objects of one model (`label`, e.g. "party.Member") written
    without the objects: a big import builds no model instances (they cost more than the
    insert). The rows are those `change_records_bulk` writes for the same objects."""
    rows = [("create", label, str(pk), text[:300], unit, None, after)
            for pk, text, unit, after in created]  # fmt: skip
    _insert(rows, basis, message)


def change_records_staged(
    batch: staging.Batch,
    *,
    label: str,
    object_id: str,
    object_repr: str,
    unit: str,
    after: Mapping[str, str],
    omit_empty: Collection[str] = (),
    basis: str = "",
    message: str = "",
) -> None:
    """The "create" records of objects of one model, added to a batch of `core.staging`: the
    object's id, text, unit and every key of `after` are SQL expressions over the stage's
    columns, giving the rows `change_records_created` gives for the same objects (`after`
    without the keys of `omit_empty` whose value is NULL or empty text)."""
    batch.insert_from(
        ChangeRecord,
        {
            "action": ("%s", ["create"]),
            "object_type": ("%s", [label]),
            "object_id": f"CAST({object_id} AS TEXT)",
            "object_repr": f"substr({object_repr}, 1, 300)",
            "unit_id": unit,
            "before": "NULL",
            "after": staging.json_object(after, omit_empty=omit_empty),
        },
        same=_actor_columns(basis, message),
    )


def _actor_columns(basis: str, message: str) -> dict[str, Any]:
    """Who writes, and why: the same in every record of one action."""
    actor = current_actor()
    user = actor.user
    return {
        "request_id": actor.request_id,
        "user_id": user.pk if user is not None else None,
        "user_name": actor.user_name,
        "source": actor.source,
        "remote_addr": actor.remote_addr,
        "basis": basis[:500],
        "message": message[:500],
    }


def _insert(rows: list[tuple[Any, ...]], basis: str, message: str) -> None:
    bulk.insert(ChangeRecord, _BULK_COLUMNS, rows, same=_actor_columns(basis, message))


def _record(
    obj: models.Model,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    basis: str,
    message: str,
) -> ChangeRecord:
    actor = current_actor()
    user = actor.user
    return ChangeRecord(
        request_id=actor.request_id,
        user=user,
        user_name=actor.user_name,
        source=actor.source,
        remote_addr=actor.remote_addr,
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        unit_id=getattr(obj, "audit_unit_id", None),
        before=before,
        after=after,
        basis=basis[:500],
        message=message[:500],
    )


def access_record(*, obj: models.Model, action: str, message: str = "") -> ChangeRecord:
    """Log that personal data was read in full ("read") or exported ("export")."""
    return change_record(obj=obj, action=action, before=None, after=None, message=message)
