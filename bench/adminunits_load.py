"""How long loading Vietnam's administrative units takes, on SQLite and PostgreSQL.

    python bench/adminunits_load.py [--repeat 3] [--db sqlite|postgres|both]

Each run: a fresh database, migrated, then `load_admin_units()` for the whole country (timed),
a second load (idempotent: timed too), and the lineage of every legacy commune to 2025-07-01
(timed). Each database runs in a subprocess with DATABASE_URL set. Prints medians and min/max.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POSTGRES_ADMIN = "postgres://tinhgon:tinhgon@127.0.0.1:5432/postgres"
POSTGRES_BENCH = "postgres://tinhgon:tinhgon@127.0.0.1:5432/tinhgon_bench_adminunits"


def worker() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tinhgon.settings.test")
    django.setup()
    import datetime as dt

    from django.core.management import call_command

    from tinhgon.adminunits.loader import load_admin_units
    from tinhgon.registry import queries as q
    from tinhgon.registry.models import UnitVersion

    call_command("migrate", verbosity=0)
    times = {}
    start = time.perf_counter()
    result = load_admin_units()
    times["load"] = time.perf_counter() - start
    start = time.perf_counter()
    load_admin_units()
    times["load_again"] = time.perf_counter() - start
    before, after = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
    legacy = UnitVersion.objects.as_of(before).filter(kind="commune").select_related("unit")
    start = time.perf_counter()
    for version in legacy:
        q.lineage(version.unit, before, after)
    times["lineage_all_communes"] = time.perf_counter() - start
    print(json.dumps({"times": times, "units": result.registered, "events": result.events}))


def run_once(db: str) -> dict[str, float]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="tinhgon.settings.test")
    if db == "sqlite":
        folder = tempfile.mkdtemp()
        env["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
    else:
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS tinhgon_bench_adminunits")
            admin.execute("CREATE DATABASE tinhgon_bench_adminunits")
        env["DATABASE_URL"] = POSTGRES_BENCH
    output = subprocess.run(  # noqa: S603 (our own script, our own interpreter)
        [sys.executable, __file__, "--worker"], env=env, capture_output=True, text=True, check=True
    ).stdout
    data = json.loads(output.strip().splitlines()[-1])
    times: dict[str, float] = data["times"]
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--worker", action="store_true")
    args = parser.parse_args()
    if args.worker:
        worker()
        return
    for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        runs = [run_once(db) for _ in range(args.repeat)]
        for name in runs[0]:
            values = [r[name] for r in runs]
            print(
                f"{db:10} {name:22} median {statistics.median(values):7.1f} s"
                f"  (min {min(values):.1f}, max {max(values):.1f}, {len(values)} runs)"
            )


if __name__ == "__main__":
    main()
