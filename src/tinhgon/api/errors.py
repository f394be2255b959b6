"""Domain errors become 4xx JSON: {"errors": [{"code", "field", "message"}]}."""

from typing import Any

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from tinhgon.core.errors import DomainError, NotFound


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        status = 404 if isinstance(exc, NotFound) else 400
        return Response({"errors": [p.as_dict() for p in exc.problems]}, status=status)
    return drf_handler(exc, context)
