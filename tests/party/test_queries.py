"""Party reads at a date and over periods: counts by kind, members, admissions and the
admission rate, confirmations due, the structure rules, ratings, what each user sees."""

from __future__ import annotations

import pytest

from tests.party.helpers import D, admit, as_user, build_world
from tests.people.helpers import person, unit
from tinhgon.party import queries as q
from tinhgon.party import services as s
from tinhgon.people.models import Term

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return build_world()


def _members(cell, n, on, *, confirm=True, prefix="Đảng viên"):
    return [
        admit(
            cell,
            on,
            name=f"{prefix} {i} {cell.pk}",
            confirm=confirm,
            gender="female" if i % 3 == 0 else "male",
        )
        for i in range(n)
    ]


def test_organizations_by_kind_and_cells_under_committees(w):
    unit("Đảng ủy bộ phận khu Bắc", "partial_party_committee", parent=w.ward_party)
    gone = unit("Chi bộ khu 9", "party_cell", parent=w.ward_party, end=D(2019, 1, 1))
    counts = q.org_counts(w.city_party, D(2020, 1, 1))
    by_kind = {c.key: c.count for c in counts.by_kind}
    assert by_kind == {
        "grassroots_party_committee": 1,
        "partial_party_committee": 1,
        "grassroots_party_cell": 1,
        "party_cell": 2,
    }
    assert counts.grassroots == 2
    assert counts.cells_under_committees == 2
    assert q.org_counts(w.city_party, D(2018, 6, 1)).cells_under_committees == 3
    assert gone.pk  # ended 2019-01-01: counted only before


def test_the_city_as_a_scope_counts_the_party_organizations_located_in_it(w):
    _members(w.cell_1, 2, D(2015, 1, 1))
    by_city = q.org_counts(w.city, D(2017, 1, 1))
    by_party = q.org_counts(w.city_party, D(2017, 1, 1))
    assert (
        (by_city.grassroots, by_city.members) == (by_party.grassroots, by_party.members) == (2, 2)
    )


def test_members_official_and_probationary_on_a_date(w):
    _members(w.cell_1, 3, D(2015, 1, 1))
    admit(w.cell_2, D(2016, 6, 1), name="Dự bị")
    counts = q.org_counts(w.city_party, D(2017, 1, 1))
    assert (counts.members, counts.official, counts.probationary) == (4, 3, 1)
    assert q.org_counts(w.city_party, D(2017, 6, 1)).official == 3  # not confirmed yet


def test_a_temporary_member_is_not_counted_by_the_host(w):
    [member] = _members(w.cell_1, 1, D(2015, 1, 1))
    s.member_transfer(
        member=member.pk,
        to_unit=w.school.pk,
        on=D(2017, 1, 1),
        kind="temporary",
        until=D(2017, 9, 1),
    )
    on = D(2017, 3, 1)
    assert q.org_counts(w.ward_party, on).members == 1
    assert q.org_counts(w.school, on).members == 0
    assert q.org_counts(w.city_party, on).members == 1


def test_an_ended_membership_is_not_counted(w):
    [member] = _members(w.cell_1, 1, D(2015, 1, 1))
    s.member_end(member=member.pk, on=D(2018, 5, 1), reason="deceased")
    assert q.members_on(w.city_party, D(2018, 4, 30)) == 1
    assert q.members_on(w.city_party, D(2018, 5, 1)) == 0


def test_admissions_in_a_period_with_both_ends_included(w):
    admit(w.cell_1, D(2019, 1, 1), name="A")
    admit(w.cell_2, D(2019, 12, 31), name="B", gender="female")
    admit(w.school, D(2020, 1, 1), name="C")
    found = q.admissions(w.city_party, D(2019, 1, 1), D(2019, 12, 31))
    assert found.total == 2
    assert [(c.key, c.count) for c in found.by_year] == [("2019", 2)]
    assert {c.key: c.count for c in found.breakdowns.gender} == {"male": 1, "female": 1}
    assert q.admissions(w.ward_party, D(2019, 1, 1), D(2020, 12, 31)).total == 2


def test_admissions_stay_counted_where_they_were_made_after_a_transfer(w):
    [member] = _members(w.cell_1, 1, D(2016, 3, 1))
    s.member_transfer(member=member.pk, to_unit=w.school.pk, on=D(2018, 1, 1))
    assert q.admission_count(w.ward_party, D(2016, 1, 1), D(2016, 12, 31)) == 1
    assert q.admission_count(w.school, D(2016, 1, 1), D(2016, 12, 31)) == 0


def test_the_admission_rate_is_admissions_over_members_at_the_start_of_the_year(w):
    _members(w.cell_1, 20, D(2014, 1, 1))  # 20 members on 2016-01-01 and on 2017-01-01
    _members(w.cell_2, 1, D(2016, 5, 1), prefix="Mới 2016")
    _members(w.cell_2, 3, D(2017, 5, 1), prefix="Mới 2017")
    rates = q.admission_rates(w.city_party, 2016, 2017)
    assert [(y.admissions, y.members_at_start) for y in rates.years] == [(1, 20), (3, 21)]
    assert [y.rate for y in rates.years] == [
        pytest.approx(1 / 20, abs=1e-4),
        pytest.approx(3 / 21, abs=1e-4),
    ]
    assert rates.average_rate == pytest.approx((1 / 20 + 3 / 21) / 2, abs=1e-4)
    assert rates.admissions == 4


def test_term_admissions_start_at_the_congress_of_the_scope_if_recorded(w):
    term = Term.objects.get(code="party-2020-2025")
    admit(w.cell_1, D(2020, 7, 10), name="Trước đại hội")
    admit(w.cell_1, D(2020, 9, 1), name="Sau đại hội")
    assert q.term_admissions(w.city_party, term.code, D(2024, 10, 9)).admissions == 2
    s.congress_record(unit=w.city_party.pk, held_on=D(2020, 8, 15), term=term.code)
    found = q.term_admissions(w.city_party, term.code, D(2024, 10, 9))
    assert (found.date_from, found.admissions) == (D(2020, 8, 15), 1)
    assert (found.rates.first_year, found.rates.last_year) == (2020, 2024)


def test_confirmations_due_in_a_period(w):
    due = admit(w.cell_1, D(2020, 3, 15), name="Đến hạn")
    admit(w.cell_1, D(2020, 5, 1), name="Chưa đến hạn")
    confirmed = admit(w.cell_2, D(2020, 3, 20), name="Đã công nhận")
    s.member_confirm(member_id=confirmed.pk, decided_on=D(2021, 3, 20))
    rows = q.confirmations_due(w.city_party, D(2021, 3, 1), D(2021, 3, 31))
    assert [(r.member_id, r.probation_ends) for r in rows] == [(due.pk, D(2021, 3, 15))]


def test_structure_rules_flag_small_cells_and_misfit_organizations(w):
    from tinhgon.people import services as people

    _members(w.cell_1, 9, D(2014, 1, 1))  # 9 official members, no cell committee
    _members(w.cell_2, 2, D(2014, 1, 1))  # too few
    _members(w.school, 30, D(2014, 1, 1))  # a grassroots cell of 30
    found = q.structure_check(w.city_party, D(2016, 1, 1))
    codes = {(p.unit.id, p.code) for p in found.problems}
    assert codes == {
        (w.cell_1.pk, "needs_cell_committee"),
        (w.cell_2.pk, "too_few_official"),
        (w.school.pk, "cell_should_be_committee"),
        (w.school.pk, "needs_cell_committee"),
        (w.ward_party.pk, "committee_too_small"),
    }
    assert {c.key: c.count for c in found.sizes} == {"0-2": 1, "3-8": 0, "9-29": 1, "30+": 1}
    committee = people.post_create(
        unit=w.cell_1, post_type="committee_member", valid_from=D(2014, 1, 1)
    )
    people.holding_start(person=person("Chi ủy viên"), post=committee, valid_from=D(2015, 1, 1))
    codes = {(p.unit.id, p.code) for p in q.structure_check(w.city_party, D(2016, 1, 1)).problems}
    assert (w.cell_1.pk, "needs_cell_committee") not in codes
    message = next(p.message for p in found.problems if p.code == "too_few_official")
    assert "ít nhất 3" in message and "Điều 21" in message


def test_rating_counts_by_grade(w):
    members = _members(w.cell_1, 3, D(2014, 1, 1))
    s.ratings_record(
        rows=[
            s.RatingRow(year=2023, member_id=members[0].pk, grade="excellent"),
            s.RatingRow(year=2023, member_id=members[1].pk, grade="good"),
            s.RatingRow(year=2023, member_id=members[2].pk, grade="good"),
            s.RatingRow(year=2023, unit_id=w.cell_1.pk, grade="good"),
        ]
    )
    found = q.rating_counts(w.city_party, 2023)
    assert {c.key: c.count for c in found.members} == {
        "excellent": 1,
        "good": 2,
        "fulfilled": 0,
        "not_fulfilled": 0,
    }
    assert {c.key: c.count for c in found.organizations}["good"] == 1


def test_member_names_only_where_party_details_may_be_seen(w):
    _members(w.cell_1, 2, D(2015, 1, 1))
    with as_user("viewer", "viewer", None):
        page = q.organization(w.ward_party, D(2017, 1, 1))
        assert page.counts.members == 2
        assert page.members and all(m.person is None for m in page.members)
    with as_user("board", "org_board", w.ward_party):
        page = q.organization(w.ward_party, D(2017, 1, 1))
        assert {m.person.full_name for m in page.members if m.person} == {
            "Đảng viên 0 " + str(w.cell_1.pk),
            "Đảng viên 1 " + str(w.cell_1.pk),
        }


def test_a_member_outside_the_scope_is_not_found(w):
    from tinhgon.core.errors import NotFound

    [member] = _members(w.school, 1, D(2015, 1, 1))
    with as_user("board", "org_board", w.ward_party), pytest.raises(NotFound):
        q.member_record(member.pk)
    with as_user("viewer", "viewer", None), pytest.raises(NotFound):
        q.member_record(member.pk)


def test_reading_a_member_record_is_logged(w):
    from tinhgon.audit.models import ChangeRecord

    [member] = _members(w.cell_1, 1, D(2015, 1, 1))
    record = q.member_record(member.pk)
    assert record.confirmed_on == D(2016, 1, 1)
    assert ChangeRecord.objects.filter(
        object_type="party.Member", object_id=str(member.pk), action="read"
    ).exists()


def test_membership_feeds_the_unification_coverage(w):
    """A probationary party-cell secretary does not make a village comply with the policy."""
    from tinhgon.people import services as people
    from tinhgon.people.queries import coverage

    village = unit("Khu 1", "village", parent=w.commune)
    cell = unit("Chi bộ khu 1 mới", "party_cell", parent=w.ward_party, territory=village)
    secretary = people.post_create(unit=cell, post_type="secretary", valid_from=D(2014, 1, 1))
    head = people.post_create(unit=village, post_type="village_head", valid_from=D(2014, 1, 1))
    member = admit(cell, D(2019, 6, 1), name="Bí thư kiêm trưởng khu")
    for post in (secretary, head):
        people.holding_start(person=member.person_id, post=post, valid_from=D(2019, 7, 1))
    before = coverage("cell-secretary-village-head", w.commune, D(2020, 1, 1))
    place = next(p for p in before.places if p.lead_unit.id == cell.pk)
    assert (place.complies, place.reason) == (False, "not_official_member")
    s.member_confirm(member_id=member.pk, decided_on=D(2020, 6, 15))
    after = coverage("cell-secretary-village-head", w.commune, D(2020, 6, 1))
    place = next(p for p in after.places if p.lead_unit.id == cell.pk)
    assert place.complies
