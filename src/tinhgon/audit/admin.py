from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import ChangeRecord


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin[ChangeRecord]):
    """Read-only: the trail is append-only through every interface."""

    list_display = ["at", "user_name", "source", "action", "object_type", "object_repr", "basis"]
    list_filter = ["action", "object_type", "source"]
    search_fields = ["object_repr", "user_name", "basis", "message"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
