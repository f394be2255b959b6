"""Benchmarks of the registry's reads on SQLite and PostgreSQL (docs/developer/benchmarks.md).

    python bench/run.py [--units 100000] [--repeat 7] [--db sqlite|postgres|both]

For each database: a fresh database (SQLite: a file in a temporary folder; PostgreSQL: the
database of --postgres-url, created and dropped here), migrated, filled by bench/generate.py
(timed), then each benchmark is run once untimed (warm-up, counting its queries) and --repeat
times timed with time.perf_counter, the benchmarks taking turns so that noise spreads over all.
Prints median / min / max per benchmark and database and the PostgreSQL/SQLite ratio of the
medians, and writes everything to bench/results/<timestamp>.json.

Each database runs in a subprocess of this script (--worker) with DATABASE_URL set and
DJANGO_SETTINGS_MODULE=tinhgon.settings.test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
DEFAULT_POSTGRES_URL = "postgres://tinhgon:tinhgon@127.0.0.1:5432/tinhgon_bench"

D = dt.date
FIRST_DAY = D(2015, 1, 1)
REFORM = D(2025, 7, 1)
SAMPLE = 100  # communes per lineage benchmark

# name → what it measures (printed in --list and written to the results)
BENCHMARKS = {
    "tree_2020": "tree() of a province on 2020-07-01, full depth",
    "tree_2025_06_30": "tree() of the province on 2025-06-30, the last day with districts",
    "tree_2025_07_01": "tree() of the province on 2025-07-01, the first day without",
    "lineage_forward": f"lineage() of {SAMPLE} communes from 2015-01-01 to 2025-07-01 (total)",
    "lineage_backward": f"lineage() of {SAMPLE} communes from 2025-07-01 back to 2015-01-01",
    "diff_2015_2025": "diff() of the province from 2015-01-01 to 2025-07-01",
    "diff_district": "diff() of a district from 2015-01-01 to 2025-06-30 (its party bodies "
    "join its scope by territory: scope_versions)",
    "search_any_date": "search() without a date for the place name of a sampled commune, "
    'folded (e.g. "tan phu" for Xã Tân Phú): the commune, its bodies, schools, namesakes',
    "search_dated": "the same search(), on=2025-07-01",
    "search_missing": 'search("khong co ten nay") without a date: no match, a full scan',
}


# ---------------------------------------------------------------------------- the worker


def worker(args: argparse.Namespace) -> None:
    """Runs inside the subprocess for one database: migrate, generate, time, write --out."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from generate import generate, self_check

    out: dict[str, Any] = {"vendor": connection.vendor, "seconds": {}}
    say = _say(connection.vendor)

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    out["seconds"]["migrate"] = time.perf_counter() - started
    say(f"migrated in {out['seconds']['migrate']:.1f} s; generating {args.units} units")

    started = time.perf_counter()
    stats = generate(args.units, args.seed)
    out["seconds"]["generate"] = time.perf_counter() - started
    out["generation"] = {k: v for k, v in stats.__dict__.items()}
    say(
        f"generated in {out['seconds']['generate']:.1f} s "
        f"({stats.versions} versions, {stats.events} events, {stats.participants} participants)"
    )
    if args.check:
        started = time.perf_counter()
        checked = self_check(args.check, args.seed)
        out["seconds"]["check"] = time.perf_counter() - started
        say(f"check_units over {checked} random units: no problems")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # What autovacuum would do shortly after the load.
            for table in connection.introspection.table_names(cursor):
                if table.startswith("registry_"):
                    cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
            cursor.execute("SHOW server_version")
        else:
            if args.sqlite_analyze:
                cursor.execute("ANALYZE")
            cursor.execute("SELECT sqlite_version()")
        out["server"] = cursor.fetchone()[0]
    out["seconds"]["analyze"] = time.perf_counter() - started

    benches = _benchmarks(args.seed)
    wanted = [n for n in benches if not args.only or any(s in n for s in args.only.split(","))]
    results: dict[str, dict[str, Any]] = {}
    for name in wanted:
        with CaptureQueriesContext(connection) as queries:
            size = benches[name]()
        results[name] = {"queries": len(queries), "size": size, "runs_ms": []}
    for _ in range(args.repeat):
        for name in wanted:
            started = time.perf_counter()
            benches[name]()
            results[name]["runs_ms"].append((time.perf_counter() - started) * 1000)
    for name, result in results.items():
        runs = result["runs_ms"]
        result.update(median_ms=statistics.median(runs), min_ms=min(runs), max_ms=max(runs))
        median, queries, size = result["median_ms"], result["queries"], result["size"]
        say(f"{name:<18} median {median:9.1f} ms  ({queries} queries, {size})")
    out["benchmarks"] = results
    Path(args.out).write_text(json.dumps(out, indent=2, default=str), encoding="utf-8")


def _benchmarks(seed: int) -> dict[str, Callable[[], Any]]:
    """The benchmark functions, over units picked (deterministically) from the generated data."""
    from tinhgon.core.text import fold
    from tinhgon.registry.models import Unit, UnitVersion
    from tinhgon.registry.queries import diff, lineage, search, tree

    def first(kind: str) -> Unit:
        return Unit.objects.get(
            pk=UnitVersion.objects.as_of(FIRST_DAY)
            .filter(kind=kind)
            .exclude(subtype="country")
            .order_by("unit_id")
            .values_list("unit_id", flat=True)[0]
        )

    province, district = first("province"), first("district")

    def communes(on: dt.date) -> list[Unit]:
        ids = sorted(
            UnitVersion.objects.as_of(on).filter(kind="commune").values_list("unit_id", flat=True)
        )
        chosen = random.Random(seed).sample(ids, min(SAMPLE, len(ids)))
        return list(Unit.objects.filter(pk__in=chosen).order_by("pk"))

    forward, backward = communes(FIRST_DAY), communes(REFORM)
    # The place name of a sampled commune, without diacritics: "Xã Tân Phú" → "tan phu".
    first = UnitVersion.objects.filter(unit=forward[0]).order_by("valid_from").first()
    assert first is not None
    term = " ".join(fold(first.name).split()[-2:])

    def size_of_tree(on: dt.date) -> Callable[[], str]:
        return lambda: f"{sum(1 for _ in tree(province, on).walk())} nodes"

    def lineages(units: list[Unit], on: dt.date, to: dt.date) -> Callable[[], str]:
        def run() -> str:
            found = [lineage(unit, on, to) for unit in units]
            return f"{len(units)} units → {sum(len(f) for f in found)} entries"

        return run

    def diffed(root: Unit, to: dt.date) -> Callable[[], str]:
        def run() -> str:
            d = diff(root, FIRST_DAY, to)
            before = sum(r.before for r in d.by_kind)
            after = sum(r.after for r in d.by_kind)
            return f"{before} → {after} units, {len(d.ended)} ended, {len(d.started)} started"

        return run

    return {
        "tree_2020": size_of_tree(D(2020, 7, 1)),
        "tree_2025_06_30": size_of_tree(D(2025, 6, 30)),
        "tree_2025_07_01": size_of_tree(REFORM),
        "lineage_forward": lineages(forward, FIRST_DAY, REFORM),
        "lineage_backward": lineages(backward, REFORM, FIRST_DAY),
        "diff_2015_2025": diffed(province, REFORM),
        "diff_district": diffed(district, D(2025, 6, 30)),
        "search_any_date": lambda: f"{len(search(term))} hits for {term!r}",
        "search_dated": lambda: f"{len(search(term, on=REFORM))} hits for {term!r}",
        "search_missing": lambda: f"{len(search('khong co ten nay'))} hits",
    }


def _say(label: str) -> Callable[[str], None]:
    def say(message: str) -> None:
        print(f"[{label}] {message}", flush=True)

    return say


# ---------------------------------------------------------------------------- databases


@contextlib.contextmanager
def sqlite_database(keep: bool) -> Iterator[str]:
    folder = tempfile.mkdtemp(prefix="tinhgon-bench-")
    path = Path(folder) / "bench.sqlite3"
    try:
        yield f"sqlite:///{path}"
    finally:
        if keep:
            print(f"[sqlite] kept {path}")
        else:
            for file in Path(folder).iterdir():
                file.unlink()
            Path(folder).rmdir()


def postgres_url(given: str | None) -> str:
    """The URL of the benchmark database. Its name always contains "bench" (appended if not),
    since the database is dropped and created again: never a working database by mistake."""
    url = given or os.environ.get("DATABASE_URL") or ""
    if not url.startswith(("postgres://", "postgresql://")):
        url = DEFAULT_POSTGRES_URL
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "tinhgon"
    if "bench" not in name:
        name = f"{name}_bench"
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextlib.contextmanager
def postgres_database(url: str, keep: bool) -> Iterator[str]:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))

    def run(statement: sql.Composable) -> None:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(statement)

    run(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    run(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url
    finally:
        if keep:
            print(f"[postgresql] kept database {name}")
        else:
            run(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def run_worker(
    script: str, db: str, args: argparse.Namespace, options: list[str]
) -> dict[str, Any]:
    """Run `script --worker` over a fresh database (sqlite or postgres) and return the JSON it
    writes; `options` are passed on. Shared by every benchmark script of bench/."""
    manager = (
        sqlite_database(args.keep)
        if db == "sqlite"
        else postgres_database(postgres_url(args.postgres_url), args.keep)
    )
    with manager as url, tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "result.json"
        command = [sys.executable, script, "--worker", "--out", str(out), *options]
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "tinhgon.settings.test"}
        subprocess.run(command, env=env, check=True)  # noqa: S603
        return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def run_database(db: str, args: argparse.Namespace) -> dict[str, Any]:
    options = ["--units", str(args.units), "--repeat", str(args.repeat), "--seed", str(args.seed)]
    options += ["--check", str(args.check), "--only", args.only]
    if args.sqlite_analyze:
        options.append("--sqlite-analyze")
    return run_worker(__file__, db, args, options)


# ---------------------------------------------------------------------------- the report


def table(results: dict[str, dict[str, Any]]) -> str:
    dbs = list(results)
    names = [n for n in BENCHMARKS if any(n in r.get("benchmarks", {}) for r in results.values())]
    head = f"{'benchmark':<18}"
    for db in dbs:
        head += f" | {db + ' median':>17} {'min':>9} {'max':>9}"
    if len(dbs) == 2:
        head += " | pg/sqlite"
    lines = [head, "-" * len(head)]
    for name in names:
        line = f"{name:<18}"
        medians = []
        for db in dbs:
            r = results[db].get("benchmarks", {}).get(name)
            if r is None:
                line += f" | {'—':>17} {'':>9} {'':>9}"
                continue
            medians.append(r["median_ms"])
            line += f" | {r['median_ms']:14.1f} ms {r['min_ms']:9.1f} {r['max_ms']:9.1f}"
        if len(medians) == 2 and medians[0]:
            line += f" | {medians[1] / medians[0]:9.2f}"
        lines.append(line)
    for db in dbs:
        s = results[db].get("seconds", {})
        lines.append(
            f"{db}: generation {s.get('generate', 0):.1f} s, migrate {s.get('migrate', 0):.1f} s"
            + (f", check {s['check']:.1f} s" if "check" in s else "")
        )
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    import django

    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "cpus": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seed", type=int, default=20150101)
    parser.add_argument(
        "--check",
        type=int,
        default=100,
        metavar="N",
        help="check_units over N random units after generating (0: skip)",
    )
    parser.add_argument(
        "--postgres-url", help=f"default: DATABASE_URL if PostgreSQL, else {DEFAULT_POSTGRES_URL}"
    )
    parser.add_argument("--only", default="", help="comma-separated parts of benchmark names")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--sqlite-analyze", action="store_true", help="run ANALYZE on SQLite too")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.list:
        for name, text in BENCHMARKS.items():
            print(f"{name:<18} {text}")
        return
    if args.worker:
        worker(args)
        return

    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    started = dt.datetime.now(dt.UTC)
    results: dict[str, dict[str, Any]] = {}
    for db in dbs:
        try:
            results[db] = run_database(db, args)
        except Exception as error:  # report it and go on with the other database
            print(f"[{db}] failed: {error}", file=sys.stderr)
            if db == "postgres":
                print(
                    "Is PostgreSQL running? Try: bash scripts/ensure-postgres.sh", file=sys.stderr
                )
            results[db] = {"error": str(error)}
    report = table({k: v for k, v in results.items() if "benchmarks" in v})
    print()
    print(report)
    record = {
        "started": started.isoformat(timespec="seconds"),
        "units": args.units,
        "repeat": args.repeat,
        "seed": args.seed,
        "machine": machine(),
        "benchmarks": {n: t for n, t in BENCHMARKS.items()},
        "databases": results,
        "ratios_pg_over_sqlite": {
            name: results["postgres"]["benchmarks"][name]["median_ms"]
            / results["sqlite"]["benchmarks"][name]["median_ms"]
            for name in BENCHMARKS
            if all(
                name in results.get(db, {}).get("benchmarks", {}) for db in ("sqlite", "postgres")
            )
        },
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print(f"\nresults: {path.relative_to(BENCH_DIR.parent)}")
    if any("error" in r for r in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
