"""Bad input to reads: 400 or 404 JSON with every problem named and told in Vietnamese."""

from __future__ import annotations

from typing import Any

import pytest

from .schema import conforms

pytestmark = pytest.mark.django_db


def errors(client: Any, openapi: dict[str, Any], url: str, status: int) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == status, response.json()
    conforms(openapi, url, "get", status, response.json())
    return response.json()["errors"]  # type: ignore[no-any-return]


def test_an_unknown_code_is_a_404_in_vietnamese(world, client, openapi):
    expected = {
        "code": "unit_not_found",
        "field": "code",
        "message": "Không có đơn vị nào mang mã hoặc số hiệu “99999” vào ngày 01/01/2020.",
    }
    assert errors(client, openapi, "/api/codes/99999/?on=2020-01-01", 404) == [expected]
    unit = errors(client, openapi, "/api/units/code:99999/?on=2020-01-01", 404)
    assert unit == [
        {
            **expected,
            "field": "ref",
            "message": expected["message"].replace("“99999”", "“code:99999”"),
        }
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/api/units/?q=mong&on=2025-13-01",
        "/api/units/193/?on=01/01/2020",
        "/api/units/193/tree/?on=yesterday",
        "/api/codes/06712/?on=2025-02-30",
    ],
)
def test_a_bad_date_is_a_400_naming_the_parameter(world, client, openapi, url):
    (error,) = errors(client, openapi, url, 400)
    assert (error["code"], error["field"]) == ("invalid_date", "on")
    assert "không phải là ngày hợp lệ" in error["message"]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/units/", "q"),
        ("/api/units/193/lineage/?on=2020-01-01", "to"),
        ("/api/units/193/diff/?to=2020-01-01", "from"),
        ("/api/units/193/diff/?from=2020-01-01", "to"),
    ],
)
def test_a_missing_parameter_is_a_400(world, client, openapi, url, field):
    assert errors(client, openapi, url, 400) == [
        {"code": "required", "field": field, "message": "Trường này là bắt buộc."}
    ]


@pytest.mark.parametrize(
    ("url", "field", "code"),
    [
        ("/api/units/22/tree/?depth=-1", "depth", "invalid_value"),
        ("/api/units/22/tree/?depth=two", "depth", "invalid_value"),
        ("/api/units/22/tree/?depth=²", "depth", "invalid_value"),
        ("/api/units/?q=mong&limit=0", "limit", "invalid_value"),
        ("/api/units/?q=mong&limit=501", "limit", "invalid_value"),
        ("/api/events/?offset=-5", "offset", "invalid_value"),
        ("/api/events/?kind=explode", "kind", "invalid_choice"),
        ("/api/codes/06712/?scheme=zip", "scheme", "invalid_choice"),
    ],
)
def test_a_bad_value_is_a_400(world, client, openapi, url, field, code):
    (error,) = errors(client, openapi, url, 400)
    assert (error["field"], error["code"]) == (field, code)
    assert "không" in error["message"]


def test_a_unit_reference_in_a_filter_is_checked(world, client, openapi):
    (error,) = errors(client, openapi, "/api/events/?unit=99999", 404)
    assert (error["code"], error["field"]) == ("unit_not_found", "unit")
