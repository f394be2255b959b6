"""A small province built through the real services, and plans over it.

Tỉnh P (90) > Thành phố T (9000) > Phường A (90001), B (90002), C (90003), each with its
People's Committee. UBND A: a chair, two vice chairs, 3 civil servants (quota 4 in 2026);
UBND B: a chair, a vice chair, 2 civil servants; UBND C: 1 civil servant. Đảng bộ thành phố T
> Đảng ủy phường A > Chi bộ A1 (2 official members); Đảng ủy phường B > Chi bộ B1 (1)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from tests.people.helpers import person, unit
from tests.registry.helpers import DOC, START, D, ref, register
from tinhgon.audit.models import ChangeRecord
from tinhgon.party import services as party
from tinhgon.people import services as people
from tinhgon.registry.eventspec import DocumentSpec
from tinhgon.registry.models import Event, Unit, UnitVersion
from tinhgon.registry.services import document_register
from tinhgon.staffing import services as staffing
from tinhgon.staffing.models import Employment

__all__ = ["BASE", "DOC", "EFFECTIVE", "START", "D", "build_world", "real_state", "ref"]

BASE = D(2026, 1, 1)
EFFECTIVE = D(2026, 3, 1)


def _post(where: Unit, post_type: str, *holders: Any) -> None:
    post = people.post_create(
        unit=where, post_type=post_type, valid_from=START, single_holder=len(holders) == 1
    )
    for holder in holders:
        people.holding_start(person=holder, post=post, valid_from=D(2021, 1, 1))


def _staff(where: Unit, n: int, home: Unit, prefix: str) -> list[Any]:
    found = []
    for i in range(n):
        who = person(f"{prefix} {i + 1}", home=home)
        staffing.employment_start(
            person=who, unit=where, category="civil_servant", valid_from=D(2015, 1, 1)
        )
        found.append(who)
    return found


def _members(cell: Unit, n: int, prefix: str) -> list[Any]:
    found = []
    for i in range(n):
        who = person(f"{prefix} {i + 1}", birth_date=D(1990, 5, 1))
        member = party.member_admit(person_id=who.pk, cell_id=cell.pk, admitted_on=D(2015, 3, 1))
        party.member_confirm(member_id=member.pk, decided_on=D(2016, 3, 1))
        found.append(who)
    return found


def build_world() -> SimpleNamespace:
    province = register("Tỉnh P", "province", codes=["90"])
    city = register("Thành phố T", "district", parent=province, codes=["9000"])
    communes = [
        register(f"Phường {x}", "commune", parent=city, codes=[f"9000{i}"], subtype="ward")
        for i, x in enumerate("ABC", start=1)
    ]
    committees = [
        unit(f"Ủy ban nhân dân phường {x}", "peoples_committee", parent=c)
        for x, c in zip("ABC", communes, strict=True)
    ]
    city_party = unit("Đảng bộ thành phố T", "party_committee", territory=city)
    ward_parties = [
        unit(f"Đảng ủy phường {x}", "grassroots_party_committee", city_party, c)
        for x, c in zip("AB", communes[:2], strict=True)
    ]
    cells = [
        unit(f"Chi bộ {x}1", "party_cell", parent=wp)
        for x, wp in zip("AB", ward_parties, strict=True)
    ]
    a, b, c = communes
    holders = [person(f"Lãnh đạo {i}", home=a) for i in range(1, 6)]
    _post(committees[0], "chair", holders[0])
    _post(committees[0], "vice_chair", holders[1], holders[2])
    _post(committees[1], "chair", holders[3])
    _post(committees[1], "vice_chair", holders[4])
    staff = (
        _staff(committees[0], 3, a, "Công chức A")
        + _staff(committees[1], 2, b, "Công chức B")
        + _staff(committees[2], 1, c, "Công chức C")
    )
    members = _members(cells[0], 2, "Đảng viên A") + _members(cells[1], 1, "Đảng viên B")
    document = document_register(
        spec=DocumentSpec(
            number="9/QĐ-UBND", issuer="UBND tỉnh P", kind="decision", signed_on=D(2025, 12, 1)
        )
    )
    staffing.quota_set(
        unit=committees[0], category="civil_servant", number=4, document=document, year=2026
    )
    # One vice chair for a commune's People's Committee, one more for a merged one.
    people.deputy_rule_define(
        code="test-commune-vice-chairs",
        unit_kind="peoples_committee",
        post_type="vice_chair",
        mode="max",
        number=1,
        merged_bonus=1,
        valid_from=D(2020, 1, 1),
    )
    return SimpleNamespace(
        province=province,
        city=city,
        communes=communes,
        committees=committees,
        city_party=city_party,
        ward_parties=ward_parties,
        cells=cells,
        holders=holders,
        staff=staff,
        members=members,
    )


def merger_events(w: SimpleNamespace) -> list[dict[str, Any]]:
    """A and B become Phường AB (code 90001 passes to it); their committees, party
    organizations and cells are merged with them."""
    a, b, _ = w.communes
    return [
        {
            "kind": "merge",
            "title": "Sáp nhập UBND phường B vào UBND phường A",
            "inputs": [{"unit": ref(w.committees[1])}],
            "outputs": [{"unit": ref(w.committees[0])}],
        },
        {
            "kind": "merge",
            "title": "Sáp nhập Chi bộ B1 vào Chi bộ A1",
            "inputs": [{"unit": ref(w.cells[1])}],
            "outputs": [{"unit": ref(w.cells[0])}],
        },
        {
            "kind": "consolidate",
            "title": "Thành lập phường AB",
            "inputs": [{"unit": ref(a)}, {"unit": ref(b)}],
            "outputs": [
                {
                    "new": {
                        "name": "Phường AB",
                        "kind": "commune",
                        "subtype": "ward",
                        "parent": ref(w.city),
                        "codes": [{"scheme": "gso", "code": "90001"}],
                    }
                }
            ],
        },
        {
            "kind": "consolidate",
            "title": "Hợp nhất Đảng ủy phường A và B",
            "inputs": [{"unit": ref(w.ward_parties[0])}, {"unit": ref(w.ward_parties[1])}],
            "outputs": [
                {
                    "new": {
                        "name": "Đảng ủy phường AB",
                        "kind": "grassroots_party_committee",
                        "parent": ref(w.city_party),
                        "territory": "code:90001",
                    }
                }
            ],
        },
    ]


def real_state() -> tuple[Any, ...]:
    """What a plan must not touch before it is approved."""
    return (
        Event.objects.count(),
        UnitVersion.objects.count(),
        tuple(UnitVersion.objects.order_by("id").values_list("valid_to", flat=True)),
        Employment.objects.count(),
        ChangeRecord.objects.exclude(object_type__startswith="plans.").count(),
    )
