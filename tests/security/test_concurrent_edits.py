"""Optimistic locking: when two users edit the same record, the second gets a conflict with
both versions shown, and no update is lost — through the service, the API, the page, and two
threads racing."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client
from rest_framework.test import APIClient

from tinhgon.audit.context import acting_as
from tinhgon.audit.models import ChangeRecord
from tinhgon.core.errors import Conflict
from tinhgon.registry.models import LegalDocument
from tinhgon.registry.services import document_update

from .world import World, build


@pytest.fixture
def world(db: Any) -> World:
    return build()


def updates_of(document: LegalDocument) -> list[ChangeRecord]:
    return list(
        ChangeRecord.objects.filter(
            object_type="registry.LegalDocument", object_id=str(document.pk), action="update"
        )
    )


def test_an_edit_on_a_stale_revision_is_refused_with_both_versions(world):
    document = world.document_a
    first = document_update(document=document, revision=1, changes={"title": "Bản của Lan"})
    assert first.revision == 2
    with pytest.raises(Conflict) as refused:
        document_update(document=document, revision=1, changes={"title": "Bản của Minh"})
    assert refused.value.current["title"] == "Bản của Lan"
    assert refused.value.current["revision"] == 2
    assert refused.value.attempted == {"title": "Bản của Minh", "revision": 1}
    assert LegalDocument.objects.get(pk=document.pk).title == "Bản của Lan"
    assert len(updates_of(document)) == 1


def test_the_api_answers_409_with_the_current_version(world):
    api = APIClient()
    api.force_authenticate(world.users["home_affairs"])
    url = f"/api/documents/{world.document_a.pk}/"
    revision = api.get(url).json()["revision"]
    ok = api.patch(url, {"revision": revision, "title": "Nghị quyết đã sửa"}, format="json")
    assert ok.status_code == 200
    assert ok.json()["title"] == "Nghị quyết đã sửa" and ok.json()["revision"] == revision + 1
    stale = api.patch(url, {"revision": revision, "title": "Sửa đè"}, format="json")
    assert stale.status_code == 409
    body = stale.json()
    assert body["errors"][0]["code"] == "conflict" and body["errors"][0]["field"] == "revision"
    assert body["current"]["title"] == "Nghị quyết đã sửa"
    assert LegalDocument.objects.get(pk=world.document_a.pk).title == "Nghị quyết đã sửa"


def test_the_page_shows_both_versions_and_keeps_the_users_edit(world):
    browser = Client()
    browser.force_login(world.users["org_board"])
    url = f"/documents/{world.document_a.pk}/edit/"
    assert browser.get(url).status_code == 200
    document_update(document=world.document_a, revision=1, changes={"title": "Bản người khác"})
    form = {"revision": "1", "title": "Bản của tôi", "url": "", "status": "U", "effective_on": ""}
    response = browser.post(url, form)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Bản người khác" in page and "Bản của tôi" in page
    assert 'name="revision" value="2"' in page
    assert LegalDocument.objects.get(pk=world.document_a.pk).title == "Bản người khác"
    # Saving again from the current revision goes through.
    assert browser.post(url, {**form, "revision": "2"}).status_code == 302
    assert LegalDocument.objects.get(pk=world.document_a.pk).title == "Bản của tôi"


def test_edits_outside_the_scope_or_the_role_are_refused(world):
    api = APIClient()
    api.force_authenticate(world.users["home_affairs"])
    outside = api.patch(
        f"/api/documents/{world.document_b.pk}/", {"revision": 1, "title": "x"}, format="json"
    )
    assert outside.status_code == 404
    api.force_authenticate(world.users["viewer"])
    inside = api.patch(
        f"/api/documents/{world.document_a.pk}/", {"revision": 1, "title": "x"}, format="json"
    )
    assert inside.status_code == 403
    assert LegalDocument.objects.get(pk=world.document_b.pk).title == ""
    assert LegalDocument.objects.get(pk=world.document_a.pk).title == ""


@pytest.mark.django_db(transaction=True)
def test_two_threads_racing_on_one_revision_lose_no_update():
    world = build()
    document = world.document_a
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def edit(name: str) -> None:
        try:
            seen = LegalDocument.objects.get(pk=document.pk)  # both read revision 1
            start.wait(timeout=10)
            for _attempt in range(50):
                try:
                    with acting_as(world.users["admin"], source="test"):
                        document_update(
                            document=seen, revision=seen.revision, changes={"title": name}
                        )
                    outcomes[name] = "saved"
                    return
                except Conflict:
                    outcomes[name] = "conflict"
                    return
                except OperationalError:  # SQLite lets one writer at a time: try again
                    time.sleep(0.02)
            outcomes[name] = "gave up"
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(n,)) for n in ("Lan", "Minh")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["conflict", "saved"], outcomes
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    saved = LegalDocument.objects.get(pk=document.pk)
    assert saved.title == winner and saved.revision == 2
    (record,) = updates_of(document)
    assert record.after["title"] == winner and record.user_name == "admin"
