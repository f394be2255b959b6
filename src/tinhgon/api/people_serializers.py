"""The shapes of the people endpoints' answers, for the OpenAPI schema. The data itself is
people.representations.data(query result): these serializers only describe it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

S = serializers


class UnitRefSerializer(S.Serializer[Any]):
    id = S.IntegerField()
    name = S.CharField()
    kind = S.CharField()


class PersonSerializer(S.Serializer[Any]):
    id = S.IntegerField()
    full_name = S.CharField()
    gender = S.CharField()
    education = S.CharField()
    revision = S.IntegerField()
    personal_shown = S.BooleanField(
        help_text=_("Whether the personal fields below are given (the role may see them).")
    )
    birth_date = S.DateField(required=False, allow_null=True)
    ethnicity = S.CharField(required=False, allow_null=True)
    home_commune = UnitRefSerializer(required=False, allow_null=True)


class HolderSerializer(S.Serializer[Any]):
    holding_id = S.IntegerField()
    person = PersonSerializer(allow_null=True, help_text=_("Null when the role sees no persons."))
    manner = S.CharField()
    manner_label = S.CharField()
    valid_from = S.DateField()
    valid_to = S.DateField(allow_null=True)
    planned = S.BooleanField()


class PostSerializer(S.Serializer[Any]):
    post_id = S.IntegerField()
    unit = UnitRefSerializer()
    post_type = S.CharField()
    function = S.CharField()
    label = S.CharField()  # type: ignore[assignment]  # shadows Field.label
    single_holder = S.BooleanField()
    valid_from = S.DateField()
    valid_to = S.DateField(allow_null=True)
    term = S.CharField(allow_null=True)
    holders = HolderSerializer(many=True)
    vacant = S.BooleanField()


class UnitPostsSerializer(S.Serializer[Any]):
    unit = UnitRefSerializer()
    on = S.DateField()
    posts = PostSerializer(many=True)
    persons_shown = S.BooleanField()


class PeriodSerializer(S.Serializer[Any]):
    valid_from = S.DateField()
    valid_to = S.DateField(allow_null=True)


class PostHistorySerializer(S.Serializer[Any]):
    post = PostSerializer()
    vacancies = PeriodSerializer(many=True)
    persons_shown = S.BooleanField()


class CareerEntrySerializer(S.Serializer[Any]):
    holding_id = S.IntegerField()
    post_id = S.IntegerField()
    post_type = S.CharField()
    post_label = S.CharField()
    unit = UnitRefSerializer()
    manner = S.CharField()
    manner_label = S.CharField()
    valid_from = S.DateField()
    valid_to = S.DateField(allow_null=True)
    planned = S.BooleanField()
    term = S.CharField(allow_null=True)
    document = S.CharField(allow_null=True)
    end_reason = S.CharField()
    end_reason_label = S.CharField()


class CareerSerializer(S.Serializer[Any]):
    person = PersonSerializer()
    entries = CareerEntrySerializer(many=True)
    hidden_entries = S.IntegerField(help_text=_("Holdings in units outside the user's scope."))


class PolicySerializer(S.Serializer[Any]):
    code = S.CharField()
    name = S.CharField()
    builtin = S.BooleanField()
    lead_unit_kind = S.CharField()
    lead_place_kind = S.CharField()
    lead_post_type = S.CharField()
    lead_function = S.CharField()
    lead_label = S.CharField()
    related_by = S.CharField()
    related_by_label = S.CharField()
    related_unit_kind = S.CharField()
    related_post_type = S.CharField()
    related_function = S.CharField()
    related_label = S.CharField()
    requires_official_member = S.BooleanField()
    basis = S.CharField()
    status = S.CharField()
    valid_from = S.DateField()
    valid_to = S.DateField(allow_null=True)
    owner_unit_id = S.IntegerField(allow_null=True)


class PlaceSerializer(S.Serializer[Any]):
    lead_unit = UnitRefSerializer()
    place = UnitRefSerializer(allow_null=True)
    related_units = UnitRefSerializer(many=True)
    complies = S.BooleanField()
    reason = S.CharField()
    reason_label = S.CharField()
    lead_post_ids = S.ListField(child=S.IntegerField())
    related_post_ids = S.ListField(child=S.IntegerField())
    lead_holders = PersonSerializer(many=True)
    related_holders = PersonSerializer(many=True)
    planned = S.BooleanField()


class CoverageSerializer(S.Serializer[Any]):
    policy = PolicySerializer()
    scope = UnitRefSerializer()
    on = S.DateField()
    in_force = S.BooleanField()
    complying = S.IntegerField(help_text=_("n: the places that comply."))
    total = S.IntegerField(help_text=_("N: every place of the scope."))
    rate = S.FloatField(allow_null=True, help_text=_("n / N; null when N is 0."))
    places = PlaceSerializer(many=True)
    persons_shown = S.BooleanField()


class ScheduledChangeSerializer(S.Serializer[Any]):
    day = S.DateField()
    change = S.CharField()
    holding_id = S.IntegerField()
    post_id = S.IntegerField()
    post_label = S.CharField()
    unit = UnitRefSerializer()
    person = PersonSerializer(allow_null=True)
    planned = S.BooleanField()


class ProjectionSerializer(S.Serializer[Any]):
    coverage = CoverageSerializer()
    baseline = CoverageSerializer()
    gained = PlaceSerializer(many=True)
    lost = PlaceSerializer(many=True)
    relying_on_planned = S.IntegerField()
    changes = ScheduledChangeSerializer(many=True)


class LocalityRowSerializer(S.Serializer[Any]):
    lead_unit = UnitRefSerializer()
    place = UnitRefSerializer(allow_null=True)
    led_commune = UnitRefSerializer(allow_null=True)
    locality = S.CharField()
    locality_label = S.CharField()
    holders = PersonSerializer(many=True)
    home_communes = UnitRefSerializer(many=True)


class NonLocalSerializer(S.Serializer[Any]):
    scope = UnitRefSerializer()
    on = S.DateField()
    post_type = S.CharField()
    unit_kind = S.CharField()
    non_local = S.IntegerField()
    total = S.IntegerField()
    rate = S.FloatField(allow_null=True)
    local = S.IntegerField()
    unknown = S.IntegerField()
    vacant = S.IntegerField()
    rows = LocalityRowSerializer(many=True)
    persons_shown = S.BooleanField()
