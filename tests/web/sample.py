"""A small Móng Cái, built through the real services, for the page and browser tests.

City 194 with four wards and communes, three villages, two party boards and two offices;
events: a village merge (2016), two consolidations of party and state bodies (01/07/2018), a
rename (2020), a ward merge (2024) and a 2025 consolidation that reuses code 06712.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from tinhgon.core.dates import parse_user_date
from tinhgon.core.errors import DomainError
from tinhgon.registry.eventspec import CodeSpec, NewUnitSpec, parse_event_spec
from tinhgon.registry.models import Event, Unit
from tinhgon.registry.services import event_apply, unit_register

BASE = dt.date(2010, 1, 1)

VILLAGE_RESOLUTION = {
    "number": "210/NQ-HĐND",
    "issuer": "HĐND tỉnh Quảng Ninh",
    "kind": "resolution",
    "signed_on": "2015-07-15",
    "title": "Về việc sáp nhập, đổi tên thôn, khu phố",
    "status": "V",
    "url": "https://example.invalid/210-nq-hdnd",
}
PILOT_DECISION = {
    "number": "1874-QĐ/TU",
    "issuer": "Tỉnh ủy Quảng Ninh",
    "kind": "decision",
    "signed_on": "2018-06-20",
    "effective_on": "2018-07-01",
    "title": "Thí điểm hợp nhất cơ quan tham mưu của Đảng và chính quyền",
    "status": "U",
}
WARD_RESOLUTION = {
    "number": "1199/NQ-UBTVQH15",
    "issuer": "Ủy ban Thường vụ Quốc hội",
    "kind": "resolution",
    "signed_on": "2024-09-28",
    "effective_on": "2024-11-01",
    "title": "Về việc sắp xếp đơn vị hành chính cấp huyện, cấp xã của tỉnh Quảng Ninh",
    "status": "V",
}
REFORM_RESOLUTION = {
    "number": "1679/NQ-UBTVQH15",
    "issuer": "Ủy ban Thường vụ Quốc hội",
    "kind": "resolution",
    "signed_on": "2025-06-16",
    "effective_on": "2025-07-01",
    "title": "Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ninh năm 2025",
    "status": "V",
}


@dataclass
class Sample:
    province: Unit
    city: Unit
    ka_long: Unit
    tran_phu: Unit
    hoa_lac: Unit
    hai_xuan: Unit
    village_2: Unit
    village_3: Unit
    board: Unit
    home_affairs: Unit
    joint_board: Unit
    mong_cai_1: Unit
    consolidation: Event
    village_merge: Event
    rename: Event


def _register(
    name: str,
    kind: str,
    parent: Unit | None = None,
    codes: tuple[str, ...] = (),
    subtype: str = "",
) -> Unit:
    return unit_register(
        spec=NewUnitSpec(
            name=name,
            kind=kind,
            subtype=subtype,
            parent=f"id:{parent.pk}" if parent else None,
            codes=[CodeSpec("gso", c) for c in codes],
        ),
        valid_from=BASE,
    )


def _apply(data: dict[str, Any]) -> Event:
    return event_apply(spec=parse_event_spec(data))


def _new(name: str, kind: str, parent: Unit, **extra: Any) -> dict[str, Any]:
    return {"new": {"name": name, "kind": kind, "parent": f"id:{parent.pk}", **extra}}


def _out(event: Event) -> Unit:
    return event.participants.get(role="output").unit


def build() -> Sample:
    province = _register("Tỉnh Quảng Ninh", "province", codes=("22",))
    city = _register("Thành phố Móng Cái", "district", province, ("194",), "provincial_city")
    ka_long = _register("Phường Ka Long", "commune", city, ("06709",), "ward")
    tran_phu = _register("Phường Trần Phú", "commune", city, ("06712",), "ward")
    hoa_lac = _register("Phường Hòa Lạc", "commune", city, ("06715",), "ward")
    hai_xuan = _register("Xã Hải Xuân", "commune", city, ("06736",), "rural_commune")
    _register("Khu 1", "village", ka_long)
    village_2 = _register("Khu 2", "village", ka_long)
    village_3 = _register("Khu 3", "village", ka_long)
    board = _register("Ban Tổ chức Thành ủy", "party_board", city)
    inspection = _register("Ủy ban Kiểm tra Thành ủy", "party_board", city)
    home_affairs = _register("Phòng Nội vụ", "specialized_office", city)
    inspectorate = _register("Thanh tra thành phố", "specialized_office", city)

    village_merge = _apply(
        {
            "kind": "merge",
            "effective_on": "2016-01-01",
            "title": "Sáp nhập Khu 2 vào Khu 3, phường Ka Long",
            "documents": [VILLAGE_RESOLUTION],
            "inputs": [{"unit": f"id:{village_2.pk}"}],
            "outputs": [{"unit": f"id:{village_3.pk}"}],
        }
    )
    consolidation = _apply(
        {
            "kind": "consolidate",
            "effective_on": "2018-07-01",
            "title": "Hợp nhất Ban Tổ chức Thành ủy và Phòng Nội vụ",
            "note": "Thí điểm theo Đề án 25.",
            "documents": [PILOT_DECISION],
            "inputs": [{"unit": f"id:{board.pk}"}, {"unit": f"id:{home_affairs.pk}"}],
            "outputs": [_new("Ban Tổ chức - Nội vụ Thành ủy", "party_board", city)],
        }
    )
    joint_board = _out(consolidation)
    _apply(
        {
            "kind": "consolidate",
            "effective_on": "2018-07-01",
            "title": "Hợp nhất Ủy ban Kiểm tra Thành ủy và Thanh tra thành phố",
            "documents": [PILOT_DECISION],
            "inputs": [{"unit": f"id:{inspection.pk}"}, {"unit": f"id:{inspectorate.pk}"}],
            "outputs": [_new("Cơ quan Ủy ban Kiểm tra - Thanh tra", "party_board", city)],
        }
    )
    rename = _apply(
        {
            "kind": "rename",
            "effective_on": "2020-01-01",
            "title": "Đổi tên Ban Tổ chức - Nội vụ",
            "documents": [PILOT_DECISION],
            "unit": f"id:{joint_board.pk}",
            "changes": {"name": "Cơ quan Tổ chức - Nội vụ"},
        }
    )
    _apply(
        {
            "kind": "merge",
            "effective_on": "2024-11-01",
            "title": "Nhập phường Hòa Lạc vào phường Trần Phú",
            "documents": [WARD_RESOLUTION],
            "inputs": [{"unit": f"id:{hoa_lac.pk}"}],
            "outputs": [{"unit": f"id:{tran_phu.pk}"}],
        }
    )
    reform = _apply(
        {
            "kind": "consolidate",
            "effective_on": "2025-07-01",
            "title": "Thành lập phường Móng Cái 1",
            "documents": [REFORM_RESOLUTION],
            "inputs": [{"unit": f"id:{tran_phu.pk}"}, {"unit": f"id:{hai_xuan.pk}"}],
            "outputs": [
                _new(
                    "Phường Móng Cái 1",
                    "commune",
                    province,
                    subtype="ward",
                    codes=[{"scheme": "gso", "code": "06712"}],
                )
            ],
        }
    )
    return Sample(
        province=province,
        city=city,
        ka_long=ka_long,
        tran_phu=tran_phu,
        hoa_lac=hoa_lac,
        hai_xuan=hai_xuan,
        village_2=village_2,
        village_3=village_3,
        board=board,
        home_affairs=home_affairs,
        joint_board=joint_board,
        mong_cai_1=_out(reform),
        consolidation=consolidation,
        village_merge=village_merge,
        rename=rename,
    )


def vi(text: Any) -> str:
    """A label or message as the Vietnamese UI shows it (labels of the registry's vocabulary
    come from its catalogue, so the tests follow its wording)."""
    with translation.override("vi"):
        return str(text)


def bad_date_message(value: str) -> str:
    """What the UI says about a date it cannot read."""
    with translation.override("vi"):
        try:
            parse_user_date(value, "on")
        except DomainError as error:
            return error.problems[0].message
    raise AssertionError(f"{value} is a valid date")
