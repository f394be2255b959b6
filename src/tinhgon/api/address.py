"""Address conversion: an old address to the units of 2025-07-01, and a new unit back to the
old units it was formed from.

An address that names no unit answers 404, one that names several 400; both bodies carry the
usual `errors` (with a Vietnamese message listing the candidates) and the candidates as data.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from tinhgon.adminunits import address as conversion
from tinhgon.registry.kinds import Share, UnitKind

from . import openapi as doc
from . import params
from . import serializers as s
from .base import ApiView

TAGS = ["address"]

# ---------------------------------------------------------------------------- schema shapes


class AddressUnitBriefSerializer(serializers.Serializer[Any]):
    unit_id = serializers.IntegerField()
    name = serializers.CharField()
    kind = s.enum(UnitKind)
    subtype = serializers.CharField()
    code = serializers.CharField(
        allow_null=True, help_text=_("The administrative (GSO) code on the date; null if none.")
    )


class AddressUnitSerializer(AddressUnitBriefSerializer):
    label = serializers.CharField(  # type: ignore[assignment]  # shadows Field.label
        help_text=_("The unit with its parents: “Phường Trần Phú, Thành phố Móng Cái, …”.")
    )
    ancestors = AddressUnitBriefSerializer(many=True, help_text=_("Its parents, nearest first."))


class AddressNewUnitSerializer(AddressUnitSerializer):
    share = s.enum(Share, help_text=_("Whether the whole old unit or only part of it went here."))
    holds_former_centre = serializers.BooleanField(
        allow_null=True,
        help_text=_("For a part of a divided unit: whether it holds the former centre."),
    )
    province = AddressUnitBriefSerializer(allow_null=True)
    address = serializers.CharField(help_text=_("The address written with this unit."))
    path = s.LineageStepSerializer(many=True)


class AddressOldUnitSerializer(AddressUnitSerializer):
    share = s.enum(Share, help_text=_("Whether the whole old unit or only part of it went in."))
    holds_former_centre = serializers.BooleanField(allow_null=True)
    path = s.LineageStepSerializer(many=True)


class AddressPartsSerializer(serializers.Serializer[Any]):
    province = serializers.CharField(allow_null=True)
    district = serializers.CharField(allow_null=True)
    commune = serializers.CharField(allow_null=True)


def _common(required: bool) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
    """The fields of both answers; `errors` is always there, the rest only in a result (a
    refusal for invalid parameters has nothing else)."""
    return {
        "message": serializers.CharField(
            required=required, help_text=_("What was found, in Vietnamese.")
        ),
        "on": serializers.DateField(required=required),
        "to": serializers.DateField(required=required),
        "level": s.enum(
            conversion.Level,
            required=required,
            allow_null=True,
            help_text=_("Where the match stopped, when nothing or several units were found."),
        ),
        "matched_by": s.enum(conversion.MatchedBy, required=required, allow_null=True),
        "former_name": serializers.CharField(
            required=required,
            allow_null=True,
            help_text=_("The former name that matched, if it was one."),
        ),
        "candidates": AddressUnitSerializer(
            many=True,
            required=required,
            help_text=_("The units it could mean (ambiguous), or those with similar names."),
        ),
        "errors": s.ProblemSerializer(many=True),
        "status": s.enum(conversion.Status, required=required),
    }


def _conversion(required: bool) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
    return {
        **_common(required),
        "address": serializers.CharField(required=required),
        "street": serializers.CharField(
            required=required, help_text=_("What comes before the commune.")
        ),
        "parts": AddressPartsSerializer(
            required=required, help_text=_("The text read at each level.")
        ),
        "old": AddressUnitSerializer(
            required=required, allow_null=True, help_text=_("The old unit the address names.")
        ),
        "new": AddressNewUnitSerializer(
            many=True, required=required, help_text=_("The units it became.")
        ),
        "new_address": serializers.CharField(
            required=required,
            allow_null=True,
            help_text=_("The address with the new unit, when there is exactly one."),
        ),
    }


def _origins(required: bool) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
    return {
        **_common(required),
        "query": serializers.CharField(required=required),
        "unit": AddressUnitSerializer(
            required=required, allow_null=True, help_text=_("The new unit.")
        ),
        "old": AddressOldUnitSerializer(
            many=True, required=required, help_text=_("The units it was formed from.")
        ),
    }


def _serializer(name: str, fields: dict[str, Any]) -> type[serializers.Serializer[Any]]:
    return type(name, (serializers.Serializer,), fields)


AddressConversionSerializer = _serializer("AddressConversionSerializer", _conversion(True))
AddressErrorsSerializer = _serializer("AddressErrorsSerializer", _conversion(False))
AddressOriginsSerializer = _serializer("AddressOriginsSerializer", _origins(True))
AddressReverseErrorsSerializer = _serializer("AddressReverseErrorsSerializer", _origins(False))

ADDRESS = OpenApiParameter(
    "address",
    OpenApiTypes.STR,
    doc.QUERY,
    required=True,
    description=_(
        "The old address: street, commune, district, province, separated by commas or dashes; "
        "diacritics and abbreviations (P., X., TT., Q., H., TX., TP.) optional. An "
        "administrative code alone (“06712”) names that unit."
    ),
)
CONVERT_ON = doc.date("on", _("The date the old address is about; 2025-06-30 by default."))
CONVERT_TO = doc.date("to", _("The date of the new units; 2025-07-01 by default."))
UNIT = OpenApiParameter(
    "unit",
    OpenApiTypes.STR,
    doc.QUERY,
    required=True,
    description=_(
        "The new unit: an administrative code (“06712”) or a name (“Phường Móng Cái 1”), "
        "the province after a comma or in `province`."
    ),
)
PROVINCE = OpenApiParameter(
    "province", OpenApiTypes.STR, doc.QUERY, description=_("The province of a unit given by name.")
)
REVERSE_ON = doc.date("on", _("The date the new unit is read on; 2025-07-01 by default."))
REVERSE_TO = doc.date("to", _("The earlier date of the old units; 2025-06-30 by default."))


def _refusals(serializer: type[serializers.Serializer[Any]]) -> dict[int, OpenApiResponse]:
    return {
        400: OpenApiResponse(
            serializer,
            description=_(
                "Several units fit (the candidates are listed), or invalid parameters "
                "(then only `errors` is given)."
            ),
        ),
        404: OpenApiResponse(
            serializer, description=_("No unit fits; units with similar names are listed.")
        ),
    }


def _answer(data: dict[str, Any]) -> Response:
    status = {conversion.OK: 200, conversion.NOT_FOUND: 404}.get(data["status"], 400)
    return Response(data, status=status)


class AddressConvertView(ApiView):
    @extend_schema(
        operation_id="address_convert",
        summary=_("Convert an old address to the units of 2025-07-01"),
        tags=TAGS,
        parameters=[ADDRESS, CONVERT_ON, CONVERT_TO],
        responses={200: AddressConversionSerializer, **_refusals(AddressErrorsSerializer)},
    )
    def get(self, request: Request) -> Response:
        text = params.text(request, "address", required=True)
        on = params.optional_date(request, "on")
        to = params.optional_date(request, "to")
        result = conversion.AddressConverter(on, to).convert(text)
        return _answer(conversion.conversion_data(result))


class AddressReverseView(ApiView):
    @extend_schema(
        operation_id="address_reverse",
        summary=_("The old units a new unit was formed from"),
        tags=TAGS,
        parameters=[UNIT, PROVINCE, REVERSE_ON, REVERSE_TO],
        responses={200: AddressOriginsSerializer, **_refusals(AddressReverseErrorsSerializer)},
    )
    def get(self, request: Request) -> Response:
        ref = params.text(request, "unit", required=True)
        province = params.text(request, "province")
        on = params.optional_date(request, "on")
        to = params.optional_date(request, "to")
        result = conversion.origins(ref, province, on, to)
        return _answer(conversion.origins_data(result))
