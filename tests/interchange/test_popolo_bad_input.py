"""Broken Popolo files: each is refused with every problem at its JSON path, in Vietnamese,
and nothing is written; text is stored in NFC whatever form the file used."""

from __future__ import annotations

import copy
import json
import unicodedata
from typing import Any

import pytest
from click.testing import CliRunner

from tinhgon.audit.models import ChangeRecord
from tinhgon.cli import cli
from tinhgon.core.errors import DomainError
from tinhgon.interchange.popolo_import import popolo_import
from tinhgon.people.models import Holding, Person, Post
from tinhgon.registry.models import Unit, UnitVersion

pytestmark = pytest.mark.django_db

GOOD: dict[str, Any] = {
    "organizations": [
        {
            "id": "o1",
            "name": "Đảng ủy xã A",
            "classification": "party_committee",
            "founding_date": "2020-01-01",
        },
    ],
    "persons": [
        {"id": "p1", "name": "Trần Thị Bình", "gender": "female", "birth_date": "1980-05-02"}
    ],
    "posts": [
        {
            "id": "s1",
            "label": "Bí thư",
            "role": "secretary",
            "organization_id": "o1",
            "start_date": "2020-01-01",
        }
    ],
    "memberships": [
        {
            "id": "m1",
            "person_id": "p1",
            "organization_id": "o1",
            "post_id": "s1",
            "start_date": "2020-02-01",
        }
    ],
}


def written() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Unit, Post, Person, Holding, ChangeRecord))  # type: ignore[attr-defined]


def refused(document: Any) -> dict[str, str]:
    before = written()
    with pytest.raises(DomainError) as error:
        popolo_import(document)
    assert written() == before
    return {p.field: p.message for p in error.value.problems}


def test_a_good_file_goes_in(db):
    document = copy.deepcopy(GOOD)
    # A party membership as tinhgon exports it: party life starts by admission, so skipped.
    document["memberships"].append(
        {
            "id": "x",
            "person_id": "p1",
            "organization_id": "o1",
            "role": "party_member",
            "start_date": "2020-01-01",
        }
    )
    result = popolo_import(document)
    assert result.party_memberships_skipped == 1
    assert (result.organizations, result.posts, result.persons, result.memberships) == (1, 1, 1, 1)
    holding = Holding.objects.get()
    assert holding.person.birth_date.isoformat() == "1980-05-02"
    assert holding.valid_to is None and holding.post.post_type == "secretary"


@pytest.mark.parametrize("document", [[], "text", 3])
def test_not_an_object(db, document):
    assert refused(document) == {"$": "Cần một đối tượng JSON."}


def test_wrong_types_everywhere_are_all_reported(db):
    document = copy.deepcopy(GOOD)
    document["posts"] = "none"
    document["persons"].append(7)
    document["memberships"][0]["person_id"] = ["p1"]
    document["memberships"][0]["post_id"] = {"id": "s1"}
    document["organizations"][0]["parent_history"] = {"parent_id": None}
    messages = refused(document)
    assert messages["$.posts"] == "Cần một danh sách."
    assert messages["$.persons[1]"] == "Cần một đối tượng."
    assert "Cần văn bản" in messages["$.memberships[0].person_id"]
    assert "Cần văn bản" in messages["$.memberships[0].post_id"]


def test_duplicate_ids_unknown_references_and_dates(db):
    document = copy.deepcopy(GOOD)
    document["persons"].append(dict(document["persons"][0]))
    document["memberships"][0]["organization_id"] = "o9"
    document["memberships"].append(
        {"id": "m2", "person_id": "p1", "organization_id": "o1", "start_date": "2021-13-01"}
    )
    document["memberships"].append(
        {
            "id": "m3",
            "person_id": "p1",
            "organization_id": "o1",
            "start_date": "2021-01-01",
            "end_date": "2020-12-31",
        }
    )
    document["memberships"].append({"id": "m4", "person_id": "p1", "organization_id": "o1"})
    messages = refused(document)
    assert messages["$.persons[1].id"] == "Mã định danh “p1” được dùng hai lần."
    assert messages["$.memberships[0].organization_id"] == "“o9” không chỉ đến mục nào trong tệp."
    assert "2021-13-01" in messages["$.memberships[1].start_date"]
    assert messages["$.memberships[2].end_date"] == (
        "Ngày kết thúc (31/12/2020) trước ngày bắt đầu (01/01/2021)."
    )
    assert "start_date" in messages["$.memberships[3].start_date"]


def test_unknown_classification_and_a_holding_before_its_post(db):
    document = copy.deepcopy(GOOD)
    document["organizations"][0]["classification"] = "club"
    messages = refused(document)
    assert "“club” không phải là loại tổ chức" in messages["$.organizations[0].classification"]
    document = copy.deepcopy(GOOD)
    document["memberships"][0]["start_date"] = "2019-06-01"  # before the post and the unit
    messages = refused(document)
    assert "chức danh chỉ có từ 01/01/2020" in messages["$.memberships[0].start_date"]


def test_overlapping_holders_of_a_single_post_are_refused(db):
    document = copy.deepcopy(GOOD)
    document["persons"].append({"id": "p2", "name": "Lê Văn C", "gender": "male"})
    document["memberships"].append(
        {
            "id": "m2",
            "person_id": "p2",
            "organization_id": "o1",
            "post_id": "s1",
            "start_date": "2020-06-01",
        }
    )
    messages = refused(document)
    assert "chỉ có một người giữ" in messages["$.memberships[1].post_id"]


def test_decomposed_unicode_is_stored_composed(db):
    document = copy.deepcopy(GOOD)
    document["persons"][0]["name"] = unicodedata.normalize("NFD", "Trần Thị Bình")
    document["organizations"][0]["name"] = unicodedata.normalize("NFD", "Đảng ủy xã Ả")
    popolo_import(document)
    assert Person.objects.get().full_name == "Trần Thị Bình"
    assert UnitVersion.objects.get().name == "Đảng ủy xã Ả"


def test_the_cli_refuses_an_empty_or_broken_file(db, tmp_path):
    for content in ("", "{", "\xff"):
        path = tmp_path / "bad.json"
        path.write_bytes(content.encode("latin-1"))
        result = CliRunner().invoke(cli, ["popolo", "import", str(path)])
        assert result.exit_code == 2, result.output
        assert "không có gì được ghi" in result.output
        assert "JSON" in result.output
    missing = CliRunner().invoke(cli, ["popolo", "import", str(tmp_path / "none.json")])
    assert missing.exit_code == 2 and "Không đọc được tệp" in missing.output
    good = tmp_path / "good.json"
    good.write_text(json.dumps(GOOD), encoding="utf-8")
    dry = CliRunner().invoke(cli, ["popolo", "import", str(good), "--dry-run"])
    assert dry.exit_code == 0 and "Chạy thử" in dry.output
    assert Person.objects.count() == 0
