"""Each web or API request acts as its user, with one request id for all its change rows."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .context import acting_as


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        source = "api" if request.path.startswith("/api/") else "web"
        remote_addr = request.META.get("REMOTE_ADDR", "")
        with acting_as(source=source, remote_addr=remote_addr, request=request):
            return self.get_response(request)
