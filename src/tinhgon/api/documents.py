"""Legal documents: search them and read one with the events it is the basis of."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from tinhgon.registry import queries
from tinhgon.registry.models import LegalDocument
from tinhgon.registry.representations import document_data

from . import openapi as doc
from . import params
from . import serializers as s
from .base import ApiView, not_found
from .pagination import paginate
from .representations import document_detail_data

TAGS = ["documents"]
TEXT = OpenApiParameter(
    "q",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description=_("Text in the number or title, diacritics optional."),
)


class DocumentListView(ApiView):
    @extend_schema(
        operation_id="documents_list",
        summary=_("Legal documents, newest first"),
        tags=TAGS,
        parameters=[TEXT, *doc.PAGE],
        responses={200: s.page_of(s.DocumentSerializer, "DocumentPage"), 400: doc.BAD_REQUEST},
    )
    def get(self, request: Request) -> Response:
        documents = queries.documents(params.text(request, "q"))

        def fetch(offset: int, count: int) -> list[dict[str, Any]]:
            return [document_data(d) for d in documents[offset : offset + count]]

        return Response(paginate(request, fetch))


class DocumentView(ApiView):
    @extend_schema(
        operation_id="document",
        summary=_("One legal document and the events it is the basis of"),
        tags=TAGS,
        parameters=[doc.ID],
        responses={200: s.DocumentDetailSerializer, 404: doc.NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        document = LegalDocument.objects.filter(pk=pk).first()
        if document is None:
            raise not_found("document_not_found", pk)
        return Response(document_detail_data(document, queries.document_events(document)))
