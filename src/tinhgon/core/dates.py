"""Parsing dates from the outside world: ISO in the API and CLI, dd/mm/yyyy also in the UI."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from .errors import DomainError, Problem


def parse_iso(value: object, field: str) -> dt.date:
    """A YYYY-MM-DD date, or a DomainError naming the field."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise DomainError(
            Problem(
                "invalid_date",
                _("“%(value)s” is not a valid date (expected YYYY-MM-DD).") % {"value": value},
                field,
            )
        ) from None


def parse_user_date(value: str, field: str) -> dt.date:
    """A date typed in the UI: dd/mm/yyyy, or YYYY-MM-DD."""
    text = value.strip()
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()  # noqa: DTZ007 (a plain date)
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DomainError(
            Problem(
                "invalid_date",
                _("“%(value)s” is not a valid date (expected dd/mm/yyyy).") % {"value": value},
                field,
            )
        ) from None


def today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()
