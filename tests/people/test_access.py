"""Who sees which person and which fields; who may write; what the audit trail keeps."""

import json

import pytest

from tinhgon.accounts.roles import Role
from tinhgon.audit.models import ChangeRecord
from tinhgon.core.errors import Forbidden, NotFound
from tinhgon.people import queries as q
from tinhgon.people import services as s
from tinhgon.people.representations import data

from .helpers import D, as_user, build_world, person, written

pytestmark = pytest.mark.django_db

CELL = "cell-secretary-village-head"


@pytest.fixture
def w():
    world = build_world()
    world.an = person(
        "Nguyễn Văn An", home=world.commune, birth_date=D(1975, 3, 9), ethnicity="dao"
    )
    for target in (world.cell_secretaries[0], world.village_heads[0]):
        s.holding_start(person=world.an, post=target, valid_from=D(2016, 1, 1))
    # Bình comes from Phường B and holds a post in Phường A.
    world.binh = person("Trần Văn Bình", home=world.other, birth_date=D(1980, 1, 2))
    s.holding_start(person=world.binh, post=world.chair, valid_from=D(2016, 1, 1))
    return world


def test_a_user_of_another_commune_does_not_see_its_persons(w):
    with as_user("xa_b", Role.COMMUNE, w.other):
        with pytest.raises(NotFound):
            q.career(w.an.pk)
        with pytest.raises(NotFound):
            q.person_detail(w.an.pk)
        with pytest.raises(NotFound):
            q.coverage(CELL, w.commune, D(2017, 1, 1))
        with pytest.raises(NotFound):
            q.unit_posts(w.committee, D(2017, 1, 1))
        assert [p.full_name for p in q.persons_search("nguyen van an")] == []
        # Bình's home commune is B: visible there, with the post in A left out of the career.
        career = q.career(w.binh.pk)
        assert career.entries == [] and career.hidden_entries == 1
        assert [p.full_name for p in q.persons_search("binh")] == ["Trần Văn Bình"]


def test_a_user_of_the_commune_sees_its_persons_and_their_personal_fields(w):
    with as_user("xa_a", Role.COMMUNE, w.commune):
        detail = q.person_detail(w.an.pk)
        assert detail.personal_shown and detail.birth_date == D(1975, 3, 9)
        assert detail.home_commune.name == "Phường A" and detail.ethnicity == "dao"
        # Bình comes from elsewhere but holds a post here.
        assert q.person_detail(w.binh.pk).home_commune.name == "Phường B"
        result = q.coverage(CELL, w.commune, D(2017, 1, 1))
        assert result.persons_shown
        assert result.places[0].lead_holders[0].full_name == "Nguyễn Văn An"


def test_the_viewer_sees_counts_and_places_never_persons(w):
    with as_user("nguoixem", Role.VIEWER, w.city):
        result = q.coverage(CELL, w.city, D(2017, 1, 1))
        assert (result.complying, result.total, result.persons_shown) == (1, 2, False)
        assert [p.lead_unit.name for p in result.places] == ["Chi bộ khu 1", "Chi bộ khu 2"]
        assert all(not p.lead_holders and not p.related_holders for p in result.places)
        posts = q.unit_posts(w.committee, D(2017, 1, 1))
        chair = next(p for p in posts.posts if p.post_type == "chair")
        assert not chair.vacant and chair.holders[0].person is None
        assert "Trần Văn Bình" not in json.dumps(data(posts), ensure_ascii=False)
        local = q.non_local(w.city, D(2017, 1, 1))
        assert local.total == 1 and all(not r.holders and not r.home_communes for r in local.rows)
        with pytest.raises(NotFound):
            q.career(w.an.pk)
        assert q.persons_search("an") == []


def test_representations_leave_out_personal_fields_not_shown(w):
    shown = data(q.person_detail(w.an.pk))
    assert shown["birth_date"] == "1975-03-09" and shown["home_commune"]["name"] == "Phường A"
    hidden = q.PersonRef(id=1, full_name="X", gender="male", education="", revision=1)
    assert {"birth_date", "ethnicity", "home_commune"}.isdisjoint(data(hidden))


def test_writes_need_the_right_to_keep_personnel_records_there(w):
    before = written()
    with as_user("nguoixem", Role.VIEWER, w.city), pytest.raises(Forbidden):
        s.holding_start(person=w.an, post=w.vice, valid_from=D(2017, 1, 1))
    with as_user("xa_b", Role.COMMUNE, w.other):
        with pytest.raises(NotFound):
            s.holding_start(person=w.binh, post=w.vice, valid_from=D(2017, 1, 1))
        with pytest.raises(NotFound):
            s.person_register(full_name="Lê Văn Cư", gender="male", home_commune=w.commune)
        with pytest.raises(Forbidden):
            s.policy_define(
                code="x",
                name="x",
                lead_unit_kind="party_cell",
                lead_post_type="secretary",
                related_by="territory",
                related_unit_kind="village",
                related_post_type="village_head",
                valid_from=D(2015, 1, 1),
            )
    assert written() == before
    with as_user("xa_a", Role.COMMUNE, w.commune):
        s.holding_start(person=w.an, post=w.vice, valid_from=D(2017, 1, 1))
        record = ChangeRecord.objects.filter(object_type="people.Holding").latest("id")
        assert record.user_name == "xa_a" and record.unit_id == w.committee.pk


def test_the_audit_trail_keeps_no_personal_field_in_clear(w):
    s.person_update(
        person=w.an,
        revision=1,
        changes={"birth_date": D(1976, 4, 10), "ethnicity": "tay", "full_name": "Nguyễn Văn Ân"},
    )
    records = ChangeRecord.objects.filter(object_type="people.Person", object_id=str(w.an.pk))
    text = json.dumps([[r.before, r.after, r.object_repr] for r in records], ensure_ascii=False)
    for secret in ("1975", "1976", "dao", "tay", str(w.commune.pk) + ","):
        assert secret not in text
    update = records.get(action="update")
    assert update.after["changed"] == ["birth_date", "ethnicity", "full_name"]
    assert update.after["full_name"] == "Nguyễn Văn Ân" and update.unit_id == w.commune.pk
