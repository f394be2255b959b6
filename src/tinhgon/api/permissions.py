"""Who may do what through the API: anyone may read; recording events needs a signed-in user
(IsAuthenticatedOrReadOnly, checked first: 401 otherwise) with the Django permission
registry.add_event (403 otherwise)."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView


class MayRecordEvents(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.has_perm("registry.add_event"))
