"""Address conversion on a real province loaded from the package: Quảng Ninh (22), Móng Cái
included. The expected values come from the package's files, read here with sqlite3 and json
(tests/adminunits/package_facts.py and below), or from published facts."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.utils import translation

from tests.adminunits.package_facts import _data, package
from tinhgon.adminunits.address import (
    AMBIGUOUS,
    OK,
    AddressConverter,
    convert_address,
    key,
    origins,
)
from tinhgon.adminunits.address_queries import ForwardLineage
from tinhgon.adminunits.loader import load_admin_units
from tinhgon.core.text import fold
from tinhgon.registry import queries
from tinhgon.registry.models import UnitVersion

from .test_address_world import AFTER, BEFORE

PROVINCE = "22"
ABBREVIATION = {"Phường": "P.", "Xã": "X.", "Thị trấn": "TT."}
DISTRICT_ABBREVIATION = {"Thành phố": "TP.", "Thị xã": "TX.", "Huyện": "H.", "Quận": "Q."}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        load_admin_units(provinces=[PROVINCE])
        yield
        call_command("flush", interactive=False, verbosity=0)


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def legacy_communes() -> list[dict[str, str]]:
    """The province's communes of 2025-06-30 with their district, straight from the package."""
    db = sqlite3.connect(_data() / "dataset.db")
    try:
        rows = db.execute(
            "SELECT ward, wardType, wardCode, district, districtType, districtCode, province "
            "FROM admin_units_legacy WHERE provinceCode = ? AND wardCode IS NOT NULL",
            (PROVINCE,),
        )
        names = ("ward", "ward_type", "code", "district", "district_type", "district_code")
        return [dict(zip((*names, "province"), row, strict=True)) for row in rows]
    finally:
        db.close()


def expected_flows(old_code: str) -> set[tuple[str, str, bool | None]]:
    flows = package()["flows"]
    return {(new, share, centre) for old, new, share, centre in flows if old == old_code}


def abbreviated(row: dict[str, str]) -> str:
    """ "x. hai tien, tp. mong cai, quang ninh": abbreviated types, no diacritics."""
    commune = ABBREVIATION[row["ward_type"]] + " " + row["ward"][len(row["ward_type"]) + 1 :]
    district = (
        DISTRICT_ABBREVIATION[row["district_type"]]
        + " "
        + row["district"][len(row["district_type"]) + 1 :]
    )
    province = row["province"].removeprefix("Tỉnh ")
    return fold(f"{commune}, {district}, {province}")


# ---------------------------------------------------------------------------- published facts


@pytest.mark.parametrize(
    "text",
    [
        "Phường Trần Phú, Thành phố Móng Cái, Tỉnh Quảng Ninh",
        "12 Lê Lợi, P. Trần Phú, TP. Móng Cái, Quảng Ninh",
        "phuong tran phu - tp mong cai - quang ninh",
    ],
)
def test_tran_phu_of_mong_cai_is_mong_cai_1(loaded, text):
    result = convert_address(text)
    assert result.status == OK, result.message
    assert (result.old.name, result.old.code) == ("Phường Trần Phú", "06712")  # type: ignore[union-attr]
    assert [(n.area.name, n.area.code, n.share) for n in result.new] == [
        ("Phường Móng Cái 1", "06712", "whole")
    ]
    assert result.new_provinces[0].name == "Tỉnh Quảng Ninh"


def test_hai_tien_is_hai_ninh(loaded):
    result = convert_address("Xã Hải Tiến, Thành phố Móng Cái, Tỉnh Quảng Ninh")
    assert [n.area.name for n in result.new] == ["Xã Hải Ninh"]
    assert result.new_address == "Xã Hải Ninh, Tỉnh Quảng Ninh"


def test_hoa_lac_merged_into_tran_phu_is_found_by_its_former_name(loaded):
    result = convert_address("Phường Hòa Lạc, Móng Cái, Quảng Ninh")
    assert result.status == OK and result.old is not None
    assert result.old.code == "06712" and result.outcome.matched_by == "former_name"
    assert [n.area.name for n in result.new] == ["Phường Móng Cái 1"]


def test_mong_cai_1_was_formed_from_five_wards_and_communes(loaded):
    result = origins("Phường Móng Cái 1", "Quảng Ninh")
    assert {(o.area.name, o.share) for o in result.old} == {
        ("Phường Trần Phú", "whole"),
        ("Phường Hải Hòa", "whole"),
        ("Xã Hải Xuân", "whole"),
        ("Phường Bình Ngọc", "whole"),
        ("Phường Trà Cổ", "whole"),
    }


# ---------------------------------------------------------------------------- every commune


def test_every_commune_converts_to_the_packages_successors(loaded):
    communes = legacy_communes()
    assert len(communes) > 100
    converter = AddressConverter(batch=True)
    for row in communes:
        text = f"{row['ward']}, {row['district']}, {row['province']}"
        result = converter.convert(text)
        assert result.status == OK, (text, result.message)
        assert result.old is not None and result.old.code == row["code"], text
        found = {(n.area.code, n.share, n.holds_former_centre) for n in result.new}
        assert found == expected_flows(row["code"]), text
        provinces = {p.name for p in result.new_provinces}
        assert provinces == {"Tỉnh Quảng Ninh"}, text


def test_one_at_a_time_gives_the_same_as_the_batch(loaded):
    batch = AddressConverter(batch=True)
    for row in legacy_communes()[::7]:
        text = f"{row['ward']}, {row['district']}, {row['province']}"
        one = convert_address(text)
        many = batch.convert(text)
        assert [(n.area.unit_id, n.share) for n in one.new] == [
            (n.area.unit_id, n.share) for n in many.new
        ], text


def test_abbreviated_addresses_without_diacritics_never_give_a_wrong_unit(loaded):
    communes = legacy_communes()
    # Two communes of a district whose type and name are the same without diacritics cannot
    # be told apart when written without them.
    folded = Counter((r["district_code"], r["ward_type"], key(r["ward"])) for r in communes)
    converter = AddressConverter(batch=True)
    statuses: Counter[str] = Counter()
    for row in communes:
        text = abbreviated(row)
        result = converter.convert(text)
        statuses[result.status] += 1
        if folded[(row["district_code"], row["ward_type"], key(row["ward"]))] > 1:
            assert result.status == AMBIGUOUS, text
            assert row["code"] in [a.code for a in result.candidates], text
        else:
            assert result.status == OK, (text, result.message)
            assert result.old is not None and result.old.code == row["code"], text
    assert statuses[OK] + statuses[AMBIGUOUS] == len(communes)


def test_every_new_commune_lists_the_packages_predecessors(loaded):
    by_new: dict[str, set[tuple[str, str, bool | None]]] = defaultdict(set)
    for old, new, share, centre in package()["flows"]:
        by_new[new].add((old, share, centre))
    new_codes = [c for c, (p, _n, _k) in package()["new"].items() if p == PROVINCE]
    assert len(new_codes) > 40
    for code in new_codes:
        result = origins(code)
        assert result.status == OK, (code, result.message)
        assert {(o.area.code, o.share, o.holds_former_centre) for o in result.old} == by_new[
            code
        ], code


def test_the_walk_agrees_with_the_registrys_lineage(loaded):
    ids = [v.unit_id for v in UnitVersion.objects.as_of(BEFORE).filter(kind="commune")]
    walked = ForwardLineage(BEFORE, AFTER, preload=True).successors(ids)
    for version in UnitVersion.objects.as_of(BEFORE).filter(kind="commune"):
        expected = queries.lineage(version.unit, BEFORE, AFTER)
        assert [(e.unit_id, e.share) for e in walked[version.unit_id]] == [
            (e.unit_id, e.share) for e in expected
        ], version.name
