"""People: a unit's posts, a post's holders, persons and their careers, unification
policies, their coverage and projection, and leaders who are not local."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from tinhgon.audit.services import access_record
from tinhgon.people import queries
from tinhgon.people.representations import data
from tinhgon.people.services import person_of

from . import openapi as doc
from . import params
from . import people_serializers as ps
from .base import ApiView

TAGS = ["people"]
POLICY = OpenApiParameter(
    "policy",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=True,
    description=_("The policy's code (see /api/policies/)."),
)
SCOPE = OpenApiParameter(
    "scope",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=True,
    description=_("The unit whose places to count: an internal id or a code valid on `on`."),
)
TO = doc.date("to", _("The future date to project the coverage to."), required=True)
NON_LOCAL_POLICY = OpenApiParameter(
    "policy",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description=_("Whose lead post to compare (default: the commune party secretary)."),
)
FOUND = {400: doc.BAD_REQUEST, 404: doc.NOT_FOUND}


class UnitPostsView(ApiView):
    @extend_schema(
        operation_id="unit_posts",
        summary=_("A unit's posts on a date, each with its holders (none: vacant)"),
        tags=TAGS,
        parameters=[doc.REF, doc.ON],
        responses={200: ps.UnitPostsSerializer, **FOUND},
    )
    def get(self, request: Request, ref: str) -> Response:
        on = params.on(request)
        return Response(data(queries.unit_posts(params.unit(ref, on), on)))


class PostView(ApiView):
    @extend_schema(
        operation_id="post",
        summary=_("A post's holders over time and its vacant periods"),
        tags=TAGS,
        parameters=[doc.ID],
        responses={200: ps.PostHistorySerializer, **FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(data(queries.post_history(pk)))


class PersonSearchView(ApiView):
    @extend_schema(
        operation_id="persons_search",
        summary=_("Persons whose name contains the text, diacritics optional (at most 50)"),
        tags=TAGS,
        parameters=[doc.Q],
        responses={200: ps.PersonSerializer(many=True), 400: doc.BAD_REQUEST},
    )
    def get(self, request: Request) -> Response:
        return Response(data(queries.persons_search(params.text(request, "q", required=True))))


class PersonView(ApiView):
    @extend_schema(
        operation_id="person",
        summary=_("A person and their career; reading the personal fields is logged"),
        tags=TAGS,
        parameters=[doc.ID],
        responses={200: ps.CareerSerializer, **FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        career = queries.career(pk)
        if career.person.personal_shown:
            access_record(obj=person_of(pk), action="read", message="api")
        return Response(data(career))


class PolicyListView(ApiView):
    @extend_schema(
        operation_id="policies",
        summary=_("Post-unification policies, built in and defined by users"),
        tags=TAGS,
        parameters=[doc.ON],
        responses={200: ps.PolicySerializer(many=True), 400: doc.BAD_REQUEST},
    )
    def get(self, request: Request) -> Response:
        return Response(data(queries.policies(params.optional_date(request, "on"))))


class CoverageView(ApiView):
    @extend_schema(
        operation_id="coverage",
        summary=_("How many places of a scope comply with a policy on a date, and why not"),
        tags=TAGS,
        parameters=[POLICY, SCOPE, doc.ON],
        responses={200: ps.CoverageSerializer, **FOUND},
    )
    def get(self, request: Request) -> Response:
        on = params.on(request)
        policy = params.text(request, "policy", required=True)
        scope = params.unit(params.text(request, "scope", required=True), on, "scope")
        return Response(data(queries.coverage(policy, scope, on)))


class ProjectionView(ApiView):
    @extend_schema(
        operation_id="coverage_projection",
        summary=_("The coverage on a future date from the records already entered"),
        tags=TAGS,
        parameters=[POLICY, SCOPE, doc.ON, TO],
        responses={200: ps.ProjectionSerializer, **FOUND},
    )
    def get(self, request: Request) -> Response:
        on = params.on(request)
        policy = params.text(request, "policy", required=True)
        scope = params.unit(params.text(request, "scope", required=True), on, "scope")
        to = params.date(request, "to")
        return Response(data(queries.projection(policy, scope, to, as_of=on)))


class NonLocalView(ApiView):
    @extend_schema(
        operation_id="non_local",
        summary=_("Leaders who are not local persons: n of N, and the others"),
        tags=TAGS,
        parameters=[SCOPE, doc.ON, NON_LOCAL_POLICY],
        responses={200: ps.NonLocalSerializer, **FOUND},
    )
    def get(self, request: Request) -> Response:
        on = params.on(request)
        scope = params.unit(params.text(request, "scope", required=True), on, "scope")
        policy = params.text(request, "policy") or None
        return Response(data(queries.non_local(scope, on, policy=policy)))
