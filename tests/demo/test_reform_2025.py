"""The demo goes on past 01/07/2025: the new communes have their People's Councils, People's
Committees and party committees; the old cells, members and staff are carried into them; the
posts of the units that ended are closed; the new leaders come from the old communes."""

import datetime as dt

import pytest

from tinhgon.party.models import Attachment
from tinhgon.people.models import Holding, Post
from tinhgon.registry import queries as q
from tinhgon.registry.models import Unit, UnitVersion
from tinhgon.staffing.models import Employment

D = dt.date
REFORM = D(2025, 7, 1)
BEFORE = D(2025, 6, 30)
SERVICES = ["public_service_unit"]
GRASSROOTS = ["grassroots_party_committee", "grassroots_party_cell"]
NEW_CODES = ["06712", "06709", "06736", "06733", "06724", "06757"]

pytestmark = pytest.mark.django_db


def alive(on: dt.date) -> set[int]:
    return set(UnitVersion.objects.as_of(on).values_list("unit_id", flat=True))


def test_every_new_unit_has_its_council_committee_and_party_committee(demo):
    for code in NEW_CODES:
        commune = q.unit_resolve(code, REFORM)
        children = {v.kind: v for v in UnitVersion.objects.as_of(REFORM).filter(parent=commune)}
        assert {"peoples_council", "peoples_committee", "village"} <= set(children)
        party = UnitVersion.objects.as_of(REFORM).get(
            territory=commune, kind="grassroots_party_committee"
        )
        assert party.parent.versions.get().name == "Đảng bộ tỉnh Quảng Ninh"
        assert party.name.endswith(q.version_at(commune, REFORM).name[1:])


def test_the_cells_and_their_members_go_on_under_the_new_committees(demo):
    cells_before = UnitVersion.objects.as_of(BEFORE).filter(kind="party_cell")
    cells_after = UnitVersion.objects.as_of(REFORM).filter(kind="party_cell")
    # the same cells (no cell ends with the reform), now under the new committees
    assert set(cells_before.values_list("unit_id", flat=True)) == set(
        cells_after.values_list("unit_id", flat=True)
    )
    new_communes = [q.unit_resolve(code, REFORM).pk for code in NEW_CODES]
    new_committees = set(
        UnitVersion.objects.as_of(REFORM)
        .filter(territory_id__in=new_communes, kind="grassroots_party_committee")
        .values_list("unit_id", flat=True)
    )
    village_cells = cells_after.filter(territory__versions__kind="village")
    assert village_cells.exists()
    assert set(village_cells.values_list("parent_id", flat=True)) == new_committees
    assert set(cells_after.values_list("parent_id", flat=True)) <= alive(REFORM)
    official = Attachment.objects.filter(kind="official")
    members_before = set(official.as_of(BEFORE).values_list("member_id", flat=True))
    members_after = set(official.as_of(REFORM).values_list("member_id", flat=True))
    assert members_before and members_before == members_after


def test_the_staff_are_carried_and_nothing_is_left_in_units_that_ended(demo):
    staff_before = set(Employment.objects.as_of(BEFORE).values_list("person_id", flat=True))
    staff_after = set(Employment.objects.as_of(REFORM).values_list("person_id", flat=True))
    assert staff_before and staff_before == staff_after
    living = alive(REFORM)
    assert not Employment.objects.as_of(REFORM).exclude(unit_id__in=living).exists()
    assert not Attachment.objects.as_of(REFORM).exclude(unit_id__in=living).exists()
    assert not Post.objects.as_of(REFORM).exclude(unit_id__in=living).exists()
    assert not Holding.objects.as_of(REFORM).exclude(post__unit_id__in=living).exists()
    # the city's offices carried their staff into the new People's Committees
    city_offices = UnitVersion.objects.as_of(BEFORE).filter(
        parent__versions__name="Ủy ban nhân dân thành phố Móng Cái", kind="specialized_office"
    )
    carried = Employment.objects.filter(
        carried_from__unit_id__in=city_offices.values("unit_id"), valid_from=REFORM
    )
    assert carried.exists()
    assert set(carried.values_list("unit__versions__kind", flat=True)) == {"peoples_committee"}


def test_the_old_leaders_close_their_posts_and_lead_the_new_units(demo):
    ended = Holding.objects.filter(valid_to=REFORM, end_reason="unit_ended")
    assert ended.filter(post__post_type="secretary").exists()
    new_secretaries = Holding.objects.filter(
        valid_from=REFORM,
        post__post_type="secretary",
        post__unit__versions__kind__in=["grassroots_party_committee"],
    )
    assert new_secretaries.count() == len(NEW_CODES)
    old_secretaries = set(
        ended.filter(post__post_type="secretary").values_list("person_id", flat=True)
    )
    assert set(new_secretaries.values_list("person_id", flat=True)) <= old_secretaries


def test_the_district_and_its_party_committee_end_and_pass_on(demo):
    city = Unit.objects.get(codes__code="194")
    assert q.version_at(city, REFORM) is None
    # the city's public service units now belong to the provincial People's Committee,
    # its other party organizations to the provincial party committee
    passed_on = [
        ("Ủy ban nhân dân thành phố Móng Cái", "Ủy ban nhân dân tỉnh Quảng Ninh", SERVICES),
        ("Đảng bộ thành phố Móng Cái", "Đảng bộ tỉnh Quảng Ninh", GRASSROOTS),
    ]
    for city_body, province_body, kinds in passed_on:
        city_id = UnitVersion.objects.filter(name=city_body).values("unit_id")
        province_id = UnitVersion.objects.get(name=province_body).unit_id
        under_city = UnitVersion.objects.as_of(BEFORE).filter(parent_id__in=city_id, kind__in=kinds)
        moved = UnitVersion.objects.as_of(REFORM).filter(unit_id__in=under_city.values("unit_id"))
        if kinds[0] == "grassroots_party_committee":  # the communes' went into the new ones
            moved = moved.exclude(territory__versions__kind="commune")
        assert moved.exists()
        assert set(moved.values_list("parent_id", flat=True)) == {province_id}
