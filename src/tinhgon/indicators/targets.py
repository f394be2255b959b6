"""Evaluating targets (issue 7): the value a target's indicator reaches for a scope at a date,
compared with what the scheme set.

Status:

- `met`: the target is reached (at or after the due date; before it, a cumulative or date
  figure already at the target);
- `on_track`: before the due date, the progress is at or above the straight line from the base
  (the base date's reading, or zero) to the target at the due date; an average rate counted so
  far at or above the target;
- `behind`: otherwise (after the due date: the target was missed);
- `no_data`: nothing recorded to measure (no reading, a base of zero to reduce from, before
  the base date or the counting period, a scope that did not exist) — never a zero.

`achieved` is in the target's own terms: the share reduced since the base date for
`reduce_by_at_least`, otherwise the indicator's value (or its figure's value or rate).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from tinhgon.accounts.access import subtree_ever
from tinhgon.core.errors import DomainError, Forbidden
from tinhgon.people.queries import UnitRef
from tinhgon.registry.models import Unit

from .catalogue import CATALOGUE, Result, compute
from .models import Comparison, Measure, Scheme, Target

MET, ON_TRACK, BEHIND, NO_DATA = "met", "on_track", "behind", "no_data"
STATUS_LABELS = {
    MET: "đạt",
    ON_TRACK: "đúng tiến độ",
    BEHIND: "chậm tiến độ",
    NO_DATA: "không có số liệu",
}
EPSILON = 1e-9


@dataclass
class Point:
    year: int
    on: dt.date
    value: float | None


@dataclass
class Evaluation:
    target: Target
    scope: Unit
    scope_ref: UnitRef | None
    on: dt.date
    status: str
    achieved: float | None
    reading: float | None = None  # the indicator's figure at the date (or over the period)
    base: float | None = None  # its figure at the base date (reductions, straight line)
    expected: float | None = None  # the straight line at the date, before the due date
    note: str = ""
    link: dict[str, str] = field(default_factory=dict)  # the indicator page's query
    series: list[Point] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_rate(self) -> bool:
        return is_rate(self.target)


def is_rate(target: Target) -> bool:
    """Whether the target's value is a share (shown as a percentage)."""
    return (
        target.comparison == Comparison.REDUCE_BY_AT_LEAST
        or target.measure == Measure.RATE
        or target.indicator == "admission_rate"
    )


def _figure(result: Result, target: Target) -> float | None:
    """The number the target reads from a result; None when nothing is recorded."""
    period = CATALOGUE[target.indicator].period
    if result.value is None or (not period and not result.value):
        return None  # nothing counted in the scope: no data, never zero
    if not target.figure:
        if target.measure == Measure.RATE:
            return result.figures[0].rate if result.figures else None
        return float(result.value)
    found = next((f for f in result.figures if f.key == target.figure), None)
    if target.measure == Measure.RATE:
        return found.rate if found else None
    if found is None:
        return 0.0  # the scope was counted and has none of this figure
    return None if found.value is None else float(found.value)


def _read(target: Target, scope: Unit, day: dt.date, start: dt.date | None = None) -> Any:
    """(the number, the result) of the target's indicator at `day` (or from `start` to it)."""
    params = {k: str(v) for k, v in (target.params or {}).items()}
    try:
        if CATALOGUE[target.indicator].period:
            result = compute(target.indicator, scope, date_from=start, date_to=day, params=params)
        else:
            result = compute(target.indicator, scope, on=day, params=params)
    except Forbidden:
        raise
    except DomainError as error:
        return None, str(error)
    return _figure(result, target), result


def _link(target: Target, scope: Unit, start: dt.date | None, day: dt.date) -> dict[str, str]:
    query = {"scope": f"id:{scope.pk}", "explain": "1"}
    if CATALOGUE[target.indicator].period:
        assert start is not None
        query |= {"from": start.strftime("%d/%m/%Y"), "to": day.strftime("%d/%m/%Y")}
    else:
        query["on"] = day.strftime("%d/%m/%Y")
    query |= {k: str(v) for k, v in (target.params or {}).items()}
    return query


def _fraction(start: dt.date, end: dt.date, day: dt.date) -> float:
    span = (end - start).days
    return 1.0 if span <= 0 else min(1.0, max(0.0, (day - start).days / span))


def _reached(comparison: str, achieved: float, value: float) -> bool:
    if comparison == Comparison.AT_MOST:
        return achieved <= value + EPSILON
    if comparison == Comparison.EQUAL:
        return abs(achieved - value) <= EPSILON
    return achieved >= value - EPSILON


def _achieved(target: Target, scope: Unit, on: dt.date) -> Evaluation:
    due = target.due
    value = float(target.value)
    period = CATALOGUE[target.indicator].period
    day = min(on, due) if due else on
    found = Evaluation(
        target=target, scope=scope, scope_ref=None, on=on, status=NO_DATA, achieved=None
    )
    if period:
        start = target.period_from or target.scheme.valid_from
        found.link = _link(target, scope, start, max(day, start))
        if on < start:
            found.note = _("the counting period has not begun")
            return found
        reading, result = _read(target, scope, day, start)
    else:
        found.link = _link(target, scope, None, day)
        if target.comparison == Comparison.REDUCE_BY_AT_LEAST:
            assert target.base_on is not None
            if on < target.base_on:
                found.note = _("before the base date")
                return found
            base, base_result = _read(target, scope, target.base_on)
            found.base = base
            if not base:
                found.note = (
                    base_result
                    if isinstance(base_result, str)
                    else _("nothing recorded at the base date")
                )
                return found
        elif target.base_on and on >= target.base_on:
            found.base, _unused = _read(target, scope, target.base_on)
        reading, result = _read(target, scope, day)
    if isinstance(result, str):
        found.note = result
        return found
    found.scope_ref = result.scope
    found.reading = reading
    if reading is None:
        found.note = _("nothing recorded")
        return found
    if target.comparison == Comparison.REDUCE_BY_AT_LEAST:
        assert found.base
        achieved = (found.base - reading) / found.base
    else:
        achieved = reading
    found.achieved = round(achieved, 4)
    reached = _reached(target.comparison, achieved, value)
    if due is None or on >= due:
        found.status = MET if reached else BEHIND
        return found
    # before the due date
    if target.comparison == Comparison.EQUAL:
        found.status = MET if reached else ON_TRACK
        return found
    if period and target.indicator == "admission_rate":
        found.status = ON_TRACK if reached else BEHIND  # an average so far
        return found
    if reached:
        found.status = MET
        return found
    line_from = target.period_from if period else target.base_on
    if line_from is None:
        found.status = ON_TRACK  # no base to draw the line from: not yet due
        return found
    origin = 0.0
    if not period and target.comparison != Comparison.REDUCE_BY_AT_LEAST:
        if found.base is None:
            found.status = ON_TRACK
            return found
        origin = found.base
    expected = origin + (value - origin) * _fraction(line_from, due, on)
    found.expected = round(expected, 4)
    if target.comparison == Comparison.AT_MOST:
        found.status = ON_TRACK if achieved <= expected + EPSILON else BEHIND
    else:
        found.status = ON_TRACK if achieved >= expected - EPSILON else BEHIND
    return found


def series(target: Target, scope: Unit, on: dt.date) -> list[Point]:
    """The achieved value at the end of each year from the base date (or the period's start)
    to the date (or the due date), the last point at that day: for the charts."""
    due = target.due
    last = min(on, due) if due else on
    start = target.period_from or target.base_on or target.scheme.valid_from
    points = []
    for year in range(start.year, last.year + 1):
        day = min(dt.date(year, 12, 31), last)
        if day < start:
            continue
        points.append(Point(year, day, _achieved(target, scope, day).achieved))
    return points


def evaluate(target: Target, scope: Unit, on: dt.date, *, with_series: bool = False) -> Evaluation:
    """A target for a scope (the target's own scope if it has one) at a date."""
    where = target.scope or scope
    found = _achieved(target, where, on)
    if with_series:
        found.series = series(target, where, on)
    return found


def schemes_for(scope: Unit, on: dt.date) -> list[Scheme]:
    """The schemes in force on a date that apply to a scope: national ones and those set for
    the scope or a unit it is (or was) under."""
    schemes = Scheme.objects.as_of(on).select_related("document", "scope")
    return [s for s in schemes if s.scope_id is None or scope.pk in subtree_ever([s.scope_id])]


def targets_for(scope: Unit, on: dt.date, *, with_series: bool = False) -> list[Evaluation]:
    """Every target of every scheme in force for the scope on the date, evaluated."""
    schemes = schemes_for(scope, on)
    targets = Target.objects.filter(Q(scheme__in=schemes)).select_related("scheme", "scope")
    return [evaluate(t, scope, on, with_series=with_series) for t in targets]


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def target_data(target: Target) -> dict[str, Any]:
    """A target as the API and the CLI show it."""
    return {
        "code": target.code,
        "name": target.name,
        "indicator": target.indicator,
        "params": target.params or {},
        "figure": target.figure,
        "measure": target.measure,
        "scope_id": target.scope_id,
        "comparison": target.comparison,
        "value": float(target.value),
        "base_on": _iso(target.base_on),
        "due_on": _iso(target.due_on),
        "period_from": _iso(target.period_from),
        "period_to": _iso(target.period_to),
        "status": target.status,
        "builtin": target.builtin,
    }


def scheme_data(scheme: Scheme, targets: list[Target]) -> dict[str, Any]:
    return {
        "code": scheme.code,
        "name": scheme.name,
        "kind": scheme.kind,
        "basis": scheme.basis,
        "document_id": scheme.document_id,
        "scope_id": scheme.scope_id,
        "valid_from": _iso(scheme.valid_from),
        "valid_to": _iso(scheme.valid_to),
        "status": scheme.status,
        "builtin": scheme.builtin,
        "targets": [target_data(t) for t in targets],
    }


def evaluation_data(found: Evaluation) -> dict[str, Any]:
    """An evaluation as the API, the CLI (--json) and the dashboard's chart data show it."""
    return {
        "scheme": found.target.scheme.code,
        "scheme_name": found.target.scheme.name,
        "target": target_data(found.target),
        "scope": (
            {"id": found.scope_ref.id, "name": found.scope_ref.name, "kind": found.scope_ref.kind}
            if found.scope_ref
            else {"id": found.scope.pk, "name": str(found.scope), "kind": ""}
        ),
        "on": found.on.isoformat(),
        "status": found.status,
        "status_label": found.status_label,
        "achieved": found.achieved,
        "reading": found.reading,
        "base": found.base,
        "expected": found.expected,
        "rate": found.is_rate,
        "note": found.note,
        "indicator_query": found.link,
        "series": [
            {"year": p.year, "on": p.on.isoformat(), "value": p.value} for p in found.series
        ],
    }
