"""A small city built through the real services: two communes with their People's Committees,
two city offices, staff in each; the acting users of the scope tests."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from tests.people.helpers import as_user, person, unit
from tests.registry.helpers import START, D, register
from tinhgon.audit.models import ChangeRecord
from tinhgon.registry.eventspec import DocumentSpec
from tinhgon.registry.services import document_register
from tinhgon.staffing import services as s
from tinhgon.staffing.models import Employment, Reduction, StaffingQuota

__all__ = ["START", "D", "as_user", "build_world", "refused", "written"]


def build_world() -> SimpleNamespace:
    """Thành phố T (code 9000) > Phường A (90001) and Phường B (90002), each with its People's
    Committee; the city's People's Committee > Phòng Nội vụ, Phòng Tài chính."""
    city = register("Thành phố T", "district", codes=["9000"])
    city_committee = register("Ủy ban nhân dân thành phố T", "peoples_committee", parent=city)
    home_affairs = register("Phòng Nội vụ", "specialized_office", parent=city_committee)
    finance = register("Phòng Tài chính", "specialized_office", parent=city_committee)
    city_party = unit("Đảng bộ thành phố T", "party_committee", territory=city)
    board = unit("Ban Tổ chức Thành ủy T", "party_board", parent=city_party)
    commune = unit("Phường A", "commune", parent=city, codes=["90001"])
    other = unit("Phường B", "commune", parent=city, codes=["90002"])
    committee_a = unit("Ủy ban nhân dân phường A", "peoples_committee", parent=commune)
    committee_b = unit("Ủy ban nhân dân phường B", "peoples_committee", parent=other)
    document = document_register(
        spec=DocumentSpec(
            number="1/QĐ-UBND", issuer="UBND tỉnh", kind="decision", signed_on=D(2014, 12, 1)
        )
    )
    return SimpleNamespace(
        city=city,
        city_committee=city_committee,
        home_affairs=home_affairs,
        finance=finance,
        city_party=city_party,
        board=board,
        commune=commune,
        other=other,
        committee_a=committee_a,
        committee_b=committee_b,
        document=document,
    )


def employ(who: Any, where: Any, category: str = "civil_servant", **extra: Any) -> Employment:
    extra.setdefault("valid_from", D(2015, 1, 1))
    return s.employment_start(person=who, unit=where, category=category, **extra)


def staff(
    where: Any, n: int, home: Any, category: str = "civil_servant", prefix: str = "Người"
) -> list[Any]:
    people = [person(f"{prefix} {i} {where.pk}", home=home) for i in range(n)]
    for p in people:
        employ(p, where, category)
    return people


def written() -> tuple[int, ...]:
    return (
        Employment.objects.count(),
        StaffingQuota.objects.count(),
        Reduction.objects.count(),
        ChangeRecord.objects.count(),
        tuple(Employment.objects.order_by("id").values_list("valid_to", "end_reason")),
    )


def refused(code: str, action: Any, /, *args: Any, **kwargs: Any) -> Any:
    """Run a write that must be refused with `code`; assert that nothing was written and
    return the error (its messages are in Vietnamese)."""
    import pytest
    from django.utils import translation

    from tinhgon.core.errors import DomainError

    before = written()
    with translation.override("vi"), pytest.raises(DomainError) as caught:
        action(*args, **kwargs)
    assert code in caught.value.codes, caught.value.problems
    assert written() == before, "a refused write must leave nothing behind"
    return caught.value
