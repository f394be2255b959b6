"""Schemes and their targets (issue 7), and the dashboard: every target in force for a scope
at a date against what was achieved."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as S
from rest_framework.request import Request
from rest_framework.response import Response

from tinhgon.accounts.access import current_access
from tinhgon.indicators import targets as tg
from tinhgon.indicators.models import Comparison, Measure, Scheme, SchemeKind, Target
from tinhgon.registry.kinds import SourceStatus

from . import openapi as doc
from . import params
from .base import ApiView
from .people import SCOPE

TAGS = ["indicators"]


class TargetSerializer(S.Serializer):
    code = S.CharField()
    name = S.CharField()
    indicator = S.CharField()
    params = S.DictField(child=S.CharField())
    figure = S.CharField(allow_blank=True)
    measure = S.ChoiceField(Measure.choices)
    scope_id = S.IntegerField(allow_null=True)
    comparison = S.ChoiceField(Comparison.choices)
    value = S.FloatField(help_text=_("Rates as a share: 0.10 for 10%."))
    base_on = S.DateField(allow_null=True)
    due_on = S.DateField(allow_null=True)
    period_from = S.DateField(allow_null=True)
    period_to = S.DateField(allow_null=True)
    status = S.ChoiceField(SourceStatus.choices)
    builtin = S.BooleanField()


class SchemeSerializer(S.Serializer):
    code = S.CharField()
    name = S.CharField()
    kind = S.ChoiceField(SchemeKind.choices)
    basis = S.CharField(allow_blank=True)
    document_id = S.IntegerField(allow_null=True)
    scope_id = S.IntegerField(allow_null=True, help_text=_("Empty: national."))
    valid_from = S.DateField()
    valid_to = S.DateField(allow_null=True)
    status = S.ChoiceField(SourceStatus.choices)
    builtin = S.BooleanField()
    targets = TargetSerializer(many=True)


class PointSerializer(S.Serializer):
    year = S.IntegerField()
    on = S.DateField()
    value = S.FloatField(allow_null=True)


class ScopeSerializer(S.Serializer):
    id = S.IntegerField()
    name = S.CharField()
    kind = S.CharField(allow_blank=True)


class EvaluationSerializer(S.Serializer):
    scheme = S.CharField()
    scheme_name = S.CharField()
    target = TargetSerializer()
    scope = ScopeSerializer()
    on = S.DateField()
    status = S.CharField(help_text=_("met, on_track, behind or no_data."))
    status_label = S.CharField()
    achieved = S.FloatField(
        allow_null=True,
        help_text=_("The share reduced since the base date, or the figure; null: no data."),
    )
    reading = S.FloatField(allow_null=True)
    base = S.FloatField(allow_null=True)
    expected = S.FloatField(allow_null=True)
    rate = S.BooleanField()
    note = S.CharField(allow_blank=True)
    indicator_query = S.DictField(child=S.CharField())
    series = PointSerializer(many=True)


class SchemesView(ApiView):
    @extend_schema(
        operation_id="schemes",
        summary=_("Schemes (resolutions, conclusions, projects) with their targets"),
        tags=TAGS,
        responses={200: SchemeSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        access = current_access()
        schemes = [
            s for s in Scheme.objects.all() if s.scope_id is None or access.covers(s.scope_id)
        ]
        targets: dict[int, list[Target]] = {}
        for target in Target.objects.filter(scheme__in=schemes):
            targets.setdefault(target.scheme_id, []).append(target)
        return Response([tg.scheme_data(s, targets.get(s.pk, [])) for s in schemes])


class DashboardView(ApiView):
    @extend_schema(
        operation_id="dashboard",
        summary=_("Every target in force for a scope at a date, evaluated, with its yearly series"),
        tags=TAGS,
        parameters=[SCOPE, doc.date("on", _("The date; today by default."))],
        responses={200: EvaluationSerializer(many=True), 400: doc.BAD_REQUEST, 404: doc.NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        on = params.on(request)
        scope = params.unit(params.text(request, "scope", required=True), on, "scope")
        return Response(
            [tg.evaluation_data(e) for e in tg.targets_for(scope, on, with_series=True)]
        )
