"""The OpenAPI document: served at a stable URL, generated without warnings, describing the
`on` date of every read, and strict enough that a response it does not describe fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from .schema import conforms

PATHS = {
    "/api/export/popolo/": ["get"],
    "/api/export/org/": ["get"],
    "/api/indicators/": ["get"],
    "/api/indicators/{key}/": ["get"],
    "/api/schemes/": ["get"],
    "/api/reports/{kind}/": ["post"],
    "/api/jobs/{id}/": ["get"],
    "/api/jobs/{id}/file/": ["get"],
    "/api/dashboard/": ["get"],
    "/api/units/": ["get"],
    "/api/units/{ref}/": ["get"],
    "/api/units/{ref}/tree/": ["get"],
    "/api/units/{ref}/history/": ["get"],
    "/api/units/{ref}/lineage/": ["get"],
    "/api/units/{ref}/diff/": ["get"],
    "/api/codes/{code}/": ["get"],
    "/api/events/": ["get", "post"],
    "/api/events/{id}/": ["get"],
    "/api/documents/": ["get"],
    "/api/documents/{id}/": ["get", "patch"],
    "/api/admin-units/provinces/": ["get"],
    "/api/admin-units/provinces/{ref}/transition/": ["get"],
    "/api/admin-units/summary/": ["get"],
    "/api/address/convert/": ["get"],
    "/api/address/reverse/": ["get"],
    "/api/units/{ref}/posts/": ["get"],
    "/api/posts/{id}/": ["get"],
    "/api/persons/": ["get"],
    "/api/persons/{id}/": ["get"],
    "/api/policies/": ["get"],
    "/api/coverage/": ["get"],
    "/api/coverage/projection/": ["get"],
    "/api/non-local/": ["get"],
    "/api/units/{ref}/staffing/": ["get"],
    "/api/reductions/": ["get"],
    "/api/units/{ref}/staffing/targets/": ["get"],
    "/api/party/organizations/{ref}/": ["get"],
    "/api/party/counts/": ["get"],
    "/api/party/admissions/": ["get"],
    "/api/party/admission-rates/": ["get"],
    "/api/party/term-admissions/": ["get"],
    "/api/party/confirmations-due/": ["get"],
    "/api/party/structure/": ["get"],
    "/api/party/statistics/": ["get"],
    "/api/party/ratings/": ["get", "post"],
    "/api/party/pipeline/": ["get"],
    "/api/party/congresses/": ["post"],
    "/api/party/members/": ["get", "post"],
    "/api/party/members/{id}/": ["get"],
    "/api/party/members/{id}/confirm/": ["post"],
    "/api/party/members/{id}/transfer/": ["post"],
    "/api/party/members/{id}/end/": ["post"],
    "/api/plans/": ["get", "post"],
    "/api/plans/compare/": ["get"],
    "/api/plans/{id}/": ["get"],
    "/api/plans/{id}/events/": ["post"],
    "/api/plans/{id}/events/{position}/": ["delete", "put"],
    "/api/plans/{id}/impact/": ["get", "post"],
    "/api/plans/{id}/checks/": ["get"],
    "/api/plans/{id}/submit/": ["post"],
    "/api/plans/{id}/approve/": ["post"],
    "/api/plans/{id}/reject/": ["post"],
}


def served(language: str = "vi") -> dict[str, Any]:
    response = APIClient().get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_the_schema_url_serves_an_openapi_3_document_with_every_path():
    document = served()
    assert document["openapi"].startswith("3.")
    assert {path: sorted(ops) for path, ops in document["paths"].items()} == PATHS


def test_the_schema_is_in_vietnamese_unless_english_is_asked_for():
    assert served()["paths"]["/api/units/"]["get"]["summary"] == "Tìm đơn vị theo tên"
    assert served("en")["paths"]["/api/units/"]["get"]["summary"] == "Search units by name"


def test_every_read_documents_its_date(openapi):
    without_on = {"/api/units/{ref}/diff/", "/api/events/{id}/", "/api/documents/"}
    without_on |= {"/api/documents/{id}/", "/api/posts/{id}/", "/api/persons/"}
    without_on |= {"/api/persons/{id}/", "/api/reductions/", "/api/indicators/"}
    without_on |= {"/api/schemes/"}  # every scheme with its dates, like the catalogue
    without_on |= {"/api/jobs/{id}/", "/api/jobs/{id}/file/"}  # a job is not about a date
    # A plan is read at its own dates (base and effective).
    without_on |= {"/api/plans/", "/api/plans/compare/", "/api/plans/{id}/"}
    without_on |= {"/api/plans/{id}/impact/", "/api/plans/{id}/checks/"}
    # Party reads about a period or a year name their dates (from/to, years, a term).
    without_on |= {"/api/party/admissions/", "/api/party/admission-rates/"}
    without_on |= {"/api/party/term-admissions/", "/api/party/confirmations-due/"}
    without_on |= {"/api/party/ratings/", "/api/party/pipeline/", "/api/party/members/{id}/"}
    for path, operations in openapi["paths"].items():
        if path in without_on or "get" not in operations:  # writes alone have no date to read
            continue
        parameters = {p["name"]: p for p in operations["get"].get("parameters", [])}
        assert parameters["on"]["schema"] == {"type": "string", "format": "date"}, path
        assert parameters["on"]["in"] == "query" and not parameters["on"].get("required")
    diff = {p["name"]: p for p in openapi["paths"]["/api/units/{ref}/diff/"]["get"]["parameters"]}
    assert diff["from"]["required"] and diff["to"]["required"]


def test_every_operation_needs_credentials_and_documents_refusals(openapi):
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            assert {} not in operation["security"], (method, path)
            assert {"tokenAuth": []} in operation["security"], (method, path)
            assert {"401", "403"} <= set(operation["responses"]), (method, path)


def test_the_schema_generates_and_validates_without_warnings(tmp_path: Path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tinhgon.settings.test"}
    command = [
        sys.executable,
        "-m",
        "tinhgon.manage",
        "spectacular",
        "--validate",
        "--fail-on-warn",
    ]
    result = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [*command, "--file", str(tmp_path / "schema.yaml")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr
    assert "/api/units/{ref}/lineage/:" in (tmp_path / "schema.yaml").read_text(encoding="utf-8")


UNIT = {
    "unit_id": 1,
    "name": "Phường Ka Long",
    "kind": "commune",
    "kind_group": "administrative",
    "subtype": "ward",
    "parent_id": None,
    "territory_id": None,
    "attributes": {},
    "valid_from": "2010-01-01",
    "valid_to": None,
    "opened_by_event_id": None,
    "closed_by_event_id": None,
    "codes": [],
}


@pytest.mark.parametrize(
    "change",
    [
        {"extra": 1},  # a field the schema does not describe
        {"kind": "kingdom"},  # outside the enum
        {"valid_from": None},  # not nullable
        {"valid_from": "01/01/2010"},  # not a date
        {"codes": [{"scheme": "gso", "code": "06709"}]},  # a code without its dates
    ],
)
def test_the_response_check_catches_what_the_schema_does_not_describe(openapi, change):
    conforms(openapi, "/api/units/1/", "get", 200, UNIT)
    with pytest.raises(AssertionError):
        conforms(openapi, "/api/units/1/", "get", 200, {**UNIT, **change})


def test_the_response_check_catches_a_missing_field(openapi):
    missing = {k: v for k, v in UNIT.items() if k != "name"}
    with pytest.raises(AssertionError, match="'name' is a required property"):
        conforms(openapi, "/api/units/1/", "get", 200, missing)
