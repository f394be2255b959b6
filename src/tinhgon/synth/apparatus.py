"""The state side of each province and commune and the posts the policies look at.

Under every commune: its villages (thôn, or tổ dân phố in a ward; about a quarter as many as
its party cells, the first cells of the commune being theirs, territory the village) and its
People's Council, People's Committee and Fatherland Front; the same three under every
province. Posts with holders from 2025-07-01: each village's head and its cell's secretary
(the same person in most villages: the village-head unification policy), each commune's party
secretary and deputy secretary and the chairs of its council and committee, each province's
party secretary and the chairs of its council and committee. Secretaries are official
members of their organization; a holder who is not a member is a new person.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tinhgon.core.text import lower_first

from .plan import ProvincePlan
from .vocabulary import FEMALE_SHARE, GIVEN, MIDDLE, REFORM, SURNAMES
from .writer import chunks, unit_version

VILLAGE_SHARE = 0.27  # villages per party cell of a commune (about 22 per commune)
BODIES = (
    ("peoples_council", "Hội đồng nhân dân"),
    ("peoples_committee", "Ủy ban nhân dân"),
    ("fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
)
# How often a village's head is its cell's secretary, another person, or nobody (vacant).
HEAD_IS_SECRETARY, HEAD_IS_OTHER = 0.86, 0.11
COMMUNE_SECRETARY_CHAIRS_COMMITTEE = 0.35  # 18-NQ/TW: where conditions allow
DEPUTY_CHAIRS_COUNCIL = 0.8


# Under a commune's People's Committee (territory: the commune): (kind, name).
COMMUNE_SERVICES = (
    ("school", "Trường Mầm non"),
    ("school", "Trường Tiểu học"),
    ("school", "Trường Trung học cơ sở"),
    ("public_service_unit", "Trạm Y tế"),
)
# Under a province's People's Committee after 2025-07-01.
DEPARTMENTS = (
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Thanh tra tỉnh",
    "Văn phòng Ủy ban nhân dân",
)
# Public service units of a province per 100 of its communes, under a department: (kind,
# name, department, how many).
PROVINCE_SERVICES = (
    ("school", "Trường Trung học phổ thông", "Sở Giáo dục và Đào tạo", 60),
    ("public_service_unit", "Bệnh viện", "Sở Y tế", 14),
    ("public_service_unit", "Trung tâm", "Sở Nông nghiệp và Môi trường", 8),
)


@dataclass(frozen=True)
class Body:
    """A unit this module adds besides the villages: its role says who works there."""

    uid: int
    kind: str
    name: str
    parent: int
    territory: int | None
    role: str  # "commune:peoples_committee", "province:department", "commune:school"…
    province: int  # index of its province in the plan


@dataclass
class Apparatus:
    """Ids of the units this module adds, per commune and province (by admin unit id)."""

    bodies: dict[int, dict[str, int]] = field(default_factory=dict)  # admin id → kind → unit
    units: list[Body] = field(default_factory=list)  # every unit but the villages
    last: int = 0
    villages: int = 0


@dataclass
class PostCounts:
    posts: int = 0
    holdings: int = 0
    persons: int = 0  # holders who are not members
    villages_complying: int = 0  # head = the cell's secretary
    villages_vacant: int = 0


def plan_apparatus(provinces: list[ProvincePlan], seed: int, first_id: int) -> Apparatus:
    """How many villages each commune has, and the ids of the villages and the other units."""
    rng = random.Random(seed + 2)  # noqa: S311 (generated data, not secrets)
    ids = itertools.count(first_id)
    found = Apparatus()

    def add(kind: str, name: str, parent: int, territory: int | None, role: str, n: int) -> int:
        found.units.append(Body(next(ids), kind, name, parent, territory, role, n))
        return found.units[-1].uid

    def bodies(n: int, level: str, admin_id: int, place: str) -> dict[str, int]:
        return {
            kind: add(kind, f"{label} {lower_first(place)}", admin_id, None, f"{level}:{kind}", n)
            for kind, label in BODIES
        }

    for n, p in enumerate(provinces):
        mine = found.bodies[p.admin_id] = bodies(n, "province", p.admin_id, p.name)
        departments = {
            name: add(
                "specialized_office",
                name,
                mine["peoples_committee"],
                None,
                "province:department",
                n,
            )
            for name in DEPARTMENTS
        }
        for kind, name, department, per_hundred in PROVINCE_SERVICES:
            for i in range(max(1, round(len(p.communes) * per_hundred / 100))):
                add(
                    kind,
                    f"{name} số {i + 1}",
                    departments[department],
                    p.admin_id,
                    f"province:{kind}",
                    n,
                )
        for c in p.communes:
            share = VILLAGE_SHARE * rng.uniform(0.75, 1.25)
            c.villages = max(1, min(len(c.cells), round(len(c.cells) * share))) if c.cells else 0
            c.first_village = next(ids)
            for _ in range(c.villages - 1):
                next(ids)
            found.villages += c.villages
            mine = found.bodies[c.admin_id] = bodies(n, "commune", c.admin_id, c.name)
            for kind, name in COMMUNE_SERVICES:
                add(
                    kind,
                    f"{name} {lower_first(c.name)}",
                    mine["peoples_committee"],
                    c.admin_id,
                    f"commune:{kind}",
                    n,
                )
    found.last = next(ids) - 1
    return found


def write_apparatus(provinces: list[ProvincePlan], apparatus: Apparatus, first: int) -> int:
    """The villages and the other units (ids `first` to `apparatus.last`), valid from REFORM;
    parents before their children."""
    from django.db import transaction

    from tinhgon.registry.models import Unit, UnitVersion

    def version(uid: int, name: str, kind: str, parent: int, territory: int | None) -> Any:
        return unit_version(uid, name, kind, parent, valid_from=REFORM, territory=territory)

    def versions() -> Iterator[Any]:
        for p in provinces:
            for c in p.communes:
                place = "Tổ dân phố" if c.subtype == "ward" else "Thôn"
                for i in range(c.villages):
                    uid = c.first_village + i
                    yield version(uid, f"{place} {i + 1}", "village", c.admin_id, None)
        for b in apparatus.units:
            yield version(b.uid, b.name, b.kind, b.parent, b.territory)

    with transaction.atomic():
        for chunk in chunks((Unit(id=uid) for uid in range(first, apparatus.last + 1)), 5000):
            Unit.objects.bulk_create(chunk)
        for chunk in chunks(versions(), 5000):
            UnitVersion.objects.bulk_create(chunk)
    return apparatus.last - first + 1


def write_posts(
    provinces: list[ProvincePlan], apparatus: Apparatus, leaders: dict[int, list[int]], seed: int
) -> PostCounts:
    """Posts and their holders from REFORM. `leaders`: for each party organization, persons who
    are official members of it on and after REFORM (write_members gathers them)."""
    from django.db import transaction

    from tinhgon.core.text import fold
    from tinhgon.people.models import Holding, Person, Post

    rng = random.Random(seed + 3)  # noqa: S311 (generated data, not secrets)
    counts = PostCounts()
    posts: list[Post] = []
    holders: list[tuple[int, Any]] = []  # (post index, person id or a new Person)

    def post(unit: int, post_type: str) -> int:
        posts.append(Post(unit_id=unit, post_type=post_type, valid_from=REFORM))
        return len(posts) - 1

    def outsider() -> Any:
        gender = "female" if rng.random() < FEMALE_SHARE else "male"
        surname = rng.choices([s for s, _ in SURNAMES], [w for _, w in SURNAMES])[0]
        name = f"{surname} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
        born = REFORM.replace(year=REFORM.year - rng.randint(28, 60))
        counts.persons += 1
        return Person(full_name=name, gender=gender, birth_date=born, search_text=fold(name))

    def member_of(*orgs: int, skip: int = 0) -> Any:
        """The first official member of these organizations after `skip`; else an outsider."""
        pool = [pid for org in orgs for pid in leaders.get(org, [])]
        return pool[skip] if len(pool) > skip else outsider()

    for p in provinces:
        cells = [p.first_grassroots + i for i in range(len(p.grassroots))]
        secretary = member_of(*cells[:1], p.org_id)
        holders.append((post(p.org_id, "secretary"), secretary))
        holders.append(
            (
                post(apparatus.bodies[p.admin_id]["peoples_committee"], "chair"),
                member_of(*cells, skip=1),
            )
        )
        holders.append(
            (
                post(apparatus.bodies[p.admin_id]["peoples_council"], "chair"),
                member_of(*cells, skip=2),
            )
        )
        for c in p.communes:
            bodies = apparatus.bodies[c.admin_id]
            others = [c.first_cell + i for i in range(c.villages, len(c.cells))]
            secretary = member_of(*others, c.first_cell)
            deputy = member_of(*others, c.first_cell, skip=1)
            holders.append((post(c.org_id, "secretary"), secretary))
            holders.append((post(c.org_id, "deputy_secretary"), deputy))
            chair = (
                secretary
                if rng.random() < COMMUNE_SECRETARY_CHAIRS_COMMITTEE
                else member_of(*others, c.first_cell, skip=2)
            )
            holders.append((post(bodies["peoples_committee"], "chair"), chair))
            council = deputy if rng.random() < DEPUTY_CHAIRS_COUNCIL else outsider()
            holders.append((post(bodies["peoples_council"], "chair"), council))
            for i in range(c.villages):
                cell_secretary = member_of(c.first_cell + i)
                holders.append((post(c.first_cell + i, "secretary"), cell_secretary))
                head = post(c.first_village + i, "village_head")
                roll = rng.random()
                if roll < HEAD_IS_SECRETARY:
                    holders.append((head, cell_secretary))
                    counts.villages_complying += 1
                elif roll < HEAD_IS_SECRETARY + HEAD_IS_OTHER:
                    holders.append((head, outsider()))
                else:
                    counts.villages_vacant += 1
    with transaction.atomic():
        new = [h for _, h in holders if not isinstance(h, int)]
        Person.objects.bulk_create(new, batch_size=5000)  # ids set on the objects
        Post.objects.bulk_create(posts, batch_size=5000)
        rows = (
            Holding(
                person_id=h if isinstance(h, int) else h.pk,
                post_id=posts[i].pk,
                unit_id=posts[i].unit_id,
                exclusive=True,
                manner="elected",
                valid_from=REFORM,
            )
            for i, h in holders
        )
        for chunk in chunks(rows, 5000):
            Holding.objects.bulk_create(chunk)
            counts.holdings += len(chunk)
    counts.posts = len(posts)
    return counts
