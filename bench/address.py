"""Address conversion benchmark (docs/developer/benchmarks.md, "Address conversion").

    python bench/address.py [--addresses 100000] [--db sqlite|postgres|both] [--seed N]

For each database: a fresh database, migrated, the whole country loaded from the package
(`load_admin_units()`, timed), then `adminunits.address.AddressConverter(batch=True)` converts
(1) the address of every legacy unit of 2025-06-30 ("Phường Trần Phú, Thành phố Móng Cái, Tỉnh
Quảng Ninh": 10,035 communes and the 5 island districts without communes) and (2) --addresses
generated old addresses (seeded: a street part or none, diacritics or not, full type words or
abbreviations, commas or dashes), each list timed.

The package's own converter (`vietnamadminunits.convert_address`) converts the same inputs in a
separate virtual environment (--package-venv, default /tmp/vau-venv), never in this project's:
its code imports `unidecode` (GPL), which the project does not install. Make it with

    python3.11 -m venv /tmp/vau-venv && /tmp/vau-venv/bin/pip install vietnamadminunits==1.0.4

If it is missing, only our side is measured. The package looks up the coordinates of an address
with a street in a divided commune on the internet (ArcGIS geocoding); the worker replaces that
look-up with "no location", so the package takes the divided commune's default new ward, as it
does when the look-up finds nothing. Both sides run in one process each, one address after the
other; the times are wall-clock (time.perf_counter) per list, and the results of the two are
compared address by address.

Everything is written to bench/results/address-<UTC timestamp>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
DEFAULT_VENV = Path("/tmp/vau-venv")  # noqa: S108 (a throwaway environment, outside the repo)

STREETS = [
    "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hùng Vương", "Quang Trung", "Lý Thường Kiệt",
    "Hai Bà Trưng", "Nguyễn Trãi", "Điện Biên Phủ", "Lê Duẩn", "Phan Đình Phùng", "Bạch Đằng",
    "Nguyễn Văn Cừ", "Võ Thị Sáu", "Cách Mạng Tháng Tám", "Tôn Đức Thắng",
]  # fmt: skip
COMMUNE_SHORT = {"Phường": "P.", "Xã": "X.", "Thị trấn": "TT."}
DISTRICT_SHORT = {"Quận": "Q.", "Huyện": "H.", "Thị xã": "TX.", "Thành phố": "TP."}


# ---------------------------------------------------------------------------- the inputs


def _short(name: str, short: dict[str, str]) -> str:
    """ "P. Trần Phú" for "Phường Trần Phú" (the type word the name starts with: the package's
    type column does not always agree with the name)."""
    for kind, abbreviation in short.items():
        if name.lower().startswith(kind.lower() + " "):
            return f"{abbreviation} {name[len(kind) + 1 :]}"
    return name


def inputs(count: int, seed: int) -> dict[str, Any]:
    """The legacy units' own addresses, and `count` generated ones (with what each names)."""
    sys.path.insert(0, str(BENCH_DIR.parent / "src"))
    from tinhgon.adminunits.data import load_dataset
    from tinhgon.core.text import fold

    data = load_dataset()
    legacy: list[str] = []
    codes: list[str] = []
    rows = []
    for commune in data.legacy_communes.values():
        district = data.districts[commune.district_code]
        province = data.legacy_provinces[commune.province_code]
        legacy.append(f"{commune.name}, {district.name}, {province.name}")
        codes.append(commune.code)
        rows.append((commune, district, province))
    for district in data.districts_without_communes:
        province = data.legacy_provinces[district.province_code]
        legacy.append(f"{district.name}, {province.name}")
        codes.append(district.code)

    rng = random.Random(seed)
    generated: list[str] = []
    generated_codes: list[str] = []
    for _ in range(count):
        commune, district, province = rng.choice(rows)
        style = rng.choice(("full", "folded", "short", "short_folded"))
        if style.startswith("short"):
            ward = _short(commune.name, COMMUNE_SHORT)
            dist = _short(district.name, DISTRICT_SHORT)
            prov = province.name.removeprefix("Tỉnh ").replace("Thành phố ", "TP. ")
        else:
            ward, dist, prov = commune.name, district.name, province.name
        street = rng.choice(
            ["", f"Số {rng.randint(1, 300)} {rng.choice(STREETS)}", f"{rng.randint(1, 99)}/"
             f"{rng.randint(1, 20)} {rng.choice(STREETS)}", f"Thôn {rng.randint(1, 12)}"]
        )  # fmt: skip
        separator = rng.choice((", ", ", ", " - "))
        text = separator.join(p for p in (street, ward.strip(), dist, prov) if p)
        if style.endswith("folded"):
            text = fold(text)
        generated.append(text)
        generated_codes.append(commune.code)
    return {"legacy": legacy, "legacy_codes": codes, "generated": generated,
            "generated_codes": generated_codes}  # fmt: skip


# ---------------------------------------------------------------------------- our side


def worker(args: argparse.Namespace) -> None:
    """Inside the subprocess for one database: migrate, load, convert, write --out."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tinhgon.adminunits.address import AddressConverter
    from tinhgon.adminunits.loader import load_admin_units

    given = json.loads(Path(args.inputs).read_text(encoding="utf-8"))
    out: dict[str, Any] = {"vendor": connection.vendor, "seconds": {}, "results": {}}
    say = _say(connection.vendor)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    out["seconds"]["migrate"] = time.perf_counter() - started
    started = time.perf_counter()
    load_admin_units()
    out["seconds"]["load"] = time.perf_counter() - started
    say(f"loaded the country in {out['seconds']['load']:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    started = time.perf_counter()
    converter = AddressConverter(batch=True)
    out["seconds"]["setup"] = time.perf_counter() - started
    for name in ("legacy", "generated"):
        found = []
        started = time.perf_counter()
        for text in given[name]:
            result = converter.convert(text)
            found.append(
                [result.status, result.old.code if result.old else None,
                 [n.area.code for n in result.new]]
            )  # fmt: skip
        out["seconds"][name] = time.perf_counter() - started
        out["results"][name] = found
        say(f"{name}: {len(found)} addresses in {out['seconds'][name]:.1f} s")
    Path(args.out).write_text(json.dumps(out), encoding="utf-8")


def _say(label: str) -> Any:
    def say(message: str) -> None:
        print(f"[{label}] {message}", flush=True)

    return say


def run_ours(db: str, inputs_path: Path, args: argparse.Namespace) -> dict[str, Any]:
    from run import postgres_database, postgres_url, sqlite_database

    manager = (
        sqlite_database(args.keep)
        if db == "sqlite"
        else postgres_database(postgres_url(args.postgres_url), args.keep)
    )
    with manager as url, tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "ours.json"
        command = [sys.executable, __file__, "--worker", "--inputs", str(inputs_path),
                   "--out", str(out)]  # fmt: skip
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "tinhgon.settings.test"}
        subprocess.run(command, env=env, check=True)  # noqa: S603
        return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------- the package's side

PACKAGE_WORKER = r"""
import json, sys, time
started = time.perf_counter()
import vietnamadminunits.converter.converter_2025 as c
from vietnamadminunits import convert_address
c.get_geo_location = lambda address: None  # no internet look-up (see bench/address.py)
setup = time.perf_counter() - started
given = json.load(open(sys.argv[1], encoding="utf-8"))
out = {"seconds": {"setup": setup}, "results": {}, "errors": {}}
for name in ("legacy", "generated"):
    found, errors = [], 0
    started = time.perf_counter()
    for text in given[name]:
        try:
            unit = convert_address(text)
            found.append(unit.ward_code)
        except Exception:
            errors += 1
            found.append(None)
    out["seconds"][name] = time.perf_counter() - started
    out["results"][name] = found
    out["errors"][name] = errors
    print(f"[package] {name}: {len(found)} addresses in {out['seconds'][name]:.1f} s", flush=True)
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))
"""


def run_package(venv: Path, inputs_path: Path) -> dict[str, Any] | None:
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"[package] no virtual environment at {venv}: the package's side is skipped")
        return None
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "package_worker.py"
        script.write_text(PACKAGE_WORKER, encoding="utf-8")
        out = Path(scratch) / "package.json"
        # Run outside the repository, so nothing of the project is imported by accident.
        subprocess.run(  # noqa: S603
            [str(python), str(script), str(inputs_path), str(out)], cwd=scratch, check=True
        )
        version = subprocess.run(  # noqa: S603
            [str(python), "-c", "import importlib.metadata as m; "
             "print(m.version('vietnamadminunits'))"],
            cwd=scratch, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        result["version"] = version
        return result


# ---------------------------------------------------------------------------- the report


def compare(given: dict[str, Any], ours: dict[str, Any], package: dict[str, Any] | None) -> Any:
    """Per list: our statuses, how often we found the unit the input was made from, and how
    often the package's new ward is among our new units."""
    report: dict[str, Any] = {}
    for name in ("legacy", "generated"):
        mine = ours["results"][name]
        expected = given[f"{name}_codes"]
        statuses: dict[str, int] = {}
        for status, _old, _new in mine:
            statuses[status] = statuses.get(status, 0) + 1
        row: dict[str, Any] = {
            "count": len(mine),
            "statuses": statuses,
            "right_old_unit": sum(
                1 for (s, old, _n), e in zip(mine, expected, strict=True) if s == "ok" and old == e
            ),
            "wrong_old_unit": sum(
                1 for (s, old, _n), e in zip(mine, expected, strict=True) if s == "ok" and old != e
            ),
        }
        if package is not None:
            theirs = package["results"][name]
            pairs = list(zip(mine, theirs, strict=True))
            row["package_among_ours"] = sum(
                1 for (s, _o, new), t in pairs if s == "ok" and t in new
            )
            row["ours_ok_package_other"] = sum(
                1 for (s, _o, new), t in pairs if s == "ok" and t not in new
            )
            row["ours_refused_package_gave"] = sum(
                1 for (s, _o, _n), t in pairs if s != "ok" and t is not None
            )
            row["package_errors"] = package["errors"][name]
        report[name] = row
    return report


def table(results: dict[str, Any]) -> str:
    lines = []
    package = results.get("package")
    for db, ours in results["ours"].items():
        s = ours["seconds"]
        lines.append(
            f"{db}: migrate {s['migrate']:.1f} s, load of the country {s['load']:.1f} s, "
            f"converter setup {s['setup']:.2f} s"
        )
    if package is not None:
        lines.append(
            f"package {package['version']}: setup (import) {package['seconds']['setup']:.2f} s"
        )
    head = f"{'inputs':<22}" + "".join(f" | {db:>10}" for db in results["ours"])
    if package is not None:
        head += f" | {'package':>10}" + "".join(f" | {'pkg/' + db:>11}" for db in results["ours"])
    lines += [head, "-" * len(head)]
    for name in ("legacy", "generated"):
        count = len(results["ours"][next(iter(results["ours"]))]["results"][name])
        line = f"{name + ' (' + format(count, ',') + ')':<22}"
        for ours in results["ours"].values():
            line += f" | {ours['seconds'][name]:8.2f} s"
        if package is not None:
            theirs = package["seconds"][name]
            line += f" | {theirs:8.2f} s"
            for ours in results["ours"].values():
                line += f" | {theirs / ours['seconds'][name]:11.2f}"
        lines.append(line)
    for db, report in results["comparison"].items():
        for name, row in report.items():
            lines.append(f"{db} {name}: {json.dumps(row, ensure_ascii=False)}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--addresses", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20250701)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--package-venv", type=Path, default=DEFAULT_VENV)
    parser.add_argument("--postgres-url")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--inputs", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return

    from run import machine

    given = inputs(args.addresses, args.seed)
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    with tempfile.TemporaryDirectory() as scratch:
        inputs_path = Path(scratch) / "inputs.json"
        inputs_path.write_text(json.dumps(given, ensure_ascii=False), encoding="utf-8")
        package = run_package(args.package_venv, inputs_path)
        ours = {db: run_ours(db, inputs_path, args) for db in dbs}
    summary = {"ours": ours, "package": package}
    results = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "arguments": {"addresses": args.addresses, "seed": args.seed},
        "samples": {"legacy": given["legacy"][:3], "generated": given["generated"][:10]},
        "ours": {db: {k: v for k, v in r.items() if k != "results"} for db, r in ours.items()},
        "package": {k: v for k, v in package.items() if k != "results"} if package else None,
        "comparison": {db: compare(given, r, package) for db, r in ours.items()},
    }
    print(table({**results, **summary}))
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"address-{stamp}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"written to {path.relative_to(BENCH_DIR.parent)}")


if __name__ == "__main__":
    main()
