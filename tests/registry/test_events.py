"""Applying events of every kind: versions closed and opened on the effective date."""

import pytest

from tinhgon.audit.models import ChangeRecord
from tinhgon.core.errors import DomainError
from tinhgon.registry.eventspec import parse_event_spec
from tinhgon.registry.models import EventUnit
from tinhgon.registry.queries import version_at
from tinhgon.registry.services import event_apply, events_apply

from .helpers import D, apply, ref, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return register("Thành phố Móng Cái", "district", codes=["194"])


def test_consolidate_ends_the_inputs_and_starts_a_new_unit(city):
    board = register("Ban Tổ chức Thành ủy", "party_board", parent=city)
    office = register("Phòng Nội vụ", "specialized_office", parent=city)
    event = apply(
        "consolidate",
        "2018-07-01",
        inputs=[board, office],
        outputs=[{"new": {"name": "Ban Tổ chức - Nội vụ", "kind": "party_board", "parent": "194"}}],
    )
    assert version_at(board, D(2018, 6, 30)) is not None
    assert version_at(board, D(2018, 7, 1)) is None
    assert version_at(office, D(2018, 7, 1)) is None
    new = event.participants.get(role="output").unit
    assert version_at(new, D(2018, 6, 30)) is None
    assert version_at(new, D(2018, 7, 1)).name == "Ban Tổ chức - Nội vụ"
    assert version_at(new, D(2018, 7, 1)).opened_by == event
    assert event.documents.get().number == "1/QĐ-TEST"


def test_merge_keeps_the_absorbing_unit_and_may_rename_it(city):
    school_a = register("Trường Tiểu học A", "school", parent=city)
    school_b = register("Trường Tiểu học B", "school", parent=city)
    apply(
        "merge",
        "2017-08-01",
        inputs=[school_a],
        outputs=[{"unit": ref(school_b), "changes": {"name": "Trường Tiểu học A-B"}}],
    )
    assert version_at(school_a, D(2017, 8, 1)) is None
    assert version_at(school_b, D(2017, 7, 31)).name == "Trường Tiểu học B"
    assert version_at(school_b, D(2017, 8, 1)).name == "Trường Tiểu học A-B"


def test_rename_transfer_and_reclassify_change_one_unit(city):
    province = register("Tỉnh Quảng Ninh", "province")
    commune = register("Xã Hải Hòa", "commune", parent=city, subtype="rural_commune")
    apply(
        "reclassify",
        "2013-01-01",
        unit=ref(commune),
        changes={"subtype": "ward", "name": "Phường Hải Hòa"},
    )
    apply("transfer", "2025-07-01", unit=ref(commune), changes={"parent": ref(province)})
    versions = list(commune.versions.order_by("valid_from"))
    assert [(v.name, v.subtype, v.parent_id) for v in versions] == [
        ("Xã Hải Hòa", "rural_commune", city.pk),
        ("Phường Hải Hòa", "ward", city.pk),
        ("Phường Hải Hòa", "ward", province.pk),
    ]
    assert [v.valid_to for v in versions] == [D(2013, 1, 1), D(2025, 7, 1), None]


def test_split_and_boundary_change_record_parts(city):
    village = register("Thôn 1", "village", parent=city)
    neighbour = register("Thôn 2", "village", parent=city)
    apply("boundary_change", "2016-01-01", inputs=[village], outputs=[neighbour])
    assert version_at(village, D(2016, 1, 1)) is not None, "a boundary change ends no one"
    event = apply(
        "split",
        "2017-01-01",
        inputs=[village],
        outputs=[
            {"new": {"name": "Thôn 1A", "kind": "village", "parent": ref(city)}},
            {"new": {"name": "Thôn 1B", "kind": "village", "parent": ref(city)}},
        ],
    )
    assert version_at(village, D(2017, 1, 1)) is None
    shares = set(event.participants.filter(role="output").values_list("share", flat=True))
    assert shares == {"part"}


def test_ending_a_unit_ends_its_codes_so_the_code_can_be_reused(city):
    ward = register("Phường Trần Phú", "commune", parent=city, codes=["06712"])
    apply(
        "consolidate",
        "2025-07-01",
        inputs=[ward, register("Phường Hải Hòa", "commune", parent=city)],
        outputs=[
            {
                "new": {
                    "name": "Phường Móng Cái 1",
                    "kind": "commune",
                    "parent": ref(city),
                    "codes": [{"scheme": "gso", "code": "06712"}],
                }
            }
        ],
    )
    assert ward.codes.get().valid_to == D(2025, 7, 1)


def test_a_divided_unit_may_go_in_part_to_several_same_day_events(city):
    divided = register("Xã Chia", "commune", parent=city)
    for name in ("Xã Mới 1", "Xã Mới 2"):
        apply(
            "consolidate",
            "2025-07-01",
            inputs=[
                {"unit": ref(divided), "share": "part"},
                register(f"Xã cạnh {name}", "commune", parent=city),
            ],
            outputs=[{"new": {"name": name, "kind": "commune", "parent": ref(city)}}],
        )
    assert EventUnit.objects.filter(unit=divided, role="input", share="part").count() == 2
    assert divided.versions.get().valid_to == D(2025, 7, 1)


def test_every_write_is_audited_with_its_basis(city):
    office = register("Phòng Y tế", parent=city)
    before = ChangeRecord.objects.count()
    apply("dissolve", "2019-01-01", inputs=[office])
    records = list(ChangeRecord.objects.order_by("id")[before:])
    assert {r.object_type for r in records} >= {"registry.Event", "registry.UnitVersion"}
    closed = next(r for r in records if r.object_type == "registry.UnitVersion")
    assert closed.before["valid_to"] is None and closed.after["valid_to"] == "2019-01-01"
    changes = [r for r in records if r.object_type != "registry.LegalDocument"]
    assert changes and all(r.basis == "1/QĐ-TEST" for r in changes)


@pytest.mark.parametrize(
    ("data", "codes"),
    [
        ({}, {"required", "document_required"}),
        ({"kind": "explode", "effective_on": "2020-01-01"}, {"invalid_choice"}),
        ({"kind": "merge", "effective_on": "2020-02-30"}, {"invalid_date"}),
        (
            {
                "kind": "consolidate",
                "effective_on": "2020-01-01",
                "inputs": [{"unit": "1"}],
                "outputs": [{"unit": "2"}],
            },
            {"input_count", "output_must_be_new"},
        ),
        (
            {"kind": "rename", "effective_on": "2020-01-01", "unit": "1", "changes": {}},
            {"changes_required"},
        ),
        ({"kind": "establish", "effective_on": "2020-01-01", "colour": "red"}, {"unknown_field"}),
        ("not a mapping", {"not_a_mapping"}),
    ],
)
def test_malformed_event_descriptions_are_refused_with_every_problem(data, codes):
    with pytest.raises(DomainError) as caught:
        parse_event_spec(data)
    assert codes <= set(caught.value.codes)
    assert all(p.message for p in caught.value.problems)


def test_problems_read_in_vietnamese():
    with pytest.raises(DomainError) as caught:
        parse_event_spec({"kind": "merge", "effective_on": "2020-01-01"})
    assert "Cần có ít nhất một văn bản" in " ".join(p.message for p in caught.value.problems)


def test_children_follow_the_units_that_end_into_the_one_coming_out(city):
    a = register("Xã A", "commune", parent=city)
    b = register("Xã B", "commune", parent=city)
    village = register("Thôn 1", "village", parent=a)
    event = apply(
        "consolidate",
        "2025-07-01",
        inputs=[a, b],
        outputs=[{"new": {"name": "Xã AB", "kind": "commune", "parent": ref(city)}}],
    )
    new = event.participants.get(role="output").unit
    assert version_at(village, D(2025, 6, 30)).parent == a
    assert version_at(village, D(2025, 7, 1)).parent == new
    assert version_at(village, D(2025, 7, 1)).opened_by == event


def test_children_can_be_kept_back_and_then_the_event_is_refused(city):
    a = register("Xã A", "commune", parent=city)
    register("Thôn 1", "village", parent=a)
    b = register("Xã B", "commune", parent=city)
    with pytest.raises(DomainError) as caught:
        apply("merge", "2025-07-01", inputs=[a], outputs=[b], children_follow=False)
    assert caught.value.codes == ["children_left"]


def test_a_single_unit_event_names_the_same_unit_in_and_out(city):
    ward = register("Phường Trần Phú", "commune", parent=city, codes=["06712"])
    other = register("Phường Ka Long", "commune", parent=city)
    spec = {
        "kind": "rename",
        "effective_on": "2016-01-01",
        "documents": [{"number": "9/QĐ", "issuer": "X", "signed_on": "2015-12-01"}],
        "inputs": [{"unit": "06712"}],
        "outputs": [{"unit": f"id:{ward.pk}", "changes": {"name": "Phường Trần Phú mới"}}],
    }
    event_apply(spec=parse_event_spec(spec))  # the same unit, written two ways
    spec["outputs"][0]["unit"] = f"id:{other.pk}"
    spec["effective_on"] = "2017-01-01"
    with pytest.raises(DomainError) as caught:
        event_apply(spec=parse_event_spec(spec))
    assert caught.value.codes == ["same_unit_required"]


def test_a_batch_is_checked_once_at_the_end_and_refused_whole(city):
    province = register("Tỉnh", "province")
    district = register("Huyện", "district", parent=province)
    commune = register("Xã", "commune", parent=district)
    day = "2025-07-01"
    doc = [{"number": "202/2025/QH15", "issuer": "Quốc hội", "signed_on": "2025-06-12"}]
    new_province = {"new": {"name": "Tỉnh mới", "kind": "province"}}
    specs = [
        # The province ends while its district still lives: allowed inside the batch…
        {
            "kind": "consolidate",
            "effective_on": day,
            "documents": doc,
            "children_follow": False,
            "inputs": [{"unit": ref(province)}, {"unit": ref(register("Tỉnh B", "province"))}],
            "outputs": [new_province],
        },
        {
            "kind": "transfer",
            "effective_on": day,
            "documents": doc,
            "unit": ref(commune),
            "changes": {"parent": None},
        },
        # …because the district ends in the same batch.
        {
            "kind": "dissolve",
            "effective_on": day,
            "documents": doc,
            "inputs": [{"unit": ref(district)}],
        },
    ]
    events = events_apply(specs=[parse_event_spec(s) for s in specs])
    assert len(events) == 3
    assert version_at(district, D(2025, 7, 1)) is None

    # Without the last event the same batch leaves the district orphaned: nothing is written.
    p2 = register("Tỉnh 2", "province")
    d2 = register("Huyện 2", "district", parent=p2)
    before = EventUnit.objects.count()
    with pytest.raises(DomainError) as caught:
        events_apply(
            specs=[
                parse_event_spec(
                    {
                        "kind": "dissolve",
                        "effective_on": day,
                        "documents": doc,
                        "children_follow": False,
                        "inputs": [{"unit": ref(p2)}],
                    }
                )
            ]
        )
    assert "children_left" in caught.value.codes
    assert EventUnit.objects.count() == before and version_at(d2, D(2025, 7, 1)) is not None
