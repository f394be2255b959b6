"""A small commune built through the real services: its party committee, People's Committee,
People's Council, two villages with their party cells, and their posts."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import User

from tests.registry.helpers import START, D, register
from tinhgon.accounts.models import Grant
from tinhgon.audit.context import acting_as
from tinhgon.audit.models import ChangeRecord
from tinhgon.people import services as s
from tinhgon.people.models import Candidate, Holding, Person, Post, UnificationPolicy
from tinhgon.registry.eventspec import NewUnitSpec
from tinhgon.registry.models import Unit
from tinhgon.registry.services import unit_register

__all__ = ["START", "D", "as_user", "build_world", "person", "refused", "written"]


def unit(
    name: str,
    kind: str,
    parent: Unit | None = None,
    territory: Unit | None = None,
    codes: list[str] | None = None,
    end: dt.date | None = None,
) -> Unit:
    if territory is None:
        return register(name, kind, parent=parent, codes=codes, end=end)
    return unit_register(
        spec=NewUnitSpec(
            name=name,
            kind=kind,
            parent=f"id:{parent.pk}" if parent else None,
            territory=f"id:{territory.pk}",
        ),
        valid_from=START,
        valid_to=end,
    )


def person(name: str, gender: str = "male", home: Unit | None = None, **extra: Any) -> Person:
    return s.person_register(full_name=name, gender=gender, home_commune=home, **extra)


def post(target: Unit, post_type: str, **extra: Any) -> Post:
    return s.post_create(unit=target, post_type=post_type, valid_from=START, **extra)


def build_world() -> SimpleNamespace:
    """Thành phố T (district) > Phường A (commune, code 90001) with villages Khu 1 and Khu 2,
    Phường B (code 90002); the city party committee > Đảng ủy phường A (territory A) > the
    cells of Khu 1 and Khu 2 (territory: the village)."""
    city = unit("Thành phố T", "district", codes=["9000"])
    city_party = unit("Đảng bộ thành phố T", "party_committee", territory=city)
    commune = unit("Phường A", "commune", parent=city, codes=["90001"])
    other = unit("Phường B", "commune", parent=city, codes=["90002"])
    villages = [unit(f"Khu {n}", "village", parent=commune) for n in (1, 2)]
    party = unit("Đảng ủy phường A", "grassroots_party_committee", city_party, commune)
    committee = unit("Ủy ban nhân dân phường A", "peoples_committee", parent=commune)
    council = unit("Hội đồng nhân dân phường A", "peoples_council", parent=commune)
    cells = [
        unit(f"Chi bộ khu {n}", "party_cell", party, village)
        for n, village in zip((1, 2), villages, strict=True)
    ]
    return SimpleNamespace(
        city=city,
        city_party=city_party,
        commune=commune,
        other=other,
        villages=villages,
        party=party,
        committee=committee,
        council=council,
        cells=cells,
        secretary=post(party, "secretary"),
        deputy=post(party, "deputy_secretary"),
        chair=post(committee, "chair"),
        vice=post(committee, "vice_chair"),
        council_chair=post(council, "chair"),
        cell_secretaries=[post(c, "secretary") for c in cells],
        village_heads=[post(v, "village_head") for v in villages],
    )


def written() -> tuple[int, ...]:
    return (
        Person.objects.count(),
        Post.objects.count(),
        Holding.objects.count(),
        UnificationPolicy.objects.count(),
        Candidate.objects.count(),
        ChangeRecord.objects.count(),
    )


def refused(code: str, action: Any, /, *args: Any, **kwargs: Any) -> Any:
    """Run a write that must be refused with `code`; assert that nothing was written."""
    import pytest

    from tinhgon.core.errors import DomainError

    before = written()
    with pytest.raises(DomainError) as caught:
        action(*args, **kwargs)
    assert code in caught.value.codes, caught.value.problems
    assert written() == before, "a refused write must leave nothing behind"
    return caught.value


def as_user(name: str, role: str, scope: Unit | None) -> Any:
    """A context in which `name`, holding `role` over `scope`, is acting."""
    user = User.objects.create_user(name, password="x")
    Grant.objects.create(user=user, role=role, unit=scope)
    return acting_as(user, source="test")
