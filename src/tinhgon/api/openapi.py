"""Parameters and error responses shared by the endpoints' schema declarations."""

from __future__ import annotations

from typing import Any, Literal

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from tinhgon.registry.kinds import CodeScheme, EventKind

from .pagination import DEFAULT_LIMIT, MAX_LIMIT
from .serializers import ErrorsSerializer

QUERY: Literal["query"] = "query"
PATH: Literal["path"] = "path"


def date(name: str, description: StrOrPromise, required: bool = False) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.DATE, QUERY, required=required, description=description
    )


ON = date("on", _("The date the answer is about (YYYY-MM-DD); today by default."))
ON_FOR_REF = date(
    "on", _("The date on which a code given as the unit reference is looked up; today by default.")
)
REF = OpenApiParameter(
    "ref",
    OpenApiTypes.STR,
    PATH,
    description=_(
        "A unit: “id:12” or “#12” (URL-encoded as %2312) is the internal id, “code:06712” an "
        "official code valid on the date asked; a bare value is tried as a code, then as an id."
    ),
)
Q = OpenApiParameter(
    "q",
    OpenApiTypes.STR,
    QUERY,
    required=True,
    description=_("Text in the name, diacritics optional."),
)
LIMIT = OpenApiParameter(
    "limit",
    OpenApiTypes.INT,
    QUERY,
    description=lazy(
        lambda: (
            _("Rows per page, 1 to %(maximum)s; %(default)s by default.")
            % {"maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}
        ),
        str,
    )(),
)
OFFSET = OpenApiParameter(
    "offset", OpenApiTypes.INT, QUERY, description=_("Rows to skip; 0 by default.")
)
PAGE = [LIMIT, OFFSET]
DEPTH = OpenApiParameter(
    "depth",
    OpenApiTypes.INT,
    QUERY,
    description=_("Levels below the unit: 0 is the unit alone; 1 by default."),
)
TO = date("to", _("The later date (or earlier, to trace origins)."), required=True)
FROM = date(
    "from", _("The first date; a code given as the unit reference is looked up on it."), True
)
DIFF_TO = date("to", _("The second date."), required=True)
SCHEME = OpenApiParameter(
    "scheme",
    OpenApiTypes.STR,
    QUERY,
    enum=list(CodeScheme.values),
    description=_("Only this code scheme."),
)
CODE = OpenApiParameter("code", OpenApiTypes.STR, PATH, description=_("An official code."))
ID = OpenApiParameter("id", OpenApiTypes.INT, PATH)
EVENT_FILTERS = [
    OpenApiParameter(
        "unit", OpenApiTypes.STR, QUERY, description=_("Only events this unit took part in.")
    ),
    date("from", _("Only events effective on or after this date.")),
    date("to", _("Only events effective on or before this date.")),
    OpenApiParameter("kind", OpenApiTypes.STR, QUERY, enum=list(EventKind.values)),
]

BAD_REQUEST = OpenApiResponse(ErrorsSerializer, description=_("Invalid parameters."))
NOT_FOUND = OpenApiResponse(ErrorsSerializer, description=_("Nothing found at the date asked."))
UNAUTHORIZED = OpenApiResponse(ErrorsSerializer, description=_("Not signed in."))
FORBIDDEN = OpenApiResponse(ErrorsSerializer, description=_("No permission to record events."))


def add_access_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Every operation needs a signed-in user (401) and answers within the user's rights
    (403): documented once here rather than on each view."""
    unauthorized = {
        "description": str(_("Not signed in.")),
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}},
    }
    forbidden = {
        "description": str(_("The account's role or scope does not allow this.")),
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}},
    }
    for path, operations in result.get("paths", {}).items():
        if path == "/api/schema/":
            continue
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault("401", unauthorized)
            responses.setdefault("403", forbidden)
    return result
