"""Popolo import, on the EveryPolitician file of Vietnam's 13th National Assembly (a copy of
shared/data/popolo/ep-vietnam-national-assembly-13.json, real data nobody here wrote) over the
whole country loaded from the administrative-units package: every deputy's constituency is
matched to its province and followed to the provinces of 2025-07-01.

The expected provinces come from Resolution 202/2025/QH15 on the provinces (written out below
for a few) and from the table of the 34 provinces' resolutions (adminunits/resolutions.csv)."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.core.management import call_command

from tinhgon.adminunits.loader import load_admin_units
from tinhgon.audit.models import ChangeRecord
from tinhgon.cli import cli
from tinhgon.core.errors import DomainError
from tinhgon.interchange.constituencies import delegates
from tinhgon.interchange.popolo import popolo_export
from tinhgon.interchange.popolo_import import popolo_import
from tinhgon.interchange.popolo_schema import profile_errors
from tinhgon.people.models import Holding, Person, Post
from tinhgon.registry.models import Unit

D = dt.date
pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data" / "ep-vietnam-national-assembly-13.json"
RESOLUTIONS = Path(__file__).resolve().parents[2] / "src/tinhgon/adminunits/resolutions.csv"
LAST_OLD_DAY, REFORM = D(2025, 6, 30), D(2025, 7, 1)
# Constituency (as the file names it) -> its province from 2025-07-01 (Resolution 202/2025/QH15).
AFTER_2025 = {
    "Hà Giang": "Tỉnh Tuyên Quang",
    "Tuyên Quang": "Tỉnh Tuyên Quang",
    "Quảng Ninh": "Tỉnh Quảng Ninh",
    "Bình Dương": "Thành phố Hồ Chí Minh",
    "Bà Rịa - Vũng Tàu": "Thành phố Hồ Chí Minh",
    "TP Hồ Chí Minh": "Thành phố Hồ Chí Minh",
    "Phú Yên": "Tỉnh Đắk Lắk",
    "Đắc Lắk": "Tỉnh Đắk Lắk",
    "Quảng Bình": "Tỉnh Quảng Trị",
    "Hải Dương": "Thành phố Hải Phòng",
    "Nam Định": "Tỉnh Ninh Bình",
    "Hà Nam": "Tỉnh Ninh Bình",
    "Kiên Giang": "Tỉnh An Giang",
    "Thừa Thiên - Huế": "Thành phố Huế",
    "Sóc Trăng": "Thành phố Cần Thơ",
    "Lạng Sơn": "Tỉnh Lạng Sơn",
}


@pytest.fixture(scope="module")
def country(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        load_admin_units()
        yield
        call_command("flush", interactive=False, verbosity=0)


def ep() -> dict:  # type: ignore[type-arg]
    return json.loads(DATA.read_text(encoding="utf-8"))


def written() -> tuple[int, ...]:
    models = (Unit, Post, Person, Holding, ChangeRecord)
    return tuple(m.objects.count() for m in models)  # type: ignore[attr-defined]


def test_the_national_assembly_is_imported_and_every_deputy_lies_in_a_province(country):
    source = ep()
    result = popolo_import(source, areas_on=LAST_OLD_DAY)
    assert (result.organizations, result.constituencies) == (1, 63)
    assert (result.persons, result.memberships) == (492, 492)
    assert result.skipped == ["party/unknown"]  # named only as on_behalf_of
    rows = delegates(REFORM)
    assert len(rows) == 492
    assert all(len(r.provinces) == 1 for r in rows), [r for r in rows if len(r.provinces) != 1]
    # The term as the file dates it: the legislative period 2011–2015.
    assert {(r.started, r.ended) for r in rows} == {(D(2011, 1, 1), D(2015, 12, 31))}
    # Each constituency's deputies, as many as the file has, in the province of 2025.
    areas = {a["id"]: a["name"] for a in source["areas"]}
    in_file = Counter(areas[m["area_id"]] for m in source["memberships"])
    assert Counter(r.constituency for r in rows) == in_file
    found = {r.constituency: r.provinces[0].name for r in rows}
    assert {c: found[c] for c in AFTER_2025} == AFTER_2025
    with RESOLUTIONS.open(encoding="utf-8") as table:
        new_provinces = {row["province_after_2025"] for row in csv.DictReader(table)}
    assert set(found.values()) == new_provinces
    assert len(new_provinces) == 34
    # Before the reform, each constituency is its own province.
    before = {r.constituency: r.provinces[0].name for r in delegates(LAST_OLD_DAY)}
    assert before["Hà Giang"] == "Tỉnh Hà Giang"
    assert before["Đắc Lắk"] == "Tỉnh Đắk Lắk"
    # A deputy of Hà Giang, by name.
    (khich,) = [r for r in rows if r.name.startswith("Hà Thị Khích")]
    assert (khich.constituency, khich.provinces[0].name) == ("Hà Giang", "Tỉnh Tuyên Quang")


def test_the_import_is_exported_again_in_the_profile(country):
    popolo_import(ep(), areas_on=LAST_OLD_DAY)
    document = popolo_export(D(2012, 1, 1))
    assert profile_errors(document) == []
    assert len(document["memberships"]) == 492
    names = {o["name"] for o in document["organizations"]}
    assert "National Assembly — Hà Giang" in names


def test_a_dry_run_writes_nothing(country):
    before = written()
    result = popolo_import(ep(), areas_on=LAST_OLD_DAY, dry_run=True)
    assert result.dry_run and result.memberships == 492
    assert written() == before


def test_bad_input_is_refused_with_every_problem_and_nothing_written(country):
    source = ep()
    source["memberships"][3]["person_id"] = "nobody"
    source["memberships"][5]["legislative_period_id"] = "term/99"
    source["persons"][0]["gender"] = "x"
    source["areas"][0]["name"] = "Tỉnh Không Có"
    before = written()
    with pytest.raises(DomainError) as refused:
        popolo_import(source, areas_on=LAST_OLD_DAY)
    fields = {p.field for p in refused.value.problems}
    assert "$.memberships[3].person_id" in fields
    assert "$.memberships[5].legislative_period_id" in fields
    assert written() == before
    by_field = {p.field: p.message for p in refused.value.problems}
    assert "nobody" in by_field["$.memberships[3].person_id"]
    # The references are fixed: the next problems are found, all of them together.
    source["memberships"][3]["person_id"] = source["persons"][3]["id"]
    source["memberships"][5]["legislative_period_id"] = "term/13"
    with pytest.raises(DomainError) as refused:
        popolo_import(source, areas_on=LAST_OLD_DAY)
    messages = {p.field: p.message for p in refused.value.problems}
    assert "giới tính" in messages["$.persons[0].gender"]
    unknown = [m for f, m in messages.items() if "area_id" in f]
    assert unknown and "Không có tỉnh, thành phố nào tên “Tỉnh Không Có”" in unknown[0]
    assert "30/06/2025" in unknown[0]
    assert written() == before


def test_a_small_file_in_tinhgon_profile_with_posts_and_a_cycle(country):
    document = {
        "organizations": [
            {
                "id": "a",
                "name": "Đảng ủy A",
                "classification": "party_committee",
                "founding_date": "2020-01-01",
                "parent_id": "b",
            },
            {
                "id": "b",
                "name": "Đảng ủy B",
                "classification": "party_committee",
                "founding_date": "2020-01-01",
                "parent_id": "a",
            },
        ],
        "persons": [{"id": "p", "name": "Nguyễn Văn A", "gender": "male"}],
        "posts": [
            {
                "id": "s",
                "label": "Bí thư",
                "role": "secretary",
                "organization_id": "a",
                "start_date": "2020-01-01",
            }
        ],
        "memberships": [
            {
                "id": "m",
                "person_id": "p",
                "organization_id": "a",
                "post_id": "s",
                "start_date": "2020-03-01",
                "end_date": "2020-12-31",
            }
        ],
    }
    before = written()
    with pytest.raises(DomainError) as refused:
        popolo_import(copy.deepcopy(document))
    assert [p.code for p in refused.value.problems] == ["parent_cycle"]
    assert refused.value.problems[0].field.endswith(".parent_id")
    assert written() == before
    del document["organizations"][1]["parent_id"]
    result = popolo_import(document)
    assert (result.organizations, result.posts, result.persons, result.memberships) == (2, 1, 1, 1)
    (holding,) = Holding.objects.filter(person__full_name="Nguyễn Văn A")
    assert (holding.valid_from, holding.valid_to) == (D(2020, 3, 1), D(2021, 1, 1))
    assert holding.post.post_type == "secretary"
    exported = popolo_export(D(2020, 6, 1))
    (org,) = [o for o in exported["organizations"] if o["name"] == "Đảng ủy A"]
    assert org["parent_history"][0]["parent_id"] is not None


def test_the_cli_imports_and_answers_where_deputies_are(country, tmp_path):
    runner = CliRunner()
    dry = runner.invoke(
        cli, ["popolo", "import", str(DATA), "--dry-run", "--areas-on", "2025-06-30"]
    )
    assert dry.exit_code == 0, dry.output
    assert "492" in dry.output
    assert Person.objects.count() == 0
    done = runner.invoke(cli, ["popolo", "import", str(DATA), "--areas-on", "2025-06-30"])
    assert done.exit_code == 0, done.output
    answer = runner.invoke(cli, ["popolo", "delegates", "--on", "2025-07-01", "--json"])
    rows = json.loads(answer.output)
    assert len(rows) == 492
    quang_ninh = {r["provinces"][0]["name"] for r in rows if r["constituency"] == "Quảng Ninh"}
    assert quang_ninh == {"Tỉnh Quảng Ninh"}
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    refused = runner.invoke(cli, ["popolo", "import", str(broken)])
    assert refused.exit_code == 2
    assert "không có gì được ghi" in refused.output
