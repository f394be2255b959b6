"""Restructuring plans: list and create, read one, propose events, impact, checks, compare,
submit, approve, reject. Every answer comes from plans.queries / plans.services."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from tinhgon.accounts.roles import Action
from tinhgon.jobs.runner import start
from tinhgon.plans import queries, services
from tinhgon.plans.jobs import IMPACT
from tinhgon.plans.models import Status
from tinhgon.plans.representations import data

from . import openapi as doc
from . import params
from . import plans_serializers as ps
from .base import ApiView
from .body import JsonBody
from .reports import JobSerializer, job_data

TAGS = ["plans"]
FOUND = {400: doc.BAD_REQUEST, 404: doc.NOT_FOUND}
WRITTEN = {400: doc.BAD_REQUEST, 401: doc.UNAUTHORIZED, 403: doc.FORBIDDEN, 404: doc.NOT_FOUND}
STATUS = OpenApiParameter(
    "status",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=Status.values,
    description=_("Only plans with this status."),
)
A = OpenApiParameter("a", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True)
B = OpenApiParameter("b", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True)


def _detail(plan_id: int, status: int = 200) -> Response:
    found = queries.plan_detail(plan_id)
    headers = {"Location": reverse("api:plan", kwargs={"pk": plan_id})} if status == 201 else {}
    return Response(data(found), status=status, headers=headers)


class PlanListView(ApiView):
    parser_classes = [JSONParser]
    write_action = Action.RECORD_EVENTS

    @extend_schema(
        operation_id="plans_list",
        summary=_("Restructuring plans, latest effective date first"),
        tags=TAGS,
        parameters=[STATUS],
        responses={200: ps.PlanRowSerializer(many=True), 400: doc.BAD_REQUEST},
    )
    def get(self, request: Request) -> Response:
        return Response(data(queries.plans(params.choice(request, "status", Status))))

    @extend_schema(
        operation_id="plans_create",
        summary=_("Create a draft plan"),
        tags=TAGS,
        request=ps.PlanCreateSerializer,
        responses={201: ps.PlanDetailSerializer, **WRITTEN},
    )
    def post(self, request: Request) -> Response:
        body = JsonBody(request, ("name", "scope", "base_on", "effective_on", "note"))
        name, scope, note = body.text("name"), body.text("scope"), body.text("note")
        base_on, effective_on = body.date("base_on"), body.date("effective_on")
        body.check()
        assert base_on is not None and effective_on is not None
        plan = services.plan_create(
            name=name, scope=scope, base_on=base_on, effective_on=effective_on, note=note
        )
        return _detail(plan.pk, 201)


class PlanView(ApiView):
    @extend_schema(
        operation_id="plan",
        summary=_("One plan with its proposed events and notes"),
        tags=TAGS,
        parameters=[doc.ID],
        responses={200: ps.PlanDetailSerializer, **FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        return _detail(pk)


class PlanEventsView(ApiView):
    parser_classes = [JSONParser]
    write_action = Action.RECORD_EVENTS

    @extend_schema(
        operation_id="plan_propose",
        summary=_("Add a proposed event to a plan"),
        tags=TAGS,
        parameters=[doc.ID],
        request=ps.ProposeSerializer,
        responses={201: ps.PlanDetailSerializer, **WRITTEN},
    )
    def post(self, request: Request, pk: int) -> Response:
        body = JsonBody(request, ("event", "carry"))
        body.check()
        event = body.raw.get("event")
        services.plan_propose(
            plan=pk,
            spec=event if isinstance(event, dict) else {},
            carry=body.raw.get("carry", True) is not False,
        )
        return _detail(pk, 201)


POSITION = OpenApiParameter(
    "position",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description=_("The proposed event's position in the plan."),
)


class PlanEventView(ApiView):
    parser_classes = [JSONParser]
    write_action = Action.RECORD_EVENTS

    @extend_schema(
        operation_id="plan_event_update",
        summary=_("Replace a proposed event of a plan"),
        description=_("“carry” left out keeps the event's current choice."),
        tags=TAGS,
        parameters=[doc.ID, POSITION],
        request=ps.ProposeSerializer,
        responses={200: ps.PlanDetailSerializer, **WRITTEN},
    )
    def put(self, request: Request, pk: int, position: int) -> Response:
        body = JsonBody(request, ("event", "carry"))
        body.check()
        event, carry = body.raw.get("event"), body.raw.get("carry")
        services.plan_event_update(
            plan=pk,
            position=position,
            spec=event if isinstance(event, dict) else {},
            carry=None if carry is None else carry is not False,
        )
        return _detail(pk)

    @extend_schema(
        operation_id="plan_event_remove",
        summary=_("Remove a proposed event from a plan"),
        tags=TAGS,
        parameters=[doc.ID, POSITION],
        request=None,
        responses={204: None, **WRITTEN},
    )
    def delete(self, request: Request, pk: int, position: int) -> Response:
        services.plan_event_remove(plan=pk, position=position)
        return Response(status=204)


class PlanImpactView(ApiView):
    write_action = Action.VIEW  # computing the impact writes nothing real

    @extend_schema(
        operation_id="plan_impact",
        summary=_("What a plan does at its effective date, against the records without it"),
        tags=TAGS,
        parameters=[doc.ID],
        responses={200: ps.ImpactSerializer, **FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(data(queries.impact(pk)))

    @extend_schema(
        operation_id="plan_impact_start",
        summary=_("Compute a plan's impact in the background"),
        description=_(
            "For a large plan (a province: minutes). Answers 202 with the job; follow its "
            "status, then download its file: the impact as JSON, as GET gives it."
        ),
        tags=TAGS,
        parameters=[doc.ID],
        request=None,
        responses={202: JobSerializer, 404: doc.NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        job = start(IMPACT, {"plan": str(pk)}, user=request.user)
        headers = {"Location": reverse("api:job", args=[job.pk])}
        return Response(job_data(job), status=202, headers=headers)


class PlanChecksView(ApiView):
    @extend_schema(
        operation_id="plan_checks",
        summary=_("Every problem of a plan"),
        tags=TAGS,
        parameters=[doc.ID],
        responses={200: ps.ChecksSerializer, **FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response({"problems": [p.as_dict() for p in queries.checks(pk)]})


class PlanCompareView(ApiView):
    @extend_schema(
        operation_id="plans_compare",
        summary=_("Two plans side by side"),
        tags=TAGS,
        parameters=[A, B],
        responses={200: ps.ComparisonSerializer, **FOUND},
    )
    def get(self, request: Request) -> Response:
        first = params.text(request, "a", required=True)
        second = params.text(request, "b", required=True)
        return Response(data(queries.compare(first, second)))


class _Decision(ApiView):
    parser_classes = [JSONParser]
    write_action = Action.RECORD_EVENTS


class PlanSubmitView(_Decision):
    @extend_schema(
        operation_id="plan_submit",
        summary=_("Submit a plan for decision"),
        tags=TAGS,
        parameters=[doc.ID],
        request=None,
        responses={200: ps.PlanDetailSerializer, **WRITTEN},
    )
    def post(self, request: Request, pk: int) -> Response:
        services.plan_submit(plan=pk)
        return _detail(pk)


class PlanApproveView(_Decision):
    @extend_schema(
        operation_id="plan_approve",
        summary=_("Approve a plan: its events are recorded for real"),
        description=_(
            "Needs the deciding document. Every proposed event is recorded through the "
            "registry's services in one transaction: a 400 lists every problem and nothing "
            "real is written."
        ),
        tags=TAGS,
        parameters=[doc.ID],
        request=ps.ApproveSerializer,
        responses={200: ps.PlanDetailSerializer, **WRITTEN},
    )
    def post(self, request: Request, pk: int) -> Response:
        body = JsonBody(request, ("document",))
        body.check()
        services.plan_approve(plan=pk, document=body.raw.get("document"))
        return _detail(pk)


class PlanRejectView(_Decision):
    @extend_schema(
        operation_id="plan_reject",
        summary=_("Reject a plan; it is kept for the record"),
        tags=TAGS,
        parameters=[doc.ID],
        request=ps.RejectSerializer,
        responses={200: ps.PlanDetailSerializer, **WRITTEN},
    )
    def post(self, request: Request, pk: int) -> Response:
        body = JsonBody(request, ("note",))
        note = body.text("note")
        body.check()
        services.plan_reject(plan=pk, note=note)
        return _detail(pk)
