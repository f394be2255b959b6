"""`synthesize`: a generated nation of scale S in an empty, migrated database.

Steps: the real administrative units of the chosen provinces and their 2025 reform through
the admin-units loader (its services, audited); the plan of the party (plan.py); villages and
state bodies (apparatus.py); the party's organizations as units (units.py); the members,
province by province (members.py); posts and holders (apparatus.py); public employment
(employment.py). Everything after the loader is written directly (writer.py), in batches,
without change records. docs/developer/synth.md has the shapes and the figures.
"""

from __future__ import annotations

import resource
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from tinhgon.core.errors import DomainError, Problem

from .apparatus import PostCounts, plan_apparatus, write_apparatus, write_posts
from .employment import EMPLOYED, EmploymentCounts, write_employment
from .members import Counts, write_members
from .plan import COMMUNES, choose, places, plan
from .reform import ReformCounts, write_party_reform
from .units import write_units
from .vocabulary import REFORM
from .writer import next_id, reset_sequences

MEMBERS = 5_600_000  # party members at scale 1

# Told the phase ("units", "members"), how much of it is done and its total.
Progress = Callable[[str, int, int], None]


@dataclass
class SynthResult:
    scale: float
    seed: int
    provinces: list[str] = field(default_factory=list)  # new province codes
    communes: int = 0  # on 2025-07-01
    admin_units: int = 0  # recorded by the loader (legacy and new)
    admin_events: int = 0
    villages: int = 0
    state_units: int = 0  # villages and the bodies of provinces and communes
    party_units: int = 0  # the root, committees and cells
    party_cells: int = 0
    grassroots_cells: int = 0
    members: Counts = field(default_factory=Counts)
    posts: PostCounts = field(default_factory=PostCounts)
    employment: EmploymentCounts = field(default_factory=EmploymentCounts)
    reform: ReformCounts = field(default_factory=ReformCounts)  # the party before 2025-07-01
    seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0

    def summary(self) -> str:
        return _(
            "Generated scale %(scale)s (seed %(seed)d): %(provinces)d province(s), %(communes)d "
            "commune(s), %(admin)d administrative unit(s) and %(events)d event(s); %(villages)d "
            "village(s); %(party)d party organization(s) with %(cells)d party cell(s); "
            "%(members)d party member(s) (%(counted)d on 31/12/2025); %(posts)d post(s) with "
            "%(holdings)d holder(s); %(employed)d people in public employment; in %(seconds).0f "
            "s, peak memory %(memory).0f MB."
        ) % {
            "scale": f"{self.scale:g}",
            "seed": self.seed,
            "provinces": len(self.provinces),
            "communes": self.communes,
            "admin": self.admin_units,
            "events": self.admin_events,
            "villages": self.villages,
            "posts": self.posts.posts,
            "holdings": self.posts.holdings,
            "employed": self.employment.employments,
            "party": self.party_units,
            "cells": self.party_cells + self.grassroots_cells,
            "members": self.members.members,
            "counted": self.members.counted,
            "seconds": sum(self.seconds.values()),
            "memory": self.peak_rss_mb,
        }


def _check(scale: float, provinces: list[str] | None, known: set[str]) -> None:
    from tinhgon.registry.models import Unit

    problems = [
        Problem(
            "unknown_province",
            _("Province %(code)s: no new province has this code (01 to 96, as from 01/07/2025).")
            % {"code": code},
            field="province",
        )
        for code in provinces or ()
        if code not in known
    ]
    if not 0 < scale <= 1:
        problems.append(
            Problem(
                "bad_scale",
                _("Scale %(scale)s: it must be greater than 0 and at most 1.")
                % {"scale": f"{scale:g}"},
                field="scale",
            )
        )
    if Unit.objects.exists():
        problems.append(
            Problem(
                "not_empty",
                _("The database already holds units: generate into an empty, migrated one."),
            )
        )
    if problems:
        raise DomainError(problems)


def synthesize(
    *,
    scale: float,
    seed: int,
    provinces: list[str] | None = None,
    progress: Progress | None = None,
) -> SynthResult:
    """Generate the nation at `scale` (0 < scale ≤ 1) from `seed` into an empty database:
    the members and employment are `scale` times the nation's. The provinces are chosen for
    the scale, or are the new provinces with the codes in `provinces`."""
    from tinhgon.adminunits.loader import BASELINE, load_admin_units
    from tinhgon.party.models import Attachment, Member
    from tinhgon.people.models import Person
    from tinhgon.registry.models import Unit, UnitCode, UnitVersion
    from tinhgon.registry.provinces import keys_refresh, unit_keys
    from tinhgon.staffing.models import Employment

    found = places()[1]
    _check(scale, provinces, {code for code, *_ in found})
    tell = progress or (lambda phase, done, total: None)
    result = SynthResult(scale=scale, seed=seed)
    started = time.perf_counter()
    if provinces:
        chosen = [place for place in found if place[0] in provinces]
    else:
        chosen = choose(found, scale, seed)
    codes = [code for code, *_ in chosen]
    loaded = load_admin_units(
        provinces=codes, progress=lambda done, total: tell("units", done, total)
    )
    assert sorted(loaded.provinces) == sorted(codes), (loaded.provinces, codes)
    result.provinces = codes
    result.communes = sum(len(communes) for *_, communes in chosen)
    result.admin_units, result.admin_events = loaded.registered, loaded.events
    result.seconds["admin_units"] = time.perf_counter() - started

    started = time.perf_counter()
    members = round(scale * MEMBERS)
    first = next_id(Unit)
    _source, planned, last = plan(members, seed, chosen, first_id=first, admin=False)
    holders = dict(
        UnitCode.objects.as_of(REFORM)
        .filter(scheme="gso", code__in=[*codes, *(c[0] for *_, cs in chosen for c in cs)])
        .values_list("code", "unit_id")
    )
    for p in planned:
        p.admin_id = holders[p.code]
        for c in p.communes:
            c.admin_id = holders[c.code]
    apparatus = plan_apparatus(planned, seed, last + 1)
    result.state_units = write_apparatus(planned, apparatus, last + 1)
    result.villages = apparatus.villages
    written = write_units(
        planned, last, first_id=first, admin=False, first_version=next_id(UnitVersion)
    )
    result.party_units = written["units"]
    result.party_cells = sum(p.cells for p in planned)
    result.grassroots_cells = sum(len(p.grassroots) for p in planned)
    result.seconds["units"] = time.perf_counter() - started

    started = time.perf_counter()
    reset_sequences()  # the reform's versions take ids after those written with theirs
    result.reform, _last = write_party_reform(planned, first, apparatus.last + 1)
    result.seconds["party_reform"] = time.perf_counter() - started

    started = time.perf_counter()
    with transaction.atomic():
        keys_refresh()  # every unit is written: the members and jobs below copy their keys
    province_of = unit_keys(None)
    result.seconds["province_keys"] = time.perf_counter() - started

    started = time.perf_counter()
    leaders: dict[int, list[int]] = {}
    servants: list[array[int]] = []
    result.members = write_members(
        planned,
        seed,
        first_ids=(next_id(Person), next_id(Member), next_id(Attachment)),
        progress=lambda done: tell("members", done, members),
        leaders=leaders,
        servants=servants,
        since=BASELINE,
        province_of=province_of,
    )
    reset_sequences()  # the posts' new persons take ids after the members'
    result.seconds["members"] = time.perf_counter() - started
    started = time.perf_counter()
    result.posts = write_posts(planned, apparatus, leaders, seed)
    del leaders
    result.seconds["posts"] = time.perf_counter() - started

    started = time.perf_counter()
    employed = round(scale * EMPLOYED)
    result.employment = write_employment(
        planned,
        apparatus,
        servants,
        seed,
        total=employed,
        first_ids=(next_id(Person), next_id(Employment)),
        progress=lambda done: tell("employment", done, employed),
        province_of=province_of,
    )
    del servants
    reset_sequences()
    result.seconds["employment"] = time.perf_counter() - started

    analyze()
    result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def analyze() -> None:
    """On PostgreSQL, statistics for the tables just filled, as autovacuum would gather soon
    after: without them the planner takes them for empty and joins them row by row. SQLite
    is left as the application leaves it (no ANALYZE)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    tables = (
        *("registry_unit", "registry_unitversion", "registry_unitcode", "people_person"),
        *("party_member", "party_attachment", "people_post", "people_holding"),
        "staffing_employment",
    )
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def scaled_targets(scale: float) -> dict[str, float]:
    """What scale S aims at: the nation's sizes times S (communes: of 3,321)."""
    return {"communes": scale * COMMUNES, "members": scale * MEMBERS, "employed": scale * EMPLOYED}
