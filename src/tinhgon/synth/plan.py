"""The plan of the country: which provinces and communes (the real ones of 2025-07-01), how
many party members each commune has, the sizes of its party cells, and the unit ids of every
party organization. Nothing is written here."""

from __future__ import annotations

import itertools
import math
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from .vocabulary import GRASSROOTS_SHARE, MINORITY_SHARE, MINORITY_WEIGHT, groups_of

Place = tuple[str, str, str, list[tuple[str, str, str]]]  # code, name, subtype, communes


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
    villages: int = 0  # its first `villages` cells are the villages' (synth's apparatus)
    first_village: int = 0  # unit id of its first village; the others follow


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


def places() -> tuple[str, list[Place]]:
    """The provinces and communes from 2025-07-01: (code, name, subtype, communes)."""
    from tinhgon.adminunits.data import load_dataset

    data = load_dataset()
    communes: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for c in data.new_communes.values():
        communes[c.province_code].append((c.code, c.name, c.subtype))
    return "vietnamadminunits", [
        (p.code, p.name, p.subtype, sorted(communes[p.code]))
        for p in sorted(data.new_provinces.values(), key=lambda p: p.code)
    ]


def apportion(total: int, weights: list[float]) -> list[int]:
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


def plan(
    members: int,
    seed: int,
    found: list[Place] | None = None,
    *,
    first_id: int = 1,
    admin: bool = True,
) -> tuple[str, list[ProvincePlan], int]:
    """How many members each commune and cell has, and the unit ids of every organization:
    the party's root is `first_id`, the others follow up to the last id, returned. With
    `admin`, ids are also given to the provinces and communes (written as new units); without,
    their `admin_id` is left for the caller (units recorded already)."""
    rng = random.Random(seed)  # noqa: S311 (generated data, not secrets)
    source = "given"
    if found is None:
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
        everywhere, apportion(members - grassroots, [c.weight for c in everywhere]), strict=True
    ):
        c.members = n
        c.cells = _sizes(n, lambda: min(60, 3 + int(rng.gammavariate(1.8, 10.4))))
    in_province = apportion(grassroots, [sum(c.weight for c in p.communes) for p in provinces])
    for p, n in zip(provinces, in_province, strict=True):
        p.grassroots = _sizes(n, lambda: rng.randint(15, 60))
    # Minority shares: the weights scaled so that MINORITY_SHARE of all members are.
    raw = {p.code: MINORITY_WEIGHT.get(p.code, 0.005) for p in provinces}
    scale = MINORITY_SHARE * members / max(1, sum(raw[p.code] * p.members for p in provinces))
    for p in provinces:
        p.minority = min(0.85, raw[p.code] * scale)
        p.groups = groups_of(p.code)
    ids = itertools.count(first_id + 1)  # first_id is the root

    def block(n: int) -> int:
        """The first of n consecutive ids."""
        first = next(ids)
        for _ in range(n - 1):
            next(ids)
        return first

    for p in provinces if admin else ():
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


COMMUNES = 3321  # on 2025-07-01, the size of the nation at scale 1


def choose(found: list[Place], scale: float, seed: int) -> list[Place]:
    """A deterministic subset of the provinces with about `scale` of the nation's communes:
    provinces in a seeded order, each taken while the communes stay within the target (all at
    scale 1); at least one, the one nearest the target if none fits. Whole new provinces, so the
    lineage of their old provinces and communes stays complete."""
    if scale >= 1:
        return list(found)
    target = scale * sum(len(p[3]) for p in found)
    order = list(found)
    random.Random(seed).shuffle(order)  # noqa: S311
    chosen: list[Place] = []
    total = 0
    for place in order:
        if total + len(place[3]) <= target:
            chosen.append(place)
            total += len(place[3])
    if not chosen:
        chosen = [min(order, key=lambda p: (abs(len(p[3]) - target), p[0]))]
    return sorted(chosen, key=lambda p: p[0])
