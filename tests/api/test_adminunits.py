"""/api/admin-units/: the provinces on a date, a province before and after 2025-07-01, counts.

Quảng Ninh (22) is loaded from the package once for the module; expected values come from the
package's files or from published facts. Every successful response is checked against the
published OpenAPI schema."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.adminunits.package_facts import (
    SUBTYPE,
    districts_of,
    new_of,
    old_of,
    package,
    resolution,
)
from tinhgon.adminunits.loader import load_admin_units

from .schema import conforms

MONG_CAI_1 = {
    "Phường Trần Phú",
    "Phường Hải Hòa",
    "Xã Hải Xuân",
    "Phường Bình Ngọc",
    "Phường Trà Cổ",
}


@pytest.fixture(scope="module")
def quang_ninh(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        load_admin_units(provinces=["22"])
        yield
        call_command("flush", interactive=False, verbosity=0)


pytestmark = pytest.mark.django_db


def get(client: APIClient, openapi: dict[str, Any], url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.json()
    if status == 200:
        conforms(openapi, url, "get", status, response.json())
    return response.json()


def by_name(rows: list[dict[str, Any]], name: str) -> dict[str, Any]:
    (found,) = [r for r in rows if r["name"] == name]
    return found


def test_the_three_paths_are_in_the_schema_with_their_date(openapi):
    for path in (
        "/api/admin-units/provinces/",
        "/api/admin-units/provinces/{ref}/transition/",
        "/api/admin-units/summary/",
    ):
        operation = openapi["paths"][path]["get"]
        parameters = {p["name"]: p for p in operation["parameters"]}
        assert parameters["on"]["schema"] == {"type": "string", "format": "date"}, path
        assert operation["tags"] == ["admin-units"]


def test_the_provinces_on_each_side(quang_ninh, client, openapi):
    before = get(client, openapi, "/api/admin-units/provinces/?on=2025-06-30")
    assert before["on"] == "2025-06-30" and before["count"] == 1
    (row,) = before["results"]
    assert (row["name"], row["code"], row["subtype"]) == ("Tỉnh Quảng Ninh", "22", "province")
    assert row["districts"] == len(districts_of("22"))
    kinds = Counter(SUBTYPE[package()["old"][c][2]] for c in old_of("22"))
    assert row["communes"] == {"total": len(old_of("22")), "by_subtype": dict(kinds)}
    assert [p["code"] for p in row["counterparts"]] == ["22"]
    after = get(client, openapi, "/api/admin-units/provinces/?on=2025-07-01")["results"][0]
    assert after["districts"] == 0 and after["communes"]["total"] == len(new_of("22"))
    expected = resolution("Tỉnh Quảng Ninh")
    assert [(d["number"], d["status"]) for d in after["documents"]] == [
        (expected["resolution_number"], expected["status"])
    ]
    assert get(client, openapi, "/api/admin-units/provinces/?on=2020-01-01")["count"] == 0


def test_a_new_province_lists_each_new_commune_with_its_predecessors(quang_ninh, client, openapi):
    data = get(client, openapi, "/api/admin-units/provinces/22/transition/?on=2025-07-01")
    assert (data["side"], data["date"], data["reform_date"]) == (
        "after",
        "2025-07-01",
        "2025-07-01",
    )
    assert data["province"]["name"] == "Tỉnh Quảng Ninh"
    assert {r["code"] for r in data["new_units"]} == new_of("22")
    divided = {f[0] for f in package()["flows"] if f[0] in old_of("22") and f[2] == "part"}
    assert data["totals"] == {
        "new_units": len(new_of("22")),
        "old_units": len(old_of("22")),
        "divided": len(divided),
    }
    row = by_name(data["new_units"], "Phường Móng Cái 1")
    assert row["code"] == "06712" and row["divided"] is False
    assert {p["name"] for p in row["predecessors"]} == MONG_CAI_1
    assert {p["share"] for p in row["predecessors"]} == {"whole"}
    assert data["documents"][0]["number"] == "1679/NQ-UBTVQH15"


def test_an_old_province_lists_each_old_commune_with_its_successors(quang_ninh, client, openapi):
    data = get(client, openapi, "/api/admin-units/provinces/22/transition/?on=2025-06-30")
    assert data["side"] == "before" and data["date"] == "2025-06-30"
    assert {r["code"] for r in data["old_units"]} == old_of("22")
    tran_phu = by_name(data["old_units"], "Phường Trần Phú")
    assert [(s["name"], s["code"], s["share"]) for s in tran_phu["successors"]] == [
        ("Phường Móng Cái 1", "06712", "whole")
    ]
    assert [a["name"] for a in tran_phu["absorbed"]] == ["Phường Hòa Lạc"]
    quang_long = by_name(data["old_units"], "Xã Quảng Long")
    expected = {
        (package()["new"][new][1], share, centre)
        for old, new, share, centre in package()["flows"]
        if old == quang_long["code"]
    }
    got = {(s["name"], s["share"], s["holds_former_centre"]) for s in quang_long["successors"]}
    assert got == expected and quang_long["divided"] is True


def test_filters(quang_ninh, client, openapi):
    url = "/api/admin-units/provinces/22/transition/?on=2025-07-01"
    zones = get(client, openapi, url + "&kind=special_zone")
    assert {r["name"] for r in zones["new_units"]} == {"Đặc khu Vân Đồn", "Đặc khu Cô Tô"}
    assert zones["filters"] == {"kind": "special_zone", "divided": False, "q": ""}
    found = get(client, openapi, url + "&q=mong%20cai%201")
    assert [r["name"] for r in found["new_units"]] == ["Phường Móng Cái 1"]
    divided = get(client, openapi, url + "&divided=true")
    parts = {f[1] for f in package()["flows"] if f[1] in new_of("22") and f[2] == "part"}
    assert {r["code"] for r in divided["new_units"]} == parts
    assert divided["totals"]["new_units"] == len(new_of("22")), "totals are before the filters"


@pytest.mark.parametrize(
    ("query", "status", "code", "field"),
    [
        ("22/transition/?kind=district", 400, "invalid_choice", "kind"),
        ("22/transition/?divided=perhaps", 400, "invalid_value", "divided"),
        ("22/transition/?on=2025-02-30", 400, "invalid_date", "on"),
        ("06712/transition/?on=2025-07-01", 404, "not_a_province", "province"),
        ("code:99/transition/?on=2025-07-01", 404, "unit_not_found", "ref"),
        ("?on=yesterday", 400, "invalid_date", "on"),
    ],
)
def test_bad_input_is_refused_in_vietnamese(quang_ninh, client, query, status, code, field):
    response = client.get("/api/admin-units/provinces/" + query)
    assert response.status_code == status
    body = response.json()
    (problem,) = body["errors"]
    assert (problem["code"], problem["field"]) == (code, field)
    assert any(letter in problem["message"] for letter in "ăâđêôơưạảấầếềệịọốồộớờợụủứừựỳỹ")


def test_the_summary_counts_by_kind(quang_ninh, client, openapi):
    before = get(client, openapi, "/api/admin-units/summary/?on=2025-06-30")
    assert before["province"] is None
    assert before["provinces"] == {"total": 1, "by_subtype": {"municipality": 0, "province": 1}}
    assert before["districts"]["total"] == len(districts_of("22"))
    kinds = Counter(SUBTYPE[package()["old"][c][2]] for c in old_of("22"))
    assert {k: v for k, v in before["communes"]["by_subtype"].items() if v} == dict(kinds)
    after = get(client, openapi, "/api/admin-units/summary/?on=2025-07-01&province=22")
    assert after["province"]["name"] == "Tỉnh Quảng Ninh"
    assert after["districts"]["total"] == 0
    new_kinds = Counter(SUBTYPE[package()["new"][c][2]] for c in new_of("22"))
    assert after["communes"]["total"] == len(new_of("22"))
    assert {k: v for k, v in after["communes"]["by_subtype"].items() if v} == dict(new_kinds)
    missing = get(client, openapi, "/api/admin-units/summary/?on=2025-07-01&province=98", 404)
    assert missing["errors"][0]["field"] == "province"
