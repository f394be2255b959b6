"""The staffing endpoints and pages on the Móng Cái demo: the reported reduction figures of
mong-cai.md come out of the records, and a viewer sees counts, not persons."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.test import APIClient

from tinhgon.registry.queries import unit_resolve

from .schema import conforms

pytestmark = pytest.mark.django_db
# mong-cai.md: 156 reductions in party agencies, state management offices and communes
# from 2015 to 2020; 264 in all the city's agencies, units, communes and wards by mid-2019.
PARTY_STATE_COMMUNES_2015_2020 = 156
ALL_BY_MID_2019 = 264


def api(name: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(get_user_model().objects.get(username=name))
    return client


def get(client: APIClient, openapi: dict[str, Any], url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    conforms(openapi, url, "get", 200, response.json())
    return response.json()


def test_the_reported_reductions(demo, openapi):
    sectors = "&sector=party&sector=state&sector=commune"
    narrow = get(
        api("noivu"), openapi, f"/api/reductions/?scope=194&from=2015-01-01&to=2020-12-31{sectors}"
    )
    assert narrow["total"] == PARTY_STATE_COMMUNES_2015_2020
    assert sum(c["count"] for c in narrow["by_sector"]) == narrow["total"]
    wide = get(api("nguoixem"), openapi, "/api/reductions/?scope=194&from=2015-01-01&to=2019-06-30")
    assert wide["total"] == ALL_BY_MID_2019
    assert all(row["person"] is None for row in wide["rows"])


def test_a_bad_sector_is_refused(demo):
    response = api("noivu").get("/api/reductions/?scope=194&from=2015-01-01&to=2020-12-31&sector=x")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "sector"


def test_quota_against_headcount(demo, openapi):
    result = get(api("noivu"), openapi, "/api/units/194/staffing/?on=2020-06-30")
    assert result["headcount"] == sum(row["headcount"] for row in result["rows"])
    assert result["headcount"] == len(result["employees"])
    if result["quota"] is not None:
        assert result["difference"] == result["headcount"] - result["quota"]


def test_the_pages(demo):
    browser = Client()
    browser.force_login(get_user_model().objects.get(username="noivu"))
    city = unit_resolve("194", dt.date(2020, 6, 30))
    page = browser.get(f"/units/{city.pk}/staffing/?on=30/06/2020")
    assert page.status_code == 200
    assert "svg" in page.content.decode()
    totals = browser.get("/reductions/?scope=194&from=01/01/2015&to=30/06/2019")
    assert f"<strong>{ALL_BY_MID_2019}</strong>" in totals.content.decode()


def test_a_merger_page_shows_the_successors_staff_and_the_contract_check(demo):
    from tinhgon.registry.models import Event

    browser = Client()
    browser.force_login(get_user_model().objects.get(username="noivu"))
    office = Event.objects.filter(
        kind="consolidate",
        participants__role="output",
        participants__unit__versions__name__startswith="Cơ quan tham mưu",
    ).first()
    assert office is not None
    page = browser.get(f"/events/{office.pk}/").content.decode()
    assert "sau sắp xếp" in page and "Số người vượt chỉ tiêu biên chế" in page
    city = unit_resolve("194", dt.date(2015, 6, 30))
    # mong-cai.md: the city ended the practice of contract workers in professional posts.
    before = browser.get(f"/units/{city.pk}/staffing/?on=30/06/2015").content.decode()
    after = browser.get(f"/units/{city.pk}/staffing/?on=31/12/2020").content.decode()
    assert "người lao động hợp đồng đang giữ vị trí chuyên môn" in before
    assert "Không có người lao động hợp đồng" in after


def test_targets_compare_the_headcounts_of_their_dates(demo, openapi):
    targets = get(api("noivu"), openapi, "/api/units/194/staffing/targets/?on=2020-06-30")
    ten_percent = next(t for t in targets if t["required_rate"] == 0.1)
    change = ten_percent["change"]
    for day, count in (
        (ten_percent["base_on"], change["base"]),
        (ten_percent["due_on"], change["now"]),
    ):
        staffing = get(api("noivu"), openapi, f"/api/units/194/staffing/?on={day}")
        assert staffing["headcount"] == count
    assert change["change"] == change["now"] - change["base"]
    assert ten_percent["met"] == (change["rate"] <= -0.1)
