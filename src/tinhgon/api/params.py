"""Reading query parameters. Every bad value becomes a DomainError naming the parameter, which
the exception handler turns into a 400 with a Vietnamese message."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext as _
from rest_framework.request import Request

from tinhgon.core.dates import parse_iso, today
from tinhgon.core.errors import DomainError
from tinhgon.registry.models import Unit
from tinhgon.registry.problems import problem
from tinhgon.registry.queries import unit_resolve


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
