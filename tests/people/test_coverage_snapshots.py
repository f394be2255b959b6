"""Coverage snapshots (people/coverage_snapshots.py): the count read from a snapshot is the live
count, and stays so, place by place, after each kind of write through the services (counted in
from the audit log); a user who does not see every unit gets the live count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model

from tinhgon.audit.context import acting_as
from tinhgon.audit.services import change_record
from tinhgon.core.errors import Forbidden
from tinhgon.party import services as party
from tinhgon.party.models import Member
from tinhgon.people import queries as q
from tinhgon.people import services
from tinhgon.people.counting import reasons
from tinhgon.people.coverage_snapshots import (
    coverage_snapshot_build,
    current_coverage_snapshot,
    snapshot_reasons,
)
from tinhgon.people.kinds import Reason
from tinhgon.people.models import (
    CoverageRow,
    CoverageSnapshot,
    Holding,
    Person,
    Post,
    UnificationPolicy,
)
from tinhgon.registry import queries as rq
from tinhgon.registry.eventspec import parse_event_spec
from tinhgon.registry.models import Unit, UnitVersion
from tinhgon.registry.services import event_apply

D = dt.date
ON = D(2025, 12, 31)
DAY = D(2025, 10, 1)  # the writes take effect on this day, after the demo's last records
VILLAGE_HEAD = "cell-secretary-village-head"
pytestmark = pytest.mark.django_db


@pytest.fixture
def city(demo) -> Iterator[Unit]:  # type: ignore[no-untyped-def]
    with acting_as(None, source="cli"):
        yield Unit(pk=UnitVersion.objects.as_of(ON).get(name="Tỉnh Quảng Ninh").unit_id)


def policy():  # type: ignore[no-untyped-def]
    return q.policy_resolve(VILLAGE_HEAD)


def build(scope: Unit, on: dt.date = ON) -> CoverageSnapshot:
    return coverage_snapshot_build(policy=policy(), scope=scope, on=on)


def stored(scope: Unit) -> dict[int, str]:
    """The rows of the snapshot, as they are after it is brought up to date."""
    found = snapshot_reasons(policy(), scope, ON)
    assert found is not None
    return found


def assert_snapshot_is_live(scope: Unit) -> dict[int, str]:
    """The snapshot's reasons are the live ones place by place, and both counts agree with
    the full `coverage`."""
    live = reasons(policy(), scope, ON)
    assert stored(scope) == live
    count, full = q.coverage_count(VILLAGE_HEAD, scope, ON), q.coverage(VILLAGE_HEAD, scope, ON)
    assert (count.complying, count.total) == (full.complying, full.total)
    assert count.complying == sum(not r for r in live.values()) and count.total == len(live)
    return live


def complying_cell_posts(scope: Unit, n: int) -> list[Post]:
    """The secretaries' posts of `n` party cells whose place complies on ON, by unit id."""
    live = reasons(policy(), scope, ON)
    ok = sorted(uid for uid, reason in live.items() if reason == "")
    assert len(ok) >= n
    return [Post.objects.as_of(ON).get(unit_id=uid, post_type="secretary") for uid in ok[:n]]


def village_post(cell_post: Post) -> Post:
    cell = rq.version_at(cell_post.unit_id, ON)
    assert cell is not None and cell.territory_id
    return Post.objects.as_of(ON).get(unit_id=cell.territory_id, post_type="village_head")


def holder(post: Post) -> Holding:
    return Holding.objects.as_of(ON).get(post=post)


def test_the_snapshot_count_is_the_live_count(city):
    expected = reasons(policy(), city, ON)
    snapshot = build(city)
    assert CoverageRow.objects.filter(snapshot=snapshot).count() == len(expected) > 20
    assert assert_snapshot_is_live(city) == expected
    assert "" in expected.values()


def test_the_snapshot_is_what_is_read(city):
    snapshot = build(city)
    before = q.coverage_count(VILLAGE_HEAD, city, ON)
    # Changed outside the services (no change record): the count shows it.
    row = snapshot.rows.filter(reason="").order_by("lead_unit_id").first()
    assert row is not None
    row.reason = Reason.LEAD_VACANT
    row.save()
    after = q.coverage_count(VILLAGE_HEAD, city, ON)
    assert (after.complying, after.total) == (before.complying - 1, before.total)
    live = q.coverage_count(VILLAGE_HEAD, city, ON, snapshot=False)
    assert (live.complying, live.total) == (before.complying, before.total)


def test_a_holding_ended_and_one_started(city):
    build(city)
    first, second, third = complying_cell_posts(city, 3)
    services.holding_end(holding=holder(village_post(first)), valid_to=DAY)
    # Another person heads the second village: the holder of the third cell's secretary post.
    services.holding_end(holding=holder(village_post(second)), valid_to=DAY)
    services.holding_start(
        person=holder(third).person_id, post=village_post(second), valid_from=DAY
    )
    found = assert_snapshot_is_live(city)
    assert found[first.unit_id] == Reason.RELATED_VACANT
    assert found[second.unit_id] == Reason.DIFFERENT_HOLDERS


def test_a_post_ended_then_created(city):
    build(city)
    first = complying_cell_posts(city, 1)[0]
    village = village_post(first)
    services.holding_end(holding=holder(village), valid_to=DAY)
    services.post_end(post=village, valid_to=DAY)
    assert assert_snapshot_is_live(city)[first.unit_id] == Reason.RELATED_MISSING
    # A new post of village head from the same day: there again, but vacant.
    services.post_create(unit=village.unit_id, post_type="village_head", valid_from=DAY)
    assert assert_snapshot_is_live(city)[first.unit_id] == Reason.RELATED_VACANT


def test_a_member_ended_makes_the_holder_no_official_member(city):
    build(city)
    first = complying_cell_posts(city, 1)[0]
    member = Member.objects.filter(person_id=holder(first).person_id).get()
    party.member_end(member=member, on=DAY, reason="left")
    assert assert_snapshot_is_live(city)[first.unit_id] == Reason.NOT_OFFICIAL_MEMBER


def test_a_person_edited_moves_the_mark(city):
    snapshot = build(city)
    first = complying_cell_posts(city, 1)[0]
    person = Person.objects.get(pk=holder(first).person_id)
    services.person_update(
        person=person, revision=person.revision, changes={"full_name": "Nguyễn Văn Đổi"}
    )
    assert assert_snapshot_is_live(city)[first.unit_id] == ""
    refreshed = CoverageSnapshot.objects.get(pk=snapshot.pk)
    assert refreshed.audit_mark > snapshot.audit_mark


def event(**spec: object) -> None:
    document = {
        "number": "1/QĐ-TEST",
        "issuer": "Test",
        "kind": "decision",
        "signed_on": "2020-09-01",
    }
    event_apply(
        spec=parse_event_spec({**spec, "effective_on": DAY.isoformat(), "documents": [document]})
    )


def test_a_unit_event_rebuilds_the_snapshot(city):
    snapshot = build(city)
    first = complying_cell_posts(city, 1)[0]
    # A row far from the event, made wrong without a change record: only a rebuild mends it.
    far = snapshot.rows.exclude(lead_unit_id=first.unit_id).order_by("-lead_unit_id").first()
    assert far is not None and far.reason == ""
    CoverageRow.objects.filter(pk=far.pk).update(reason=Reason.LEAD_VACANT)
    village = rq.version_at(village_post(first).unit_id, ON)
    assert village is not None
    # The village goes to another commune of the city; its party cell is dissolved.
    other = (
        UnitVersion.objects.as_of(ON)
        .filter(kind="commune", parent_id=city.pk)
        .exclude(unit_id=village.parent_id)
        .order_by("unit_id")
        .first()
    )
    assert other is not None
    event(kind="transfer", unit=f"id:{village.unit_id}", changes={"parent": f"id:{other.unit_id}"})
    services.holding_end(holding=holder(first), valid_to=DAY)
    services.post_end(post=first, valid_to=DAY)
    event(kind="dissolve", inputs=[{"unit": f"id:{first.unit_id}"}])
    found = assert_snapshot_is_live(city)
    assert first.unit_id not in found and found[far.lead_unit_id] == ""


def test_a_missed_change_would_show(city):
    """The refresh is what keeps the snapshot true: moving the mark alone leaves it wrong."""
    snapshot = build(city)
    first = complying_cell_posts(city, 1)[0]
    services.holding_end(holding=holder(village_post(first)), valid_to=DAY)
    # Pretend the change was counted in: the stale reason stays.
    CoverageSnapshot.objects.filter(pk=snapshot.pk).update(audit_mark=10**12)
    assert stored(city)[first.unit_id] == ""
    assert reasons(policy(), city, ON)[first.unit_id] == Reason.RELATED_VACANT


def test_a_user_with_a_narrow_grant_gets_the_live_count(city):
    on = D(2020, 12, 31)  # the communes of before the reform, where the officer's grant is
    hai_son = rq.unit_resolve("06724", on)
    snapshot = build(hai_son, on)
    snapshot.rows.update(reason=Reason.LEAD_VACANT)  # a snapshot that would show nobody
    officer = get_user_model().objects.get(username="xahaison")
    with acting_as(officer, source="test"):
        mine = q.coverage_count(VILLAGE_HEAD, hai_son, on)
        assert snapshot_reasons(policy(), hai_son, on) is None
        live = reasons(policy(), hai_son, on)
        with pytest.raises(Forbidden):
            build(hai_son, on)
    assert mine.complying == sum(not r for r in live.values()) > 0
    assert q.coverage_count(VILLAGE_HEAD, hai_son, on).complying == 0


def test_a_policy_change_rebuilds_and_no_snapshot_is_live(city):
    assert current_coverage_snapshot(policy(), city, ON) is None
    assert snapshot_reasons(policy(), city, ON) is None
    build(city)
    first = complying_cell_posts(city, 1)[0]
    party.member_end(
        member=Member.objects.get(person_id=holder(first).person_id), on=DAY, reason="left"
    )
    before = assert_snapshot_is_live(city)
    assert before[first.unit_id] == Reason.NOT_OFFICIAL_MEMBER
    # The policy edited (as the admin site does): membership no longer required.
    the_policy = policy()
    old = {"requires_official_member": True}
    UnificationPolicy.objects.filter(pk=the_policy.pk).update(requires_official_member=False)
    change_record(
        obj=the_policy, action="update", before=old, after={"requires_official_member": False}
    )
    assert assert_snapshot_is_live(city)[first.unit_id] == ""
