"""The shapes of the staffing endpoints' answers, for the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .people_serializers import PersonSerializer, UnitRefSerializer

S = serializers


class CategoryRowSerializer(S.Serializer[Any]):
    category = S.CharField()
    label = S.CharField()  # type: ignore[assignment]  # shadows Field.label
    quota = S.IntegerField(allow_null=True)
    headcount = S.IntegerField()
    difference = S.IntegerField(
        allow_null=True, help_text=_("Headcount − quota: above 0 a surplus, below 0 a deficit.")
    )
    status = S.CharField()
    status_label = S.CharField()


class UnitStaffingSerializer(S.Serializer[Any]):
    unit = UnitRefSerializer()
    rows = CategoryRowSerializer(many=True)
    quota = S.IntegerField(allow_null=True)
    headcount = S.IntegerField()
    difference = S.IntegerField(allow_null=True)


class EmployeeSerializer(S.Serializer[Any]):
    employment_id = S.IntegerField()
    person = PersonSerializer(allow_null=True)
    unit = UnitRefSerializer()
    category = S.CharField()
    position = S.CharField()
    work = S.CharField()
    valid_from = S.DateField()
    valid_to = S.DateField(allow_null=True)


class StaffingSerializer(S.Serializer[Any]):
    unit = UnitRefSerializer()
    on = S.DateField()
    scope = S.BooleanField(help_text=_("The unit's whole apparatus (true) or the unit alone."))
    rows = CategoryRowSerializer(many=True)
    quota = S.IntegerField(allow_null=True)
    headcount = S.IntegerField()
    difference = S.IntegerField(allow_null=True)
    units = UnitStaffingSerializer(many=True)
    employees = EmployeeSerializer(many=True)
    persons_shown = S.BooleanField()


class CountSerializer(S.Serializer[Any]):
    key = S.CharField()
    label = S.CharField()  # type: ignore[assignment]  # shadows Field.label
    count = S.IntegerField()


class ReductionRowSerializer(S.Serializer[Any]):
    id = S.IntegerField()
    on = S.DateField()
    person = PersonSerializer(allow_null=True)
    unit = UnitRefSerializer()
    sector = S.CharField()
    form = S.CharField()
    category = S.CharField()
    case = S.CharField()
    article = S.CharField()
    basis = S.CharField()


class ReductionsSerializer(S.Serializer[Any]):
    scope = UnitRefSerializer()
    date_from = S.DateField()
    date_to = S.DateField(help_text=_("Included."))
    sectors = S.ListField(child=S.CharField())
    total = S.IntegerField()
    by_sector = CountSerializer(many=True)
    by_form = CountSerializer(many=True)
    by_basis = CountSerializer(many=True)
    by_year = CountSerializer(many=True)
    rows = ReductionRowSerializer(many=True)
    persons_shown = S.BooleanField()


class StaffChangeSerializer(S.Serializer[Any]):
    unit = UnitRefSerializer()
    base_on = S.DateField()
    on = S.DateField()
    base = S.IntegerField(help_text=_("Headcount on base_on of the unit or its predecessors."))
    now = S.IntegerField()
    change = S.IntegerField()
    rate = S.FloatField(allow_null=True)
    predecessors = UnitRefSerializer(many=True)
    reductions = S.IntegerField()
    categories = S.ListField(child=S.CharField())


class TargetCheckSerializer(S.Serializer[Any]):
    code = S.CharField()
    name = S.CharField()
    basis = S.CharField()
    status = S.CharField()
    base_on = S.DateField()
    due_on = S.DateField()
    required_rate = S.FloatField()
    change = StaffChangeSerializer()
    met = S.BooleanField(allow_null=True, help_text=_("Null while nobody was employed on base_on."))
