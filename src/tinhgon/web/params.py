"""Reading the query string: dates in dd/mm/yyyy (or YYYY-MM-DD), depths, choices.

Bad values raise DomainError, which the views turn into a 400 page in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext as _

from tinhgon.core.dates import parse_user_date, today
from tinhgon.core.errors import DomainError, Problem

DEFAULT_DEPTH = 3
MAX_DEPTH = 12


def show(value: dt.date) -> str:
    """A date as the UI writes it: dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class AsOf:
    """The date a page is about, and how it travels in links ("" when the user gave none)."""

    date: dt.date
    param: str

    @property
    def shown(self) -> str:
        return show(self.date)


def as_of(request: HttpRequest) -> AsOf:
    raw = request.GET.get("on", "").strip()
    if not raw:
        return AsOf(today(), "")
    date = parse_user_date(raw, "on")
    return AsOf(date, show(date))


def date_param(request: HttpRequest, name: str, default: dt.date | None) -> dt.date | None:
    raw = request.GET.get(name, "").strip()
    return parse_user_date(raw, name) if raw else default


def depth_param(request: HttpRequest) -> int | None:
    """How many levels under the root to show: a number, or "all" for every level."""
    raw = request.GET.get("depth", "").strip()
    if not raw:
        return DEFAULT_DEPTH
    if raw == "all":
        return None
    if raw.isdigit() and 1 <= int(raw) <= MAX_DEPTH:
        return int(raw)
    raise DomainError(
        Problem(
            "invalid_depth",
            _("“%(value)s” is not a valid depth (a number from 1 to %(max)s, or “all”).")
            % {"value": raw, "max": MAX_DEPTH},
            "depth",
        )
    )


def choice_param(request: HttpRequest, name: str, choices: list[str]) -> str:
    raw = request.GET.get(name, "").strip()
    if raw and raw not in choices:
        raise DomainError(
            Problem(
                "invalid_choice",
                _("“%(value)s” is not a valid choice for this filter.") % {"value": raw},
                name,
            )
        )
    return raw
