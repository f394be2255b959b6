"""Units at a date: search, one unit, its tree, history, lineage and diff; code look-up."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from tinhgon.core.errors import NotFound
from tinhgon.registry import queries
from tinhgon.registry.kinds import CodeScheme
from tinhgon.registry.problems import problem
from tinhgon.registry.representations import diff_data, history_data, lineage_data, tree_data

from . import openapi as doc
from . import params
from . import serializers as s
from .base import ApiView
from .pagination import paginate
from .representations import code_lookup_data, code_match_data, unit_data

TAGS = ["units"]


class UnitSearchView(ApiView):
    @extend_schema(
        operation_id="units_search",
        summary=_("Search units by name"),
        tags=TAGS,
        parameters=[doc.Q, doc.ON, *doc.PAGE],
        responses={200: s.page_of(s.UnitSerializer, "UnitPage"), 400: doc.BAD_REQUEST},
    )
    def get(self, request: Request) -> Response:
        text = params.text(request, "q", required=True)
        on = params.on(request)

        def fetch(offset: int, count: int) -> list[dict[str, Any]]:
            versions = queries.search(text, on, limit=offset + count)[offset:]
            codes = queries.codes_at((v.unit_id for v in versions), on)
            return [unit_data(v, codes.get(v.unit_id, [])) for v in versions]

        return Response(paginate(request, fetch))


class UnitView(ApiView):
    @extend_schema(
        operation_id="unit",
        summary=_("A unit as it was on a date"),
        tags=TAGS,
        parameters=[doc.REF, doc.ON],
        responses={200: s.UnitSerializer, 400: doc.BAD_REQUEST, 404: doc.NOT_FOUND},
    )
    def get(self, request: Request, ref: str) -> Response:
        on = params.on(request)
        node = queries.tree(params.unit(ref, on), on, depth=0)
        return Response(unit_data(node.version, node.codes))


class UnitTreeView(ApiView):
    @extend_schema(
        operation_id="unit_tree",
        summary=_("The units under a unit on a date"),
        tags=TAGS,
        parameters=[doc.REF, doc.ON, doc.DEPTH],
        responses={200: s.TreeNodeSerializer, 400: doc.BAD_REQUEST, 404: doc.NOT_FOUND},
    )
    def get(self, request: Request, ref: str) -> Response:
        on = params.on(request)
        depth = params.integer(request, "depth", 1)
        return Response(tree_data(queries.tree(params.unit(ref, on), on, depth=depth)))


class UnitHistoryView(ApiView):
    @extend_schema(
        operation_id="unit_history",
        summary=_("Every version, code and event of a unit"),
        tags=TAGS,
        parameters=[doc.REF, doc.ON_FOR_REF],
        responses={200: s.HistorySerializer, 400: doc.BAD_REQUEST, 404: doc.NOT_FOUND},
    )
    def get(self, request: Request, ref: str) -> Response:
        unit = params.unit(ref, params.on(request))
        return Response(history_data(queries.history(unit)))


class UnitLineageView(ApiView):
    @extend_schema(
        operation_id="unit_lineage",
        summary=_("What a unit became by a later date, or was made from by an earlier one"),
        tags=TAGS,
        parameters=[doc.REF, doc.ON, doc.TO],
        responses={
            200: s.LineageEntrySerializer(many=True),
            400: doc.BAD_REQUEST,
            404: doc.NOT_FOUND,
        },
    )
    def get(self, request: Request, ref: str) -> Response:
        on = params.on(request)
        to = params.date(request, "to")
        return Response(lineage_data(queries.lineage(params.unit(ref, on), on, to)))


class UnitDiffView(ApiView):
    @extend_schema(
        operation_id="unit_diff",
        summary=_("How the units under a unit changed between two dates"),
        tags=TAGS,
        parameters=[doc.REF, doc.FROM, doc.DIFF_TO],
        responses={200: s.DiffSerializer, 400: doc.BAD_REQUEST, 404: doc.NOT_FOUND},
    )
    def get(self, request: Request, ref: str) -> Response:
        date_from = params.date(request, "from")
        date_to = params.date(request, "to")
        unit = params.unit(ref, date_from)
        return Response(diff_data(queries.diff(unit, date_from, date_to)))


class CodeView(ApiView):
    @extend_schema(
        operation_id="code_lookup",
        summary=_("Which unit an official code points to on a date"),
        tags=["codes"],
        parameters=[doc.CODE, doc.ON, doc.SCHEME],
        responses={200: s.CodeLookupSerializer, 400: doc.BAD_REQUEST, 404: doc.NOT_FOUND},
    )
    def get(self, request: Request, code: str) -> Response:
        on = params.on(request)
        scheme = params.choice(request, "scheme", CodeScheme)
        found = queries.code_lookup(code, on, scheme or None)
        if not found:
            raise NotFound(problem("unit_not_found", "code", ref=code, date=on))
        matches = [code_match_data(c, queries.version_at(c.unit_id, on)) for c in found]
        return Response(code_lookup_data(code, on, matches))
