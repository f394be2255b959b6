"""A members import (`members_register`: the rows staged, every table filled by the database,
written behind the checks, core/staging.py) writes exactly what the ORM path writes (the
persons registered then admitted, Django's bulk_create and one `change_record` per object): the
same persons, members, attachments and ids, on SQLite and PostgreSQL. Its change records are
the ORM path's three a row in one (`one_record_a_member`)."""

from __future__ import annotations

import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.party.helpers import one_record_a_member
from tinhgon.audit.context import acting_as
from tinhgon.audit.models import ChangeRecord
from tinhgon.audit.services import change_record
from tinhgon.core import bulk
from tinhgon.interchange import importing
from tinhgon.interchange.importing import import_file
from tinhgon.interchange.writers import MembersWriter, _person_row
from tinhgon.party import services as party_services
from tinhgon.party.models import Attachment, Member
from tinhgon.people import services as people_services
from tinhgon.people.models import Person

from .test_import import write_csv
from .world import build_world

pytestmark = pytest.mark.django_db
HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Mã chi bộ", "Ngày kết nạp",
          "Sinh hoạt tại chi bộ từ ngày", "Số thẻ đảng viên", "Nghề nghiệp"]  # fmt: skip
ROWS = [
    ["Trần Thị Bình", "Nữ", "02/09/1985", "Tày", "CB1", "03/02/2010", "", "", "Nông dân"],
    ["Lê Quang Vũ", "Nam", "12/12/1960", "Kinh", "CB1", "15/03/2001", "01/01/2010", "", ""],
    ["Ngô Văn Hải", "Nam", "31/01/1980", "", "CB1", "19/05/2012", "", "012345", ""],
    ["Hà Thị Ế", "Nữ", "07/07/1990", "", "CB1", "01/06/2016", "", "", ""],
]
TABLES = {Person: "created_at", Member: "created_at", Attachment: "created_at", ChangeRecord: "at"}


def snapshot(before: dict[Any, int]) -> dict[str, list[dict[str, Any]]]:
    """The records added since `before` (the highest id of each table), all but the stamps."""
    return {
        model._meta.label: [
            {k: v for k, v in values.items() if k != stamp}
            for values in model.objects.filter(pk__gt=before[model]).order_by("pk").values()
        ]
        for model, stamp in TABLES.items()
    }


def highest() -> dict[Any, int]:
    return {m: max(m.objects.values_list("pk", flat=True), default=0) for m in TABLES}


def sequences() -> list[tuple[str, int, bool]]:
    """PostgreSQL's id sequences of the tables (name, last value, called): they go on through a
    rollback, so they are put back for the second run to get the same ids (SQLite's rollback
    restores its own counter)."""
    if connection.vendor != "postgresql":
        return []
    found = []
    with connection.cursor() as cursor:
        for model in TABLES:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
            name = cursor.fetchone()[0]
            cursor.execute(f"SELECT last_value, is_called FROM {name}")  # noqa: S608
            found.append((name, *cursor.fetchone()))
    return found


def run(path: Path, user: Any, **options: Any) -> dict[str, list[dict[str, Any]]]:
    """Import, take what was written, roll it back (ids included)."""
    start, counters = highest(), sequences()
    with transaction.atomic():
        with acting_as(user, source="cli", remote_addr="10.0.0.9", request_id=uuid.UUID(int=7)):
            result = import_file("members", path, **options)
        assert result.applied, result.problems
        written = snapshot(start)
        transaction.set_rollback(True)
    with connection.cursor() as cursor:
        for name, value, called in counters:
            cursor.execute("SELECT setval(%s, %s, %s)", [name, value, called])
    return written


def orm_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """The writes as they were before tinhgon.core.bulk: the ORM, one change record each."""

    def create(objs: list[Any]) -> list[Any]:
        return type(objs[0]).objects.bulk_create(objs) if objs else objs

    def one_by_one(*, changes: list[Any], basis: str = "", message: str = "") -> None:
        for obj, old, new in changes:
            action = "update" if old else "create"
            change_record(obj=obj, action=action, before=old, after=new, basis=basis,
                          message=message)  # fmt: skip

    def register_then_admit(self: Any, rows: list[Any], on: Any) -> None:
        """A members sheet as it was written before `members_register`: the persons, then
        their admissions."""
        persons = people_services.persons_register_bulk(rows=[_person_row(r.values) for r in rows])
        party_services.members_admit(
            rows=[
                party_services.AdmissionRow(
                    person_id=person.pk,
                    cell_id=r.values["cell"],
                    admitted_on=r.values["admitted_on"],
                    in_cell_from=r.values.get("in_cell_from"),
                    card_number=r.values.get("card_number") or "",
                    occupation=r.values.get("occupation") or "",
                )
                for r, person in zip(rows, persons, strict=True)
            ]
        )

    monkeypatch.setattr(bulk, "create", create)
    monkeypatch.setattr(people_services, "change_records_bulk", one_by_one)
    monkeypatch.setattr(party_services, "change_records_bulk", one_by_one)
    monkeypatch.setattr(MembersWriter, "writes_behind", False)
    monkeypatch.setattr(MembersWriter, "write", register_then_admit)


def without_ids(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k != "id"} for r in records]


@pytest.fixture
def w(db: Any) -> SimpleNamespace:
    return build_world()


def test_bulk_path_writes_what_the_orm_path_writes(
    w: SimpleNamespace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = get_user_model().objects.create_superuser("nhap", password="x")
    path = write_csv(tmp_path / "dv.csv", HEADER, ROWS)
    fast = run(path, user)
    orm_path(monkeypatch)
    orm = run(path, user)
    assert {k: len(v) for k, v in fast.items()} == {
        "people.Person": 4,
        "party.Member": 4,
        "party.Attachment": 4,
        "audit.ChangeRecord": 4,
    }
    records = "audit.ChangeRecord"
    assert {k: v for k, v in fast.items() if k != records} == {
        k: v for k, v in orm.items() if k != records
    }
    assert len(orm[records]) == 12  # the ORM path: a person, a member, an attachment each
    assert without_ids(fast[records]) == without_ids(one_record_a_member(orm[records]))
    # and the references are those of the rows: member → person → name, attachment → member
    persons = {p["id"]: p["full_name"] for p in fast["people.Person"]}
    members = {m["id"]: persons[m["person_id"]] for m in fast["party.Member"]}
    assert [members[a["member_id"]] for a in fast["party.Attachment"]] == [r[0] for r in ROWS]
    assert {m["admitted_in_id"] for m in fast["party.Member"]} == {w.cell.pk}
    # admitted before the records: in the cell from the day the records start
    assert [str(a["valid_from"]) for a in fast["party.Attachment"]][1] == "2010-01-01"
    after = {(c["object_type"], c["object_id"]): c["after"] for c in fast["audit.ChangeRecord"]}
    for m in fast["party.Member"]:
        assert after["party.Member", str(m["id"])]["person"] == m["person_id"]


def test_bulk_path_follows_earlier_records(w: SimpleNamespace, tmp_path: Path) -> None:
    """A second import gets new ids after the first's, and its members point at its persons."""
    assert import_file("members", write_csv(tmp_path / "a.csv", HEADER, ROWS[:1])).applied
    first = Person.objects.get(full_name="Trần Thị Bình").pk
    assert import_file("members", write_csv(tmp_path / "b.csv", HEADER, ROWS[1:])).applied
    for name in ("Lê Quang Vũ", "Ngô Văn Hải", "Hà Thị Ế"):
        member = Member.objects.get(person__full_name=name)
        assert member.person_id > first
        assert Attachment.objects.get(member=member).unit_id == w.cell.pk
        record = ChangeRecord.objects.get(object_type="party.Member", object_id=str(member.pk))
        assert record.after["person"] == member.person_id


def test_its_chunks_read_the_registry_and_the_rules_once(
    w: SimpleNamespace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chunks of a members import ask about the same codes, cells and rules: the first
    chunk reads them, the others are answered from memory (`Writer.remembers`)."""
    monkeypatch.setattr(importing, "CHUNK", 1)  # a chunk a row
    path = write_csv(tmp_path / "dv.csv", HEADER, ROWS)
    with CaptureQueriesContext(connection) as queries:
        assert import_file("members", path).applied
    # (the counts of every table before and after, for the result, aside)
    read = [q["sql"] for q in queries.captured_queries if "COUNT(*)" not in q["sql"]]
    for table in ("registry_unitcode", "registry_unitversion", "party_admissionagerule"):
        assert sum(f'FROM "{table}"' in sql for sql in read) == 1, table
    # and the persons each chunk writes are still looked up afresh
    assert sum('FROM "people_person"' in sql for sql in read) == len(ROWS)
