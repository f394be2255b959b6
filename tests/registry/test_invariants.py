"""Each invariant of the registry, and a write that tries to break it."""

import pytest
from django.db import IntegrityError, connection, transaction

from tinhgon.audit.models import ChangeRecord
from tinhgon.core.errors import DomainError
from tinhgon.registry.invariants import check_units
from tinhgon.registry.models import Event, Unit, UnitCode, UnitVersion

from .helpers import D, apply, ref, register

pytestmark = pytest.mark.django_db


def written() -> tuple[int, int, int, int, int]:
    return (
        Unit.objects.count(),
        UnitVersion.objects.count(),
        UnitCode.objects.count(),
        Event.objects.count(),
        ChangeRecord.objects.count(),
    )


def refused(code: str, action, *args, **kwargs) -> DomainError:  # type: ignore[no-untyped-def]
    before = written()
    with pytest.raises(DomainError) as caught:
        action(*args, **kwargs)
    assert code in caught.value.codes, caught.value.problems
    assert written() == before, "a refused write must leave nothing behind"
    return caught.value


def test_versions_of_a_unit_never_overlap_through_events():
    office = register("Phòng Nội vụ")
    apply("rename", "2018-01-01", unit=ref(office), changes={"name": "Phòng Nội vụ mới"})
    # A change dated before the last one would overlap the version opened in 2018.
    refused(
        "unit_has_later_changes",
        apply,
        "rename",
        "2016-01-01",
        unit=ref(office),
        changes={"name": "Tên khác"},
    )


def test_overlapping_versions_are_refused_by_the_database_or_found_by_the_check():
    office = register("Phòng Tư pháp")
    overlapping = UnitVersion(unit=office, valid_from=D(2012, 1, 1), name="x", kind="commune")
    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError), transaction.atomic():
            overlapping.save()
            # The constraint is checked at commit; ask for it now, inside the test's transaction.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    else:
        overlapping.save()
        assert [p.code for p in check_units({office.pk})] == ["versions_overlap"]


def test_reversed_interval_is_refused():
    refused("interval_reversed", register, "Ban A", start=D(2015, 1, 1), end=D(2014, 1, 1))
    refused("interval_reversed", register, "Ban A", start=D(2015, 1, 1), end=D(2015, 1, 1))


def test_a_child_version_lies_inside_its_parents_validity():
    city = register("Thành phố", "district", start=D(2010, 1, 1), end=D(2020, 1, 1))
    refused("parent_not_valid", register, "Xã sớm", "commune", parent=city, start=D(2009, 1, 1))
    refused("parent_not_valid", register, "Xã mở", "commune", parent=city, start=D(2011, 1, 1))
    register("Xã đúng", "commune", parent=city, start=D(2011, 1, 1), end=D(2019, 1, 1))


def test_ending_a_parent_with_living_children_is_refused():
    city = register("Thành phố", "district")
    register("Phường 1", "commune", parent=city)
    error = refused("children_left", apply, "dissolve", "2020-01-01", inputs=[city])
    assert "Phường 1" in error.problems[0].message


def test_no_cycles_in_the_tree():
    top = register("Tỉnh", "province")
    middle = register("Huyện", "district", parent=top)
    bottom = register("Xã", "commune", parent=middle)
    refused(
        "cycle",
        apply,
        "transfer",
        "2015-01-01",
        unit=ref(top),
        changes={"parent": ref(bottom)},
    )
    refused(
        "self_parent",
        apply,
        "transfer",
        "2015-01-01",
        unit=ref(top),
        changes={"parent": ref(top)},
    )


def test_an_event_cannot_end_a_unit_not_valid_the_day_before():
    office = register("Phòng Y tế", start=D(2016, 1, 1))
    refused("unit_not_valid_before", apply, "dissolve", "2016-01-01", inputs=[office])
    refused("unit_not_valid_before", apply, "dissolve", "2015-06-01", inputs=[office])


def test_an_event_cannot_use_a_unit_after_it_ended():
    office = register("Phòng Y tế")
    receiver = register("Phòng Văn hóa")
    apply("dissolve", "2018-01-01", inputs=[office])
    refused("unit_not_valid_before", apply, "dissolve", "2019-01-01", inputs=[office])
    refused(
        "unit_not_valid_before", apply, "merge", "2019-01-01", inputs=[office], outputs=[receiver]
    )
    refused(
        "unit_not_valid_before", apply, "merge", "2019-01-01", inputs=[receiver], outputs=[office]
    )


def test_a_code_never_points_to_two_units_on_the_same_date():
    register("Phường Trần Phú", "commune", codes=["06712"], end=D(2025, 7, 1))
    refused("code_taken", register, "Phường khác", "commune", codes=["06712"], start=D(2020, 1, 1))
    # Once the first holder's code has ended, the code may be given again.
    reused = register("Phường Móng Cái 1", "commune", codes=["06712"], start=D(2025, 7, 1))
    assert reused.codes.get().valid_from == D(2025, 7, 1)


def test_an_event_cannot_give_a_new_unit_a_code_in_use():
    province = register("Tỉnh", "province")
    register("Xã A", "commune", parent=province, codes=["00001"])
    refused(
        "code_taken",
        apply,
        "establish",
        "2015-01-01",
        outputs=[
            {
                "new": {
                    "name": "Xã B",
                    "kind": "commune",
                    "parent": ref(province),
                    "codes": [{"scheme": "gso", "code": "00001"}],
                }
            }
        ],
    )
