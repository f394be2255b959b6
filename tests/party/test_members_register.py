"""`members_register` (persons and admissions at once, written as plain values: the import of a
members sheet) writes what `persons_register_bulk` then `members_admit` write, change records
included, and refuses what they refuse."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction

from tests.party.helpers import D, build_world, refused, written
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


def recorded(mark: int) -> list[tuple[Any, ...]]:
    """What was written (change records after `mark`), the ids of persons and members replaced
    by their order: comparable between two runs."""
    persons = {
        p: i for i, p in enumerate(Person.objects.order_by("id").values_list("id", flat=True))
    }
    members = {
        m: i for i, m in enumerate(Member.objects.order_by("id").values_list("id", flat=True))
    }
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
    for r in ChangeRecord.objects.filter(id__gt=mark).order_by("id"):
        after = dict(r.after or {})
        for key, ids in (("person", persons), ("member", members)):
            if key in after:
                after[key] = ids[after[key]]
        rows.append((r.action, r.object_type, r.unit_id, r.before, after))
    return rows


def test_it_writes_what_registering_then_admitting_writes(w):
    mark = ChangeRecord.objects.count() and ChangeRecord.objects.latest("id").pk
    with transaction.atomic():
        persons = persons_register_bulk(rows=PEOPLE)
        s.members_admit(
            rows=[replace(a, person_id=p.pk) for a, p in zip(admissions(w), persons, strict=True)]
        )
        expected = recorded(mark)
        transaction.set_rollback(True)
    assert len(expected) == 2 * 3 + 2 * 3  # persons, members, attachments; their change records

    count = s.members_register(
        rows=[
            s.NewMemberRow(person=p, admission=a)
            for p, a in zip(PEOPLE, admissions(w), strict=True)
        ]
    )
    assert count == 2
    assert recorded(mark) == expected
    records = ChangeRecord.objects.filter(id__gt=mark)
    assert len(records) == 3 * 2
    for record in records:  # each names its object as the object's own str() does
        model = apps.get_model(record.object_type)
        assert record.object_repr == str(model.objects.get(pk=int(record.object_id)))


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
