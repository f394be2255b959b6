"""People pages on the Móng Cái demo: posts and holders, a post's history, a person's career,
finding a person, the coverage page — each as the demo's roles see it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tinhgon.audit.models import ChangeRecord
from tinhgon.people.models import Holding, Person
from tinhgon.registry.queries import unit_resolve

pytestmark = pytest.mark.django_db
D = "01/06/2020"


def as_user(name: str) -> Client:
    browser = Client()
    browser.force_login(get_user_model().objects.get(username=name))
    return browser


def commune_secretary(code: str) -> Holding:
    """The party secretary of a commune on 2020-06-01, from the records."""
    import datetime as dt

    commune = unit_resolve(code, dt.date(2020, 6, 1))
    holdings = Holding.objects.as_of(dt.date(2020, 6, 1)).filter(
        post__post_type="secretary", unit__versions__territory=commune
    )
    found = holdings.select_related("person").distinct().first()
    assert found is not None
    return found


def test_the_posts_of_a_commune_party_committee_name_their_holders(demo: Any):
    secretary = commune_secretary("06724")
    url = f"/units/{secretary.unit_id}/posts/?on={D}"
    officer = as_user("bantochuc").get(url)
    assert officer.status_code == 200
    assert secretary.person.full_name in officer.content.decode()
    # A viewer sees that the post is held, not by whom.
    viewer = as_user("nguoixem").get(url)
    assert viewer.status_code == 200
    assert secretary.person.full_name not in viewer.content.decode()
    assert "(có người giữ)" in viewer.content.decode()


def test_a_person_page_shows_personal_data_to_those_who_need_it_and_logs_the_read(demo: Any):
    person = commune_secretary("06724").person
    url = f"/persons/{person.pk}/"
    before = ChangeRecord.objects.filter(action="read").count()
    page = as_user("bantochuc").get(url)
    assert page.status_code == 200
    shown = page.content.decode()
    assert person.full_name in shown and person.birth_date.strftime("%d/%m/%Y") in shown
    assert ChangeRecord.objects.filter(action="read").count() == before + 1
    read = ChangeRecord.objects.filter(action="read").latest("id")
    assert (read.user_name, read.object_id) == ("bantochuc", str(person.pk))
    # Viewers see no person; another commune's officer does not see this one.
    assert as_user("nguoixem").get(url).status_code == 404
    elsewhere = commune_secretary("06709").person
    assert as_user("xahaison").get(f"/persons/{elsewhere.pk}/").status_code == 404
    assert ChangeRecord.objects.filter(action="read").count() == before + 1


def test_finding_a_person_without_diacritics(demo: Any):
    person = commune_secretary("06724").person
    from tinhgon.core.text import fold

    page = as_user("bantochuc").get(f"/persons/?q={fold(person.full_name)}")
    assert person.full_name in page.content.decode()
    assert as_user("nguoixem").get(f"/persons/?q={fold(person.full_name)}").status_code == 200
    assert (
        person.full_name
        not in as_user("nguoixem").get(f"/persons/?q={fold(person.full_name)}").content.decode()
    )


def test_the_coverage_page_counts_places_from_the_records(demo: Any):
    communes = 17  # mong-cai.md: the 17 communes and wards of 2020
    url = f"/coverage/?on={D}&policy=commune-secretary-committee-chair&scope=194"
    page = as_user("nguoixem").get(url)
    assert page.status_code == 200
    shown = page.content.decode()
    assert f"{communes}/{communes}" in shown and "(100%)" in shown
    assert "Not a local person" not in shown and "Không phải người địa phương" in shown


def test_the_coverage_page_explains_a_missing_scope(demo: Any):
    page = as_user("quantri").get(f"/coverage/?on={D}&policy=commune-secretary-committee-chair")
    assert page.status_code == 400
    assert Person.objects.exists()


def test_the_coverage_page_shows_one_page_of_places(demo: Any, monkeypatch: Any):
    from tinhgon.web import people_views

    monkeypatch.setattr(people_views, "PLACES_PER_PAGE", 5)
    url = f"/coverage/?on={D}&policy=commune-secretary-committee-chair&scope=194"
    first = as_user("nguoixem").get(url).content.decode()
    assert "17/17" in first  # the totals count every place
    assert "Trang 1 / 4" in first and "Địa bàn 1–5 trên tổng số 17" in first
    assert first.count("<tr>") + first.count('<tr class="exception">') == 1 + 5  # head + 5
    last = as_user("nguoixem").get(url + "&page=4").content.decode()
    assert "Trang 4 / 4" in last and "Địa bàn 16–17 trên tổng số 17" in last


def test_the_coverage_page_names_holders_only_to_roles_that_see_persons(demo: Any):
    url = f"/coverage/?on={D}&policy=commune-secretary-committee-chair&scope=194"
    viewer = as_user("nguoixem").get(url).content.decode()
    admin = as_user("quantri").get(url).content.decode()
    assert "/persons/" not in viewer and viewer.count("<th>") == 2  # place, outcome
    assert "/persons/" in admin and admin.count("<th>") == 4
