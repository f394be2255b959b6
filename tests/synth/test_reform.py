"""The party before 2025-07-01 and its reform, on Cà Mau (code 96: the old Cà Mau and Bạc Liêu
merged), generated at scale 0.01. The party's lineage must follow the administrative one,
which the admin-units loader recorded from the package's data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import Q

from tests.synth.test_synth import package_rows
from tinhgon.party import stats
from tinhgon.party.models import Attachment
from tinhgon.registry import queries
from tinhgon.registry.invariants import check_units
from tinhgon.registry.models import Event, Unit, UnitVersion
from tinhgon.synth.country import synthesize

BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        yield synthesize(scale=0.01, seed=11, provinces=["96"])
        call_command("flush", interactive=False, verbosity=0)


pytestmark = pytest.mark.django_db


def official_on(day: dt.date) -> int:
    valid = Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))
    return Attachment.objects.filter(valid, kind="official").count()


def test_the_old_structure_mirrors_the_old_units(generated):  # type: ignore[no-untyped-def]
    before = UnitVersion.objects.as_of(BEFORE)
    communes = package_rows(
        "SELECT COUNT(*) FROM admin_units_legacy WHERE provinceCode IN ('95', '96')"
        " AND wardCode IS NOT NULL"
    )[0][0]
    districts = package_rows(
        "SELECT COUNT(DISTINCT districtCode) FROM admin_units_legacy"
        " WHERE provinceCode IN ('95', '96')"
    )[0][0]
    grassroots = before.filter(kind="grassroots_party_committee")
    assert grassroots.count() == communes
    territories = set(grassroots.values_list("territory__versions__kind", flat=True))
    assert territories == {"commune"}
    committees = before.filter(kind="party_committee")
    assert committees.count() == 1 + 2 + districts  # root, two provinces, the districts
    assert {v.name for v in committees.filter(parent__versions__name="Đảng Cộng sản Việt Nam")} >= {
        "Đảng bộ tỉnh Cà Mau",
        "Đảng bộ tỉnh Bạc Liêu",
    }


def test_party_lineage_follows_the_administrative_one(generated):  # type: ignore[no-untyped-def]
    checked = 0
    for committee in UnitVersion.objects.as_of(BEFORE).filter(kind="grassroots_party_committee"):
        party = {
            UnitVersion.objects.as_of(AFTER).get(unit_id=e.unit_id).territory_id
            for e in queries.lineage(committee.unit, BEFORE, AFTER)
        }
        admin = {e.unit_id for e in queries.lineage(committee.territory, BEFORE, AFTER)}
        assert party == admin, committee.name
        checked += 1
    assert checked > 100
    kinds = set(Event.objects.filter(effective_on=AFTER).values_list("kind", flat=True))
    assert {"consolidate", "dissolve"} <= kinds


def test_cells_and_members_go_through_the_reform(generated):  # type: ignore[no-untyped-def]
    cells = {"party_cell", "grassroots_party_cell"}
    on_before = set(
        UnitVersion.objects.as_of(BEFORE).filter(kind__in=cells).values_list("unit_id", flat=True)
    )
    on_after = set(
        UnitVersion.objects.as_of(AFTER).filter(kind__in=cells).values_list("unit_id", flat=True)
    )
    assert on_before == on_after
    root = Unit.objects.get(versions__name="Đảng Cộng sản Việt Nam")
    before = stats.statistics(root, BEFORE)
    assert before.totals[0] == official_on(BEFORE) > 0.9 * official_on(AFTER)
    assert len(before.rows) == 2  # the two old provinces
    assert len(stats.statistics(root, AFTER).rows) == 1


def test_every_unit_valid_under_the_invariants(generated):  # type: ignore[no-untyped-def]
    ids = list(Unit.objects.values_list("id", flat=True))
    problems = [p for i in range(0, len(ids), 500) for p in check_units(ids[i : i + 500])]
    assert problems == []
