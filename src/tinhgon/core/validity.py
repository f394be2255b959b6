"""The one place the date-validity predicate is written.

Every temporal fact carries a half-open interval [valid_from, valid_to); an empty valid_to means
the fact still holds. Queries go through `ValidQuerySet.as_of` and `.overlapping`.
"""

from __future__ import annotations

import datetime as dt
from typing import Self, TypeVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def valid_on(on: dt.date, prefix: str = "") -> Q:
    """Q for facts valid on a day. `prefix` reaches a related model's interval ("versions__")."""
    return Q(**{f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": on})
    )


def overlapping(start: dt.date, end: dt.date | None, prefix: str = "") -> Q:
    """Q for facts whose interval meets [start, end); `end=None` means open-ended."""
    q = Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": start})
    if end is not None:
        q &= Q(**{f"{prefix}valid_from__lt": end})
    return q


def intervals_overlap(
    a_from: dt.date, a_to: dt.date | None, b_from: dt.date, b_to: dt.date | None
) -> bool:
    return (a_to is None or b_from < a_to) and (b_to is None or a_from < b_to)


_M = TypeVar("_M", bound=models.Model)


class ValidQuerySet(models.QuerySet[_M]):
    def as_of(self, on: dt.date) -> Self:
        return self.filter(valid_on(on))

    def overlapping(self, start: dt.date, end: dt.date | None) -> Self:
        return self.filter(overlapping(start, end))


ValidManager = models.Manager.from_queryset(ValidQuerySet)


class Validity(models.Model):
    """Abstract base for every fact that holds over a half-open date interval."""

    valid_from = models.DateField(_("valid from"), db_index=True)
    valid_to = models.DateField(
        _("valid to"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("First day the fact no longer holds; empty while it holds."),
    )

    objects = ValidManager()

    class Meta:
        abstract = True

    @classmethod
    def interval_check(cls, name: str) -> models.CheckConstraint:
        """A named constraint that the interval is not empty or reversed."""
        return models.CheckConstraint(
            condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
            name=name,
        )

    def holds_on(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on < self.valid_to)

    @property
    def valid_until(self) -> dt.date | None:
        """The last day the fact holds (inclusive), for display."""
        return None if self.valid_to is None else self.valid_to - dt.timedelta(days=1)
