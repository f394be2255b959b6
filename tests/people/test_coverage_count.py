"""The set-based count of a coverage (people/counting.py) equals `coverage()` place by place,
on the Móng Cái demo with places broken in every way a place can fail (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from tinhgon.audit.context import acting_as
from tinhgon.core.errors import NotFound
from tinhgon.party.models import Member
from tinhgon.people import queries as q
from tinhgon.people.counting import reasons
from tinhgon.people.kinds import Reason
from tinhgon.people.models import Holding, Post
from tinhgon.registry import queries as rq
from tinhgon.registry.models import Unit

D = dt.date
ON = D(2020, 12, 31)
VILLAGE_HEAD = "cell-secretary-village-head"
pytestmark = pytest.mark.django_db


def city() -> Unit:
    return rq.unit_resolve("194", D(2015, 1, 1))


def direct(code: str, scope: Unit, on: dt.date) -> dict[int, str]:
    return {p.lead_unit.id: p.reason for p in q.coverage(code, scope, on).places}


def assert_same(code: str, scope: Unit, on: dt.date) -> dict[int, str]:
    expected = direct(code, scope, on)
    assert reasons(q.policy_resolve(code), scope, on) == expected
    full, count = q.coverage(code, scope, on), q.coverage_count(code, scope, on)
    assert (count.complying, count.total, count.rate) == (full.complying, full.total, full.rate)
    assert count.scope == full.scope
    return expected


@pytest.mark.parametrize("on", [D(2015, 6, 30), D(2018, 1, 1), ON, D(2024, 12, 31)])
def test_every_policy_on_the_demo(demo, on):
    for policy in q.policies(on):
        for scope in (city(), rq.unit_resolve("06724", on)):
            assert_same(policy.code, scope, on)
    assert len(direct(VILLAGE_HEAD, city(), on)) > 20


def _cell_posts(n: int) -> list[Post]:
    """The secretaries' posts of `n` party cells of villages on ON, by id."""
    posts = Post.objects.as_of(ON).filter(post_type="secretary", unit__versions__kind="party_cell")
    return list(posts.distinct().order_by("id")[:n])


def _village_post(cell_post: Post) -> Post:
    cell = rq.version_at(cell_post.unit_id, ON)
    assert cell is not None and cell.territory_id
    return Post.objects.as_of(ON).get(unit_id=cell.territory_id, post_type="village_head")


def _end(post: Post) -> None:
    Holding.objects.as_of(ON).filter(post=post).update(valid_to=ON)


def test_every_reason_a_place_can_fail_for(demo):
    lead = _cell_posts(6)
    expected: dict[int, str] = {}
    # The cell's secretary post is not recorded on the day: it ended.
    Holding.objects.filter(post=lead[0]).delete()
    Post.objects.filter(pk=lead[0].pk).update(valid_to=ON)
    expected[lead[0].unit_id] = Reason.LEAD_POST_MISSING
    _end(lead[1])
    expected[lead[1].unit_id] = Reason.LEAD_VACANT
    village = _village_post(lead[2])
    Holding.objects.filter(post=village).delete()
    Post.objects.filter(pk=village.pk).update(valid_to=ON)
    expected[lead[2].unit_id] = Reason.RELATED_MISSING
    _end(_village_post(lead[3]))
    expected[lead[3].unit_id] = Reason.RELATED_VACANT
    # Another person heads the village: the holder of the next cell's secretary post.
    other = Holding.objects.as_of(ON).get(post=lead[5]).person_id
    Holding.objects.as_of(ON).filter(post=_village_post(lead[4])).update(person_id=other)
    expected[lead[4].unit_id] = Reason.DIFFERENT_HOLDERS
    # The one holding both posts of the last place is still probationary.
    both = Holding.objects.as_of(ON).get(post=lead[5]).person_id
    Member.objects.filter(person_id=both).delete()
    Member.objects.create(
        person_id=both,
        admitted_on=D(2020, 6, 1),
        considered_on=D(2020, 5, 20),
        admitted_in_id=lead[5].unit_id,
    )
    expected[lead[5].unit_id] = Reason.NOT_OFFICIAL_MEMBER
    found = assert_same(VILLAGE_HEAD, city(), ON)
    assert {uid: found[uid] for uid in expected} == expected
    assert "" in found.values()  # the other places still comply


def test_within_a_users_scope(demo):
    officer = get_user_model().objects.get(username="xahaison")
    hai_son = rq.unit_resolve("06724", ON)
    everywhere = direct(VILLAGE_HEAD, city(), ON)
    with acting_as(officer, source="test"):
        mine = assert_same(VILLAGE_HEAD, hai_son, ON)
        with pytest.raises(NotFound):
            q.coverage_count(VILLAGE_HEAD, city(), ON)
    assert 0 < len(mine) < len(everywhere)
    viewer = get_user_model().objects.get(username="nguoixem")
    with acting_as(viewer, source="test"):
        assert assert_same("commune-secretary-committee-chair", city(), ON)


def test_a_scope_not_valid_on_the_date_is_refused(demo):
    with pytest.raises(NotFound):
        q.coverage_count(VILLAGE_HEAD, city(), D(2025, 7, 1))
