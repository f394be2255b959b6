"""Each rule posts and holdings obey, and a write that tries to break it: refused with a
Vietnamese message naming the record and the rule, and nothing written."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from tests.registry.helpers import apply
from tinhgon.core.dates import today
from tinhgon.core.errors import DomainError, NotFound
from tinhgon.people import services as s
from tinhgon.people.models import Holding, Post

from .helpers import START, D, build_world, person, refused, written

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return build_world()


def test_the_same_person_cannot_hold_a_post_twice_at_once(w):
    a = person("Nguyễn Văn An", home=w.commune)
    s.holding_start(person=a, post=w.vice, valid_from=D(2015, 1, 1), valid_to=D(2020, 1, 1))
    error = refused(
        "holding_duplicate",
        s.holding_start,
        person=a,
        post=w.vice,
        valid_from=D(2019, 1, 1),
    )
    message = error.problems[0].message
    assert "Nguyễn Văn An" in message and "Ủy ban nhân dân phường A" in message
    # Back to back is not overlapping: [2015, 2020) then [2020, …).
    s.holding_start(person=a, post=w.vice, valid_from=D(2020, 1, 1))


def test_a_single_holder_post_has_one_holder_at_a_time(w):
    a, b = person("Trần Văn Bình", home=w.commune), person("Lê Thị Cúc", "female", w.commune)
    s.holding_start(person=a, post=w.chair, valid_from=D(2015, 1, 1), valid_to=D(2018, 1, 1))
    error = refused("post_taken", s.holding_start, person=b, post=w.chair, valid_from=D(2017, 6, 1))
    assert "Trần Văn Bình" in error.problems[0].message
    assert "Lê Thị Cúc" in error.problems[0].message
    s.holding_start(person=b, post=w.chair, valid_from=D(2018, 1, 1))
    # A multi-holder post takes both at once.
    s.holding_start(person=a, post=w.vice, valid_from=D(2015, 1, 1))
    s.holding_start(person=b, post=w.vice, valid_from=D(2015, 1, 1), valid_to=D(2018, 1, 1))


def test_a_holding_lies_within_its_post(w):
    short = s.post_create(
        unit=w.committee, post_type="member", valid_from=D(2016, 1, 1), valid_to=D(2017, 1, 1)
    )
    a = person("Phạm Văn Dũng", home=w.commune)
    refused("holding_outside_post", s.holding_start, person=a, post=short, valid_from=D(2015, 1, 1))
    refused(
        "holding_outside_post",
        s.holding_start,
        person=a,
        post=short,
        valid_from=D(2016, 1, 1),
    )  # open-ended, past the post's end


def test_a_holding_lies_within_its_units_life(w):
    # The unit ends by an event; its post was left open: a holding after the end is refused.
    office = w.committee
    s.post_create(unit=office, post_type="member", valid_from=START)
    board = Post.objects.get(unit=office, post_type="member")
    apply("dissolve", "2021-01-01", inputs=[w.committee])
    a = person("Hoàng Văn Em", home=w.commune)
    error = refused(
        "unit_not_alive", s.holding_start, person=a, post=board, valid_from=D(2021, 3, 1)
    )
    assert "01/01/2021" in error.problems[0].message or "01/03/2021" in error.problems[0].message


def test_a_post_lies_within_its_units_life(w):
    ended = build_ended_unit(w)
    refused("unit_not_alive", s.post_create, unit=ended, post_type="head", valid_from=START)
    s.post_create(unit=ended, post_type="head", valid_from=START, valid_to=D(2012, 1, 1))


def build_ended_unit(w):
    from .helpers import unit

    return unit("Phòng cũ", "specialized_office", parent=w.committee, end=D(2012, 1, 1))


def test_a_post_must_be_in_the_catalogue_of_its_units_kind(w):
    error = refused(
        "post_not_in_catalogue",
        s.post_create,
        unit=w.committee,
        post_type="village_head",
        valid_from=START,
    )
    assert "Ủy ban nhân dân phường A" in error.problems[0].message
    refused("invalid_choice", s.post_create, unit=w.committee, post_type="king", valid_from=START)


def test_a_unit_has_one_post_of_a_type_and_function_at_a_time(w):
    refused("post_duplicate", s.post_create, unit=w.committee, post_type="chair", valid_from=START)


def test_deputy_caps_of_the_rules_in_force_are_kept(w):
    s.deputy_rule_define(
        code="test-vice-chairs",
        unit_kind="peoples_committee",
        place_kind="commune",
        post_type="vice_chair",
        mode="max",
        number=2,
        valid_from=D(2015, 1, 1),
        basis="Quy định thử",
    )
    a, b, c = (person(n, home=w.commune) for n in ("Vũ Văn Giang", "Đỗ Văn Hà", "Bùi Văn Ích"))
    s.holding_start(person=a, post=w.vice, valid_from=D(2016, 1, 1))
    s.holding_start(person=b, post=w.vice, valid_from=D(2016, 1, 1), valid_to=D(2019, 1, 1))
    error = refused("deputy_cap", s.holding_start, person=c, post=w.vice, valid_from=D(2018, 1, 1))
    assert "test-vice-chairs" in error.problems[0].message
    # Before the rule took effect, or once a deputy left, a third is fine.
    s.holding_start(person=c, post=w.vice, valid_from=D(2019, 1, 1))
    s.holding_start(person=c, post=w.vice, valid_from=D(2014, 1, 1), valid_to=D(2015, 1, 1))


def test_reversed_intervals_and_unknown_persons_and_posts_are_refused(w):
    a = person("Ngô Văn Khải", home=w.commune)
    refused(
        "interval_reversed",
        s.holding_start,
        person=a,
        post=w.chair,
        valid_from=D(2016, 1, 1),
        valid_to=D(2016, 1, 1),
    )
    refused("person_not_found", s.holding_start, person=999_999, post=w.chair, valid_from=START)
    before = written()
    with pytest.raises(NotFound):
        s.holding_start(person=a, post=999_999, valid_from=START)
    assert written() == before


def test_a_bulk_start_with_one_bad_row_writes_nothing(w):
    a, b = person("Dương Văn Lâm", home=w.commune), person("Lý Thị Mai", "female", w.commune)
    rows = [
        s.HoldingRow(person_id=a.pk, post_id=w.chair.pk, valid_from=D(2016, 1, 1)),
        s.HoldingRow(person_id=b.pk, post_id=w.chair.pk, valid_from=D(2017, 1, 1)),
    ]
    error = refused("post_taken", s.holdings_start_bulk, rows=rows)
    assert error.problems[0].field.startswith("[1].")


def test_a_transfer_is_both_steps_or_neither(w):
    a, b = person("Đào Văn Nam", home=w.commune), person("Đinh Văn Oanh", home=w.commune)
    held = s.holding_start(person=a, post=w.vice, valid_from=D(2015, 1, 1))
    s.holding_start(person=b, post=w.chair, valid_from=D(2015, 1, 1))
    # The chair is taken: the transfer is refused and the vice-chair holding is not ended.
    refused("post_taken", s.person_transfer, holding=held, to_post=w.chair, on=D(2018, 1, 1))
    assert Holding.objects.get(pk=held.pk).valid_to is None
    ended, started = s.person_transfer(holding=held, to_post=w.secretary, on=D(2018, 1, 1))
    assert ended.valid_to == started.valid_from == D(2018, 1, 1)
    assert ended.end_reason == "transferred"
    refused("same_post", s.person_transfer, holding=started, to_post=w.secretary, on=D(2019, 1, 1))


def test_ending_a_holding_cannot_extend_it(w):
    a = person("Lương Văn Phúc", home=w.commune)
    held = s.holding_start(person=a, post=w.chair, valid_from=D(2015, 1, 1), valid_to=D(2018, 1, 1))
    refused("holding_ended", s.holding_end, holding=held, valid_to=D(2019, 1, 1))
    refused("interval_reversed", s.holding_end, holding=held, valid_to=D(2015, 1, 1))
    s.holding_end(holding=held, valid_to=D(2017, 1, 1), reason="retired")
    assert Holding.objects.get(pk=held.pk).valid_to == D(2017, 1, 1)


def test_a_post_cannot_end_before_its_holdings(w):
    a = person("Tạ Văn Quý", home=w.commune)
    s.holding_start(person=a, post=w.chair, valid_from=D(2015, 1, 1))
    refused("holding_outside_post", s.post_end, post=w.chair, valid_to=D(2020, 1, 1))


def test_persons_are_checked(w):
    refused("required", s.person_register, full_name="  ", gender="male")
    refused("invalid_choice", s.person_register, full_name="Hồ Văn Rạng", gender="x")
    refused(
        "birth_date_future",
        s.person_register,
        full_name="Hồ Văn Rạng",
        gender="male",
        birth_date=today() + dt.timedelta(days=2),
    )
    refused(
        "home_commune_not_commune",
        s.person_register,
        full_name="Hồ Văn Rạng",
        gender="male",
        home_commune=w.city,
    )
    rows = [
        s.PersonRow("Hồ Văn Sơn", "male", home_commune_id=w.commune.pk),
        s.PersonRow("", "male"),
    ]
    error = refused("required", s.persons_register_bulk, rows=rows)
    assert error.problems[0].field == "[1].full_name"


def test_policies_name_posts_of_the_catalogue(w):
    refused(
        "kind_not_in_catalogue",
        s.policy_define,
        code="x",
        name="Trưởng thôn là chủ tịch",
        lead_unit_kind="village",
        lead_post_type="chair",
        related_by="same_unit",
        related_unit_kind="village",
        related_post_type="village_head",
        valid_from=START,
    )
    refused(
        "code_taken",
        s.policy_define,
        code="cell-secretary-village-head",
        name="Trùng mã",
        lead_unit_kind="party_cell",
        lead_post_type="secretary",
        related_by="territory",
        related_unit_kind="village",
        related_post_type="village_head",
        valid_from=START,
    )


def test_messages_are_in_vietnamese_and_carry_no_personal_data(w):
    a = person("Trịnh Văn Tú", home=w.commune, birth_date=D(1970, 5, 17), ethnicity="tay")
    s.holding_start(person=a, post=w.chair, valid_from=D(2015, 1, 1))
    b = person("Mai Văn Út", home=w.commune)
    with pytest.raises(DomainError) as caught:
        s.holding_start(person=b, post=w.chair, valid_from=D(2016, 1, 1))
    message = caught.value.problems[0].message
    assert "chỉ có một người giữ" in message and "Trịnh Văn Tú" in message
    assert "1970" not in message and "Tày" not in message


def test_overlapping_holdings_are_refused_by_postgresql_or_found_by_the_check(w):
    from tinhgon.people.invariants import check_holdings

    a, b = person("Chu Văn Vinh", home=w.commune), person("Lục Văn Xuân", home=w.commune)
    s.holding_start(person=a, post=w.chair, valid_from=D(2015, 1, 1))
    overlapping = Holding(
        person=b,
        post=w.chair,
        unit=w.committee,
        exclusive=True,
        manner="elected",
        valid_from=D(2016, 1, 1),
    )
    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError), transaction.atomic():
            overlapping.save()
            # The constraint is checked at commit; ask for it now, inside the test's transaction.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    else:
        overlapping.save()
        assert [p.code for p in check_holdings([overlapping])] == ["post_taken"]
