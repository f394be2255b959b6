"""Legal documents: search them and read one with the events it is the basis of."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from tinhgon.accounts.roles import Action
from tinhgon.core.errors import DomainError, Problem
from tinhgon.registry import queries
from tinhgon.registry.representations import document_data
from tinhgon.registry.services import document_update

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
    parser_classes = [JSONParser]
    write_action = Action.RECORD_EVENTS

    @extend_schema(
        operation_id="document",
        summary=_("One legal document and the events it is the basis of"),
        tags=TAGS,
        parameters=[doc.ID],
        responses={200: s.DocumentDetailSerializer, 404: doc.NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        document = queries.document(pk)
        if document is None:
            raise not_found("document_not_found", pk)
        return Response(document_detail_data(document, queries.document_events(document)))

    @extend_schema(
        operation_id="document_edit",
        summary=_("Correct a document's title, source address, status or effective date"),
        description=_(
            "Send the revision read with GET. If someone else changed the document since, the "
            "answer is 409 with the document as it is now, and nothing is written."
        ),
        tags=TAGS,
        parameters=[doc.ID],
        request=s.DocumentEditSerializer,
        responses={
            200: s.DocumentDetailSerializer,
            400: doc.BAD_REQUEST,
            404: doc.NOT_FOUND,
            409: s.ConflictSerializer,
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        document = queries.document(pk)
        if document is None:
            raise not_found("document_not_found", pk)
        edit = s.DocumentEditSerializer(data=request.data)
        edit.is_valid(raise_exception=True)
        unknown = sorted(set(request.data) - set(edit.fields))
        if unknown:
            raise DomainError(
                Problem("unknown_field", str(_("This field cannot be sent.")), unknown[0])
            )
        changes = dict(edit.validated_data)
        revision = changes.pop("revision")
        updated = document_update(document=document, revision=revision, changes=changes)
        return Response(document_detail_data(updated, queries.document_events(updated)))
