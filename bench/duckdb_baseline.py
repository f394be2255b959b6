"""The columnar baseline of issue 11: the party statistics table (benchmark 5) and the coverage
of the village-head unification policy (benchmark 4) as single SQL statements in DuckDB, over
the same data exported to Parquet — the speed an analyst gets from a columnar engine.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python bench/duckdb_baseline.py --on 2025-12-31
    DATABASE_URL=postgres://…/bench python bench/duckdb_baseline.py --party-root 12 --scope 1

Works on any database that has the data (the demo, bench/party_stats.py --keep, tinhgon synth).
DuckDB is a benchmark-only dependency: `pip install -r requirements-bench.lock`.

1. Export (not timed: it stands for an analyst's extract): the columns the two computations
   read from unit versions, attachments, members, persons, posts and holdings, streamed from
   the database to CSV and converted to Parquet by DuckDB (one file per table in --dir).
2. DuckDB, over views of the Parquet files, each statement once untimed then --repeat times:
   - statistics: the very statements `party.stats.statistics` runs (`party.stats.statements`:
     a recursive walk of the organizations and 31 conditional sums over the attachments valid
     on the date), with DuckDB's `?` marks;
   - coverage: party cells whose territory is a village, valid on the date, and among them
     those whose secretary on the date also heads that village — the policy
     `cell-secretary-village-head` over the whole registry (so --scope must be a unit whose
     apparatus is everything: the nation, or the demo's province).
3. tinhgon's own computations on the database, the same number of times: `statistics(party
   root, on)` and `people.queries.coverage(policy, scope, on)`.
4. Checks (a failure stops the run): the statistics totals are equal column by column; the
   coverage's places and complying places are equal.

Prints median (min–max) in ms for both and the ratio tinhgon / DuckDB, and writes the result
to bench/results/duckdb-baseline-<UTC timestamp>.json.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
POLICY = "cell-secretary-village-head"
# Table → (column, DuckDB type) read by the two computations.
TABLES: dict[str, list[tuple[str, str]]] = {
    "registry_unitversion": [
        ("unit_id", "BIGINT"),
        ("parent_id", "BIGINT"),
        ("territory_id", "BIGINT"),
        ("kind", "VARCHAR"),
        ("valid_from", "DATE"),
        ("valid_to", "DATE"),
    ],
    "party_attachment": [
        ("member_id", "BIGINT"),
        ("unit_id", "BIGINT"),
        ("kind", "VARCHAR"),
        ("valid_from", "DATE"),
        ("valid_to", "DATE"),
    ],
    "party_member": [
        ("id", "BIGINT"),
        ("person_id", "BIGINT"),
        ("confirmed_on", "DATE"),
        ("occupation", "VARCHAR"),
    ],
    "people_person": [
        ("id", "BIGINT"),
        ("gender", "VARCHAR"),
        ("ethnicity", "VARCHAR"),
        ("birth_date", "DATE"),
        ("education", "VARCHAR"),
    ],
    "people_post": [
        ("id", "BIGINT"),
        ("unit_id", "BIGINT"),
        ("post_type", "VARCHAR"),
        ("valid_from", "DATE"),
        ("valid_to", "DATE"),
    ],
    "people_holding": [
        ("post_id", "BIGINT"),
        ("person_id", "BIGINT"),
        ("valid_from", "DATE"),
        ("valid_to", "DATE"),
    ],
}
NULL = r"\N"
VALID = "{t}.valid_from <= $on AND ({t}.valid_to IS NULL OR {t}.valid_to > $on)"
COVERAGE_SQL = f"""
WITH units AS (
    SELECT unit_id, kind, territory_id FROM registry_unitversion v WHERE {VALID.format(t="v")}
), cells AS (
    SELECT c.unit_id, c.territory_id AS village FROM units c
    JOIN units place ON place.unit_id = c.territory_id
    WHERE c.kind = 'party_cell' AND place.kind = 'village'
), held AS (
    SELECT p.unit_id, p.post_type, h.person_id FROM people_post p
    JOIN people_holding h ON h.post_id = p.id
    WHERE p.post_type IN ('secretary', 'village_head')
      AND {VALID.format(t="p")} AND {VALID.format(t="h")}
), both_posts AS (
    SELECT DISTINCT s.unit_id FROM held s
    JOIN cells ON cells.unit_id = s.unit_id
    JOIN held v ON v.unit_id = cells.village AND v.person_id = s.person_id
    WHERE s.post_type = 'secretary' AND v.post_type = 'village_head'
)
SELECT (SELECT COUNT(*) FROM cells), (SELECT COUNT(*) FROM both_posts)
"""


def export(directory: Path, say: Callable[[str], None]) -> dict[str, int]:
    """Each table's columns to Parquet; returns the rows per table."""
    import duckdb
    from django.db import connection

    rows: dict[str, int] = {}
    duck = duckdb.connect()
    for table, columns in TABLES.items():
        names = [name for name, _ in columns]
        path = directory / f"{table}.csv"
        count = 0
        with path.open("w", newline="", encoding="utf-8") as out, connection.cursor() as cursor:
            writer = csv.writer(out)
            writer.writerow(names)
            cursor.execute(f"SELECT {', '.join(names)} FROM {table}")
            while batch := cursor.fetchmany(100_000):
                writer.writerows([NULL if v is None else v for v in row] for row in batch)
                count += len(batch)
        types = ", ".join(f"'{name}': '{kind}'" for name, kind in columns)
        duck.execute(
            f"COPY (SELECT * FROM read_csv('{path}', header = true, nullstr = '\\N',"
            f" columns = {{{types}}})) TO '{directory / table}.parquet' (FORMAT parquet)"
        )
        path.unlink()
        rows[table] = count
        say(f"{table}: {count:,} rows")
    return rows


def duckdb_connection(directory: Path) -> Any:
    import duckdb

    duck = duckdb.connect()
    for table in TABLES:
        duck.execute(
            f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{directory / table}.parquet')"
        )
    return duck


def _duck_params(params: list[Any]) -> list[Any]:
    """Django's parameters for DuckDB: SQLite passes dates as ISO text."""
    iso = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    return [dt.date.fromisoformat(p) if isinstance(p, str) and iso.match(p) else p for p in params]


def duck_statistics(duck: Any, org_id: int, on: dt.date) -> list[int]:
    """The statistics table's totals, from the same statements as tinhgon's."""
    from tinhgon.party.stats import columns, statements

    totals = [0] * len(columns())
    for sql, params in statements(org_id, on):
        for row in duck.execute(sql.replace("%s", "?"), _duck_params(params)).fetchall():
            values = row[1:]
            if values[0]:
                totals = [t + int(v or 0) for t, v in zip(totals, values, strict=True)]
    return totals


def duck_coverage(duck: Any, on: dt.date) -> tuple[int, int]:
    places, complying = duck.execute(COVERAGE_SQL, {"on": on}).fetchone()
    return int(places), int(complying)


def timed(run: Callable[[], Any], repeat: int) -> tuple[Any, list[float]]:
    result = run()  # warm-up, untimed
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return result, times


def summary(times: list[float]) -> dict[str, float]:
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--on", default="2025-12-31", help="the date, YYYY-MM-DD")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--party-root", help="the party organization of the statistics table")
    parser.add_argument("--scope", help="the unit whose coverage is asked (the whole registry)")
    parser.add_argument("--dir", help="where the Parquet files go (default: a temporary folder)")
    parser.add_argument("--out", help="also write the result as JSON to this file")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tinhgon.settings.test")
    import django

    django.setup()
    from tinhgon.audit.context import acting_as
    from tinhgon.party.stats import statistics as party_statistics
    from tinhgon.people.queries import coverage
    from tinhgon.registry.models import UnitVersion
    from tinhgon.registry.queries import unit_resolve

    on = dt.date.fromisoformat(args.on)
    roots = UnitVersion.objects.as_of(on).filter(parent__isnull=True)
    with acting_as(None, source="cli"):
        party_root = unit_resolve(
            args.party_root or roots.filter(kind="party_committee").get().unit_id, on
        )
        admin_roots = list(roots.exclude(kind="party_committee").values_list("unit_id", flat=True))
        # Without one administrative root (the registry has no nation), the party's root spans
        # every party cell, and their villages by territory.
        scope = unit_resolve(
            args.scope or (admin_roots[0] if len(admin_roots) == 1 else party_root.pk), on
        )
        with tempfile.TemporaryDirectory() as scratch:
            directory = Path(args.dir or scratch)
            directory.mkdir(parents=True, exist_ok=True)
            start = time.perf_counter()
            rows = export(directory, print)
            print(f"export: {time.perf_counter() - start:.1f} s")
            duck = duckdb_connection(directory)
            runs = {
                "statistics": (
                    lambda: duck_statistics(duck, party_root.pk, on),
                    lambda: party_statistics(party_root, on).totals,
                ),
                "coverage": (
                    lambda: duck_coverage(duck, on),
                    lambda: (lambda c: (c.total, c.complying))(coverage(POLICY, scope, on)),
                ),
            }
            results: dict[str, Any] = {}
            for name, (baseline, ours) in runs.items():
                expected, duck_times = timed(baseline, args.repeat)
                found, our_times = timed(ours, args.repeat)
                if list(found) != list(expected):
                    sys.exit(f"{name}: tinhgon gives {found}, DuckDB {expected}")
                results[name] = {
                    "duckdb": summary(duck_times),
                    "tinhgon": summary(our_times),
                    "value": list(expected)[:2],
                }
    from django.db import connection

    print(f"\n{connection.vendor}, on {on}, median (min–max) of {args.repeat}, ms")
    print(f"{'computation':<12} {'DuckDB':>22} {'tinhgon':>22} {'ratio':>7}")
    for name, result in results.items():
        d, t = result["duckdb"], result["tinhgon"]
        print(
            f"{name:<12} {d['median']:>8.1f} ({d['min']:.1f}–{d['max']:.1f})"
            f" {t['median']:>10.1f} ({t['min']:.1f}–{t['max']:.1f})"
            f" {t['median'] / d['median']:>6.1f}×"
        )
    found = {"database": connection.vendor, "on": args.on, "rows": rows, **results}
    save("duckdb-baseline", found, args.out)


def save(name: str, result: dict[str, Any], also: str | None = None) -> None:
    """Write a run's result to bench/results/<name>-<UTC timestamp>.json and say where; also to
    the file `also` when given (bench/national_all.py reads it there)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "bench" / "results" / f"{name}-{stamp}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result), encoding="utf-8")
    print(f"\n→ {out.relative_to(ROOT)}")
    if also:
        Path(also).write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
