"""The pages. Each parses its parameters, calls registry.queries (or web.reads) and renders.

A DomainError from anywhere below becomes a page with its Vietnamese messages: 404 when the
thing asked for does not exist (at the date asked), 400 for other bad input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tinhgon.core.dates import today
from tinhgon.core.errors import DomainError, Forbidden, NotFound, Problem
from tinhgon.registry import queries
from tinhgon.registry.kinds import EventKind, KindGroup, Role
from tinhgon.registry.models import Event, EventUnit, Unit, UnitVersion
from tinhgon.registry.outline import outline

from .params import as_of, choice_param, date_param, depth_param, show

View = Callable[..., HttpResponse]

LINEAGE_BACK_DEFAULT = dt.date(2015, 1, 1)


def page(view: View) -> View:
    """Render DomainError as a page in Vietnamese instead of a traceback."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            return error_page(request, error.problems, status=404)
        except Forbidden as error:
            return error_page(request, error.problems, status=403)
        except DomainError as error:
            return error_page(request, error.problems, status=400)

    return wrapper


def error_page(request: HttpRequest, problems: list[Problem], status: int) -> HttpResponse:
    context = {
        "status": status,
        "problems": problems,
        "date_problem": any(p.code == "invalid_date" for p in problems),
    }
    return render(request, "web/error.html", context, status=status)


def _unit(unit_id: int, on: dt.date) -> Unit:
    return queries.unit_resolve(f"id:{unit_id}", on)


def _not_found(code: str, message: str, field: str) -> NotFound:
    return NotFound(Problem(code, message, field))


def _within(version: UnitVersion, on: dt.date) -> dt.date:
    """`on` if the version holds then, else the day of the version nearest to it."""
    if version.holds_on(on):
        return on
    if version.valid_to is not None and version.valid_to <= on:
        return version.valid_until or version.valid_from
    return version.valid_from


# ---------------------------------------------------------------------------- home


@page
def home(request: HttpRequest) -> HttpResponse:
    on = as_of(request)
    roots = queries.top_level(on.date)
    codes = queries.codes_at((v.unit_id for v in roots), on.date)
    context = {
        "as_of": on,
        "empty": queries.registry_is_empty() if not roots else False,
        "roots": [(v, codes.get(v.unit_id, [])) for v in roots],
    }
    return render(request, "web/home.html", context)


# ---------------------------------------------------------------------------- tree


@page
def unit_tree(request: HttpRequest, unit_id: int) -> HttpResponse:
    on = as_of(request)
    depth = depth_param(request)
    chart = request.GET.get("view") == "chart"
    unit = _unit(unit_id, on.date)
    from .interchange_views import list_download  # it imports this module

    if (download := list_download(request, "units", on.date, unit)) is not None:
        return download
    # Bounded: a level that would make the page too big is left to the units' own tree pages.
    found = outline(unit, on.date, depth)
    root = found.root
    context = {
        "as_of": on,
        "unit": unit,
        "root": root,
        "outline": found,
        "crumbs": list(reversed(queries.ancestors(unit, on.date))),
        "depth": "all" if depth is None else str(depth),
        "depths": [str(n) for n in sorted({*range(1, 7), depth or 1})],
        "view": "chart" if chart else "list",
        "count": found.shown,
    }
    return render(request, "web/tree.html", context)


# ---------------------------------------------------------------------------- unit


@dataclass
class LineageSection:
    """One direction of lineage on the unit page: its target date and what it reached."""

    param: str
    start: dt.date
    target: dt.date | None
    entries: list[queries.LineageEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class DiffSection:
    requested: bool
    date_from: dt.date | None
    date_to: dt.date | None
    result: queries.Diff | None = None
    groups: list[queries.KindChange] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _anchor(versions: list[UnitVersion], on: dt.date) -> UnitVersion | None:
    """The version valid on `on`; else the last one before it; else the first one after it."""
    earlier = [v for v in versions if v.valid_from <= on]
    if earlier:
        return earlier[-1]
    return versions[0] if versions else None


def _lineage(
    request: HttpRequest, unit: Unit, start: dt.date, param: str, default: dt.date
) -> LineageSection:
    section = LineageSection(param=param, start=start, target=None)
    try:
        section.target = date_param(request, param, default)
        assert section.target is not None
        forward = param == "forward_to"
        if forward and section.target < start:
            raise DomainError(
                Problem(
                    "target_before_start",
                    _("The target date must not be before %(date)s.") % {"date": show(start)},
                    param,
                )
            )
        if not forward and section.target > start:
            raise DomainError(
                Problem(
                    "target_after_start",
                    _("The target date must not be after %(date)s.") % {"date": show(start)},
                    param,
                )
            )
        section.entries = queries.lineage(unit, start, section.target)
    except DomainError as error:
        section.problems = error.problems
    return section


def _diff(request: HttpRequest, unit: Unit, on: dt.date) -> DiffSection:
    requested = "diff_from" in request.GET or "diff_to" in request.GET
    section = DiffSection(requested=requested, date_from=LINEAGE_BACK_DEFAULT, date_to=on)
    try:
        section.date_from = date_param(request, "diff_from", LINEAGE_BACK_DEFAULT)
        section.date_to = date_param(request, "diff_to", on)
        if not requested or section.date_from is None or section.date_to is None:
            return section
        section.result = queries.diff(unit, section.date_from, section.date_to)
    except DomainError as error:
        section.problems = error.problems
        return section
    order = list(KindGroup.values)
    section.groups = sorted(
        section.result.by_group(),
        key=lambda r: order.index(r.group) if r.group in order else len(order),
    )
    for row in section.groups:
        label = KindGroup(row.group).label if row.group in order else row.group
        if row.change < 0:
            section.summary.append(
                _("%(count)s fewer %(group)s") % {"count": -row.change, "group": label}
            )
        elif row.change > 0:
            section.summary.append(
                _("%(count)s more %(group)s") % {"count": row.change, "group": label}
            )
    return section


@page
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    on = as_of(request)
    unit = _unit(unit_id, on.date)
    record = queries.history(unit)
    shown = _anchor(record.versions, on.date)
    if shown is None:  # a unit is always registered with a version; this is only a safeguard
        raise _not_found(
            "unit_without_versions", _("No unit has the id %(id)s.") % {"id": unit_id}, "unit"
        )
    # The day the lineage and the breadcrumb are about: the date asked, or the nearest day
    # the unit existed.
    start = _within(shown, on.date)
    parents = {
        v.pk: queries.version_at(v.parent_id, v.valid_from) if v.parent_id else None
        for v in record.versions
    }
    forward = _lineage(request, unit, start, "forward_to", today())
    backward = _lineage(request, unit, start, "back_to", LINEAGE_BACK_DEFAULT)
    diff = _diff(request, unit, on.date)
    context = {
        "as_of": on,
        "unit": unit,
        "version": shown,
        "exists": shown.holds_on(on.date),
        "start": start,
        "crumbs": list(reversed(queries.ancestors(unit, start))),
        "codes_now": [c for c in record.codes if c.holds_on(start)],
        "versions": [(v, parents[v.pk]) for v in record.versions],
        "codes": record.codes,
        "events": record.events,
        "forward": forward,
        "backward": backward,
        "diff": diff,
        "territory": (
            queries.version_at(shown.territory_id, start) if shown.territory_id else None
        ),
    }
    problems = forward.problems + backward.problems + diff.problems
    status = 400 if any(p.code == "invalid_date" for p in problems) else 200
    return render(request, "web/unit.html", context, status=status)


@page
def code_redirect(request: HttpRequest, code: str) -> HttpResponse:
    on = as_of(request)
    try:
        unit = queries.unit_resolve(f"code:{code}", on.date, field="code")
    except NotFound:
        raise _not_found(
            "code_not_found",
            _("No unit has the code “%(code)s” on %(date)s.") % {"code": code, "date": on.shown},
            "code",
        ) from None
    url = reverse("web:unit", args=[unit.pk])
    return redirect(f"{url}?{urlencode({'on': on.shown}, safe='/')}")


# ---------------------------------------------------------------------------- events


@dataclass
class Participant:
    link: EventUnit
    version: UnitVersion | None
    on: dt.date


def _participants(event: Event) -> tuple[list[Participant], list[Participant]]:
    """The units going in (as they were the day before) and coming out (as on the day)."""
    links = list(event.participants.all())
    ids = [link.unit_id for link in links]
    before = queries.versions_at(ids, event.day_before)
    after = queries.versions_at(ids, event.effective_on)
    missing = [i for i in ids if i not in before and i not in after]
    latest = queries.latest_versions(missing) if missing else {}
    inputs, outputs = [], []
    for link in links:
        if link.role == Role.INPUT:
            version = before.get(link.unit_id) or after.get(link.unit_id)
            inputs.append(Participant(link, version or latest.get(link.unit_id), event.day_before))
        else:
            version = after.get(link.unit_id) or before.get(link.unit_id)
            outputs.append(
                Participant(link, version or latest.get(link.unit_id), event.effective_on)
            )
    return inputs, outputs


@page
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    on = as_of(request)
    event = queries.event_detail(event_id)
    if event is None:
        raise _not_found(
            "event_not_found", _("No event has the id %(id)s.") % {"id": event_id}, "event"
        )
    inputs, outputs = _participants(event)
    context = {
        "as_of": on,
        "event": event,
        "documents": list(event.documents.all()),
        "inputs": inputs,
        "outputs": outputs,
        "merger": _merger_staffing(event),
    }
    return render(request, "web/event.html", context)


def _merger_staffing(event: Event) -> Any:
    """What a merger or consolidation left in its successor (staffing), if it made one."""
    if event.kind not in MERGER_KINDS:
        return None
    from tinhgon.staffing.queries import merger_staffing

    try:
        return merger_staffing(event)
    except NotFound:  # more than one successor, or one outside the user's scope
        return None


PAGE_SIZE = 50
MERGER_KINDS = (EventKind.MERGE, EventKind.CONSOLIDATE)


@page
def event_list(request: HttpRequest) -> HttpResponse:
    on = as_of(request)
    kind = choice_param(request, "kind", list(EventKind.values))
    start = date_param(request, "from", None)
    end = date_param(request, "to", None)
    paginator = Paginator(queries.events(kind=kind, date_from=start, date_to=end), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {
        "as_of": on,
        "kinds": EventKind.choices,
        "kind": kind,
        "start": show(start) if start else "",
        "end": show(end) if end else "",
        "page_obj": page_obj,
        "events": page_obj.object_list,
    }
    return render(request, "web/event_list.html", context)


@page
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    on = as_of(request)
    document = queries.document(document_id)
    if document is None:
        raise _not_found(
            "document_not_found",
            _("No legal document has the id %(id)s.") % {"id": document_id},
            "document",
        )
    context = {"as_of": on, "document": document, "events": queries.document_events(document)}
    return render(request, "web/document.html", context)


# ---------------------------------------------------------------------------- search


@dataclass
class Found:
    version: UnitVersion
    on: dt.date


@page
def search(request: HttpRequest) -> HttpResponse:
    on = as_of(request)
    text = request.GET.get("q", "").strip()
    only_valid = request.GET.get("scope") == "on"
    results: list[Found] = []
    by_code: list[Found] = []
    if text:
        versions = queries.search(text, on=on.date if only_valid else None)
        results = [Found(v, _within(v, on.date)) for v in versions]
        if " " not in text and len(text) <= 32:
            hits = queries.code_lookup(text, on.date)
            found = queries.versions_at({c.unit_id for c in hits}, on.date)
            by_code = [Found(v, on.date) for v in found.values()]
    context = {
        "as_of": on,
        "q": text,
        "only_valid": only_valid,
        "results": results,
        "by_code": by_code,
    }
    return render(request, "web/search.html", context)
