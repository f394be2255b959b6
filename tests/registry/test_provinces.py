"""Province keys (registry/provinces.py) on a generated province: Cà Mau at scale 0.01, made
in 2025 of two old provinces, with its communes, villages, agencies and party organizations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from tinhgon.registry.models import UnitVersion
from tinhgon.registry.provinces import province_keys
from tinhgon.synth.country import synthesize

pytestmark = pytest.mark.django_db
REFORM = dt.date(2025, 7, 1)


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        yield synthesize(scale=0.01, seed=11, provinces=["96"])
        call_command("flush", interactive=False, verbosity=0)


def test_every_unit_under_a_province_has_the_province_of_today(generated):
    provinces = UnitVersion.objects.filter(kind="province")
    today = set(provinces.as_of(REFORM).values_list("unit_id", flat=True))
    old = set(provinces.values_list("unit_id", flat=True)) - today
    assert len(today) == 1 and old, "a 2025 province made of older ones"
    keys = province_keys()
    (new,) = today
    national = {u for u, k in keys.items() if k is None}
    kinds = set(UnitVersion.objects.filter(unit_id__in=national).values_list("kind", flat=True))
    assert kinds <= {"party_committee"}  # the party's root only: above every province
    assert {keys[p] for p in old} == {new}  # the old provinces are followed to their successor
    assert set(keys.values()) == {new, None}


def test_a_village_and_its_party_cell_share_a_key(generated):
    keys = province_keys()
    cells = UnitVersion.objects.filter(kind="party_cell", territory__isnull=False)[:50]
    assert cells
    for cell in cells:
        assert keys[cell.unit_id] == keys[cell.territory_id] is not None


def test_the_stored_keys_are_the_computed_ones(generated):
    """The generator writes in bulk, then refreshes the keys once: units, attachments and
    employments."""
    from tinhgon.party.models import Attachment
    from tinhgon.registry.models import Unit
    from tinhgon.staffing.models import Employment

    units = dict(Unit.objects.values_list("pk", "province_id"))
    assert units == province_keys()
    rows = list(Attachment.objects.values_list("unit_id", "province_id"))
    assert len(rows) > 50_000  # scale 0.01 of the nation's members, in one province
    assert all(units[unit] == key is not None for unit, key in rows)
    jobs = list(Employment.objects.values_list("unit_id", "province_id"))
    assert len(jobs) > 10_000 and all(units[unit] == key is not None for unit, key in jobs)
