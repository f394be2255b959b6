"""Reading the audit log, within what the acting user may audit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from tinhgon.accounts.access import current_access
from tinhgon.accounts.roles import Action

from .models import ChangeRecord


@dataclass(frozen=True)
class LogFilter:
    user: str = ""
    object_type: str = ""
    object_id: str = ""
    unit_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""


def change_records(filters: LogFilter) -> QuerySet[ChangeRecord]:
    """The change records matching `filters`, newest first. A user whose audit right covers
    a scope sees the records filed under its units; rows about no unit (documents, accounts
    at the top) only with the right over the whole system. Needs the audit right."""
    access = current_access()
    access.require(Action.VIEW_AUDIT)
    qs = ChangeRecord.objects.all()
    scope = access.units(Action.VIEW_AUDIT)
    if scope is not None:
        qs = qs.filter(unit_id__in=sorted(scope))
    if filters.user:
        qs = qs.filter(user_name__iexact=filters.user.strip())
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.object_id:
        qs = qs.filter(object_id=filters.object_id.strip())
    if filters.unit_id is not None:
        qs = qs.filter(unit_id=filters.unit_id)
    if filters.date_from is not None:
        qs = qs.filter(at__date__gte=filters.date_from)
    if filters.date_to is not None:
        qs = qs.filter(at__date__lte=filters.date_to)
    if filters.text.strip():
        qs = qs.filter(object_repr__icontains=filters.text.strip())
    return qs.order_by("-at", "-id")


def object_types() -> list[str]:
    """The kinds of object the log holds, for a filter's choices."""
    return sorted(set(ChangeRecord.objects.values_list("object_type", flat=True).distinct()))
