"""The shapes of the plan endpoints' answers and bodies, for the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .people_serializers import PersonSerializer, UnitRefSerializer
from .serializers import ProblemSerializer
from .staffing_serializers import CategoryRowSerializer

S = serializers


class PlanRowSerializer(S.Serializer[Any]):
    id = S.IntegerField()
    name = S.CharField()
    scope = UnitRefSerializer()
    base_on = S.DateField()
    effective_on = S.DateField()
    status = S.CharField(help_text=_("draft, submitted, approved or rejected."))
    status_label = S.CharField()
    events = S.IntegerField(help_text=_("How many events the plan proposes."))
    document = S.CharField(help_text=_("The deciding document's number, once decided."))


class ProposalSerializer(S.Serializer[Any]):
    position = S.IntegerField()
    kind = S.CharField()
    kind_label = S.CharField()
    title = S.CharField()
    carry = S.BooleanField()
    spec = S.DictField(help_text=_("The event as an event file describes it."))
    applied_event = S.IntegerField(allow_null=True)


class NoteSerializer(S.Serializer[Any]):
    text = S.CharField()
    reference = S.CharField()
    url = S.CharField()
    created_at = S.DateTimeField()


class PlanDetailSerializer(S.Serializer[Any]):
    plan = PlanRowSerializer()
    note = S.CharField()
    decided_on = S.DateField(allow_null=True)
    proposals = ProposalSerializer(many=True)
    notes = NoteSerializer(many=True)


class RowSerializer(S.Serializer[Any]):
    key = S.CharField()
    label = S.CharField()  # type: ignore[assignment]  # shadows Field.label
    value = S.FloatField(allow_null=True)


class FiguresSerializer(S.Serializer[Any]):
    on = S.DateField()
    units = RowSerializer(many=True)
    party = RowSerializer(many=True)
    small_cells = UnitRefSerializer(many=True)
    staffing = RowSerializer(many=True)
    coverage = RowSerializer(many=True)
    targets = RowSerializer(many=True)


class PostCountSerializer(S.Serializer[Any]):
    post_type = S.CharField()
    label = S.CharField()  # type: ignore[assignment]
    holders = S.IntegerField()
    allowed = S.FloatField(allow_null=True)
    surplus = S.IntegerField(allow_null=True)


class SuccessorSerializer(S.Serializer[Any]):
    event_position = S.IntegerField(allow_null=True)
    unit = UnitRefSerializer()
    inputs = UnitRefSerializer(many=True)
    leaders = PostCountSerializer(many=True)
    deputies = PostCountSerializer(many=True)
    deputy_deadline = S.DateField(allow_null=True)
    staffing = CategoryRowSerializer(many=True)
    headcount = S.IntegerField()
    quota = S.IntegerField(allow_null=True)
    staff_surplus = S.IntegerField()
    staff_deadline = S.DateField(allow_null=True)


class FlowSerializer(S.Serializer[Any]):
    source = UnitRefSerializer()  # type: ignore[assignment]  # shadows Field.source
    target = UnitRefSerializer()
    kind = S.CharField()
    share = S.CharField()


class AffectedSerializer(S.Serializer[Any]):
    person = PersonSerializer()
    roles = S.ListField(child=S.CharField())


class ImpactSerializer(S.Serializer[Any]):
    plan = PlanRowSerializer()
    on = S.DateField()
    before = FiguresSerializer()
    after = FiguresSerializer()
    successors = SuccessorSerializer(many=True)
    flows = FlowSerializer(many=True)
    affected = AffectedSerializer(many=True)
    affected_count = S.IntegerField()
    problems = ProblemSerializer(many=True)


class CompareRowSerializer(S.Serializer[Any]):
    table = S.CharField()
    key = S.CharField()
    label = S.CharField()  # type: ignore[assignment]
    a_before = S.FloatField(allow_null=True)
    a_after = S.FloatField(allow_null=True)
    b_before = S.FloatField(allow_null=True)
    b_after = S.FloatField(allow_null=True)


class ComparisonSerializer(S.Serializer[Any]):
    a = PlanRowSerializer()
    b = PlanRowSerializer()
    rows = CompareRowSerializer(many=True)


class ChecksSerializer(S.Serializer[Any]):
    problems = ProblemSerializer(many=True)


class PlanCreateSerializer(S.Serializer[Any]):
    name = S.CharField()
    scope = S.CharField(help_text=_("The unit whose apparatus the plan changes (a reference)."))
    base_on = S.DateField()
    effective_on = S.DateField()
    note = S.CharField(required=False)


class ProposeSerializer(S.Serializer[Any]):
    event = S.DictField(help_text=_("An event as event files describe it; documents optional."))
    carry = S.BooleanField(required=False, default=True)


class ApproveSerializer(S.Serializer[Any]):
    document = S.DictField(help_text=_("The deciding document: number, issuer, signed_on…"))


class RejectSerializer(S.Serializer[Any]):
    note = S.CharField(required=False)
