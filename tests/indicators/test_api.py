"""The indicator API: the catalogue, a figure with its records, refusals as 400 with the
Vietnamese message; responses conform to the OpenAPI schema."""

from __future__ import annotations

import pytest

from tests.api.schema import conforms, openapi_document

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi():
    return openapi_document()


def test_the_catalogue(demo, client, openapi):
    response = client.get("/api/indicators/")
    assert response.status_code == 200
    conforms(openapi, "/api/indicators/", "get", 200, response.json())
    keys = {i["key"]: i for i in response.json()}
    assert keys["admissions"]["period"] is True and keys["unification_coverage"]["params"] == [
        "policy"
    ]


def test_party_organizations_on_the_2024_report_date(demo, client, openapi):
    response = client.get("/api/indicators/party_organizations/?scope=194&on=2024-10-09")
    assert response.status_code == 200, response.content
    body = response.json()
    conforms(openapi, "/api/indicators/{key}/", "get", 200, body)
    figures = {f["key"]: f["value"] for f in body["figures"]}
    assert (figures["grassroots"], figures["cells_under_committees"]) == (36, 263)


def test_coverage_with_the_places_behind_it(demo, client, openapi):
    response = client.get(
        "/api/indicators/unification_coverage/?scope=194&on=2020-06-30"
        "&policy=commune-secretary-committee-chair&explain=true"
    )
    body = response.json()
    conforms(openapi, "/api/indicators/{key}/", "get", 200, body)
    assert (body["figures"][0]["value"], body["figures"][0]["total"]) == (17, 17)
    assert len(body["evidence"]) == 17 and body["explained"] is True


def test_refusals(demo, client, openapi):
    period = client.get("/api/indicators/admissions/?scope=194&on=2020-01-01")
    assert period.status_code == 400
    conforms(openapi, "/api/indicators/{key}/", "get", 400, period.json())
    assert "tính theo kỳ" in period.json()["errors"][0]["message"]
    unknown = client.get("/api/indicators/nothing/?scope=194&on=2020-01-01")
    assert unknown.status_code == 400
    assert "Không có chỉ tiêu nào" in unknown.json()["errors"][0]["message"]
