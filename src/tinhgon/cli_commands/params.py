"""Reading command-line values: dates, unit references, the acting user."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from tinhgon.core.dates import parse_iso, today
from tinhgon.core.errors import DomainError, Problem
from tinhgon.registry.models import Unit
from tinhgon.registry.queries import unit_resolve


class IsoDate(click.ParamType):
    """A YYYY-MM-DD date. A bad one raises the domain's DomainError naming the option, which
    the group prints like any other refused input."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        field = param.opts[0] if param is not None and param.opts else "date"
        return parse_iso(value, field)


DATE = IsoDate()


def date_or_today(value: dt.date | None) -> dt.date:
    return value if value is not None else today()


def resolve(ref: str, on: dt.date) -> Unit:
    """The unit REF names on `on`: an id ("id:12", "#12") or an official code then."""
    return unit_resolve(ref, on, field="REF")


def find_user(username: str | None) -> Any:
    """The Django user to act as, or None."""
    if not username:
        return None
    model = get_user_model()
    try:
        return model.objects.get_by_natural_key(username)
    except model.DoesNotExist:
        message = _("No user is named “%(name)s”.") % {"name": username}
        raise DomainError(Problem("user_not_found", message, "--user")) from None
