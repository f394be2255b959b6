"""`id_list`: a long id list as one query parameter, beyond SQLite's cap of 32,766."""

from __future__ import annotations

import datetime as dt

import pytest

from tinhgon.core.idlist import id_list
from tinhgon.registry.models import Unit, UnitVersion

pytestmark = pytest.mark.django_db


def test_the_ids_given_and_only_them_even_past_the_parameter_cap():
    units = Unit.objects.bulk_create([Unit() for _ in range(12)])
    UnitVersion.objects.bulk_create(
        UnitVersion(unit=u, name=f"Thôn {i}", kind="village", valid_from=dt.date(2020, 1, 1))
        for i, u in enumerate(units)
    )
    wanted = [u.pk for u in units[::3]]
    # Ids that match nothing, enough to pass the cap of SQLite's parameters many times over.
    absent = range(10_000_000, 10_040_000)
    found = UnitVersion.objects.filter(unit_id__in=id_list([*wanted, *absent, wanted[0]]))
    assert sorted(found.values_list("unit_id", flat=True)) == sorted(wanted)
    assert not UnitVersion.objects.filter(unit_id__in=id_list([])).exists()
