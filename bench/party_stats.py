"""Benchmark: the party statistics tables (party.stats.statistics) of a province and of the whole
national membership, and party.queries.org_counts of a province.

    python bench/party_stats.py [--members 5600000] [--repeat 5] [--db sqlite|postgres|both]
    python bench/party_stats.py --members 50000 --repeat 2 --db sqlite     # quick try

For each database (as bench/run.py: SQLite in a temporary file, PostgreSQL in a database whose
name contains "bench", dropped afterwards), a subprocess migrates, then generates a national
party apparatus and its membership, written directly without change records (the audit trail
is not what is measured):

- the root, "Đảng Cộng sản Việt Nam" (party committee, from 1930-02-03) → the 34 provincial party
  committees → the 3,321 commune-level grassroots party committees → party cells of 3 to 60
  members (about 20 on average: about 270,000 at 5.6 million members), and under each
  provincial committee a few grassroots party cells (1 % of the members). The provinces and
  communes are the real ones from 2025-07-01 (the data of `vietnamadminunits`), also generated
  as administrative units: each committee's territory is its province or commune. Every
  organization below the root is valid from 2025-07-01, as the reform made them;
- --members persons, each a member officially attached to a cell on ON (2025-12-31): about 38 %
  women, 7 % of ethnic minorities (most in the northern mountains and the Central Highlands),
  aged 18 to 90, education and occupation spread by age, about 3.5 % admitted in the last 12
  months (probationary). A member admitted before 2025-07-01 is attached to the cell from that
  day (the organizations before the reform are not generated) and recorded as admitted in it;
- besides them, memberships ended in the second half of 2025 (1.5 %), transfers between two
  cells of a commune in that half-year (1 %) and temporary attachments to another cell (0.5 %):
  attachments the tables must not count on ON.

Units are written with bulk_create (like bench/generate.py); persons, members and attachments
with executemany (SQLite) or COPY (PostgreSQL), one transaction per province. Then the
benchmarks run once untimed (warm-up, counting queries) and --repeat times, taking turns; once,
untimed, the national table's totals are checked against a direct COUNT of the official
attachments valid on ON and against the generator's own count. Prints median / min / max per
benchmark and database, the generation time and the worker's peak memory, and writes
everything to bench/results/party-stats-<timestamp>.json. --explain adds, each run once: the
national statement in parts (the walk, the attachments, the joins, the sums) and in variants
(COUNT(*) FILTER; on PostgreSQL jit off, a larger work_mem), the province statement in two steps
(the walk first, then its organizations as a VALUES list), and the plans of both statements.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from run import BENCH_DIR, RESULTS_DIR, machine, run_worker
from tinhgon.synth.members import Counts, write_members
from tinhgon.synth.plan import ProvincePlan, plan
from tinhgon.synth.units import write_units
from tinhgon.synth.vocabulary import ON
from tinhgon.synth.writer import reset_sequences

BENCHMARKS = {
    "statistics_province": "stats.statistics(provincial party committee, ON): a row per "
    "commune-level organization (and per grassroots cell under the provincial committee)",
    "statistics_national": "stats.statistics(root, ON): a row per province",
    "org_counts_province": "queries.org_counts(province, ON) for the same province (the "
    "administrative unit: its party organizations join by territory)",
}


# ---------------------------------------------------------------------------- the worker


def worker(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from generate import self_check
    from tinhgon.audit.context import acting_as
    from tinhgon.party import queries, stats
    from tinhgon.registry.models import Unit

    say = _say(connection.vendor)
    out: dict[str, Any] = {"vendor": connection.vendor, "seconds": {}, "on": ON.isoformat()}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    out["seconds"]["migrate"] = time.perf_counter() - started

    started = time.perf_counter()
    source, provinces, last = plan(args.members, args.seed)
    out["seconds"]["plan"] = time.perf_counter() - started
    cells = sum(p.cells for p in provinces)
    grassroots = sum(len(p.grassroots) for p in provinces)
    communes = sum(len(p.communes) for p in provinces)
    say(
        f"planned {args.members:,} members in {len(provinces)} provinces, {communes:,} communes, "
        f"{cells:,} party cells and {grassroots:,} grassroots cells (places: {source})"
    )
    sqlite_cache = None
    if connection.vendor == "sqlite":
        # A larger page cache while loading only; the benchmarks run with the default.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            sqlite_cache = cursor.fetchone()[0]
            cursor.execute("PRAGMA cache_size = -1000000")
    started = time.perf_counter()
    written = write_units(provinces, last)
    out["seconds"]["units"] = time.perf_counter() - started
    say(f"wrote {written['units']:,} units in {out['seconds']['units']:.1f} s")
    started = time.perf_counter()
    counts = write_members(provinces, args.seed, say)
    reset_sequences()
    out["seconds"]["members"] = time.perf_counter() - started
    say(f"wrote {counts.members:,} members in {out['seconds']['members']:.1f} s")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # What autovacuum would do shortly after the load.
            for table in connection.introspection.table_names(cursor):
                if table.startswith(("registry_", "people_", "party_")):
                    cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
            cursor.execute("SHOW server_version")
        else:
            cursor.execute(f"PRAGMA cache_size = {sqlite_cache}")
            if args.sqlite_analyze:
                cursor.execute("ANALYZE")
            cursor.execute("SELECT sqlite_version()")
        out["server"] = cursor.fetchone()[0]
    out["seconds"]["analyze"] = time.perf_counter() - started
    out["seconds"]["generate"] = sum(
        out["seconds"][k] for k in ("plan", "units", "members", "analyze")
    )
    if args.check:
        started = time.perf_counter()
        checked = self_check(args.check, args.seed)
        out["seconds"]["check"] = time.perf_counter() - started
        say(f"check_units over {checked} random units: no problems")
    out["generation"] = {
        "places": source,
        "provinces": len(provinces),
        "communes": communes,
        "party_cells": cells,
        "grassroots_cells": grassroots,
        **written,
        **counts.__dict__,
    }
    out["peak_rss_mb_after_generation"] = _peak_mb()

    largest = max(provinces, key=lambda p: p.members)
    with acting_as(None, source="bench"):
        committee = Unit.objects.get(pk=largest.org_id)
        province = Unit.objects.get(pk=largest.admin_id)
        root = Unit.objects.get(pk=1)
        benches: dict[str, Callable[[], Any]] = {
            "statistics_province": lambda: stats.statistics(committee, ON),
            "statistics_national": lambda: stats.statistics(root, ON),
            "org_counts_province": lambda: queries.org_counts(province, ON),
        }
        wanted = [n for n in benches if not args.only or any(s in n for s in args.only.split(","))]
        results: dict[str, dict[str, Any]] = {}
        answers: dict[str, Any] = {}
        sql: dict[str, list[str]] = {}
        for name in wanted:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                answers[name] = benches[name]()
                warm = (time.perf_counter() - started) * 1000
            sql[name] = [q["sql"] for q in captured.captured_queries]
            results[name] = {"queries": len(captured), "warm_up_ms": warm, "runs_ms": []}
            say(f"{name}: warm-up {warm:,.0f} ms ({len(captured)} queries)")
        for _ in range(args.repeat):
            for name in wanted:
                started = time.perf_counter()
                benches[name]()
                results[name]["runs_ms"].append((time.perf_counter() - started) * 1000)
        for name, result in results.items():
            runs = result["runs_ms"]
            result.update(median_ms=statistics.median(runs), min_ms=min(runs), max_ms=max(runs))
            result["size"] = _size(answers[name])
            say(f"{name:<20} median {result['median_ms']:10,.1f} ms  ({result['size']})")
        out["benchmarks"] = results
        out["province"] = {"name": largest.name, "members": largest.members}
        out["check"] = verify(answers, counts, largest, say)
        statements = {
            label: next(q for q in sql[name] if "RECURSIVE tree" in q)
            for label, name in (
                ("national", "statistics_national"),
                ("province", "statistics_province"),
            )
            if name in sql
        }
        if args.explain and "national" in statements:
            out["explain"] = explain(statements, answers, say)
    out["peak_rss_mb"] = _peak_mb()
    say(f"peak memory of the worker: {out['peak_rss_mb']:,.0f} MB")
    Path(args.out).write_text(json.dumps(out, indent=2, default=str), encoding="utf-8")


def _size(answer: Any) -> str:
    if hasattr(answer, "rows"):
        return f"{len(answer.rows)} rows, {answer.totals[0]:,} members"
    return f"{answer.members:,} members, {sum(c.count for c in answer.by_kind):,} organizations"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def direct_count() -> tuple[int, int]:
    """(official, all) attachments valid on ON, counted directly in SQL."""
    from django.db import connection

    day = connection.ops.adapt_datefield_value(ON)
    valid = "valid_from <= %s AND (valid_to IS NULL OR valid_to > %s)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT SUM(CASE WHEN kind = %s THEN 1 ELSE 0 END), COUNT(*)"
            f" FROM party_attachment WHERE {valid}",
            ["official", day, day],
        )
        official, every = cursor.fetchone()
    return int(official or 0), int(every or 0)


def verify(
    answers: dict[str, Any], counts: Counts, largest: ProvincePlan, say: Callable[[str], None]
) -> dict[str, Any]:
    """The national table's totals against a direct COUNT and the generator's count; each
    breakdown against the total; the province's table and org_counts against its row."""
    official, every = direct_count()
    check: dict[str, Any] = {
        "direct_count_official": official,
        "direct_count_all_kinds": every,
        "generated": counts.counted,
    }
    problems: list[str] = []
    national = answers.get("statistics_national")
    if national is not None:
        totals = dict(zip((c.key for c in national.columns), national.totals, strict=True))
        check["national_total"] = totals["total"]
        check["national_probationary"] = totals["probationary"]
        check["national_women"] = totals["gender:female"]
        check["national_minority"] = totals["minority:minority"]
        check["national_rows"] = len(national.rows)
        if not totals["total"] == official == counts.counted:
            problems.append(
                f"national total {totals['total']:,}, direct COUNT {official:,}, "
                f"generated {counts.counted:,}"
            )
        for name, value in (
            ("probationary", counts.probationary),
            ("gender:female", counts.women),
            ("minority:minority", counts.minority),
        ):
            if totals[name] != value:
                problems.append(f"{name}: table {totals[name]:,}, generated {value:,}")
        groups: dict[str, int] = defaultdict(int)
        for column, value in zip(national.columns, national.totals, strict=True):
            if column.group:
                groups[column.group] += value
        groups["official+probationary"] = totals["official"] + totals["probationary"]
        for group, value in groups.items():
            if value != totals["total"]:
                problems.append(f"{group} adds up to {value:,}, not {totals['total']:,}")
        row = next((r for r in national.rows if r.unit.id == largest.org_id), None)
        check["province_row"] = row.values[0] if row else None
        for name in ("statistics_province", "org_counts_province"):
            answer = answers.get(name)
            if answer is None or row is None:
                continue
            value = answer.totals[0] if hasattr(answer, "totals") else answer.members
            check[name] = value
            if value != row.values[0]:
                problems.append(f"{name}: {value:,}, the national table's row {row.values[0]:,}")
    check["problems"] = problems
    if problems:
        raise SystemExit("check failed: " + "; ".join(problems))
    say(
        f"check: national total {check.get('national_total', 0):,} = direct COUNT {official:,} "
        f"= generated {counts.counted:,} (all kinds valid on {ON}: {every:,}); "
        "breakdowns and the province agree"
    )
    return check


def explain(
    statements: dict[str, str], answers: dict[str, Any], say: Callable[[str], None]
) -> dict[str, Any]:
    """Where the time of the statistics statements goes: the national statement in parts and
    in variants, the province statement in two steps, each run once; and their plans. The
    variants are measured here only: party/stats.py is not changed."""
    from django.db import connection

    from tinhgon.party.kinds import PARTY_KINDS

    postgres = connection.vendor == "postgresql"
    day = f"'{ON.isoformat()}'"
    kinds = ", ".join(f"'{k}'" for k in sorted(PARTY_KINDS))
    valid = f"v.valid_from <= {day} AND (v.valid_to IS NULL OR v.valid_to > {day})"
    attached = (
        f"a.kind = 'official' AND a.valid_from <= {day} AND (a.valid_to IS NULL"
        f" OR a.valid_to > {day})"
    )
    tree = (
        "WITH RECURSIVE tree(unit_id, row_id) AS ("
        " SELECT v.unit_id, v.unit_id FROM registry_unitversion v"
        f" WHERE v.parent_id = 1 AND v.kind IN ({kinds}) AND {valid}"
        " UNION ALL SELECT v.unit_id, t.row_id FROM registry_unitversion v"
        f" JOIN tree t ON v.parent_id = t.unit_id WHERE {valid})"
    )
    national = statements["national"]
    found: dict[str, Any] = {"national_ms": {}, "province_ms": {}, "plans": {}}

    def run(sql: str, setup: tuple[str, ...] = ()) -> tuple[float, list[Any]]:
        with connection.cursor() as cursor:
            for statement in setup:
                cursor.execute(statement)
            started = time.perf_counter()
            cursor.execute(sql)
            rows = cursor.fetchall()
            took = (time.perf_counter() - started) * 1000
            if setup:
                cursor.execute("RESET ALL")
        return took, rows

    def part(group: str, name: str, sql: str, setup: tuple[str, ...] = ()) -> list[Any]:
        took, rows = run(sql, setup)
        found[group][name] = took
        say(f"  {group.split('_')[0]}: {name}: {took:,.0f} ms")
        return rows

    part("national_ms", "tree (the recursive walk alone)", f"{tree} SELECT COUNT(*) FROM tree")
    part(
        "national_ms",
        "attachments valid on the date (a plain count)",
        f"SELECT COUNT(*) FROM party_attachment a WHERE {attached}",
    )
    part(
        "national_ms",
        "tree + attachments, grouped",
        f"{tree} SELECT t.row_id, COUNT(*) FROM party_attachment a"
        f" JOIN tree t ON t.unit_id = a.unit_id WHERE {attached} GROUP BY t.row_id",
    )
    part(
        "national_ms",
        "tree + attachments + member + person, COUNT only",
        f"{tree} SELECT t.row_id, COUNT(*) FROM party_attachment a"
        " JOIN party_member m ON m.id = a.member_id JOIN people_person p ON p.id = m.person_id"
        f" JOIN tree t ON t.unit_id = a.unit_id WHERE {attached} GROUP BY t.row_id",
    )
    whole = part("national_ms", "the whole statement (every column)", national)
    # Variant: COUNT(*) FILTER (WHERE …) instead of SUM(CASE WHEN … THEN 1 ELSE 0 END) (SQLite
    # 3.30+, PostgreSQL 9.4+).
    filtered = re.sub(
        r"SUM\(CASE WHEN (.*?) THEN 1 ELSE 0 END\)", r"COUNT(*) FILTER (WHERE \1)", national
    )
    if filtered != national:
        rows = part("national_ms", "variant: COUNT(*) FILTER (WHERE …) for each column", filtered)
        found["filter_same_result"] = sorted(map(list, rows)) == sorted(map(list, whole))
        say(f"  national: the variant's result is the same: {found['filter_same_result']}")
    if postgres:
        part("national_ms", "variant: jit off", national, ("SET jit = off",))
        part("national_ms", "variant: work_mem 256MB", national, ("SET work_mem = '256MB'",))
    province = statements.get("province")
    if province is not None and ") SELECT t.row_id" in province:
        one = part("province_ms", "the whole statement", province)
        if postgres:
            part("province_ms", "variant: jit off", province, ("SET jit = off",))
        # Variant: the walk first, then its (unit, row) pairs as a VALUES list, so that the
        # planner knows how many organizations there are.
        head, tail = province.split(") SELECT t.row_id", 1)
        took_tree, pairs = run(f"{head}) SELECT unit_id, row_id FROM tree")
        values = ", ".join(f"({u}, {r})" for u, r in pairs)
        took, rows = run(f"WITH tree(unit_id, row_id) AS (VALUES {values}) SELECT t.row_id{tail}")
        name = f"variant: two steps, the walk ({len(pairs):,} organizations) then VALUES"
        found["province_ms"][name] = took_tree + took
        found["two_steps_same_result"] = sorted(map(list, rows)) == sorted(map(list, one))
        say(
            f"  province: {name}: {took_tree + took:,.0f} ms ({took_tree:,.0f} + {took:,.0f}); "
            f"the same result: {found['two_steps_same_result']}"
        )
    with connection.cursor() as cursor:
        for label, sql in statements.items():
            if postgres:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            else:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            lines = [r[0] if postgres else f"{r[0]} {r[1]} {r[-1]}" for r in cursor.fetchall()]
            found["plans"][label] = lines
            say(f"plan of the {label} statement:\n    " + "\n    ".join(lines))
    return found


def _say(label: str) -> Callable[[str], None]:
    def say(message: str) -> None:
        print(f"[{label}] {message}", flush=True)

    return say


# ---------------------------------------------------------------------------- the report


def table(results: dict[str, dict[str, Any]]) -> str:
    dbs = [db for db, r in results.items() if "benchmarks" in r]
    head = f"{'benchmark':<22}"
    for db in dbs:
        head += f" | {db + ' median':>19} {'min':>10} {'max':>10}"
    if len(dbs) == 2:
        head += " | pg/sqlite"
    lines = [head, "-" * len(head)]
    for name in BENCHMARKS:
        if not any(name in results[db]["benchmarks"] for db in dbs):
            continue
        line = f"{name:<22}"
        medians = []
        for db in dbs:
            r = results[db]["benchmarks"].get(name)
            if r is None:
                line += f" | {'—':>19} {'':>10} {'':>10}"
                continue
            medians.append(r["median_ms"])
            line += f" | {r['median_ms']:16,.1f} ms {r['min_ms']:10,.1f} {r['max_ms']:10,.1f}"
        if len(medians) == 2 and medians[0]:
            line += f" | {medians[1] / medians[0]:9.2f}"
        lines.append(line)
    for db in dbs:
        r = results[db]
        s, g = r["seconds"], r["generation"]
        lines.append(
            f"{db}: generated {g['members']:,} members ({g['counted']:,} counted on {ON}), "
            f"{g['persons']:,} persons, {g['attachments']:,} attachments, "
            f"{g['party_cells']:,} party cells, {g['units']:,} units in {s['generate']:,.0f} s "
            f"(units {s['units']:.0f} s, members {s['members']:.0f} s, analyze "
            f"{s['analyze']:.0f} s); peak memory {r['peak_rss_mb']:,.0f} MB; province: "
            f"{r['province']['name']} ({r['province']['members']:,} members)"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=5_600_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20150101)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--check",
        type=int,
        default=100,
        metavar="N",
        help="check_units over N random units after generating (0: skip)",
    )
    parser.add_argument("--only", default="", help="comma-separated parts of benchmark names")
    parser.add_argument(
        "--explain", action="store_true", help="plans and parts of the national table"
    )
    parser.add_argument("--sqlite-analyze", action="store_true", help="run ANALYZE on SQLite too")
    parser.add_argument("--postgres-url")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.members < 10_000:
        parser.error("--members must be at least 10000")
    if args.worker:
        worker(args)
        return

    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    started = dt.datetime.now(dt.UTC)
    results: dict[str, dict[str, Any]] = {}
    for db in dbs:
        options = ["--members", str(args.members), "--repeat", str(args.repeat)]
        options += ["--seed", str(args.seed), "--check", str(args.check), "--only", args.only]
        options += ["--explain"] * args.explain + ["--sqlite-analyze"] * args.sqlite_analyze
        try:
            results[db] = run_worker(__file__, db, args, options)
        except Exception as error:  # report it and go on with the other database
            print(f"[{db}] failed: {error}", file=sys.stderr)
            if db == "postgres":
                print(
                    "Is PostgreSQL running? Try: bash scripts/ensure-postgres.sh", file=sys.stderr
                )
            results[db] = {"error": str(error)}
    print()
    print(table(results))
    record = {
        "started": started.isoformat(timespec="seconds"),
        "members": args.members,
        "repeat": args.repeat,
        "seed": args.seed,
        "machine": machine(),
        "benchmarks": BENCHMARKS,
        "databases": results,
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"party-stats-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print(f"\nresults: {path.relative_to(BENCH_DIR.parent)}")
    if any("error" in r for r in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
