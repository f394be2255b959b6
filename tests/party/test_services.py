"""Party writes: admission, confirmation, transfer, end, ratings; bad input refused with a
Vietnamese message naming the record and the rule, and nothing written."""

from __future__ import annotations

import pytest

from tests.party.helpers import D, admit, build_world, refused
from tests.people.helpers import person, unit
from tinhgon.audit.models import ChangeRecord
from tinhgon.party import services as s
from tinhgon.party.models import Attachment, Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return build_world()


def test_admission_starts_probation_in_the_cell(w):
    member = admit(w.cell_1, D(2019, 3, 1))
    assert member.status_on(D(2019, 3, 1)) == "probationary"
    assert member.status_on(D(2019, 2, 28)) is None
    attachment = Attachment.objects.get(member=member)
    assert (attachment.unit_id, attachment.kind, attachment.valid_from) == (
        w.cell_1.pk,
        "official",
        D(2019, 3, 1),
    )
    assert ChangeRecord.objects.filter(object_type="party.Member", action="create").count() == 1


def test_confirmation_is_official_from_the_end_of_probation_however_late(w):
    member = admit(w.cell_1, D(2019, 3, 1))
    s.member_confirm(member_id=member.pk, decided_on=D(2020, 4, 20))
    member.refresh_from_db()
    assert member.confirmed_on == D(2020, 3, 1)
    assert member.status_on(D(2020, 2, 29)) == "probationary"
    assert member.status_on(D(2020, 3, 1)) == "official"


def test_probation_of_a_29_february_admission_ends_on_28_february(w):
    member = admit(w.cell_1, D(2020, 2, 29))
    s.member_confirm(member_id=member.pk, decided_on=D(2021, 2, 28))
    member.refresh_from_db()
    assert member.confirmed_on == D(2021, 2, 28)


def test_admitting_a_current_member_is_refused(w):
    member = admit(w.cell_1, D(2019, 3, 1))
    error = refused(
        "already_member",
        s.member_admit,
        person_id=member.person_id,
        cell_id=w.cell_2.pk,
        admitted_on=D(2021, 5, 1),
    )
    message = str(error)
    assert "Nguyễn Văn An" in message and "đã là đảng viên" in message
    assert f"#{member.pk}" in message


def test_a_person_may_be_admitted_again_after_the_membership_ended(w):
    member = admit(w.cell_1, D(2015, 3, 1), confirm=True)
    s.member_end(member=member.pk, on=D(2018, 1, 1), reason="struck_off")
    again = s.member_admit(
        person_id=member.person_id, cell_id=w.cell_2.pk, admitted_on=D(2022, 1, 5)
    )
    assert Member.objects.filter(person_id=member.person_id).count() == 2
    assert again.status_on(D(2022, 1, 5)) == "probationary"


def test_confirming_before_the_probation_ends_is_refused(w):
    member = admit(w.cell_1, D(2019, 3, 1))
    error = refused(
        "confirmed_early", s.member_confirm, member_id=member.pk, decided_on=D(2020, 2, 1)
    )
    message = str(error)
    assert "01/03/2020" in message and "01/02/2020" in message
    assert "Điều lệ" in message


def test_transfer_into_an_organization_that_does_not_exist_on_that_date_is_refused(w):
    member = admit(w.cell_1, D(2019, 3, 1), confirm=True)
    later = unit("Chi bộ khu 3", "party_cell", parent=w.ward_party)
    # The new cell exists from START (2010); one that ended before the transfer:
    ended = unit("Chi bộ khu cũ", "party_cell", parent=w.ward_party, end=D(2018, 1, 1))
    error = refused(
        "org_not_alive", s.member_transfer, member=member.pk, to_unit=ended.pk, on=D(2021, 1, 1)
    )
    assert "Chi bộ khu cũ" in str(error) and "01/01/2021" in str(error)
    s.member_transfer(member=member.pk, to_unit=later.pk, on=D(2021, 1, 1))
    rows = list(
        Attachment.objects.filter(member=member)
        .order_by("valid_from")
        .values_list("unit_id", "valid_from", "valid_to")
    )
    assert rows == [(w.cell_1.pk, D(2019, 3, 1), D(2021, 1, 1)), (later.pk, D(2021, 1, 1), None)]


def test_transfer_into_a_unit_that_is_not_a_cell_is_refused(w):
    member = admit(w.cell_1, D(2019, 3, 1))
    refused(
        "not_party_unit", s.member_transfer, member=member.pk, to_unit=w.board.pk, on=D(2020, 1, 1)
    )


def test_temporary_transfer_keeps_the_home_attachment(w):
    member = admit(w.cell_1, D(2019, 3, 1), confirm=True)
    refused(
        "temporary_needs_end",
        s.member_transfer,
        member=member.pk,
        to_unit=w.school.pk,
        on=D(2021, 1, 1),
        kind="temporary",
    )
    s.member_transfer(
        member=member.pk,
        to_unit=w.school.pk,
        on=D(2021, 1, 1),
        kind="temporary",
        until=D(2021, 9, 1),
    )
    kinds = dict(Attachment.objects.filter(member=member).values_list("kind", "unit_id"))
    assert kinds == {"official": w.cell_1.pk, "temporary": w.school.pk}


@pytest.mark.parametrize(
    ("born", "considered", "rule"),
    [
        (D(2003, 6, 2), D(2021, 6, 1), "29-QĐ/TW"),  # 17 years and 11 months
        (D(1964, 5, 1), D(2025, 6, 1), "24-QĐ/TW"),  # 61 full years
        (D(1964, 5, 1), D(2025, 7, 2), "294-QĐ/TW"),  # the 2025 regulation
    ],
)
def test_admission_age_outside_the_rule_in_force_is_refused(w, born, considered, rule):
    who = person("Phạm Văn Dũng", birth_date=born)
    error = refused(
        "age_outside_rule",
        s.member_admit,
        person_id=who.pk,
        cell_id=w.cell_1.pk,
        admitted_on=considered,
    )
    message = str(error)
    assert rule in message and "Phạm Văn Dũng" in message and "18" in message and "60" in message


def test_admission_ages_at_the_limits_are_accepted(w):
    eighteen = person("Đỗ Thị Hoa", gender="female", birth_date=D(2003, 6, 1))
    sixty = person("Vũ Văn Hải", birth_date=D(1961, 6, 2))
    s.members_admit(
        rows=[
            s.AdmissionRow(person_id=eighteen.pk, cell_id=w.cell_1.pk, admitted_on=D(2021, 6, 1)),
            s.AdmissionRow(person_id=sixty.pk, cell_id=w.cell_1.pk, admitted_on=D(2022, 6, 1)),
        ]
    )
    assert Member.objects.count() == 2


def test_every_problem_of_a_batch_is_reported_with_its_row_and_nothing_written(w):
    young = person("Người trẻ", birth_date=D(2010, 1, 1))
    unknown = person("Không rõ tuổi")
    error = refused(
        "age_outside_rule",
        s.members_admit,
        rows=[
            s.AdmissionRow(person_id=young.pk, cell_id=w.cell_1.pk, admitted_on=D(2021, 1, 1)),
            s.AdmissionRow(person_id=unknown.pk, cell_id=w.board.pk, admitted_on=D(2021, 1, 1)),
        ],
    )
    fields = {(p.code, p.field) for p in error.problems}
    assert ("age_outside_rule", "[0].considered_on") in fields
    assert ("birth_date_unknown", "[1].considered_on") in fields
    assert ("not_party_unit", "[1].cell") in fields


def test_removal_for_not_being_confirmed_only_during_probation(w):
    member = admit(w.cell_1, D(2019, 3, 1), confirm=True)
    refused(
        "not_probationary", s.member_end, member=member.pk, on=D(2021, 1, 1), reason="not_confirmed"
    )
    other = admit(w.cell_2, D(2019, 3, 1), name="Hoàng Văn Em")
    s.member_end(member=other.pk, on=D(2020, 4, 1), reason="not_confirmed")
    other.refresh_from_db()
    assert other.status_on(D(2020, 4, 1)) == "ended"
    assert Attachment.objects.get(member=other).valid_to == D(2020, 4, 1)


def test_nothing_is_recorded_for_an_ended_membership(w):
    member = admit(w.cell_1, D(2015, 3, 1), confirm=True)
    s.member_end(member=member.pk, on=D(2018, 1, 1), reason="deceased")
    error = refused(
        "member_ended", s.member_transfer, member=member.pk, to_unit=w.cell_2.pk, on=D(2019, 1, 1)
    )
    assert "01/01/2018" in str(error)


def test_ratings_by_grade_before_and_by_score_after_30_august_2025(w):
    member = admit(w.cell_1, D(2019, 3, 1), confirm=True)
    s.ratings_record(rows=[s.RatingRow(year=2024, member_id=member.pk, grade="good")])
    refused(
        "rating_no_score",
        s.ratings_record,
        rows=[s.RatingRow(year=2023, member_id=member.pk, grade="good", score=80)],
    )
    refused(
        "rating_needs_score",
        s.ratings_record,
        rows=[s.RatingRow(year=2025, member_id=member.pk, grade="good")],
    )
    refused(
        "rating_grade_mismatch",
        s.ratings_record,
        rows=[s.RatingRow(year=2025, member_id=member.pk, grade="excellent", score=85)],
    )
    refused(
        "rating_twice",
        s.ratings_record,
        rows=[s.RatingRow(year=2024, member_id=member.pk, grade="excellent")],
    )
    [rating] = s.ratings_record(rows=[s.RatingRow(year=2025, member_id=member.pk, score=91)])
    assert rating.grade == "excellent"
    [org] = s.ratings_record(rows=[s.RatingRow(year=2025, unit_id=w.cell_1.pk, score=69)])
    assert org.grade == "fulfilled"


def test_a_scoped_officer_cannot_admit_outside_the_scope(w):
    from tests.party.helpers import as_user

    who = person("Trong phạm vi", birth_date=D(1990, 1, 1), home=w.commune)
    with as_user("ward_officer", "org_board", w.commune):  # covers the ward's party committee
        s.member_admit(person_id=who.pk, cell_id=w.cell_1.pk, admitted_on=D(2020, 1, 1))
        other = person("Người khác", birth_date=D(1990, 1, 1), home=w.commune)
        refused(
            "unit_not_found",
            s.member_admit,
            person_id=other.pk,
            cell_id=w.school.pk,
            admitted_on=D(2020, 1, 1),
        )
    with as_user("home_affairs", "home_affairs", None):
        refused(
            "forbidden",
            s.member_confirm,
            member_id=Member.objects.get().pk,
            decided_on=D(2021, 1, 1),
        )


def test_a_member_admitted_before_the_records_keeps_the_true_date(w):
    who = person("Đảng viên lâu năm", birth_date=D(1950, 1, 1))
    member = s.member_admit(
        person_id=who.pk,
        cell_id=w.cell_1.pk,
        admitted_on=D(1975, 5, 19),  # the cell's records begin on 2010-01-01
        in_cell_from=D(2010, 1, 1),
    )
    s.member_confirm(member_id=member.pk, decided_on=D(2010, 1, 1))
    member.refresh_from_db()
    assert (member.admitted_on, member.confirmed_on) == (D(1975, 5, 19), D(1976, 5, 19))
    assert Attachment.objects.get(member=member).valid_from == D(2010, 1, 1)
    assert member.status_on(D(2010, 1, 1)) == "official"
    refused(
        "org_not_alive",
        s.member_admit,
        person_id=person("Khác", birth_date=D(1950, 1, 1)).pk,
        cell_id=w.cell_1.pk,
        admitted_on=D(1975, 5, 19),
    )
