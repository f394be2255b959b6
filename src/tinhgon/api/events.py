"""Events: list and read them; record one (POST) through the registry's event service."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from tinhgon.accounts.roles import Action
from tinhgon.registry import queries
from tinhgon.registry.eventspec import parse_event_spec
from tinhgon.registry.kinds import EventKind
from tinhgon.registry.representations import event_data
from tinhgon.registry.services import event_apply

from . import openapi as doc
from . import params
from . import serializers as s
from .base import ApiView, not_found
from .pagination import paginate

TAGS = ["events"]


class EventListView(ApiView):
    parser_classes = [JSONParser]
    write_action = Action.RECORD_EVENTS

    @extend_schema(
        operation_id="events_list",
        summary=_("Restructuring events, in date order"),
        tags=TAGS,
        parameters=[*doc.EVENT_FILTERS, doc.ON_FOR_REF, *doc.PAGE],
        responses={
            200: s.page_of(s.EventSerializer, "EventPage"),
            400: doc.BAD_REQUEST,
            404: doc.NOT_FOUND,
        },
    )
    def get(self, request: Request) -> Response:
        ref = params.text(request, "unit")
        events = queries.events(
            unit=params.unit(ref, params.on(request), "unit") if ref else None,
            date_from=params.optional_date(request, "from"),
            date_to=params.optional_date(request, "to"),
            kind=params.choice(request, "kind", EventKind),
        )

        def fetch(offset: int, count: int) -> list[dict[str, Any]]:
            return [event_data(e) for e in events[offset : offset + count]]

        return Response(paginate(request, fetch))

    @extend_schema(
        operation_id="events_record",
        summary=_("Record and apply an event"),
        description=_(
            "Needs a role that records events, over every unit the event names. The body is "
            "checked as a whole: a 400 lists every problem, and nothing is written unless "
            "everything is right."
        ),
        tags=TAGS,
        request=s.EventDescriptionSerializer,
        responses={
            201: s.EventSerializer,
            400: doc.BAD_REQUEST,
            401: doc.UNAUTHORIZED,
            403: doc.FORBIDDEN,
        },
    )
    def post(self, request: Request) -> Response:
        spec = parse_event_spec(request.data)
        event = event_apply(spec=spec)
        saved = queries.event_detail(event.pk)
        assert saved is not None
        location = reverse("api:event", kwargs={"pk": event.pk})
        return Response(event_data(saved), status=201, headers={"Location": location})


class EventView(ApiView):
    @extend_schema(
        operation_id="event",
        summary=_("One event with its documents and participants"),
        tags=TAGS,
        parameters=[doc.ID],
        responses={200: s.EventSerializer, 404: doc.NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        event = queries.event_detail(pk)
        if event is None:
            raise not_found("event_not_found", pk)
        return Response(event_data(event))
