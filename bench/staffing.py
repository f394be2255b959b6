"""Benchmark: headcount and staff reductions by sector for a generated province, and for the
whole generated apparatus.

    python bench/staffing.py [--units 17000] [--repeat 5] [--db sqlite|postgres|both]

For each database (as bench/run.py: SQLite in a temporary file, PostgreSQL in a database whose
name contains "bench", dropped afterwards), a subprocess migrates, generates the apparatus with
bench/generate.py, then employs people in every agency, People's Committee, party board and
public service unit over the versions that hold from 2015 (STAFF per unit, categories by kind)
and reduces about one in twelve of them between 2015 and 2020 under Decree 108/2014 (113/2018
from its date): written with bulk_create, without change records (the audit trail is not what
is measured). Each benchmark runs once untimed (warm-up, counting queries), then --repeat
times; the median is reported.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

from run import run_worker

ON = "2020-07-01"
FROM, TO = "2015-01-01", "2020-12-31"
STAFF = 6  # people per staffed unit
SUBSET = ("party", "state", "commune")


def worker(args: argparse.Namespace) -> None:
    import datetime as dt

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from generate import generate
    from people_coverage import largest_province, root_id
    from tinhgon.registry.models import Unit
    from tinhgon.staffing import queries

    on = dt.date.fromisoformat(ON)
    start, end = dt.date.fromisoformat(FROM), dt.date.fromisoformat(TO)
    out: dict[str, Any] = {"vendor": connection.vendor, "seconds": {}}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    generate(args.units, args.seed)
    out["seconds"]["generate"] = time.perf_counter() - started
    started = time.perf_counter()
    out["staff"] = add_staff(args.seed)
    out["seconds"]["staff"] = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                if table.startswith(("registry_", "people_", "staffing_")):
                    cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")

    province, villages = largest_province(on)
    out["province_villages"] = villages
    root = Unit.objects.get(pk=root_id(on))
    benches = {
        "headcount, province": lambda: queries.headcount(province, on),
        "staffing (quota against headcount), province": lambda: queries.staffing(province, on),
        "reductions by sector, province": lambda: queries.reductions(
            province, start, end, rows=False
        ),
        "reductions, 3 sectors, province": lambda: queries.reductions(
            province, start, end, sectors=SUBSET, rows=False
        ),
        "headcount, whole apparatus": lambda: queries.headcount(root, on),
        "reductions by sector, whole apparatus": lambda: queries.reductions(
            root, start, end, rows=False
        ),
    }
    results: dict[str, Any] = {}
    for name, bench in benches.items():
        with CaptureQueriesContext(connection) as captured:
            result = bench()
        runs = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            bench()
            runs.append((time.perf_counter() - began) * 1000)
        size = (
            sum(result.values())
            if isinstance(result, dict)
            else getattr(result, "total", getattr(result, "headcount", None))
        )
        results[name] = {
            "queries": len(captured),
            "result": size,
            "runs_ms": runs,
            "median_ms": statistics.median(runs),
        }
        print(
            f"[{connection.vendor}] {name}: {size}, median {statistics.median(runs):.1f} ms "
            f"of {args.repeat} ({len(captured)} queries)",
            flush=True,
        )
    out["benchmarks"] = results
    Path(args.out).write_text(json.dumps(out, indent=2), encoding="utf-8")


STAFFED = {
    "peoples_committee": ["cadre", "civil_servant", "civil_servant", "non_dedicated"],
    "specialized_office": ["civil_servant"],
    "party_board": ["cadre", "civil_servant"],
    "fatherland_front": ["cadre", "civil_servant"],
    "socio_political_org": ["cadre", "civil_servant"],
    "public_service_unit": ["public_employee", "public_employee", "contract"],
    "school": ["public_employee"],
}
SECTOR = {
    "peoples_committee": "state",
    "specialized_office": "state",
    "party_board": "party",
    "fatherland_front": "mass",
    "socio_political_org": "mass",
    "public_service_unit": "public_service",
    "school": "public_service",
}


def add_staff(seed: int) -> dict[str, int]:
    """Employments in every staffed unit's versions from 2015, and reductions of some."""
    import datetime as dt

    from django.db import transaction

    from tinhgon.core.text import fold
    from tinhgon.people.models import Person
    from tinhgon.registry.models import UnitVersion
    from tinhgon.staffing.models import Employment, Reduction, ReductionCase

    rng = random.Random(seed)
    since = dt.date(2015, 1, 1)
    cases = {c.code: c for c in ReductionCase.objects.all()}
    communes = set(UnitVersion.objects.filter(kind="commune").values_list("unit_id", flat=True))
    versions = (
        UnitVersion.objects.filter(kind__in=list(STAFFED))
        .exclude(valid_to__lte=since)
        .only("unit_id", "kind", "parent_id", "valid_from", "valid_to")
    )
    persons: list[Person] = []
    jobs: list[Employment] = []
    cuts: list[tuple[int, int, dt.date, str]] = []  # (person, job, date, sector)
    for version in versions:
        begin = max(version.valid_from, since)
        close = version.valid_to
        sector = SECTOR[version.kind]
        if version.parent_id in communes:
            sector = "commune"
        for i in range(STAFF):
            name = f"Cán bộ {len(persons) + 1}"
            persons.append(Person(full_name=name, gender="male", search_text=fold(name)))
            category = STAFFED[version.kind][i % len(STAFFED[version.kind])]
            jobs.append(
                Employment(
                    unit_id=version.unit_id,
                    category=category,
                    valid_from=begin,
                    valid_to=close,
                    work="professional",
                )
            )
            last = min(close or dt.date(2021, 1, 1), dt.date(2021, 1, 1))
            span = (last - begin).days
            if span > 60 and rng.random() < 1 / 12:
                day = begin + dt.timedelta(days=rng.randrange(30, span))
                cuts.append((len(persons) - 1, len(jobs) - 1, day, sector))
    with transaction.atomic():
        Person.objects.bulk_create(persons, batch_size=5000)
        for person, job in zip(persons, jobs, strict=True):
            job.person = person
        for _, j, day, _ in cuts:
            jobs[j].valid_to = day
            jobs[j].end_reason = "reduced"
        Employment.objects.bulk_create(jobs, batch_size=5000)
        Reduction.objects.bulk_create(
            [
                Reduction(
                    person=persons[p],
                    unit_id=jobs[j].unit_id,
                    on=day,
                    form="early_retirement",
                    case=cases["nd113-a1-1" if day >= dt.date(2018, 10, 15) else "nd108-a6-1a"],
                    sector=sector,
                    category=jobs[j].category,
                    employment=jobs[j],
                )
                for p, j, day, sector in cuts
                if day >= dt.date(2015, 1, 15)
            ],
            batch_size=5000,
        )
    return {"persons": len(persons), "employments": len(jobs), "reductions": len(cuts)}


def run_database(db: str, args: argparse.Namespace) -> dict[str, Any]:
    options = ["--units", str(args.units), "--repeat", str(args.repeat), "--seed", str(args.seed)]
    return run_worker(__file__, db, args, options)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=17_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20150101)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres-url")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    dbs = (
        ["sqlite", "postgresql"]
        if args.db == "both"
        else [args.db.replace("postgres", "postgresql")]
    )
    for db in dbs:
        result = run_database("sqlite" if db == "sqlite" else "postgres", args)
        print(
            json.dumps(
                {db: result["benchmarks"], "staff": result["staff"], "seconds": result["seconds"]},
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
