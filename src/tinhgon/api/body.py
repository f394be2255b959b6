"""A JSON request body read field by field: every problem (an unknown field, a missing or
malformed value, a unit outside the user's scope) collected before any is reported."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext
from rest_framework.request import Request

from tinhgon.core.dates import parse_iso
from tinhgon.core.errors import DomainError, Problem, raise_if
from tinhgon.registry.problems import problem
from tinhgon.registry.queries import unit_resolve


class JsonBody:
    """The fields of a JSON body, every problem collected before any is reported."""

    def __init__(self, request: Request, fields: tuple[str, ...]):
        raw = request.data
        if not isinstance(raw, dict):
            message = gettext("The body must be a JSON object.")
            raise DomainError(Problem("invalid_body", message, ""))
        self.raw: dict[str, Any] = raw
        self.problems: list[Problem] = [
            Problem("unknown_field", gettext("This field cannot be sent."), name)
            for name in sorted(set(raw) - set(fields))
        ]

    def _given(self, name: str, required: bool) -> Any:
        value = self.raw.get(name)
        if value in (None, "") and required:
            self.problems.append(problem("required", name))
        return None if value == "" else value

    def _invalid(self, name: str, value: Any, reason: str) -> None:
        self.problems.append(problem("invalid_value", name, value=value, reason=reason))

    def text(self, name: str, *, required: bool = False) -> str:
        value = self._given(name, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            self._invalid(name, value, gettext("a text"))
            return ""
        return value.strip()

    def date(self, name: str, *, required: bool = True) -> dt.date | None:
        value = self._given(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self._invalid(name, value, gettext("a date written YYYY-MM-DD"))
            return None
        try:
            return parse_iso(value, name)
        except DomainError as error:
            self.problems += error.problems
            return None

    def integer(
        self, name: str, *, required: bool = False, low: int = 0, high: int = 10**9
    ) -> int | None:
        value = self._given(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            reason = gettext("a whole number from %(minimum)s to %(maximum)s") % {
                "minimum": low,
                "maximum": high,
            }
            self._invalid(name, value, reason)
            return None
        return value

    def unit(self, name: str, when: dt.date | None, *, required: bool = True) -> int | None:
        """A unit named by id or code, within the user's scope, looked up on `when`."""
        ref = self.text(name, required=required)
        if not ref or when is None:
            return None
        try:
            return unit_resolve(ref, when, field=name).pk
        except DomainError as error:  # a bad reference in a body is bad input (400)
            self.problems += error.problems
            return None

    def check(self) -> None:
        raise_if(self.problems)
