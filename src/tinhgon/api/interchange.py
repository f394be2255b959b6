"""The apparatus at a date for other registries: Popolo JSON and W3C ORG JSON-LD
(tinhgon.interchange). Only what the caller may see is written."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from tinhgon.interchange.popolo import popolo_export
from tinhgon.interchange.w3c_org import org_export

from . import openapi as doc
from . import params
from .base import ApiView

TAGS = ["interchange"]
SCOPE = OpenApiParameter(
    "scope",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description=_(
        "Only this unit and its apparatus: an internal id or a code valid on `on` "
        "(default: every unit the caller sees)."
    ),
)


def _scope(request: Request):  # type: ignore[no-untyped-def]
    on = params.on(request)
    ref = params.text(request, "scope")
    return on, (params.unit(ref, on, "scope") if ref else None)


class PopoloExportView(ApiView):
    @extend_schema(
        operation_id="export_popolo",
        summary=_("The apparatus on a date as Popolo JSON"),
        tags=TAGS,
        parameters=[doc.ON, SCOPE],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description=_(
                    "Organizations with their dated parents, posts, persons and memberships."
                ),
            ),
            400: doc.BAD_REQUEST,
            404: doc.NOT_FOUND,
        },
    )
    def get(self, request: Request) -> Response:
        on, scope = _scope(request)
        return Response(popolo_export(on, scope))


class OrgExportView(ApiView):
    @extend_schema(
        operation_id="export_org",
        summary=_("The apparatus on a date as W3C Organization Ontology JSON-LD"),
        tags=TAGS,
        parameters=[doc.ON, SCOPE],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description=_("A JSON-LD graph, with an org:ChangeEvent for every event."),
            ),
            400: doc.BAD_REQUEST,
            404: doc.NOT_FOUND,
        },
    )
    def get(self, request: Request) -> Response:
        on, scope = _scope(request)
        return Response(org_export(on, scope))
