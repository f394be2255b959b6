"""GET /api/address/convert/ and /api/address/reverse/: answers, refusals (404 not found, 400
ambiguous or invalid), every body checked against the published OpenAPI schema."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from rest_framework.test import APIClient

from tests.adminunits.test_address_world import World, build_world
from tinhgon.adminunits.address import conversion_data, convert_address

from .schema import conforms

pytestmark = pytest.mark.django_db

CONVERT = "/api/address/convert/"
REVERSE = "/api/address/reverse/"


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def get(
    client: APIClient, openapi: dict[str, Any], path: str, status: int, **params: str
) -> dict[str, Any]:
    url = f"{path}?{urlencode(params)}" if params else path
    response = client.get(url)
    assert response.status_code == status, response.json()
    data: dict[str, Any] = response.json()
    conforms(openapi, url, "get", status, data)
    return data


def test_convert_answers_with_the_old_unit_and_the_new_ones(world, client, openapi):
    text = "12 Lê Lợi, P. Trần Phú, TP. Móng Cái, Quảng Ninh"
    data = get(client, openapi, CONVERT, 200, address=text)
    assert data["status"] == "ok" and data["errors"] == [] and data["candidates"] == []
    assert (data["old"]["name"], data["old"]["code"]) == ("Phường Trần Phú", "06712")
    assert data["old"]["label"] == "Phường Trần Phú, Thành phố Móng Cái, Tỉnh Quảng Ninh"
    assert [(n["name"], n["code"], n["share"]) for n in data["new"]] == [
        ("Phường Móng Cái 1", "06712", "whole")
    ]
    assert data["new"][0]["province"]["unit_id"] == world.new("22").pk
    assert data["new_address"] == "12 Lê Lợi, Phường Móng Cái 1, Tỉnh Quảng Ninh"
    assert data["street"] == "12 Lê Lợi"
    assert data["message"].endswith("từ ngày 01/07/2025.")
    assert data == conversion_data(convert_address(text))


def test_convert_a_divided_commune_gives_every_part(world, client, openapi):
    data = get(client, openapi, CONVERT, 200, address="xa quang nghia, mong cai, quang ninh")
    assert [(n["name"], n["share"], n["holds_former_centre"]) for n in data["new"]] == [
        ("Phường Móng Cái 2", "part", False),
        ("Xã Hải Ninh", "part", True),
    ]
    assert data["new_address"] is None
    assert data["new"][1]["path"][0]["attributes"] == {"holds_former_centre": True}


def test_convert_on_another_date(world, client, openapi):
    data = get(
        client,
        openapi,
        CONVERT,
        200,
        address="Phường Hòa Lạc, Móng Cái, Quảng Ninh",
        on="2024-06-01",
    )
    assert data["on"] == "2024-06-01" and data["old"]["code"] == "06718"
    assert [s["kind"] for s in data["new"][0]["path"]] == ["merge", "consolidate"]


def test_an_address_not_found_is_404_with_similar_names(world, client, openapi):
    data = get(client, openapi, CONVERT, 404, address="Xã Hòa Lạc, Móng Cái, Quảng Ninh")
    assert data["status"] == "not_found" and data["level"] == "commune"
    [error] = data["errors"]
    assert (error["code"], error["field"]) == ("address_not_found", "address")
    assert error["message"].startswith("Không có xã, phường, thị trấn nào tên “Xã Hòa Lạc”")
    assert [c["code"] for c in data["candidates"]] == ["06712"]
    assert data["old"] is None and data["new"] == []


def test_an_ambiguous_address_is_400_with_every_candidate(world, client, openapi):
    data = get(client, openapi, CONVERT, 400, address="Phường 1")
    assert data["status"] == "ambiguous"
    assert data["errors"][0]["code"] == "address_ambiguous"
    assert sorted(c["code"] for c in data["candidates"]) == ["26506", "27139", "27190"]
    assert "khớp với 3 đơn vị" in data["errors"][0]["message"]


@pytest.mark.parametrize(
    ("params", "code", "field"),
    [
        ({}, "required", "address"),
        ({"address": "  "}, "required", "address"),
        ({"address": "Trần Phú", "on": "30/06/2025"}, "invalid_date", "on"),
        ({"address": "Trần Phú", "on": "2025-07-01", "to": "2025-06-30"}, "dates_reversed", "to"),
    ],
)
def test_invalid_parameters_are_400(world, client, openapi, params, code, field):
    data = get(client, openapi, CONVERT, 400, **params)
    assert [(e["code"], e["field"]) for e in data["errors"]] == [(code, field)]
    assert data["errors"][0]["message"]


def test_reverse_lists_the_old_units(world, client, openapi):
    data = get(client, openapi, REVERSE, 200, unit="Xã Hải Ninh", province="Quảng Ninh")
    assert data["unit"]["code"] == "06733" and data["unit"]["unit_id"] == world.new("06733").pk
    assert [(o["code"], o["share"], o["holds_former_centre"]) for o in data["old"]] == [
        ("06733", "whole", None),
        ("06739", "part", True),
    ]
    assert data["on"] == "2025-07-01" and data["to"] == "2025-06-30"
    by_code = get(client, openapi, REVERSE, 200, unit="06712")
    assert [o["name"] for o in by_code["old"]] == ["Phường Hải Hòa", "Phường Trần Phú"]


def test_reverse_refusals(world, client, openapi):
    missing = get(client, openapi, REVERSE, 404, unit="Phường Trần Phú", province="Quảng Ninh")
    assert missing["errors"][0]["field"] == "unit"
    several = get(client, openapi, REVERSE, 400, unit="Phường 1", on="2025-06-30", to="2025-01-01")
    assert len(several["candidates"]) == 3
    assert get(client, openapi, REVERSE, 400)["errors"][0]["code"] == "required"


def test_the_schema_documents_both_endpoints(openapi):
    for path, parameters in (
        ("/api/address/convert/", {"address", "on", "to"}),
        ("/api/address/reverse/", {"unit", "province", "on", "to"}),
    ):
        operation = openapi["paths"][path]["get"]
        assert {p["name"] for p in operation["parameters"]} == parameters
        assert set(operation["responses"]) >= {"200", "400", "401", "404"}


def test_messages_follow_the_language_asked_for(world, client):
    response = client.get(
        f"{CONVERT}?{urlencode({'address': 'Quảng Ninhh'})}", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 404
    assert response.json()["errors"][0]["message"].startswith("No province")
