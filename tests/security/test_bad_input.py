"""Hostile input gets a clean 4xx and writes nothing: forged ids, ids of another scope,
oversized payloads, malformed JSON, HTML and script in text, SQL-looking strings."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tinhgon.registry.models import LegalDocument

from .test_access import rename, written
from .world import SECRET, World, build


@pytest.fixture
def world(db: Any) -> World:
    return build()


@pytest.fixture
def officer(world: World) -> APIClient:
    api = APIClient()
    api.force_authenticate(world.users["home_affairs"])
    return api


@pytest.mark.parametrize(
    "url",
    [
        "/api/units/999999/",
        "/api/units/id:-1/",
        "/api/units/%27%20OR%201=1--/",
        "/api/events/999999/",
        "/api/documents/2147483648/",
        "/api/codes/%3Cscript%3E/",
    ],
)
def test_forged_ids_are_not_found(world, officer, url):
    response = officer.get(url)
    assert response.status_code in (400, 404), response.content
    assert "errors" in response.json()


def test_ids_of_another_scope_read_as_unknown_ids(world, officer):
    hidden = officer.get(f"/api/units/{world.ward_b.pk}/")
    unknown = officer.get("/api/units/999999/")
    assert hidden.status_code == unknown.status_code == 404
    assert hidden.json()["errors"][0]["code"] == unknown.json()["errors"][0]["code"]
    assert SECRET not in hidden.content.decode()


def test_malformed_json_is_refused(world, officer):
    before = written()
    response = officer.post(
        "/api/events/", data='{"kind": "rename", ', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "parse_error"
    assert written() == before


def test_an_oversized_payload_is_refused(world, officer, settings):
    before = written()
    event = rename(world.ward_a.pk, "Phường Y")
    event["note"] = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = officer.post("/api/events/", event, format="json")
    assert 400 <= response.status_code < 500
    assert written() == before


def test_sql_looking_text_is_stored_as_text(world, officer):
    name = "Phường'); DROP TABLE registry_unit;--"
    response = officer.post("/api/events/", rename(world.ward_a.pk, name), format="json")
    assert response.status_code == 201
    assert officer.get(f"/api/units/{world.ward_a.pk}/?on=2024-06-01").json()["name"] == name
    assert officer.get("/api/units/?q=drop+table").status_code == 200


def test_html_and_script_in_text_are_escaped_on_every_page(world, officer):
    script = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    assert (
        officer.post("/api/events/", rename(world.ward_a.pk, script), format="json").status_code
        == 201
    )
    browser = Client()
    browser.force_login(world.users["home_affairs"])
    for url in (
        f"/units/{world.ward_a.pk}/?on=01/06/2024",
        f"/units/{world.city_a.pk}/tree/?on=01/06/2024",
        "/events/",
        "/search/?q=script",
        f"/search/?q={script}",
    ):
        page = browser.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "<img src=x" not in page, url
    assert (
        "&lt;script&gt;alert"
        in browser.get(f"/units/{world.ward_a.pk}/?on=01/06/2024").content.decode()
    )


def test_a_form_posted_without_its_csrf_token_is_refused(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.users["home_affairs"])
    url = f"/documents/{world.document_a.pk}/edit/"
    response = browser.post(url, {"revision": "1", "title": "x", "status": "U"})
    assert response.status_code == 403
    assert LegalDocument.objects.get(pk=world.document_a.pk).title == ""


def test_repeated_wrong_passwords_lock_the_user_name_out(world, settings):
    browser = Client()
    for _attempt in range(settings.TINHGON_LOCKOUT_FAILURES):
        response = browser.post("/login/", {"username": "viewer", "password": "sai-mat-khau-1"})
        assert response.status_code == 200
        assert "không đúng" in response.content.decode()
    # Locked now, even with the right password.
    locked = browser.post("/login/", {"username": "viewer", "password": "mat-khau-thu-2025"})
    assert "quá nhiều lần" in locked.content.decode()
    assert "_auth_user_id" not in browser.session


def test_signing_in_and_out(world):
    browser = Client()
    response = browser.post("/login/", {"username": "viewer", "password": "mat-khau-thu-2025"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "viewer" in browser.get("/").content.decode()
    assert browser.get("/logout/").status_code == 405  # signing out is a POST
    assert browser.post("/logout/").status_code == 302
    assert browser.get("/").status_code == 302
