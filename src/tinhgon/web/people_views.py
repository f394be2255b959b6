"""People pages: a unit's posts and holders at a date, a post's holders and vacancies, a
person's career, finding a person, and the coverage of a post-unification policy.

Reads go through people.queries, which answer within the user's scope and show personal
fields only to roles that may see them; opening a person's full record is logged.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from tinhgon.audit.services import access_record
from tinhgon.core.errors import DomainError, Problem
from tinhgon.people import queries
from tinhgon.people.coverage_page import coverage_page, places_page
from tinhgon.people.services import person_of
from tinhgon.registry.models import Unit
from tinhgon.registry.queries import unit_resolve

from .interchange_views import list_download
from .params import as_of, date_param, show
from .views import page

PLACES_PER_PAGE = 50


@require_safe
@page
def unit_posts(request: HttpRequest, unit_id: int) -> HttpResponse:
    on = as_of(request)
    unit = unit_resolve(f"id:{unit_id}", on.date)
    if (download := list_download(request, "holdings", on.date, unit)) is not None:
        return download
    context = {"as_of": on, "result": queries.unit_posts(unit, on.date)}
    return render(request, "web/people/unit_posts.html", context)


@require_safe
@page
def post_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    on = as_of(request)
    context = {"as_of": on, "history": queries.post_history(post_id)}
    return render(request, "web/people/post.html", context)


@require_safe
@page
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    on = as_of(request)
    career = queries.career(person_id)
    if career.person.personal_shown:
        access_record(obj=person_of(person_id), action="read", message="web")
    context = {"as_of": on, "career": career, "person": career.person}
    return render(request, "web/people/person.html", context)


@require_safe
@page
def person_search(request: HttpRequest) -> HttpResponse:
    on = as_of(request)
    text = request.GET.get("q", "").strip()
    if (download := list_download(request, "persons", on.date, None)) is not None:
        return download
    context = {
        "as_of": on,
        "q_person": text,
        "persons": queries.persons_search(text) if text else [],
    }
    return render(request, "web/people/search.html", context)


def _scope(request: HttpRequest, on: dt.date) -> Unit | None:
    ref = request.GET.get("scope", "").strip()
    return unit_resolve(ref, on, field="scope") if ref else None


@require_safe
@page
def coverage(request: HttpRequest) -> HttpResponse:
    """A policy's coverage for a scope at a date; with a later date, the projection to it."""
    on = as_of(request)
    policies = queries.policies(on.date)
    code = request.GET.get("policy", "")
    scope = _scope(request, on.date)
    later = date_param(request, "to", None)
    context: dict[str, object] = {
        "as_of": on,
        "policies": policies,
        "policy_code": code,
        "scope_ref": request.GET.get("scope", ""),
        "to": show(later) if later else "",
    }
    if code and scope is None:
        message = _("Choose the unit whose places to count (its number or code).")
        raise DomainError(Problem("scope_required", message, "scope"))
    if code and scope is not None:
        number = request.GET.get("page")
        # The totals, and one page of places: a province has thousands of villages.
        if later is not None and later > on.date:
            projected = queries.projection(code, scope, later, as_of=on.date)
            context.update(result=projected.coverage, projection=projected)
            context["page_obj"] = places_page(projected.coverage, number, PLACES_PER_PAGE)
            context["non_local"] = queries.non_local(scope, on.date, policy=code)
        else:
            found = coverage_page(code, scope, on.date, page=number, per_page=PLACES_PER_PAGE)
            context.update(result=found, page_obj=found.page, non_local=found.locality)
    return render(request, "web/people/coverage.html", context)
