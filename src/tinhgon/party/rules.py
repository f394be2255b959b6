"""The rules of membership as the services apply them: probation, age, the rules in force."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from tinhgon.core.memo import remembered

from .kinds import PROBATION_MONTHS
from .models import AdmissionAgeRule, RatingScale, StructureRule


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day if it has no such day."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def probation_end(admitted_on: dt.date) -> dt.date:
    """The day the probation ends, from which a confirmed member is official."""
    return add_months(admitted_on, PROBATION_MONTHS)


def age_in_months(birth: dt.date, on: dt.date) -> int:
    months = (on.year - birth.year) * 12 + on.month - birth.month
    return months - 1 if on.day < birth.day else months


def age_in_years(birth: dt.date, on: dt.date) -> int:
    """Full years, counted in months (rules.md §2: "18 to 60 full years, counted in months")."""
    return age_in_months(birth, on) // 12


R = TypeVar("R", AdmissionAgeRule, StructureRule, RatingScale)


@remembered
def rules_by_date(model: type[R]) -> Callable[[dt.date], R | None]:
    """The rule of `model` in force on a day, from rows read once: for bulk writes, which
    look a rule up for every row (the tables hold a handful of rows)."""
    rows = list(model.objects.order_by("-valid_from"))
    return lambda day: next((r for r in rows if r.holds_on(day)), None)


def structure_rule_on(on: dt.date) -> StructureRule | None:
    return StructureRule.objects.as_of(on).order_by("-valid_from").first()
