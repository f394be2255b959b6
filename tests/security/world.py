"""Two cities of one province: users are scoped to city A; everything of city B is secret to
them and carries names that must never show up in what they get."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from tests.registry.helpers import START, apply, register
from tinhgon.accounts.models import Grant
from tinhgon.accounts.roles import Role
from tinhgon.party.models import Member
from tinhgon.party.services import member_admit, member_confirm
from tinhgon.people.models import Person, Post
from tinhgon.people.services import holding_start, person_register, post_create
from tinhgon.plans.models import Plan
from tinhgon.plans.services import plan_create, plan_propose
from tinhgon.registry.eventspec import NewUnitSpec
from tinhgon.registry.models import Event, LegalDocument, Unit
from tinhgon.registry.services import unit_register

SECRET = "Bí Mật"  # in every name of city B's records
PASSWORD = "mat-khau-thu-2025"
BORN = dt.date(1975, 3, 14)  # both secretaries' birth date: never shown to a viewer


def document(number: str) -> dict[str, str]:
    return {
        "number": number,
        "issuer": "HĐND tỉnh",
        "kind": "resolution",
        "signed_on": "2019-12-01",
    }


@dataclass
class World:
    province: Unit
    city_a: Unit
    ward_a: Unit
    city_b: Unit
    ward_b: Unit
    event_a: Event
    event_b: Event
    document_a: LegalDocument
    document_b: LegalDocument
    users: dict[str, object]
    post_a: Post
    post_b: Post
    person_a: Person
    person_b: Person
    cell_a: Unit
    cell_b: Unit
    member_a: Member
    member_b: Member
    plan_a: Plan
    plan_b: Plan


def restructuring_plan(city: Unit, ward: Unit, name: str) -> Plan:
    """A draft plan over the city that renames its ward."""
    plan = plan_create(
        name=name, scope=city, base_on=dt.date(2021, 1, 1), effective_on=dt.date(2021, 6, 1)
    )
    plan_propose(
        plan=plan, spec={"kind": "rename", "unit": f"id:{ward.pk}", "changes": {"name": name}}
    )
    return plan


def secretary(ward: Unit, city: Unit, name: str) -> tuple[Post, Person]:
    """The ward's party committee (in the city's, located in the ward), its secretary's post,
    and the person holding it, a native of the ward."""
    committee = unit_register(
        spec=NewUnitSpec(
            name=f"Đảng ủy {ward}",
            kind="grassroots_party_committee",
            parent=f"id:{city.pk}",
            territory=f"id:{ward.pk}",
        ),
        valid_from=START,
    )
    post = post_create(unit=committee, post_type="secretary", valid_from=START)
    person = person_register(
        full_name=name, gender="female", birth_date=BORN, ethnicity="tay", home_commune=ward
    )
    holding_start(person=person, post=post, valid_from=dt.date(2020, 10, 1))
    return post, person


def party_cell(post: Post, person: Person, name: str) -> tuple[Unit, Member]:
    """A cell under the ward's party committee, where its secretary is an official member."""
    cell = unit_register(
        spec=NewUnitSpec(name=name, kind="party_cell", parent=f"id:{post.unit_id}"),
        valid_from=START,
    )
    member = member_admit(person_id=person.pk, cell_id=cell.pk, admitted_on=dt.date(2012, 5, 1))
    member_confirm(member_id=member.pk, decided_on=dt.date(2013, 5, 1))
    return cell, member


def build() -> World:
    province = register("Tỉnh Quảng Ninh", "province", codes=["22"])
    city_a = register("Thành phố Móng Cái", "district", parent=province, codes=["193"])
    ward_a = register("Phường Trần Phú", "commune", parent=city_a, codes=["06712"], subtype="ward")
    city_b = register(f"Thành phố {SECRET}", "district", parent=province, codes=["201"])
    ward_b = register(f"Phường {SECRET}", "commune", parent=city_b, codes=["07000"], subtype="ward")
    event_a = apply(
        "rename",
        "2020-01-01",
        unit=f"id:{ward_a.pk}",
        changes={"name": "Phường Trần Phú Mới"},
        documents=[document("10/NQ-HĐND")],
        title="Đổi tên phường Trần Phú",
    )
    event_b = apply(
        "rename",
        "2020-01-01",
        unit=f"id:{ward_b.pk}",
        changes={"name": f"Phường {SECRET} Mới"},
        documents=[document("99/NQ-BIMAT")],
        title=f"Đổi tên phường {SECRET}",
    )
    post_a, person_a = secretary(ward_a, city_a, "Nguyễn Thị An")
    post_b, person_b = secretary(ward_b, city_b, f"Trần Thị {SECRET}")
    cell_a, member_a = party_cell(post_a, person_a, "Chi bộ khu 1")
    cell_b, member_b = party_cell(post_b, person_b, f"Chi bộ {SECRET}")
    plan_a = restructuring_plan(city_a, ward_a, "Phương án sắp xếp phường Trần Phú")
    plan_b = restructuring_plan(city_b, ward_b, f"Phương án {SECRET}")
    users = {}
    model = get_user_model()
    for role in Role.values:
        if role == Role.ADMIN:
            user = model.objects.create_superuser(role, password=PASSWORD)
        else:
            user = model.objects.create_user(role, password=PASSWORD)
            Grant.objects.create(user=user, role=role, unit=city_a)
        users[role] = user
    return World(
        province=province,
        city_a=city_a,
        ward_a=ward_a,
        city_b=city_b,
        ward_b=ward_b,
        event_a=event_a,
        event_b=event_b,
        document_a=event_a.documents.get(),
        document_b=event_b.documents.get(),
        users=users,
        post_a=post_a,
        post_b=post_b,
        person_a=person_a,
        person_b=person_b,
        cell_a=cell_a,
        cell_b=cell_b,
        member_a=member_a,
        member_b=member_b,
        plan_a=plan_a,
        plan_b=plan_b,
    )
