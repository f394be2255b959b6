"""Reading units at a date: search, one unit, tree, history, lineage, diff, code look-up.

Every successful response is also checked against the published OpenAPI schema."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from rest_framework.test import APIClient

from tests.registry.helpers import D

from .schema import conforms

pytestmark = pytest.mark.django_db


def get(client: APIClient, openapi: dict[str, Any], url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.json()
    if status == 200:
        conforms(openapi, url, "get", status, response.json())
    return response.json()


def names(rows: list[dict[str, Any]]) -> list[str]:
    return [row["name"] for row in rows]


def test_search_ignores_diacritics_and_answers_for_the_date(world, client, openapi):
    later = get(client, openapi, "/api/units/?q=mong cai&on=2026-01-01")
    assert names(later["results"]) == ["Phường Móng Cái 1", "Thành phố Móng Cái"]
    earlier = get(client, openapi, "/api/units/?q=MONG CAI&on=2020-01-01")
    assert names(earlier["results"]) == ["Thành phố Móng Cái"]
    city = earlier["results"][0]
    assert city["unit_id"] == world.city.pk
    assert city["codes"] == [
        {"scheme": "gso", "code": "193", "valid_from": "2010-01-01", "valid_to": None}
    ]


def test_search_pages_with_limit_and_offset(world, client, openapi):
    first = get(client, openapi, "/api/units/?q=phuong&on=2020-01-01&limit=1")
    assert names(first["results"]) == ["Phường Hải Hòa"]
    assert first["previous"] is None and "offset=1" in first["next"]
    second = get(client, openapi, first["next"])
    assert names(second["results"]) == ["Phường Trần Phú"]
    assert second["next"] is None and second["previous"] is not None


def test_the_date_defaults_to_today(world, client, openapi):
    with mock.patch("tinhgon.api.params.today", return_value=D(2020, 1, 1)):
        assert names(get(client, openapi, "/api/units/?q=mong cai")["results"]) == [
            "Thành phố Móng Cái"
        ]
    with mock.patch("tinhgon.api.params.today", return_value=D(2026, 1, 1)):
        assert len(get(client, openapi, "/api/units/?q=mong cai")["results"]) == 2


@pytest.mark.parametrize("form", ["id:{pk}", "%23{pk}", "{pk}", "code:06715", "06715"])
def test_a_unit_by_any_form_of_reference(world, client, openapi, form):
    url = "/api/units/" + form.format(pk=world.hai_hoa.pk) + "/?on=2020-01-01"
    unit = get(client, openapi, url)
    assert (unit["unit_id"], unit["name"], unit["subtype"]) == (
        world.hai_hoa.pk,
        "Phường Hải Hòa",
        "ward",
    )
    assert [c["code"] for c in unit["codes"]] == ["06715"]


def test_a_unit_is_shown_as_it_was_on_the_date(world, client, openapi):
    ref = f"id:{world.hai_hoa.pk}"
    assert get(client, openapi, f"/api/units/{ref}/?on=2012-12-31")["name"] == "Xã Hải Hòa"
    assert get(client, openapi, f"/api/units/{ref}/?on=2013-01-01")["name"] == "Phường Hải Hòa"
    gone = get(client, openapi, f"/api/units/{ref}/?on=2025-07-01", status=404)
    assert gone["errors"][0]["code"] == "unit_not_valid_on"


def test_a_reused_code_points_to_the_unit_of_the_date(world, client, openapi):
    before = get(client, openapi, "/api/units/06712/?on=2025-06-30")
    after = get(client, openapi, "/api/units/06712/?on=2025-07-01")
    assert (before["unit_id"], before["name"]) == (world.tran_phu.pk, "Phường Trần Phú")
    assert (after["unit_id"], after["name"]) == (world.mong_cai_1.pk, "Phường Móng Cái 1")


def test_tree_at_a_date_leaves_out_later_units(world, client, openapi):
    def wards(on: str) -> list[str]:
        tree = get(client, openapi, f"/api/units/22/tree/?on={on}&depth=2")
        (city,) = tree["children"]
        return names(city["children"])

    assert wards("2020-01-01") == ["Phường Hải Hòa", "Phường Trần Phú"]
    assert wards("2026-01-01") == ["Phường Móng Cái 1"]


def test_tree_depth(world, client, openapi):
    one = get(client, openapi, "/api/units/22/tree/?on=2020-01-01")
    assert names(one["children"]) == ["Thành phố Móng Cái"]
    assert one["children"][0]["children"] == [], "depth 1 by default"
    assert get(client, openapi, "/api/units/22/tree/?on=2020-01-01&depth=0")["children"] == []


def test_history_lists_every_version_and_event(world, client, openapi):
    record = get(client, openapi, f"/api/units/id:{world.hai_hoa.pk}/history/")
    assert names(record["versions"]) == ["Xã Hải Hòa", "Phường Hải Hòa"]
    assert record["versions"][1]["valid_to"] == "2025-07-01"
    assert [e["event"]["kind"] for e in record["events"]] == [
        "reclassify",
        "reclassify",
        "consolidate",
    ]
    # queries.history orders rows by event only: within one event their order is not defined.
    assert sorted((e["event"]["id"], e["role"]) for e in record["events"]) == [
        (world.reclassify.pk, "input"),
        (world.reclassify.pk, "output"),
        (world.consolidate.pk, "input"),
    ]


def test_lineage_forward_and_back(world, client, openapi):
    forward = get(client, openapi, "/api/units/06712/lineage/?on=2020-01-01&to=2026-01-01")
    assert [(e["unit_id"], e["share"], len(e["path"])) for e in forward] == [
        (world.mong_cai_1.pk, "whole", 1)
    ]
    assert forward[0]["path"][0]["event_id"] == world.consolidate.pk
    back = get(client, openapi, "/api/units/06712/lineage/?on=2026-01-01&to=2020-01-01")
    assert sorted(e["version"]["name"] for e in back) == ["Phường Hải Hòa", "Phường Trần Phú"]


def test_diff_counts_what_ended_and_started(world, client, openapi):
    result = get(client, openapi, "/api/units/193/diff/?from=2020-01-01&to=2026-01-01")
    (communes,) = [row for row in result["by_kind"] if row["kind"] == "commune"]
    counts = {k: communes[k] for k in ("before", "after", "change", "ended", "started")}
    assert counts == {"before": 2, "after": 1, "change": -1, "ended": 2, "started": 1}
    assert names(result["ended"]) == ["Phường Hải Hòa", "Phường Trần Phú"]
    assert names(result["started"]) == ["Phường Móng Cái 1"]
    assert (result["from"], result["to"]) == ("2020-01-01", "2026-01-01")


def test_code_lookup_at_two_dates(world, client, openapi):
    old = get(client, openapi, "/api/codes/06712/?on=2020-01-01")
    new = get(client, openapi, "/api/codes/06712/?on=2025-07-01&scheme=gso")
    assert [m["unit"]["name"] for m in old["matches"]] == ["Phường Trần Phú"]
    assert old["matches"][0]["valid_to"] == "2025-07-01"
    assert [m["unit"]["name"] for m in new["matches"]] == ["Phường Móng Cái 1"]
    assert new["matches"][0]["unit_id"] == world.mong_cai_1.pk


def test_code_lookup_is_limited_to_the_scheme_asked(world, client, openapi):
    body = get(client, openapi, "/api/codes/06712/?on=2020-01-01&scheme=party", status=404)
    assert body["errors"][0]["code"] == "unit_not_found"
