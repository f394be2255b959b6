"""The shapes of requests and responses, for the OpenAPI schema only.

Views return the dicts of tinhgon.registry.representations (and .representations here); these
serializers describe them and are never used to read or write data. tests/api/test_schema.py
checks every response against the schema, so the two cannot drift apart.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tinhgon.registry.kinds import (
    CodeScheme,
    DocumentKind,
    EventKind,
    KindGroup,
    Role,
    Share,
    SourceStatus,
    UnitKind,
)


@cache
def _enum_class(choices: type[models.TextChoices]) -> type[serializers.CharField]:
    """One field class per choices class, so its schema component has one identity."""

    @extend_schema_field(
        {"type": "string", "enum": list(choices.values)}, component_name=choices.__name__
    )
    class EnumField(serializers.CharField):
        pass

    return EnumField


def enum(choices: type[models.TextChoices], **kwargs: Any) -> serializers.CharField:
    """A string limited to `choices`, as a schema component named after the choices class
    (named after the field, units', events' and documents' `kind` would collide)."""
    return _enum_class(choices)(**kwargs)


def event_id(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(allow_null=True, **kwargs)


# ---------------------------------------------------------------------------- errors


class ProblemSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text=_("Stable machine-readable reason, e.g. invalid_date."))
    field = serializers.CharField(
        help_text=_("Where the problem is: a parameter name or a path in the body.")
    )
    message = serializers.CharField(help_text=_("What went wrong, in Vietnamese."))


class ErrorsSerializer(serializers.Serializer[Any]):
    errors = ProblemSerializer(many=True)  # type: ignore[assignment]  # shadows .errors


# ---------------------------------------------------------------------------- units


class CodeSerializer(serializers.Serializer[Any]):
    scheme = enum(CodeScheme)
    code = serializers.CharField()
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(
        allow_null=True, help_text=_("First day the code no longer holds; null while it holds.")
    )


class VersionSerializer(serializers.Serializer[Any]):
    unit_id = serializers.IntegerField(help_text=_("Stable internal id of the unit."))
    name = serializers.CharField()
    kind = enum(UnitKind)
    kind_group = enum(KindGroup)
    subtype = serializers.CharField(help_text=_("E.g. ward, rural commune; may be empty."))
    parent_id = serializers.IntegerField(allow_null=True)
    territory_id = serializers.IntegerField(allow_null=True)
    attributes = serializers.DictField()
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(
        allow_null=True,
        help_text=_("First day this version no longer holds; null while it holds."),
    )
    opened_by_event_id = event_id()
    closed_by_event_id = event_id()


class UnitSerializer(VersionSerializer):
    """A unit as it was on the date asked: its version then and its codes then."""

    codes = CodeSerializer(many=True)


class TreeNodeSerializer(UnitSerializer):
    """A unit on a date with the units under it, as deep as asked."""

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        fields["children"] = TreeNodeSerializer(many=True)  # recursive: declared on use
        return fields


class CodeMatchSerializer(CodeSerializer):
    unit_id = serializers.IntegerField()
    unit = VersionSerializer(allow_null=True)


class CodeLookupSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    on = serializers.DateField()
    matches = CodeMatchSerializer(many=True)


# ---------------------------------------------------------------------------- documents, events


class DocumentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    number = serializers.CharField()
    kind = enum(DocumentKind)
    issuer = serializers.CharField()
    signed_on = serializers.DateField()
    effective_on = serializers.DateField(allow_null=True)
    title = serializers.CharField()
    url = serializers.CharField()
    status = enum(SourceStatus, help_text=_("V verified, S secondary source, U unverified."))
    revision = serializers.IntegerField(help_text=_("Send it back with an edit (PATCH)."))


class DocumentEditSerializer(serializers.Serializer[Any]):
    revision = serializers.IntegerField(
        min_value=1, help_text=_("The revision the edit was made from (from a GET).")
    )
    title = serializers.CharField(max_length=500, allow_blank=True, required=False)
    url = serializers.URLField(max_length=500, allow_blank=True, required=False)
    status = enum(SourceStatus, required=False)
    effective_on = serializers.DateField(allow_null=True, required=False)


class ConflictSerializer(serializers.Serializer[Any]):
    errors = ProblemSerializer(many=True)  # type: ignore[assignment]  # shadows .errors
    current = serializers.DictField(help_text=_("The record as it is now, with its revision."))


class ParticipantSerializer(serializers.Serializer[Any]):
    unit_id = serializers.IntegerField()
    role = enum(Role)
    share = enum(Share)
    ends = serializers.BooleanField(help_text=_("The unit ends on the event's date."))
    is_new = serializers.BooleanField(help_text=_("The unit starts with the event."))
    attributes = serializers.DictField(
        help_text=_("Other facts of the participation, e.g. holds_former_centre.")
    )


class EventSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    kind = enum(EventKind)
    effective_on = serializers.DateField()
    title = serializers.CharField()
    note = serializers.CharField()
    documents = DocumentSerializer(many=True)
    participants = ParticipantSerializer(many=True)


class EventSummarySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    kind = enum(EventKind)
    effective_on = serializers.DateField()
    title = serializers.CharField()


class DocumentDetailSerializer(DocumentSerializer):
    events = EventSummarySerializer(many=True)


# ------------------------------------------------------------------------ history, lineage, diff


class HistoryEventSerializer(ParticipantSerializer):
    event = EventSerializer()


class HistorySerializer(serializers.Serializer[Any]):
    unit_id = serializers.IntegerField()
    versions = VersionSerializer(many=True)
    codes = CodeSerializer(many=True)
    events = HistoryEventSerializer(many=True)


class LineageStepSerializer(serializers.Serializer[Any]):
    event_id = serializers.IntegerField()
    kind = enum(EventKind)
    effective_on = serializers.DateField()
    title = serializers.CharField()
    share = enum(Share)
    attributes = serializers.DictField(
        help_text=_("What the event records of this step, e.g. holds_former_centre.")
    )


class LineageEntrySerializer(serializers.Serializer[Any]):
    unit_id = serializers.IntegerField()
    share = enum(Share, help_text=_("Whether the whole unit or only part of it went there."))
    version = VersionSerializer(allow_null=True)
    path = LineageStepSerializer(many=True)


def _change_fields(key: str) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
    fields: dict[str, serializers.Field[Any, Any, Any, Any]] = {
        key: enum(UnitKind if key == "kind" else KindGroup)
    }
    for name in ("before", "after", "change", "ended", "started", "continued"):
        fields[name] = serializers.IntegerField()
    return fields


KindChangeSerializer = type(
    "KindChangeSerializer", (serializers.Serializer,), _change_fields("kind")
)
GroupChangeSerializer = type(
    "GroupChangeSerializer", (serializers.Serializer,), _change_fields("group")
)

DiffSerializer = type(
    "DiffSerializer",
    (serializers.Serializer,),
    {
        "unit_id": serializers.IntegerField(),
        "from": serializers.DateField(),
        "to": serializers.DateField(),
        "by_kind": KindChangeSerializer(many=True),
        "by_group": GroupChangeSerializer(many=True),
        "ended": VersionSerializer(many=True, help_text=_("Units that left the tree.")),
        "started": VersionSerializer(many=True, help_text=_("Units that joined the tree.")),
    },
)


# ---------------------------------------------------------------------------- pages


def page_of(
    item: type[serializers.Serializer[Any]], name: str
) -> type[serializers.Serializer[Any]]:
    """The envelope of a list endpoint, around rows of `item`."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "offset": serializers.IntegerField(),
            "limit": serializers.IntegerField(),
            "next": serializers.URLField(
                allow_null=True, help_text=_("The next page; null on the last page.")
            ),
            "previous": serializers.URLField(allow_null=True),
            "results": item(many=True),
        },
    )


# ---------------------------------------------------------------------------- the event body


class DocumentDescriptionSerializer(serializers.Serializer[Any]):
    number = serializers.CharField(help_text=_("Number and symbol, e.g. 1679/NQ-UBTVQH15."))
    issuer = serializers.CharField()
    kind = enum(DocumentKind, required=False)
    signed_on = serializers.DateField()
    effective_on = serializers.DateField(required=False)
    title = serializers.CharField(required=False)
    url = serializers.CharField(required=False)
    status = enum(SourceStatus, required=False)


class InputDescriptionSerializer(serializers.Serializer[Any]):
    unit = serializers.CharField(help_text=_("A unit reference, looked up the day before."))
    share = enum(Share, required=False)
    ends = serializers.BooleanField(required=False)
    attributes = serializers.DictField(required=False)


class NewCodeSerializer(serializers.Serializer[Any]):
    scheme = enum(CodeScheme, required=False)
    code = serializers.CharField()


class NewUnitSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    kind = enum(UnitKind)
    subtype = serializers.CharField(required=False)
    parent = serializers.CharField(required=False, help_text=_("A unit reference."))  # type: ignore[assignment]
    territory = serializers.CharField(required=False, help_text=_("A unit reference."))
    codes = NewCodeSerializer(many=True, required=False)
    attributes = serializers.DictField(required=False)


class ChangesSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(required=False)
    kind = enum(UnitKind, required=False)
    subtype = serializers.CharField(required=False)
    parent = serializers.CharField(required=False, allow_null=True)  # type: ignore[assignment]
    territory = serializers.CharField(required=False, allow_null=True)
    attributes = serializers.DictField(required=False)


class OutputDescriptionSerializer(serializers.Serializer[Any]):
    unit = serializers.CharField(required=False, help_text=_("An existing unit; or give “new”."))
    new = NewUnitSerializer(required=False)
    changes = ChangesSerializer(required=False)
    share = enum(Share, required=False)
    attributes = serializers.DictField(required=False)


class EventDescriptionSerializer(serializers.Serializer[Any]):
    """An event as docs/developer/event-files.md describes it."""

    kind = enum(EventKind)
    effective_on = serializers.DateField()
    title = serializers.CharField(required=False)
    note = serializers.CharField(required=False)
    documents = DocumentDescriptionSerializer(many=True, help_text=_("At least one."))
    inputs = InputDescriptionSerializer(many=True, required=False)
    outputs = OutputDescriptionSerializer(many=True, required=False)
    unit = serializers.CharField(
        required=False, help_text=_("For transfer, rename, reclassify: the one unit changed.")
    )
    changes = ChangesSerializer(required=False)
    children_follow = serializers.BooleanField(
        required=False,
        help_text=_(
            "Units under the units that end move under the one unit coming out; "
            "true by default for merge and consolidate."
        ),
    )
