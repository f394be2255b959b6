"""Benchmark: the impact of a plan that merges every commune of a province (the scale of 2025)
on the national generated data set (plans.queries.impact), its checks, and the plan compared
with itself (plans.queries.compare).

    python bench/plan_impact.py [--members 5600000] [--repeat 5] [--db sqlite|postgres|both]
    python bench/plan_impact.py --members 50000 --repeat 3 --db sqlite     # quick try
    python bench/plan_impact.py --members 500000 --repeat 3 --db sqlite --profile /tmp/impact

The data set is bench/party_stats.py's (its functions are imported): the 34 provinces and
3,321 communes of 2025-07-01 as administrative units, the party organizations (the provincial
committees, a grassroots committee per commune, its party cells) and --members members
attached to the cells. Then, for one province (--province CODE, default the one with the most
communes), a draft plan effective 2026-07-01 consolidates its communes three by three (the
last group two or four) into new communes with new codes, and their grassroots party
committees likewise (the cells follow them). The impact simulates every event through the real
services (registry, staffing, party) inside a transaction it rolls back: the figures without
and with the plan over the province, the successors, the flows and the people affected.

Each database (as bench/run.py: SQLite in a temporary file, PostgreSQL in a database whose name
contains "bench", dropped afterwards) runs the impact once untimed, then --repeat times; the
median, min and max are printed and written to bench/results/plan-impact-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from party_stats import ProvincePlan, plan, reset_sequences, write_members, write_units
from run import BENCH_DIR, RESULTS_DIR, machine, run_worker

BASE = dt.date(2026, 1, 1)
EFFECTIVE = dt.date(2026, 7, 1)
GROUP = 3  # communes per new commune, as most of the 2025 mergers


def groups(n: int) -> list[range]:
    """Consecutive groups of GROUP (the last of 2 to 4) covering range(n)."""
    found = [range(i, min(i + GROUP, n)) for i in range(0, n, GROUP)]
    if len(found) > 1 and len(found[-1]) == 1:
        last = found.pop()
        found[-1] = range(found[-1].start, last.stop)
    return found


def events(province: ProvincePlan) -> list[dict[str, Any]]:
    """The plan's events: communes three by three into new ones, then their party committees."""
    found: list[dict[str, Any]] = []
    for number, group in enumerate(groups(len(province.communes)), start=1):
        communes = [province.communes[i] for i in group]
        code = f"N{province.code}{number:03d}"
        found.append(
            {
                "kind": "consolidate",
                "title": f"Thành lập xã mới số {number}",
                "inputs": [{"unit": f"id:{c.admin_id}"} for c in communes],
                "outputs": [
                    {
                        "new": {
                            "name": f"Xã mới số {number}",
                            "kind": "commune",
                            "subtype": "rural_commune",
                            "parent": f"id:{province.admin_id}",
                            "codes": [{"code": code}],
                        }
                    }
                ],
            }
        )
        found.append(
            {
                "kind": "consolidate",
                "title": f"Hợp nhất đảng bộ các xã thành Đảng bộ xã mới số {number}",
                "inputs": [{"unit": f"id:{c.org_id}"} for c in communes],
                "outputs": [
                    {
                        "new": {
                            "name": f"Đảng bộ xã mới số {number}",
                            "kind": "grassroots_party_committee",
                            "parent": f"id:{province.org_id}",
                            "territory": f"code:{code}",
                        }
                    }
                ],
            }
        )
    return found


def worker(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tinhgon.audit.context import acting_as
    from tinhgon.plans import queries, services
    from tinhgon.registry.models import Unit

    def say(message: str) -> None:
        print(f"[{connection.vendor}] {message}", flush=True)

    out: dict[str, Any] = {"vendor": connection.vendor, "seconds": {}}
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    _source, provinces, last = plan(args.members, args.seed)
    written = write_units(provinces, last)
    counts = write_members(provinces, args.seed, say)
    reset_sequences()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                if table.startswith(("registry_", "people_", "party_")):
                    cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
    out["seconds"]["generate"] = time.perf_counter() - started
    say(
        f"generated {written['units']:,} units and {counts.members:,} members in "
        f"{out['seconds']['generate']:.0f} s"
    )
    chosen = (
        next(p for p in provinces if p.code == args.province)
        if args.province
        else max(provinces, key=lambda p: len(p.communes))
    )
    with acting_as(None, source="bench"):
        started = time.perf_counter()
        draft = services.plan_create(
            name=f"Sắp xếp các xã của {chosen.name}",
            scope=Unit.objects.get(pk=chosen.admin_id),
            base_on=BASE,
            effective_on=EFFECTIVE,
        )
        proposed = events(chosen)
        for spec in proposed:
            services.plan_propose(plan=draft, spec=spec)
        out["seconds"]["propose"] = time.perf_counter() - started
        say(
            f"plan over {chosen.name}: {len(chosen.communes)} communes into "
            f"{len(proposed) // 2} ({len(proposed)} events, proposed in "
            f"{out['seconds']['propose']:.1f} s)"
        )
        results: dict[str, dict[str, Any]] = {}
        benches = {
            "impact": lambda: queries.impact(draft),
            "checks": lambda: queries.checks(draft),
            # the plan against itself: two drafts on one date, the figures without read once
            "compare": lambda: queries.compare(draft, draft),
        }
        answers: dict[str, Any] = {}
        for name, bench in benches.items():
            # Counted as they run (CaptureQueriesContext keeps at most 9,000).
            count = [0]

            def counted(execute: Any, *params: Any, count: list[int] = count) -> Any:
                count[0] += 1
                return execute(*params)

            with connection.execute_wrapper(counted):
                started = time.perf_counter()
                answers[name] = bench()
                warm = (time.perf_counter() - started) * 1000
            results[name] = {"queries": count[0], "warm_up_ms": warm, "runs_ms": []}
            say(f"{name}: warm-up {warm:,.0f} ms ({count[0]:,} queries)")
        for _ in range(args.repeat):
            for name, bench in benches.items():
                started = time.perf_counter()
                bench()
                results[name]["runs_ms"].append((time.perf_counter() - started) * 1000)
        if args.profile:  # one more of each under cProfile, for `python -m pstats FILE`
            for name in ("impact", "checks"):
                profiler = cProfile.Profile()
                profiler.runcall(benches[name])
                profiler.dump_stats(f"{args.profile}.{name}.{connection.vendor}")
                say(f"profile of {name}: {args.profile}.{name}.{connection.vendor}")
        for name, result in results.items():
            runs = result["runs_ms"]
            result.update(median_ms=statistics.median(runs), min_ms=min(runs), max_ms=max(runs))
            say(f"{name:<8} median {result['median_ms']:10,.1f} ms")
        found = answers["impact"]
        before = {r.key: r.value for r in found.before.units}
        after = {r.key: r.value for r in found.after.units}
        # The figures must show the plan: every commune consolidated, none left over.
        expected = len(groups(len(chosen.communes)))
        assert after["commune"] == expected, (after, expected)
        assert before["commune"] == len(chosen.communes)
        assert not found.problems, found.problems[:3]
        out["check"] = {
            "communes_before": before["commune"],
            "communes_after": after["commune"],
            "flows": len(found.flows),
            "affected": found.affected_count,
            "problems": len(answers["checks"]),
        }
    out["benchmarks"] = results
    out["province"] = {"name": chosen.name, "communes": len(chosen.communes)}
    out["events"] = len(proposed)
    out["generation"] = {**written, "members": counts.members}
    Path(args.out).write_text(json.dumps(out, indent=2, default=str), encoding="utf-8")


def table(results: dict[str, dict[str, Any]]) -> str:
    lines = [f"{'database':<10} {'benchmark':<8} {'median':>12} {'min':>10} {'max':>10} queries"]
    for db, r in results.items():
        if "benchmarks" not in r:
            lines.append(f"{db:<10} failed: {r.get('error')}")
            continue
        for name, b in r["benchmarks"].items():
            lines.append(
                f"{db:<10} {name:<8} {b['median_ms']:9,.0f} ms {b['min_ms']:10,.0f} "
                f"{b['max_ms']:10,.0f} {b['queries']:,}"
            )
        lines.append(
            f"{db}: {r['province']['name']}, {r['province']['communes']} communes → "
            f"{r['check']['communes_after']} ({r['events']} events); "
            f"{r['generation']['units']:,} units, {r['generation']['members']:,} members "
            f"generated in {r['seconds']['generate']:.0f} s"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=5_600_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20150101)
    parser.add_argument(
        "--province", default="", help="the province's code (default: most communes)"
    )
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres-url")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument(
        "--profile", default="", help="write cProfiles to PROFILE.<impact|checks>.<database>"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    started = dt.datetime.now(dt.UTC)
    results: dict[str, dict[str, Any]] = {}
    for db in dbs:
        options = ["--members", str(args.members), "--repeat", str(args.repeat)]
        options += ["--seed", str(args.seed), "--province", args.province]
        options += ["--profile", str(Path(args.profile).resolve())] if args.profile else []
        try:
            results[db] = run_worker(__file__, db, args, options)
        except Exception as error:  # report it and go on with the other database
            print(f"[{db}] failed: {error}", file=sys.stderr)
            results[db] = {"error": str(error)}
    print()
    print(table(results))
    record = {
        "started": started.isoformat(timespec="seconds"),
        "members": args.members,
        "repeat": args.repeat,
        "machine": machine(),
        "databases": results,
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"plan-impact-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print(f"\nresults: {path.relative_to(BENCH_DIR.parent)}")
    if any("error" in r for r in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
