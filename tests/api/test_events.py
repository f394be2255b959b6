"""Events: listing and reading them, and recording one by POST with its checks and audit."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.registry.helpers import D
from tinhgon.audit.models import ChangeRecord
from tinhgon.registry.models import Event, LegalDocument, Unit, UnitCode, UnitVersion
from tinhgon.registry.queries import version_at

from .conftest import token_client
from .schema import conforms

pytestmark = pytest.mark.django_db


def rename(unit: Unit, name: str, on: str = "2026-01-01") -> dict[str, Any]:
    return {
        "kind": "rename",
        "effective_on": on,
        "title": "Đổi tên",
        "documents": [
            {
                "number": "12/NQ-HĐND",
                "issuer": "Hội đồng nhân dân tỉnh Quảng Ninh",
                "kind": "resolution",
                "signed_on": "2025-12-01",
            }
        ],
        "unit": f"id:{unit.pk}",
        "changes": {"name": name},
    }


def written() -> tuple[int, ...]:
    models = (Event, UnitVersion, UnitCode, LegalDocument, ChangeRecord)
    return tuple(model.objects.count() for model in models)


def test_events_list_filters_by_unit_kind_and_dates(world, client, openapi):
    def ids(query: str) -> list[int]:
        url = f"/api/events/?{query}"
        response = client.get(url)
        assert response.status_code == 200, response.json()
        conforms(openapi, url, "get", 200, response.json())
        return [e["id"] for e in response.json()["results"]]

    both = [world.reclassify.pk, world.consolidate.pk]
    assert ids("") == both
    assert ids(f"unit=id:{world.hai_hoa.pk}") == both
    assert ids("unit=06712&on=2020-01-01") == [world.consolidate.pk]
    assert ids("kind=reclassify") == [world.reclassify.pk]
    assert ids("from=2013-01-02") == [world.consolidate.pk]
    assert ids("to=2013-01-01") == [world.reclassify.pk], "both ends of the range are included"
    assert ids("from=2014-01-01&to=2025-06-30") == []


def test_events_list_pages(world, client):
    first = client.get("/api/events/?limit=1").json()
    assert [e["id"] for e in first["results"]] == [world.reclassify.pk]
    second = client.get(first["next"]).json()
    assert [e["id"] for e in second["results"]] == [world.consolidate.pk]
    assert second["next"] is None


def test_one_event_with_documents_and_participants(world, client, openapi):
    url = f"/api/events/{world.consolidate.pk}/"
    event = client.get(url).json()
    conforms(openapi, url, "get", 200, event)
    assert (event["kind"], event["effective_on"]) == ("consolidate", "2025-07-01")
    assert [d["number"] for d in event["documents"]] == ["1679/NQ-UBTVQH15"]
    assert [(p["unit_id"], p["role"], p["ends"], p["is_new"]) for p in event["participants"]] == [
        (world.tran_phu.pk, "input", True, False),
        (world.hai_hoa.pk, "input", True, False),
        (world.mong_cai_1.pk, "output", False, True),
    ]


def test_an_unknown_event_is_a_404_in_vietnamese(world, client):
    response = client.get("/api/events/999999/")
    assert response.status_code == 404
    assert response.json()["errors"] == [
        {
            "code": "event_not_found",
            "field": "id",
            "message": "Không có sự kiện nào mang số hiệu 999999.",
        }
    ]


def test_recording_an_event_applies_it_and_audits_the_user(world, recorder, openapi):
    api = token_client(recorder)
    response = api.post("/api/events/", rename(world.city, "Thành phố Móng Cái mới"), format="json")
    assert response.status_code == 201, response.json()
    conforms(openapi, "/api/events/", "post", 201, response.json())
    event = Event.objects.get(pk=response.json()["id"])
    assert response["Location"] == f"/api/events/{event.pk}/"
    assert event.recorded_by == recorder
    assert version_at(world.city, D(2025, 12, 31)).name == "Thành phố Móng Cái"
    assert version_at(world.city, D(2026, 1, 1)).name == "Thành phố Móng Cái mới"
    records = ChangeRecord.objects.filter(object_type="registry.Event", object_id=str(event.pk))
    assert [(r.user_name, r.source) for r in records] == [("lan.nguyen", "api")]
    rows = ChangeRecord.objects.filter(request_id=records[0].request_id)
    assert {r.user_name for r in rows} == {"lan.nguyen"}
    assert rows.filter(object_type="registry.UnitVersion").count() == 2


def test_a_malformed_event_lists_every_problem_in_vietnamese_and_writes_nothing(world, recorder):
    before = written()
    body = {"kind": "explode", "effective_on": "2025-02-30", "documents": [], "colour": "red"}
    response = token_client(recorder).post("/api/events/", body, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {(e["code"], e["field"]) for e in errors} == {
        ("unknown_field", "colour"),
        ("invalid_choice", "kind"),
        ("invalid_date", "effective_on"),
        ("document_required", "documents"),
    }
    messages = {e["code"]: e["message"] for e in errors}
    assert (
        messages["invalid_date"] == "“2025-02-30” không phải là ngày hợp lệ (cần dạng YYYY-MM-DD)."
    )
    assert (
        messages["document_required"]
        == "Cần có ít nhất một văn bản làm căn cứ pháp lý cho sự kiện."
    )
    assert written() == before


def test_an_event_the_registry_refuses_writes_nothing(world, recorder):
    before = written()
    body = rename(world.tran_phu, "Phường khác")  # Trần Phú ended on 2025-07-01
    response = token_client(recorder).post("/api/events/", body, format="json")
    assert response.status_code == 400
    assert [(e["code"], e["field"]) for e in response.json()["errors"]] == [
        ("unit_not_valid_before", "inputs[0].unit"),
        ("unit_not_valid_before", "outputs[0].unit"),
    ]
    assert written() == before, "not even the new legal document is kept"


def test_a_body_that_is_not_an_object_is_refused(world, recorder):
    response = token_client(recorder).post("/api/events/", ["rename"], format="json")
    assert response.status_code == 400
    assert [e["code"] for e in response.json()["errors"]] == ["not_a_mapping"]


def test_anonymous_posts_are_refused_with_401(world):
    before = written()
    response = APIClient().post("/api/events/", rename(world.city, "X"), format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    (error,) = response.json()["errors"]
    assert error["code"] == "not_authenticated"
    assert error["message"].startswith("Hãy đăng nhập trước")
    assert written() == before


def test_a_bad_token_is_refused_with_401(world):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    response = api.post("/api/events/", rename(world.city, "X"), format="json")
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "authentication_failed"


def test_users_without_the_permission_are_refused_with_403(world, reader):
    before = written()
    response = token_client(reader).post("/api/events/", rename(world.city, "X"), format="json")
    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "permission_denied"
    assert written() == before


def test_only_json_bodies_are_read(world, recorder):
    response = token_client(recorder).post("/api/events/", {"kind": "rename"})  # multipart
    assert response.status_code == 415
    assert response.json()["errors"][0]["code"] == "unsupported_media_type"


def test_invalid_json_is_a_400(world, recorder):
    response = token_client(recorder).post(
        "/api/events/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "parse_error"
