"""Issue 11's benchmark 8: concurrent web users against gunicorn, on a database that already
holds the data (the national generator's output, or the demo for a quick run).

    DATABASE_URL=sqlite:////path/nation.sqlite3 python bench/load.py [--users 20] [--duration 120]
    DATABASE_URL=postgres://…/nation_bench python bench/load.py --duration 20

1. Prepares the database in this process (production settings): the account `bench-load`
   (created through accounts.services with a new random password each run, role auditor over
   everything: every read, no write) and a seeded sample of the provinces, communes and
   villages valid on --on, and the provinces' party organizations.
2. Collects the static files into a temporary folder and starts gunicorn on 127.0.0.1 (a free
   port) with tinhgon.settings.production (DEBUG off, WhiteNoise serving static files; plain
   HTTP allowed by TINHGON_INSECURE_COOKIES=1), --workers processes of --threads threads.
3. Runs locust headless (bench/locustfile.py) with --users users, all started within the first
   second, for --warmup + --duration seconds; each user signs in, then browses with a pause of
   --wait seconds between pages. Requests started in the first --warmup seconds (20 Argon2
   sign-ins at once, each worker's first pages) are only counted, not measured.
4. Prints p50, p95, max, requests and errors per page kind and for all browsing (the sign-ins
   apart), against issue 11's target (p95 under 200 ms, no errors), and writes the result to
   bench/results/load-<UTC timestamp>.json (and --out).

locust and gunicorn are benchmark-only dependencies: `pip install --no-deps -r
requirements-bench.lock`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import math
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from duckdb_baseline import POLICY, save

ROOT = Path(__file__).resolve().parent.parent
USERNAME = "bench-load"
TARGET_P95_MS = 200
SAMPLE = {"provinces": 50, "communes": 300, "villages": 300}


# ---------------------------------------------------------------------------- figures


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1) of the values: the smallest value with at
    least that share of the values at or below it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def figures(times: dict[str, list[float]], errors: dict[str, list[str]]) -> dict[str, Any]:
    """p50, p95, max, requests and errors per page kind, and `all` over the browsing kinds
    (every kind but the sign-in)."""
    out: dict[str, Any] = {}
    browsing: list[float] = []
    for kind in sorted(times):
        values = times[kind]
        if kind != "login":
            browsing += values
        out[kind] = _one(values, len(errors.get(kind, [])))
    out["all"] = _one(browsing, sum(len(v) for k, v in errors.items() if k != "login"))
    return out


def _one(values: list[float], errors: int) -> dict[str, Any]:
    return {
        "p50": percentile(values, 0.50),
        "p95": percentile(values, 0.95),
        "max": max(values, default=math.nan),
        "requests": len(values),
        "errors": errors,
    }


def verdict(all_pages: dict[str, Any]) -> bool:
    return bool(all_pages["p95"] < TARGET_P95_MS and all_pages["errors"] == 0)


def report(found: dict[str, Any]) -> str:
    head = f"{'page':<18} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'requests':>9} {'errors':>7}"
    lines = [head, "-" * len(head)]
    for kind, f in found.items():
        lines.append(
            f"{kind:<18} {f['p50']:>8.0f} {f['p95']:>8.0f} {f['max']:>8.0f}"
            f" {f['requests']:>9} {f['errors']:>7}"
        )
    met = "met" if verdict(found["all"]) else "missed"
    lines.append(f"target: p95 < {TARGET_P95_MS} ms and no errors over all browsing: {met}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- preparing


def prepare(on: dt.date, seed: int, password: str) -> dict[str, Any]:
    """The bench account with read rights everywhere, and the sampled ids (Django set up)."""
    from django.contrib.auth import get_user_model

    from tinhgon.accounts import services
    from tinhgon.accounts.roles import Role
    from tinhgon.audit.context import acting_as
    from tinhgon.core.errors import DomainError
    from tinhgon.party.queries import party_organization
    from tinhgon.registry.models import Unit, UnitVersion

    with acting_as(None, source="cli"):
        account = get_user_model().objects.filter(username=USERNAME).first()
        if account is None:
            account = services.user_create(
                username=USERNAME, password=password, full_name="Benchmark 8"
            )
        else:  # a new password each run: nobody keeps one
            account.set_password(password)
            account.save(update_fields=["password"])
        services.grant_add(user=account, role=Role.AUDITOR, unit_id=None)

    rng = random.Random(seed)
    valid = UnitVersion.objects.as_of(on)
    ids: dict[str, list[int]] = {}
    for kind, size in SAMPLE.items():
        found = sorted(valid.filter(kind=kind[:-1]).values_list("unit_id", flat=True))
        if not found:
            sys.exit(f"no {kind} on {on}: is the apparatus loaded?")
        ids[kind] = rng.sample(found, min(size, len(found)))
    party = []
    for unit_id in ids["provinces"]:
        try:
            party.append(party_organization(Unit(pk=unit_id), on).unit_id)
        except DomainError:  # a province without a party organization in the data
            continue
    if not party:
        sys.exit(f"no party organization of a province on {on}")
    return {**ids, "party": party}


# ---------------------------------------------------------------------------- serving


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (status {server.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/login/", timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"gunicorn did not answer at {url} within {seconds:.0f} s")


def run(args: argparse.Namespace, env: dict[str, str], plan: dict[str, Any]) -> dict[str, Any]:
    """Serve with gunicorn, run locust against it, return the figures."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    python = sys.executable
    manage = [python, "-m", "tinhgon.manage"]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)  # noqa: S603
    worker = ["--worker-class", "gthread", "--threads", str(args.threads)]
    serve = [python, "-m", "gunicorn", "tinhgon.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    serve += ["--workers", str(args.workers), *worker, "--log-level", "warning"]
    with tempfile.TemporaryDirectory() as scratch:
        plan_file, times_file = Path(scratch) / "plan.json", Path(scratch) / "times.json"
        plan_file.write_text(json.dumps(plan), encoding="utf-8")
        server = subprocess.Popen(serve, env=env)  # noqa: S603
        try:
            wait_until_up(url, server)
            locust = [python, "-m", "locust", "-f", str(Path(__file__).parent / "locustfile.py")]
            locust += ["--headless", "-u", str(args.users), "-r", str(args.users)]
            locust += ["-t", f"{args.warmup + args.duration}s", "--host", url, "--only-summary"]
            locust += ["--loglevel", "WARNING", "--stop-timeout", "10"]
            if args.csv:
                locust += ["--csv", args.csv]
            locust_env = {**env, "TINHGON_LOAD_PLAN": str(plan_file)}
            locust_env["TINHGON_LOAD_TIMES"] = str(times_file)
            # locust exits with 1 when a request failed: the failures are counted below.
            subprocess.run(locust, env=locust_env, check=False)  # noqa: S603
        finally:
            server.terminate()
            server.wait(timeout=30)
        if not times_file.exists():
            sys.exit("locust wrote no times")
        recorded = json.loads(times_file.read_text(encoding="utf-8"))
    found = figures(recorded["times"], recorded["errors"])
    first_errors = {k: v[:3] for k, v in recorded["errors"].items() if v}
    return {"pages": found, "first_errors": first_errors, "warmup": recorded["warmup"]}


def server_env(data_dir: str) -> dict[str, str]:
    """The environment of a production-like server on plain HTTP, on the given DATABASE_URL."""
    env = {**os.environ}
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p
    )
    env |= {
        "DJANGO_SETTINGS_MODULE": "tinhgon.settings.production",
        "TINHGON_SECRET_KEY": secrets.token_urlsafe(40),
        "TINHGON_INSECURE_COOKIES": "1",
        "TINHGON_ALLOWED_HOSTS": "127.0.0.1",
        "TINHGON_DATA_DIR": data_dir,  # the collected static files go under it
    }
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=int, default=120, help="seconds measured")
    parser.add_argument(
        "--warmup", type=int, default=10, help="seconds before, while users sign in (not measured)"
    )
    parser.add_argument("--on", default="2025-12-31", help="the date of every page, YYYY-MM-DD")
    parser.add_argument("--wait", default="1,3", help="pause between pages, MIN,MAX seconds")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--seed", type=int, default=20150101, help="of the sampled ids")
    parser.add_argument("--csv", help="also keep locust's CSV files under this prefix")
    parser.add_argument("--out", help="also write the result as JSON to this file")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        sys.exit("DATABASE_URL must name the database that holds the data")
    if missing := [m for m in ("locust", "gunicorn") if importlib.util.find_spec(m) is None]:
        sys.exit(f"missing {', '.join(missing)}: pip install --no-deps -r requirements-bench.lock")
    low, high = (float(x) for x in args.wait.split(","))
    with tempfile.TemporaryDirectory() as data_dir:
        env = server_env(data_dir)
        os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "TINHGON_SECRET_KEY")})
        os.environ["TINHGON_DATA_DIR"] = data_dir
        sys.path.insert(0, str(ROOT / "src"))
        import django

        django.setup()
        from django.db import connection

        password = secrets.token_urlsafe(24) + "a1"  # the policy wants a letter and a digit
        on = dt.date.fromisoformat(args.on)
        plan = prepare(on, args.seed, password)
        vendor = connection.vendor
        connection.close()  # SQLite: let the server's workers have the file
        plan |= {"username": USERNAME, "password": password, "on": args.on}
        plan |= {"policy": POLICY, "wait": [low, high], "warmup": args.warmup}
        result = run(args, env, plan)
    print(f"\n{vendor}, {args.users} users, {args.duration} s measured after {args.warmup} s")
    print(f"(pause {args.wait} s between pages, pages of {on}); warm-up: {result['warmup']}")
    print(report(result["pages"]))
    for kind, messages in result["first_errors"].items():
        print(f"{kind}: {'; '.join(messages)}")
    names = ("users", "duration", "warmup", "wait", "workers", "threads")
    options = {k: getattr(args, k) for k in names}
    payload = {"database": vendor, "on": args.on, "options": options, **result}
    payload["met"] = verdict(result["pages"]["all"])
    save("load", payload, args.out)


if __name__ == "__main__":
    main()
