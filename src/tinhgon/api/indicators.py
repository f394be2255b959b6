"""The indicator catalogue: what each indicator counts, and its figure for a scope at a date or
over a period, with the records behind it on request."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as S
from rest_framework.request import Request
from rest_framework.response import Response

from tinhgon.indicators.catalogue import CATALOGUE, compute, lookup
from tinhgon.people.representations import data

from . import openapi as doc
from . import params
from .base import ApiView
from .people import SCOPE
from .people_serializers import UnitRefSerializer

TAGS = ["indicators"]
PARAMS = ("policy", "sector", "form", "basis")


class IndicatorSerializer(S.Serializer):
    key = S.CharField()
    label = S.CharField()  # type: ignore[assignment]  # shadows Field.label
    description = S.CharField()
    period = S.BooleanField(help_text=_("Counted over a period (from, to) or at a date (on)."))
    params = S.ListField(child=S.CharField())


class FigureSerializer(S.Serializer):
    key = S.CharField()
    label = S.CharField()  # type: ignore[assignment]  # shadows Field.label
    value = S.FloatField(allow_null=True)
    total = S.IntegerField(allow_null=True)
    rate = S.FloatField(allow_null=True)


class EvidenceSerializer(S.Serializer):
    kind = S.CharField()
    id = S.IntegerField(allow_null=True)
    label = S.CharField()  # type: ignore[assignment]  # shadows Field.label
    on = S.DateField(allow_null=True)
    detail = S.CharField(allow_blank=True)


class ResultSerializer(S.Serializer):
    key = S.CharField()
    label = S.CharField()  # type: ignore[assignment]  # shadows Field.label
    scope = UnitRefSerializer()
    on = S.DateField(allow_null=True)
    date_from = S.DateField(allow_null=True)
    date_to = S.DateField(allow_null=True)
    value = S.FloatField(allow_null=True, help_text=_("The headline figure; null: no data."))
    unit = S.CharField()
    figures = FigureSerializer(many=True)
    evidence = EvidenceSerializer(many=True)
    explained = S.BooleanField()


def _text(name: str, description: StrOrPromise) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, OpenApiParameter.QUERY, description=description)


KEY = OpenApiParameter(
    "key",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=sorted(CATALOGUE),
    description=_("The indicator."),
)
EXPLAIN = OpenApiParameter(
    "explain",
    OpenApiTypes.BOOL,
    OpenApiParameter.QUERY,
    description=_("List the records and events behind the figure."),
)


class IndicatorsView(ApiView):
    @extend_schema(
        operation_id="indicators",
        summary=_("Every indicator of the catalogue and what it counts"),
        tags=TAGS,
        responses={200: IndicatorSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(
            [
                {
                    "key": i.key,
                    "label": str(i.label),
                    "description": str(i.description),
                    "period": i.period,
                    "params": list(i.params),
                }
                for i in CATALOGUE.values()
            ]
        )


class IndicatorView(ApiView):
    @extend_schema(
        operation_id="indicator",
        summary=_("An indicator for a scope at a date (on) or over a period (from, to)"),
        tags=TAGS,
        parameters=[
            KEY,
            SCOPE,
            doc.date("on", _("The date, for an indicator counted at a date.")),
            doc.date("from", _("The first day, for an indicator counted over a period.")),
            doc.date("to", _("The last day (included).")),
            EXPLAIN,
            _text("policy", _("The unification policy (its code).")),
            _text("sector", _("Sectors, comma-separated.")),
            _text("form", _("Forms of reduction, comma-separated.")),
            _text("basis", _("Decrees, comma-separated.")),
        ],
        responses={200: ResultSerializer, 400: doc.BAD_REQUEST, 404: doc.NOT_FOUND},
    )
    def get(self, request: Request, key: str) -> Response:
        lookup(key)
        on = params.optional_date(request, "on")
        start = params.optional_date(request, "from")
        end = params.optional_date(request, "to")
        day = on or end or start or params.on(request)
        scope = params.unit(params.text(request, "scope", required=True), day, "scope")
        found = {name: params.text(request, name) for name in PARAMS}
        result = compute(
            key,
            scope,
            on=on,
            date_from=start,
            date_to=end,
            params={name: value for name, value in found.items() if value},
            explain=params.text(request, "explain").lower() in ("1", "true"),
        )
        return Response(data(result))
