"""Limit/offset pages. No total count (counting a national table on every page is costly): one
extra row fetched tells whether a next page exists."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rest_framework.request import Request
from rest_framework.utils.urls import remove_query_param, replace_query_param

from . import params

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


def paginate(
    request: Request,
    fetch: Callable[[int, int], Sequence[dict[str, Any]]],
) -> dict[str, Any]:
    """`fetch(offset, count)` returns up to `count` rendered rows from `offset` on."""
    limit = params.integer(request, "limit", DEFAULT_LIMIT, minimum=1, maximum=MAX_LIMIT)
    offset = params.integer(request, "offset", 0)
    rows = list(fetch(offset, limit + 1))
    url = request.build_absolute_uri()
    following = replace_query_param(url, "offset", offset + limit) if len(rows) > limit else None
    previous = None
    if offset > 0:
        before = max(offset - limit, 0)
        previous = (
            replace_query_param(url, "offset", before)
            if before
            else remove_query_param(url, "offset")
        )
    return {
        "offset": offset,
        "limit": limit,
        "next": following,
        "previous": previous,
        "results": rows[:limit],
    }
