"""Each web or API request acts as its user, with one request id for all its change rows."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .context import acting_as


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        source = "api" if request.path.startswith("/api/") else "web"
        user = getattr(request, "user", None)
        with acting_as(user, source=source, remote_addr=request.META.get("REMOTE_ADDR", "")):
            return self.get_response(request)
