"""Every bad input of issue 5 is refused with a Vietnamese message naming the record and the
rule, and leaves nothing written."""

import pytest

from tinhgon.staffing import services as s
from tinhgon.staffing.models import Reduction

from .helpers import D, build_world, employ, person, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    world = build_world()
    world.an = person("Nguyễn Văn An", home=world.commune)
    world.ba = person("Trần Thị Ba", gender="female", home=world.commune)
    return world


def test_overlapping_employment_in_the_same_unit_is_refused(w):
    first = employ(w.an, w.home_affairs, valid_to=D(2019, 1, 1))
    error = refused("employment_overlap", employ, w.an, w.home_affairs, valid_from=D(2018, 6, 1))
    message = error.problems[0].message
    assert "Nguyễn Văn An" in message and "Phòng Nội vụ" in message
    assert f"#{first.pk}" in message
    assert "quy tắc: một người không có hai quá trình công tác chồng lấn" in message
    assert "01/06/2018" in message


def test_employment_in_another_unit_at_the_same_time_is_allowed(w):
    employ(w.an, w.home_affairs)
    employ(w.an, w.board)  # a concurrent post elsewhere
    employ(w.ba, w.home_affairs, valid_to=D(2016, 1, 1))
    employ(w.ba, w.home_affairs, valid_from=D(2016, 1, 1))  # back to back


def test_overlap_inside_one_bulk_is_refused_and_nothing_written(w):
    rows = [
        s.EmploymentRow(w.an.pk, w.finance.pk, "civil_servant", D(2015, 1, 1)),
        s.EmploymentRow(w.ba.pk, w.finance.pk, "civil_servant", D(2015, 1, 1)),
        s.EmploymentRow(w.an.pk, w.finance.pk, "contract", D(2017, 1, 1)),
    ]
    error = refused("employment_overlap", s.employments_start_bulk, rows=rows)
    assert error.problems[0].field == "[2].valid_from"


def test_employment_outside_its_units_life_is_refused(w):
    from tests.registry.helpers import register

    old = register("Phòng Y tế", "specialized_office", parent=w.city_committee, end=D(2016, 1, 1))
    error = refused("unit_not_alive", employ, w.an, old)
    assert (
        "quy tắc: quá trình công tác nằm trong thời gian tồn tại của đơn vị"
        in error.problems[0].message
    )
    assert "Phòng Y tế" in error.problems[0].message


def test_bad_category_and_reversed_dates_are_refused(w):
    refused("invalid_choice", employ, w.an, w.finance, "soldier")
    refused("interval_reversed", employ, w.an, w.finance, valid_to=D(2014, 1, 1))


def test_quota_for_a_unit_that_did_not_exist_that_year_is_refused(w):
    from tests.registry.helpers import register

    later = register(
        "Phòng Kinh tế", "specialized_office", parent=w.city_committee, start=D(2019, 1, 1)
    )
    error = refused(
        "quota_unit_missing",
        s.quota_set,
        unit=later,
        category="civil_servant",
        number=8,
        document=w.document,
        year=2018,
    )
    message = error.problems[0].message
    assert "Phòng Kinh tế" in message and "01/01/2018" in message and "31/12/2018" in message
    assert "quy tắc: chỉ giao biên chế cho đơn vị tồn tại trong thời kỳ giao" in message
    s.quota_set(unit=later, category="civil_servant", number=8, document=w.document, year=2019)


def test_two_quotas_of_a_category_at_once_are_refused(w):
    s.quota_set(unit=w.finance, category="civil_servant", number=8, document=w.document, year=2018)
    error = refused(
        "quota_overlap",
        s.quota_set,
        unit=w.finance,
        category="civil_servant",
        number=9,
        document=w.document,
        valid_from=D(2018, 7, 1),
    )
    assert "Phòng Tài chính" in error.problems[0].message


def test_reduction_citing_a_decree_not_in_force_is_refused(w):
    employ(w.an, w.finance)
    # Decree 29/2023 took effect on 20/7/2023: it cannot be the basis of a reduction in 2019.
    error = refused(
        "basis_not_in_force",
        s.reduction_record,
        person=w.an,
        on=D(2019, 3, 1),
        form="early_retirement",
        case="nd29-a2-1a",
    )
    message = error.problems[0].message
    assert "Nguyễn Văn An" in message and "29/2023/NĐ-CP" in message
    assert "20/07/2023" in message and "01/03/2019" in message
    assert "quy tắc: tinh giản biên chế phải căn cứ văn bản còn hiệu lực" in message
    # Decree 108/2014 ended when 29/2023 took effect.
    refused(
        "basis_not_in_force",
        s.reduction_record,
        person=w.an,
        on=D(2024, 3, 1),
        form="severance",
        case="nd108-a6-1a",
    )


def test_a_person_reduced_twice_is_refused(w):
    employ(w.an, w.finance)
    employ(w.an, w.board)
    first = s.reduction_record(
        person=w.an, on=D(2019, 3, 1), form="early_retirement", case="nd108-a6-1a", unit=w.finance
    )
    error = refused(
        "reduced_twice",
        s.reduction_record,
        person=w.an,
        on=D(2019, 6, 1),
        form="severance",
        case="nd113-a1-1",
        unit=w.board,
    )
    message = error.problems[0].message
    assert "Nguyễn Văn An" in message and f"#{first.pk}" in message and "01/03/2019" in message
    assert "quy tắc: mỗi người chỉ được tinh giản biên chế một lần" in message


def test_a_person_twice_in_one_list_is_refused(w):
    employ(w.an, w.finance)
    rows = [
        s.ReductionRow(w.an.pk, D(2019, 3, 1), "severance", "nd108-a6-1a"),
        s.ReductionRow(w.an.pk, D(2019, 4, 1), "severance", "nd108-a6-1a"),
    ]
    refused("reduced_twice_in_batch", s.reductions_record_bulk, rows=rows)


def test_reduction_of_someone_not_employed_is_refused(w):
    employ(w.an, w.finance, valid_to=D(2016, 1, 1))
    refused(
        "not_employed",
        s.reduction_record,
        person=w.an,
        on=D(2019, 3, 1),
        form="severance",
        case="nd108-a6-1a",
    )
    refused(
        "case_not_found",
        s.reduction_record,
        person=w.an,
        on=D(2015, 12, 1),
        form="severance",
        case="no-such-case",
    )
    refused(
        "invalid_choice",
        s.reduction_record,
        person=w.an,
        on=D(2015, 12, 1),
        form="holiday",
        case="nd108-a6-1a",
    )


def test_one_bad_row_refuses_the_whole_list(w):
    employ(w.an, w.finance)
    employ(w.ba, w.finance)
    rows = [
        s.ReductionRow(w.an.pk, D(2019, 3, 1), "severance", "nd108-a6-1a"),
        s.ReductionRow(w.ba.pk, D(2019, 3, 1), "severance", "nd29-a2-1a"),
    ]
    error = refused("basis_not_in_force", s.reductions_record_bulk, rows=rows)
    assert error.problems[0].field == "[1].case"
    assert Reduction.objects.count() == 0


def test_a_reduction_ends_the_employment(w):
    job = employ(w.an, w.finance)
    reduction = s.reduction_record(
        person=w.an, on=D(2019, 3, 1), form="early_retirement", case="nd108-a6-1a"
    )
    job.refresh_from_db()
    assert (job.valid_to, job.end_reason) == (D(2019, 3, 1), "reduced")
    assert (reduction.unit_id, reduction.sector, reduction.category) == (
        w.finance.pk,
        "state",
        "civil_servant",
    )


def test_overlapping_employment_is_refused_by_postgresql_or_found_by_the_check(w):
    from django.db import IntegrityError, connection, transaction

    from tinhgon.staffing.invariants import check_employments
    from tinhgon.staffing.models import Employment

    employ(w.an, w.finance)
    overlapping = Employment(
        person=w.an, unit=w.finance, category="civil_servant", valid_from=D(2016, 1, 1)
    )
    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError), transaction.atomic():
            overlapping.save()
            # The constraint is checked at commit; ask for it now, inside the test's transaction.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    else:
        overlapping.save()
        assert [p.code for p in check_employments([overlapping], [""])] == ["employment_overlap"]


def decision(number: str, signed_on: object) -> object:
    from tinhgon.registry.eventspec import DocumentSpec
    from tinhgon.registry.services import document_register

    return document_register(
        spec=DocumentSpec(number=number, issuer="UBND tỉnh", kind="decision", signed_on=signed_on)
    )


def test_decree_178_still_applies_to_a_leave_decided_before_august_2025(w):
    """CV 6383/BNV-TCBC: decided before 1/8/2025, leaving by 31/12/2025, NĐ 178 applies
    although it ended on 31/8/2025."""
    employ(w.an, w.finance)
    late = decision("90/QĐ-UBND", D(2025, 8, 5))
    refused(
        "basis_not_in_force",
        s.reduction_record,
        person=w.an,
        on=D(2025, 10, 15),
        form="early_retirement",
        case="nd178-a2-1a",
        document=late,
    )
    too_late = decision("91/QĐ-UBND", D(2025, 7, 20))
    refused(
        "basis_not_in_force",
        s.reduction_record,
        person=w.an,
        on=D(2026, 1, 5),
        form="early_retirement",
        case="nd178-a2-1a",
        document=too_late,
    )
    reduced = s.reduction_record(
        person=w.an,
        on=D(2025, 10, 15),
        form="early_retirement",
        case="nd178-a2-1a",
        document=too_late,
    )
    assert reduced.case.code == "nd178-a2-1a"
