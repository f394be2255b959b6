"""The tree in one statement and lineages in bulk equal the direct reads on a generated
province (tinhgon synth at scale 0.01: Lai Châu, its old provinces and the 2025 reform)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from tinhgon.registry import queries as q
from tinhgon.registry.models import Unit, UnitVersion
from tinhgon.synth.country import synthesize

from . import reference
from .reference import lineage_shape, tree_shape

BEFORE, AFTER, ON = dt.date(2025, 6, 30), dt.date(2025, 7, 1), dt.date(2025, 12, 31)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        yield synthesize(scale=0.01, seed=11)
        call_command("flush", interactive=False, verbosity=0)


def ids_of(kind: str, on: dt.date) -> list[int]:
    return list(
        UnitVersion.objects.as_of(on)
        .filter(kind=kind)
        .order_by("name")
        .values_list("unit_id", flat=True)
    )


@pytest.mark.parametrize(
    ("kind", "on", "to", "crossed"),
    [
        ("commune", BEFORE, AFTER, True),
        ("commune", AFTER, BEFORE, True),
        ("grassroots_party_committee", BEFORE, ON, True),
        ("district", BEFORE, AFTER, False),  # dissolved: nothing is left of them
        ("party_cell", ON, BEFORE, False),  # they went on as the same units
    ],
)
def test_lineages_of_every_unit_of_a_kind(generated, kind, on, to, crossed):
    units = ids_of(kind, on)
    assert len(units) > 5
    bulk = q.lineages(units, on, to)
    for unit_id in units:
        assert lineage_shape(bulk[unit_id]) == lineage_shape(
            reference.lineage(Unit(pk=unit_id), on, to)
        ), unit_id
    # The reform's events led most of them to other units.
    went_through = sum(any(e.path for e in entries) for entries in bulk.values())
    assert went_through > len(units) / 2 if crossed else went_through == 0


@pytest.mark.parametrize("on", [BEFORE, AFTER, ON])
def test_the_tree_of_every_province_and_of_the_party(generated, on):
    roots = ids_of("province", on) + [
        v.unit_id for v in UnitVersion.objects.as_of(on).filter(parent__isnull=True)
    ]
    for root in dict.fromkeys(roots):
        fast = q.tree(Unit(pk=root), on)
        assert tree_shape(fast) == tree_shape(reference.tree(Unit(pk=root), on))
    assert sum(1 for _ in q.tree(Unit(pk=roots[0]), on).walk()) > 100
