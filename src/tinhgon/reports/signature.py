"""The closing of an official report: who signs it and who receives it (Decree 30/2020,
Appendix I; Guidance 36-HD/VPTW). The signer is read from the records: the holder, on the day
the report is signed, of the issuing body's head post (the party committee's secretary, the
People's Committee's chair)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tinhgon.people.kinds import PostType
from tinhgon.people.models import Holding
from tinhgon.registry.kinds import UnitKind
from tinhgon.registry.models import Unit, UnitVersion

PARTY = "party"


@dataclass
class Signature:
    on_behalf: str  # "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN"
    title: str  # "BÍ THƯ", "CHỦ TỊCH"
    name: str  # the holder's name; "" when the records name nobody (the line is left to fill)
    recipients: list[str] = field(default_factory=list)


def _issuing_body(scope: Unit, layout: str, on: dt.date) -> UnitVersion | None:
    """The scope's own party committee (located in it) or People's Committee (under it)."""
    versions = UnitVersion.objects.as_of(on)
    if layout == PARTY:
        found = versions.filter(kind=UnitKind.PARTY_COMMITTEE, territory_id=scope.pk)
    else:
        found = versions.filter(kind=UnitKind.PEOPLES_COMMITTEE, parent_id=scope.pk)
    return found.order_by("unit_id").first()


def _holder(body: UnitVersion | None, post_type: str, on: dt.date) -> str:
    if body is None:
        return ""
    holding = (
        Holding.objects.as_of(on)
        .filter(unit_id=body.unit_id, post__post_type=post_type)
        .select_related("person")
        .order_by("valid_from", "pk")
        .first()
    )
    return holding.person.full_name if holding else ""


def signature(scope: Unit, layout: str, on: dt.date, *, superior: str, name: str = "") -> Signature:
    """The signature block and the recipients. `superior` is the body reported to, as prose
    names it ("Tỉnh ủy Quảng Ninh"); `name` overrides the holder found in the records."""
    body = _issuing_body(scope, layout, on)
    if layout == PARTY:
        found = _holder(body, PostType.SECRETARY, on)
        signed = Signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", name or found)
        signed.recipients = ["- Các đồng chí Ủy viên Ban Thường vụ,", "- Lưu Văn phòng."]
    else:
        found = _holder(body, PostType.CHAIR, on)
        signed = Signature("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", name or found)
        signed.recipients = ["- Chủ tịch, các Phó Chủ tịch,", "- Lưu: VT."]
    if superior:
        signed.recipients.insert(0, f"- {superior} (b/c),")
    return signed
