"""The tree a page shows: whole levels while they fit in the node budget, counts below."""

import pytest

from tests.people.helpers import START, unit
from tinhgon.registry.outline import child_counts, outline

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    """A province > 3 communes > 4 villages each (12) > 1 group under the first village."""
    root = unit("Tỉnh X", "province")
    communes = [unit(f"Xã {n}", "commune", parent=root) for n in (1, 2, 3)]
    villages = [
        unit(f"Thôn {i}.{n}", "village", parent=c)
        for i, c in enumerate(communes, 1)
        for n in range(4)
    ]
    unit("Tổ 1", "other", parent=villages[0])
    return root, communes, villages


def names(node):
    return [child.version.name for child in node.children]


def test_every_level_asked_for_when_it_fits(province):
    root, _, _ = province
    found = outline(root, START, None, limit=100)
    assert names(found.root) == ["Xã 1", "Xã 2", "Xã 3"]
    assert names(found.root.children[2]) == [f"Thôn 3.{n}" for n in range(4)]
    assert names(found.root.children[0].children[0]) == ["Tổ 1"]
    assert (found.shown, found.hidden, found.cut) == (3 + 12 + 1, 0, False)


def test_a_level_past_the_budget_is_counted_not_read(province):
    root, _, _ = province
    found = outline(root, START, None, limit=10)  # 3 communes fit, 3 + 12 villages do not
    assert names(found.root) == ["Xã 1", "Xã 2", "Xã 3"]
    assert all(not c.children and c.hidden == 4 for c in found.root.children)
    assert (found.shown, found.hidden, found.cut) == (3, 12, True)


def test_the_depth_asked_stops_first_and_the_last_level_has_counts(province):
    root, _, _ = province
    found = outline(root, START, 2, limit=100)
    first_village = found.root.children[0].children[0]
    assert found.shown == 15 and not found.cut
    assert not first_village.children and first_village.hidden == 1  # the group under it
    assert found.hidden == 1


def test_a_first_level_bigger_than_the_budget_is_cut(province):
    _, communes, _ = province
    found = outline(communes[0], START, 3, limit=3)
    assert names(found.root) == ["Thôn 1.0", "Thôn 1.1", "Thôn 1.2"]
    assert found.root.hidden == 1  # Thôn 1.3
    # Nothing more fits: the group under Thôn 1.0 is counted.
    assert found.root.children[0].hidden == 1 and not found.root.children[0].children
    assert (found.shown, found.hidden, found.cut) == (3, 2, True)


def test_child_counts_per_parent(province):
    root, communes, villages = province
    counts = child_counts([root.pk, *(c.pk for c in communes), villages[1].pk], START)
    assert counts == {root.pk: 3, **{c.pk: 4 for c in communes}}
