"""What every API view shares: who may call it and how a refusal to an anonymous caller reads."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.views import APIView

from tinhgon.core.errors import NotFound, Problem

from .params import refuse_nul
from .permissions import MayAct

NOT_FOUND_MESSAGES = {
    "event_not_found": _("No event has the id %(id)s."),
    "document_not_found": _("No legal document has the id %(id)s."),
}


class ApiView(APIView):
    permission_classes = [IsAuthenticated, MayAct]
    # The right a write through this view needs (accounts.roles.Action); none: read only.
    write_action: str | None = None

    def get_authenticate_header(self, request: Request) -> str:
        # 401 with a token challenge rather than DRF's 403 for the session authenticator.
        return "Token"

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # A clean 400 where PostgreSQL would fail on a NUL character; a body is read only when
        # this view handles the method (405 otherwise, as before).
        method = (request.method or "").lower()
        body = method in ("post", "put", "patch") and hasattr(self, method)
        refuse_nul(request, kwargs, body=body)


def not_found(code: str, pk: int) -> NotFound:
    return NotFound(Problem(code, str(NOT_FOUND_MESSAGES[code]) % {"id": pk}, "id"))
