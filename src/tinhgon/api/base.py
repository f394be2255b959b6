"""What every API view shares: who may call it and how a refusal to an anonymous caller reads."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.views import APIView

from tinhgon.core.errors import NotFound, Problem

from .permissions import MayRecordEvents

NOT_FOUND_MESSAGES = {
    "event_not_found": _("No event has the id %(id)s."),
    "document_not_found": _("No legal document has the id %(id)s."),
}


class ApiView(APIView):
    # IsAuthenticatedOrReadOnly by name, so the schema marks reads as open to anyone.
    permission_classes = [IsAuthenticatedOrReadOnly, MayRecordEvents]

    def get_authenticate_header(self, request: Request) -> str:
        # 401 with a token challenge rather than DRF's 403 for the session authenticator.
        return "Token"


def not_found(code: str, pk: int) -> NotFound:
    return NotFound(Problem(code, str(NOT_FOUND_MESSAGES[code]) % {"id": pk}, "id"))
