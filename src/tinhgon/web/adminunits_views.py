"""The pages "before and after 2025-07-01": the national summary with the provinces to choose
from, and one province's communes with their predecessors and successors. Each view reads its
parameters, calls `adminunits.queries` and renders; the layout of the flow diagram comes from
`adminunits.representations`."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from tinhgon.adminunits import queries
from tinhgon.adminunits.representations import flow_diagram

from .params import as_of, choice_param, show
from .views import page


def _chooser(details: bool = False) -> dict[str, list[queries.ProvinceRow]]:
    return {
        "old_provinces": queries.provinces(queries.LAST_DAY_BEFORE, details=details),
        "new_provinces": queries.provinces(queries.REFORM_DAY, details=details),
    }


@page
def summary(request: HttpRequest) -> HttpResponse:
    before = queries.counts(queries.LAST_DAY_BEFORE)
    after = queries.counts(queries.REFORM_DAY)
    context = {
        "as_of": as_of(request),
        "before": before,
        "after": after,
        "rows": queries.compare_counts(before, after),
        "old_date": queries.LAST_DAY_BEFORE,
        "new_date": queries.REFORM_DAY,
        **_chooser(details=True),
    }
    return render(request, "web/adminunits/summary.html", context)


@page
def province_pick(request: HttpRequest) -> HttpResponse:
    """Where the province chooser's form goes: on to the chosen province's page."""
    chosen = request.GET.get("province", "").strip()
    side = choice_param(request, "side", list(queries.SIDES)) or queries.AFTER
    if not chosen.isdigit():
        return redirect("web:adminunits")
    url = reverse("web:adminunits-province", args=[int(chosen)])
    return redirect(f"{url}?{urlencode({'on': show(queries.side_date(side))}, safe='/')}")


@page
def province(request: HttpRequest, unit_id: int) -> HttpResponse:
    on = as_of(request)
    filters = queries.Filters(
        kind=choice_param(request, "kind", list(queries.COMMUNE_SUBTYPES)),
        divided=request.GET.get("divided", "") in ("1", "on", "true"),
        text=request.GET.get("text", "").strip(),
    )
    unit = queries.province_resolve(f"id:{unit_id}", on.date)
    result = queries.transition(unit, on.date, filters)
    context = {
        "as_of": on,
        "result": result,
        "diagram": flow_diagram(result),
        "old_date": queries.LAST_DAY_BEFORE,
        "new_date": queries.REFORM_DAY,
        "kinds": queries.COMMUNE_SUBTYPES,
        **_chooser(),
    }
    return render(request, "web/adminunits/province.html", context)
