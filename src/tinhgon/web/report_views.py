"""Reports in the web UI: the forms that ask for one; the report is built in the background
(tinhgon.jobs) and the browser goes to the job's progress page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tinhgon.core.errors import DomainError
from tinhgon.jobs import runner
from tinhgon.reports.de_an_25 import PARTY, STATE
from tinhgon.reports.jobs import FIELDS
from tinhgon.reports.render import RENDERERS

from .views import page

TEMPLATES = {
    "de-an-25": "web/reports/de_an_25.html",
    "party-statistics": "web/reports/party_statistics.html",
}


def _context(kind: str, values: dict[str, str]) -> dict[str, object]:
    return {
        "kind": kind,
        "values": values,
        "formats": list(RENDERERS),
        "layouts": [PARTY, STATE],
        "jobs": [],
    }


def _report(request: HttpRequest, kind: str) -> HttpResponse:
    """The form (GET), or start building the report and go to its progress (POST)."""
    source = request.POST if request.method == "POST" else request.GET
    values = {name: source.get(name, "").strip() for name in FIELDS[kind]}
    context = _context(kind, values)
    if request.method == "POST":
        try:
            job = runner.start(kind, values, user=request.user)
        except DomainError as error:
            context["problems"] = error.problems
            context["date_problem"] = any(p.code == "invalid_date" for p in error.problems)
            return render(request, TEMPLATES[kind], context, status=400)
        return redirect("web:job", job_id=job.pk)
    context["jobs"] = runner.jobs_of(request.user, limit=10)
    return render(request, TEMPLATES[kind], context)


@require_http_methods(["GET", "POST"])
@page
def de_an_25(request: HttpRequest) -> HttpResponse:
    return _report(request, "de-an-25")


@require_http_methods(["GET", "POST"])
@page
def party_statistics(request: HttpRequest) -> HttpResponse:
    return _report(request, "party-statistics")
