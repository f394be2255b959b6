"""Staffing pages: quota against headcount for a unit (or its whole apparatus) at a date, with
the headcount over the years as a chart; staff reductions in a period with their totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from tinhgon.registry.queries import unit_resolve
from tinhgon.staffing import queries
from tinhgon.staffing.kinds import Sector

from .interchange_views import list_download
from .params import as_of, date_param, show
from .views import page

FIRST_YEAR = 2015  # the year the streamlining reports count from


@dataclass(frozen=True)
class Bar:
    """One year of the chart: the headcount at the year's end (or the page's date)."""

    year: int
    headcount: int
    x: int
    y: int
    height: int

    @property
    def middle(self) -> int:
        return self.x + BAR_WIDTH // 2


BAR_WIDTH, BAR_STEP, CHART_TOP, CHART_BOTTOM = 40, 56, 20, 170


def _bars(series: list[tuple[int, int]]) -> list[Bar]:
    """The chart's bars, scaled to its height."""
    top = max((count for _, count in series), default=0) or 1
    bars = []
    for index, (year, count) in enumerate(series):
        height = round(count * (CHART_BOTTOM - CHART_TOP) / top)
        bars.append(Bar(year, count, x=index * BAR_STEP, y=CHART_BOTTOM - height, height=height))
    return bars


@require_safe
@page
def unit_staffing(request: HttpRequest, unit_id: int) -> HttpResponse:
    on = as_of(request)
    alone = request.GET.get("alone", "") in ("1", "on", "true")
    unit = unit_resolve(f"id:{unit_id}", on.date)
    if (download := list_download(request, "employees", on.date, unit)) is not None:
        return download
    result = queries.staffing(unit, on.date, scope=not alone, employees=True)
    bars = _bars(queries.headcount_by_year(unit, FIRST_YEAR, on.date, scope=not alone))
    context = {
        "as_of": on,
        "result": result,
        "alone": alone,
        "bars": bars,
        "chart_width": len(bars) * BAR_STEP,
        "contract": queries.contract_workers(unit, on.date),
        "targets": [] if alone else queries.target_checks(unit),
    }
    return render(request, "web/staffing/unit.html", context)


@require_safe
@page
def reductions(request: HttpRequest) -> HttpResponse:
    on = as_of(request)
    ref = request.GET.get("scope", "").strip()
    start = date_param(request, "from", dt.date(FIRST_YEAR, 1, 1))
    end = date_param(request, "to", on.date)
    assert start is not None and end is not None
    sectors = [s for s in request.GET.getlist("sector") if s]
    context: dict[str, object] = {
        "as_of": on,
        "scope_ref": ref,
        "start": show(start),
        "end": show(end),
        "sectors": Sector.choices,
        "chosen": sectors,
    }
    if ref:
        scope = unit_resolve(ref, end, field="scope")
        context["result"] = queries.reductions(scope, start, end, sectors=sectors)
    return render(request, "web/staffing/reductions.html", context)
