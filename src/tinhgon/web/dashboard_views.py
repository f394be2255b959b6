"""The dashboard: every target of the schemes in force for a scope at a date against what was
achieved (met, on track, behind, no data), a chart over the years per target and a link from
each figure to the indicator page with the records behind it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from tinhgon.indicators import targets as tg
from tinhgon.registry.queries import unit_resolve

from .params import as_of
from .views import page


@require_safe
@page
def dashboard(request: HttpRequest) -> HttpResponse:
    on = as_of(request)
    ref = request.GET.get("scope", "").strip()
    context: dict[str, object] = {"as_of": on, "scope_ref": ref, "on": on.shown}
    if ref:
        scope = unit_resolve(ref, on.date, field="scope")
        found = tg.targets_for(scope, on.date, with_series=True)
        rows = []
        for index, item in enumerate(found):
            url = reverse("web:indicator", args=[item.target.indicator])
            rows.append({"index": index, "item": item, "url": f"{url}?{urlencode(item.link)}"})
        context |= {
            "scope": scope,
            "rows": rows,
            "data": [tg.evaluation_data(e) for e in found],
        }
    return render(request, "web/dashboard.html", context)
