"""`members_register` (persons and admissions at once, written as plain values: the import of a
members sheet) writes what `persons_register_bulk` then `members_admit` write, their three
change records a member in one, and refuses what they refuse."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from django.db import transaction

from tests.party.helpers import D, build_world, one_record_a_member, refused, written
from tinhgon.audit.models import ChangeRecord
from tinhgon.party import services as s
from tinhgon.party.models import Attachment, Member
from tinhgon.people.models import Person
from tinhgon.people.services import PersonRow, persons_register_bulk

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return build_world()


PEOPLE = [
    PersonRow(full_name="Nguyễn Văn An", gender="male", birth_date=D(1960, 5, 1)),
    PersonRow(full_name="Lê Thị Bình", gender="female", birth_date=D(1985, 2, 3),
              ethnicity="tay"),
]  # fmt: skip


def admissions(w: Any) -> list[s.AdmissionRow]:
    return [
        s.AdmissionRow(person_id=0, cell_id=w.cell_1.pk, admitted_on=D(1990, 3, 2),
                       in_cell_from=D(2015, 1, 1), card_number="09.123"),
        s.AdmissionRow(person_id=0, cell_id=w.school.pk, admitted_on=D(2016, 7, 1),
                       decision="12-QĐ/ĐU", occupation="public_servant"),
    ]  # fmt: skip


def recorded(mark: int, merge: bool = False) -> list[tuple[Any, ...]]:
    """What was written (change records after `mark`, with `merge` those of the ORM path as
    one a member), the ids of persons, members and attachments replaced by their order:
    comparable between two runs."""
    order = {
        model: {
            pk: i for i, pk in enumerate(model.objects.order_by("id").values_list("id", flat=True))
        }
        for model in (Person, Member, Attachment)
    }
    persons, members, attachments = order[Person], order[Member], order[Attachment]
    rows: list[tuple[Any, ...]] = [
        (p.full_name, p.birth_date, p.gender, p.ethnicity, p.search_text, p.revision)
        for p in Person.objects.order_by("id")
    ]
    rows += [
        (persons[m.person_id], m.admitted_on, m.admitted_in_id, m.admission_decision,
         m.considered_on, m.occupation, m.card_number, m.revision, m.confirmed_on)
        for m in Member.objects.order_by("id")
    ]  # fmt: skip
    rows += [
        (members[a.member_id], a.unit_id, a.kind, a.valid_from, a.valid_to, a.decision)
        for a in Attachment.objects.order_by("id")
    ]
    records = list(ChangeRecord.objects.filter(id__gt=mark).order_by("id").values())
    for r in one_record_a_member(records) if merge else records:
        after = dict(r["after"] or {})
        for key, ids in (("person", persons), ("member", members), ("attachment", attachments)):
            if key in after:
                after[key] = ids[after[key]]
        rows.append((r["action"], r["object_type"], r["unit_id"], r["before"], after))
    return rows


def test_it_writes_what_registering_then_admitting_writes(w):
    mark = ChangeRecord.objects.count() and ChangeRecord.objects.latest("id").pk
    with transaction.atomic():
        persons = persons_register_bulk(rows=PEOPLE)
        s.members_admit(
            rows=[replace(a, person_id=p.pk) for a, p in zip(admissions(w), persons, strict=True)]
        )
        assert ChangeRecord.objects.filter(id__gt=mark).count() == 2 * 3
        expected = recorded(mark, merge=True)
        transaction.set_rollback(True)
    assert len(expected) == 2 * 3 + 2  # persons, members, attachments; a change record each

    count = s.members_register(
        rows=[
            s.NewMemberRow(person=p, admission=a)
            for p, a in zip(PEOPLE, admissions(w), strict=True)
        ]
    )
    assert count == 2
    assert recorded(mark) == expected
    records = ChangeRecord.objects.filter(id__gt=mark)
    assert len(records) == 2
    for record in records:  # its text: the person's str(), then the member's
        member = Member.objects.get(pk=int(record.object_id))
        assert record.object_type == "party.Member"
        assert record.object_repr == f"{member.person}: {member}"
        assert record.after["attachment"] == member.attachments.get().pk


def test_a_bad_row_refuses_the_whole_batch(w):
    rows = admissions(w)
    rows[1].cell_id = w.board.pk  # a party board admits nobody
    young = PersonRow(full_name="Người trẻ", gender="male", birth_date=D(2010, 1, 1))
    before = written(), Person.objects.count()
    error = refused(
        "not_party_unit",
        s.members_register,
        rows=[s.NewMemberRow(person=PEOPLE[0], admission=rows[0]),
              s.NewMemberRow(person=young, admission=rows[1])],
    )  # fmt: skip
    fields = {(p.code, p.field) for p in error.problems}
    assert ("not_party_unit", "[1].cell") in fields
    assert ("age_outside_rule", "[1].considered_on") in fields
    assert (written(), Person.objects.count()) == before
