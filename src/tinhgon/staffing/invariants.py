"""The rules employment and quotas obey, checked set-based inside the writing transaction.

1. An employment lies within its unit's life.
2. A person is not employed twice at once in the same unit.
3. A quota is set for a unit that exists in (some of) its period.
4. A unit has one quota of a category at a time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from tinhgon.core.errors import Problem
from tinhgon.core.validity import intervals_overlap
from tinhgon.people.invariants import chunks, uncovered_day, unit_versions, version_on
from tinhgon.people.labels import person_label
from tinhgon.people.models import Person
from tinhgon.registry.models import UnitVersion

from .labels import category_label
from .models import Employment, StaffingQuota
from .problems import problem


def unit_name(versions: dict[int, list[UnitVersion]], unit_id: int, on: dt.date) -> str:
    """“Name” (#id) of a unit on a date, or by its last name."""
    chain = versions.get(unit_id, [])
    version = version_on(chain, on) or (chain[-1] if chain else None)
    return f"“{version.name}” (#{unit_id})" if version else f"#{unit_id}"


def person_names(person_ids: Iterable[int]) -> dict[int, str]:
    names: dict[int, str] = {}
    for chunk in chunks(person_ids):
        for pid, name in Person.objects.filter(pk__in=chunk).values_list("pk", "full_name"):
            names[pid] = person_label(name, pid)
    return names


def check_employments(rows: Sequence[Employment], prefixes: Sequence[str]) -> list[Problem]:
    """Rules 1 and 2 for new or changed employments (against the stored ones and each other)."""
    problems: list[Problem] = []
    versions = unit_versions(e.unit_id for e in rows)
    names = person_names(e.person_id for e in rows)
    for row, prefix in zip(rows, prefixes, strict=True):
        if row.valid_to is not None and row.valid_to <= row.valid_from:
            problems.append(
                problem(
                    "interval_reversed", prefix + "valid_to", start=row.valid_from, end=row.valid_to
                )
            )
            continue
        day = uncovered_day(versions.get(row.unit_id, []), row.valid_from, row.valid_to)
        if day is not None:
            problems.append(
                problem(
                    "unit_not_alive",
                    prefix + "unit",
                    unit=unit_name(versions, row.unit_id, row.valid_from),
                    date=day,
                    person=names.get(row.person_id, f"#{row.person_id}"),
                    start=row.valid_from,
                    end=row.valid_to,
                )
            )
    problems += _overlaps(rows, prefixes, versions, names)
    return problems


def _overlaps(
    rows: Sequence[Employment],
    prefixes: Sequence[str],
    versions: dict[int, list[UnitVersion]],
    names: dict[int, str],
) -> list[Problem]:
    own = {e.pk for e in rows if e.pk}
    stored: dict[tuple[int, int], list[Employment]] = defaultdict(list)
    for chunk in chunks(e.person_id for e in rows):
        for other in Employment.objects.filter(person_id__in=chunk).exclude(pk__in=own):
            stored[(other.person_id, other.unit_id)].append(other)
    problems: list[Problem] = []
    seen: dict[tuple[int, int], list[Employment]] = defaultdict(list)
    for row, prefix in zip(rows, prefixes, strict=True):
        key = (row.person_id, row.unit_id)
        for other in [*stored[key], *seen[key]]:
            if intervals_overlap(row.valid_from, row.valid_to, other.valid_from, other.valid_to):
                problems.append(
                    problem(
                        "employment_overlap",
                        prefix + "valid_from",
                        person=names.get(row.person_id, f"#{row.person_id}"),
                        unit=unit_name(versions, row.unit_id, row.valid_from),
                        other=other.pk or "—",
                        other_start=other.valid_from,
                        other_end=other.valid_to,
                        start=row.valid_from,
                        end=row.valid_to,
                    )
                )
                break
        seen[key].append(row)
    return problems


def check_quotas(rows: Sequence[StaffingQuota], prefixes: Sequence[str]) -> list[Problem]:
    """Rules 3 and 4 for new quotas."""
    problems: list[Problem] = []
    versions = unit_versions(q.unit_id for q in rows)
    stored: dict[tuple[int, str], list[StaffingQuota]] = defaultdict(list)
    for chunk in chunks(q.unit_id for q in rows):
        for other in StaffingQuota.objects.filter(unit_id__in=chunk):
            stored[(other.unit_id, other.category)].append(other)
    seen: dict[tuple[int, str], list[StaffingQuota]] = defaultdict(list)
    for row, prefix in zip(rows, prefixes, strict=True):
        if row.valid_to is not None and row.valid_to <= row.valid_from:
            problems.append(
                problem(
                    "interval_reversed", prefix + "valid_to", start=row.valid_from, end=row.valid_to
                )
            )
            continue
        alive = any(
            intervals_overlap(row.valid_from, row.valid_to, v.valid_from, v.valid_to)
            for v in versions.get(row.unit_id, [])
        )
        if not alive:
            problems.append(
                problem(
                    "quota_unit_missing",
                    prefix + "unit",
                    unit=unit_name(versions, row.unit_id, row.valid_from),
                    start=row.valid_from,
                    end=(row.valid_to - dt.timedelta(days=1)) if row.valid_to else None,
                )
            )
            continue
        key = (row.unit_id, row.category)
        for other in [*stored[key], *seen[key]]:
            if intervals_overlap(row.valid_from, row.valid_to, other.valid_from, other.valid_to):
                problems.append(
                    problem(
                        "quota_overlap",
                        prefix + "valid_from",
                        unit=unit_name(versions, row.unit_id, row.valid_from),
                        number=other.number,
                        category=category_label(other.category),
                        other=other.pk or "—",
                        other_start=other.valid_from,
                        other_end=other.valid_to,
                    )
                )
                break
        seen[key].append(row)
    return problems


def employed_on(person_ids: Iterable[int], on: dt.date) -> dict[int, list[Employment]]:
    """The employments of each person that hold on a date."""
    found: dict[int, list[Employment]] = defaultdict(list)
    for chunk in chunks(person_ids):
        for row in Employment.objects.as_of(on).filter(person_id__in=chunk).order_by("id"):
            found[row.person_id].append(row)
    return found
