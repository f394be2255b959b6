"""The shapes of the party endpoints' answers and bodies, for the OpenAPI schema. The data
itself is people.representations.data(party query result): these serializers only describe
it (tests/api/schema.py checks every answer against them)."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tinhgon.party.kinds import AttachmentKind, EndReason, Grade, Occupation, Stage, Status

from .people_serializers import PersonSerializer, UnitRefSerializer
from .staffing_serializers import CountSerializer

S = serializers


@cache
def _enum_class(choices: type[models.TextChoices]) -> type[S.CharField]:
    """One field class per choices class, its schema component named "Party" + the class
    (a bare "Status" or "Grade" could collide with another app's)."""

    @extend_schema_field(
        {"type": "string", "enum": list(choices.values)},
        component_name=f"Party{choices.__name__}",
    )
    class EnumField(S.CharField):
        pass

    return EnumField


def enum(choices: type[models.TextChoices], **kwargs: Any) -> S.CharField:
    return _enum_class(choices)(**kwargs)


# ---------------------------------------------------------------------------- shared rows


class PartyMemberRowSerializer(S.Serializer[Any]):
    member_id = S.IntegerField()
    person = PersonSerializer(
        allow_null=True, help_text=_("Null where the role may not see party details here.")
    )
    unit = UnitRefSerializer(help_text=_("The organization the member belongs to."))
    admitted_on = S.DateField()
    status = enum(Status)
    confirmed_on = S.DateField(allow_null=True)
    probation_ends = S.DateField(help_text=_("The day the 12 months of probation end."))


class PartyProblemSerializer(S.Serializer[Any]):
    unit = UnitRefSerializer()
    code = S.CharField()
    message = S.CharField()
    official = S.IntegerField()
    members = S.IntegerField()


# ---------------------------------------------------------------------------- counts


class PartyCountsSerializer(S.Serializer[Any]):
    scope = UnitRefSerializer()
    on = S.DateField()
    by_kind = CountSerializer(many=True)
    grassroots = S.IntegerField(help_text=_("Grassroots committees and grassroots cells."))
    cells_under_committees = S.IntegerField(
        help_text=_("Party cells under a grassroots or partial committee.")
    )
    members = S.IntegerField()
    official = S.IntegerField()
    probationary = S.IntegerField()


class PartyChildSerializer(S.Serializer[Any]):
    unit = UnitRefSerializer()
    members = S.IntegerField()
    official = S.IntegerField()


class PartyCongressSerializer(S.Serializer[Any]):
    id = S.IntegerField()
    held_on = S.DateField()
    ordinal = S.IntegerField(allow_null=True)
    term = S.CharField()


class PartyOrganizationSerializer(S.Serializer[Any]):
    unit = UnitRefSerializer()
    on = S.DateField()
    parent = UnitRefSerializer(allow_null=True)
    counts = PartyCountsSerializer()
    children = PartyChildSerializer(many=True)
    members = PartyMemberRowSerializer(many=True)
    persons_shown = S.BooleanField()
    congresses = PartyCongressSerializer(many=True)
    admissions_this_year = S.IntegerField()
    due = PartyMemberRowSerializer(many=True, help_text=_("Confirmations due in the next 60 days."))
    problems = PartyProblemSerializer(many=True)


# ---------------------------------------------------------------------------- admissions


class PartyBreakdownsSerializer(S.Serializer[Any]):
    gender = CountSerializer(many=True)
    age = CountSerializer(many=True)
    minority = CountSerializer(many=True)
    occupation = CountSerializer(many=True)
    education = CountSerializer(many=True)


class PartyAdmissionsSerializer(S.Serializer[Any]):
    scope = UnitRefSerializer()
    date_from = S.DateField()
    date_to = S.DateField(help_text=_("Included."))
    total = S.IntegerField()
    by_year = CountSerializer(many=True)
    by_organization = CountSerializer(many=True)
    breakdowns = PartyBreakdownsSerializer(help_text=_("Ages at each member's admission."))
    rows = PartyMemberRowSerializer(many=True)
    persons_shown = S.BooleanField()


class PartyYearRateSerializer(S.Serializer[Any]):
    year = S.IntegerField()
    admissions = S.IntegerField()
    members_at_start = S.IntegerField(help_text=_("Members counted on 1 January."))
    rate = S.FloatField(allow_null=True, help_text=_("admissions / members_at_start."))


class PartyAdmissionRatesSerializer(S.Serializer[Any]):
    scope = UnitRefSerializer()
    first_year = S.IntegerField()
    last_year = S.IntegerField()
    years = PartyYearRateSerializer(many=True)
    admissions = S.IntegerField()
    average_rate = S.FloatField(allow_null=True, help_text=_("The mean of the yearly rates."))


class PartyTermAdmissionsSerializer(S.Serializer[Any]):
    scope = UnitRefSerializer()
    term = S.CharField()
    term_name = S.CharField()
    date_from = S.DateField()
    date_to = S.DateField()
    admissions = S.IntegerField()
    rates = PartyAdmissionRatesSerializer()


# ---------------------------------------------------------------------------- checks and tables


class PartyStructureSerializer(S.Serializer[Any]):
    scope = UnitRefSerializer()
    on = S.DateField()
    rule = S.CharField(help_text=_("The size rule in force on the date (its legal basis)."))
    sizes = CountSerializer(many=True, help_text=_("Cells by number of official members."))
    problems = PartyProblemSerializer(many=True)


class PartyColumnSerializer(S.Serializer[Any]):
    key = S.CharField()
    group = S.CharField(help_text=_("Empty for the totals, else the breakdown."))
    label = S.CharField()  # type: ignore[assignment]  # shadows Field.label


class PartyStatsRowSerializer(S.Serializer[Any]):
    unit = UnitRefSerializer()
    values = S.ListField(child=S.IntegerField(), help_text=_("One number per column."))


class PartyStatisticsSerializer(S.Serializer[Any]):
    scope = UnitRefSerializer()
    organization = UnitRefSerializer(help_text=_("The party organization whose rows these are."))
    on = S.DateField()
    columns = PartyColumnSerializer(many=True)
    rows = PartyStatsRowSerializer(many=True)
    totals = S.ListField(child=S.IntegerField())


class PartyRatingCountsSerializer(S.Serializer[Any]):
    scope = UnitRefSerializer()
    year = S.IntegerField()
    members = CountSerializer(many=True)
    organizations = CountSerializer(many=True)


class PartyCandidateSerializer(S.Serializer[Any]):
    id = S.IntegerField()
    person = PersonSerializer(allow_null=True)
    unit = UnitRefSerializer()
    stage = enum(Stage)
    expected_on = S.DateField(allow_null=True)


class PartyTargetSerializer(S.Serializer[Any]):
    unit = UnitRefSerializer()
    year = S.IntegerField()
    target = S.IntegerField()
    admitted = S.IntegerField()


class PartyPipelineSerializer(S.Serializer[Any]):
    scope = UnitRefSerializer()
    year = S.IntegerField()
    candidates = PartyCandidateSerializer(many=True)
    by_stage = CountSerializer(many=True)
    targets = PartyTargetSerializer(many=True)
    target_total = S.IntegerField()
    admitted_total = S.IntegerField()
    persons_shown = S.BooleanField()


# ---------------------------------------------------------------------------- a member


class PartyAttachmentSerializer(S.Serializer[Any]):
    unit = UnitRefSerializer()
    kind = enum(AttachmentKind)
    valid_from = S.DateField()
    valid_to = S.DateField(allow_null=True)
    decision = S.CharField()


class PartyMemberRatingSerializer(S.Serializer[Any]):
    year = S.IntegerField()
    grade = enum(Grade)
    grade_label = S.CharField()
    score = S.IntegerField(allow_null=True)


class PartyMemberRecordSerializer(S.Serializer[Any]):
    member_id = S.IntegerField()
    person = PersonSerializer()
    status = enum(Status, help_text=_("Today."))
    admitted_on = S.DateField()
    admitted_in = UnitRefSerializer()
    admission_decision = S.CharField()
    considered_on = S.DateField()
    probation_ends = S.DateField()
    confirmed_on = S.DateField(allow_null=True, help_text=_("Official from this day."))
    confirmation_decision = S.CharField()
    ended_on = S.DateField(allow_null=True)
    end_reason = S.CharField(help_text=_("Empty while the membership runs."))
    occupation = S.CharField()
    card_number = S.CharField()
    party_age_years = S.IntegerField(allow_null=True)
    attachments = PartyAttachmentSerializer(many=True)
    ratings = PartyMemberRatingSerializer(many=True)
    revision = S.IntegerField()


class PartyMemberPageSerializer(S.Serializer[Any]):
    offset = S.IntegerField()
    limit = S.IntegerField()
    next = S.URLField(allow_null=True)
    previous = S.URLField(allow_null=True)
    results = PartyMemberRowSerializer(many=True)


# ---------------------------------------------------------------------------- writes


class PartyRatingSerializer(S.Serializer[Any]):
    id = S.IntegerField()
    member = S.IntegerField(allow_null=True)
    unit = UnitRefSerializer(allow_null=True)
    year = S.IntegerField()
    grade = enum(Grade)
    grade_label = S.CharField()
    score = S.IntegerField(allow_null=True)
    rated_on = S.DateField()


class PartyCongressRecordSerializer(PartyCongressSerializer):
    unit = UnitRefSerializer()
    note = S.CharField()


class PartyAdmitSerializer(S.Serializer[Any]):
    person = S.IntegerField(help_text=_("The person's id."))
    cell = S.CharField(help_text=_("The party cell: an id or a code valid on admitted_on."))
    admitted_on = S.DateField()
    considered_on = S.DateField(
        required=False, help_text=_("The day the cell considered it; admitted_on by default.")
    )
    decision = S.CharField(required=False)
    occupation = enum(Occupation, required=False)
    card_number = S.CharField(required=False)


class PartyConfirmSerializer(S.Serializer[Any]):
    decided_on = S.DateField(help_text=_("The day of the decision, after the probation."))
    decision = S.CharField(required=False)


class PartyTransferSerializer(S.Serializer[Any]):
    to_unit = S.CharField(help_text=_("The organization: an id or a code valid on `on`."))
    on = S.DateField()
    kind = enum(AttachmentKind, required=False, help_text=_("official by default."))
    until = S.DateField(required=False, help_text=_("Required for a temporary transfer."))
    decision = S.CharField(required=False)


class PartyEndSerializer(S.Serializer[Any]):
    on = S.DateField()
    reason = enum(EndReason)
    decision = S.CharField(required=False)


class PartyRateSerializer(S.Serializer[Any]):
    member = S.IntegerField(required=False, help_text=_("A member's id (or give unit)."))
    unit = S.CharField(
        required=False, help_text=_("An organization: an id or a code valid on 31 December.")
    )
    year = S.IntegerField()
    grade = enum(Grade, required=False)
    score = S.IntegerField(required=False, help_text=_("Out of 100, where the scale is scored."))


class PartyCongressBodySerializer(S.Serializer[Any]):
    unit = S.CharField(help_text=_("The organization: an id or a code valid on held_on."))
    held_on = S.DateField()
    ordinal = S.IntegerField(required=False)
    term = S.CharField(required=False, help_text=_("The term's code, e.g. party-2020-2025."))
    note = S.CharField(required=False)
