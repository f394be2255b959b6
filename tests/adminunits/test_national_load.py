"""The whole country loaded from the package, checked against the package's own lists.

The expected values are read here straight from the package's files with sqlite3 and json,
not through the loader's reader, so the test can catch a reader that drops or bends rows.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from tinhgon.adminunits.loader import load_admin_units, resolutions
from tinhgon.registry import queries as q
from tinhgon.registry.models import Event, UnitCode, UnitVersion

BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


def package_data() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def rows(sql: str) -> list[tuple]:  # type: ignore[type-arg]
    db = sqlite3.connect(package_data() / "dataset.db")
    try:
        return list(db.execute(sql))
    finally:
        db.close()


@pytest.fixture(scope="module")
def country(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        first = load_admin_units()
        second = load_admin_units()
        yield first, second
        call_command("flush", interactive=False, verbosity=0)


pytestmark = pytest.mark.django_db


def count(kind: str, on: dt.date, subtype: str | None = None) -> int:
    qs = UnitVersion.objects.as_of(on).filter(kind=kind)
    return (qs.filter(subtype=subtype) if subtype else qs).count()


LEGACY_COUNT = "SELECT COUNT(DISTINCT {column}) FROM admin_units_legacy"
LEGACY_KINDS = (
    "SELECT wardType, COUNT(*) FROM admin_units_legacy WHERE wardCode IS NOT NULL GROUP BY 1"
)


def test_counts_on_both_sides_of_the_reform_equal_the_package(country):
    provinces = rows(LEGACY_COUNT.format(column="provinceCode"))[0][0]
    districts = rows(LEGACY_COUNT.format(column="districtCode"))[0][0]
    assert count("province", BEFORE) == provinces == 63
    assert count("district", BEFORE) == districts == 696
    kinds = dict(rows(LEGACY_KINDS))
    assert count("commune", BEFORE, "ward") == kinds["Phường"]
    assert count("commune", BEFORE, "rural_commune") == kinds["Xã"]
    assert count("commune", BEFORE, "township") == kinds["Thị trấn"]
    assert count("commune", BEFORE) == 10_035  # and five island districts with no communes

    assert count("province", AFTER) == 34
    assert count("district", AFTER) == 0
    new = dict(rows("SELECT wardType, COUNT(*) FROM admin_units GROUP BY 1"))
    assert count("commune", AFTER, "ward") == new["Phường"] == 687
    assert count("commune", AFTER, "rural_commune") == new["Xã"] == 2621
    assert count("commune", AFTER, "special_zone") == new["Đặc khu"] == 13
    assert count("commune", AFTER) == 3321


def test_loading_twice_records_nothing_more(country):
    first, second = country
    assert first.registered > 10_000 and first.events > 3_000
    assert (second.registered, second.events) == (0, 0)


def test_every_legacy_commune_has_the_packages_successors(country):
    """Walks all 10,040 legacy rows (communes and island districts), not a sample."""
    mapping = json.loads((package_data() / "converter_2025.json").read_text("utf-8"))
    expected: dict[str, set[str]] = {}
    new_code = {
        f"{p}_{w}": c for p, w, c in rows("SELECT provinceKey, wardKey, wardCode FROM admin_units")
    }
    for province, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, olds in wards.items():
            for old in olds:
                expected.setdefault(old, set()).add(new_code[f"{province}_{ward}"])
    for province, olds in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, targets in olds.items():
            for target in targets:
                expected.setdefault(old, set()).add(new_code[f"{province}_{target['newWardKey']}"])
    legacy = rows(
        "SELECT provinceKey, districtKey, COALESCE(wardKey, ''), COALESCE(wardCode, districtCode) "
        "FROM admin_units_legacy"
    )
    assert len(legacy) == 10_040
    wrong = []
    for province, district, ward, code in legacy:
        unit = q.unit_resolve(f"code:{code}", BEFORE)
        got = {
            c.code
            for e in q.lineage(unit, BEFORE, AFTER)
            for c in q.codes_at([e.unit_id], AFTER)[e.unit_id]
        }
        if got != expected[f"{province}_{district}_{ward}"]:
            wrong.append(code)
    assert wrong == []


def test_divided_communes_go_in_part_and_name_where_the_centre_went(country):
    parts = Counter()
    for entry in q.lineage(q.unit_resolve("code:06733", BEFORE), BEFORE, AFTER):  # Xã Hải Tiến
        parts[entry.share] += 1
    assert parts == {"whole": 1}  # Hải Tiến went whole into Hải Ninh
    divided = Event.objects.filter(effective_on=AFTER, participants__share="part").distinct()
    assert divided.exists()
    centres = [
        link.attributes["holds_former_centre"]
        for event in divided[:50]
        for link in event.participants.filter(role="input", share="part")
    ]
    assert True in centres and all(isinstance(c, bool) for c in centres)


def test_mong_cai_resolves_both_ways(country):
    mong_cai_1 = q.unit_resolve("06712", AFTER)
    origins = {e.version.name for e in q.lineage(mong_cai_1, AFTER, BEFORE)}
    assert origins == {
        "Phường Trần Phú",
        "Phường Hải Hòa",
        "Xã Hải Xuân",
        "Phường Bình Ngọc",
        "Phường Trà Cổ",
    }
    before_2024 = {e.version.name for e in q.lineage(mong_cai_1, AFTER, dt.date(2024, 6, 1))}
    assert "Phường Hòa Lạc" in before_2024  # merged into Trần Phú on 2024-11-01
    tran_phu = q.unit_resolve("06712", BEFORE)
    assert [e.version.name for e in q.lineage(tran_phu, BEFORE, AFTER)] == ["Phường Móng Cái 1"]
    assert q.version_at(tran_phu, BEFORE).name == "Phường Trần Phú"


def test_each_province_cites_its_resolution_with_its_status(country):
    table = resolutions()
    for name, row in table.items():
        province = UnitVersion.objects.as_of(AFTER).get(kind="province", name=name)
        event = (
            Event.objects.filter(
                effective_on=AFTER, participants__unit__versions__parent=province.unit
            )
            .exclude(kind="dissolve")
            .distinct()
            .first()
        )
        assert event is not None, name
        document = event.documents.get()
        assert document.number == row["resolution_number"]
        assert document.status == row["status"].strip()


def test_codes_never_point_to_two_units_and_06712_is_reused(country):
    for day in (BEFORE, AFTER):
        codes = UnitCode.objects.as_of(day).values_list("scheme", "code")
        assert len(codes) == len(set(codes))
    assert q.unit_resolve("06712", BEFORE) != q.unit_resolve("06712", AFTER)


def test_the_gpl_dependency_of_the_package_is_not_installed():
    assert importlib.util.find_spec("unidecode") is None
