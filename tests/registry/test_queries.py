"""Queries that take a date: tree, lineage both ways, diff, code look-up, search."""

import pytest

from tinhgon.core.errors import DomainError, NotFound
from tinhgon.registry import queries as q

from .helpers import D, apply, ref, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    city = register("Thành phố Móng Cái", "district", codes=["194"])
    register("Phường Ka Long", "commune", parent=city, codes=["06709"])
    return city


def test_tree_at_a_date_shows_only_what_existed_then(city):
    board = register("Ban Tổ chức Thành ủy", "party_board", parent=city)
    office = register("Phòng Nội vụ", "specialized_office", parent=city)
    register("Khu 1", "village", parent=q.unit_resolve("06709", D(2015, 1, 1)))
    apply(
        "consolidate",
        "2018-07-01",
        inputs=[board, office],
        outputs=[
            {"new": {"name": "Ban Tổ chức - Nội vụ", "kind": "party_board", "parent": ref(city)}}
        ],
    )
    names_2015 = {n.version.name for n in q.tree(city, D(2015, 1, 1)).walk()}
    names_2020 = {n.version.name for n in q.tree(city, D(2020, 1, 1)).walk()}
    assert {"Ban Tổ chức Thành ủy", "Phòng Nội vụ", "Khu 1"} <= names_2015
    assert "Ban Tổ chức - Nội vụ" not in names_2015
    assert "Ban Tổ chức - Nội vụ" in names_2020 and "Phòng Nội vụ" not in names_2020
    shallow = q.tree(city, D(2015, 1, 1), depth=1)
    assert all(not child.children for child in shallow.children)
    assert [c.code for c in shallow.codes] == ["194"]


def test_lineage_forward_and_back_through_several_events(city):
    board = register("Ban Tổ chức Thành ủy", "party_board", parent=city)
    office = register("Phòng Nội vụ", "specialized_office", parent=city)
    joint = (
        apply(
            "consolidate",
            "2018-07-01",
            inputs=[board, office],
            outputs=[
                {
                    "new": {
                        "name": "Ban Tổ chức - Nội vụ",
                        "kind": "party_board",
                        "parent": ref(city),
                    }
                }
            ],
        )
        .participants.get(role="output")
        .unit
    )
    apply("rename", "2020-01-01", unit=ref(joint), changes={"name": "Cơ quan Tổ chức - Nội vụ"})
    forward = q.lineage(board, D(2015, 1, 1), D(2021, 1, 1))
    assert [(e.version.name, e.share, len(e.path)) for e in forward] == [
        ("Cơ quan Tổ chức - Nội vụ", "whole", 1)
    ]
    back = q.lineage(joint, D(2021, 1, 1), D(2015, 1, 1))
    assert sorted((e.version.name, e.share) for e in back) == [
        ("Ban Tổ chức Thành ủy", "whole"),
        ("Phòng Nội vụ", "whole"),
    ]
    # Before the event, the board is still itself.
    assert [e.unit_id for e in q.lineage(board, D(2015, 1, 1), D(2018, 6, 30))] == [board.pk]


def test_lineage_is_transitive_and_keeps_parts(city):
    a = register("Xã A", "commune", parent=city)
    b = register("Xã B", "commune", parent=city)
    ab = (
        apply(
            "consolidate",
            "2016-01-01",
            inputs=[a, b],
            outputs=[{"new": {"name": "Xã AB", "kind": "commune", "parent": ref(city)}}],
        )
        .participants.get(role="output")
        .unit
    )
    split = apply(
        "split",
        "2019-01-01",
        inputs=[ab],
        outputs=[
            {"new": {"name": "Xã X", "kind": "commune", "parent": ref(city)}},
            {"new": {"name": "Xã Y", "kind": "commune", "parent": ref(city)}},
        ],
    )
    result = q.lineage(a, D(2015, 1, 1), D(2020, 1, 1))
    assert [(e.version.name, e.share, len(e.path)) for e in result] == [
        ("Xã X", "part", 2),
        ("Xã Y", "part", 2),
    ]
    x = split.participants.filter(role="output").first().unit
    assert {e.version.name for e in q.lineage(x, D(2020, 1, 1), D(2015, 1, 1))} == {"Xã A", "Xã B"}


def test_diff_counts_by_kind_what_ended_started_and_continued(city):
    register("Khu 1", "village", parent=city)
    k2 = register("Khu 2", "village", parent=city)
    k3 = register("Khu 3", "village", parent=city)
    apply("merge", "2016-01-01", inputs=[k2], outputs=[k3])
    apply(
        "establish",
        "2017-01-01",
        outputs=[{"new": {"name": "Trường mới", "kind": "school", "parent": ref(city)}}],
    )
    result = q.diff(city, D(2015, 1, 1), D(2020, 1, 1))
    villages = next(r for r in result.by_kind if r.kind == "village")
    assert (
        villages.before,
        villages.after,
        villages.ended,
        villages.started,
        villages.continued,
    ) == (3, 2, 1, 0, 2)
    assert villages.change == -1
    schools = next(r for r in result.by_kind if r.kind == "school")
    assert (schools.before, schools.after, schools.started) == (0, 1, 1)
    assert [v.name for v in result.ended] == ["Khu 2"]


def test_code_lookup_needs_a_date(city):
    ward = register("Phường Trần Phú", "commune", parent=city, codes=["06712"], end=D(2025, 7, 1))
    new = register("Phường Móng Cái 1", "commune", codes=["06712"], start=D(2025, 7, 1))
    assert q.unit_resolve("06712", D(2020, 1, 1)) == ward
    assert q.unit_resolve("06712", D(2025, 7, 1)) == new
    assert [c.unit for c in q.code_lookup("06712", D(2025, 6, 30))] == [ward]
    with pytest.raises(NotFound) as caught:
        q.unit_resolve("99999", D(2020, 1, 1))
    assert caught.value.codes == ["unit_not_found"]


def test_resolve_by_internal_id_and_explicit_prefixes(city):
    assert q.unit_resolve(f"id:{city.pk}", D(2020, 1, 1)) == city
    assert q.unit_resolve(f"#{city.pk}", D(2020, 1, 1)) == city
    assert q.unit_resolve("code:194", D(2020, 1, 1)) == city
    with pytest.raises(DomainError):
        q.unit_resolve("code:00000", D(2020, 1, 1))


def test_search_with_or_without_diacritics(city):
    for text in ("mong cai", "Móng Cái", "MONG CAI", "móng"):
        assert [v.unit_id for v in q.search(text)] == [city.pk], text
    assert [v.name for v in q.search("ka long", on=D(2020, 1, 1))] == ["Phường Ka Long"]
    assert q.search("ka long", on=D(2005, 1, 1)) == []
    assert q.search("   ") == []


def test_history_lists_versions_codes_and_events(city):
    office = register("Phòng Y tế", parent=city)
    apply("rename", "2016-01-01", unit=ref(office), changes={"name": "Phòng Y tế - Dân số"})
    apply("dissolve", "2019-01-01", inputs=[office])
    record = q.history(office)
    assert [v.name for v in record.versions] == ["Phòng Y tế", "Phòng Y tế - Dân số"]
    assert [e.event.kind for e in record.events] == ["rename", "rename", "dissolve"]


def test_diff_covers_organizations_located_in_the_unit(city):
    province_party = register("Đảng bộ tỉnh", "party_committee")
    city_party = unit_register_with_territory("Đảng bộ thành phố", province_party, city)
    board = register("Ban Tổ chức Thành ủy", "party_board", parent=city_party)
    apply("dissolve", "2018-01-01", inputs=[board])
    boards = next(
        r for r in q.diff(city, D(2015, 1, 1), D(2020, 1, 1)).by_kind if r.kind == "party_board"
    )
    assert (boards.before, boards.after, boards.ended) == (1, 0, 1)
    assert city_party.pk in {v.unit_id for v in q.scope_versions(city, D(2015, 1, 1))}
    assert province_party.pk not in {v.unit_id for v in q.scope_versions(city, D(2015, 1, 1))}


def unit_register_with_territory(name, parent, territory):  # type: ignore[no-untyped-def]
    from tinhgon.registry.eventspec import NewUnitSpec
    from tinhgon.registry.services import unit_register

    return unit_register(
        spec=NewUnitSpec(
            name=name, kind="party_committee", parent=ref(parent), territory=ref(territory)
        ),
        valid_from=D(2010, 1, 1),
    )


def test_a_unit_that_absorbs_another_is_whole_in_its_own_origins(city):
    kept = register("Phường Trần Phú", "commune", parent=city)
    gone = register("Phường Hòa Lạc", "commune", parent=city)
    apply("merge", "2024-11-01", inputs=[gone], outputs=[kept])
    origins = q.lineage(kept, D(2025, 1, 1), D(2020, 1, 1))
    assert sorted((e.version.name, e.share) for e in origins) == [
        ("Phường Hòa Lạc", "whole"),
        ("Phường Trần Phú", "whole"),
    ]


def test_a_unit_that_gives_part_away_continues_as_a_part(city):
    a = register("Xã A", "commune", parent=city)
    apply(
        "split",
        "2019-01-01",
        inputs=[{"unit": ref(a), "ends": False}],
        outputs=[{"new": {"name": "Xã X", "kind": "commune", "parent": ref(city)}}],
    )
    forward = q.lineage(a, D(2018, 1, 1), D(2020, 1, 1))
    assert sorted((e.version.name, e.share) for e in forward) == [
        ("Xã A", "part"),
        ("Xã X", "part"),
    ]


def test_a_divided_unit_leads_to_every_unit_that_took_a_part(city):
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
    forward = q.lineage(divided, D(2025, 6, 30), D(2025, 7, 1))
    assert sorted((e.version.name, e.share) for e in forward) == [
        ("Xã Mới 1", "part"),
        ("Xã Mới 2", "part"),
    ]
