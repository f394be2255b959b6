"""A small party organization built through the real services: a city party committee with a
grassroots committee (two cells) and a grassroots cell, members admitted through the services,
the acting users of the scope tests."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from tests.people.helpers import as_user, person, unit
from tests.registry.helpers import START, D
from tinhgon.audit.models import ChangeRecord
from tinhgon.core.errors import DomainError
from tinhgon.party import services as s
from tinhgon.party.models import Attachment, Member, Rating

BORN = D(1990, 5, 1)

__all__ = [
    "START", "D", "admit", "as_user", "build_world", "one_record_a_member", "refused", "written"
]  # fmt: skip


def build_world() -> SimpleNamespace:
    """Thành phố T > Phường A; Đảng bộ thành phố T (territory T) > Đảng ủy phường A (grassroots
    committee) > Chi bộ khu 1, Chi bộ khu 2; Chi bộ Trường THPT T (grassroots cell)."""
    city = unit("Thành phố T", "district", codes=["9000"])
    commune = unit("Phường A", "commune", parent=city, codes=["90001"])
    city_party = unit("Đảng bộ thành phố T", "party_committee", territory=city)
    ward_party = unit(
        "Đảng ủy phường A", "grassroots_party_committee", parent=city_party, territory=commune
    )
    cell_1 = unit("Chi bộ khu 1", "party_cell", parent=ward_party)
    cell_2 = unit("Chi bộ khu 2", "party_cell", parent=ward_party)
    school = unit("Chi bộ Trường THPT T", "grassroots_party_cell", parent=city_party)
    board = unit("Ban Tổ chức Thành ủy T", "party_board", parent=city_party)
    return SimpleNamespace(
        city=city,
        commune=commune,
        city_party=city_party,
        ward_party=ward_party,
        cell_1=cell_1,
        cell_2=cell_2,
        school=school,
        board=board,
    )


def admit(
    cell: Any,
    on: dt.date,
    *,
    name: str = "Nguyễn Văn An",
    born: dt.date = BORN,
    gender: str = "male",
    confirm: bool = False,
    **extra: Any,
) -> Member:
    """Register a person and admit them; confirm after the probation if asked."""
    who = person(name, gender=gender, birth_date=born, **extra)
    member = s.member_admit(person_id=who.pk, cell_id=cell.pk, admitted_on=on)
    if confirm:
        s.member_confirm(member_id=member.pk, decided_on=on.replace(year=on.year + 1))
        member.refresh_from_db()
    return member


def written() -> tuple[Any, ...]:
    return (
        Member.objects.count(),
        Attachment.objects.count(),
        Rating.objects.count(),
        ChangeRecord.objects.count(),
        tuple(Member.objects.order_by("id").values_list("confirmed_on", "ended_on", "revision")),
        tuple(Attachment.objects.order_by("id").values_list("valid_to", flat=True)),
    )


def refused(code: str, action: Any, /, *args: Any, **kwargs: Any) -> DomainError:
    """Run a write that must be refused with `code`; assert that nothing was written and
    return the error (its messages are in Vietnamese)."""
    before = written()
    with pytest.raises(DomainError) as caught:
        action(*args, **kwargs)
    assert code in caught.value.codes, caught.value.codes
    assert written() == before
    return caught.value


def one_record_a_member(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The ORM path's change records as an import writes them: one a member, filed under the
    member, its text the person's then the member's, its values the member's, the person's
    under "person." and the attachment's under "attachment.", without empty values."""
    by_object = {(r["object_type"], int(r["object_id"])): r for r in records}
    attachments = {
        r["after"]["member"]: r for r in records if r["object_type"] == "party.Attachment"
    }
    merged = []
    for member in (r for r in records if r["object_type"] == "party.Member"):
        person = by_object["people.Person", member["after"]["person"]]
        attachment = attachments[int(member["object_id"])]
        after = {
            **member["after"],
            **{f"person.{k}": v for k, v in person["after"].items()},
            "attachment": int(attachment["object_id"]),
            **{f"attachment.{k}": v for k, v in attachment["after"].items() if k != "member"},
        }
        merged.append({
            **member,
            "object_repr": f"{person['object_repr']}: {member['object_repr']}",
            "after": {k: v for k, v in after.items() if v not in (None, "")},
        })  # fmt: skip
    return merged
