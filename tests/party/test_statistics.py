"""The party statistics table: a row per organization under the scope, columns by breakdown;
the rows add up to the totals and each breakdown adds up to the members, and the figures agree
with a count made another way (the ORM, member by member)."""

from __future__ import annotations

import pytest

from tests.party.helpers import D, admit, as_user, build_world
from tinhgon.party import services as s
from tinhgon.party.models import Attachment, Member
from tinhgon.party.stats import statistics
from tinhgon.people.models import Person

pytestmark = pytest.mark.django_db
ON = D(2020, 6, 1)


@pytest.fixture
def w():
    world = build_world()
    people = [
        (world.cell_1, "Nam 1", D(1990, 6, 1), "male", "kinh", "university", "farmer", True),
        (world.cell_1, "Nữ 1", D(1989, 6, 2), "female", "dao", "upper_secondary", "farmer", True),
        (world.cell_2, "Nam 2", D(1960, 6, 1), "male", "tay", "", "retired", True),
        (world.cell_2, "Nữ 2", D(1998, 1, 1), "female", "", "college", "", False),
        (
            world.school,
            "Thầy giáo",
            D(1975, 3, 3),
            "male",
            "kinh",
            "master",
            "public_servant",
            True,
        ),
    ]
    for cell, name, born, gender, ethnicity, education, occupation, official in people:
        who = Person.objects.create(
            full_name=name,
            birth_date=born,
            gender=gender,
            ethnicity=ethnicity,
            education=education,
        )
        admitted = D(2015, 3, 1) if official else D(2019, 12, 1)
        member = s.member_admit(
            person_id=who.pk, cell_id=cell.pk, admitted_on=admitted, occupation=occupation
        )
        if official:
            s.member_confirm(member_id=member.pk, decided_on=D(2016, 3, 1))
    return world


def _column(table, key):
    return next(i for i, c in enumerate(table.columns) if c.key == key)


def test_rows_add_up_to_the_totals_and_each_breakdown_to_the_members(w):
    table = statistics(w.city_party, ON)
    assert [r.unit.id for r in table.rows] == [w.school.pk, w.ward_party.pk]
    for i in range(len(table.columns)):
        assert table.totals[i] == sum(r.values[i] for r in table.rows)
    for values in [table.totals, *(r.values for r in table.rows)]:
        total = values[_column(table, "total")]
        groups: dict[str, int] = {}
        for column, value in zip(table.columns, values, strict=True):
            if column.group:
                groups[column.group] = groups.get(column.group, 0) + value
        assert set(groups.values()) == {total}
        assert values[_column(table, "official")] + values[_column(table, "probationary")] == total


def test_figures_agree_with_a_member_by_member_count(w):
    table = statistics(w.city_party, ON)
    members = [
        a.member
        for a in Attachment.objects.as_of(ON)
        .filter(kind="official")
        .select_related("member__person")
    ]
    totals = dict(zip([c.key for c in table.columns], table.totals, strict=True))
    assert totals["total"] == len(members) == 5
    assert totals["official"] == sum(1 for m in members if m.status_on(ON) == "official") == 4
    assert totals["gender:female"] == 2
    assert totals["minority:minority"] == 2  # Dao, Tày; blank ethnicity counts as not recorded Kinh
    # Born 1990-06-01 and 1989-06-02: both 30 on 2020-06-01; born 1998: 22.
    assert totals["age:up_to_30"] == 3
    assert totals["age:51-60"] == 1 and totals["age:41-50"] == 1
    assert totals["education:unknown"] == 1 and totals["education:master"] == 1
    assert totals["occupation:farmer"] == 2 and totals["occupation:unknown"] == 1


def test_the_age_band_boundary_is_the_birthday(w):
    table = statistics(w.city_party, D(2020, 6, 2))
    totals = dict(zip([c.key for c in table.columns], table.totals, strict=True))
    # On 2020-06-02 the member born 1989-06-02 turns 31.
    assert (totals["age:up_to_30"], totals["age:31-40"]) == (2, 1)


def test_an_administrative_scope_uses_its_party_organization(w):
    by_city = statistics(w.city, ON)
    assert by_city.organization.id == w.city_party.pk
    assert by_city.totals == statistics(w.city_party, ON).totals


def test_a_grassroots_cell_as_the_scope_has_its_own_row(w):
    table = statistics(w.school, ON)
    assert [r.unit.id for r in table.rows] == [w.school.pk]
    assert table.totals[_column(table, "total")] == 1


def test_a_scoped_user_sees_only_the_rows_in_scope(w):
    with as_user("ward", "viewer", w.ward_party):
        table = statistics(w.ward_party, ON)
    assert [r.unit.id for r in table.rows] == [w.cell_1.pk, w.cell_2.pk]
    assert table.totals[_column(table, "total")] == 4


def test_the_sql_names_the_tables_of_the_models():
    from tinhgon.party import stats

    for model, alias in ((Attachment, "a"), (Member, "m"), (Person, "p")):
        assert f"{model._meta.db_table} {alias}" in stats.FROM_MEMBERS


def test_members_admitted_after_the_date_are_not_counted(w):
    admit(w.cell_1, D(2021, 1, 1), name="Sau ngày")
    assert statistics(w.city_party, ON).totals[0] == 5
    assert statistics(w.city_party, D(2021, 1, 1)).totals[0] == 6
