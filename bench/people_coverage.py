"""Benchmark: coverage of the village policy (the party-cell secretary is the village head) for
a generated province of about 1,500 villages, and for the whole generated apparatus.

    python bench/people_coverage.py [--units 17000] [--repeat 5] [--db sqlite|postgres|both]

For each database (as bench/run.py: SQLite in a temporary file, PostgreSQL in a database whose
name contains "bench", dropped afterwards), a subprocess migrates, generates the apparatus with
bench/generate.py (17,000 units give two provinces of about 1,500 villages each), then gives
every party cell of a village a secretary post and every village a head post, valid over the
versions that hold on 2020-07-01, and one holder each (the same person in nine villages in ten,
two people in most others, a vacant head in a few): written with bulk_create like the units,
without change records (the audit trail is not what is measured). Each benchmark runs once
untimed (warm-up, counting queries), then --repeat times; the median is reported.
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
POLICY = "cell-secretary-village-head"


def worker(args: argparse.Namespace) -> None:
    import datetime as dt

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from generate import generate
    from tinhgon.people import queries
    from tinhgon.registry.models import Unit

    on = dt.date.fromisoformat(ON)
    out: dict[str, Any] = {"vendor": connection.vendor, "seconds": {}}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    generate(args.units, args.seed)
    out["seconds"]["generate"] = time.perf_counter() - started
    started = time.perf_counter()
    out["people"] = add_people(on, args.seed)
    out["seconds"]["people"] = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                if table.startswith(("registry_", "people_")):
                    cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")

    province, villages = largest_province(on)
    root = Unit.objects.get(pk=root_id(on))
    benches = {
        f"province ({villages} villages)": lambda: queries.coverage(POLICY, province, on),
        "whole apparatus": lambda: queries.coverage(POLICY, root, on),
    }
    results: dict[str, Any] = {}
    for name, bench in benches.items():
        with CaptureQueriesContext(connection) as captured:
            result = bench()
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            bench()
            runs.append((time.perf_counter() - started) * 1000)
        results[name] = {
            "queries": len(captured),
            "places": result.total,
            "complying": result.complying,
            "runs_ms": runs,
            "median_ms": statistics.median(runs),
        }
        print(
            f"[{connection.vendor}] {name}: {result.complying}/{result.total}, "
            f"median {statistics.median(runs):.1f} ms of {args.repeat} ({len(captured)} queries)",
            flush=True,
        )
    out["benchmarks"] = results
    Path(args.out).write_text(json.dumps(out, indent=2), encoding="utf-8")


def root_id(on: Any) -> int:
    from tinhgon.registry.models import UnitVersion

    return int(
        UnitVersion.objects.as_of(on)
        .filter(subtype="country")
        .values_list("unit_id", flat=True)
        .get()
    )


def largest_province(on: Any) -> tuple[Any, int]:
    """The province with the most villages on `on` (by the party cells' territories)."""
    from tinhgon.registry.models import Unit, UnitVersion
    from tinhgon.registry.queries import descendants

    best: tuple[int, int] = (0, 0)
    provinces = UnitVersion.objects.as_of(on).filter(kind="province").exclude(subtype="country")
    for version in provinces:
        count = sum(v.kind == "village" for v in descendants([version.unit_id], on))
        best = max(best, (count, version.unit_id))
    return Unit.objects.get(pk=best[1]), best[0]


def add_people(on: Any, seed: int) -> dict[str, int]:
    """Posts and holders for every party cell of a village and every village, on `on`."""
    from django.db import transaction

    from tinhgon.core.text import fold
    from tinhgon.people.models import Holding, Person, Post
    from tinhgon.registry.models import UnitVersion

    rng = random.Random(seed)
    villages = {v.unit_id: v for v in UnitVersion.objects.as_of(on).filter(kind="village")}
    cells = [
        v
        for v in UnitVersion.objects.as_of(on).filter(kind="party_cell")
        if v.territory_id in villages
    ]
    persons: list[Person] = []
    posts: list[Post] = []
    plan: list[tuple[int, int]] = []  # (post index, person index)

    def new_person() -> int:
        name = f"Người {len(persons) + 1}"
        persons.append(
            Person(full_name=name, gender=rng.choice(["male", "female"]), search_text=fold(name))
        )
        return len(persons) - 1

    for cell in cells:
        village = villages[cell.territory_id]  # type: ignore[index]
        for version, post_type in ((cell, "secretary"), (village, "village_head")):
            posts.append(
                Post(
                    unit_id=version.unit_id,
                    post_type=post_type,
                    valid_from=version.valid_from,
                    valid_to=version.valid_to,
                )
            )
        secretary = new_person()
        plan.append((len(posts) - 2, secretary))
        roll = rng.random()
        if roll < 0.9:
            plan.append((len(posts) - 1, secretary))
        elif roll < 0.97:
            plan.append((len(posts) - 1, new_person()))
    with transaction.atomic():
        Person.objects.bulk_create(persons, batch_size=5000)
        Post.objects.bulk_create(posts, batch_size=5000)
        Holding.objects.bulk_create(
            [
                Holding(
                    person=persons[p],
                    post=posts[i],
                    unit_id=posts[i].unit_id,
                    exclusive=True,
                    manner="elected",
                    valid_from=posts[i].valid_from,
                    valid_to=posts[i].valid_to,
                )
                for i, p in plan
            ],
            batch_size=5000,
        )
    return {"cells": len(cells), "persons": len(persons), "posts": len(posts)}


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
        print(json.dumps({db: result["benchmarks"], "seconds": result["seconds"]}, indent=2))


if __name__ == "__main__":
    main()
