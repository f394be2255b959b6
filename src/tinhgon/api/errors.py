"""Every error is 4xx JSON of one shape: {"errors": [{"code", "field", "message"}]}.

Domain errors carry their own problems: 404 when something is not found at the date asked or
lies outside the user's scope, 403 when the user's role may not do it, 409 when someone else
changed the record meanwhile, 400 otherwise. DRF's own errors (authentication, permission,
malformed JSON, unknown media type) are reshaped to match, keeping their status and headers.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from tinhgon.core.errors import Conflict, DomainError, Forbidden, NotFound

STATUS = {NotFound: 404, Forbidden: 403}

# DRF's own messages that its Vietnamese catalogue lacks, or that can say more here.
MESSAGES = {
    "not_authenticated": _(
        "Sign in first: send a token (Authorization: Token …) or a session cookie."
    ),
    "authentication_failed": _("The credentials sent are not valid."),
    "parse_error": _("The request body is not valid JSON."),
    "unsupported_media_type": _("Send the body as JSON (Content-Type: application/json)."),
    "method_not_allowed": _("This method is not allowed here."),
}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Conflict):
        body = {"errors": [p.as_dict() for p in exc.problems], "current": exc.current}
        return Response(body, status=409)
    if isinstance(exc, DomainError):
        status = STATUS.get(type(exc), 400)
        return Response({"errors": [p.as_dict() for p in exc.problems]}, status=status)
    response = drf_handler(exc, context)
    if response is not None:
        response.data = {"errors": _problems(response.data)}
    return response


def _problems(data: Any, field: str = "") -> list[dict[str, str]]:
    """Flatten DRF's error data: {"detail": message}, or {field: [messages]} nested."""
    if isinstance(data, dict):
        return [
            problem
            for key, value in data.items()
            for problem in _problems(value, _join(field, str(key)))
        ]
    if isinstance(data, list):
        return [problem for value in data for problem in _problems(value, field)]
    code = str(getattr(data, "code", "") or "error")
    message = MESSAGES.get(code, data)
    return [{"code": code, "field": field, "message": str(message)}]


def _join(field: str, key: str) -> str:
    if key in ("detail", "non_field_errors"):
        return field
    return f"{field}.{key}" if field else key
