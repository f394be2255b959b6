"""The tree in one statement and lineages in bulk (issue 11) give what the direct reads give,
on the Móng Cái demo: every date of its history, forward and back, within a user's scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from tinhgon.audit.context import acting_as
from tinhgon.core.errors import NotFound
from tinhgon.registry import queries as q
from tinhgon.registry.models import EventUnit, Unit, UnitVersion

from . import reference
from .reference import lineage_shape, tree_shape

D = dt.date
pytestmark = pytest.mark.django_db
DATES = [D(2015, 1, 1), D(2018, 7, 1), D(2020, 1, 1), D(2024, 11, 1), D(2025, 7, 1)]


def city() -> Unit:
    return q.unit_resolve("194", D(2015, 1, 1))


def root_on(on: dt.date) -> Unit:
    """The city while it lasts (districts ended on 01/07/2025), then its province."""
    if q.version_at(city(), on) is not None:
        return city()
    return Unit(pk=q.ancestors(city(), on - dt.timedelta(days=1))[-1].unit_id)


@pytest.mark.parametrize("on", DATES)
def test_the_tree_equals_the_level_by_level_read(demo, on):
    root = root_on(on)
    for depth in (None, 0, 1, 2):
        fast = q.tree(root, on, depth)
        assert tree_shape(fast) == tree_shape(reference.tree(root, on, depth))
    nodes = list(q.tree(root, on).walk())
    # The demo's city has communes, villages and codes: the comparison is not of empty trees.
    assert len(nodes) > 100 and any(n.codes for n in nodes[1:])


def test_the_tree_leaves_out_what_the_user_may_not_see(demo):
    officer = get_user_model().objects.get(username="xahaison")
    on = D(2020, 1, 1)
    root, hai_son = city(), q.unit_resolve("06724", on)
    everything = {n.unit_id for n in q.tree(root, on).walk()}
    under_hai_son = {n.unit_id for n in q.tree(hai_son, on).walk()}
    with acting_as(officer, source="test"):
        fast = q.tree(root, on)
        assert tree_shape(fast) == tree_shape(reference.tree(root, on))
    # The root, and Hải Sơn with what lies under it; not the other communes.
    assert {n.unit_id for n in fast.walk()} == {root.pk} | under_hai_son
    assert len(under_hai_son) > 5 and len(everything) > 4 * len(under_hai_son)


PAIRS = [
    (D(2015, 1, 1), D(2020, 1, 1)),
    (D(2020, 1, 1), D(2015, 1, 1)),
    (D(2019, 12, 31), D(2025, 7, 1)),
    (D(2025, 7, 1), D(2015, 1, 1)),
    (D(2024, 11, 1), D(2024, 11, 1)),
]


@pytest.mark.parametrize(("on", "to"), PAIRS)
def test_lineages_equal_lineage_per_unit(demo, on, to):
    touched = set(EventUnit.objects.values_list("unit_id", flat=True))
    units = list(
        UnitVersion.objects.as_of(on).filter(unit_id__in=touched).values_list("unit_id", flat=True)
    )
    assert len(units) > 20
    bulk = q.lineages(units, on, to)
    assert list(bulk) == units
    for unit_id in units:
        expected = lineage_shape(reference.lineage(Unit(pk=unit_id), on, to))
        assert lineage_shape(bulk[unit_id]) == expected, unit_id
        assert lineage_shape(q.lineage(Unit(pk=unit_id), on, to)) == expected
    if on != to:  # some units went through an event, some through several
        assert any(entry.path for entries in bulk.values() for entry in entries)


def test_lineages_refuse_a_unit_not_valid_on_the_date(demo):
    gone = UnitVersion.objects.filter(valid_to__isnull=False).order_by("valid_to").first()
    assert gone is not None
    alive = UnitVersion.objects.as_of(D(2025, 7, 1)).first()
    with pytest.raises(NotFound):
        q.lineages([alive.unit_id, gone.unit_id], gone.valid_to, D(2025, 12, 31))
