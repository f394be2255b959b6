"""Writing change records. Called by domain services inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

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


def change_records_bulk(*, changes: list[Change], basis: str = "", message: str = "") -> None:
    """The change records of many objects, written in one statement: "create" where there is
    no before, "update" otherwise."""
    ChangeRecord.objects.bulk_create(
        [
            _record(obj, "update" if before else "create", before, after, basis, message)
            for obj, before, after in changes
        ],
        batch_size=2000,
    )


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
