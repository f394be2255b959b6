"""Coverage of unification policies at two dates, every reason, projection, local persons."""

import pytest

from tests.registry.helpers import apply
from tinhgon.people import membership
from tinhgon.people import queries as q
from tinhgon.people import services as s

from .helpers import START, D, build_world, person, post, unit

pytestmark = pytest.mark.django_db

CELL = "cell-secretary-village-head"
COMMUNE = "commune-secretary-committee-chair"


@pytest.fixture
def w():
    return build_world()


def reasons(result: q.Coverage) -> dict[str, str]:
    return {p.lead_unit.name: p.reason for p in result.places}


def test_cell_secretary_is_village_head_counts_villages_at_two_dates(w):
    one, two = person("Nguyễn Văn An", home=w.commune), person("Trần Văn Ba", home=w.commune)
    three = person("Lê Thị Cam", "female", w.commune)
    # Khu 1: one person in both posts from 2016. Khu 2: two people until 2019, then one.
    s.holding_start(person=one, post=w.cell_secretaries[0], valid_from=D(2016, 1, 1))
    s.holding_start(person=one, post=w.village_heads[0], valid_from=D(2016, 1, 1))
    s.holding_start(person=two, post=w.cell_secretaries[1], valid_from=D(2016, 1, 1))
    s.holding_start(
        person=three, post=w.village_heads[1], valid_from=D(2016, 1, 1), valid_to=D(2019, 1, 1)
    )
    s.holding_start(person=two, post=w.village_heads[1], valid_from=D(2019, 1, 1))

    before = q.coverage(CELL, w.city, D(2017, 1, 1))
    assert (before.complying, before.total, before.rate) == (1, 2, 0.5)
    assert reasons(before) == {"Chi bộ khu 1": "", "Chi bộ khu 2": "different_holders"}
    [exception] = before.exceptions
    assert exception.place.name == "Khu 2"
    assert {p.full_name for p in exception.lead_holders} == {"Trần Văn Ba"}
    assert {p.full_name for p in exception.related_holders} == {"Lê Thị Cam"}

    after = q.coverage(CELL, w.city, D(2020, 1, 1))
    assert (after.complying, after.total, after.rate) == (2, 2, 1.0)
    # The same question asked of the commune alone, or of the village's cell's commune.
    assert q.coverage(CELL, w.commune, D(2020, 1, 1)).total == 2
    assert q.coverage(CELL, w.other, D(2020, 1, 1)).total == 0


def test_every_reason_a_place_does_not_comply(w):
    secretary = person("Phạm Văn Dũng", home=w.other)
    # No one yet in either post.
    assert reasons(q.coverage(COMMUNE, w.city, D(2016, 1, 1))) == {
        "Đảng ủy phường A": "lead_vacant"
    }
    s.holding_start(person=secretary, post=w.secretary, valid_from=D(2016, 1, 1))
    assert reasons(q.coverage(COMMUNE, w.city, D(2016, 6, 1))) == {
        "Đảng ủy phường A": "related_vacant"
    }
    s.holding_start(person=secretary, post=w.chair, valid_from=D(2017, 1, 1))
    result = q.coverage(COMMUNE, w.city, D(2017, 6, 1))
    assert result.complying == result.total == 1
    [place] = result.places
    assert place.place.name == "Phường A"
    assert [u.name for u in place.related_units] == ["Ủy ban nhân dân phường A"]
    # A party cell with no secretary post recorded; a village with no head post.
    village = unit("Khu 3", "village", parent=w.commune)
    cell = unit("Chi bộ khu 3", "party_cell", w.party, village)
    result = q.coverage(CELL, w.city, D(2017, 6, 1))
    assert reasons(result)["Chi bộ khu 3"] == "lead_post_missing"
    post(cell, "secretary")
    s.holding_start(
        person=person("Hoàng Văn Em", home=w.commune),
        post=cell.posts.get(),
        valid_from=D(2017, 1, 1),
    )
    assert reasons(q.coverage(CELL, w.city, D(2017, 6, 1)))["Chi bộ khu 3"] == "related_missing"


def test_related_posts_are_found_in_the_same_place_not_elsewhere(w):
    # Phường B's People's Committee chair is held by A's secretary: it does not count for A.
    committee_b = unit("Ủy ban nhân dân phường B", "peoples_committee", parent=w.other)
    chair_b = post(committee_b, "chair")
    someone = person("Vũ Văn Giang", home=w.other)
    s.holding_start(person=someone, post=w.secretary, valid_from=D(2016, 1, 1))
    s.holding_start(person=someone, post=chair_b, valid_from=D(2016, 1, 1))
    assert reasons(q.coverage(COMMUNE, w.city, D(2017, 1, 1))) == {
        "Đảng ủy phường A": "related_vacant"
    }


def test_function_policies_count_only_the_boards_of_that_function(w):
    mobilization = unit("Ban Dân vận", "party_board", parent=w.city_party)
    propaganda = unit("Ban Tuyên giáo", "party_board", parent=w.city_party)
    front = unit("Ủy ban MTTQ thành phố", "fatherland_front", parent=w.city)
    head = post(mobilization, "head", function="mass_mobilization")
    post(propaganda, "head", function="propaganda")
    front_chair = post(front, "chair")
    leader = person("Đỗ Văn Hải", home=w.commune)
    s.holding_start(person=leader, post=head, valid_from=D(2016, 1, 1))
    s.holding_start(person=leader, post=front_chair, valid_from=D(2016, 1, 1))
    result = q.coverage("mobilization-head-front-chair", w.city, D(2017, 1, 1))
    assert (result.complying, result.total) == (1, 1)
    assert result.places[0].place.name == "Thành phố T"


def test_a_user_defined_policy_in_the_same_unit(w):
    s.policy_define(
        code="secretary-is-standing-member",
        name="Bí thư là ủy viên ban thường vụ",
        lead_unit_kind="grassroots_party_committee",
        lead_post_type="secretary",
        related_by="same_unit",
        related_unit_kind="grassroots_party_committee",
        related_post_type="standing_committee_member",
        valid_from=D(2015, 1, 1),
    )
    standing = post(w.party, "standing_committee_member")
    a = person("Bùi Văn Ích", home=w.commune)
    s.holding_start(person=a, post=w.secretary, valid_from=D(2016, 1, 1))
    s.holding_start(person=a, post=standing, valid_from=D(2016, 1, 1))
    result = q.coverage("secretary-is-standing-member", w.city, D(2017, 1, 1))
    assert (result.complying, result.total, result.policy.builtin) == (1, 1, False)
    assert result.policy.name == "Bí thư là ủy viên ban thường vụ"
    assert any(row.code == "secretary-is-standing-member" for row in q.policies())


def test_the_membership_hook_never_fires_until_the_party_app_registers(w):
    a = person("Ngô Văn Khánh", home=w.commune)
    for target in (w.cell_secretaries[0], w.village_heads[0]):
        s.holding_start(person=a, post=target, valid_from=D(2016, 1, 1))
    assert q.coverage(CELL, w.city, D(2017, 1, 1)).complying == 1
    # What the party app plugs in: here a stand-in that says nobody is official yet. The party
    # app's own source is put back afterwards, for the tests that run next in this process.
    previous = membership._source
    membership.register_membership_source(lambda ids, on: set(ids) if on < D(2018, 1, 1) else set())
    try:
        result = q.coverage(CELL, w.city, D(2017, 1, 1))
        assert reasons(result)["Chi bộ khu 1"] == "not_official_member"
        assert q.coverage(CELL, w.city, D(2018, 6, 1)).complying == 1  # confirmed by then
    finally:
        membership.register_membership_source(previous)


def test_projection_counts_planned_starts_and_ends(w):
    a, b = person("Dương Văn Long", home=w.commune), person("Lý Văn Minh", home=w.commune)
    s.holding_start(person=a, post=w.cell_secretaries[0], valid_from=D(2016, 1, 1))
    s.holding_start(
        person=b, post=w.village_heads[0], valid_from=D(2016, 1, 1), valid_to=D(2026, 1, 1)
    )
    # Entered ahead: from 2026 the cell secretary is also the village head.
    s.holding_start(person=a, post=w.village_heads[0], valid_from=D(2026, 1, 1), planned=True)
    projected = q.projection(CELL, w.commune, D(2026, 6, 1), as_of=D(2025, 6, 1))
    assert (projected.baseline.complying, projected.coverage.complying) == (0, 1)
    assert [p.lead_unit.name for p in projected.gained] == ["Chi bộ khu 1"]
    assert projected.lost == [] and projected.relying_on_planned == 1
    assert [(c.day, c.change, c.planned) for c in projected.changes] == [
        (D(2026, 1, 1), "end", False),
        (D(2026, 1, 1), "start", True),
    ]
    assert projected.coverage.places[0].planned


def test_non_local_compares_home_commune_with_the_commune_led(w):
    party_b = unit("Đảng ủy phường B", "grassroots_party_committee", w.city_party, w.other)
    secretary_b = post(party_b, "secretary")
    s.holding_start(
        person=person("Đào Văn Nam", home=w.other), post=w.secretary, valid_from=D(2016, 1, 1)
    )
    s.holding_start(
        person=person("Đinh Văn Oanh", home=w.other), post=secretary_b, valid_from=D(2016, 1, 1)
    )
    result = q.non_local(w.city, D(2017, 1, 1))
    assert (result.non_local, result.total, result.local, result.rate) == (1, 2, 1, 0.5)
    [exception] = result.exceptions
    assert exception.lead_unit.name == "Đảng ủy phường B" and exception.locality == "local"
    assert [h.name for h in exception.home_communes] == ["Phường B"]
    # Someone whose home commune was merged into the one they lead is local there.
    third = unit("Phường C", "commune", parent=w.city, codes=["90003"])
    apply("merge", "2018-01-01", inputs=[third], outputs=[w.commune])
    s.holding_end(holding=w.secretary.holdings.get(), valid_to=D(2019, 1, 1))
    s.holding_start(
        person=person("Lương Văn Phúc", home=third), post=w.secretary, valid_from=D(2019, 1, 1)
    )
    later = q.non_local(w.city, D(2019, 6, 1))
    assert {r.lead_unit.name: r.locality for r in later.rows} == {
        "Đảng ủy phường A": "local",
        "Đảng ủy phường B": "local",
    }


def test_non_local_vacant_and_unknown(w):
    s.holding_start(person=person("Tạ Văn Quý"), post=w.secretary, valid_from=D(2016, 1, 1))
    result = q.non_local(w.city, D(2017, 1, 1), policy=COMMUNE)
    assert (result.unknown, result.non_local, result.total) == (1, 0, 1)
    assert q.non_local(w.city, D(2015, 1, 1)).vacant == 1


def test_unit_posts_and_post_history_with_vacancies(w):
    a, b = person("Hồ Văn Rạng", home=w.commune), person("Trịnh Văn Sáu", home=w.commune)
    s.holding_start(person=a, post=w.chair, valid_from=D(2015, 1, 1), valid_to=D(2016, 1, 1))
    s.holding_start(person=b, post=w.chair, valid_from=D(2017, 1, 1), manner="acting")
    posts = q.unit_posts(w.committee, D(2015, 6, 1))
    by_type = {p.post_type: p for p in posts.posts}
    assert [h.person.full_name for h in by_type["chair"].holders] == ["Hồ Văn Rạng"]
    assert by_type["vice_chair"].vacant
    history = q.post_history(w.chair)
    assert [h.person.full_name for h in history.post.holders] == ["Hồ Văn Rạng", "Trịnh Văn Sáu"]
    assert [(v.valid_from, v.valid_to) for v in history.vacancies] == [
        (START, D(2015, 1, 1)),
        (D(2016, 1, 1), D(2017, 1, 1)),
    ]


def test_career_in_date_order_with_terms(w):
    a = person("Mai Văn Tùng", home=w.commune)
    held = s.holding_start(person=a, post=w.vice, valid_from=D(2016, 1, 1), manner="elected")
    s.person_transfer(holding=held, to_post=w.chair, on=D(2021, 1, 1), manner="elected")
    result = q.career(a.pk)
    assert [(e.post_type, e.valid_from, e.valid_to) for e in result.entries] == [
        ("vice_chair", D(2016, 1, 1), D(2021, 1, 1)),
        ("chair", D(2021, 1, 1), None),
    ]
    assert result.entries[0].end_reason == "transferred"
    # The holding began in the party term 2020–2025 only for posts of the party's track.
    s.holding_start(person=a, post=w.secretary, valid_from=D(2021, 1, 1))
    entries = q.career(a.pk).entries
    assert {e.post_type: e.term for e in entries}["secretary"] == "2020–2025"
    assert q.post_term(w.secretary, D(2026, 1, 1)).code == "party-2025-2030"


def test_deputy_check_against_maxima_and_averages(w):
    committee_b = unit("Ủy ban nhân dân phường B", "peoples_committee", parent=w.other)
    post(committee_b, "vice_chair")
    for name in ("Chu Văn Vĩnh", "Lục Văn Xuân"):
        s.holding_start(person=person(name, home=w.commune), post=w.vice, valid_from=D(2016, 1, 1))
    for code, mode, number in (("test-avg", "average", "1.5"), ("test-max", "max", 1)):
        s.deputy_rule_define(
            code=code,
            unit_kind="peoples_committee",
            place_kind="commune",
            post_type="vice_chair",
            mode=mode,
            number=number,
            valid_from=D(2015, 1, 1),
        )
    checks = {c.rule: c for c in q.deputy_check(w.city, D(2017, 1, 1))}
    average, maximum = checks["test-avg"], checks["test-max"]
    assert (average.units, average.deputies, average.average, average.ok) == (2, 2, 1.0, True)
    assert [(u.unit.name, u.count) for u in maximum.over] == [("Ủy ban nhân dân phường A", 2)]
    assert not maximum.ok
    # The built-in caps (107/2020, 108/2020: from 2020-11-25) were not in force yet.
    assert set(checks) == {"test-avg", "test-max"}
    later = {c.rule: c for c in q.deputy_check(w.city, D(2021, 1, 1))}
    assert later["nd108-2020-district-offices"].units == 0


def test_the_apparatus_query_finds_what_the_registry_finds(w):
    from tinhgon.people.scope import units_of_kinds
    from tinhgon.registry.kinds import UnitKind
    from tinhgon.registry.queries import scope_versions, version_at

    # A unit under a party cell (which joins by its territory), a cell of another city, and
    # a cell that ends in 2020: the apparatus differs between the two dates.
    unit("Tổ đảng khu 1", "party_cell", w.cells[0])
    outside = unit("Thành phố khác", "district")
    unit("Chi bộ ngoài", "party_cell", None, outside)
    apply("dissolve", "2020-01-01", inputs=[w.cells[1]])
    for on in (D(2012, 1, 1), D(2021, 1, 1)):
        expected = {v.unit_id for v in scope_versions(w.city, on)}
        found = {v.unit_id for v in units_of_kinds(version_at(w.city, on), on, UnitKind.values)}
        assert found == expected
        # From a commune: its party committee (by territory) and the cells under it.
        small = {v.unit_id for v in units_of_kinds(version_at(w.commune, on), on, ["party_cell"])}
        assert small == {v.unit_id for v in scope_versions(w.commune, on) if v.kind == "party_cell"}


def test_the_apparatus_query_names_the_registrys_table_and_columns():
    from tinhgon.registry.models import UnitVersion

    meta = UnitVersion._meta
    assert meta.db_table == "registry_unitversion"
    assert [meta.get_field(n).column for n in ("unit", "parent", "territory")] == [
        "unit_id",
        "parent_id",
        "territory_id",
    ]
