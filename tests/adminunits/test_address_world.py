"""A small registry shaped like the loader's, for the address conversion tests.

Built through the real services (unit_register, events_apply), as `adminunits.loader` records
the reform: legacy provinces > districts > communes from 2024-01-01 with their GSO codes and
former names; on 2025-07-01 provinces consolidated (or going on), communes consolidated into
new ones under the province (a divided one going in as part to each, its centre marked), a
commune going on as the same unit (transfer), districts dissolved. Earlier, on 2024-11-01, Hòa
Lạc merged into Trần Phú (which keeps "hoalac" as a former name).

The names are real, as are most codes; some flows are simplified (Quảng Nghĩa is divided here).
The module's own tests check the world is what the other tests assume.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from tinhgon.registry.eventspec import CodeSpec, NewUnitSpec, parse_event_spec
from tinhgon.registry.models import Unit
from tinhgon.registry.queries import unit_resolve, version_at
from tinhgon.registry.services import events_apply, unit_register

D = dt.date
BASELINE = D(2024, 1, 1)
BEFORE, AFTER = D(2025, 6, 30), D(2025, 7, 1)


def resolution(number: str, province: str) -> dict[str, Any]:
    return {
        "number": number,
        "issuer": "Ủy ban Thường vụ Quốc hội",
        "kind": "resolution",
        "signed_on": "2025-06-16",
        "effective_on": "2025-07-01",
        "title": f"Sắp xếp các đơn vị hành chính cấp xã của {province} năm 2025",
    }


PROVINCES_RESOLUTION = {
    "number": "202/2025/QH15",
    "issuer": "Quốc hội",
    "kind": "resolution",
    "signed_on": "2025-06-12",
    "title": "Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh",
}
DISTRICTS_END = {
    "number": "72/2025/QH15",
    "issuer": "Quốc hội",
    "kind": "other",
    "signed_on": "2025-06-16",
    "title": "Luật Tổ chức chính quyền địa phương (sửa đổi)",
}
HOA_LAC_MERGER = {
    "number": "1199/NQ-UBTVQH15",
    "issuer": "Ủy ban Thường vụ Quốc hội",
    "kind": "resolution",
    "signed_on": "2024-09-28",
    "effective_on": "2024-11-01",
}

# province code: (name, subtype, {district code: (name, subtype, [(code, name, subtype,
# former names)])})
LEGACY: dict[str, tuple[str, str, dict[str, tuple[str, str, list[tuple[Any, ...]]]]]] = {
    "22": ("Tỉnh Quảng Ninh", "province", {
        "194": ("Thành phố Móng Cái", "provincial_city", [
            ("06709", "Phường Ka Long", "ward", []),
            ("06712", "Phường Trần Phú", "ward", ["phuonghoalac", "hoalac"]),
            ("06718", "Phường Hòa Lạc", "ward", []),
            ("06742", "Phường Hải Hòa", "ward", []),
            ("06733", "Xã Hải Tiến", "rural_commune", []),
            ("06739", "Xã Quảng Nghĩa", "rural_commune", []),
        ]),
        "195": ("Thành phố Cẩm Phả", "provincial_city", [
            ("06799", "Xã Hải Hòa", "rural_commune", ["xacamhai", "camhai"]),
        ]),
    }),
    "79": ("Thành phố Hồ Chí Minh", "municipality", {
        "770": ("Quận 3", "urban_district", [
            ("27139", "Phường 1", "ward", []),
            ("27142", "Phường 10", "ward", []),
        ]),
        "771": ("Quận 10", "urban_district", [
            ("27190", "Phường 1", "ward", []),
        ]),
    }),
    "77": ("Tỉnh Bà Rịa - Vũng Tàu", "province", {
        "747": ("Thành phố Vũng Tàu", "provincial_city", [
            ("26506", "Phường 1", "ward", []),
            ("26509", "Phường Thắng Tam", "ward", []),
        ]),
    }),
    "51": ("Tỉnh Quảng Ngãi", "province", {
        "562": ("Huyện Ba Tơ", "rural_district", [
            ("21349", "Thị trấn Ba Tơ", "township", []),
            ("21403", "Xã Ba Tô", "rural_commune", []),
        ]),
    }),
    "10": ("Tỉnh Lào Cai", "province", {
        "082": ("Thị xã Sa Pa", "town", [
            ("03001", "Phường Sa Pa", "ward", []),
            ("03002", "Phường Sa Pả", "ward", []),
        ]),
    }),
    "42": ("Tỉnh Hà Tĩnh", "province", {
        "449": ("Thị xã Kỳ Anh", "town", [
            ("18847", "Phường Kỳ Trinh", "ward", []),
        ]),
        "448": ("Huyện Kỳ Anh", "rural_district", [
            ("18754", "Xã Kỳ Xuân", "rural_commune", []),
        ]),
    }),
}  # fmt: skip

# The new communes: (province code, code, name, subtype, [old codes whole],
# [(old code, holds the former centre)])
NEW: list[tuple[str, str, str, str, list[str], list[tuple[str, bool]]]] = [
    ("22", "06733", "Xã Hải Ninh", "rural_commune", ["06733"], [("06739", True)]),
    ("22", "06712", "Phường Móng Cái 1", "ward", ["06712", "06742"], []),
    ("22", "06709", "Phường Móng Cái 2", "ward", ["06709"], [("06739", False)]),
    ("79", "27139", "Phường Bàn Cờ", "ward", ["27139", "27142"], []),
    ("79", "27190", "Phường Vườn Lài", "ward", ["27190"], []),
    ("79", "26506", "Phường Vũng Tàu", "ward", ["26506", "26509"], []),
    ("51", "21349", "Xã Ba Tơ", "rural_commune", ["21349", "21403"], []),
    ("42", "18847", "Phường Hoành Sơn", "ward", ["18847"], []),
    ("10", "03001", "Phường Sa Pa", "ward", ["03001", "03002"], []),
]
# Communes that go on as the same unit, under the province.
GOING_ON = ["06799", "18754"]
# Provinces consolidated into a new one: new code -> (name, subtype, old codes).
CONSOLIDATED = {"79": ("Thành phố Hồ Chí Minh", "municipality", ["79", "77"])}


@dataclass
class World:
    units: dict[tuple[str, dt.date], Unit] = field(default_factory=dict)

    def at(self, code: str, on: dt.date = BEFORE) -> Unit:
        """The unit holding an administrative code on a date."""
        return unit_resolve(f"code:{code}", on)

    def old(self, code: str) -> Unit:
        return self.at(code, BEFORE)

    def new(self, code: str) -> Unit:
        return self.at(code, AFTER)


def _register(
    name: str, kind: str, subtype: str, code: str, parent: Unit | None, former: list[str]
) -> Unit:
    return unit_register(
        spec=NewUnitSpec(
            name=name,
            kind=kind,
            subtype=subtype,
            parent=f"id:{parent.pk}" if parent else None,
            codes=[CodeSpec("gso", code)],
            attributes={"former_names": former} if former else {},
        ),
        valid_from=BASELINE,
    )


def build_world() -> World:
    """The registry of the module docstring; returns a handle to look units up."""
    ids: dict[str, Unit] = {}
    for p_code, (p_name, p_subtype, districts) in LEGACY.items():
        province = _register(p_name, "province", p_subtype, p_code, None, [])
        ids[p_code] = province
        for d_code, (d_name, d_subtype, communes) in districts.items():
            district = _register(d_name, "district", d_subtype, d_code, province, [])
            ids[d_code] = district
            for c_code, c_name, c_subtype, former in communes:
                ids[c_code] = _register(c_name, "commune", c_subtype, c_code, district, former)

    def ref(code: str) -> str:
        return f"id:{ids[code].pk}"

    merger = {
        "kind": "merge",
        "effective_on": "2024-11-01",
        "title": "Nhập Phường Hòa Lạc vào Phường Trần Phú",
        "documents": [HOA_LAC_MERGER],
        "inputs": [{"unit": ref("06718")}],
        "outputs": [{"unit": ref("06712")}],
    }
    specs: list[dict[str, Any]] = []
    province_ref = {code: ref(code) for code in LEGACY}
    for new_code, (name, subtype, olds) in CONSOLIDATED.items():
        specs.append({
            "kind": "consolidate",
            "effective_on": "2025-07-01",
            "title": f"Hợp nhất thành {name}",
            "documents": [PROVINCES_RESOLUTION],
            "children_follow": False,
            "inputs": [{"unit": ref(c)} for c in olds],
            "outputs": [{"new": {"name": name, "kind": "province", "subtype": subtype,
                                 "codes": [{"scheme": "gso", "code": new_code}]}}],
        })  # fmt: skip
        for old in olds:
            province_ref[old] = f"code:{new_code}"
    province_of = {
        c_code: p_code
        for p_code, (_n, _s, districts) in LEGACY.items()
        for _dn, _ds, communes in districts.values()
        for c_code, *_rest in communes
    }
    for p_code, code, name, subtype, whole, parts in NEW:
        inputs = [{"unit": ref(c)} for c in whole] + [
            {"unit": ref(c), "share": "part", "attributes": {"holds_former_centre": centre}}
            for c, centre in parts
        ]
        specs.append({
            "kind": "consolidate" if len(inputs) > 1 else "split",
            "effective_on": "2025-07-01",
            "title": f"Thành lập {name}",
            "documents": [resolution(f"{p_code}/NQ-TEST", LEGACY[p_code][0])],
            "inputs": inputs,
            "outputs": [{"new": {"name": name, "kind": "commune", "subtype": subtype,
                                 "parent": province_ref[p_code],
                                 "codes": [{"scheme": "gso", "code": code}]}}],
        })  # fmt: skip
    for code in GOING_ON:
        specs.append(
            {
                "kind": "transfer",
                "effective_on": "2025-07-01",
                "title": "Tiếp tục, trực thuộc tỉnh",
                "documents": [
                    resolution(f"{province_of[code]}/NQ-TEST", LEGACY[province_of[code]][0])
                ],
                "unit": ref(code),
                "changes": {"parent": province_ref[province_of[code]]},
            }
        )
    for _name, _subtype, districts in LEGACY.values():
        specs.append(
            {
                "kind": "dissolve",
                "effective_on": "2025-07-01",
                "title": "Kết thúc hoạt động của đơn vị hành chính cấp huyện",
                "documents": [DISTRICTS_END],
                "children_follow": False,
                "inputs": [{"unit": ref(d)} for d in districts],
            }
        )
    events_apply(specs=[parse_event_spec(merger)])
    events_apply(specs=[parse_event_spec(s) for s in specs])
    return World()


@pytest.fixture
def world(db: None) -> World:
    return build_world()


# ---------------------------------------------------------------------------- the world itself

pytestmark = pytest.mark.django_db


def test_the_world_has_the_legacy_units_until_the_reform_and_the_new_ones_from_it(world):
    tran_phu = world.old("06712")
    assert version_at(tran_phu, BEFORE).name == "Phường Trần Phú"  # type: ignore[union-attr]
    assert version_at(tran_phu, AFTER) is None
    mong_cai_1 = version_at(world.new("06712"), AFTER)
    assert mong_cai_1 is not None and mong_cai_1.name == "Phường Móng Cái 1"
    assert version_at(mong_cai_1.parent_id, AFTER).name == "Tỉnh Quảng Ninh"  # type: ignore[arg-type,union-attr]
    # Quảng Ninh goes on as the same unit; Hồ Chí Minh City is a new one.
    assert world.old("22") == world.new("22")
    assert world.old("79") != world.new("79")
    # A commune going on keeps its identity and moves under the province.
    assert world.old("06799") == world.new("06799")
    assert version_at(world.new("06799"), AFTER).parent_id == world.new("22").pk  # type: ignore[union-attr]
    # Districts end.
    assert version_at(world.old("194"), AFTER) is None
    # Hòa Lạc ended on 2024-11-01, merged into Trần Phú.
    assert version_at(world.at("06718", D(2024, 10, 31)), D(2024, 11, 1)) is None
