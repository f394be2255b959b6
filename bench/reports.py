"""Benchmark: the Đề án 25 report, built from the records and written in each format, for the
Móng Cái demo and for the largest province of the generated apparatus.

    python bench/reports.py [--units 17000] [--repeat 5] [--db sqlite|postgres|both]
                            [--formats docx,xlsx,html,pdf]

For each database (as bench/run.py: SQLite in a temporary file, PostgreSQL in a database whose
name contains "bench", dropped afterwards) two subprocesses run, each over a fresh database:
"demo" loads the Móng Cái demo (tinhgon demo load) and times the report of the city for
2015–2020; "province" generates the apparatus with bench/generate.py, employs and reduces staff
as bench/staffing.py does, and times the report of its largest province for 2015–2020. A run is
the whole work a user waits for: build the report (every figure computed) and write the file.
Each format runs once untimed (warm-up), then --repeat times; medians, min and max in ms. The
PDF is written by LibreOffice (soffice), started afresh for each file.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from run import run_worker

FROM, TO = "2015-01-01", "2020-12-31"
FORMATS = ("docx", "xlsx", "html", "pdf")


def worker(args: argparse.Namespace) -> None:
    import datetime as dt

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import translation

    from tinhgon.registry.queries import unit_resolve
    from tinhgon.reports import de_an_25
    from tinhgon.reports.render import RENDERERS

    out: dict[str, Any] = {"vendor": connection.vendor, "data": args.data, "seconds": {}}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if args.data == "demo":
        from tinhgon.demo.loader import load_demo

        load_demo()
        scope = unit_resolve("194", dt.date(2015, 1, 1))  # Móng Cái by its code
    else:
        from generate import generate
        from people_coverage import largest_province
        from staffing import add_staff

        generate(args.units, args.seed)
        out["staff"] = add_staff(args.seed)
        scope, out["province_villages"] = largest_province(dt.date(2020, 12, 31))
    out["seconds"]["load"] = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    request = de_an_25.Request(
        scope=scope,
        date_from=dt.date.fromisoformat(FROM),
        date_to=dt.date.fromisoformat(TO),
        issued_on=dt.date(2025, 6, 16),
    )
    results: dict[str, Any] = {}
    with translation.override("vi"), tempfile.TemporaryDirectory() as folder:
        for fmt in args.formats.split(","):

            def run(fmt: str = fmt) -> int:
                path = RENDERERS[fmt](de_an_25.build(request), Path(folder) / f"bc.{fmt}")
                return path.stat().st_size

            size = run()
            runs = []
            for _ in range(args.repeat):
                began = time.perf_counter()
                run()
                runs.append((time.perf_counter() - began) * 1000)
            results[fmt] = {"bytes": size, "runs_ms": runs, "median_ms": statistics.median(runs)}
            print(
                f"[{connection.vendor} {args.data}] {fmt}: {size} bytes, median "
                f"{statistics.median(runs):.0f} ms of {args.repeat}",
                flush=True,
            )
    out["benchmarks"] = results
    Path(args.out).write_text(json.dumps(out, indent=2), encoding="utf-8")


def table(results: dict[tuple[str, str], dict[str, Any]], formats: list[str]) -> str:
    dbs = [db for db in ("sqlite", "postgres") if any(d == db for d, _data in results)]
    lines = [f"{'report':<22}" + "".join(f"{db + ' median (min–max) ms':>34}" for db in dbs)]
    if len(dbs) == 2:
        lines[0] += f"{'ratio pg/sqlite':>17}"
    for data in ("demo", "province"):
        for fmt in formats:
            row = f"{data + ', ' + fmt:<22}"
            medians = []
            for db in dbs:
                found = results.get((db, data), {}).get("benchmarks", {}).get(fmt)
                if found is None:
                    row += f"{'—':>34}"
                    continue
                runs = found["runs_ms"]
                medians.append(found["median_ms"])
                cell = f"{found['median_ms']:.0f} ({min(runs):.0f}–{max(runs):.0f})"
                row += f"{cell:>34}"
            if len(medians) == 2:
                row += f"{medians[1] / medians[0]:>17.2f}"
            lines.append(row)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=17_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20150101)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--data", choices=["demo", "province", "both"], default="both")
    parser.add_argument("--postgres-url")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    datas = ["demo", "province"] if args.data == "both" else [args.data]
    results = {}
    for db in dbs:
        for data in datas:
            options = ["--units", str(args.units), "--repeat", str(args.repeat)]
            options += ["--seed", str(args.seed), "--formats", args.formats, "--data", data]
            results[(db, data)] = run_worker(__file__, db, args, options)
    print(table(results, args.formats.split(",")))


if __name__ == "__main__":
    main()
