"""The units of some kinds in a unit's apparatus on a date, in one query.

`registry.queries.scope_versions(root, on)` defines the apparatus: the subtree of `root` plus
every organization located in it (by its territory), with their subtrees, until nothing more
joins. That is the closure of {root} under "a unit whose parent or territory is in it", over
the versions valid on the date, which SQL computes in one recursive query (SQLite and
PostgreSQL alike). A coverage needs only the units of its lead kind: they are read directly,
instead of every unit of the apparatus as model instances (a test checks both agree).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.db import connection
from django.db.models.expressions import RawSQL

from tinhgon.registry.models import UnitVersion

from .invariants import LIGHT

# registry.UnitVersion's table and columns (asserted by tests/people/test_coverage.py).
APPARATUS_SQL = (
    "WITH RECURSIVE apparatus(unit_id) AS ("
    " SELECT CAST(%s AS BIGINT)"
    " UNION"
    " SELECT v.unit_id FROM registry_unitversion v, apparatus a"
    " WHERE (v.parent_id = a.unit_id OR v.territory_id = a.unit_id)"
    " AND v.valid_from <= %s AND (v.valid_to IS NULL OR v.valid_to > %s)"
    ") SELECT unit_id FROM apparatus"
)


def apparatus(root_id: int, on: dt.date) -> RawSQL:
    """The ids of the units of `root_id`'s apparatus on `on` (the root included), as SQL to use
    in a filter: `.filter(unit_id__in=apparatus(root_id, on))`."""
    day = connection.ops.adapt_datefield_value(on)
    return RawSQL(APPARATUS_SQL, (root_id, day, day))  # noqa: S611 (no user text in it)


def units_of_kinds(root: UnitVersion, on: dt.date, kinds: Collection[str]) -> list[UnitVersion]:
    """The versions, valid on `on`, of the units of `kinds` in the apparatus of `root` (not
    `root` itself)."""
    return list(
        UnitVersion.objects.as_of(on)
        .filter(kind__in=list(kinds), unit_id__in=apparatus(root.unit_id, on))
        .exclude(unit_id=root.unit_id)
        .only(*LIGHT)
    )
