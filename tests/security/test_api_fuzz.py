"""Schemathesis against the OpenAPI schema the API publishes: every operation, signed in as a
superuser (who sees everything), must answer without a server error and as its schema says.

Examples are bounded and derandomized so that a run is repeatable and stays well under a minute
on each database; the WSGI app runs in the test's thread, inside the test's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.registry.helpers import apply, ref, register
from tinhgon.registry.models import Event, LegalDocument

CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def token(db: Any) -> str:
    admin = User.objects.create_superuser("quan.tri", "quan.tri@example.vn", "x")
    # A little data so that reads find something: a province, a city, a ward renamed in 2013.
    province = register("Tỉnh Quảng Ninh", "province", codes=["22"])
    city = register("Thành phố Móng Cái", "district", parent=province, codes=["193"])
    ward = register("Phường Trần Phú", "commune", parent=city, codes=["06712"], subtype="ward")
    apply("reclassify", "2013-01-01", unit=ref(ward), changes={"name": "Phường Trần Phú 1"})
    return Token.objects.create(user=admin).key


@pytest.fixture
def same_connection() -> Iterator[None]:
    """Keep the test's database connection open across requests, as Django's test client does:
    the real WSGI handler would close it when a request ends (CONN_MAX_AGE 0), and with it the
    test's transaction on PostgreSQL."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


# Loaded once, when the tests are collected: the schema endpoint itself needs no sign-in and no
# database. Each operation becomes its own test, named by its method and path.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(
    case: schemathesis.Case, token: str, same_connection: None
) -> None:
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


@pytest.mark.parametrize(
    "url",
    [
        "/api/units/?q=Tr%E1%BA%A7n%00Ph%C3%BA",
        "/api/units/06712%00/",
        "/api/codes/06712%00/",
        "/api/documents/?q=%00",
        "/api/address/convert/?address=P.%20Tr%E1%BA%A7n%20Ph%C3%BA%00",
    ],
)
def test_a_nul_character_is_a_clean_400(url: str, token: str) -> None:
    """Found by this fuzzing on PostgreSQL, which cannot compare text holding NUL: a 500 before."""
    response = Client().get(url, HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["code"] == "invalid_value"


def test_a_nul_character_in_a_body_is_a_clean_400_and_nothing_is_written(token: str) -> None:
    ward = register("Phường Hải Hòa", "commune", codes=["06715"], subtype="ward")
    before = Event.objects.count(), LegalDocument.objects.count()
    body = {
        "kind": "rename",
        "effective_on": "2026-01-01",
        "documents": [
            {
                "number": "12/NQ-HĐND\x00",
                "issuer": "Hội đồng nhân dân tỉnh Quảng Ninh",
                "kind": "resolution",
                "signed_on": "2025-12-01",
            }
        ],
        "unit": ref(ward),
        "changes": {"name": "Phường\x00Hải Hòa 2"},
    }
    response = Client().post(
        "/api/events/",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 400, response.content
    fields = [problem["field"] for problem in response.json()["errors"]]
    assert fields == ["documents[0].number", "changes.name"]
    assert (Event.objects.count(), LegalDocument.objects.count()) == before
