"""Lists on a date as rows for a spreadsheet: the units of a scope, persons, holdings, employees,
party members. One writer (sheets.write_rows) serves the CLI and the web pages' ?format=.

Each list reads what the acting user may see: units in their scope, persons as people.access
allows (personal fields only where they may see them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from tinhgon.accounts.access import current_access
from tinhgon.party.models import Attachment
from tinhgon.people.access import person_access, seen, visible_persons
from tinhgon.people.kinds import Gender, Manner, PostType
from tinhgon.people.models import Holding, Person
from tinhgon.registry.kinds import UnitKind
from tinhgon.registry.models import Unit, UnitCode, UnitVersion
from tinhgon.registry.queries import scope_versions
from tinhgon.staffing.kinds import Category
from tinhgon.staffing.models import Employment

from .sheets import write_rows

LISTS = ("units", "persons", "holdings", "employees", "members")
Rows = Iterator[list[Any]]


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _until(value: dt.date | None) -> str:
    """The last day a fact holds (intervals are half-open)."""
    return _day(value - dt.timedelta(days=1)) if value else ""


def _names(unit_ids: set[int], on: dt.date) -> dict[int, str]:
    names = dict(
        UnitVersion.objects.as_of(on).filter(unit_id__in=unit_ids).values_list("unit_id", "name")
    )
    return {u: names.get(u, f"#{u}") for u in unit_ids}


def _within(root: Unit | None, on: dt.date) -> set[int] | None:
    """The units a list keeps: the root's apparatus, or None for all the user may see."""
    if root is None:
        return None
    return {root.pk, *(v.unit_id for v in scope_versions(root, on))}


def units(on: dt.date, root: Unit | None) -> tuple[list[str], Rows]:
    if root is None:
        versions = [v for v in UnitVersion.objects.as_of(on) if current_access().covers(v.unit_id)]
    else:
        versions = [
            *UnitVersion.objects.as_of(on).filter(unit_id=root.pk),
            *scope_versions(root, on),
        ]
    codes: dict[int, list[str]] = {}
    ids = [v.unit_id for v in versions]
    for code in UnitCode.objects.as_of(on).filter(unit_id__in=ids):
        codes.setdefault(code.unit_id, []).append(code.code)
    header = [
        _("Id"),
        _("Code"),
        _("Name"),
        _("Kind of unit"),
        _("Parent"),
        _("Recorded from"),
        _("Until"),
    ]

    def rows() -> Rows:
        for v in versions:
            yield [f"#{v.unit_id}", ", ".join(codes.get(v.unit_id, [])), v.name,
                   _label(UnitKind, v.kind), f"#{v.parent_id}" if v.parent_id else "",
                   _day(v.valid_from), _until(v.valid_to)]  # fmt: skip

    return header, rows()


def persons(on: dt.date, root: Unit | None) -> tuple[list[str], Rows]:
    """Persons the user may see (people.access), a chunk at a time."""
    rights = person_access()
    header = [_("Id"), _("Full name"), _("Gender"), _("Date of birth")]

    def rows() -> Rows:
        found = visible_persons().order_by("search_text", "pk")
        chunk: list[Person] = []
        for person in found.iterator(chunk_size=2000):
            chunk.append(person)
            if len(chunk) == 2000:
                yield from _person_lines(chunk, rights)
                chunk = []
        yield from _person_lines(chunk, rights)

    return header, rows()


def _person_lines(chunk: list[Person], rights: Any) -> Rows:
    allowed = seen([p.pk for p in chunk], rights)
    for p in chunk:
        if p.pk in allowed.persons:
            born = _day(p.birth_date) if p.pk in allowed.personal else ""
            yield [f"#{p.pk}", p.full_name, _label(Gender, p.gender), born]


def holdings(on: dt.date, root: Unit | None) -> tuple[list[str], Rows]:
    within = _within(root, on)
    access = current_access()
    found = [
        h
        for h in Holding.objects.as_of(on)
        .select_related("person", "post")
        .order_by("unit_id", "pk")
        if access.covers(h.unit_id) and (within is None or h.unit_id in within)
    ]
    names = _names({h.unit_id for h in found}, on)
    header = [_("Person"), _("Full name"), _("Unit"), _("Post"), _("Manner"), _("From"), _("Until")]

    def rows() -> Rows:
        for h in found:
            yield [f"#{h.person_id}", h.person.full_name, names[h.unit_id],
                   _label(PostType, h.post.post_type), _label(Manner, h.manner),
                   _day(h.valid_from), _until(h.valid_to)]  # fmt: skip

    return header, rows()


def employees(on: dt.date, root: Unit | None) -> tuple[list[str], Rows]:
    within = _within(root, on)
    access = current_access()
    found = [
        e
        for e in Employment.objects.as_of(on).select_related("person").order_by("unit_id", "pk")
        if access.covers(e.unit_id) and (within is None or e.unit_id in within)
    ]
    names = _names({e.unit_id for e in found}, on)
    header = [_("Person"), _("Full name"), _("Unit"), _("Category"), _("Job position"), _("From")]

    def rows() -> Rows:
        for e in found:
            yield [f"#{e.person_id}", e.person.full_name, names[e.unit_id],
                   _label(Category, e.category), e.position, _day(e.valid_from)]  # fmt: skip

    return header, rows()


def members(on: dt.date, root: Unit | None) -> tuple[list[str], Rows]:
    within = _within(root, on)
    access = current_access()
    found = [
        a
        for a in Attachment.objects.as_of(on)
        .filter(member__ended_on__isnull=True)
        .select_related("member__person")
        .order_by("unit_id", "pk")
        if access.covers(a.unit_id) and (within is None or a.unit_id in within)
    ]
    names = _names({a.unit_id for a in found}, on)
    header = [
        _("Person"),
        _("Full name"),
        _("Party organization"),
        _("Admitted on"),
        _("Confirmed on"),
    ]

    def rows() -> Rows:
        for a in found:
            m = a.member
            yield [f"#{m.person_id}", m.person.full_name, names[a.unit_id],
                   _day(m.admitted_on), _day(m.confirmed_on)]  # fmt: skip

    return header, rows()


BUILDERS = {
    "units": units,
    "persons": persons,
    "holdings": holdings,
    "employees": employees,
    "members": members,
}


def list_rows(kind: str, *, on: dt.date, root: Unit | None = None) -> tuple[list[str], Rows]:
    return BUILDERS[kind](on, root)


def export_list(kind: str, path: Path, fmt: str, *, on: dt.date, root: Unit | None = None) -> int:
    """Write the list; return its number of rows."""
    header, rows = list_rows(kind, on=on, root=root)
    counted = 0

    def counting() -> Rows:
        nonlocal counted
        for row in rows:
            counted += 1
            yield row

    write_rows(path, fmt, header, counting(), _("List"))
    return counted
