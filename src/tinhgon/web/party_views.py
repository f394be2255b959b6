"""Party pages: a party organization at a date, a member's record, the admissions of a period
with their yearly rates and the confirmations due, the statistics table (and its .xlsx), the
admission pipeline of a year, and the organizations that break the Statute's size rules.

Reads go through party.queries and party.stats, which count what the user may see and name
members only where the user may see party details. The pages with a scope (a party
organization, or a unit whose party organizations count) take it as `scope`, resolved within
the user's scope; without one they open on the party organization of the user's grant. Bad
input is said on the page, next to the form that can correct it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tinhgon.accounts.access import current_access
from tinhgon.accounts.roles import Action
from tinhgon.core.dates import parse_user_date, today
from tinhgon.core.errors import DomainError, Forbidden, NotFound, Problem
from tinhgon.party import queries, services, stats
from tinhgon.party.kinds import AttachmentKind, Breakdown, EndReason, Occupation, Stage, Status
from tinhgon.party.stats import column_groups
from tinhgon.people.labels import choice_label
from tinhgon.registry.models import Unit
from tinhgon.registry.queries import unit_resolve
from tinhgon.reports import party_statistics

from .interchange_views import list_download
from .params import AsOf, as_of, date_param, show
from .views import page

PAGE_SIZE = 50
DUE_DAYS = 60  # the organization page lists the confirmations due in the next 60 days
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIRST_YEAR, LAST_YEAR = 1930, 2100  # the years a page accepts (the Party was founded in 1930)


# ---------------------------------------------------------------------------- rows with labels


@dataclass
class MemberLine:
    """A member row with the labels a page shows."""

    row: queries.MemberRow
    status_label: str


def _lines(rows: list[queries.MemberRow]) -> list[MemberLine]:
    return [MemberLine(r, choice_label(Status, r.status)) for r in rows]


@dataclass
class CandidateLine:
    row: queries.CandidateRow
    stage_label: str


@dataclass
class TargetLine:
    row: queries.TargetRow
    remaining: int  # members still to admit to meet the target


@dataclass
class AttachmentLine:
    row: queries.AttachmentRow
    kind_label: str
    until: dt.date | None  # the last day, the end being exclusive


# ---------------------------------------------------------------------------- input


def _problems_page(
    request: HttpRequest, template: str, context: dict[str, Any], error: DomainError
) -> HttpResponse:
    """The page with its form and the Vietnamese messages of what was wrong."""
    status = 404 if isinstance(error, NotFound) else 403 if isinstance(error, Forbidden) else 400
    context["problems"] = error.problems
    context["date_problem"] = any(p.code == "invalid_date" for p in error.problems)
    return render(request, template, context, status=status)


def _default_scope(on: dt.date) -> Unit | None:
    """The party organization of the user's grant (the city's party committee for a grant over
    the city), when the user holds grants over exactly one unit; else None (the page asks)."""
    access = current_access()
    units = {unit_id for _role, unit_id in access.grants}
    only = next(iter(units)) if len(units) == 1 else None
    if access.system or only is None:
        return None
    unit = Unit.objects.filter(pk=only).first()
    if unit is None:
        return None
    try:
        version = stats.party_organization(unit, on)
    except DomainError:
        return None
    return Unit.objects.get(pk=version.unit_id)


def _scope(request: HttpRequest, on: dt.date, context: dict[str, Any]) -> Unit | None:
    """The scope asked for (a code or id:N, at `on`), or the default one."""
    ref = request.GET.get("scope", "").strip()
    if ref:
        return unit_resolve(ref, on, field="scope")
    unit = _default_scope(on)
    if unit is not None:
        context["scope_ref"] = f"id:{unit.pk}"
    return unit


def _year(request: HttpRequest, default: int) -> int:
    raw = request.GET.get("year", "").strip()
    if not raw:
        return default
    if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw)
    message = _("“%(value)s” is not a year (write it with four digits, for example 2025).")
    raise DomainError(Problem("invalid_year", message % {"value": raw}, "year"))


def _base(request: HttpRequest) -> dict[str, Any]:
    """What every scoped page starts with: the scope as typed and the page's date (today if
    the date given is not one; the form still shows what was typed)."""
    return {
        "scope_ref": request.GET.get("scope", "").strip(),
        "as_of": AsOf(today(), ""),
        "on_value": request.GET.get("on", "").strip(),
    }


def _on(request: HttpRequest, context: dict[str, Any]) -> AsOf:
    on = as_of(request)
    context["as_of"] = on
    context["on_value"] = on.shown
    return on


def _paged(request: HttpRequest, rows: list[Any]) -> Any:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


# ---------------------------------------------------------------------------- organization


@require_safe
@page
def organization(request: HttpRequest, unit_id: int) -> HttpResponse:
    on = as_of(request)
    unit = unit_resolve(f"id:{unit_id}", on.date)
    if (download := list_download(request, "members", on.date, unit)) is not None:
        return download
    org = queries.organization(unit, on.date)
    members = _paged(request, org.members)
    context = {
        "as_of": on,
        "org": org,
        "page_obj": members,
        "members": _lines(list(members.object_list)),
        "due": _lines(org.due),
        "due_until": on.date + dt.timedelta(days=DUE_DAYS),
        "year_start": dt.date(on.date.year, 1, 1),
        "scope_ref": f"id:{unit.pk}",
    }
    return render(request, "web/party/organization.html", context)


# ---------------------------------------------------------------------------- member


@require_safe
@page
def member(request: HttpRequest, member_id: int) -> HttpResponse:
    return _member_page(request, member_id)


def _member_page(
    request: HttpRequest,
    member_id: int,
    problems: list[Problem] | None = None,
    status: int = 200,
) -> HttpResponse:
    on = as_of(request)
    record = queries.member_record(member_id)
    context = {
        "problems": problems or [],
        "submitted": request.POST if problems else {},
        # The form shows where confirming is possible; the service checks the rights again.
        "may_confirm": current_access().may(Action.EDIT_PARTY)
        and record.status == Status.PROBATIONARY
        and record.ended_on is None,
        "as_of": on,
        "record": record,
        "status_label": choice_label(Status, record.status),
        "end_reason_label": choice_label(EndReason, record.end_reason),
        "occupation_label": choice_label(Occupation, record.occupation),
        "attachments": [
            AttachmentLine(
                a,
                choice_label(AttachmentKind, a.kind),
                a.valid_to - dt.timedelta(days=1) if a.valid_to else None,
            )
            for a in record.attachments
        ],
    }
    return render(request, "web/party/member.html", context, status=status)


@require_POST
@page
def member_confirm(request: HttpRequest, member_id: int) -> HttpResponse:
    """Confirm a probationary member (official from the end of probation), from the form on
    the member's page; a refusal is shown on that page, next to the form."""
    try:
        decided = parse_user_date(request.POST.get("decided_on", "").strip(), "decided_on")
        services.member_confirm(
            member_id=member_id,
            decided_on=decided,
            decision=request.POST.get("decision", "").strip(),
        )
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        return _member_page(request, member_id, error.problems, status=400)
    return redirect("web:party-member", member_id=member_id)


# ---------------------------------------------------------------------------- admissions


@require_safe
@page
def admissions(request: HttpRequest) -> HttpResponse:
    """The admissions of a period in a scope; the yearly rates of its years; the
    confirmations due in it."""
    template = "web/party/admissions.html"
    context = _base(request)
    context["start"] = request.GET.get("from", "").strip()
    context["end"] = request.GET.get("to", "").strip()
    try:
        on = _on(request, context)
        start = date_param(request, "from", dt.date(on.date.year, 1, 1))
        end = date_param(request, "to", on.date)
        assert start is not None and end is not None
        context.update(start=show(start), end=show(end))
        scope = _scope(request, end, context)
        if scope is not None:
            result = queries.admissions(scope, start, end)
            rows = _paged(request, result.rows)
            context.update(
                result=result,
                page_obj=rows,
                rows=_lines(list(rows.object_list)),
                rates=queries.admission_rates(scope, start.year, end.year),
                due=_lines(queries.confirmations_due(scope, start, end)),
                breakdowns=_breakdowns(result.breakdowns),
            )
    except DomainError as error:
        return _problems_page(request, template, context, error)
    return render(request, template, context)


@dataclass
class BreakdownTable:
    caption: str
    counts: list[queries.Count]


def _breakdowns(found: queries.Breakdowns) -> list[BreakdownTable]:
    labels = dict(Breakdown.choices)
    return [
        BreakdownTable(str(labels[Breakdown.GENDER]), found.gender),
        BreakdownTable(str(labels[Breakdown.AGE]), found.age),
        BreakdownTable(str(labels[Breakdown.MINORITY]), found.minority),
        BreakdownTable(str(labels[Breakdown.OCCUPATION]), found.occupation),
        BreakdownTable(str(labels[Breakdown.EDUCATION]), found.education),
    ]


# ---------------------------------------------------------------------------- statistics


@require_safe
@page
def statistics(request: HttpRequest) -> HttpResponse:
    """The statistics table of a scope on a date; `format=xlsx` downloads it."""
    template = "web/party/statistics.html"
    context = _base(request)
    try:
        on = _on(request, context)
        scope = _scope(request, on.date, context)
        if scope is not None:
            table = stats.statistics(scope, on.date)
            if request.GET.get("format") == "xlsx":
                return _xlsx_response(table)
            context.update(table=table, groups=column_groups(table.columns))
    except DomainError as error:
        return _problems_page(request, template, context, error)
    return render(request, template, context)


def _xlsx_response(table: stats.StatisticsTable) -> HttpResponse:
    response = HttpResponse(party_statistics.xlsx(table), content_type=XLSX)
    name = f"thong-ke-dang-vien-{table.organization.id}-{table.on.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ---------------------------------------------------------------------------- pipeline


@require_safe
@page
def pipeline(request: HttpRequest) -> HttpResponse:
    """The open admission candidates of a scope by stage, and the year's targets against the
    admissions made."""
    template = "web/party/pipeline.html"
    context = _base(request)
    context["year"] = request.GET.get("year", "").strip()
    try:
        on = _on(request, context)
        year = _year(request, on.date.year)
        context["year"] = year
        scope = _scope(
            request, min(dt.date(year, 12, 31), max(on.date, dt.date(year, 1, 1))), context
        )
        if scope is not None:
            result = queries.pipeline(scope, year)
            context.update(
                result=result,
                candidates=[
                    CandidateLine(c, choice_label(Stage, c.stage)) for c in result.candidates
                ],
                targets=[TargetLine(t, max(t.target - t.admitted, 0)) for t in result.targets],
            )
    except DomainError as error:
        return _problems_page(request, template, context, error)
    return render(request, template, context)


# ---------------------------------------------------------------------------- structure


@require_safe
@page
def structure(request: HttpRequest) -> HttpResponse:
    """The cells of a scope by number of official members, and the organizations that break
    the Statute's size rules, on a date."""
    template = "web/party/structure.html"
    context = _base(request)
    try:
        on = _on(request, context)
        scope = _scope(request, on.date, context)
        if scope is not None:
            context["result"] = queries.structure_check(scope, on.date)
    except DomainError as error:
        return _problems_page(request, template, context, error)
    return render(request, template, context)
