"""The indicator catalogue in the web UI: every indicator, and one computed for a scope at a
date or over a period, with the records behind the figure."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from tinhgon.indicators.catalogue import CATALOGUE, compute, lookup
from tinhgon.registry.queries import unit_resolve

from .params import as_of, date_param, show
from .views import page

PARAMS = ("policy", "sector", "form", "basis")


@require_safe
@page
def indicators(request: HttpRequest) -> HttpResponse:
    return render(request, "web/indicators/list.html", {"indicators": CATALOGUE.values()})


@require_safe
@page
def indicator(request: HttpRequest, key: str) -> HttpResponse:
    item = lookup(key)
    today = as_of(request)
    ref = request.GET.get("scope", "").strip()
    on = date_param(request, "on", today.date) if not item.period else None
    start = date_param(request, "from", None) if item.period else None
    end = date_param(request, "to", today.date) if item.period else None
    params = {name: request.GET.get(name, "").strip() for name in item.params}
    context: dict[str, object] = {
        "as_of": today,
        "item": item,
        "scope_ref": ref,
        "on": show(on) if on else "",
        "start": show(start) if start else "",
        "end": show(end) if end else "",
        "params": params,
        "explain": request.GET.get("explain") == "1",
    }
    if ref and (on or (start and end)):
        day = on or end
        assert day is not None
        scope = unit_resolve(ref, day, field="scope")
        context["result"] = compute(
            key,
            scope,
            on=on,
            date_from=start,
            date_to=end,
            params={k: v for k, v in params.items() if v},
            explain=bool(context["explain"]),
        )
    return render(request, "web/indicators/indicator.html", context)
