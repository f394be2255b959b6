"""The units of some kinds in a unit's apparatus on a date, in one query.

`registry.queries.apparatus` gives the apparatus's ids in one recursive query. A coverage
needs only the units of its lead kind: they are read directly, instead of every unit of the
apparatus as model instances (a test checks both agree).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from tinhgon.registry.models import UnitVersion
from tinhgon.registry.queries import apparatus

from .invariants import LIGHT

__all__ = ["apparatus", "units_of_kinds"]


def units_of_kinds(root: UnitVersion, on: dt.date, kinds: Collection[str]) -> list[UnitVersion]:
    """The versions, valid on `on`, of the units of `kinds` in the apparatus of `root` (not
    `root` itself)."""
    return list(
        UnitVersion.objects.as_of(on)
        .filter(kind__in=list(kinds), unit_id__in=apparatus(root.unit_id, on))
        .exclude(unit_id=root.unit_id)
        .only(*LIGHT)
    )
