"""The Popolo JSON export of the Móng Cái demo: valid against the Popolo schemas and tinhgon's
profile, the units, posts and holdings of the date (counted here with plain filters, not the
code's validity helpers), dated parents and former names as the demo's events made them, and only
what the acting user may see."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.db.models import Q

from tinhgon.audit.context import acting_as
from tinhgon.cli import cli
from tinhgon.core.errors import NotFound
from tinhgon.interchange.popolo import popolo_export
from tinhgon.interchange.popolo_schema import popolo_errors, profile_errors
from tinhgon.party.models import Attachment
from tinhgon.people.models import Holding, Post
from tinhgon.registry.models import UnitVersion

D = dt.date
pytestmark = pytest.mark.django_db


def holding_on(model, day):  # type: ignore[no-untyped-def]
    """Rows of `model` holding on `day`, written out (not through core.validity)."""
    return model.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day)


def by_id(items: list[dict]) -> dict[str, dict]:  # type: ignore[type-arg]
    return {item["id"]: item for item in items}


def as_user(username: str):  # type: ignore[no-untyped-def]
    return acting_as(get_user_model().objects.get(username=username), source="test")


@pytest.mark.parametrize("day", [D(2016, 1, 1), D(2021, 1, 1), D(2025, 7, 1)])
def test_the_whole_apparatus_is_valid_and_complete(demo, day):
    document = popolo_export(day)
    assert popolo_errors(document) == []
    assert profile_errors(document) == []
    units = {f"unit/{pk}" for pk in holding_on(UnitVersion, day).values_list("unit_id", flat=True)}
    assert {o["id"] for o in document["organizations"]} == units
    posts = {f"post/{pk}" for pk in holding_on(Post, day).values_list("pk", flat=True)}
    assert {p["id"] for p in document["posts"]} == posts
    holdings = holding_on(Holding, day)
    # Attachments to organizations of the date (the demo leaves some open on party cells that
    # ended on 2025-07-01: those organizations are not in the document, nor their members).
    attached = [
        a
        for a in holding_on(Attachment, day).select_related("member")
        if f"unit/{a.unit_id}" in units
    ]
    assert {m["id"] for m in document["memberships"]} == {f"holding/{h.pk}" for h in holdings} | {
        f"party-attachment/{a.pk}" for a in attached
    }
    persons = {h.person_id for h in holdings} | {a.member.person_id for a in attached}
    assert {p["id"] for p in document["persons"]} == {f"person/{pk}" for pk in persons}
    assert len(holdings) > 100  # the demo has hundreds of post holders
    party = [m for m in document["memberships"] if m["role"] == "party_member"]
    assert len(party) == len(attached) and all("post_id" not in m for m in party)
    assert all(m["label"] == "đảng viên" for m in party)


def test_dated_parents_founding_dissolution_and_former_names(demo):
    keys = demo.keys
    # The extension station moved from the province's agriculture department to the city's
    # People's Committee on 2017-01-01 (a transfer in the demo).
    station = by_id(popolo_export(D(2018, 1, 1))["organizations"])[
        f"unit/{keys['extension_station']}"
    ]
    assert station["parent_id"] == f"unit/{keys['city_committee']}"
    assert station["parent_history"] == [
        {
            "parent_id": f"unit/{keys['agriculture_department']}",
            "start_date": "2010-01-01",
            "end_date": "2016-12-31",
        },
        {
            "parent_id": f"unit/{keys['city_committee']}",
            "start_date": "2017-01-01",
            "end_date": "2018-12-31",
        },
    ]
    assert "founding_date" not in station  # registered at the start of the records
    # It was consolidated with the crop station on 2019-01-01.
    assert station["dissolution_date"] == "2018-12-31"
    # The land fund centre was renamed on 2019-01-01.
    land = by_id(popolo_export(D(2020, 1, 1))["organizations"])[f"unit/{keys['land_fund']}"]
    assert land["name"] == "Trung tâm Phát triển quỹ đất và Dịch vụ công thành phố Móng Cái"
    assert land["other_names"] == [
        {
            "name": "Trung tâm Phát triển quỹ đất thành phố",
            "start_date": "2010-01-01",
            "end_date": "2018-12-31",
        }
    ]
    # Hòa Lạc ward was merged into Trần Phú ward on 2024-11-01; its last day was 2024-10-31.
    before = by_id(popolo_export(D(2024, 10, 31))["organizations"])
    hoa_lac = before[f"unit/{keys['hoa_lac']}"]
    assert hoa_lac["dissolution_date"] == "2024-10-31"
    assert {"scheme": "gso", "identifier": "06718"} in hoa_lac["identifiers"]
    assert f"unit/{keys['hoa_lac']}" not in by_id(popolo_export(D(2024, 11, 1))["organizations"])
    # The consolidated organization board - home affairs was founded on 2018-07-01.
    merged = [
        o
        for o in popolo_export(D(2019, 1, 1))["organizations"]
        if o["name"] == "Ban Tổ chức - Nội vụ thành phố Móng Cái"
    ]
    assert [o["founding_date"] for o in merged] == ["2018-07-01"]


def test_a_scope_keeps_its_apparatus_only(demo):
    keys = demo.keys
    city = UnitVersion.objects.filter(unit_id=keys["mong_cai"]).first().unit  # type: ignore[union-attr]
    document = popolo_export(D(2021, 1, 1), city)
    ids = {o["id"] for o in document["organizations"]}
    assert f"unit/{keys['mong_cai']}" in ids
    assert f"unit/{keys['hai_son']}" in ids  # a commune of the city
    assert f"unit/{keys['city_party']}" in ids  # sits under the province's party, lies in the city
    assert f"unit/{keys['quang_ninh']}" not in ids
    assert f"unit/{keys['province_committee']}" not in ids
    # The city is the root: its parent (the province) is outside, so no parent_id.
    assert "parent_id" not in by_id(document["organizations"])[f"unit/{keys['mong_cai']}"]
    assert profile_errors(document) == []
    assert popolo_errors(document) == []


def test_users_get_only_what_they_may_see(demo):
    keys = demo.keys
    with as_user("nguoixem"):  # a viewer: places and counts, no person
        viewer = popolo_export(D(2021, 1, 1))
    assert viewer["persons"] == [] and viewer["memberships"] == []  # nor party members
    assert f"unit/{keys['quang_ninh']}" not in {o["id"] for o in viewer["organizations"]}
    assert profile_errors(viewer) == []
    with as_user("bantochuc"):  # the city's organization board: party details too
        board = popolo_export(D(2021, 1, 1))
    assert any(m["role"] == "party_member" for m in board["memberships"])
    assert profile_errors(board) == []
    with as_user("xahaison"):  # Hải Sơn commune's officer
        commune = popolo_export(D(2021, 1, 1))
    units = {o["id"] for o in commune["organizations"]}
    assert f"unit/{keys['hai_son']}" in units
    assert f"unit/{keys['mong_cai']}" not in units
    assert all(m["organization_id"] in units for m in commune["memberships"])
    assert commune["memberships"], "the commune's own post holders are there"
    assert profile_errors(commune) == []
    with as_user("xahaison"), pytest.raises(NotFound):
        city = UnitVersion.objects.filter(unit_id=keys["mong_cai"]).first().unit  # type: ignore[union-attr]
        popolo_export(D(2021, 1, 1), city)


def test_the_validators_catch_broken_documents(demo):
    document = popolo_export(D(2021, 1, 1))
    broken = copy.deepcopy(document)
    broken["memberships"][0]["start_date"] = "1/1/2020"
    assert any("memberships[0]" in e for e in popolo_errors(broken))
    broken = copy.deepcopy(document)
    del broken["organizations"][0]["classification"]
    broken["memberships"][0]["post_id"] = "post/0"
    broken["posts"].append(dict(broken["posts"][0]))
    party = next(i for i, m in enumerate(broken["memberships"]) if m["role"] == "party_member")
    broken["memberships"][party]["post_id"] = broken["posts"][0]["id"]  # a party member has none
    errors = profile_errors(broken)
    assert any("classification" in e for e in errors)
    assert any("memberships[0].post_id" in e for e in errors)
    assert any("duplicate id" in e for e in errors)
    assert any(e.startswith(f"$.memberships[{party}]") for e in errors)


def test_the_cli_writes_the_file(demo, tmp_path):
    out = tmp_path / "popolo.json"
    args = ["popolo", "export", "--on", "2021-01-01", "--scope", "194", "--out", str(out)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["meta"]["on"] == "2021-01-01"
    assert "Thành phố Móng Cái" in {o["name"] for o in document["organizations"]}
    assert profile_errors(document) == []
    refused = CliRunner().invoke(cli, ["popolo", "export", "--on", "2021-13-01", "--out", str(out)])
    assert refused.exit_code == 2
    assert "--on" in refused.output


def test_the_api_answers_with_the_same_document(demo, client):
    response = client.get("/api/export/popolo/?on=2021-01-01&scope=194")
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(popolo_export(D(2021, 1, 1), _city(demo))))
    assert client.get("/api/export/popolo/?on=2021-01-01&scope=99999").status_code == 404


def _city(demo):  # type: ignore[no-untyped-def]
    return UnitVersion.objects.filter(unit_id=demo.keys["mong_cai"]).first().unit  # type: ignore[union-attr]


def _shape(document: dict) -> dict[str, set]:  # type: ignore[type-arg]
    """What a document says, by names instead of ids (ids differ between databases)."""
    names = {o["id"]: o["name"] for o in document["organizations"]}
    persons = {p["id"]: p["name"] for p in document["persons"]}
    posts = {p["id"]: (names[p["organization_id"]], p["label"]) for p in document["posts"]}
    return {
        "organizations": {
            (o["name"], o["classification"], names.get(o.get("parent_id", ""), ""))
            for o in document["organizations"]
        },
        "posts": set(posts.values()),
        "holdings": {
            (persons[m["person_id"]], posts[m["post_id"]], m["start_date"])
            for m in document["memberships"]
            if "post_id" in m
        },
    }


def test_an_export_imports_back_to_the_same_apparatus(demo):
    """A commune's apparatus exported and imported again (here, beside the original) reads
    back the same: organizations and their parents, posts, who holds them since when."""
    from tinhgon.interchange.popolo_import import popolo_import

    keys = demo.keys
    commune = UnitVersion.objects.filter(unit_id=keys["hai_son"]).first().unit  # type: ignore[union-attr]
    original = popolo_export(D(2021, 1, 1), commune)
    result = popolo_import(json.loads(json.dumps(original)))
    assert result.organizations == len(original["organizations"])
    assert result.party_memberships_skipped == sum(
        m["role"] == "party_member" for m in original["memberships"]
    )
    copy_root = UnitVersion.objects.get(attributes__popolo_id=f"unit/{keys['hai_son']}").unit
    again = popolo_export(D(2021, 1, 1), copy_root)
    assert _shape(again) == _shape(original)
    assert len(_shape(original)["holdings"]) > 20
