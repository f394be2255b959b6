"""Party organizations and members: counts, admissions, confirmations due, size checks, the
statistics table, ratings, the admission pipeline, member records; and the writes of the
organization board (admit, confirm, transfer, end, rate, record a congress).

Each view reads its parameters, calls one party query, table or service, and returns its
result as `people.representations.data` gives it. Rights and scope are checked there.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from tinhgon.accounts.roles import Action
from tinhgon.core.dates import today
from tinhgon.core.errors import DomainError
from tinhgon.party import queries, services, stats
from tinhgon.party.kinds import AttachmentKind, Grade
from tinhgon.party.models import Congress, Member, Rating
from tinhgon.people.labels import choice_label
from tinhgon.people.representations import data
from tinhgon.registry.models import Unit

from . import openapi as doc
from . import params
from . import party_serializers as ps
from .base import ApiView
from .body import JsonBody
from .pagination import paginate

TAGS = ["party"]
FOUND = {400: doc.BAD_REQUEST, 404: doc.NOT_FOUND}
YEARS = (1930, 2100)  # the party was founded in 1930


def _scope(description: Any) -> OpenApiParameter:
    return OpenApiParameter(
        "scope", OpenApiTypes.STR, doc.QUERY, required=True, description=description
    )


SCOPE_ON = _scope(
    _(
        "A party organization, or an administrative unit (its party organizations count): an "
        "internal id or a code valid on `on`."
    )
)
SCOPE_TO = _scope(
    _("A party organization or an administrative unit: an id or a code valid on `to`.")
)
SCOPE_YEAR = _scope(
    _(
        "A party organization or an administrative unit: an id or a code valid on 31 December "
        "of the (last) year."
    )
)
SCOPE_UNTIL = _scope(
    _(
        "A party organization or an administrative unit: an id or a code valid on `until` "
        "(today by default)."
    )
)
FROM = doc.date("from", _("The first day (included)."), required=True)
TO = doc.date("to", _("The last day (included)."), required=True)


def _year_parameter(name: str, description: Any) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.INT, doc.QUERY, required=True, description=description
    )


YEAR = _year_parameter("year", _("The calendar year."))
FROM_YEAR = _year_parameter("from_year", _("The first year."))
TO_YEAR = _year_parameter("to_year", _("The last year (included)."))
TERM = OpenApiParameter(
    "term",
    OpenApiTypes.STR,
    doc.QUERY,
    required=True,
    description=_("The term's code, e.g. party-2020-2025."),
)
UNTIL = doc.date("until", _("The last day counted; the term's last day (or today) by default."))
TEXT = OpenApiParameter(
    "q", OpenApiTypes.STR, doc.QUERY, description=_("Text in the name, diacritics optional.")
)


# ---------------------------------------------------------------------------- reading input


def _scope_unit(request: Request, when: dt.date) -> Unit:
    return params.unit(params.text(request, "scope", required=True), when, "scope")


def _year(request: Request, name: str) -> int:
    params.text(request, name, required=True)
    return params.integer(request, name, 0, minimum=YEARS[0], maximum=YEARS[1])


class Body(JsonBody):
    """A JSON body that may name party members."""

    def member(self, name: str) -> int | None:
        """A party member by id, within the user's scope."""
        number = self.integer(name, low=1)
        if number is None:
            return None
        try:
            return services.member_of(number, name).pk
        except DomainError as error:
            self.problems += error.problems
            return None


def _record(member: Member | int, status: int = 200) -> Response:
    """A member's record after a write; 201 with its address for an admission."""
    record = queries.member_record(member.pk if isinstance(member, Member) else member)
    headers = {}
    if status == 201:
        headers["Location"] = reverse("api:party-member", kwargs={"pk": record.member_id})
    return Response(data(record), status=status, headers=headers)


def _rating_data(rating: Rating) -> dict[str, Any]:
    unit = None
    if rating.unit_id is not None:
        unit = queries.unit_refs([rating.unit_id], rating.rated_on)[rating.unit_id]
    return {
        "id": rating.pk,
        "member": rating.member_id,
        "unit": data(unit),
        "year": rating.year,
        "grade": rating.grade,
        "grade_label": choice_label(Grade, rating.grade),
        "score": rating.score,
        "rated_on": rating.rated_on.isoformat(),
    }


def _congress_data(congress: Congress) -> dict[str, Any]:
    row = queries.CongressRow(
        congress.pk, congress.held_on, congress.ordinal, congress.term.name if congress.term else ""
    )
    unit = queries.unit_refs([congress.unit_id], congress.held_on)[congress.unit_id]
    return {**data(row), "unit": data(unit), "note": congress.note}


# ---------------------------------------------------------------------------- organizations


class OrganizationView(ApiView):
    @extend_schema(
        operation_id="party_organization",
        summary=_("A party organization on a date: counts, organizations and members under it"),
        description=_(
            "Members are named only for roles that may see party details here; confirmations "
            "due are those of the next 60 days."
        ),
        tags=TAGS,
        parameters=[doc.REF, doc.ON],
        responses={200: ps.PartyOrganizationSerializer, **FOUND},
    )
    def get(self, request: Request, ref: str) -> Response:
        on = params.on(request)
        return Response(data(queries.organization(params.unit(ref, on), on)))


class CountsView(ApiView):
    @extend_schema(
        operation_id="party_counts",
        summary=_("Party organizations by kind in a scope on a date, and their members"),
        tags=TAGS,
        parameters=[SCOPE_ON, doc.ON],
        responses={200: ps.PartyCountsSerializer, **FOUND},
    )
    def get(self, request: Request) -> Response:
        on = params.on(request)
        return Response(data(queries.org_counts(_scope_unit(request, on), on)))


class StructureView(ApiView):
    @extend_schema(
        operation_id="party_structure",
        summary=_("The organizations of a scope that break the Party Statute's size rules"),
        tags=TAGS,
        parameters=[SCOPE_ON, doc.ON],
        responses={200: ps.PartyStructureSerializer, **FOUND},
    )
    def get(self, request: Request) -> Response:
        on = params.on(request)
        return Response(data(queries.structure_check(_scope_unit(request, on), on)))


class StatisticsView(ApiView):
    @extend_schema(
        operation_id="party_statistics",
        summary=_("The party statistics table: members by the standard breakdowns"),
        description=_(
            "One row per organization directly under the scope's party organization (with "
            "everything under it); each breakdown's columns add up to the members."
        ),
        tags=TAGS,
        parameters=[SCOPE_ON, doc.ON],
        responses={200: ps.PartyStatisticsSerializer, **FOUND},
    )
    def get(self, request: Request) -> Response:
        on = params.on(request)
        return Response(data(stats.statistics(_scope_unit(request, on), on)))


# ---------------------------------------------------------------------------- admissions


class AdmissionsView(ApiView):
    @extend_schema(
        operation_id="party_admissions",
        summary=_("Members admitted in a scope over a period, by year, organization and profile"),
        tags=TAGS,
        parameters=[SCOPE_TO, FROM, TO],
        responses={200: ps.PartyAdmissionsSerializer, **FOUND},
    )
    def get(self, request: Request) -> Response:
        start, end = params.date(request, "from"), params.date(request, "to")
        return Response(data(queries.admissions(_scope_unit(request, end), start, end)))


class AdmissionRatesView(ApiView):
    @extend_schema(
        operation_id="party_admission_rates",
        summary=_("Yearly admissions over the members at the start of each year, and the mean"),
        tags=TAGS,
        parameters=[SCOPE_YEAR, FROM_YEAR, TO_YEAR],
        responses={200: ps.PartyAdmissionRatesSerializer, **FOUND},
    )
    def get(self, request: Request) -> Response:
        first, last = _year(request, "from_year"), _year(request, "to_year")
        scope = _scope_unit(request, dt.date(last, 12, 31))
        return Response(data(queries.admission_rates(scope, first, last)))


class TermAdmissionsView(ApiView):
    @extend_schema(
        operation_id="party_term_admissions",
        summary=_("Admissions since the start of a term, with the yearly rates of its years"),
        tags=TAGS,
        parameters=[SCOPE_UNTIL, TERM, UNTIL],
        responses={200: ps.PartyTermAdmissionsSerializer, **FOUND},
    )
    def get(self, request: Request) -> Response:
        until = params.optional_date(request, "until")
        term = params.text(request, "term", required=True)
        scope = _scope_unit(request, until or today())
        return Response(data(queries.term_admissions(scope, term, until)))


class ConfirmationsDueView(ApiView):
    @extend_schema(
        operation_id="party_confirmations_due",
        summary=_("Probationary members whose probation ends in a period, not yet decided"),
        tags=TAGS,
        parameters=[SCOPE_TO, FROM, TO],
        responses={200: ps.PartyMemberRowSerializer(many=True), **FOUND},
    )
    def get(self, request: Request) -> Response:
        start, end = params.date(request, "from"), params.date(request, "to")
        return Response(data(queries.confirmations_due(_scope_unit(request, end), start, end)))


class PipelineView(ApiView):
    @extend_schema(
        operation_id="party_pipeline",
        summary=_("The admission pipeline: open candidates by stage, targets against admissions"),
        tags=TAGS,
        parameters=[SCOPE_YEAR, YEAR],
        responses={200: ps.PartyPipelineSerializer, **FOUND},
    )
    def get(self, request: Request) -> Response:
        year = _year(request, "year")
        scope = _scope_unit(request, dt.date(year, 12, 31))
        return Response(data(queries.pipeline(scope, year)))


# ---------------------------------------------------------------------------- ratings


class RatingsView(ApiView):
    parser_classes = [JSONParser]
    write_action = Action.EDIT_PARTY

    @extend_schema(
        operation_id="party_ratings",
        summary=_("The annual quality ratings of a year in a scope, by grade"),
        tags=TAGS,
        parameters=[SCOPE_YEAR, YEAR],
        responses={200: ps.PartyRatingCountsSerializer, **FOUND},
    )
    def get(self, request: Request) -> Response:
        year = _year(request, "year")
        scope = _scope_unit(request, dt.date(year, 12, 31))
        return Response(data(queries.rating_counts(scope, year)))

    @extend_schema(
        operation_id="party_rating_record",
        summary=_("Record the annual rating of a member or an organization"),
        description=_(
            "Give either member or unit. Under a scored scale (from 2025-08-30) give the score: "
            "it sets the grade."
        ),
        tags=TAGS,
        request=ps.PartyRateSerializer,
        responses={201: ps.PartyRatingSerializer, **FOUND},
    )
    def post(self, request: Request) -> Response:
        body = Body(request, ("member", "unit", "year", "grade", "score", "rated_on"))
        year = body.integer("year", required=True, low=YEARS[0], high=YEARS[1])
        row = services.RatingRow(
            year=year or 0,
            member_id=body.member("member"),
            unit_id=body.unit("unit", dt.date(year, 12, 31) if year else None, required=False),
            grade=body.text("grade"),
            score=body.integer("score", high=100),
            rated_on=body.date("rated_on", required=False),
        )
        body.check()
        rating = services.ratings_record(rows=[row])[0]
        return Response(_rating_data(rating), status=201)


class CongressesView(ApiView):
    parser_classes = [JSONParser]
    write_action = Action.EDIT_PARTY

    @extend_schema(
        operation_id="party_congress_record",
        summary=_("Record a congress of a party organization"),
        tags=TAGS,
        request=ps.PartyCongressBodySerializer,
        responses={201: ps.PartyCongressRecordSerializer, **FOUND},
    )
    def post(self, request: Request) -> Response:
        body = Body(request, ("unit", "held_on", "ordinal", "term", "note"))
        held_on = body.date("held_on")
        unit = body.unit("unit", held_on)
        ordinal = body.integer("ordinal", low=1, high=1000)
        term, note = body.text("term"), body.text("note")
        body.check()
        assert unit is not None and held_on is not None
        congress = services.congress_record(
            unit=unit, held_on=held_on, ordinal=ordinal, term=term, note=note
        )
        return Response(_congress_data(congress), status=201)


# ---------------------------------------------------------------------------- members


class MembersView(ApiView):
    parser_classes = [JSONParser]
    write_action = Action.EDIT_PARTY

    @extend_schema(
        operation_id="party_members",
        summary=_("Members counted in a scope on a date whose name contains the text"),
        description=_("Only the members the role may see by name are listed."),
        tags=TAGS,
        parameters=[SCOPE_ON, doc.ON, TEXT, *doc.PAGE],
        responses={200: ps.PartyMemberPageSerializer, **FOUND},
    )
    def get(self, request: Request) -> Response:
        on = params.on(request)
        found = queries.members_search(_scope_unit(request, on), on, params.text(request, "q"))

        def fetch(offset: int, count: int) -> list[dict[str, Any]]:
            return [data(row) for row in found[offset : offset + count]]

        return Response(paginate(request, fetch))

    @extend_schema(
        operation_id="party_member_admit",
        summary=_("Admit a person to the party in a cell"),
        description=_(
            "The member is probationary for 12 months from admitted_on. The admission age is "
            "checked on considered_on. A 400 lists every problem, and nothing is written."
        ),
        tags=TAGS,
        request=ps.PartyAdmitSerializer,
        responses={201: ps.PartyMemberRecordSerializer, **FOUND},
    )
    def post(self, request: Request) -> Response:
        body = Body(
            request,
            (
                "person",
                "cell",
                "admitted_on",
                "considered_on",
                "decision",
                "occupation",
                "card_number",
            ),
        )
        person = body.integer("person", required=True, low=1)
        admitted_on = body.date("admitted_on")
        fields = {
            "person_id": person,
            "cell_id": body.unit("cell", admitted_on),
            "admitted_on": admitted_on,
            "considered_on": body.date("considered_on", required=False),
            "decision": body.text("decision"),
            "occupation": body.text("occupation"),
            "card_number": body.text("card_number"),
        }
        body.check()
        return _record(services.member_admit(**fields), status=201)


class MemberView(ApiView):
    @extend_schema(
        operation_id="party_member",
        summary=_("A member's record: admission, probation, organizations, ratings"),
        description=_(
            "Needs party details of one of the member's organizations; the read is logged."
        ),
        tags=TAGS,
        parameters=[doc.ID],
        responses={200: ps.PartyMemberRecordSerializer, **FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(data(queries.member_record(pk)))


class MemberConfirmView(ApiView):
    parser_classes = [JSONParser]
    write_action = Action.EDIT_PARTY

    @extend_schema(
        operation_id="party_member_confirm",
        summary=_("Confirm a probationary member: official from the end of the probation"),
        tags=TAGS,
        parameters=[doc.ID],
        request=ps.PartyConfirmSerializer,
        responses={200: ps.PartyMemberRecordSerializer, **FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        member = services.member_of(pk, "id")
        body = Body(request, ("decided_on", "decision"))
        decided_on, decision = body.date("decided_on"), body.text("decision")
        body.check()
        assert decided_on is not None
        services.member_confirm(member_id=member.pk, decided_on=decided_on, decision=decision)
        return _record(member)


class MemberTransferView(ApiView):
    parser_classes = [JSONParser]
    write_action = Action.EDIT_PARTY

    @extend_schema(
        operation_id="party_member_transfer",
        summary=_("Move a member's party life to another organization, officially or for a time"),
        tags=TAGS,
        parameters=[doc.ID],
        request=ps.PartyTransferSerializer,
        responses={200: ps.PartyMemberRecordSerializer, **FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        member = services.member_of(pk, "id")
        body = Body(request, ("to_unit", "on", "kind", "until", "decision"))
        on = body.date("on")
        to_unit = body.unit("to_unit", on)
        kind = body.text("kind") or AttachmentKind.OFFICIAL
        until, decision = body.date("until", required=False), body.text("decision")
        body.check()
        assert to_unit is not None and on is not None
        services.member_transfer(
            member=member, to_unit=to_unit, on=on, kind=kind, until=until, decision=decision
        )
        return _record(member)


class MemberEndView(ApiView):
    parser_classes = [JSONParser]
    write_action = Action.EDIT_PARTY

    @extend_schema(
        operation_id="party_member_end",
        summary=_("End a membership: struck off, left, expelled, deceased or not confirmed"),
        tags=TAGS,
        parameters=[doc.ID],
        request=ps.PartyEndSerializer,
        responses={200: ps.PartyMemberRecordSerializer, **FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        member = services.member_of(pk, "id")
        body = Body(request, ("on", "reason", "decision"))
        on, reason, decision = (
            body.date("on"),
            body.text("reason", required=True),
            body.text("decision"),
        )
        body.check()
        assert on is not None
        services.member_end(member=member, on=on, reason=reason, decision=decision)
        return _record(member)
