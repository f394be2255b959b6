"""The reads around 2025-07-01 on real provinces loaded from the package: Quảng Ninh (22, the same
province on both sides), Quảng Trị (44, formed from Quảng Bình and the old Quảng Trị, with the
island district Cồn Cỏ) and Điện Biên (11, whose resolution is from a secondary source).

Expected values come from the package's files, read here with sqlite3 and json (not through the
project's reader), from the resolutions table, or from published facts (Móng Cái 1).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command

from tests.adminunits.package_facts import (
    SUBTYPE,
    districts_of,
    new_of,
    old_of,
    package,
    resolution,
)
from tests.registry.helpers import D, apply, register
from tinhgon.adminunits import queries as q
from tinhgon.adminunits.loader import load_admin_units
from tinhgon.adminunits.representations import ROW, flow_diagram, transition_data
from tinhgon.core.errors import NotFound
from tinhgon.registry.queries import lineage, unit_resolve

BEFORE, AFTER = D(2025, 6, 30), D(2025, 7, 1)
LOADED = ["22", "44", "11"]

# ---------------------------------------------------------------------------- the registry


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        load_admin_units(provinces=LOADED)
        yield
        call_command("flush", interactive=False, verbosity=0)


pytestmark = pytest.mark.django_db


def province(code: str, on: dt.date):  # type: ignore[no-untyped-def]
    return unit_resolve(f"code:{code}", on)


def flows_of(result: q.Transition) -> set[tuple[str, str, str, bool | None]]:
    """The flows a transition shows, from the new units' side and from the old units' side,
    which must agree."""
    from_new = {
        (item.place.code, row.place.code, item.link.share, item.link.holds_former_centre)
        for row in result.new_rows
        for item in row.linked
    }
    from_old = {
        (row.place.code, item.place.code, item.link.share, item.link.holds_former_centre)
        for row in result.old_rows
        for item in row.linked
    }
    assert from_new == from_old
    return from_new


def row_named(rows: list[q.Row], name: str) -> q.Row:
    (found,) = [r for r in rows if r.place.name == name]
    return found


# ---------------------------------------------------------------------------- Móng Cái


def test_mong_cai_1_was_made_from_the_five_published_wards_and_communes(loaded):
    result = q.transition(province("22", AFTER), AFTER)
    row = row_named(result.new_rows, "Phường Móng Cái 1")
    assert row.place.code == "06712" and row.place.version.subtype == "ward"
    assert {(i.place.name, i.link.share) for i in row.linked} == {
        ("Phường Trần Phú", "whole"),
        ("Phường Hải Hòa", "whole"),
        ("Xã Hải Xuân", "whole"),
        ("Phường Bình Ngọc", "whole"),
        ("Phường Trà Cổ", "whole"),
    }
    assert not row.divided
    tran_phu = next(i.place for i in row.linked if i.place.name == "Phường Trần Phú")
    # Hòa Lạc was merged into Trần Phú on 01/11/2024 (Resolution 1199/NQ-UBTVQH15).
    assert [(a.name, a.effective_on) for a in tran_phu.absorbed] == [
        ("Phường Hòa Lạc", D(2024, 11, 1))
    ]
    assert tran_phu.district is not None and tran_phu.district.name == "Thành phố Móng Cái"


def test_the_predecessors_agree_with_the_registrys_lineage(loaded):
    result = q.transition(province("22", AFTER), AFTER)
    for row in result.new_rows[:12]:
        unit = unit_resolve(f"id:{row.place.unit_id}", AFTER)
        traced = {(e.unit_id, e.share) for e in lineage(unit, AFTER, BEFORE)}
        assert traced == {(i.place.unit_id, i.link.share) for i in row.linked}, row.place.name


# ---------------------------------------------------------------------------- the package's mapping


@pytest.mark.parametrize(("code", "new_codes"), [("22", ["22"]), ("44", ["44"]), ("11", ["11"])])
def test_every_new_commune_has_the_packages_predecessors(loaded, code, new_codes):
    result = q.transition(province(code, AFTER), AFTER)
    assert result.side == q.AFTER
    expected_new = set().union(*(new_of(c) for c in new_codes))
    assert {r.place.code for r in result.new_rows} == expected_new
    expected = {f for f in package()["flows"] if f[1] in expected_new}
    assert flows_of(result) == expected
    assert result.new_total == len(expected_new)
    assert result.old_total == len({f[0] for f in expected})


OLD_PROVINCES = [
    ("22", "Tỉnh Quảng Ninh"),
    ("44", "Tỉnh Quảng Bình"),
    ("45", "Tỉnh Quảng Trị"),
    ("11", "Tỉnh Điện Biên"),
]


@pytest.mark.parametrize(("code", "name"), OLD_PROVINCES)
def test_every_old_commune_has_the_packages_successors(loaded, code, name):
    result = q.transition(province(code, BEFORE), BEFORE)
    assert result.side == q.BEFORE and result.province.name == name
    olds = old_of(code)
    assert {r.place.code for r in result.old_rows} == olds
    expected = {f for f in package()["flows"] if f[0] in olds}
    assert flows_of(result) == expected
    divided = {old for old, _new, share, _c in expected if share == "part"}
    assert {r.place.code for r in result.old_rows if r.divided} == divided
    assert result.divided_total == len(divided)


def test_a_divided_commune_names_the_part_that_holds_its_centre(loaded):
    result = q.transition(province("22", BEFORE), BEFORE)
    quang_long = row_named(result.old_rows, "Xã Quảng Long")
    expected = {
        (package()["new"][new][1], share, centre)
        for old, new, share, centre in package()["flows"]
        if old == quang_long.place.code
    }
    assert {
        (i.place.name, i.link.share, i.link.holds_former_centre) for i in quang_long.linked
    } == (expected)
    assert sum(1 for i in quang_long.linked if i.link.holds_former_centre) == 1
    assert quang_long.linked[0].link.holds_former_centre is True, "the centre's part first"


def test_an_island_district_without_communes_becomes_a_special_zone(loaded):
    con_co = row_named(q.transition(province("44", AFTER), AFTER).new_rows, "Đặc khu Cồn Cỏ")
    assert [(i.place.name, i.place.version.kind, i.link.share) for i in con_co.linked] == [
        ("Huyện Cồn Cỏ", "district", "whole")
    ]
    old_quang_tri = q.transition(province("45", BEFORE), BEFORE)
    assert "Huyện Cồn Cỏ" in {r.place.name for r in old_quang_tri.old_rows}
    assert "Huyện Gio Linh" not in {r.place.name for r in old_quang_tri.old_rows}


# ---------------------------------------------------------------------------- sides and provinces


def test_the_side_follows_the_date_only_for_a_province_on_both_sides(loaded):
    quang_ninh = province("22", AFTER)
    assert quang_ninh == province("22", BEFORE), "Quảng Ninh went on unchanged"
    assert q.province_side(quang_ninh, BEFORE) == q.BEFORE
    assert q.province_side(quang_ninh, D(2026, 1, 1)) == q.AFTER
    quang_binh = province("44", BEFORE)
    assert q.province_side(quang_binh, D(2026, 1, 1)) == q.BEFORE
    new_quang_tri = province("44", AFTER)
    assert q.province_side(new_quang_tri, D(2020, 1, 1)) == q.AFTER
    commune = unit_resolve("code:06712", AFTER)
    with pytest.raises(NotFound) as refused:
        q.transition(commune, AFTER)
    assert refused.value.codes == ["not_a_province"]
    assert "01/07/2025" in str(refused.value)


def test_counterparts_across_the_reform(loaded):
    new_quang_tri = q.transition(province("44", AFTER), AFTER)
    assert [p.name for p in new_quang_tri.counterparts] == ["Tỉnh Quảng Bình", "Tỉnh Quảng Trị"]
    old_quang_binh = q.transition(province("44", BEFORE), BEFORE)
    assert [(p.name, p.code) for p in old_quang_binh.counterparts] == [("Tỉnh Quảng Trị", "44")]
    quang_ninh = q.transition(province("22", AFTER), AFTER)
    assert [p.unit_id for p in quang_ninh.counterparts] == [quang_ninh.province.unit_id]
    assert quang_ninh.unchanged and not new_quang_tri.unchanged and not old_quang_binh.unchanged


def test_the_legal_basis_is_the_provinces_resolution_with_its_status(loaded):
    for code, name in (("22", "Tỉnh Quảng Ninh"), ("11", "Tỉnh Điện Biên")):
        row = resolution(name)
        documents = q.transition(province(code, AFTER), AFTER).documents
        assert [(d.number, d.status) for d in documents] == [
            (row["resolution_number"], row["status"])
        ]
    assert resolution("Tỉnh Điện Biên")["status"] == "S"
    numbers = {d.number for d in q.transition(province("44", AFTER), AFTER).documents}
    assert numbers == {resolution("Tỉnh Quảng Trị")["resolution_number"], "202/2025/QH15"}


def test_the_provinces_on_each_side_with_their_counts(loaded):
    before = {r.place.code: r for r in q.provinces(BEFORE)}
    after = {r.place.code: r for r in q.provinces(AFTER)}
    assert set(before) == {"22", "44", "45", "11"}
    assert set(after) == {"22", "44", "11"}
    for code, row in before.items():
        kinds = Counter(SUBTYPE[k] for c, (p, _n, k) in package()["old"].items() if p == code and k)
        assert row.communes == dict(kinds), code
        assert row.districts == len(districts_of(code))
    for code, row in after.items():
        kinds = Counter(SUBTYPE[k] for c, (p, _n, k) in package()["new"].items() if p == code)
        assert row.communes == dict(kinds), code
        assert row.districts == 0
    assert [p.name for p in before["45"].counterparts] == ["Tỉnh Quảng Trị"]
    assert [p.name for p in after["44"].counterparts] == ["Tỉnh Quảng Bình", "Tỉnh Quảng Trị"]
    assert [d.number for d in after["11"].documents] == [
        resolution("Tỉnh Điện Biên")["resolution_number"]
    ]
    assert next(r.place.name for r in q.provinces(AFTER, details=False)) == "Tỉnh Điện Biên"


def test_counts_by_kind_equal_the_packages_for_what_is_loaded(loaded):
    old = [v for v in package()["old"].values() if v[0] in {"22", "44", "45", "11"}]
    new = [v for v in package()["new"].values() if v[0] in LOADED]
    before = q.counts(BEFORE)
    assert before.province_total == 4
    assert before.communes == {
        **{s: 0 for s in q.COMMUNE_SUBTYPES},
        **Counter(SUBTYPE[k] for _p, _n, k in old if k),
    }
    assert before.district_total == sum(len(districts_of(c)) for c in ("22", "44", "45", "11"))
    after = q.counts(AFTER)
    assert (after.province_total, after.district_total) == (3, 0)
    assert after.communes == {
        **{s: 0 for s in q.COMMUNE_SUBTYPES},
        **Counter(SUBTYPE[k] for _p, _n, k in new),
    }
    quang_ninh = q.counts(AFTER, province("22", AFTER))
    assert quang_ninh.commune_total == len(new_of("22")) and quang_ninh.province_total == 0
    rows = {(r.kind, r.subtype): r for r in q.compare_counts(before, after)}
    assert rows[("province", "")].change == -1
    assert rows[("district", "")].after == 0
    assert rows[("commune", "special_zone")].before == 0


def test_the_units_of_a_province_at_any_date(loaded):
    quang_ninh = province("22", AFTER)
    early = q.province_units(quang_ninh, D(2024, 6, 1))
    names = [p.name for p in early]
    assert "Phường Hòa Lạc" in names, "merged into Trần Phú only on 01/11/2024"
    assert names.index("Thành phố Móng Cái") < names.index("Phường Hòa Lạc")
    assert len(early) == len(districts_of("22")) + len(old_of("22")) + 1  # and Hòa Lạc
    late = q.province_units(quang_ninh, AFTER)
    assert {p.code for p in late} == new_of("22")
    assert all(p.province is not None and p.province.unit_id == quang_ninh.pk for p in late)
    with pytest.raises(NotFound):
        q.province_units(province("44", BEFORE), AFTER)


# ---------------------------------------------------------------------------- filters


def test_filter_by_kind(loaded):
    result = q.transition(province("22", AFTER), AFTER, q.Filters(kind="special_zone"))
    expected = {c for c in new_of("22") if package()["new"][c][2] == "Đặc khu"}
    assert {r.place.code for r in result.new_rows} == expected
    assert {r.place.name for r in result.new_rows} == {"Đặc khu Vân Đồn", "Đặc khu Cô Tô"}
    assert result.old_rows == [], "no old unit was a special zone"
    assert result.new_total == len(new_of("22"))


def test_filter_divided_only(loaded):
    result = q.transition(province("22", AFTER), AFTER, q.Filters(divided=True))
    parts = [f for f in package()["flows"] if f[1] in new_of("22") and f[2] == "part"]
    assert {r.place.code for r in result.new_rows} == {f[1] for f in parts}
    assert {r.place.code for r in result.old_rows} == {f[0] for f in parts}


def test_filter_by_text_without_diacritics_reaches_linked_and_former_names(loaded):
    result = q.transition(province("22", AFTER), AFTER, q.Filters(text="MONG CAI"))
    assert {r.place.name for r in result.new_rows} == {
        "Phường Móng Cái 1",
        "Phường Móng Cái 2",
        "Phường Móng Cái 3",
    }
    assert {r.place.name for r in result.old_rows} >= {"Phường Trần Phú", "Phường Ka Long"}
    by_former = q.transition(province("22", AFTER), AFTER, q.Filters(text="hoa lac"))
    assert {r.place.name for r in by_former.new_rows} == {"Phường Móng Cái 1"}
    assert {r.place.name for r in by_former.old_rows} == {"Phường Trần Phú"}
    nothing = q.transition(province("22", AFTER), AFTER, q.Filters(text="zzz"))
    assert (nothing.new_rows, nothing.old_rows) == ([], [])


# ---------------------------------------------------------------------------- diagram, JSON, cost


def test_the_diagram_draws_every_flow_once_with_parts_marked(loaded):
    result = q.transition(province("22", AFTER), AFTER)
    diagram = flow_diagram(result)
    expected = {f for f in package()["flows"] if f[1] in new_of("22")}
    assert len(diagram.left) == len(old_of("22")) and len(diagram.right) == len(new_of("22"))
    drawn = {
        (e.old.place.code, e.new.place.code, e.link.share, e.link.holds_former_centre)
        for g in diagram.groups
        for e in g.edges
    }
    assert drawn == expected and diagram.edge_count == len(expected)
    ys = [n.y for n in diagram.left]
    assert len(set(ys)) == len(ys) and diagram.height >= len(ys) * ROW
    for group in diagram.groups:
        # Each new unit sits amid the old units that went into it whole or left their centre
        # there: their lines run straight across.
        home = [e.old.y for e in group.edges if not e.link.is_part or e.link.holds_former_centre]
        if home:
            assert min(home) <= group.node.y <= max(home)
            assert max(home) - min(home) == (len(home) - 1) * ROW, "side by side"


def test_the_json_shape(loaded):
    data = transition_data(q.transition(province("22", AFTER), AFTER, q.Filters(text="mong cai 1")))
    assert data["side"] == "after" and data["date"] == "2025-07-01"
    (row,) = data["new_units"]
    assert row["code"] == "06712" and row["province"]["name"] == "Tỉnh Quảng Ninh"
    tran_phu = next(p for p in row["predecessors"] if p["name"] == "Phường Trần Phú")
    assert [(a["name"], a["effective_on"]) for a in tran_phu["absorbed"]] == [
        ("Phường Hòa Lạc", "2024-11-01")
    ]
    assert tran_phu["district"]["name"] == "Thành phố Móng Cái"
    assert tran_phu["share"] == "whole" and tran_phu["holds_former_centre"] is None


def test_a_transition_costs_a_bounded_number_of_queries(loaded, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        result = q.transition(province("44", AFTER), AFTER)
    assert result.old_total > 200


# ---------------------------------------------------------------------------- without an event


def test_a_commune_that_goes_on_as_the_same_unit_is_its_own_predecessor(db):
    """A merge that keeps the absorbing commune: it is its own predecessor, whole, beside the
    commune it absorbed; the same holds for a unit with no event at all."""
    prov = register("Tỉnh Thử", "province", codes=["99"], start=D(2024, 1, 1))
    district = register("Huyện Thử", "district", parent=prov, start=D(2024, 1, 1), codes=["999"])
    keeper = register("Xã A", "commune", district, D(2024, 1, 1), codes=["99001"])
    gone = register("Xã B", "commune", district, D(2024, 1, 1), codes=["99002"])
    apply("merge", "2025-07-01", inputs=[gone], outputs=[keeper])
    result = q.transition(prov, BEFORE)
    (row,) = result.new_rows
    assert row.place.name == "Xã A"
    assert {(i.place.name, i.link.share, i.link.event_id is None) for i in row.linked} == {
        ("Xã A", "whole", True),
        ("Xã B", "whole", False),
    }
