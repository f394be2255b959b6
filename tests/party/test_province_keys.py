"""Every attachment carries its organization's province key (`Attachment.province`), from each
service that writes one, and follows its organization when a registry event moves it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.party.helpers import D, admit
from tests.people.helpers import unit
from tests.registry.helpers import apply, ref
from tinhgon.party import services as s
from tinhgon.party.models import Attachment
from tinhgon.people.services import PersonRow
from tinhgon.registry.models import Unit
from tinhgon.registry.provinces import province_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> SimpleNamespace:
    """Tỉnh Q > Thành phố T > Phường A, with the city's party and two cells; Tỉnh R with a
    district and a cell of its own."""
    q = unit("Tỉnh Q", "province", codes=["22"])
    r = unit("Tỉnh R", "province", codes=["24"])
    city = unit("Thành phố T", "district", parent=q, codes=["193"])
    commune = unit("Phường A", "commune", parent=city, codes=["06700"])
    city_party = unit("Đảng bộ thành phố T", "party_committee", territory=city)
    ward_party = unit(
        "Đảng ủy phường A", "grassroots_party_committee", parent=city_party, territory=commune
    )
    r_district = unit("Huyện R1", "district", parent=r, codes=["213"])
    r_party = unit("Đảng bộ huyện R1", "party_committee", territory=r_district)
    return SimpleNamespace(
        q=q,
        r=r,
        city=city,
        r_district=r_district,
        cell_1=unit("Chi bộ khu 1", "party_cell", parent=ward_party),
        cell_2=unit("Chi bộ khu 2", "party_cell", parent=ward_party),
        r_cell=unit("Chi bộ cơ quan huyện R1", "grassroots_party_cell", parent=r_party),
    )


def keys_of_attachments() -> dict[int, int | None]:
    return dict(Attachment.objects.values_list("pk", "province_id"))


def every_attachment_has_its_units_key() -> bool:
    units = dict(Unit.objects.values_list("pk", "province_id"))
    rows = Attachment.objects.values_list("unit_id", "province_id")
    return bool(rows) and all(units[u] == p for u, p in rows)


def test_an_admission_carries_the_cells_province(w):
    member = admit(w.cell_1, D(2015, 3, 2))
    assert Attachment.objects.get(member=member).province_id == w.q.pk
    admit(w.r_cell, D(2015, 3, 2), name="Trần Văn Bình")
    assert set(keys_of_attachments().values()) == {w.q.pk, w.r.pk}


def test_members_registered_in_bulk_carry_it(w):
    rows = [
        s.NewMemberRow(
            person=PersonRow(full_name=name, gender="male", birth_date=D(1980, 1, 1)),
            admission=s.AdmissionRow(person_id=0, cell_id=cell.pk, admitted_on=D(2012, 5, 1)),
        )
        for name, cell in (("Nguyễn Văn An", w.cell_2), ("Lê Văn Cường", w.r_cell))
    ]
    assert s.members_register(rows=rows) == 2
    found = dict(Attachment.objects.values_list("unit_id", "province_id"))
    assert found == {w.cell_2.pk: w.q.pk, w.r_cell.pk: w.r.pk}


def test_a_transfer_to_another_province_opens_there(w):
    member = admit(w.cell_1, D(2015, 3, 2))
    s.member_transfer(member=member, to_unit=w.r_cell.pk, on=D(2018, 1, 1))
    rows = Attachment.objects.filter(member=member).order_by("valid_from")
    assert [(a.unit_id, a.province_id) for a in rows] == [
        (w.cell_1.pk, w.q.pk),
        (w.r_cell.pk, w.r.pk),
    ]


def test_attachments_follow_their_cell_when_the_city_moves(w):
    admit(w.cell_1, D(2015, 3, 2))
    admit(w.r_cell, D(2015, 3, 2), name="Trần Văn Bình")
    # A forgotten refresh of the followers would leave the cell's attachment in Q.
    apply("transfer", "2020-01-01", unit=ref(w.city), changes={"parent": ref(w.r)})
    assert set(keys_of_attachments().values()) == {w.r.pk}
    assert dict(Unit.objects.values_list("pk", "province_id")) == province_keys()
    assert every_attachment_has_its_units_key()
