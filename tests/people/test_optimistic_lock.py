"""Editing a person names the revision the editor started from; a later edit wins only once.

The race test runs two editors in two threads with their own database connections, on a
committed database (transaction=True). Both read revision 1, meet at a barrier, then save:
exactly one save goes through, the other gets `Conflict` with both versions, and nothing of
it is written. On PostgreSQL the two saves run at once (the row lock makes the second UPDATE
wait, then find the revision changed); SQLite's shared in-memory test database allows one
writer at a time, so there the saves take turns — after both have read.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from tinhgon.audit.models import ChangeRecord
from tinhgon.core.errors import Conflict, DomainError
from tinhgon.people import queries as q
from tinhgon.people import services as s
from tinhgon.people.models import Person

from .helpers import build_world


@pytest.mark.django_db
def test_an_edit_from_an_old_revision_is_refused_with_both_versions():
    w = build_world()
    an = s.person_register(full_name="Nguyễn Văn An", gender="male", home_commune=w.commune)
    first = s.person_update(person=an, revision=1, changes={"full_name": "Nguyễn Văn Ân"})
    assert first.revision == 2
    records = ChangeRecord.objects.count()
    with pytest.raises(Conflict) as caught:
        s.person_update(person=an, revision=1, changes={"full_name": "Nguyễn Văn Anh"})
    assert caught.value.codes == ["conflict"]
    assert caught.value.current["full_name"] == "Nguyễn Văn Ân"
    assert caught.value.current["revision"] == 2
    assert caught.value.attempted["full_name"] == "Nguyễn Văn Anh"
    assert Person.objects.get(pk=an.pk).full_name == "Nguyễn Văn Ân"
    assert ChangeRecord.objects.count() == records
    assert "phiên bản" in caught.value.problems[0].message


@pytest.mark.django_db
def test_the_conditional_update_catches_a_write_between_read_and_write(monkeypatch):
    """Another save lands after this one read the person and before it writes: the UPDATE …
    WHERE revision = ? changes no row, and the service refuses."""
    w = build_world()
    an = s.person_register(full_name="Trần Văn Bình", gender="male", home_commune=w.commune)
    checked = s._checked_person_fields

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        Person.objects.filter(pk=an.pk).update(full_name="Trần Văn Bính", revision=2)
        return checked(*args, **kwargs)

    monkeypatch.setattr(s, "_checked_person_fields", meanwhile)
    with pytest.raises(Conflict) as caught:
        s.person_update(person=an, revision=1, changes={"full_name": "Trần Văn Bảo"})
    assert caught.value.current["full_name"] == "Trần Văn Bính"
    assert caught.value.attempted["full_name"] == "Trần Văn Bảo"


@pytest.mark.django_db
def test_nothing_to_change_and_unknown_fields_are_refused():
    w = build_world()
    an = s.person_register(full_name="Lê Văn Cư", gender="male", home_commune=w.commune)
    with pytest.raises(DomainError) as caught:
        s.person_update(person=an, revision=1, changes={"full_name": "Lê Văn Cư"})
    assert caught.value.codes == ["nothing_to_change"]
    with pytest.raises(DomainError) as caught:
        s.person_update(person=an, revision=1, changes={"salary": 1})
    assert caught.value.codes == ["invalid_value"]
    changed = s.person_update(person=an, revision=1, changes={"home_commune": w.other})
    assert changed.home_commune_id == w.other.pk and changed.revision == 2
    # Dates as a form sends them.
    dated = s.person_update(person=an, revision=2, changes={"birth_date": "1976-04-10"})
    assert dated.birth_date.isoformat() == "1976-04-10" and dated.revision == 3
    with pytest.raises(DomainError) as caught:
        s.person_update(person=an, revision=3, changes={"birth_date": "10/04/1976"})
    assert caught.value.codes == ["invalid_date"]


@pytest.mark.django_db(transaction=True)
def test_two_editors_racing_one_wins_one_gets_a_conflict(monkeypatch):
    w = build_world()
    an = s.person_register(full_name="Phạm Văn Dũng", gender="male", home_commune=w.commune)
    sqlite = connection.vendor == "sqlite"
    read_done = threading.Barrier(2, timeout=30)
    in_service = threading.Barrier(2, timeout=30)
    first_saved = threading.Event()
    results: dict[int, Any] = {}

    if not sqlite:
        # On PostgreSQL both saves get past their own read before either writes.
        checked = s._checked_person_fields

        def both_read(*args: Any, **kwargs: Any) -> Any:
            values = checked(*args, **kwargs)
            in_service.wait()
            return values

        monkeypatch.setattr(s, "_checked_person_fields", both_read)

    def editor(index: int, name: str) -> None:
        try:
            seen = q.person_detail(an.pk)  # the editor opens the form: revision 1
            read_done.wait()
            if sqlite and index == 1:
                first_saved.wait(timeout=30)
            try:
                results[index] = s.person_update(
                    person=an.pk, revision=seen.revision, changes={"full_name": name}
                )
            except Conflict as conflict:
                results[index] = conflict
            finally:
                if index == 0:
                    first_saved.set()
        except Exception as error:  # reported by the assertions below
            results[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=editor, args=(0, "Phạm Văn Dương")),
        threading.Thread(target=editor, args=(1, "Phạm Văn Đông")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == 2, results
    saved = [r for r in results.values() if isinstance(r, Person)]
    refused = [r for r in results.values() if isinstance(r, Conflict)]
    assert len(saved) == 1 and len(refused) == 1, results
    stored = Person.objects.get(pk=an.pk)
    assert stored.revision == 2 and stored.full_name == saved[0].full_name
    assert refused[0].current["full_name"] == saved[0].full_name
    assert refused[0].attempted["full_name"] != saved[0].full_name
    updates = ChangeRecord.objects.filter(object_type="people.Person", action="update")
    assert updates.count() == 1
