"""The coverage as the web page asks for it: totals over every place, one page of places with
the exceptions first, and the non-local figures of the same lead posts."""

import pytest

from tests.registry.helpers import apply
from tinhgon.people import queries as q
from tinhgon.people import services as s
from tinhgon.people.coverage_page import coverage_page

from .helpers import D, build_world, person, post, unit

pytestmark = pytest.mark.django_db

CELL = "cell-secretary-village-head"
COMMUNE = "commune-secretary-committee-chair"


@pytest.fixture
def w():
    return build_world()


def test_totals_over_every_place_and_a_page_with_the_exceptions_first(w):
    # Five more villages with their cells: seven places; Khu 1 and Khu 5 comply.
    for n in range(3, 8):
        village = unit(f"Khu {n}", "village", parent=w.commune)
        cell = unit(f"Chi bộ khu {n}", "party_cell", w.party, village)
        w.cell_secretaries.append(post(cell, "secretary"))
        w.village_heads.append(post(village, "village_head"))
    for index in (0, 4):  # Khu 1, Khu 5
        both = person(f"Người {index}", home=w.commune)
        s.holding_start(person=both, post=w.cell_secretaries[index], valid_from=D(2016, 1, 1))
        s.holding_start(person=both, post=w.village_heads[index], valid_from=D(2016, 1, 1))

    first = coverage_page(CELL, w.city, D(2017, 1, 1), page=1, per_page=3)
    # Rates have four decimals.
    assert (first.complying, first.total, first.rate) == (2, 7, round(2 / 7, 4))
    assert first.page.paginator.num_pages == 3  # 7 places, 3 a page
    # The five exceptions by name, then the two that comply.
    names = [p.place.name for p in first.page.object_list]
    assert names == ["Khu 2", "Khu 3", "Khu 4"]
    assert not any(p.complies for p in first.page.object_list)
    second = coverage_page(CELL, w.city, D(2017, 1, 1), page=2, per_page=3)
    assert [(p.place.name, p.complies) for p in second.page.object_list] == [
        ("Khu 6", False),
        ("Khu 7", False),
        ("Khu 1", True),
    ]
    assert second.page.object_list[2].lead_holders[0].full_name == "Người 0"
    # A page past the end gives the last one.
    last = coverage_page(CELL, w.city, D(2017, 1, 1), page=9, per_page=3)
    assert [p.place.name for p in last.page.object_list] == ["Khu 5"]


def test_locality_figures_match_non_local_for_the_policy(w):
    party_b = unit("Đảng ủy phường B", "grassroots_party_committee", w.city_party, w.other)
    secretary_b = post(party_b, "secretary")
    # A: from B, not local; B: local. Then A's secretary comes from a commune merged into A.
    s.holding_start(
        person=person("Đào Văn Nam", home=w.other), post=w.secretary, valid_from=D(2016, 1, 1)
    )
    s.holding_start(
        person=person("Đinh Văn Oanh", home=w.other), post=secretary_b, valid_from=D(2016, 1, 1)
    )
    found = coverage_page(COMMUNE, w.city, D(2017, 1, 1), page=1, per_page=50).locality
    assert (found.non_local, found.total, found.local, found.rate) == (1, 2, 1, 0.5)
    assert (found.unknown, found.vacant) == (0, 0)
    third = unit("Phường C", "commune", parent=w.city, codes=["90003"])
    apply("merge", "2018-01-01", inputs=[third], outputs=[w.commune])
    s.holding_end(holding=w.secretary.holdings.get(), valid_to=D(2019, 1, 1))
    s.holding_start(
        person=person("Lương Văn Phúc", home=third), post=w.secretary, valid_from=D(2019, 1, 1)
    )
    later = coverage_page(COMMUNE, w.city, D(2019, 6, 1), page=1, per_page=50).locality
    assert (later.non_local, later.local, later.total) == (0, 2, 2)
    # Villages: the cell secretaries' homes against the village's commune; one vacant.
    s.holding_start(
        person=person("Tạ Văn Quý", home=w.commune),
        post=w.cell_secretaries[0],
        valid_from=D(2016, 1, 1),
    )
    cells = coverage_page(CELL, w.city, D(2017, 1, 1), page=1, per_page=50).locality
    assert (cells.local, cells.vacant, cells.total) == (1, 1, 2)
    expected = q.non_local(w.city, D(2017, 1, 1), policy=CELL)
    assert (cells.local, cells.vacant, cells.non_local, cells.unknown) == (
        expected.local,
        expected.vacant,
        expected.non_local,
        expected.unknown,
    )
