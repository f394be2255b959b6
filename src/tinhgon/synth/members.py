"""Party members: a person, a membership and attachments to party cells, drawn cell by cell
from the vocabulary's distributions and streamed to the database in batches."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import random
import time
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .plan import ProvincePlan
from .vocabulary import (
    AGES,
    EDUCATION,
    ENDED_SHARE,
    FEMALE_SHARE,
    GIVEN,
    MIDDLE,
    NEW_SHARE,
    OCCUPATIONS,
    ON,
    REFORM,
    SURNAMES,
    TEMPORARY_SHARE,
    TRANSFER_SHARE,
)
from .writer import ATTACHMENT_COLUMNS, MEMBER_COLUMNS, PERSON_COLUMNS, Writer

D = dt.date


def _cumulative(pairs: Iterable[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    values, weights = zip(*pairs, strict=True)
    return list(values), list(itertools.accumulate(weights))


@functools.cache
def _iso(ordinal: int) -> str:
    return D.fromordinal(ordinal).isoformat()


@functools.cache
def _probation_end(ordinal: int) -> int:
    from tinhgon.party.rules import probation_end

    return probation_end(D.fromordinal(ordinal)).toordinal()


@dataclass
class Counts:
    persons: int = 0
    members: int = 0
    attachments: int = 0
    counted: int = 0  # official attachments valid on ON: what the national table must total
    probationary: int = 0
    women: int = 0
    minority: int = 0
    ended: int = 0
    transfers: int = 0
    temporary: int = 0


def write_members(
    provinces: list[ProvincePlan],
    seed: int,
    say: Callable[[str], None] = lambda message: None,
    *,
    first_ids: tuple[int, int, int] = (1, 1, 1),
    progress: Callable[[int], None] | None = None,
    leaders: dict[int, list[int]] | None = None,
    servants: list[array[int]] | None = None,
    since: dt.date = REFORM,
    province_of: Mapping[int, int | None] | None = None,
) -> Counts:
    """Persons, memberships and attachments, cell by cell, one transaction per province.
    `first_ids`: the first person, member and attachment id (the others follow); `progress`
    is told, after each province, how many of the planned members are written. The drawn
    values do not depend on the ids, so a seed gives the same people in any database.
    `leaders`, if given, gets for each organization its first official members attached to it
    from REFORM on (up to three; the apparatus makes them secretaries). `servants`, if given,
    gets for each province the persons of its members in public service (to employ).
    `since`: the day the cells start; a member admitted earlier is attached from then."""
    from django.db import transaction
    from django.utils import timezone

    from tinhgon.core.text import fold

    rng = random.Random(seed + 1)  # noqa: S311 (generated data, not secrets)
    r = rng.random
    writer = Writer()
    created = writer.connection.ops.adapt_datetimefield_value(timezone.now())
    on, reform = ON.toordinal(), since.toordinal()
    year = 365.2425
    surnames, surname_cum = _cumulative(SURNAMES)
    names = {
        g: ([(n, fold(n)) for n in MIDDLE[g]], [(n, fold(n)) for n in GIVEN[g]]) for g in MIDDLE
    }
    folded_surname = {s: fold(s) for s in surnames}
    ages = [(low, high) for low, high, _ in AGES]
    age_cum = list(itertools.accumulate(share for *_, share in AGES))
    educations = [_cumulative(e) for e in EDUCATION]
    occupations = [_cumulative(o) for o in OCCUPATIONS]
    counts = Counts()
    person_base, member_base, attachment_base = (first - 1 for first in first_ids)
    keys = province_of or {}  # each unit's province key (registry/provinces.py), if known
    persons: list[tuple[Any, ...]] = []
    members: list[tuple[Any, ...]] = []
    attachments: list[tuple[Any, ...]] = []

    def pick(table: tuple[list[Any], list[float]]) -> Any:
        values, cum = table
        return values[bisect.bisect(cum, r() * cum[-1])]

    def flush() -> None:
        writer.put("people_person", PERSON_COLUMNS, persons)
        writer.put("party_member", MEMBER_COLUMNS, members)
        writer.put("party_attachment", ATTACHMENT_COLUMNS, attachments)
        persons.clear()
        members.clear()
        attachments.clear()

    def attach(start: int, end: int | None, kind: str, decision: str, unit: int) -> None:
        counts.attachments += 1
        attachments.append(
            (
                attachment_base + counts.attachments,
                _iso(start),
                None if end is None else _iso(end),
                kind,
                decision,
                created,
                unit,
                member_base + counts.members,
                keys.get(unit),
            )
        )

    def member(province: ProvincePlan, cell: int, others: range | None, ended: bool) -> None:
        counts.persons += 1
        counts.members += 1
        n = counts.persons  # numbers the decisions and cards
        pid, mid = person_base + n, member_base + counts.members
        gender = "female" if r() < FEMALE_SHARE else "male"
        new = not ended and r() < NEW_SHARE
        if new:
            age = 18 + min(27, int(rng.expovariate(1 / 6)))
        else:
            low, high = ages[bisect.bisect(age_cum, r() * age_cum[-1])]
            age = rng.randint(low, high)
            if ended:
                age = max(age, 20)  # a member since before REFORM
        birth = on - int((age + r()) * year)
        adult = birth + int(18 * year) + 1
        latest = on - 366  # admitted by then, the probation has ended by ON
        if not new and adult > latest:
            new = True
        if new:
            admitted = min(on, max(adult, on - int(r() * 365)))
        else:
            admitted = birth + int((18 + rng.gammavariate(2, 4.5)) * year)
            if admitted > latest:
                # Spread over the last ten years rather than piled up on the last possible day.
                earliest = max(adult, latest - int(10 * year))
                admitted = rng.randint(min(earliest, latest), latest)
        start = max(admitted, reform)
        confirmed = None if new else _probation_end(admitted)
        end = None
        reason = ""
        if ended:
            end = rng.randint(start + 1, on)
            reason = "deceased" if age > 70 else rng.choice(("left", "struck_off", "expelled"))
            if confirmed is not None and confirmed >= end:
                confirmed = None
            counts.ended += 1
        else:
            counts.counted += 1
            counts.probationary += confirmed is None
            counts.women += gender == "female"
        minority = r() < province.minority
        counts.minority += minority and not ended
        ethnicity = rng.choice(province.groups) if minority else "kinh"
        education = pick(educations[age > 60])
        occupation = pick(occupations[0 if age <= 22 else 1 if age < 60 else 2])
        surname = surnames[bisect.bisect(surname_cum, r() * surname_cum[-1])]
        middles, givens = names[gender]
        middle, folded_middle = middles[int(r() * len(middles))]
        given, folded_given = givens[int(r() * len(givens))]
        persons.append(
            (
                pid,
                f"{surname} {middle} {given}",
                None if r() < 0.002 else _iso(birth),
                gender,
                ethnicity,
                education,
                f"{folded_surname[surname]} {folded_middle} {folded_given}",
                1,
                created,
                None,
            )
        )
        decision = f"{n % 997 + 1}-QĐ/ĐU"
        moved = others is not None and not ended and start < on - 1 and r() < TRANSFER_SHARE
        first = cell
        if moved:
            assert others is not None
            first = rng.choice(
                [c for c in (others[0], others[-1], others[len(others) // 2]) if c != cell]
            )
        members.append(
            (
                mid,
                _iso(admitted),
                decision,
                _iso(admitted - rng.randint(7, 60)),
                "" if confirmed is None else f"{79000000 + n}",
                occupation,
                None if confirmed is None else _iso(confirmed),
                "" if confirmed is None else f"{n % 991 + 1}-QĐ/ĐU",
                None if end is None else _iso(end),
                reason,
                1,
                created,
                first,
                pid,
            )
        )
        if servants is not None and not ended and occupation == "public_servant":
            servants[-1].append(pid)
        if leaders is not None and confirmed is not None and not (moved or ended):
            chosen = leaders.setdefault(cell, [])
            if len(chosen) < 3:
                chosen.append(pid)
        if moved:
            day = rng.randint(start + 1, on)
            attach(start, day, "official", decision, first)
            attach(day, None, "official", "", cell)
            counts.transfers += 1
        else:
            attach(start, end, "official", decision, cell)
        if others is not None and not ended and r() < TEMPORARY_SHARE:
            host = rng.choice([c for c in (others[0], others[-1]) if c != cell] or [cell])
            if host != cell:
                begin = rng.randint(max(start, on - 179), on)
                attach(begin, begin + 180, "temporary", "", host)
                counts.temporary += 1

    def organization(province: ProvincePlan, cell: int, size: int, others: range | None) -> None:
        for _ in range(size):
            member(province, cell, others, False)
            if r() < ENDED_SHARE:
                member(province, cell, others, True)
            if len(persons) >= 20_000:
                flush()

    started = time.perf_counter()
    planned = 0
    for number, p in enumerate(provinces, start=1):
        if servants is not None:
            servants.append(array("q"))
        with transaction.atomic():
            for i, size in enumerate(p.grassroots):
                organization(p, p.first_grassroots + i, size, None)
            for c in p.communes:
                cells = range(c.first_cell, c.first_cell + len(c.cells))
                for i, size in enumerate(c.cells):
                    organization(p, c.first_cell + i, size, cells if len(cells) > 1 else None)
            flush()
        say(
            f"  province {number}/{len(provinces)} {p.name}: {p.members:,} members; "
            f"{counts.members:,} in all, {time.perf_counter() - started:.0f} s"
        )
        planned += p.members
        if progress is not None:
            progress(planned)
    return counts
