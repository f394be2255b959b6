"""A small world for the import tests, built through the real services: a city (code 9000) with
a ward (code 90001) and its People's Committee (code 90009, a chair post), the city party
committee with the ward's party committee and one cell (code CB1), a staffed person, a
candidate person, two legal documents."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from tests.people.helpers import person, post, unit
from tests.registry.helpers import START, D, register
from tinhgon.registry.eventspec import CodeSpec, DocumentSpec, NewUnitSpec
from tinhgon.registry.services import document_register, unit_register
from tinhgon.staffing import services as staffing

__all__ = ["START", "D", "build_world"]


def build_world() -> SimpleNamespace:
    city = register("Thành phố T", "district", codes=["9000"])
    ward = register("Phường A", "commune", parent=city, codes=["90001"])
    committee = register(
        "Ủy ban nhân dân phường A", "peoples_committee", parent=ward, codes=["90009"]
    )
    city_party = unit("Đảng bộ thành phố T", "party_committee", territory=city)
    ward_party = unit("Đảng ủy phường A", "grassroots_party_committee", city_party, ward)
    cell = unit_register(
        spec=NewUnitSpec(
            name="Chi bộ khu 1",
            kind="party_cell",
            parent=f"id:{ward_party.pk}",
            codes=[CodeSpec("party", "CB1")],
        ),
        valid_from=START,
    )
    chair = post(committee, "chair")
    staffed = person("Lê Văn Cường", birth_date=D(1968, 3, 1), home=ward)
    staffing.employment_start(
        person=staffed, unit=committee, category="civil_servant", valid_from=D(2015, 1, 1)
    )
    candidate = person("Phạm Thị Dung", gender="female", birth_date=D(1995, 4, 2), home=ward)
    resolution = document_register(
        spec=DocumentSpec(
            number="1679/NQ-UBTVQH15",
            issuer="Ủy ban Thường vụ Quốc hội",
            kind="resolution",
            signed_on=D(2025, 6, 16),
        )
    )
    decision = document_register(
        spec=DocumentSpec(
            number="1/QĐ-UBND", issuer="UBND tỉnh", kind="decision", signed_on=D(2014, 12, 1)
        )
    )
    return SimpleNamespace(
        city=city,
        ward=ward,
        committee=committee,
        city_party=city_party,
        ward_party=ward_party,
        cell=cell,
        chair=chair,
        staffed=staffed,
        candidate=candidate,
        resolution=resolution,
        decision=decision,
    )


def references(world: SimpleNamespace) -> dict[str, dict[str, Any]]:
    """For each kind, the example cells that must name this world's records (ids differ from
    one database to another). Everything else stays as the template writes it."""
    return {
        "units": {"code": "90077"},
        "documents": {"number": "2/NQ-TEST"},
        "holdings": {"person": f"#{world.candidate.pk}", "unit": "90009"},
        "employment": {"person": f"#{world.candidate.pk}", "unit": "90009"},
        "quotas": {"unit": "90009"},
        "reductions": {"person": f"#{world.staffed.pk}"},
        "members": {"cell": "CB1"},
        "admissions": {"person": f"#{world.candidate.pk}", "cell": "CB1"},
    }
