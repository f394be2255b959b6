"""Reading the file in a second process (interchange/reader.py) and writing behind the checks
(core/staging.py `behind`) change nothing of what an import writes or reports."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from tinhgon.audit.models import ChangeRecord
from tinhgon.core import staging
from tinhgon.interchange import importing
from tinhgon.interchange.importing import import_file
from tinhgon.party.models import Attachment, Member
from tinhgon.people.models import Person

from .test_bulk_import import HEADER, ROWS, run
from .test_import import write_csv
from .world import build_world

pytestmark = pytest.mark.django_db
# two good rows, then a date in the wrong order, a duplicate of row 2, text typed in TCVN3,
# an unknown cell and a bad date: problems in every chunk of three rows
MIXED = [
    *ROWS[:2],
    ["Phạm Văn Cường", "Nam", "01/01/1970", "", "CB1", "01/01/1960", "", "", ""],
    ROWS[0],
    ["Hå ThÞ Hµ", "Nữ", "01/01/1975", "", "CB1", "01/01/2012", "", "", ""],
    ["Đỗ Văn Dũng", "Nam", "01/01/1972", "", "CB9", "01/01/2012", "", "", ""],
    ["Bùi Thị Hoa", "Nữ", "31/02/1980", "", "CB1", "01/01/2012", "", "", ""],
]


@pytest.fixture
def w(db: Any) -> SimpleNamespace:
    return build_world()


def recorded() -> list[tuple[Any, ...]]:
    """What the tables hold (the names of persons for the ids)."""
    return [
        *[(p.full_name, p.birth_date) for p in Person.objects.order_by("id")],
        *[(m.person.full_name, m.admitted_on) for m in Member.objects.order_by("id")],
        *[(a.member.person.full_name, a.unit_id) for a in Attachment.objects.order_by("id")],
        *ChangeRecord.objects.order_by("id").values_list("object_type", "object_repr"),
    ]


def test_the_same_rows_are_written_read_here_or_in_a_second_process(
    w: SimpleNamespace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "CHUNK", 2)  # several chunks, each written behind
    user = get_user_model().objects.create_superuser("nhap", password="x")
    path = write_csv(tmp_path / "dv.csv", HEADER, ROWS)
    here = run(path, user, parallel=False)
    there = run(path, user, parallel=True)
    assert len(here["people.Person"]) == len(ROWS)
    assert there == here


def test_the_same_problems_are_reported_read_here_or_in_a_second_process(
    w: SimpleNamespace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "CHUNK", 3)
    path = write_csv(tmp_path / "dv.csv", HEADER, MIXED)
    before = recorded()
    here = import_file("members", path, parallel=False)
    there = import_file("members", path, parallel=True)
    assert {p.row for p in here.problems} == {4, 5, 7, 8}, here.problems
    assert there.problems == here.problems
    assert there.converted == here.converted == {"Họ và tên": "tcvn3"}
    assert not there.applied and recorded() == before  # nothing written


def test_a_file_refused_while_read_in_a_second_process(w: SimpleNamespace, tmp_path: Path) -> None:
    path = tmp_path / "dv.csv"
    path.write_text(";".join(HEADER[:3]) + "\n", encoding="utf-8")  # required columns missing
    here = import_file("members", path, parallel=False)
    there = import_file("members", path, parallel=True)
    assert here.problems and there.problems == here.problems


def test_a_write_that_fails_behind_is_raised_and_nothing_stays(w: SimpleNamespace) -> None:
    before = Person.objects.count()
    fields = {f.attname: f for f in Person._meta.concrete_fields}
    columns = {"person_id": fields["id"], "full_name": fields["full_name"]}
    taken = Person.objects.create(full_name="Có rồi", gender="male").pk

    def batch(pk: int) -> staging.Batch:
        written = staging.Batch(columns, [(pk, "Người mới")])
        written.insert_from(
            Person,
            {"id": "person_id", "full_name": "full_name", "gender": ("%s", ["male"]),
             "search_text": "full_name"},
        )  # fmt: skip
        return written

    with pytest.raises(IntegrityError), transaction.atomic(), staging.behind():
        batch(staging.reserve_ids(1, Person)[0][0]).run()  # a good one, written
        batch(taken).run()  # the id is taken: fails in the writer thread
    assert Person.objects.count() == before + 1  # only the one created outside


@pytest.mark.django_db(transaction=True)  # outside any transaction
def test_writing_behind_needs_a_transaction() -> None:
    with pytest.raises(RuntimeError), staging.behind():
        pass
