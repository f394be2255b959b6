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
import bisect
import datetime as dt
import functools
import itertools
import json
import math
import random
import re
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from run import BENCH_DIR, RESULTS_DIR, machine, run_worker

D = dt.date
ON = D(2025, 12, 31)  # the date of the tables (the year-end report)
REFORM = D(2025, 7, 1)  # every organization below the root is valid from this day
FOUNDED = D(1930, 2, 3)

GRASSROOTS_SHARE = 0.01  # members in grassroots cells directly under a provincial committee
NEW_SHARE = 0.028  # admitted in the 12 months before ON: probationary on ON
ENDED_SHARE = 0.015  # extra memberships ended between REFORM and ON
TRANSFER_SHARE = 0.01  # members who moved between two cells of their commune after REFORM
TEMPORARY_SHARE = 0.005  # members also temporarily attached to another cell on ON
FEMALE_SHARE = 0.38
MINORITY_SHARE = 0.07

BENCHMARKS = {
    "statistics_province": "stats.statistics(provincial party committee, ON): a row per "
    "commune-level organization (and per grassroots cell under the provincial committee)",
    "statistics_national": "stats.statistics(root, ON): a row per province",
    "org_counts_province": "queries.org_counts(province, ON) for the same province (the "
    "administrative unit: its party organizations join by territory)",
}

# ---------------------------------------------------------------------------- vocabulary

SURNAMES = (
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9.5),
    ("Phạm", 7),
    ("Hoàng", 3),
    ("Huỳnh", 2),
    ("Phan", 4.5),
    ("Vũ", 2),
    ("Võ", 2),
    ("Đặng", 2.1),
    ("Bùi", 2),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1),
    ("Lý", 0.5),
    ("Đinh", 0.8),
    ("Trương", 0.8),
    ("Lương", 0.5),
    ("Mai", 0.4),
    ("Hà", 0.6),
    ("Lò", 0.3),
    ("Triệu", 0.3),
)
MIDDLE = {
    "male": ("Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Xuân", "Thanh", "Ngọc"),
    "female": ("Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng", "Minh", "Bích"),
}
GIVEN = {
    "male": (
        *("An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy"),
        *("Khánh", "Khoa", "Lâm", "Long", "Mạnh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân"),
        *("Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh"),
    ),
    "female": (
        *("Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hương", "Huyền"),
        *("Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phương"),
        *("Quyên", "Tâm", "Thảo", "Thủy", "Trang", "Trinh", "Uyên", "Vân", "Xuân", "Yến"),
    ),
}
# Members' ages on ON, by band: (lowest, highest, share).
AGES = ((18, 30, 9), (31, 40, 22), (41, 50, 21), (51, 60, 19), (61, 70, 16), (71, 90, 13))
EDUCATION = (  # (value, share) by age: up to 60, over 60; "" is not recorded
    (
        ("primary", 1),
        ("lower_secondary", 6),
        ("upper_secondary", 30),
        ("vocational", 12),
        ("college", 9),
        ("university", 36),
        ("master", 5),
        ("doctorate", 0.6),
        ("", 0.4),
    ),
    (
        ("primary", 8),
        ("lower_secondary", 22),
        ("upper_secondary", 36),
        ("vocational", 10),
        ("college", 6),
        ("university", 15),
        ("master", 1.5),
        ("doctorate", 0.5),
        ("", 1),
    ),
)
OCCUPATIONS = (  # (value, share) by age: up to 22, 23 to 59, 60 and over
    (("student", 50), ("worker", 15), ("business", 10), ("public_servant", 10), ("other", 15)),
    (
        ("public_servant", 33),
        ("farmer", 18),
        ("worker", 10),
        ("business", 15),
        ("armed_forces", 2),
        ("other", 19),
        ("", 3),
    ),
    (("retired", 80), ("farmer", 8), ("business", 3), ("other", 7), ("", 2)),
)
# Where the minorities live, by the new province code: (share before scaling, groups).
NORTH = ("tay", "thai", "muong", "nung", "mong", "dao", "san_chay", "giay")
CENTRAL = ("bru_van_kieu", "co_tu", "hre", "xo_dang", "ta_oi", "muong", "thai")
HIGHLANDS = ("gia_rai", "e_de", "ba_na", "co_ho", "mnong", "ra_glai", "xo_dang")
SOUTH = ("khmer", "hoa", "cham", "xtieng", "cho_ro")
MINORITY_WEIGHT = {
    **dict.fromkeys(("04", "08", "11", "12", "14", "15", "20"), 0.55),
    **dict.fromkeys(("19", "25", "38", "40", "51", "52", "66", "68"), 0.15),
    **dict.fromkeys(("22", "44", "56", "75", "86", "91", "92", "96"), 0.05),
}
INSTITUTIONS = (
    "Trường Trung học phổ thông",
    "Bệnh viện",
    "Công ty cổ phần",
    "Trung tâm",
    "Ban Quản lý dự án",
    "Trường Cao đẳng",
    "Tổng công ty",
)


def _groups(code: str) -> tuple[str, ...]:
    number = int(code) if code.isdigit() else 0
    if number <= 42:
        return NORTH
    if number <= 51:
        return CENTRAL
    if number <= 68:
        return HIGHLANDS
    return SOUTH


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


# ---------------------------------------------------------------------------- the plan


@dataclass
class CommunePlan:
    code: str
    name: str  # "Xã Hải Sơn"
    subtype: str
    weight: float = 0.0
    members: int = 0
    cells: list[int] = field(default_factory=list)  # members of each party cell
    admin_id: int = 0
    org_id: int = 0
    first_cell: int = 0  # unit id of its first cell; the others follow


@dataclass
class ProvincePlan:
    code: str
    name: str  # "Tỉnh Quảng Ninh"
    subtype: str
    communes: list[CommunePlan]
    minority: float = 0.0
    groups: tuple[str, ...] = ()
    grassroots: list[int] = field(default_factory=list)  # members of each grassroots cell
    admin_id: int = 0
    org_id: int = 0
    first_grassroots: int = 0

    @property
    def members(self) -> int:
        return sum(c.members for c in self.communes) + sum(self.grassroots)

    @property
    def cells(self) -> int:
        return sum(len(c.cells) for c in self.communes)


def places() -> tuple[str, list[tuple[str, str, str, list[tuple[str, str, str]]]]]:
    """The provinces and communes from 2025-07-01: (code, name, subtype, communes)."""
    try:
        from tinhgon.adminunits.data import load_dataset

        data = load_dataset()
    except RuntimeError:  # the package's data is not installed: plausible names
        return "invented", _invented_places()
    communes: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for c in data.new_communes.values():
        communes[c.province_code].append((c.code, c.name, c.subtype))
    return "vietnamadminunits", [
        (p.code, p.name, p.subtype, sorted(communes[p.code]))
        for p in sorted(data.new_provinces.values(), key=lambda p: p.code)
    ]


def _invented_places() -> list[tuple[str, str, str, list[tuple[str, str, str]]]]:
    from generate import SYLLABLES

    rng = random.Random(34)
    found = []
    code = 0
    for p in range(34):
        communes = []
        for _ in range(3321 // 34 + (p < 3321 % 34)):
            code += 1
            ward = rng.random() < 0.2
            place = " ".join(rng.sample(SYLLABLES, 2))
            name = f"{'Phường' if ward else 'Xã'} {place}"
            communes.append((f"{code:05d}", name, "ward" if ward else "rural_commune"))
        found.append(
            (f"{p + 1:02d}", f"Tỉnh {' '.join(rng.sample(SYLLABLES, 2))}", "province", communes)
        )
    return found


def _apportion(total: int, weights: list[float]) -> list[int]:
    """`total` split by `weights`, largest remainders first: the parts add up to `total`."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    parts = [math.floor(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: parts[i] - shares[i])
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _sizes(members: int, draw: Callable[[], int]) -> list[int]:
    """Organization sizes (from `draw`, 3 to 60) that add up to `members`."""
    sizes = []
    while members > 0:
        size = draw()
        rest = members - size
        if rest < 0 or (rest < 3 and members <= 60):
            size = members
        elif rest < 3:
            size -= 3 - rest  # leave at least 3 for the last one
        sizes.append(size)
        members -= size
    return sizes


def plan(members: int, seed: int) -> tuple[str, list[ProvincePlan], int]:
    """How many members each commune and cell has, and the unit ids of every organization
    (ids 1 to the last, returned)."""
    rng = random.Random(seed)
    source, found = places()
    provinces = [
        ProvincePlan(code, name, subtype, [CommunePlan(*c) for c in communes])
        for code, name, subtype, communes in found
    ]
    everywhere = [c for p in provinces for c in p.communes]
    for p in provinces:
        for c in p.communes:
            c.weight = rng.lognormvariate(0, 0.35) * (1.6 if c.subtype == "ward" else 1.0)
            c.weight *= 1.3 if p.subtype == "municipality" else 1.0
    grassroots = round(members * GRASSROOTS_SHARE)
    for c, n in zip(
        everywhere, _apportion(members - grassroots, [c.weight for c in everywhere]), strict=True
    ):
        c.members = n
        c.cells = _sizes(n, lambda: min(60, 3 + int(rng.gammavariate(1.8, 10.4))))
    in_province = _apportion(grassroots, [sum(c.weight for c in p.communes) for p in provinces])
    for p, n in zip(provinces, in_province, strict=True):
        p.grassroots = _sizes(n, lambda: rng.randint(15, 60))
    # Minority shares: the weights scaled so that MINORITY_SHARE of all members are.
    raw = {p.code: MINORITY_WEIGHT.get(p.code, 0.005) for p in provinces}
    scale = MINORITY_SHARE * members / max(1, sum(raw[p.code] * p.members for p in provinces))
    for p in provinces:
        p.minority = min(0.85, raw[p.code] * scale)
        p.groups = _groups(p.code)
    ids = itertools.count(2)  # 1 is the root

    def block(n: int) -> int:
        """The first of n consecutive ids."""
        first = next(ids)
        for _ in range(n - 1):
            next(ids)
        return first

    for p in provinces:
        p.admin_id = next(ids)
        for c in p.communes:
            c.admin_id = next(ids)
    for p in provinces:
        p.org_id = next(ids)
        p.first_grassroots = block(len(p.grassroots)) if p.grassroots else 0
        for c in p.communes:
            c.org_id = next(ids)
            c.first_cell = block(len(c.cells)) if c.cells else 0
    return source, provinces, next(ids) - 1


# ---------------------------------------------------------------------------- units


def write_units(provinces: list[ProvincePlan], last: int) -> dict[str, int]:
    """The root, the administrative units and the party organizations, valid registry rows
    (Unit, UnitVersion with parent and territory, the statistics office's codes)."""
    from django.db import transaction

    from generate import _chunks
    from tinhgon.core.text import fold
    from tinhgon.registry.models import Unit, UnitCode, UnitVersion

    def version(uid: int, name: str, kind: str, subtype: str, parent: int | None, **kw: Any) -> Any:
        return UnitVersion(
            id=uid,
            unit_id=uid,
            valid_from=kw.get("valid_from", REFORM),
            valid_to=None,
            name=name,
            kind=kind,
            subtype=subtype,
            parent_id=parent,
            territory_id=kw.get("territory"),
            attributes={},
            search_text=fold(name)[:255],
        )

    def versions() -> Iterator[UnitVersion]:
        yield version(
            1, "Đảng Cộng sản Việt Nam", "party_committee", "central", None, valid_from=FOUNDED
        )
        for p in provinces:
            yield version(p.admin_id, p.name, "province", p.subtype, None)
            for c in p.communes:
                yield version(c.admin_id, c.name, "commune", c.subtype, p.admin_id)
        for p in provinces:
            org = p.org_id
            yield version(
                org,
                f"Đảng bộ {_lower_first(p.name)}",
                "party_committee",
                "",
                1,
                territory=p.admin_id,
            )
            for i, _ in enumerate(p.grassroots):
                name = f"Chi bộ {INSTITUTIONS[i % len(INSTITUTIONS)]} số {i // 7 + 1}"
                yield version(p.first_grassroots + i, name, "grassroots_party_cell", "", org)
            for c in p.communes:
                yield version(
                    c.org_id,
                    f"Đảng bộ {_lower_first(c.name)}",
                    "grassroots_party_committee",
                    "",
                    org,
                    territory=c.admin_id,
                )
                place = "tổ dân phố" if c.subtype == "ward" else "thôn"
                for i, _ in enumerate(c.cells):
                    yield version(
                        c.first_cell + i, f"Chi bộ {place} {i + 1}", "party_cell", "", c.org_id
                    )

    def codes() -> Iterator[UnitCode]:
        pk = itertools.count(1)
        for p in provinces:
            for uid, code in [(p.admin_id, p.code)] + [(c.admin_id, c.code) for c in p.communes]:
                yield UnitCode(id=next(pk), unit_id=uid, scheme="gso", code=code, valid_from=REFORM)

    written = {"units": 0, "codes": 0}
    with transaction.atomic():
        for chunk in _chunks((Unit(id=uid) for uid in range(1, last + 1)), 5000):
            Unit.objects.bulk_create(chunk)
            written["units"] += len(chunk)
        for chunk in _chunks(versions(), 5000):
            UnitVersion.objects.bulk_create(chunk)
        for chunk in _chunks(codes(), 5000):
            UnitCode.objects.bulk_create(chunk)
            written["codes"] += len(chunk)
    return written


# ---------------------------------------------------------------------------- members


PERSON_COLUMNS = (
    "id, full_name, birth_date, gender, ethnicity, education, search_text, revision, created_at,"
    " home_commune_id"
)
MEMBER_COLUMNS = (
    "id, admitted_on, admission_decision, considered_on, card_number, occupation, confirmed_on,"
    " confirmation_decision, ended_on, end_reason, revision, created_at, admitted_in_id,"
    " person_id"
)
ATTACHMENT_COLUMNS = "id, valid_from, valid_to, kind, decision, created_at, unit_id, member_id"


class Writer:
    """Rows into a table: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self) -> None:
        from django.db import connection

        self.connection = connection
        self.postgres = connection.vendor == "postgresql"

    def put(self, table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        with self.connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(rows[0]))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _cumulative(pairs: Iterable[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    values, weights = zip(*pairs, strict=True)
    return list(values), list(itertools.accumulate(weights))


@functools.cache
def _iso(ordinal: int) -> str:
    return D.fromordinal(ordinal).isoformat()


@functools.cache
def _probation_end(ordinal: int) -> int:
    from tinhgon.party.rules import probation_end

    return probation_end(D.fromordinal(ordinal)).toordinal()


@dataclass
class Counts:
    persons: int = 0
    members: int = 0
    attachments: int = 0
    counted: int = 0  # official attachments valid on ON: what the national table must total
    probationary: int = 0
    women: int = 0
    minority: int = 0
    ended: int = 0
    transfers: int = 0
    temporary: int = 0


def write_members(provinces: list[ProvincePlan], seed: int, say: Callable[[str], None]) -> Counts:
    """Persons, memberships and attachments, cell by cell, one transaction per province."""
    from django.db import transaction
    from django.utils import timezone

    from tinhgon.core.text import fold

    rng = random.Random(seed + 1)
    r = rng.random
    writer = Writer()
    created = writer.connection.ops.adapt_datetimefield_value(timezone.now())
    on, reform = ON.toordinal(), REFORM.toordinal()
    year = 365.2425
    surnames, surname_cum = _cumulative(SURNAMES)
    names = {
        g: ([(n, fold(n)) for n in MIDDLE[g]], [(n, fold(n)) for n in GIVEN[g]]) for g in MIDDLE
    }
    folded_surname = {s: fold(s) for s in surnames}
    ages = [(low, high) for low, high, _ in AGES]
    age_cum = list(itertools.accumulate(share for *_, share in AGES))
    educations = [_cumulative(e) for e in EDUCATION]
    occupations = [_cumulative(o) for o in OCCUPATIONS]
    counts = Counts()
    persons: list[tuple[Any, ...]] = []
    members: list[tuple[Any, ...]] = []
    attachments: list[tuple[Any, ...]] = []

    def pick(table: tuple[list[Any], list[float]]) -> Any:
        values, cum = table
        return values[bisect.bisect(cum, r() * cum[-1])]

    def flush() -> None:
        writer.put("people_person", PERSON_COLUMNS, persons)
        writer.put("party_member", MEMBER_COLUMNS, members)
        writer.put("party_attachment", ATTACHMENT_COLUMNS, attachments)
        persons.clear()
        members.clear()
        attachments.clear()

    def attach(start: int, end: int | None, kind: str, decision: str, unit: int) -> None:
        counts.attachments += 1
        attachments.append(
            (
                counts.attachments,
                _iso(start),
                None if end is None else _iso(end),
                kind,
                decision,
                created,
                unit,
                counts.members,
            )
        )

    def member(province: ProvincePlan, cell: int, others: range | None, ended: bool) -> None:
        counts.persons += 1
        counts.members += 1
        pid = counts.persons
        gender = "female" if r() < FEMALE_SHARE else "male"
        new = not ended and r() < NEW_SHARE
        if new:
            age = 18 + min(27, int(rng.expovariate(1 / 6)))
        else:
            low, high = ages[bisect.bisect(age_cum, r() * age_cum[-1])]
            age = rng.randint(low, high)
            if ended:
                age = max(age, 20)  # a member since before REFORM
        birth = on - int((age + r()) * year)
        adult = birth + int(18 * year) + 1
        latest = on - 366  # admitted by then, the probation has ended by ON
        if not new and adult > latest:
            new = True
        if new:
            admitted = min(on, max(adult, on - int(r() * 365)))
        else:
            admitted = min(latest, birth + int((18 + rng.gammavariate(2, 4.5)) * year))
        start = max(admitted, reform)
        confirmed = None if new else _probation_end(admitted)
        end = None
        reason = ""
        if ended:
            end = rng.randint(start + 1, on)
            reason = "deceased" if age > 70 else rng.choice(("left", "struck_off", "expelled"))
            if confirmed is not None and confirmed >= end:
                confirmed = None
            counts.ended += 1
        else:
            counts.counted += 1
            counts.probationary += confirmed is None
            counts.women += gender == "female"
        minority = r() < province.minority
        counts.minority += minority and not ended
        ethnicity = rng.choice(province.groups) if minority else "kinh"
        education = pick(educations[age > 60])
        occupation = pick(occupations[0 if age <= 22 else 1 if age < 60 else 2])
        surname = surnames[bisect.bisect(surname_cum, r() * surname_cum[-1])]
        middles, givens = names[gender]
        middle, folded_middle = middles[int(r() * len(middles))]
        given, folded_given = givens[int(r() * len(givens))]
        persons.append(
            (
                pid,
                f"{surname} {middle} {given}",
                None if r() < 0.002 else _iso(birth),
                gender,
                ethnicity,
                education,
                f"{folded_surname[surname]} {folded_middle} {folded_given}",
                1,
                created,
                None,
            )
        )
        decision = f"{pid % 997 + 1}-QĐ/ĐU"
        moved = others is not None and not ended and start < on - 1 and r() < TRANSFER_SHARE
        first = cell
        if moved:
            assert others is not None
            first = rng.choice(
                [c for c in (others[0], others[-1], others[len(others) // 2]) if c != cell]
            )
        members.append(
            (
                pid,
                _iso(admitted),
                decision,
                _iso(admitted - rng.randint(7, 60)),
                "" if confirmed is None else f"{79000000 + pid}",
                occupation,
                None if confirmed is None else _iso(confirmed),
                "" if confirmed is None else f"{pid % 991 + 1}-QĐ/ĐU",
                None if end is None else _iso(end),
                reason,
                1,
                created,
                first,
                pid,
            )
        )
        if moved:
            day = rng.randint(start + 1, on)
            attach(start, day, "official", decision, first)
            attach(day, None, "official", "", cell)
            counts.transfers += 1
        else:
            attach(start, end, "official", decision, cell)
        if others is not None and not ended and r() < TEMPORARY_SHARE:
            host = rng.choice([c for c in (others[0], others[-1]) if c != cell] or [cell])
            if host != cell:
                begin = rng.randint(max(start, on - 179), on)
                attach(begin, begin + 180, "temporary", "", host)
                counts.temporary += 1

    def organization(province: ProvincePlan, cell: int, size: int, others: range | None) -> None:
        for _ in range(size):
            member(province, cell, others, False)
            if r() < ENDED_SHARE:
                member(province, cell, others, True)
            if len(persons) >= 20_000:
                flush()

    started = time.perf_counter()
    for number, p in enumerate(provinces, start=1):
        with transaction.atomic():
            for i, size in enumerate(p.grassroots):
                organization(p, p.first_grassroots + i, size, None)
            for c in p.communes:
                cells = range(c.first_cell, c.first_cell + len(c.cells))
                for i, size in enumerate(c.cells):
                    organization(p, c.first_cell + i, size, cells if len(cells) > 1 else None)
            flush()
        say(
            f"  province {number}/{len(provinces)} {p.name}: {p.members:,} members; "
            f"{counts.members:,} in all, {time.perf_counter() - started:.0f} s"
        )
    return counts


def reset_sequences() -> None:
    from django.core.management.color import no_style
    from django.db import connection

    from tinhgon.party.models import Attachment, Member
    from tinhgon.people.models import Person
    from tinhgon.registry.models import Unit, UnitCode, UnitVersion

    models = [Unit, UnitVersion, UnitCode, Person, Member, Attachment]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


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
