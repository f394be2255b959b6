"""tinhgon.core.bulk writes what Django's ORM writes (every column, the defaults, the stamps,
JSON, UUIDs, dates, text as given) and hands back ids that point at the rows written."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from tests.people.helpers import person, unit
from tinhgon.audit.context import acting_as
from tinhgon.audit.models import ChangeRecord
from tinhgon.audit.services import change_record, change_records_bulk
from tinhgon.core import bulk
from tinhgon.people.models import Person

pytestmark = pytest.mark.django_db
REQUEST = uuid.UUID("12345678-1234-5678-1234-567812345678")


def row(model: Any, pk: int, *skip: str) -> dict[str, Any]:
    """A record as the database holds it, without its id and the columns in `skip`."""
    values = model.objects.filter(pk=pk).values().get()
    for name in ("id", *skip):
        values.pop(name)
    return dict(values)


def persons(home: Any) -> list[Person]:
    return [
        Person(full_name="Nguyễn Thị Ánh Tuyết", gender="female", birth_date=dt.date(1979, 2, 28),
               ethnicity="tay", home_commune=home, education="university",
               search_text="nguyen thi anh tuyet"),
        Person(full_name="Lò Văn Pấng", gender="male", search_text="lo van pang"),
        Person(full_name="Tab\tand 'quote' \\ back", gender="male", search_text="tab"),
    ]  # fmt: skip


def test_create_writes_what_bulk_create_writes() -> None:
    home = unit("Xã Mường Lói", "commune")
    fast, orm = bulk.create(persons(home)), Person.objects.bulk_create(persons(home))
    assert len(fast) == 3
    for mine, theirs in zip(fast, orm, strict=True):
        assert mine.pk is not None and mine.pk != theirs.pk
        assert row(Person, mine.pk, "created_at") == row(Person, theirs.pk, "created_at")
        # the object says what its row holds: the default revision and the stamp
        stored = Person.objects.get(pk=mine.pk)
        assert (stored.full_name, stored.revision) == (mine.full_name, 1)
        assert stored.created_at == mine.created_at
    assert row(Person, fast[0].pk)["birth_date"] == dt.date(1979, 2, 28)
    assert row(Person, fast[1].pk)["birth_date"] is None


def test_ids_are_new_in_row_order_across_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    earlier = [person(f"Người cũ {i}") for i in range(3)]
    removed = earlier[-1].pk
    Person.objects.filter(pk=removed).delete()  # an id once used is not given again
    monkeypatch.setattr(bulk, "BATCH", 2)  # five rows: three statements
    made = bulk.create(
        [Person(full_name=f"Người mới {i}", gender="male", search_text=f"n{i}") for i in range(5)]
    )
    ids = [p.pk for p in made]
    assert ids == sorted(ids) and len(set(ids)) == 5
    assert min(ids) > removed
    assert [Person.objects.get(pk=i).full_name for i in ids] == [f"Người mới {i}" for i in range(5)]


def test_insert_refuses_an_unknown_column() -> None:
    with pytest.raises(ValueError, match="nickname"):
        bulk.insert(Person, ["full_name", "nickname"], [("A", "B")])


def test_change_records_bulk_writes_what_change_record_writes() -> None:
    home = unit("Xã Mường Lói", "commune")
    clerk = get_user_model().objects.create_user("clerk", password="x")
    a, b = person("Đặng Thị Hoà", home=home), person("Vũ Văn Ất")
    changes: list[Any] = [
        (a, None, {"full_name": "Đặng Thị Hoà", "nested": {"list": [1, None, "ế"]}, "n": 1.5}),
        (b, {"revision": 1, "home_commune": None}, {"revision": 2, "home_commune": "đã đặt"}),
    ]
    with acting_as(clerk, source="cli", remote_addr="10.1.2.3", request_id=REQUEST):
        before = set(ChangeRecord.objects.values_list("pk", flat=True))
        change_records_bulk(changes=changes, basis="12/NQ-HĐND", message="nhập từ tệp")
        fast = list(ChangeRecord.objects.exclude(pk__in=before).order_by("pk"))
        one = [
            change_record(obj=o, action="update" if old else "create", before=old, after=new,
                          basis="12/NQ-HĐND", message="nhập từ tệp")
            for o, old, new in changes
        ]  # fmt: skip
    assert len(fast) == 2
    for mine, theirs in zip(fast, one, strict=True):
        assert row(ChangeRecord, mine.pk, "at") == row(ChangeRecord, theirs.pk, "at")
    first = row(ChangeRecord, fast[0].pk)
    assert (first["action"], first["object_id"], first["unit_id"]) == ("create", str(a.pk), home.pk)
    assert (first["user_id"], first["request_id"]) == (clerk.pk, REQUEST)
    assert first["after"]["nested"] == {"list": [1, None, "ế"]}
    assert first["before"] is None  # SQL NULL, as change_record writes it
    assert ChangeRecord.objects.filter(pk=fast[0].pk, before__isnull=True).exists()
    assert row(ChangeRecord, fast[1].pk)["action"] == "update"
