"""The audit log: who changed what, when, from where and on what basis, filtered."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from tinhgon.audit import queries
from tinhgon.audit.models import ChangeRecord
from tinhgon.core.errors import DomainError, Problem

from .params import date_param
from .views import page

PAGE_SIZE = 50


def _unit_param(request: HttpRequest) -> int | None:
    raw = request.GET.get("unit", "").strip().lstrip("#")
    if not raw:
        return None
    if not raw.isdigit():
        raise DomainError(
            Problem("invalid_unit", _("The unit must be given by its number (e.g. 12)."), "unit")
        )
    return int(raw)


def changed_fields(record: ChangeRecord) -> list[tuple[str, Any, Any]]:
    """(field, before, after) for each field the write changed; every field for a creation
    or a deletion."""
    before, after = record.before or {}, record.after or {}
    return [
        (name, before.get(name), after.get(name))
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    ]


@require_safe
@page
def audit_log(request: HttpRequest) -> HttpResponse:
    filters = queries.LogFilter(
        user=request.GET.get("user", ""),
        object_type=request.GET.get("type", ""),
        object_id=request.GET.get("object", ""),
        unit_id=_unit_param(request),
        date_from=date_param(request, "from", None),
        date_to=date_param(request, "to", None),
        text=request.GET.get("q", ""),
    )
    records = queries.change_records(filters)
    paginator = Paginator(records, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "records": [(record, changed_fields(record)) for record in page_obj.object_list],
        "page_obj": page_obj,
        "object_types": queries.object_types(),
        "start": request.GET.get("from", ""),
        "end": request.GET.get("to", ""),
    }
    return render(request, "web/accounts/audit.html", context)
