"""The administrative units before and after 2025-07-01: the provinces on a date, a province's
communes with their predecessors and successors, and counts by kind."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from tinhgon.adminunits import queries
from tinhgon.adminunits.representations import (
    counts_data,
    province_row_data,
    transition_data,
)
from tinhgon.core.errors import DomainError
from tinhgon.registry.kinds import Share, UnitKind
from tinhgon.registry.problems import problem
from tinhgon.registry.representations import iso

from . import openapi as doc
from . import params
from . import serializers as s
from .base import ApiView

TAGS = ["admin-units"]

# ---------------------------------------------------------------------------- schema shapes


class ReformRefSerializer(serializers.Serializer[Any]):
    unit_id = serializers.IntegerField()
    name = serializers.CharField()


class ReformAbsorbedSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    effective_on = serializers.DateField()
    event_id = serializers.IntegerField()


class ReformPlaceSerializer(serializers.Serializer[Any]):
    """A unit as it was on one side of the reform (2025-06-30 or 2025-07-01)."""

    unit_id = serializers.IntegerField()
    name = serializers.CharField()
    kind = s.enum(UnitKind)
    subtype = serializers.CharField(
        help_text=gettext_lazy(
            "ward, rural_commune, township, special_zone; province, municipality; "
            "urban_district, provincial_city, town, rural_district."
        )
    )
    code = serializers.CharField(help_text=gettext_lazy("The administrative (GSO) code then."))
    codes = s.CodeSerializer(many=True)
    district = ReformRefSerializer(allow_null=True)
    province = ReformRefSerializer(allow_null=True)
    former_names = serializers.ListField(
        child=serializers.CharField(),
        help_text=gettext_lazy("Other names the data keeps for the unit (without diacritics)."),
    )
    absorbed = ReformAbsorbedSerializer(
        many=True, help_text=gettext_lazy("Units merged into this one before the reform.")
    )
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True)


class ReformLinkedSerializer(ReformPlaceSerializer):
    share = s.enum(Share)
    holds_former_centre = serializers.BooleanField(
        allow_null=True,
        help_text=gettext_lazy(
            "For a part of a divided commune: whether this part holds the former centre; "
            "null for a whole one."
        ),
    )
    event_id = serializers.IntegerField(allow_null=True)
    in_province = serializers.BooleanField(
        help_text=gettext_lazy("False for a unit across the province's border.")
    )


class ReformNewUnitSerializer(ReformPlaceSerializer):
    divided = serializers.BooleanField(help_text=gettext_lazy("It took part of a divided commune."))
    predecessors = ReformLinkedSerializer(many=True)


class ReformOldUnitSerializer(ReformPlaceSerializer):
    divided = serializers.BooleanField(help_text=gettext_lazy("It was divided."))
    successors = ReformLinkedSerializer(many=True)


class ReformFiltersSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField()
    divided = serializers.BooleanField()
    q = serializers.CharField()


class ReformTotalsSerializer(serializers.Serializer[Any]):
    new_units = serializers.IntegerField(help_text=gettext_lazy("Before the filters."))
    old_units = serializers.IntegerField(help_text=gettext_lazy("Before the filters."))
    divided = serializers.IntegerField(help_text=gettext_lazy("Old units divided."))


class ReformTransitionSerializer(serializers.Serializer[Any]):
    province = ReformPlaceSerializer()
    side = serializers.ChoiceField(
        choices=list(queries.SIDES),
        help_text=gettext_lazy(
            "before: the province as on 2025-06-30; after: the province as on 2025-07-01."
        ),
    )
    date = serializers.DateField()
    reform_date = serializers.DateField()
    counterparts = ReformPlaceSerializer(
        many=True,
        help_text=gettext_lazy("The provinces on the other side: formed from, or went into."),
    )
    unchanged = serializers.BooleanField(
        help_text=gettext_lazy("The province went on as it was: its only counterpart is itself.")
    )
    documents = s.DocumentSerializer(many=True)
    filters = ReformFiltersSerializer()
    totals = ReformTotalsSerializer()
    new_units = ReformNewUnitSerializer(many=True)
    old_units = ReformOldUnitSerializer(many=True)


class ReformTallySerializer(serializers.Serializer[Any]):
    total = serializers.IntegerField()
    by_subtype = serializers.DictField(child=serializers.IntegerField())


class ReformCountsSerializer(serializers.Serializer[Any]):
    on = serializers.DateField()
    province = ReformPlaceSerializer(allow_null=True)
    provinces = ReformTallySerializer()
    districts = ReformTallySerializer()
    communes = ReformTallySerializer()


class ReformProvinceSerializer(ReformPlaceSerializer):
    districts = serializers.IntegerField()
    communes = ReformTallySerializer()
    counterparts = ReformPlaceSerializer(
        many=True,
        help_text=gettext_lazy("The provinces on the other side: formed from, or went into."),
    )
    documents = s.DocumentSerializer(
        many=True, help_text=gettext_lazy("The legal basis of its communes' events of 2025-07-01.")
    )


class ReformProvinceListSerializer(serializers.Serializer[Any]):
    on = serializers.DateField()
    count = serializers.IntegerField()
    results = ReformProvinceSerializer(many=True)


# ---------------------------------------------------------------------------- parameters

KIND = OpenApiParameter(
    "kind",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=list(queries.COMMUNE_SUBTYPES),
    description=gettext_lazy("Only communes of this subtype."),
)
DIVIDED = OpenApiParameter(
    "divided",
    OpenApiTypes.BOOL,
    OpenApiParameter.QUERY,
    description=gettext_lazy("Only divided communes and those that took part of one."),
)
TEXT = OpenApiParameter(
    "q",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description=gettext_lazy(
        "Text in the name of a commune or of a unit linked to it, diacritics optional."
    ),
)
ON_SIDE = doc.date(
    "on",
    gettext_lazy(
        "The date the province is looked up on; today by default. A province that is the same "
        "unit on both sides is shown as before the reform for a date before 2025-07-01."
    ),
)
PROVINCE = OpenApiParameter(
    "province",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description=gettext_lazy("Count under this province only (a reference, looked up on `on`)."),
)


def _flag(request: Request, name: str) -> bool:
    value = params.text(request, name).lower()
    if value in ("", "0", "false", "no"):
        return False
    if value in ("1", "true", "yes"):
        return True
    raise DomainError(problem("invalid_value", name, value=value, reason="true / false"))


def _kind(request: Request) -> str:
    value = params.text(request, "kind")
    if value and value not in queries.COMMUNE_SUBTYPES:
        choices = ", ".join(queries.COMMUNE_SUBTYPES)
        raise DomainError(problem("invalid_choice", "kind", value=value, choices=choices))
    return value


# ---------------------------------------------------------------------------- views


class ProvinceListView(ApiView):
    @extend_schema(
        operation_id="admin_units_provinces",
        summary=gettext_lazy("The provinces on a date, with their districts and communes"),
        tags=TAGS,
        parameters=[doc.ON],
        responses={200: ReformProvinceListSerializer, 400: doc.BAD_REQUEST},
    )
    def get(self, request: Request) -> Response:
        on = params.on(request)
        rows = queries.provinces(on)
        return Response(
            {"on": iso(on), "count": len(rows), "results": [province_row_data(r) for r in rows]}
        )


class TransitionView(ApiView):
    @extend_schema(
        operation_id="admin_units_transition",
        summary=gettext_lazy(
            "A province's communes before and after 2025-07-01, with predecessors and successors"
        ),
        tags=TAGS,
        parameters=[doc.REF, ON_SIDE, KIND, DIVIDED, TEXT],
        responses={200: ReformTransitionSerializer, 400: doc.BAD_REQUEST, 404: doc.NOT_FOUND},
    )
    def get(self, request: Request, ref: str) -> Response:
        on = params.on(request)
        filters = queries.Filters(
            kind=_kind(request), divided=_flag(request, "divided"), text=params.text(request, "q")
        )
        result = queries.transition(queries.province_resolve(ref, on, "ref"), on, filters)
        return Response(transition_data(result))


class SummaryView(ApiView):
    @extend_schema(
        operation_id="admin_units_summary",
        summary=gettext_lazy("How many provinces, districts and communes there are on a date"),
        tags=TAGS,
        parameters=[doc.ON, PROVINCE],
        responses={200: ReformCountsSerializer, 400: doc.BAD_REQUEST, 404: doc.NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        on = params.on(request)
        ref = params.text(request, "province")
        province = queries.province_resolve(ref, on) if ref else None
        return Response(counts_data(queries.counts(on, province)))
