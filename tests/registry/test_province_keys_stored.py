"""The stored province key (`Unit.province`) after each kind of registry write: equal to
`province_keys()`, and to the province a reader of the tree would name."""

from __future__ import annotations

import pytest

from tinhgon.registry.eventspec import CodeSpec, NewUnitSpec, parse_event_spec
from tinhgon.registry.models import Unit
from tinhgon.registry.provinces import keys_refresh, province_keys
from tinhgon.registry.services import UnitRow, events_apply, unit_register, units_register_bulk

from .helpers import START, apply, ref, register

pytestmark = pytest.mark.django_db


def stored() -> dict[int, int | None]:
    return dict(Unit.objects.values_list("pk", "province_id"))


def key(unit: Unit) -> int | None:
    return Unit.objects.values_list("province_id", flat=True).get(pk=unit.pk)


def placed(name: str, kind: str, parent: Unit | None, territory: Unit) -> Unit:
    return unit_register(
        spec=NewUnitSpec(
            name=name,
            kind=kind,
            parent=ref(parent) if parent else None,
            territory=ref(territory),
        ),
        valid_from=START,
    )


class World:
    """Two provinces, each with a district, a commune and a village; the party of A: a
    committee over A's territory, a grassroots committee and a cell in the village; the
    party's root above both (no province)."""

    def __init__(self) -> None:
        self.a = register("Tỉnh A", "province", codes=["01"])
        self.b = register("Tỉnh B", "province", codes=["02"])
        self.district = register("Huyện A1", "district", parent=self.a, codes=["001"])
        self.commune = register("Xã A11", "commune", parent=self.district, codes=["00001"])
        self.village = register("Thôn 1", "village", parent=self.commune)
        self.b_district = register("Huyện B1", "district", parent=self.b, codes=["002"])
        self.root = register("Đảng bộ Trung ương", "party_committee")
        self.a_party = placed("Đảng bộ tỉnh A", "party_committee", self.root, self.a)
        self.grassroots = placed(
            "Đảng ủy xã A11", "grassroots_party_committee", self.a_party, self.commune
        )
        self.cell = placed("Chi bộ thôn 1", "party_cell", self.grassroots, self.village)


@pytest.fixture
def w() -> World:
    return World()


def test_registered_units_carry_their_province(w):
    keys = stored()
    assert keys == province_keys()
    for unit in (w.a, w.district, w.commune, w.village, w.a_party, w.grassroots, w.cell):
        assert keys[unit.pk] == w.a.pk
    assert keys[w.b_district.pk] == w.b.pk
    assert keys[w.root.pk] is None  # above every province


def test_a_transfer_across_provinces_moves_everything_below(w):
    # Forgetting the refresh would leave the commune, its village and the cell in A.
    apply("transfer", "2020-01-01", unit=ref(w.commune), changes={"parent": ref(w.b_district)})
    keys = stored()
    for unit in (w.commune, w.village, w.grassroots, w.cell):
        assert keys[unit.pk] == w.b.pk
    assert keys[w.district.pk] == keys[w.a_party.pk] == w.a.pk
    assert keys == province_keys()


def test_provinces_merged_take_every_unit_with_them_ended_ones_too(w):
    apply("dissolve", "2019-01-01", inputs=[w.b_district])  # ended in B, before the merger
    event = apply(
        "consolidate",
        "2025-07-01",
        inputs=[w.a, w.b],
        outputs=[{"new": {"name": "Tỉnh C", "kind": "province", "codes": [{"code": "03"}]}}],
    )
    c = event.participants.get(role="output").unit_id
    keys = stored()
    assert keys[w.a.pk] == keys[w.b.pk] == keys[w.b_district.pk] == c
    for unit in (w.district, w.commune, w.village, w.a_party, w.cell):
        assert keys[unit.pk] == c
    assert keys[w.root.pk] is None
    assert keys == province_keys()


def test_a_province_merged_later_moves_the_units_that_ended_in_its_predecessor(w):
    apply("dissolve", "2019-01-01", inputs=[w.b_district])
    apply("merge", "2021-01-01", inputs=[w.b], outputs=[w.a])
    assert key(w.b_district) == w.a.pk  # B's successor
    other = register("Tỉnh E", "province", codes=["05"])
    event = apply(
        "consolidate",
        "2025-07-01",
        inputs=[w.a, other],
        outputs=[{"new": {"name": "Tỉnh D", "kind": "province", "codes": [{"code": "04"}]}}],
    )
    d = event.participants.get(role="output").unit_id
    # Not below A in any version, but its key was A: it follows A to D.
    assert key(w.b_district) == d
    assert stored() == province_keys()


def test_split_dissolve_rename_and_several_events_at_once(w):
    apply("rename", "2015-01-01", unit=ref(w.commune), changes={"name": "Xã A11 mới"})
    event = apply(
        "split",
        "2016-01-01",
        inputs=[w.village],
        outputs=[
            {"new": {"name": "Thôn 1A", "kind": "village", "parent": ref(w.commune)}},
            {"new": {"name": "Thôn 1B", "kind": "village", "parent": ref(w.commune)}},
        ],
    )
    new = list(event.participants.filter(role="output").values_list("unit_id", flat=True))
    assert {stored()[u] for u in new} == {w.a.pk}
    events_apply(
        specs=[
            parse_event_spec(
                {
                    "kind": "establish",
                    "effective_on": "2017-01-01",
                    "documents": [{"number": "2/QĐ", "issuer": "T", "kind": "decision",
                                   "signed_on": "2016-12-01"}],
                    "outputs": [{"new": {"name": "Huyện B2", "kind": "district",
                                         "parent": ref(w.b), "codes": [{"code": "005"}]}}],
                }
            ),
            parse_event_spec(
                {
                    "kind": "transfer",
                    "effective_on": "2017-01-01",
                    "documents": [{"number": "2/QĐ", "issuer": "T", "kind": "decision",
                                   "signed_on": "2016-12-01"}],
                    "unit": ref(w.district),
                    "changes": {"parent": ref(w.b)},
                }
            ),
        ]
    )  # fmt: skip
    assert key(w.district) == key(w.commune) == key(w.grassroots) == w.b.pk
    assert key(w.village) == w.a.pk  # it ended (split) while its district was in A
    assert key(w.cell) == w.b.pk  # open: its village as it last was, in the commune of today
    apply("dissolve", "2018-01-01", inputs=[w.cell])
    assert key(w.cell) == w.b.pk  # an ended unit keeps the province of its last day
    assert stored() == province_keys()


def test_bulk_registration_carries_keys(w):
    ids = units_register_bulk(
        rows=[
            UnitRow(key="d", name="Huyện B9", kind="district", parent_id=w.b.pk,
                    codes=[CodeSpec("gso", "009")]),
            UnitRow(key="c", name="Xã B91", kind="commune", parent_key="d",
                    codes=[CodeSpec("gso", "00091")]),
        ],
        valid_from=START,
    )  # fmt: skip
    keys = stored()
    assert keys[ids["d"]] == keys[ids["c"]] == w.b.pk
    assert keys == province_keys()


def test_the_comparison_sees_a_key_left_behind(w):
    """What the tests above compare can differ: a key changed behind the services' back is
    seen, and a refresh of the unit above puts it right."""
    Unit.objects.filter(pk=w.cell.pk).update(province_id=w.b.pk)
    assert stored() != province_keys()
    assert keys_refresh([w.commune.pk]) == 1  # the cell is below the commune (by territory)
    assert stored() == province_keys()
