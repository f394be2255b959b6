"""Reports through the API: asking for one starts a background job (202 with the job); the
job's status tells the progress, and its file is downloaded when it is done."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers as S
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from tinhgon.accounts.roles import Action
from tinhgon.core.errors import DomainError, Problem
from tinhgon.jobs.models import Job
from tinhgon.jobs.runner import job_of, job_state, start
from tinhgon.reports.jobs import DATES, FIELDS

from .base import ApiView
from .body import JsonBody

TAGS = ["reports"]


class ReportRequestSerializer(S.Serializer):
    scope = S.CharField(help_text=_("The scope: a unit's code or id:N."))
    date_from = S.DateField(required=False, help_text=_("Đề án 25: the first day."))
    to = S.DateField(required=False, help_text=_("Đề án 25: the last day."))
    on = S.DateField(required=False, help_text=_("The date of the party figures."))
    posts_on = S.DateField(required=False)
    interim = S.DateField(required=False)
    term_start = S.DateField(required=False)
    layout = S.ChoiceField(choices=["party", "state"], required=False)
    format = S.ChoiceField(choices=["docx", "xlsx", "html", "pdf"], required=False)
    number = S.CharField(required=False)
    date = S.DateField(required=False, help_text=_("The date it is signed (today)."))
    signer = S.CharField(required=False)

    def get_fields(self):  # type: ignore[no-untyped-def]
        fields = super().get_fields()
        fields["from"] = fields.pop("date_from")  # "from" is a Python keyword
        return fields


class JobSerializer(S.Serializer):
    id = S.UUIDField()
    kind = S.CharField()
    title = S.CharField()
    status = S.CharField(help_text=_("queued, running, done or failed."))
    interrupted = S.BooleanField()
    done = S.IntegerField()
    total = S.IntegerField(allow_null=True)
    percent = S.IntegerField(allow_null=True)
    step = S.CharField(allow_blank=True)
    problems = S.ListField(child=S.DictField())
    file_name = S.CharField(allow_blank=True)
    file = S.CharField(allow_null=True, help_text=_("Where to download the file once done."))


def job_data(job: Job) -> dict[str, object]:
    done = job.status == Job.Status.DONE
    return {**job_state(job), "file": reverse("api:job-file", args=[job.pk]) if done else None}


def _params(request: Request, kind: str) -> dict[str, str]:
    """The body's fields as text for the job; unknown fields and dates not in YYYY-MM-DD
    refused at once."""
    body = JsonBody(request, FIELDS[kind])
    for name in FIELDS[kind]:
        if name in DATES:
            body.date(name, required=False)
        else:
            body.text(name)
    body.check()
    return {name: str(body.raw[name]).strip() for name in FIELDS[kind] if body.raw.get(name)}


KIND = OpenApiParameter(
    "kind", OpenApiTypes.STR, OpenApiParameter.PATH, enum=sorted(FIELDS), description=_("Report.")
)
JOB = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH, description=_("The job."))


class ReportView(ApiView):
    parser_classes = [JSONParser]
    write_action = Action.VIEW  # asking for a report writes nothing of the registry

    @extend_schema(
        operation_id="report_start",
        summary=_("Start building a report in the background"),
        description=_(
            "de-an-25: the Đề án 25 report of a scope over a period (scope, from and to "
            "required); party-statistics: the party statistics table of a scope on a date. "
            "Answers 202 with the job; follow its status, then download its file."
        ),
        tags=TAGS,
        parameters=[KIND],
        request=ReportRequestSerializer,
        responses={202: JobSerializer},
    )
    def post(self, request: Request, kind: str) -> Response:
        if kind not in FIELDS:
            message = gettext("There is no report “%(kind)s”.") % {"kind": kind}
            raise DomainError(Problem("unknown_report", message, "kind"))
        job = start(kind, _params(request, kind), user=request.user)
        response = Response(job_data(job), status=202)
        response["Location"] = reverse("api:job", args=[job.pk])
        return response


class JobView(ApiView):
    @extend_schema(
        operation_id="job",
        summary=_("A job's status and progress"),
        tags=TAGS,
        parameters=[JOB],
        responses={200: JobSerializer},
    )
    def get(self, request: Request, id: str) -> Response:
        return Response(job_data(job_of(id, request.user)))


class JobFileView(ApiView):
    @extend_schema(
        operation_id="job_file",
        summary=_("The file a finished job wrote"),
        tags=TAGS,
        parameters=[JOB],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY),
            409: JobSerializer,
        },
    )
    def get(self, request: Request, id: str) -> HttpResponse:
        job = job_of(id, request.user)
        if job.status != Job.Status.DONE:
            return Response(job_data(job), status=409)
        response = HttpResponse(bytes(job.content or b""), content_type=job.content_type)
        response["Content-Disposition"] = f'attachment; filename="{job.file_name}"'
        return response
