"""Issue 11's national benchmarks 2–7, on a database that already holds the apparatus (the
national generator's output; the demo works too, its province standing for the nation).

    DATABASE_URL=sqlite:////path/nation.sqlite3 python bench/national.py [--on 2025-12-31]
    DATABASE_URL=postgres://…/nation_bench python bench/national.py --repeat 5 --only tree,lineage

Each benchmark runs once untimed (warm-up), then --repeat times, taking turns; prints median
(min–max) in ms against issue 11's target, and writes bench/results/national-<timestamp>.json.
The scopes are found in the data: the nation (--nation, the one administrative root, or else the
party's root, whose apparatus holds every party cell and, by territory, its village), the
province with the most communes on the date, its party organization, the communes of the day
before the reform.

- tree_province (2: < 50 ms): `registry.queries.tree(province, on)`;
- lineage_communes (3: < 1 s): the lineage of every commune of 30/06/2025 to 01/07/2025, in
  bulk (`lineages(communes, 30/06/2025, 01/07/2025)`, equal to `lineage` per commune);
- coverage_nation (4: within 3× of DuckDB on PostgreSQL, 5× on SQLite):
  `people.queries.coverage(village-head policy, nation, on)`; coverage_nation_count: its
  totals alone, `coverage_count(..., snapshot=False)` (the set-based path, counted live);
  coverage_nation_snapshot: the same totals read from the coverage snapshot of the nation on
  the date (people/coverage_snapshots.py), which is built first when it is asked for and
  missing (its building time printed apart as coverage_snapshot_build, once);
- statistics_nation (5: likewise): `party.stats.statistics(party root, on)`, a row per province;
- statistics_province (5): `statistics(the province's party organization, on)`;
- reductions_province (6: < 500 ms): `staffing.queries.reductions(province, 2015–2025)`;
- report_province (7: < 5 s): the Đề án 25 report of the province for 2015–2020 (or from its
  start to the date, for a province of 2025), as docx.

Benchmarks 4 and 5 are compared with DuckDB by bench/duckdb_baseline.py on the same database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from duckdb_baseline import POLICY, save, summary, timed

ROOT = Path(__file__).resolve().parent.parent
BEFORE_REFORM = dt.date(2025, 6, 30)
REFORM = dt.date(2025, 7, 1)
TARGETS_MS = {
    "tree_province": 50,
    "lineage_communes": 1000,
    "reductions_province": 500,
    "report_province": 5000,
}


def scopes(on: dt.date, nation_ref: str | None) -> dict[str, Any]:
    from django.db.models import Count

    from tinhgon.party.queries import party_organization
    from tinhgon.registry.models import Unit, UnitVersion
    from tinhgon.registry.queries import unit_resolve

    valid = UnitVersion.objects.as_of(on)
    party_root = Unit.objects.get(
        pk=valid.filter(parent__isnull=True, kind="party_committee").get().unit_id
    )
    roots = valid.filter(parent__isnull=True).exclude(kind__contains="party")
    if nation_ref:
        nation = unit_resolve(nation_ref, on)
    elif roots.count() == 1:
        nation = Unit.objects.get(pk=roots.get().unit_id)
    else:  # the registry has no nation: the party's root spans every party cell
        nation = party_root
    busiest = (
        valid.filter(kind="commune")
        .values("parent_id")
        .annotate(n=Count("unit_id"))
        .order_by("-n", "parent_id")
        .first()
    )
    if busiest is None:
        sys.exit(f"no commune on {on}: is the apparatus loaded?")
    province = Unit.objects.get(pk=busiest["parent_id"])
    communes = list(
        UnitVersion.objects.as_of(BEFORE_REFORM)
        .filter(kind="commune")
        .values_list("unit_id", flat=True)
    )
    return {
        "nation": nation,
        "party_root": party_root,
        "province": province,
        "province_party": Unit.objects.get(pk=party_organization(province, on).unit_id),
        "communes_before_reform": communes,
    }


def benchmarks(found: dict[str, Any], on: dt.date, folder: Path) -> dict[str, Callable[[], Any]]:
    from tinhgon.party.stats import statistics
    from tinhgon.people.queries import coverage, coverage_count
    from tinhgon.registry.models import Unit
    from tinhgon.registry.queries import lineages, tree
    from tinhgon.reports import de_an_25
    from tinhgon.reports.render import RENDERERS
    from tinhgon.staffing.queries import reductions

    communes = [Unit(pk=uid) for uid in found["communes_before_reform"]]
    # The term 2015–2020, or from the province's start when it is younger (a province of 2025).
    start = found["province"].versions.order_by("valid_from").first().valid_from
    date_from = max(dt.date(2015, 1, 1), start)
    report = de_an_25.Request(
        scope=found["province"],
        date_from=date_from,
        date_to=dt.date(2020, 12, 31) if date_from.year < 2020 else on,
        issued_on=on,
    )
    return {
        "tree_province": lambda: tree(found["province"], on),
        "lineage_communes": lambda: lineages(communes, BEFORE_REFORM, REFORM),
        "coverage_nation": lambda: coverage(POLICY, found["nation"], on),
        "coverage_nation_count": lambda: coverage_count(
            POLICY, found["nation"], on, snapshot=False
        ),
        "coverage_nation_snapshot": lambda: coverage_count(POLICY, found["nation"], on),
        "statistics_nation": lambda: statistics(found["party_root"], on),
        "statistics_province": lambda: statistics(found["province_party"], on),
        "reductions_province": lambda: reductions(
            found["province"], dt.date(2015, 1, 1), dt.date(2025, 12, 31)
        ),
        "report_province": lambda: RENDERERS["docx"](de_an_25.build(report), folder / "bc.docx"),
    }


def coverage_snapshot(nation: Any, on: dt.date) -> dict[str, float] | None:
    """Build the coverage snapshot of the nation on `on` unless there is one; its time."""
    from tinhgon.people.coverage_snapshots import coverage_snapshot_build
    from tinhgon.people.models import CoverageSnapshot
    from tinhgon.people.queries import policy_resolve

    policy = policy_resolve(POLICY)
    if CoverageSnapshot.objects.filter(policy=policy, scope=nation, on=on).exists():
        return None
    start = time.perf_counter()
    coverage_snapshot_build(policy=policy, scope=nation, on=on)
    return summary([(time.perf_counter() - start) * 1000])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--on", default="2025-12-31", help="the date, YYYY-MM-DD")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--nation", help="the administrative root (default: the only one)")
    parser.add_argument("--only", default="", help="comma-separated parts of benchmark names")
    parser.add_argument("--out", help="also write the result as JSON to this file")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tinhgon.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.utils import translation

    from tinhgon.audit.context import acting_as

    on = dt.date.fromisoformat(args.on)
    wanted = [w for w in args.only.split(",") if w]
    results: dict[str, Any] = {}
    with (
        acting_as(None, source="cli"),
        translation.override("vi"),
        tempfile.TemporaryDirectory() as folder,
    ):
        found = scopes(on, args.nation)
        runs = benchmarks(found, on, Path(folder))
        if not wanted or any(w in "coverage_nation_snapshot" for w in wanted):
            built = coverage_snapshot(found["nation"], on)
            if built is not None:
                results["coverage_snapshot_build"] = built
                print(f"coverage_snapshot_build: {built['median']:.1f} ms", flush=True)
        for name, run in runs.items():
            if wanted and not any(w in name for w in wanted):
                continue
            _, times = timed(run, args.repeat)
            results[name] = summary(times)
            print(f"{name}: {results[name]['median']:.1f} ms", flush=True)
    print(f"\n{connection.vendor}, on {on}, median (min–max) of {args.repeat}, ms")
    print(f"{'benchmark':<22} {'median':>10} {'min–max':>20} {'target':>9}")
    for name, result in results.items():
        target = TARGETS_MS.get(name)
        verdict = "" if target is None else ("met" if result["median"] < target else "missed")
        spread = f"{result['min']:.1f}–{result['max']:.1f}"
        limit = f"< {target}" if target else "DuckDB"
        print(f"{name:<22} {result['median']:>10.1f} {spread:>20} {limit:>9} {verdict}")
    scope_ids = {k: v.pk for k, v in found.items() if hasattr(v, "pk")}
    found_all = {"database": connection.vendor, "on": args.on, "scopes": scope_ids, **results}
    save("national", found_all, args.out)


if __name__ == "__main__":
    main()
