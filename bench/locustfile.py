"""Benchmark 8's users for locust, started by bench/load.py (not on its own: it needs the plan).

Each user signs in once, then browses with a pause of --wait seconds between pages: the trees
of provinces and communes, unit pages of provinces, communes and villages, the coverage of the
village-head policy in a province, a province's dashboard, the indicators and a province's
party statistics. The ids come from the plan file that load.py writes (TINHGON_LOAD_PLAN),
sampled from the database. Every request's time goes to TINHGON_LOAD_TIMES as JSON when locust
quits, so that load.py computes exact percentiles per page kind (locust's own are rounded);
requests started in the first PLAN["warmup"] seconds are only counted.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

PLAN: dict[str, Any] = json.loads(Path(os.environ["TINHGON_LOAD_PLAN"]).read_text("utf-8"))
TIMES: dict[str, list[float]] = defaultdict(list)
ERRORS: dict[str, list[str]] = defaultdict(list)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOGIN = "login"  # the sign-in, reported apart from browsing


WARMUP: dict[str, int] = defaultdict(int)
STARTED = [time.time()]


@events.test_start.add_listener
def _start(**_: Any) -> None:
    STARTED[0] = time.time()


@events.request.add_listener
def _record(name: str, response_time: float, exception: Any = None, **_: Any) -> None:
    # Requests started in the warm-up (sign-ins queueing, each worker's first pages) are only
    # counted.
    if time.time() - response_time / 1000 < STARTED[0] + PLAN["warmup"]:
        WARMUP[name] += 1
        return
    TIMES[name].append(response_time)
    if exception is not None:
        ERRORS[name].append(str(exception)[:200])


@events.quitting.add_listener
def _write(**_: Any) -> None:
    out = {"times": TIMES, "errors": ERRORS, "warmup": WARMUP}
    Path(os.environ["TINHGON_LOAD_TIMES"]).write_text(json.dumps(out), encoding="utf-8")


class Browser(FastHttpUser):
    wait_time = between(*PLAN["wait"])

    def on_start(self) -> None:
        page = self.client.get("/login/", name=LOGIN)
        token = CSRF.search(page.text or "")
        data = {"username": PLAN["username"], "password": PLAN["password"]}
        data["csrfmiddlewaretoken"] = token.group(1) if token else ""
        # A successful sign-in redirects; a refused one shows the form again with 200.
        with self.client.post(
            "/login/", data=data, name=LOGIN, allow_redirects=False, catch_response=True
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"sign-in refused ({answer.status_code})")

    def page(self, kind: str, path: str, **params: Any) -> None:
        query = "&".join(f"{k}={v}" for k, v in {"on": PLAN["on"], **params}.items())
        # Redirects are not followed: a lost session (redirect to the sign-in) is an error.
        with self.client.get(
            f"{path}?{query}", name=kind, allow_redirects=False, catch_response=True
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"status {answer.status_code}")

    def pick(self, kind: str) -> int:
        return int(random.choice(PLAN[kind]))

    @task(2)
    def tree_province(self) -> None:
        self.page("tree_province", f"/units/{self.pick('provinces')}/tree/")

    @task(3)
    def tree_commune(self) -> None:
        self.page("tree_commune", f"/units/{self.pick('communes')}/tree/")

    @task(1)
    def unit_province(self) -> None:
        self.page("unit_province", f"/units/{self.pick('provinces')}/")

    @task(3)
    def unit_commune(self) -> None:
        self.page("unit_commune", f"/units/{self.pick('communes')}/")

    @task(3)
    def unit_village(self) -> None:
        self.page("unit_village", f"/units/{self.pick('villages')}/")

    @task(1)
    def coverage(self) -> None:
        scope = f"id:{self.pick('provinces')}"
        self.page("coverage", "/coverage/", policy=PLAN["policy"], scope=scope)

    @task(1)
    def dashboard(self) -> None:
        self.page("dashboard", "/dashboard/", scope=f"id:{self.pick('provinces')}")

    @task(1)
    def indicators(self) -> None:
        self.page("indicators", "/indicators/")

    @task(1)
    def party_statistics(self) -> None:
        self.page("party_statistics", "/party/statistics/", scope=f"id:{self.pick('party')}")
