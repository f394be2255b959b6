"""The party endpoints over a small party organization built through the party services: the
figures come from the records made here, every answer is checked against the schema, bad input
is refused in Vietnamese with nothing written, and a viewer sees counts, never names."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from tests.party.helpers import D, admit, build_world, written
from tests.people.helpers import person, unit
from tinhgon.accounts.models import Grant
from tinhgon.accounts.roles import Role
from tinhgon.audit.models import ChangeRecord
from tinhgon.party import services as s
from tinhgon.party.models import Attachment, Congress, Member, Rating

from .schema import conforms

pytestmark = pytest.mark.django_db
ON = D(2022, 1, 1)


@pytest.fixture
def w() -> SimpleNamespace:
    """Five members of Thành phố T: three in Chi bộ khu 1, one in Chi bộ khu 2 (probationary),
    one in the school's cell; and one member of another city, Thành phố K."""
    world = build_world()
    world.an = admit(world.cell_1, D(2020, 3, 1), name="Nguyễn Văn An", confirm=True)
    world.binh = admit(
        world.cell_1, D(2020, 6, 1), name="Trần Thị Bình", gender="female", confirm=True
    )
    world.cuong = admit(world.cell_1, D(2021, 5, 10), name="Lê Văn Cường")
    world.dung = admit(world.cell_2, D(2021, 2, 1), name="Phạm Thị Dung", gender="female")
    world.em = admit(world.school, D(2019, 9, 1), name="Hoàng Văn Em", confirm=True)
    other = unit("Thành phố K", "district", codes=["9100"])
    other_party = unit("Đảng bộ thành phố K", "party_committee", territory=other)
    world.other_cell = unit("Chi bộ khu 9", "grassroots_party_cell", parent=other_party)
    world.other = other
    world.giang = admit(world.other_cell, D(2020, 1, 10), name="Đỗ Văn Giang")
    world.newcomer = person(
        "Vũ Thị Hoa", gender="female", birth_date=D(1995, 2, 3), home=world.commune
    )
    world.board = _user("bantochuc.t", Role.ORG_BOARD, world.city)
    world.viewer = _user("nguoixem.t", Role.VIEWER, world.city)
    world.board_k = _user("bantochuc.k", Role.ORG_BOARD, world.other)
    return world


def _user(name: str, role: str, scope: Any) -> User:
    user = User.objects.create_user(name, password="x")
    Grant.objects.create(user=user, role=role, unit=scope)
    return user


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def get(client: APIClient, openapi: dict[str, Any], url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.content[:800]
    if status == 200:
        conforms(openapi, url, "get", 200, response.json())
    return response.json()


def post(client: APIClient, openapi: dict[str, Any], url: str, body: Any, status: int = 201) -> Any:
    response = client.post(url, body, format="json")
    assert response.status_code == status, response.content[:800]
    if status < 300:
        conforms(openapi, url, "post", status, response.json())
    return response.json()


def city(w: SimpleNamespace) -> str:
    return f"id:{w.city.pk}"


def errors(answer: Any) -> dict[str, str]:
    return {e["field"]: e["message"] for e in answer["errors"]}


# ---------------------------------------------------------------------------- reads


def test_counts(w, openapi):
    result = get(api(w.board), openapi, f"/api/party/counts/?scope={city(w)}&on={ON}")
    assert (result["members"], result["official"], result["probationary"]) == (5, 3, 2)
    assert {c["key"]: c["count"] for c in result["by_kind"]} == {
        "party_committee": 1,
        "grassroots_party_committee": 1,
        "party_cell": 2,
        "grassroots_party_cell": 1,
    }
    assert (result["grassroots"], result["cells_under_committees"]) == (2, 2)
    # The code of the city works as well as its id; a viewer gets the same counts.
    viewer = get(api(w.viewer), openapi, f"/api/party/counts/?scope=9000&on={ON}")
    assert viewer["members"] == 5


def test_organization(w, openapi):
    url = f"/api/party/organizations/id:{w.ward_party.pk}/?on={ON}"
    result = get(api(w.board), openapi, url)
    assert result["unit"]["name"] == "Đảng ủy phường A"
    assert result["parent"]["id"] == w.city_party.pk
    assert [(c["unit"]["name"], c["members"], c["official"]) for c in result["children"]] == [
        ("Chi bộ khu 1", 3, 2),
        ("Chi bộ khu 2", 1, 0),
    ]
    names = {m["person"]["full_name"] for m in result["members"]}
    assert names == {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"}
    # Dung's probation ends on 2022-02-01: due within 60 days.
    assert [m["member_id"] for m in result["due"]] == [w.dung.pk]
    assert "committee_too_small" in {p["code"] for p in result["problems"]}
    viewer = get(api(w.viewer), openapi, url)
    assert not viewer["persons_shown"]
    assert all(m["person"] is None for m in viewer["members"] + viewer["due"])
    # The city itself is not a party organization.
    get(api(w.board), openapi, f"/api/party/organizations/{city(w)}/?on={ON}", status=404)


def test_admissions_and_rates(w, openapi):
    url = f"/api/party/admissions/?scope={city(w)}&from=2020-01-01&to=2021-12-31"
    result = get(api(w.board), openapi, url)
    assert result["total"] == 4
    assert [(c["key"], c["count"]) for c in result["by_year"]] == [("2020", 2), ("2021", 2)]
    assert {c["key"]: c["count"] for c in result["breakdowns"]["gender"]} == {
        "male": 2,
        "female": 2,
    }
    assert [r["member_id"] for r in result["rows"]] == [w.an.pk, w.binh.pk, w.dung.pk, w.cuong.pk]
    viewer = get(api(w.viewer), openapi, url)
    assert viewer["total"] == 4 and not viewer["persons_shown"]
    assert all(r["person"] is None for r in viewer["rows"])

    rates = get(
        api(w.board),
        openapi,
        f"/api/party/admission-rates/?scope={city(w)}&from_year=2020&to_year=2021",
    )
    # 2020: 2 admitted over the 1 member of 1 January; 2021: 2 over 3.
    assert [(y["year"], y["admissions"], y["members_at_start"]) for y in rates["years"]] == [
        (2020, 2, 1),
        (2021, 2, 3),
    ]
    assert rates["years"][0]["rate"] == 2.0
    assert rates["average_rate"] == pytest.approx((2.0 + 2 / 3) / 2, abs=1e-4)


def test_term_admissions_count_from_the_congress(w, openapi):
    s.congress_record(unit=w.city_party.pk, held_on=D(2020, 5, 1), term="party-2020-2025")
    url = (
        f"/api/party/term-admissions/?scope=id:{w.city_party.pk}&term=party-2020-2025"
        "&until=2021-12-31"
    )
    result = get(api(w.board), openapi, url)
    # From the congress (2020-05-01): Bình, Dung and Cường; An was admitted before it.
    assert (result["date_from"], result["admissions"]) == ("2020-05-01", 3)
    assert result["term"] == "party-2020-2025"
    unknown = get(api(w.board), openapi, url.replace("party-2020-2025", "nope"), status=404)
    assert unknown["errors"][0]["field"] == "term"


def test_confirmations_due(w, openapi):
    url = f"/api/party/confirmations-due/?scope={city(w)}&from=2022-01-01&to=2022-12-31"
    rows = get(api(w.board), openapi, url)
    assert [(r["member_id"], r["probation_ends"]) for r in rows] == [
        (w.dung.pk, "2022-02-01"),
        (w.cuong.pk, "2022-05-10"),
    ]
    assert rows[0]["person"]["full_name"] == "Phạm Thị Dung"
    assert all(r["person"] is None for r in get(api(w.viewer), openapi, url))
    # A period from 29 February (the window looks a year back).
    leap = f"/api/party/confirmations-due/?scope={city(w)}&from=2024-02-29&to=2024-12-31"
    assert get(api(w.board), openapi, leap) == []


def test_structure(w, openapi):
    result = get(api(w.board), openapi, f"/api/party/structure/?scope={city(w)}&on={ON}")
    codes = sorted((p["unit"]["name"], p["code"]) for p in result["problems"])
    assert codes == [
        ("Chi bộ Trường THPT T", "too_few_official"),
        ("Chi bộ khu 1", "too_few_official"),
        ("Chi bộ khu 2", "too_few_official"),
        ("Đảng ủy phường A", "committee_too_small"),
    ]
    assert {c["key"]: c["count"] for c in result["sizes"]}["0-2"] == 3
    assert result["rule"]


def test_statistics(w, openapi):
    result = get(api(w.viewer), openapi, f"/api/party/statistics/?scope={city(w)}&on={ON}")
    assert result["organization"]["id"] == w.city_party.pk
    keys = [c["key"] for c in result["columns"]]
    rows = {r["unit"]["name"]: dict(zip(keys, r["values"], strict=True)) for r in result["rows"]}
    assert rows["Đảng ủy phường A"]["total"] == 4
    assert rows["Đảng ủy phường A"]["official"] == 2
    assert rows["Chi bộ Trường THPT T"]["total"] == 1
    totals = dict(zip(keys, result["totals"], strict=True))
    assert (totals["total"], totals["gender:female"], totals["gender:male"]) == (5, 2, 3)


def test_ratings_and_pipeline(w, openapi):
    s.ratings_record(
        rows=[
            s.RatingRow(year=2021, member_id=w.an.pk, grade="good"),
            s.RatingRow(year=2021, member_id=w.binh.pk, grade="excellent"),
            s.RatingRow(year=2021, unit_id=w.ward_party.pk, grade="good"),
        ]
    )
    result = get(api(w.viewer), openapi, f"/api/party/ratings/?scope={city(w)}&year=2021")
    assert {c["key"]: c["count"] for c in result["members"]} == {
        "excellent": 1,
        "good": 1,
        "fulfilled": 0,
        "not_fulfilled": 0,
    }
    assert {c["key"]: c["count"] for c in result["organizations"]}["good"] == 1

    s.candidate_add(
        person=w.newcomer.pk, cell=w.cell_2.pk, stage="dossier", expected_on=D(2022, 6, 1)
    )
    s.admission_target_set(unit=w.ward_party.pk, year=2022, number=5)
    url = f"/api/party/pipeline/?scope={city(w)}&year=2022"
    pipeline = get(api(w.board), openapi, url)
    assert [c["person"]["full_name"] for c in pipeline["candidates"]] == ["Vũ Thị Hoa"]
    assert {c["key"]: c["count"] for c in pipeline["by_stage"]}["dossier"] == 1
    assert (pipeline["target_total"], pipeline["admitted_total"]) == (5, 0)
    viewer = get(api(w.viewer), openapi, url)
    assert [c["person"] for c in viewer["candidates"]] == [None]


def test_members_search_and_record(w, openapi):
    found = get(api(w.board), openapi, f"/api/party/members/?scope={city(w)}&on={ON}&q=binh")
    assert [m["member_id"] for m in found["results"]] == [w.binh.pk]
    everyone = get(api(w.board), openapi, f"/api/party/members/?scope={city(w)}&on={ON}&limit=2")
    assert len(everyone["results"]) == 2 and everyone["next"]
    # A viewer finds nobody by name.
    viewer = get(api(w.viewer), openapi, f"/api/party/members/?scope={city(w)}&on={ON}")
    assert viewer["results"] == []

    reads = ChangeRecord.objects.filter(action="read").count()
    record = get(api(w.board), openapi, f"/api/party/members/{w.an.pk}/")
    assert record["person"]["full_name"] == "Nguyễn Văn An"
    assert (record["admitted_on"], record["confirmed_on"]) == ("2020-03-01", "2021-03-01")
    assert record["status"] == "official"
    assert [a["unit"]["id"] for a in record["attachments"]] == [w.cell_1.pk]
    assert ChangeRecord.objects.filter(action="read").count() == reads + 1
    # A viewer, and the board of another city, find no such member.
    get(api(w.viewer), openapi, f"/api/party/members/{w.an.pk}/", status=404)
    get(api(w.board_k), openapi, f"/api/party/members/{w.an.pk}/", status=404)
    get(api(w.board), openapi, f"/api/party/members/{w.giang.pk}/", status=404)
    get(api(w.board), openapi, "/api/party/members/999999/", status=404)


@pytest.mark.parametrize(
    ("url", "field", "message"),
    [
        ("/api/party/counts/?on=2022-01-01", "scope", "bắt buộc"),
        ("/api/party/counts/?scope=9000&on=2022-02-30", "on", "không phải là ngày hợp lệ"),
        ("/api/party/admissions/?scope=9000&from=2022-01-01", "to", "bắt buộc"),
        ("/api/party/admissions/?scope=9000&from=2022-01-01&to=2021-01-01", "to", ""),
        ("/api/party/admission-rates/?scope=9000&from_year=x&to_year=2021", "from_year", "số"),
        ("/api/party/ratings/?scope=9000&year=1800", "year", "1930"),
    ],
)
def test_bad_parameters_are_refused_in_vietnamese(w, url, field, message):
    response = api(w.board).get(url)
    assert response.status_code == 400, response.content
    found = errors(response.json())
    assert field in found and message in found[field]


def test_a_unit_outside_the_scope_is_not_found(w, openapi):
    answer = get(api(w.board), openapi, f"/api/party/counts/?scope=9100&on={ON}", status=404)
    assert answer["errors"][0]["field"] == "scope"


# ---------------------------------------------------------------------------- writes


def test_admit_then_confirm_transfer_and_end(w, openapi):
    board = api(w.board)
    body = {
        "person": w.newcomer.pk,
        "cell": f"id:{w.cell_2.pk}",
        "admitted_on": "2022-03-01",
        "decision": "12-QĐ/ĐU",
        "occupation": "worker",
    }
    response = board.post("/api/party/members/", body, format="json")
    assert response.status_code == 201, response.content
    record = response.json()
    conforms(openapi, "/api/party/members/", "post", 201, record)
    member_id = record["member_id"]
    assert response["Location"] == f"/api/party/members/{member_id}/"
    assert (record["status"], record["probation_ends"]) == ("probationary", "2023-03-01")
    assert record["admission_decision"] == "12-QĐ/ĐU"

    early = post(
        board,
        openapi,
        f"/api/party/members/{member_id}/confirm/",
        {"decided_on": "2022-12-01"},
        status=400,
    )
    assert "2023" in errors(early)["decided_on"]
    confirmed = post(
        board,
        openapi,
        f"/api/party/members/{member_id}/confirm/",
        {"decided_on": "2023-03-15", "decision": "5-QĐ/ĐU"},
        status=200,
    )
    assert confirmed["confirmed_on"] == "2023-03-01"

    moved = post(
        board,
        openapi,
        f"/api/party/members/{member_id}/transfer/",
        {"to_unit": f"id:{w.cell_1.pk}", "on": "2023-06-01"},
        status=200,
    )
    assert [(a["unit"]["id"], a["valid_to"]) for a in moved["attachments"]] == [
        (w.cell_2.pk, "2023-06-01"),
        (w.cell_1.pk, None),
    ]
    ended = post(
        board,
        openapi,
        f"/api/party/members/{member_id}/end/",
        {"on": "2024-01-01", "reason": "left"},
        status=200,
    )
    assert (ended["ended_on"], ended["end_reason"]) == ("2024-01-01", "left")


def test_a_bad_admission_lists_every_problem_and_writes_nothing(w, openapi):
    before = written()
    answer = post(
        api(w.board),
        openapi,
        "/api/party/members/",
        {"person": "x", "cell": "99999", "admitted_on": "2022-02-30", "colour": "red"},
        status=400,
    )
    found = errors(answer)
    assert set(found) == {"person", "admitted_on", "colour"}
    assert "không phải là ngày hợp lệ" in found["admitted_on"]
    assert written() == before
    # The services' refusals, in Vietnamese: a current member cannot be admitted again.
    again = post(
        api(w.board),
        openapi,
        "/api/party/members/",
        {"person": w.an.person_id, "cell": f"id:{w.cell_1.pk}", "admitted_on": "2022-03-01"},
        status=400,
    )
    assert "Nguyễn Văn An" in errors(again)["admitted_on"]
    assert written() == before
    # A cell outside the user's scope is not found, as if it did not exist.
    outside = post(
        api(w.board),
        openapi,
        "/api/party/members/",
        {"person": w.newcomer.pk, "cell": f"id:{w.other_cell.pk}", "admitted_on": "2022-03-01"},
        status=400,
    )
    assert errors(outside)["cell"].startswith("Không có đơn vị")
    assert written() == before


def test_writes_need_the_right_and_the_scope(w, openapi):
    before = written()
    refused = api(w.viewer).post(
        f"/api/party/members/{w.cuong.pk}/confirm/", {"decided_on": "2022-06-01"}, format="json"
    )
    assert refused.status_code == 403
    # Another city's board: the member does not exist for it.
    hidden = api(w.board_k).post(
        f"/api/party/members/{w.cuong.pk}/confirm/", {"decided_on": "2022-06-01"}, format="json"
    )
    assert hidden.status_code == 404
    assert written() == before
    assert Member.objects.get(pk=w.cuong.pk).confirmed_on is None


def test_record_ratings_and_a_congress(w, openapi):
    board = api(w.board)
    rating = post(
        board,
        openapi,
        "/api/party/ratings/",
        {"member": w.an.pk, "year": 2021, "grade": "excellent"},
    )
    assert (rating["member"], rating["grade"], rating["unit"]) == (w.an.pk, "excellent", None)
    unit_rating = post(
        board,
        openapi,
        "/api/party/ratings/",
        {"unit": f"id:{w.ward_party.pk}", "year": 2021, "grade": "good"},
    )
    assert unit_rating["unit"]["name"] == "Đảng ủy phường A"
    # Scored from 2025-08-30: the score gives the grade.
    scored = post(
        board, openapi, "/api/party/ratings/", {"member": w.binh.pk, "year": 2025, "score": 92}
    )
    assert (scored["grade"], scored["score"]) == ("excellent", 92)
    twice = post(
        board,
        openapi,
        "/api/party/ratings/",
        {"member": w.an.pk, "year": 2021, "grade": "good"},
        status=400,
    )
    assert "2021" in errors(twice)["year"]
    assert Rating.objects.count() == 3

    congress = post(
        board,
        openapi,
        "/api/party/congresses/",
        {
            "unit": f"id:{w.ward_party.pk}",
            "held_on": "2020-06-15",
            "ordinal": 5,
            "term": "party-2020-2025",
        },
    )
    assert (congress["unit"]["id"], congress["ordinal"], congress["term"]) == (
        w.ward_party.pk,
        5,
        "2020–2025",
    )
    assert Congress.objects.filter(unit=w.ward_party).count() == 1
    organization = get(board, openapi, f"/api/party/organizations/id:{w.ward_party.pk}/?on={ON}")
    assert [c["held_on"] for c in organization["congresses"]] == ["2020-06-15"]


def test_a_temporary_transfer_needs_its_end(w, openapi):
    before = Attachment.objects.count()
    answer = post(
        api(w.board),
        openapi,
        f"/api/party/members/{w.an.pk}/transfer/",
        {"to_unit": f"id:{w.cell_2.pk}", "on": "2022-03-01", "kind": "temporary"},
        status=400,
    )
    assert "until" in errors(answer)
    assert Attachment.objects.count() == before
