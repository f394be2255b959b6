"""Reading query parameters. Every bad value becomes a DomainError naming the parameter, which
the exception handler turns into a 400 with a Vietnamese message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from rest_framework.request import Request

from tinhgon.core.dates import parse_iso, today
from tinhgon.core.errors import DomainError
from tinhgon.registry.models import Unit
from tinhgon.registry.problems import problem
from tinhgon.registry.queries import unit_resolve


def refuse_nul(request: Request, path_params: dict[str, object], *, body: bool = False) -> None:
    """No query or path parameter, nor any text in a JSON body, may hold a NUL character: no
    name, code or document has one, and PostgreSQL cannot even store or compare text with it
    (it would be a server error, not a 400)."""
    given = [(n, v) for n, values in request.query_params.lists() for v in values]
    given += [(n, str(v)) for n, v in path_params.items()]
    if body:
        given += list(_texts(request.data))
    found = [
        problem(
            "invalid_value",
            name,
            value=value.replace("\x00", "\\0"),
            reason=_("it contains a NUL character"),
        )
        for name, value in given
        if "\x00" in value
    ]
    if found:
        raise DomainError(found)


def _texts(data: Any, field: str = "") -> Iterator[tuple[str, str]]:
    """Every (field, text) in parsed JSON, the keys included; fields like `documents[0].title`."""
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{field}.{key}" if field else str(key)
            yield name, str(key)
            yield from _texts(value, name)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, f"{field}[{index}]")
    elif isinstance(data, str):
        yield field, data


def text(request: Request, name: str, *, required: bool = False) -> str:
    value = request.query_params.get(name, "").strip()
    if required and not value:
        raise DomainError(problem("required", name))
    return value


def date(request: Request, name: str, default: dt.date | None = None) -> dt.date:
    """A YYYY-MM-DD parameter; without `default` it is required."""
    value = text(request, name, required=default is None)
    if not value:
        assert default is not None
        return default
    return parse_iso(value, name)


def on(request: Request) -> dt.date:
    """The date a read is about: `on`, today by default."""
    return date(request, "on", today())


def optional_date(request: Request, name: str) -> dt.date | None:
    value = text(request, name)
    return parse_iso(value, name) if value else None


def integer(
    request: Request, name: str, default: int, *, minimum: int = 0, maximum: int | None = None
) -> int:
    value = text(request, name)
    if not value:
        return default
    number = int(value) if value.isascii() and value.isdigit() else -1
    if number < minimum or (maximum is not None and number > maximum):
        if maximum is None:
            reason = _("a whole number from %(minimum)s") % {"minimum": minimum}
        else:
            reason = _("a whole number from %(minimum)s to %(maximum)s") % {
                "minimum": minimum,
                "maximum": maximum,
            }
        raise DomainError(problem("invalid_value", name, value=value, reason=reason))
    return number


def choice(request: Request, name: str, choices: type[models.TextChoices]) -> str:
    value = text(request, name)
    if value and value not in choices.values:
        raise DomainError(
            problem("invalid_choice", name, value=value, choices=", ".join(choices.values))
        )
    return value


def unit(ref: str, when: dt.date, name: str = "ref") -> Unit:
    """A unit from the path or a parameter: internal id or official code valid on `when`."""
    return unit_resolve(ref, when, field=name)
