"""Every employment carries its unit's province key (`Employment.province`): when started,
when carried to a merged unit's successor, and when its unit moves to another province."""

from __future__ import annotations

import pytest

from tests.people.helpers import person
from tests.registry.helpers import apply, ref, register
from tests.staffing.helpers import D, employ
from tinhgon.registry.models import Unit
from tinhgon.staffing import services as s
from tinhgon.staffing.models import Employment

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():  # type: ignore[no-untyped-def]
    q = register("Tỉnh Q", "province", codes=["22"])
    r = register("Tỉnh R", "province", codes=["24"])
    city = register("Thành phố T", "district", parent=q, codes=["193"])
    committee = register("Ủy ban nhân dân thành phố T", "peoples_committee", parent=city)
    office = register("Phòng Nội vụ", "specialized_office", parent=committee)
    finance = register("Phòng Tài chính", "specialized_office", parent=committee)
    return q, r, city, office, finance


def test_employments_carry_and_follow_their_units_key(w):
    q, r, city, office, finance = w
    employ(person("Nguyễn Văn An"), office)
    employ(person("Lê Thị Bình"), finance, valid_to=D(2020, 1, 1))
    assert set(Employment.objects.values_list("province_id", flat=True)) == {q.pk}
    event = apply("merge", "2020-01-01", inputs=[finance], outputs=[office])
    carried = s.merger_carry(event=event).carried
    assert [(e.unit_id, e.province_id) for e in carried] == [(office.pk, q.pk)]
    # The city moves: the office's employments, the carried one too, move with it; the
    # finance office ended in Q and stays there.
    apply("transfer", "2021-01-01", unit=ref(city), changes={"parent": ref(r)})
    rows = sorted(Employment.objects.values_list("unit_id", "province_id"))
    assert rows == sorted([(office.pk, r.pk), (office.pk, r.pk), (finance.pk, q.pk)])
    units = dict(Unit.objects.values_list("pk", "province_id"))
    assert all(units[unit] == key for unit, key in rows)
