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


def change_records_bulk(
    *, objs: list[models.Model], action: str, afters: list[dict[str, Any]], basis: str = ""
) -> None:
    """The change records of many created objects, written in one statement."""
    ChangeRecord.objects.bulk_create(
        [
            _record(obj, action, None, after, basis, "")
            for obj, after in zip(objs, afters, strict=True)
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
        before=before,
        after=after,
        basis=basis[:500],
        message=message[:500],
    )
