"""The party's organizations as registry units (and, for bench/, the administrative units too):
valid rows written with bulk_create, ids from the plan."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from tinhgon.core.text import lower_first

from .plan import ProvincePlan
from .vocabulary import COMMUNE_INSTITUTIONS, FOUNDED, INSTITUTIONS, REFORM
from .writer import chunks


def write_units(
    provinces: list[ProvincePlan],
    last: int,
    *,
    first_id: int = 1,
    admin: bool = True,
    first_version: int | None = None,
    first_code: int = 1,
) -> dict[str, int]:
    """The party's root (unit `first_id`), with `admin` the administrative units, and the
    party organizations: Unit, UnitVersion with parent and territory, and with `admin` the
    statistics office's codes. Unit ids run from `first_id` to `last`; version ids from
    `first_version` (default: the unit's id) in the same order."""
    from django.db import transaction

    from tinhgon.core.text import fold
    from tinhgon.registry.models import Unit, UnitCode, UnitVersion

    shift = (first_version if first_version is not None else first_id) - first_id
    root = first_id

    def version(uid: int, name: str, kind: str, subtype: str, parent: int | None, **kw: Any) -> Any:
        return UnitVersion(
            id=uid + shift,
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

    def versions() -> Iterator[Any]:
        yield version(
            root, "Đảng Cộng sản Việt Nam", "party_committee", "central", None, valid_from=FOUNDED
        )
        for p in provinces if admin else ():
            yield version(p.admin_id, p.name, "province", p.subtype, None)
            for c in p.communes:
                yield version(c.admin_id, c.name, "commune", c.subtype, p.admin_id)
        for p in provinces:
            org = p.org_id
            yield version(
                org,
                f"Đảng bộ {lower_first(p.name)}",
                "party_committee",
                "",
                root,
                territory=p.admin_id,
            )
            for i, _ in enumerate(p.grassroots):
                name = f"Chi bộ {INSTITUTIONS[i % len(INSTITUTIONS)]} số {i // 7 + 1}"
                yield version(p.first_grassroots + i, name, "grassroots_party_cell", "", org)
            for c in p.communes:
                yield version(
                    c.org_id,
                    f"Đảng bộ {lower_first(c.name)}",
                    "grassroots_party_committee",
                    "",
                    org,
                    territory=c.admin_id,
                )
                yield from cells(c)

    def cells(c: Any) -> Iterator[Any]:
        place = "tổ dân phố" if c.subtype == "ward" else "thôn"
        if not c.villages:  # bench/: every cell a village's, without villages
            for i, _ in enumerate(c.cells):
                name = f"Chi bộ {place} {i + 1}"
                yield version(c.first_cell + i, name, "party_cell", "", c.org_id)
            return
        for i, _ in enumerate(c.cells):
            if i < c.villages:
                name, territory = f"Chi bộ {place} {i + 1}", c.first_village + i
            else:
                j, n = i - c.villages, len(COMMUNE_INSTITUTIONS)
                name, territory = f"Chi bộ {COMMUNE_INSTITUTIONS[j % n]} số {j // n + 1}", None
            yield version(c.first_cell + i, name, "party_cell", "", c.org_id, territory=territory)

    def codes() -> Iterator[Any]:
        pk = itertools.count(first_code)
        for p in provinces if admin else ():
            for uid, code in [(p.admin_id, p.code)] + [(c.admin_id, c.code) for c in p.communes]:
                yield UnitCode(id=next(pk), unit_id=uid, scheme="gso", code=code, valid_from=REFORM)

    written = {"units": 0, "codes": 0}
    with transaction.atomic():
        for chunk in chunks((Unit(id=uid) for uid in range(first_id, last + 1)), 5000):
            Unit.objects.bulk_create(chunk)
            written["units"] += len(chunk)
        for chunk in chunks(versions(), 5000):
            UnitVersion.objects.bulk_create(chunk)
        for chunk in chunks(codes(), 5000):
            UnitCode.objects.bulk_create(chunk)
            written["codes"] += len(chunk)
    return written
