"""The people endpoints on the Móng Cái demo, each answer checked against the schema; what a
viewer gets (counts, no persons) against an organization-board officer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from tinhgon.audit.models import ChangeRecord
from tinhgon.people.models import Holding
from tinhgon.registry.queries import unit_resolve

from .schema import conforms

pytestmark = pytest.mark.django_db
ON = dt.date(2020, 6, 1)


def api(name: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(get_user_model().objects.get(username=name))
    return client


def get(client: APIClient, openapi: dict[str, Any], url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    if status == 200:
        conforms(openapi, url, "get", status, response.json())
    return response.json()


def secretary_of(code: str) -> Holding:
    commune = unit_resolve(code, ON)
    holdings = Holding.objects.as_of(ON).filter(
        post__post_type="secretary", unit__versions__territory=commune
    )
    found = holdings.select_related("person").distinct().first()
    assert found is not None
    return found


def test_coverage_of_the_three_2020_figures(demo, openapi):
    """mong-cai.md, 2020: 17/17 secretaries chair the People's Committee, 17/17 deputy
    secretaries chair the People's Council, every cell secretary heads the village."""
    for policy in ("commune-secretary-committee-chair", "commune-deputy-secretary-council-chair"):
        result = get(api("nguoixem"), openapi, f"/api/coverage/?policy={policy}&scope=194&on={ON}")
        assert (result["complying"], result["total"], result["rate"]) == (17, 17, 1.0)
        # The viewer sees places, not persons.
        assert not result["persons_shown"]
        assert all(not p["lead_holders"] for p in result["places"])
    cells = get(
        api("quantri"),
        openapi,
        f"/api/coverage/?policy=cell-secretary-village-head&scope=194&on={ON}",
    )
    assert cells["total"] > 0 and cells["complying"] == cells["total"]


def test_non_local_secretaries(demo, openapi):
    result = get(api("bantochuc"), openapi, f"/api/non-local/?scope=194&on={ON}")
    assert (result["non_local"], result["total"]) == (17, 17)


def test_posts_career_and_the_logged_read(demo, openapi):
    holding = secretary_of("06724")
    posts = get(api("bantochuc"), openapi, f"/api/units/id:{holding.unit_id}/posts/?on={ON}")
    names = [h["person"]["full_name"] for p in posts["posts"] for h in p["holders"]]
    assert holding.person.full_name in names
    viewer = get(api("nguoixem"), openapi, f"/api/units/id:{holding.unit_id}/posts/?on={ON}")
    assert all(h["person"] is None for p in viewer["posts"] for h in p["holders"])

    reads = ChangeRecord.objects.filter(action="read").count()
    career = get(api("bantochuc"), openapi, f"/api/persons/{holding.person_id}/")
    assert career["person"]["birth_date"] == holding.person.birth_date.isoformat()
    assert any(e["holding_id"] == holding.pk for e in career["entries"])
    assert ChangeRecord.objects.filter(action="read").count() == reads + 1
    get(api("nguoixem"), openapi, f"/api/persons/{holding.person_id}/", status=404)
    history = get(api("bantochuc"), openapi, f"/api/posts/{holding.post_id}/")
    assert history["post"]["post_id"] == holding.post_id


def test_persons_search_and_policies(demo, openapi):
    holding = secretary_of("06724")
    found = get(api("bantochuc"), openapi, "/api/persons/?q=" + holding.person.search_text)
    assert holding.person_id in [p["id"] for p in found]
    assert get(api("nguoixem"), openapi, "/api/persons/?q=" + holding.person.search_text) == []
    codes = [p["code"] for p in get(api("nguoixem"), openapi, "/api/policies/")]
    assert "cell-secretary-village-head" in codes


def test_projection_answers_for_a_future_date(demo, openapi):
    url = f"/api/coverage/projection/?policy=cell-secretary-village-head&scope=194&on={ON}"
    result = get(api("quantri"), openapi, url + "&to=2021-06-01")
    assert result["baseline"]["on"] == ON.isoformat()
    assert result["coverage"]["on"] == "2021-06-01"
