"""Plan pages: the list (and a form to start a plan), the plan editor (merge or consolidate
units into a successor, carry their staff, or paste any event; submit, approve, reject), the
impact page with before/after tables and a flow diagram, and two plans compared.

The views only read the form, call plans.services / plans.queries and render."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from tinhgon.core.dates import parse_user_date
from tinhgon.core.errors import DomainError, Forbidden, NotFound, Problem
from tinhgon.jobs import runner
from tinhgon.jobs.models import Job
from tinhgon.jobs.runner import job_of
from tinhgon.plans import queries, services
from tinhgon.plans.jobs import IMPACT, impact_data, impact_job
from tinhgon.plans.labels import TABLES
from tinhgon.plans.models import OPEN_STATUSES, Status
from tinhgon.plans.representations import data
from tinhgon.registry.kinds import EventKind, UnitKind

from .views import page

MERGER_KINDS = [(k, EventKind(k).label) for k in (EventKind.MERGE, EventKind.CONSOLIDATE)]


def _refs(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _required(name: str) -> DomainError:
    return DomainError(Problem("required", _("This field is required."), name))


# ---------------------------------------------------------------------------- list


@require_http_methods(["GET", "HEAD", "POST"])
@page
def plans(request: HttpRequest) -> HttpResponse:
    form = request.POST.dict() if request.method == "POST" else {}
    if request.method == "POST":
        try:
            created = services.plan_create(
                name=form.get("name", ""),
                scope=form.get("scope", "").strip(),
                base_on=parse_user_date(form.get("base_on", ""), "base_on"),
                effective_on=parse_user_date(form.get("effective_on", ""), "effective_on"),
                note=form.get("note", ""),
            )
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            context = {"rows": queries.plans(), "form": form, "problems": error.problems}
            return render(request, "web/plans/list.html", context, status=400)
        return redirect("web:plan", plan_id=created.pk)
    return render(request, "web/plans/list.html", {"rows": queries.plans(), "form": form})


# ---------------------------------------------------------------------------- editor


def _merger_spec(form: dict[str, str]) -> dict[str, Any]:
    """The event of the editor's merger form: units going in, and the successor (an existing
    unit absorbing them, or a new one named here)."""
    kind = form.get("kind", EventKind.MERGE)
    inputs = [{"unit": ref} for ref in _refs(form.get("units", ""))]
    spec: dict[str, Any] = {"kind": kind, "inputs": inputs}
    if form.get("title", "").strip():
        spec["title"] = form["title"].strip()
    if kind == EventKind.MERGE:
        spec["outputs"] = [{"unit": form.get("successor", "").strip()}]
        return spec
    new: dict[str, Any] = {"name": form.get("new_name", ""), "kind": form.get("new_kind", "")}
    for name in ("subtype", "parent", "territory"):
        if form.get(f"new_{name}", "").strip():
            new[name] = form[f"new_{name}"].strip()
    if form.get("new_code", "").strip():
        new["codes"] = [{"scheme": "gso", "code": form["new_code"].strip()}]
    spec["outputs"] = [{"new": new}]
    return spec


def _act(plan_id: int, form: dict[str, str]) -> None:
    action = form.get("action", "")
    carry = form.get("carry") == "on"
    if action == "merger":
        services.plan_propose(plan=plan_id, spec=_merger_spec(form), carry=carry)
    elif action == "event":
        try:
            spec = json.loads(form.get("event", ""))
        except json.JSONDecodeError as error:
            message = _("JSON syntax error at line %(line)s, column %(column)s: %(reason)s.")
            place = {"line": error.lineno, "column": error.colno, "reason": error.msg}
            raise DomainError(Problem("json_syntax", message % place, "event")) from None
        services.plan_propose(plan=plan_id, spec=spec, carry=carry)
    elif action == "remove":
        position = form.get("position", "")
        if not position.isdigit():
            raise _required("position")
        services.plan_event_remove(plan=plan_id, position=int(position))
    elif action == "note":
        services.plan_note_add(
            plan=plan_id, text=form.get("text", ""), reference=form.get("reference", "")
        )
    elif action == "submit":
        services.plan_submit(plan=plan_id)
    elif action == "approve":
        signed = form.get("signed_on", "").strip()
        document = None
        if form.get("number", "").strip():
            document = {
                "number": form["number"].strip(),
                "issuer": form.get("issuer", "").strip(),
                "kind": form.get("document_kind") or "resolution",
                "signed_on": parse_user_date(signed, "signed_on").isoformat() if signed else None,
            }
        services.plan_approve(plan=plan_id, document=document)
    elif action == "reject":
        services.plan_reject(plan=plan_id, note=form.get("text", ""))
    else:
        raise _required("action")


@require_http_methods(["GET", "HEAD", "POST"])
@page
def plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    problems: list[Problem] = []
    form = request.POST.dict() if request.method == "POST" else {}
    if request.method == "POST":
        try:
            _act(plan_id, form)
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            problems = error.problems
        else:
            return redirect("web:plan", plan_id=plan_id)
    found = queries.plan_detail(plan_id)
    context = {
        "found": found,
        "open": found.plan.status in OPEN_STATUSES,
        "form": form,
        "problems": problems,
        "merger_kinds": MERGER_KINDS,
        "unit_kinds": UnitKind.choices,
    }
    return render(request, "web/plans/plan.html", context, status=400 if problems else 200)


# ---------------------------------------------------------------------------- impact


def _tables(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """Each figure table as rows of (label, without, with, change)."""
    tables = []
    for key, title in TABLES.items():
        b = {r["key"]: r for r in before[key]}
        a = {r["key"]: r for r in after[key]}
        rows = []
        for k in [*b, *(k for k in a if k not in b)]:
            old = b[k]["value"] if k in b else None
            new = a[k]["value"] if k in a else None
            change = new - old if old is not None and new is not None else None
            label = (a.get(k) or b[k])["label"]
            rows.append({"label": label, "before": old, "after": new, "change": change})
        if rows:
            tables.append({"key": key, "title": title, "rows": rows})
    return tables


def _sankey(flows: list[dict[str, Any]]) -> dict[str, Any]:
    """Units → successors for the diagram; a unit that goes nowhere (dissolved) is left out."""
    names: dict[int, str] = {}
    links = []
    for flow in flows:
        source, target = flow["source"], flow["target"]
        if source["id"] == target["id"]:
            continue
        for ref in (source, target):
            names[ref["id"]] = f"{ref['name']} #{ref['id']}"
        links.append({"source": names[source["id"]], "target": names[target["id"]], "value": 1})
    return {"nodes": [{"name": n} for n in names.values()], "links": links}


def _dated(found: dict[str, Any]) -> dict[str, Any]:
    """The kept impact (dates as YYYY-MM-DD) with the dates the page shows as dates."""
    found["on"] = dt.date.fromisoformat(found["on"])
    for s in found["successors"]:
        for key in ("deputy_deadline", "staff_deadline"):
            s[key] = dt.date.fromisoformat(s[key]) if s[key] else None
    return found


def _impact_result(request: HttpRequest, plan_id: int) -> Job | None:
    """The impact asked for (?job=), else the user's last one still up to date."""
    asked = request.GET.get("job", "").strip()
    if not asked:
        return impact_job(plan_id, request.user)
    job = job_of(asked, request.user)
    of_plan = job.kind == IMPACT and job.params.get("plan") == str(plan_id)
    if not of_plan or job.status != Job.Status.DONE:
        raise NotFound(Problem("job_not_found", _("This job does not exist."), "job"))
    return job


@require_http_methods(["GET", "HEAD", "POST"])
@page
def plan_impact(request: HttpRequest, plan_id: int) -> HttpResponse:
    """GET: the impact kept by a finished job; POST: compute it again, in the background (a
    national plan takes minutes), and follow its progress."""
    if request.method == "POST":
        started = runner.start(IMPACT, {"plan": str(plan_id)}, user=request.user)
        return redirect("web:job", job_id=started.pk)
    detail = queries.plan_detail(plan_id)  # the plan exists and the user may see it
    job = _impact_result(request, plan_id)
    if job is None:
        return render(request, "web/plans/impact_missing.html", {"plan": detail.plan})
    found = _dated(impact_data(job))
    context = {
        "found": found,
        "job": job,
        "tables": _tables(found["before"], found["after"]),
        "flows": _sankey(found["flows"]),
        "approved": found["plan"]["status"] == Status.APPROVED,
    }
    return render(request, "web/plans/impact.html", context)


# ---------------------------------------------------------------------------- compare


@require_safe
@page
def plans_compare(request: HttpRequest) -> HttpResponse:
    first, second = request.GET.get("a", "").strip(), request.GET.get("b", "").strip()
    context: dict[str, Any] = {"rows": queries.plans(), "a": first, "b": second}
    if first and second:
        found = queries.compare(first, second)
        tables: dict[str, list[Any]] = {}
        for row in found.rows:
            tables.setdefault(row.table, []).append(row)
        context.update(
            found=found,
            tables=[{"title": TABLES[k], "rows": rows} for k, rows in tables.items()],
            data=data(found),
        )
    return render(request, "web/plans/compare.html", context)
