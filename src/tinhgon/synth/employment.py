"""Public employment: about 2.5 million people at scale 1 (times the scale) employed from
2025-07-01 in the People's Committees, councils, Fatherland Fronts and party committees of the
provinces and communes, the provincial departments, and the schools, health stations,
hospitals and centres. The headcount is split over the units by their role's weight (a
lognormal spread around it); party members whose occupation is public service in a province
are employed there first, then new persons. Streamed like the members."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from array import array
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .apparatus import Apparatus
from .plan import ProvincePlan, apportion
from .vocabulary import FEMALE_SHARE, GIVEN, MIDDLE, REFORM, SURNAMES
from .writer import PERSON_COLUMNS, Writer

EMPLOYED = 2_500_000  # people in public employment at scale 1

# role → (weight, categories with shares, the job position as written)
ROLES: dict[str, tuple[float, tuple[tuple[str, float], ...], str]] = {
    "commune:peoples_committee": (40, (("cadre", 3), ("civil_servant", 7)), "Công chức"),
    "commune:peoples_council": (2, (("cadre", 1),), "Cán bộ"),
    "commune:fatherland_front": (5, (("cadre", 1),), "Cán bộ"),
    "commune:party": (8, (("cadre", 1),), "Cán bộ"),
    "commune:school": (80, (("public_employee", 9), ("contract", 1)), "Giáo viên"),
    "commune:public_service_unit": (
        15,
        (("public_employee", 9), ("contract", 1)),
        "Viên chức y tế",
    ),
    "province:peoples_committee": (100, (("civil_servant", 9), ("contract", 1)), "Chuyên viên"),
    "province:peoples_council": (30, (("civil_servant", 1),), "Chuyên viên"),
    "province:fatherland_front": (40, (("civil_servant", 1),), "Chuyên viên"),
    "province:party": (150, (("civil_servant", 1),), "Chuyên viên"),
    "province:department": (150, (("civil_servant", 9), ("contract", 1)), "Chuyên viên"),
    "province:school": (110, (("public_employee", 9), ("contract", 1)), "Giáo viên"),
    "province:public_service_unit": (
        400,
        (("public_employee", 9), ("contract", 1)),
        "Viên chức",
    ),
}
EMPLOYMENT_COLUMNS = (
    "id, valid_from, valid_to, category, position, work, end_reason, note, created_at,"
    " document_id, person_id, unit_id, carried_from_id, province_id"
)


@dataclass
class EmploymentCounts:
    employments: int = 0
    members: int = 0  # of them held by party members
    persons: int = 0  # new persons, not members


def staffed_units(
    provinces: list[ProvincePlan], apparatus: Apparatus
) -> list[tuple[int, str, int]]:
    """(unit, role, province index) of every employing unit, province by province."""
    found = [(b.uid, b.role, b.province) for b in apparatus.units]
    for n, p in enumerate(provinces):
        found.append((p.org_id, "province:party", n))
        found.extend((c.org_id, "commune:party", n) for c in p.communes)
    return sorted(found, key=lambda unit: unit[2])


def write_employment(
    provinces: list[ProvincePlan],
    apparatus: Apparatus,
    servants: list[array[int]],
    seed: int,
    *,
    total: int,
    first_ids: tuple[int, int],
    progress: Callable[[int], None] | None = None,
    province_of: Mapping[int, int | None] | None = None,
) -> EmploymentCounts:
    """`total` employments from REFORM; `servants[n]`: members of province n to employ first.
    `first_ids`: the first new person's and the first employment's id."""
    from django.db import transaction
    from django.utils import timezone

    from tinhgon.core.text import fold

    rng = random.Random(seed + 4)  # noqa: S311 (generated data, not secrets)
    r = rng.random
    writer = Writer()
    created = writer.connection.ops.adapt_datetimefield_value(timezone.now())
    start = REFORM.isoformat()
    units = staffed_units(provinces, apparatus)
    weights = [ROLES[role][0] * rng.lognormvariate(0, 0.3) for _, role, _ in units]
    sizes = apportion(total, weights)
    categories = {
        role: ([c for c, _ in shares], list(itertools.accumulate(w for _, w in shares)))
        for role, (_, shares, _) in ROLES.items()
    }
    surnames = [s for s, _ in SURNAMES]
    surname_cum = list(itertools.accumulate(w for _, w in SURNAMES))
    counts = EmploymentCounts()
    keys = province_of or {}  # each unit's province key (registry/provinces.py), if known
    person_ids, job_ids = itertools.count(first_ids[0]), itertools.count(first_ids[1])
    persons: list[tuple[Any, ...]] = []
    jobs: list[tuple[Any, ...]] = []

    def flush() -> None:
        writer.put("people_person", PERSON_COLUMNS, persons)
        writer.put("staffing_employment", EMPLOYMENT_COLUMNS, jobs)
        persons.clear()
        jobs.clear()

    def new_person() -> int:
        gender = "female" if r() < FEMALE_SHARE + 0.15 else "male"  # teachers and nurses
        surname = surnames[bisect.bisect(surname_cum, r() * surname_cum[-1])]
        middle, given = rng.choice(MIDDLE[gender]), rng.choice(GIVEN[gender])
        name = f"{surname} {middle} {given}"
        born = dt.date(2025 - rng.randint(22, 60), rng.randint(1, 12), rng.randint(1, 28))
        pid = next(person_ids)
        counts.persons += 1
        persons.append(
            (
                pid,
                name,
                born.isoformat(),
                gender,
                "kinh",
                "university",
                fold(name),
                1,
                created,
                None,
            )
        )
        return pid

    done = 0
    for n, group in itertools.groupby(zip(units, sizes, strict=True), key=lambda u: u[0][2]):
        pool, taken = servants[n] if n < len(servants) else array("q"), 0
        with transaction.atomic():
            for (uid, role, _), size in group:
                names, cum = categories[role]
                position = ROLES[role][2]
                for k in range(size):
                    if taken < len(pool):
                        pid, taken = pool[taken], taken + 1
                        counts.members += 1
                    else:
                        pid = new_person()
                    category = names[bisect.bisect(cum, r() * cum[-1])]
                    work = "leadership" if k < 2 and size > 4 else "professional"
                    jobs.append(
                        (
                            next(job_ids),
                            start,
                            None,
                            category,
                            position,
                            work,
                            "",
                            "",
                            created,
                            None,
                            pid,
                            uid,
                            None,
                            keys.get(uid),
                        )
                    )
                    counts.employments += 1
                    if len(jobs) >= 20_000:
                        flush()
                done += size
            flush()
        if progress is not None:
            progress(done)
    return counts
