"""Statistics snapshots: a table read from a snapshot is the table counted live, and stays so
after later changes to attachments, memberships and persons (counted in from the audit log)."""

from __future__ import annotations

import datetime as dt

import pytest

from tinhgon.audit.context import acting_as
from tinhgon.party import services
from tinhgon.party.models import Attachment, SnapshotRow, StatisticsSnapshot
from tinhgon.party.snapshots import snapshot_build
from tinhgon.party.stats import live_rows, statistics
from tinhgon.people.models import Person
from tinhgon.people.services import PersonRow, person_update
from tinhgon.registry.models import Unit, UnitVersion

pytestmark = pytest.mark.django_db
ON = dt.date(2025, 12, 31)


@pytest.fixture
def province(demo):
    with acting_as(None, source="cli"):
        yield Unit.objects.get(pk=UnitVersion.objects.get(name="Đảng bộ tỉnh Quảng Ninh").unit_id)


def members_on(on: dt.date) -> list[Attachment]:
    return list(Attachment.objects.as_of(on).filter(kind="official").order_by("id"))


def test_a_table_from_the_snapshot_is_the_live_table(province):
    expected = statistics(province, ON)
    snapshot_build(on=ON)
    assert SnapshotRow.objects.filter(snapshot__on=ON).count() > 100
    found = statistics(province, ON)
    assert found.totals == expected.totals and found.totals[0] > 4000
    assert [(r.unit.id, r.values) for r in found.rows] == [
        (r.unit.id, r.values) for r in expected.rows
    ]


def test_the_snapshot_is_what_is_read(province):
    snapshot_build(on=ON)
    row = SnapshotRow.objects.filter(snapshot__on=ON).order_by("unit_id").first()
    assert row is not None
    before = statistics(province, ON).totals[0]
    # Tampered with outside the services (no change record): the table shows it.
    row.values = [row.values[0] + 1000, *row.values[1:]]
    row.save()
    assert statistics(province, ON).totals[0] == before + 1000


def test_later_changes_are_counted_in_before_the_snapshot_is_read(province):
    snapshot_build(on=ON)
    attached = members_on(ON)
    moved, ended, changed = attached[0], attached[1], attached[2]
    other_cell = next(a.unit_id for a in attached if a.unit_id != moved.unit_id)
    day = dt.date(2025, 10, 1)
    services.member_transfer(member=moved.member_id, to_unit=other_cell, on=day)
    services.member_end(member=ended.member_id, on=day, reason="deceased")
    person = Person.objects.get(memberships__id=changed.member_id)
    gender = "female" if person.gender == "male" else "male"
    person_update(person=person, revision=person.revision, changes={"gender": gender})
    snapshot = StatisticsSnapshot.objects.get(on=ON)
    found = statistics(province, ON)
    expected = live_rows(province.pk, ON)
    by_row = {r.unit.id: r.values for r in found.rows}
    assert by_row == expected
    assert StatisticsSnapshot.objects.get(on=ON).audit_mark > snapshot.audit_mark


def test_imported_members_are_counted_in_before_the_snapshot_is_read(province):
    """An import's member has one change record, the member's: its cell is counted again."""
    snapshot_build(on=ON)
    cell = members_on(ON)[0].unit_id
    before = statistics(province, ON).totals[0]
    services.members_register(
        rows=[
            services.NewMemberRow(
                person=PersonRow(full_name=f"Đảng viên mới {i}", gender=gender,
                                 birth_date=dt.date(1990, 1, 1)),
                admission=services.AdmissionRow(person_id=0, cell_id=cell,
                                                admitted_on=dt.date(2025, 3, 1)),
            )
            for i, gender in enumerate(["male", "female", "female"])
        ]
    )  # fmt: skip
    found = statistics(province, ON)
    assert {r.unit.id: r.values for r in found.rows} == live_rows(province.pk, ON)
    assert found.totals[0] == before + 3


def test_a_date_without_a_snapshot_is_counted_live(province):
    snapshot_build(on=ON)
    other = dt.date(2024, 10, 9)
    expected = live_rows(province.pk, other)
    assert {r.unit.id: r.values for r in statistics(province, other).rows} == expected
    # and changing the snapshot of another date changes nothing here
    SnapshotRow.objects.filter(snapshot__on=ON).update(values=[0] * 31)
    assert {r.unit.id: r.values for r in statistics(province, other).rows} == expected
