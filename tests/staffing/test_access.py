"""Scope: a commune officer does not see another commune's staff; the viewer sees counts, not
persons; writes need the staffing right over the unit."""

import pytest

from tinhgon.core.errors import Forbidden, NotFound
from tinhgon.staffing import queries as q
from tinhgon.staffing import services as s

from .helpers import D, as_user, build_world, employ, person, staff

pytestmark = pytest.mark.django_db
ON = D(2016, 6, 30)


@pytest.fixture
def w():
    world = build_world()
    world.a_staff = staff(world.committee_a, 3, world.commune, prefix="Nhân viên A")
    world.b_staff = staff(world.committee_b, 2, world.other, prefix="Bí Mật B")
    s.reduction_record(
        person=world.b_staff[0], on=D(2016, 1, 1), form="severance", case="nd108-a6-1a"
    )
    s.reduction_record(
        person=world.a_staff[0], on=D(2016, 1, 1), form="severance", case="nd108-a6-1a"
    )
    return world


def test_a_commune_officer_does_not_see_another_communes_staff(w):
    with as_user("xa_a", "commune", w.commune):
        result = q.staffing(w.commune, ON, employees=True)
        assert result.headcount == 2
        assert {e.person.full_name for e in result.employees if e.person} == {
            f"Nhân viên A 1 {w.committee_a.pk}",
            f"Nhân viên A 2 {w.committee_a.pk}",
        }
        with pytest.raises(NotFound):
            q.staffing(w.other, ON)
        with pytest.raises(NotFound):
            q.headcount(w.committee_b, ON)
        with pytest.raises(NotFound):
            q.reductions(w.other, D(2015, 1, 1), D(2020, 1, 1))
        mine = q.reductions(w.commune, D(2015, 1, 1), D(2020, 1, 1))
        assert mine.total == 1
        assert all("Bí Mật" not in (r.person.full_name if r.person else "") for r in mine.rows)


def test_a_commune_officer_cannot_write_in_another_commune(w):
    newcomer = person("Người Mới", home=w.commune)
    with as_user("xa_a", "commune", w.commune):
        employ(newcomer, w.committee_a, valid_from=D(2017, 1, 1))
        with pytest.raises(NotFound):
            employ(newcomer, w.committee_b, valid_from=D(2017, 1, 1))
        with pytest.raises(NotFound):
            s.reduction_record(
                person=w.b_staff[1], on=D(2017, 1, 1), form="severance", case="nd108-a6-1a"
            )


def test_the_viewer_sees_counts_not_persons(w):
    with as_user("xem", "viewer", w.city):
        result = q.staffing(w.city, ON, employees=True)
        assert result.headcount == 3
        assert not result.persons_shown
        assert result.employees and all(e.person is None for e in result.employees)
        reductions = q.reductions(w.city, D(2015, 1, 1), D(2020, 1, 1))
        assert reductions.total == 2 and not reductions.persons_shown
        assert all(r.person is None for r in reductions.rows)
        with pytest.raises(Forbidden):
            employ(person("Ai Đó", home=w.commune), w.committee_a)


def test_the_viewer_json_has_no_names(w):
    import json

    from tinhgon.staffing.representations import data

    with as_user("xem", "viewer", w.city):
        text = json.dumps(data(q.staffing(w.city, ON, employees=True)), ensure_ascii=False)
    assert "Nhân viên" not in text and "Bí Mật" not in text
