"""Who may call the API: a signed-in user (401 otherwise) whose roles allow the view's write
action for writes (403 otherwise). Scope is checked below, by the services and queries."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from tinhgon.accounts.access import current_access


class MayAct(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return True
        action = getattr(view, "write_action", None)
        return action is not None and current_access().may(action)
