"""Age: retirement age, months of work left, eligibility for a term (rules.md §3).

The retirement age follows the Labour Code 2019, Art. 169, and Decree 135/2020/NĐ-CP (normal
working conditions): until 2020, 60 for men and 55 for women; from 2021 it rises by 3 months a
year for men up to 62 (2028) and by 4 months a year for women up to 60 (2035). A person retires
at the end of the month in which they reach the age of the year they reach it in. The schedule
is data below (one row per rule, with the year it starts).

Which months of work a candidate needs is the directive's rule (`AgeRule`, e.g. 45-CT/TW),
counted at the term's reference date for the level.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from tinhgon.core.validity import valid_on

from .kinds import EligibilityNote, Gender
from .models import AgeRule, Holding, Person, Post, Term

# gender → (age in months until the rise, rise per year in months, first year of the rise,
# ceiling in months). Labour Code 2019 Art. 169 [V]; Decree 135/2020/NĐ-CP.
RETIREMENT: dict[str, tuple[int, int, int, int]] = {
    Gender.MALE: (60 * 12, 3, 2021, 62 * 12),
    Gender.FEMALE: (55 * 12, 4, 2021, 60 * 12),
}


def add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end` (negative if `end` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and end.day < start.day:
        months -= 1
    elif months < 0 and end.day > start.day:
        months += 1
    return months


def retirement_age_months(gender: str, year: int) -> int:
    base, step, first, ceiling = RETIREMENT.get(gender, RETIREMENT[Gender.MALE])
    if year < first:
        return base
    return min(ceiling, base + step * (year - first + 1))


def retirement_date(birth_date: dt.date, gender: str) -> dt.date:
    """The first day of retirement: the day after the end of the month in which the person
    reaches the retirement age of that year."""
    for year in range(birth_date.year + 40, birth_date.year + 80):
        reached = add_months(birth_date, retirement_age_months(gender, year))
        if reached.year <= year:
            return add_months(reached.replace(day=1), 1)
    raise AssertionError("unreachable: the retirement age is bounded")  # pragma: no cover


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


@dataclass
class Eligibility:
    """A candidate's eligibility by age for a post in a term."""

    eligible: bool | None
    note: str
    rule: str = ""
    reference_date: dt.date | None = None
    retirement_date: dt.date | None = None
    months_left: int | None = None
    months_required: int | None = None
    first_time: bool = True


def age_rule(term: Term, kind: str, place_kind: str | None) -> AgeRule | None:
    """The age rule of a term for a kind of unit at a level: one naming the level first."""
    rules = [r for r in AgeRule.objects.filter(term=term) if kind in (r.unit_kinds or [])]
    specific = [r for r in rules if r.place_kind and r.place_kind == place_kind]
    general = [r for r in rules if not r.place_kind]
    found = specific or general
    return found[0] if found else None


def reference_date(term: Term, kind: str, place_kind: str | None) -> dt.date:
    rule = age_rule(term, kind, place_kind)
    return rule.reference_date if rule is not None else term.valid_from


def eligibility(
    person: Person, post: Post, term: Term, kind: str, place_kind: str | None
) -> Eligibility:
    """Whether `person` has enough months of work left, at the reference date of `term` for the
    level of `post`, to stand for it: the directive's months for a first time, or for
    re-election if they held a post in the same unit the day before the term began."""
    rule = age_rule(term, kind, place_kind)
    if rule is None:
        return Eligibility(None, EligibilityNote.NO_RULE)
    day_before = term.valid_from - dt.timedelta(days=1)
    first_time = (
        not Holding.objects.filter(person=person, unit_id=post.unit_id)
        .filter(valid_on(day_before))
        .exists()
    )
    required = rule.first_time_months if first_time else rule.reelection_months
    if person.birth_date is None:
        return Eligibility(
            None,
            EligibilityNote.BIRTH_DATE_UNKNOWN,
            rule=rule.code,
            reference_date=rule.reference_date,
            months_required=required,
            first_time=first_time,
        )
    retires = retirement_date(person.birth_date, person.gender)
    left = months_between(rule.reference_date, retires)
    return Eligibility(
        left >= required,
        EligibilityNote.ENOUGH_TIME if left >= required else EligibilityNote.TOO_FEW_MONTHS,
        rule=rule.code,
        reference_date=rule.reference_date,
        retirement_date=retires,
        months_left=left,
        months_required=required,
        first_time=first_time,
    )
