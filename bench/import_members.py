"""Benchmark: importing party members from a sheet (tinhgon.interchange.importing).

    python bench/import_members.py [--rows 1000000] [--format csv|xlsx] [--db sqlite|postgres]
    python bench/import_members.py --rows 50000                      # quick try

A fresh database (SQLite: a file in a temporary folder; PostgreSQL: --postgres-url, a database
whose name contains "bench", created and dropped here) is migrated and given one party
organization with 20 cells (codes CB00…CB19). A "members" template is generated with --rows
rows (seeded: names, genders, birth dates, cells, admission dates; about 1 in 7 with an
ethnicity, 1 in 3 with an occupation), then imported for real through `import_file` — every row
parsed, checked and written by people.services.persons_register_bulk and
party.services.members_admit, change records included. Prints the rows per second of the import
(file generation not counted) and the process's peak memory (resource.getrusage, ru_maxrss),
and with --profile the functions where the time goes. --without-writes skips the services'
writes: what is left is the importer's own reading, parsing, duplicate and database checks.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hùng", "Lan", "Linh", "Mai",
         "Nam", "Phúc", "Quang", "Sơn", "Thảo", "Trang", "Tuấn", "Việt", "Yến"]  # fmt: skip
HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Mã chi bộ", "Ngày kết nạp",
          "Sinh hoạt tại chi bộ từ ngày", "Số thẻ đảng viên", "Nghề nghiệp"]  # fmt: skip
START = dt.date(2010, 1, 1)


def rows(n: int, seed: int) -> list[list[str]] | object:
    rng = random.Random(seed)
    for i in range(n):
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(18_000))
        admitted = born + dt.timedelta(days=365 * rng.randint(19, 40) + rng.randrange(300))
        admitted = min(admitted, dt.date(2025, 6, 1))
        in_cell = START if admitted < START else None
        # a serial in the name keeps every (name, birth date) unique, as the importer wants
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {i:07d}"
        yield [
            name,
            rng.choice(["Nam", "Nữ"]),
            born.strftime("%d/%m/%Y"),
            "Tày" if rng.random() < 0.14 else "",
            f"CB{rng.randrange(20):02d}",
            admitted.strftime("%d/%m/%Y"),
            in_cell.strftime("%d/%m/%Y") if in_cell else "",
            "",
            "Nông dân" if rng.random() < 0.33 else "",
        ]


def write_file(path: Path, fmt: str, n: int, seed: int) -> None:
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(rows(n, seed))  # type: ignore[arg-type]
        return
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Đảng viên")
    sheet.append(HEADER)
    for row in rows(n, seed):  # type: ignore[attr-defined]
        sheet.append(row)
    book.save(path)


def setup_django(url: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tinhgon.settings.test"
    os.environ["DATABASE_URL"] = url
    import django
    from django.core.management import call_command
    from django.utils import translation

    django.setup()
    translation.activate("vi")
    call_command("migrate", verbosity=0)


def build_cells() -> None:
    from tinhgon.registry.eventspec import CodeSpec, NewUnitSpec
    from tinhgon.registry.services import unit_register

    party = unit_register(
        spec=NewUnitSpec(name="Đảng bộ thử nghiệm", kind="party_committee"), valid_from=START
    )
    for i in range(20):
        unit_register(
            spec=NewUnitSpec(
                name=f"Chi bộ {i}",
                kind="party_cell",
                parent=f"id:{party.pk}",
                codes=[CodeSpec("party", f"CB{i:02d}")],
            ),
            valid_from=START,
        )


def postgres(url: str) -> tuple[str, object]:
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    if "bench" not in name:
        raise SystemExit("the PostgreSQL database name must contain “bench”: it is dropped")
    admin = psycopg.connect(f"{base}/postgres", autocommit=True)
    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))

    return url, drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--postgres-url", default="postgres://tinhgon:tinhgon@127.0.0.1:5432/tg_imports_bench"
    )
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--without-writes",
        action="store_true",
        help="replace the service call by nothing: the speed of reading, parsing and checking",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        drop = None
        if args.db == "sqlite":
            url = f"sqlite:///{folder}/bench.sqlite3"
        else:
            url, drop = postgres(args.postgres_url)
        setup_django(url)
        build_cells()
        path = Path(folder) / f"members.{args.format}"
        started = time.perf_counter()
        write_file(path, args.format, args.rows, args.seed)
        generated = time.perf_counter() - started
        size = path.stat().st_size

        from tinhgon.interchange.importing import import_file
        from tinhgon.interchange.writers import WRITERS

        if args.without_writes:  # the service neither checks nor writes
            WRITERS["members"].writes_behind = False
            WRITERS["members"].write = lambda rows, on: None  # type: ignore[method-assign]

        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        started, cpu_started = time.perf_counter(), time.process_time()
        result = import_file("members", path)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        if profiler is not None:
            import pstats

            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
        if result.problems:
            for p in result.problems[:10]:
                print(p)
            raise SystemExit(f"{len(result.problems)} problems: nothing imported")
        print(f"database         {args.db}")
        print(f"file             {args.format}, {args.rows:,} rows, {size / 1e6:.1f} MB "
              f"(generated in {generated:.1f} s)")  # fmt: skip
        print(f"written          {result.written}")
        print(f"import           {seconds:.1f} s, {args.rows / seconds:,.0f} rows/s")
        # this process's CPU: on a busy machine, what the import would take on a free core
        print(f"import CPU       {cpu:.1f} s, {args.rows / cpu:,.0f} rows per CPU second")
        print(f"peak memory      {peak:,.0f} MB (ru_maxrss of the process)")
        if drop is not None:
            drop()  # type: ignore[operator]


if __name__ == "__main__":
    main()
