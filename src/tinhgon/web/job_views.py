"""Background jobs in the web UI: a job's progress page (updated by web/jobs.js from the status
below, or by reloading without script), its status as JSON, and its file."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_safe

from tinhgon.jobs.models import Job
from tinhgon.jobs.runner import job_of, job_state, jobs_of
from tinhgon.plans.jobs import IMPACT

from .views import page


def result_url(job: Job) -> str | None:
    """The page that shows a finished job's result, for the kinds that have one (besides the
    file): a plan's impact."""
    if job.status != Job.Status.DONE or job.kind != IMPACT:
        return None
    return reverse("web:plan-impact", args=[int(job.params["plan"])]) + f"?job={job.pk}"


def status_data(job: Job) -> dict[str, object]:
    done = job.status == Job.Status.DONE
    return {
        **job_state(job),
        "status_label": capfirst(job.get_status_display()),
        "file": reverse("web:job-file", args=[job.pk]) if done else None,
        "result": result_url(job),
    }


@require_safe
@page
def jobs(request: HttpRequest) -> HttpResponse:
    return render(request, "web/jobs/list.html", {"jobs": jobs_of(request.user)})


@require_safe
@page
def job(request: HttpRequest, job_id: str) -> HttpResponse:
    found = job_of(job_id, request.user)
    return render(request, "web/jobs/job.html", {"job": found, "result": result_url(found)})


@require_safe
@page
def job_status(request: HttpRequest, job_id: str) -> HttpResponse:
    return JsonResponse(status_data(job_of(job_id, request.user)))


@require_safe
@page
def job_file(request: HttpRequest, job_id: str) -> HttpResponse:
    found = job_of(job_id, request.user)
    if found.status != Job.Status.DONE:
        return render(request, "web/jobs/job.html", {"job": found}, status=409)
    response = HttpResponse(bytes(found.content or b""), content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.file_name}"'
    return response
