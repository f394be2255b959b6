"""Back-office views. Restructuring goes through events (the web UI, API or CLI), so versions
are read-only here; documents can be corrected."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Event, EventUnit, LegalDocument, Unit, UnitCode, UnitVersion


class ReadOnlyInline(admin.TabularInline[Any, Any]):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class VersionInline(ReadOnlyInline):
    model = UnitVersion
    fk_name = "unit"
    fields = ["valid_from", "valid_to", "name", "kind", "subtype", "parent", "opened_by"]


class CodeInline(ReadOnlyInline):
    model = UnitCode
    fields = ["scheme", "code", "valid_from", "valid_to"]


class ParticipantInline(ReadOnlyInline):
    model = EventUnit
    fields = ["unit", "role", "share", "ends", "is_new"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ["id", "__str__", "created_at"]
    search_fields = ["versions__search_text", "codes__code"]
    inlines = [VersionInline, CodeInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(UnitVersion)
class UnitVersionAdmin(admin.ModelAdmin[UnitVersion]):
    list_display = ["name", "kind", "valid_from", "valid_to", "parent"]
    list_filter = ["kind"]
    search_fields = ["search_text"]
    readonly_fields = [f.name for f in UnitVersion._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LegalDocument)
class LegalDocumentAdmin(admin.ModelAdmin[LegalDocument]):
    list_display = ["number", "kind", "issuer", "signed_on", "effective_on", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["search_text", "issuer"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin[Event]):
    list_display = ["effective_on", "kind", "title"]
    list_filter = ["kind"]
    date_hierarchy = "effective_on"
    search_fields = ["title"]
    readonly_fields = ["kind", "effective_on", "recorded_at", "recorded_by"]
    inlines = [ParticipantInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
