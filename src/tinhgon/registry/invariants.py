"""The registry's invariants, checked inside the writing transaction before it commits.

PostgreSQL also enforces the overlap rules with exclusion constraints (migration 0002); these
checks run on every database and give the Vietnamese message.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise

from tinhgon.core.errors import Problem
from tinhgon.core.validity import intervals_overlap

from .models import UnitCode, UnitVersion
from .problems import problem
from .queries import unit_label


def check_units(unit_ids: Iterable[int], *, cycles: bool = True) -> list[Problem]:
    """Every invariant that a write touching these units could break. `cycles=False` is for
    new units whose parents were all there before them: they cannot close a cycle."""
    ids = set(unit_ids)
    problems: list[Problem] = []
    problems += _versions_do_not_overlap(ids)
    problems += _parents_cover_children(ids)
    if cycles:
        problems += _no_cycles(ids)
    problems += _codes_unique(ids)
    return problems


def _spans(unit_ids: set[int]) -> dict[int, list[tuple[dt.date, dt.date | None]]]:
    spans: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for start, end, uid in (
        UnitVersion.objects.filter(unit_id__in=unit_ids)
        .order_by("valid_from")
        .values_list("valid_from", "valid_to", "unit_id")
    ):
        spans[uid].append((start, end))
    return spans


def _versions_do_not_overlap(ids: set[int]) -> list[Problem]:
    problems = []
    for uid, spans in _spans(ids).items():
        for (_, end), (start, _) in pairwise(spans):
            if end is None or start < end:
                problems.append(
                    problem("versions_overlap", "valid_from", unit=unit_label(uid), date=start)
                )
    return problems


def _uncovered_day(
    spans: list[tuple[dt.date, dt.date | None]], start: dt.date, end: dt.date | None
) -> dt.date | None:
    """The first day of [start, end) not covered by the (sorted) spans, or None."""
    day = start
    for span_from, span_to in spans:
        if span_from > day:
            break
        if span_to is None or span_to > day:
            day = span_to if span_to is not None else dt.date.max
        if end is not None and day >= end:
            return None
    return None if day == dt.date.max or (end is not None and day >= end) else day


def _parents_cover_children(ids: set[int]) -> list[Problem]:
    """A child's version lies inside its parent's validity, for versions of the touched units
    and for the child versions that hang under them."""
    versions = list(
        UnitVersion.objects.filter(unit_id__in=ids, parent__isnull=False)
        | UnitVersion.objects.filter(parent_id__in=ids)
    )
    parent_spans = _spans({v.parent_id for v in versions if v.parent_id})
    problems = []
    for version in versions:
        assert version.parent_id is not None
        gap = _uncovered_day(
            parent_spans.get(version.parent_id, []), version.valid_from, version.valid_to
        )
        if gap is None:
            continue
        if version.unit_id in ids or version.valid_from >= gap:
            problems.append(
                problem(
                    "parent_not_valid",
                    "parent",
                    unit=unit_label(version.unit_id),
                    parent=unit_label(version.parent_id),
                    start=version.valid_from,
                    date=gap,
                )
            )
        else:
            problems.append(
                problem(
                    "children_left",
                    "inputs",
                    parent=unit_label(version.parent_id),
                    child=unit_label(version.unit_id, gap - dt.timedelta(days=1)),
                    date=gap,
                )
            )
    return problems


def _no_cycles(ids: set[int]) -> list[Problem]:
    """Walk up from every version of the touched units, on the day it starts; all the walks of
    one day go up together, one query per level."""
    by_day: dict[dt.date, list[UnitVersion]] = defaultdict(list)
    for version in UnitVersion.objects.filter(unit_id__in=ids, parent__isnull=False):
        by_day[version.valid_from].append(version)
    problems = []
    for on, versions in by_day.items():
        # Each walk: the version, the units passed, the unit reached.
        walks = [(v, {v.unit_id}, v.parent_id) for v in versions if v.parent_id is not None]
        while walks:
            ups = _parents_on({current for _, _, current in walks}, on)
            going: list[tuple[UnitVersion, set[int], int]] = []
            for version, seen, current in walks:
                if current in seen:
                    problems.append(_cycle(version, on))
                elif (up := ups.get(current)) is not None:
                    going.append((version, seen | {current}, up))
            walks = going
    return problems


def _parents_on(unit_ids: set[int], on: dt.date) -> dict[int, int | None]:
    return dict(
        UnitVersion.objects.as_of(on)
        .filter(unit_id__in=list(unit_ids))
        .values_list("unit_id", "parent_id")
    )


def _cycle(version: UnitVersion, on: dt.date) -> Problem:
    if version.parent_id == version.unit_id:
        return problem("self_parent", "parent")
    parent = unit_label(version.parent_id, on)  # type: ignore[arg-type]
    return problem("cycle", "parent", unit=unit_label(version.unit_id, on), parent=parent)


def _codes_unique(ids: set[int]) -> list[Problem]:
    problems = []
    mine = list(UnitCode.objects.filter(unit_id__in=ids))
    keys = {(c.scheme, c.code) for c in mine}
    if not keys:
        return []
    others: dict[tuple[str, str], list[UnitCode]] = defaultdict(list)
    for code in UnitCode.objects.filter(code__in={k[1] for k in keys}):
        others[(code.scheme, code.code)].append(code)
    for code in mine:
        for other in others[(code.scheme, code.code)]:
            if other.pk == code.pk or (other.pk < code.pk and other.unit_id in ids):
                continue
            if intervals_overlap(code.valid_from, code.valid_to, other.valid_from, other.valid_to):
                day = max(code.valid_from, other.valid_from)
                problems.append(
                    problem(
                        "code_taken",
                        "codes",
                        scheme=code.scheme,
                        value=code.code,
                        other=unit_label(other.unit_id, day),
                        date=day,
                    )
                )
    return problems
