"""Staffing: quota against headcount at a date; staff reductions in a period."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from tinhgon.staffing import queries
from tinhgon.staffing.kinds import Sector
from tinhgon.staffing.representations import data

from . import openapi as doc
from . import params
from . import staffing_serializers as ss
from .base import ApiView
from .people import SCOPE

TAGS = ["staffing"]
ALONE = OpenApiParameter(
    "alone",
    OpenApiTypes.BOOL,
    OpenApiParameter.QUERY,
    description=_("The unit alone, without the units under it."),
)
SECTOR = OpenApiParameter(
    "sector",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=Sector.values,
    many=True,
    explode=True,
    description=_("Only these sectors (repeat the parameter for several)."),
)
FOUND = {400: doc.BAD_REQUEST, 404: doc.NOT_FOUND}
FROM = doc.date("from", _("The first day (included)."), required=True)
TO = doc.date("to", _("The last day (included)."), required=True)


class UnitStaffingView(ApiView):
    @extend_schema(
        operation_id="unit_staffing",
        summary=_("Quota against headcount by category on a date, and for each unit"),
        tags=TAGS,
        parameters=[doc.REF, doc.ON, ALONE],
        responses={200: ss.StaffingSerializer, 400: doc.BAD_REQUEST, 404: doc.NOT_FOUND},
    )
    def get(self, request: Request, ref: str) -> Response:
        on = params.on(request)
        alone = params.text(request, "alone").lower() in ("1", "true")
        result = queries.staffing(params.unit(ref, on), on, scope=not alone, employees=True)
        return Response(data(result))


class ReductionsView(ApiView):
    @extend_schema(
        operation_id="reductions",
        summary=_("Staff reductions in a scope over a period, with totals"),
        tags=TAGS,
        parameters=[SCOPE, FROM, TO, SECTOR],
        responses={200: ss.ReductionsSerializer, 400: doc.BAD_REQUEST, 404: doc.NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        start, end = params.date(request, "from"), params.date(request, "to")
        scope = params.unit(params.text(request, "scope", required=True), end, "scope")
        sectors = [v for v in request.query_params.getlist("sector") if v]
        return Response(data(queries.reductions(scope, start, end, sectors=sectors)))


class TargetsView(ApiView):
    @extend_schema(
        operation_id="staffing_targets",
        summary=_("Every headcount target against a unit's records: base, due, change, met"),
        tags=TAGS,
        parameters=[doc.REF, doc.ON],
        responses={200: ss.TargetCheckSerializer(many=True), **FOUND},
    )
    def get(self, request: Request, ref: str) -> Response:
        return Response(data(queries.target_checks(params.unit(ref, params.on(request)))))
