"""The Móng Cái demo (loaded through the services and some bulk loaders, then restored from
its backup by later modules) stores every unit's province key and copies it on attachments
and employments."""

from __future__ import annotations

import datetime as dt

import pytest

from tinhgon.party.models import Attachment
from tinhgon.registry.models import Unit, UnitVersion
from tinhgon.registry.provinces import province_keys
from tinhgon.staffing.models import Employment

pytestmark = pytest.mark.django_db


def test_units_and_attachments_carry_the_province_of_today(demo):
    units = dict(Unit.objects.values_list("pk", "province_id"))
    assert units == province_keys()
    today = set(
        UnitVersion.objects.as_of(dt.date(2025, 7, 1))
        .filter(kind="province", valid_to__isnull=True)
        .values_list("unit_id", flat=True)
    )
    keyed = [u for u, key in units.items() if key is not None]
    assert {units[u] for u in keyed} <= today  # only open provinces are keys
    assert len(keyed) > len(units) * 0.9  # nearly every unit is in a province
    for model in (Attachment, Employment):
        rows = list(model.objects.values_list("unit_id", "province_id"))
        assert rows and all(units[unit] == key is not None for unit, key in rows), model
