"""For each kind of import: what makes two rows duplicates, what is checked against the database
before writing, and which bulk service writes the rows. The services do every domain check;
their problems ("[3].admitted_on") come back to the row and column through `fields`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from tinhgon.core import staging
from tinhgon.core.errors import DomainError, Problem
from tinhgon.core.text import fold
from tinhgon.party import services as party
from tinhgon.people import services as people
from tinhgon.people.kinds import Manner
from tinhgon.people.models import Person, Post
from tinhgon.registry import services as registry
from tinhgon.registry.eventspec import CodeSpec, DocumentSpec, parse_event_spec
from tinhgon.registry.kinds import CodeScheme, EventKind
from tinhgon.registry.models import LegalDocument, UnitCode
from tinhgon.staffing import services as staffing
from tinhgon.staffing.kinds import Work

if TYPE_CHECKING:
    from .importing import Row

Found = Iterator[tuple[int, str, str]]  # (index in the chunk, column key, reason)
PERSON_FIELDS = {
    "full_name": "full_name",
    "gender": "gender",
    "birth_date": "birth_date",
    "ethnicity": "ethnicity",
    "education": "education",
    "home_commune": "home_commune",
}


def _show(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


class Writer:
    whole_file = False  # True: the rows come in one chunk (they refer to each other)
    key_column = ""
    fields: dict[str, str] = {}

    def key(self, values: dict[str, Any]) -> Any:
        return None

    def against_database(self, rows: Sequence[Row]) -> Found:
        return iter(())

    def write(self, rows: Sequence[Row], on: dt.date | None) -> None:
        raise NotImplementedError

    # True: `checked` gives the service's writes as a batch after its checks (which only
    # read), so the import can write it behind while it checks the next rows
    writes_behind = False
    # True: its writes change nothing its checks read of the registry and the rules (unit
    # codes, versions, rules), so an import answers those from memory after the first chunk
    remembers = False

    def checked(self, rows: Sequence[Row], on: dt.date | None) -> staging.Batch:
        raise NotImplementedError


class PersonsWriter(Writer):
    key_column = "full_name"
    fields = PERSON_FIELDS

    def key(self, values: dict[str, Any]) -> Any:
        return (_folded(values), values.get("birth_date"))

    def against_database(self, rows: Sequence[Row]) -> Found:
        yield from _persons_recorded(rows, members_only=False)

    def write(self, rows: Sequence[Row], on: dt.date | None) -> None:
        people.persons_register_bulk(rows=[_person_row(r.values) for r in rows])


def _person_row(v: dict[str, Any]) -> people.PersonRow:
    return people.PersonRow(
        full_name=v["full_name"],
        gender=v["gender"],
        birth_date=v.get("birth_date"),
        ethnicity=v.get("ethnicity") or "",
        home_commune_id=v.get("home_commune"),
        education=v.get("education") or "",
    )


def _folded(values: dict[str, Any]) -> str:
    """The name as Person.search_text keeps it, folded once per row."""
    if "_folded" not in values:
        values["_folded"] = fold(values["full_name"])[:200]
    return str(values["_folded"])


def _persons_recorded(rows: Sequence[Row], *, members_only: bool) -> Found:
    """Rows naming a person already recorded: same name (diacritics aside) and birth date."""
    names = {_folded(r.values) for r in rows if r.ok}
    found = Person.objects.filter(search_text__in=names)
    if members_only:
        found = found.filter(memberships__isnull=False)
    taken = set(found.values_list("search_text", "birth_date"))
    if not taken:
        return
    message = (
        _("A party member with this name and date of birth is already recorded.")
        if members_only
        else _("A person with this name and date of birth is already recorded.")
    )
    for index, row in enumerate(rows):
        if row.ok and (_folded(row.values), row.values.get("birth_date")) in taken:
            yield index, "full_name", message


class MembersWriter(Writer):
    """Members admitted before the records: the person and the admission in one row."""

    key_column = "full_name"
    fields = {**PERSON_FIELDS, "person": "full_name", "cell": "cell", "admitted_on": "admitted_on",
              "considered_on": "admitted_on", "in_cell_from": "in_cell_from",
              "occupation": "occupation"}  # fmt: skip

    def key(self, values: dict[str, Any]) -> Any:
        return (_folded(values), values.get("birth_date"))

    def against_database(self, rows: Sequence[Row]) -> Found:
        yield from _persons_recorded(rows, members_only=True)

    writes_behind = True
    remembers = True  # it writes persons, members and attachments only

    def write(self, rows: Sequence[Row], on: dt.date | None) -> None:
        party.members_register(rows=_new_members(rows))

    def checked(self, rows: Sequence[Row], on: dt.date | None) -> staging.Batch:
        return party.members_register_checked(rows=_new_members(rows))


def _new_members(rows: Sequence[Row]) -> list[party.NewMemberRow]:
    return [
        party.NewMemberRow(
            person=_person_row(r.values),
            admission=party.AdmissionRow(
                person_id=0,
                cell_id=r.values["cell"],
                admitted_on=r.values["admitted_on"],
                in_cell_from=r.values.get("in_cell_from"),
                card_number=r.values.get("card_number") or "",
                occupation=r.values.get("occupation") or "",
            ),
        )
        for r in rows
    ]


class AdmissionsWriter(Writer):
    key_column = "person"
    fields = {"person": "person", "cell": "cell", "admitted_on": "admitted_on",
              "considered_on": "considered_on", "occupation": "occupation",
              "in_cell_from": "admitted_on"}  # fmt: skip

    def key(self, values: dict[str, Any]) -> Any:
        return values["person"]

    def write(self, rows: Sequence[Row], on: dt.date | None) -> None:
        party.members_admit(
            rows=[
                party.AdmissionRow(
                    person_id=r.values["person"],
                    cell_id=r.values["cell"],
                    admitted_on=r.values["admitted_on"],
                    considered_on=r.values.get("considered_on"),
                    decision=r.values.get("decision") or "",
                    occupation=r.values.get("occupation") or "",
                    card_number=r.values.get("card_number") or "",
                )
                for r in rows
            ]
        )


class HoldingsWriter(Writer):
    key_column = "person"
    fields = {"person": "person", "post": "post_type", "manner": "manner",
              "end_reason": "end_reason", "valid_from": "valid_from",
              "valid_to": "valid_to"}  # fmt: skip

    def key(self, values: dict[str, Any]) -> Any:
        return (values["person"], values["unit"], values["post_type"], values["valid_from"])

    def against_database(self, rows: Sequence[Row]) -> Found:
        """Each row's post: the post of that type in the unit on the start date."""
        wanted = [(i, r) for i, r in enumerate(rows) if r.ok]
        posts: dict[tuple[int, str], list[Post]] = defaultdict(list)
        units = {r.values["unit"] for _, r in wanted}
        for post in Post.objects.filter(unit_id__in=units):
            posts[(post.unit_id, post.post_type)].append(post)
        for index, row in wanted:
            start = row.values["valid_from"]
            held = [p for p in posts.get((row.values["unit"], row.values["post_type"]), [])
                    if p.holds_on(start)]  # fmt: skip
            if len(held) == 1:
                row.values["post"] = held[0].pk
                continue
            reason = (
                _("The unit has no post of this type on %(date)s.")
                if not held
                else _("The unit has several posts of this type on %(date)s.")
            )
            yield index, "post_type", reason % {"date": _show(start)}

    def write(self, rows: Sequence[Row], on: dt.date | None) -> None:
        people.holdings_start_bulk(
            rows=[
                people.HoldingRow(
                    person_id=r.values["person"],
                    post_id=r.values["post"],
                    valid_from=r.values["valid_from"],
                    valid_to=r.values.get("valid_to"),
                    manner=r.values.get("manner") or Manner.APPOINTED,
                    end_reason=r.values.get("end_reason") or "",
                    note=r.values.get("note") or "",
                )
                for r in rows
            ]
        )


class EmploymentWriter(Writer):
    key_column = "person"
    fields = {"person": "person", "unit": "unit", "category": "category", "work": "work",
              "valid_from": "valid_from", "valid_to": "valid_to", "end_reason": "end_reason",
              "position": "position"}  # fmt: skip

    def key(self, values: dict[str, Any]) -> Any:
        return (values["person"], values["unit"], values["valid_from"])

    def write(self, rows: Sequence[Row], on: dt.date | None) -> None:
        staffing.employments_start_bulk(
            rows=[
                staffing.EmploymentRow(
                    person_id=r.values["person"],
                    unit_id=r.values["unit"],
                    category=r.values["category"],
                    valid_from=r.values["valid_from"],
                    valid_to=r.values.get("valid_to"),
                    position=r.values.get("position") or "",
                    work=r.values.get("work") or Work.PROFESSIONAL,
                    end_reason=r.values.get("end_reason") or "",
                )
                for r in rows
            ]
        )


class QuotasWriter(Writer):
    key_column = "unit"
    fields = {"unit": "unit", "category": "category", "number": "number", "year": "year",
              "document": "document", "valid_from": "year", "valid_to": "year"}  # fmt: skip

    def key(self, values: dict[str, Any]) -> Any:
        return (values["unit"], values["category"], values["year"])

    def write(self, rows: Sequence[Row], on: dt.date | None) -> None:
        staffing.quotas_set_bulk(
            rows=[
                staffing.QuotaRow(
                    unit_id=r.values["unit"],
                    category=r.values["category"],
                    number=r.values["number"],
                    document_id=r.values["document"],
                    year=r.values["year"],
                )
                for r in rows
            ]
        )


class ReductionsWriter(Writer):
    key_column = "person"
    fields = {"person": "person", "on": "on", "form": "form", "case": "case", "unit": "unit",
              "document": "document"}  # fmt: skip

    def key(self, values: dict[str, Any]) -> Any:
        return values["person"]

    def write(self, rows: Sequence[Row], on: dt.date | None) -> None:
        staffing.reductions_record_bulk(
            rows=[
                staffing.ReductionRow(
                    person_id=r.values["person"],
                    on=r.values["on"],
                    form=r.values["form"],
                    case=r.values["case"],
                    unit_id=r.values.get("unit"),
                    document_id=r.values.get("document"),
                    note=r.values.get("note") or "",
                )
                for r in rows
            ]
        )


class DocumentsWriter(Writer):
    key_column = "number"
    fields = {"documents": "number"}

    def key(self, values: dict[str, Any]) -> Any:
        return (values["number"], fold(values["issuer"]))

    def against_database(self, rows: Sequence[Row]) -> Found:
        numbers = {r.values["number"] for r in rows if r.ok}
        taken = {
            (number, fold(issuer))
            for number, issuer in LegalDocument.objects.filter(number__in=numbers).values_list(
                "number", "issuer"
            )
        }
        for index, row in enumerate(rows):
            if row.ok and self.key(row.values) in taken:
                yield index, "number", _("This document is already recorded.")

    def write(self, rows: Sequence[Row], on: dt.date | None) -> None:
        problems: list[Problem] = []
        for index, row in enumerate(rows):
            v = row.values
            spec = DocumentSpec(
                number=v["number"], issuer=v["issuer"], kind=v["kind"], signed_on=v["signed_on"],
                effective_on=v.get("effective_on"), title=v.get("title") or "",
                status=v.get("status") or "U",
            )  # fmt: skip
            try:
                registry.document_register(spec=spec, field=f"[{index}].documents")
            except DomainError as error:
                problems += error.problems
        if problems:
            raise DomainError(problems)


class EventsWriter(Writer):
    """One row, one event on one unit (rename or dissolve), applied in date order."""

    whole_file = True
    key_column = "unit"
    fields = {"inputs": "unit", "outputs": "new_name", "unit": "unit", "changes": "new_name",
              "kind": "kind", "effective_on": "effective_on", "documents": "document"}  # fmt: skip

    def key(self, values: dict[str, Any]) -> Any:
        return (values["unit"], values["effective_on"])

    def against_database(self, rows: Sequence[Row]) -> Found:
        for index, row in enumerate(rows):
            kind, name = row.values["kind"], row.values.get("new_name")
            if kind not in (EventKind.RENAME, EventKind.DISSOLVE):
                yield index, "kind", _("Only rename and dissolve are imported from a sheet; "
                                       "use an event file for this kind.")  # fmt: skip
            elif kind == EventKind.RENAME and not name:
                yield index, "new_name", _("A rename needs the new name.")

    def write(self, rows: Sequence[Row], on: dt.date | None) -> None:
        documents = {d.pk: d for d in LegalDocument.objects.filter(
            pk__in={r.values["document"] for r in rows})}  # fmt: skip
        specs = []
        problems: list[Problem] = []
        ordered = sorted(enumerate(rows), key=lambda pair: pair[1].values["effective_on"])
        for index, row in ordered:
            v, doc = row.values, documents[row.values["document"]]
            data: dict[str, Any] = {
                "kind": v["kind"],
                "effective_on": v["effective_on"].isoformat(),
                "documents": [{"number": doc.number, "issuer": doc.issuer, "kind": doc.kind,
                               "signed_on": doc.signed_on.isoformat()}],
            }  # fmt: skip
            if v["kind"] == EventKind.RENAME:
                data.update(unit=f"id:{v['unit']}", changes={"name": v["new_name"]})
            else:
                data["inputs"] = [{"unit": f"id:{v['unit']}"}]
            try:
                specs.append(parse_event_spec(data))
            except DomainError as error:
                problems += [Problem(p.code, p.message, f"[{index}].{p.field}")
                             for p in error.problems]  # fmt: skip
        if problems:
            raise DomainError(problems)
        order = [index for index, _row in ordered]
        try:
            registry.events_apply(specs=specs)
        except DomainError as error:
            raise DomainError([_back(p, order, len(specs)) for p in error.problems]) from None


def _back(problem: Problem, order: list[int], count: int) -> Problem:
    """A problem of the n-th event applied, named by its row's index."""
    if count == 1:
        return Problem(problem.code, problem.message, f"[{order[0]}].{problem.field}")
    head, _sep, rest = problem.field.partition("].")
    if head.startswith("[") and head[1:].isdigit():
        return Problem(problem.code, problem.message, f"[{order[int(head[1:])]}].{rest}")
    return problem


class UnitsWriter(Writer):
    """Units that predate the records. Parents are rows of the file or recorded units; the rows
    are written parents first, and a cycle among them is refused."""

    whole_file = True
    key_column = "code"
    fields = {"parent": "parent", "name": "name", "kind": "kind"}

    def key(self, values: dict[str, Any]) -> Any:
        return (values.get("scheme") or CodeScheme.ADMINISTRATIVE, values["code"])

    def against_database(self, rows: Sequence[Row]) -> Found:
        by_code = {r.values["code"]: i for i, r in enumerate(rows) if r.ok}
        taken = defaultdict(list)
        for code, start, end in UnitCode.objects.filter(code__in=by_code).values_list(
            "code", "valid_from", "valid_to"
        ):
            taken[code].append((start, end))
        for index, row in enumerate(rows):
            start = row.values["valid_from"]
            if row.ok and any(end is None or start < end for s, end in taken[row.values["code"]]):
                yield (
                    index,
                    "code",
                    _("This code already names a recorded unit from %(date)s.")
                    % {"date": _show(start)},
                )
        yield from _cycles(rows, by_code)
        for index, row in enumerate(rows):
            parent = row.values.get("parent")
            if row.ok and parent in by_code:
                parent_start = rows[by_code[parent]].values["valid_from"]
                if parent_start > row.values["valid_from"]:
                    later = _("The parent unit's records start later, on %(date)s.")
                    yield index, "parent", later % {"date": _show(parent_start)}
        for index, row in enumerate(rows):
            parent = row.values.get("parent")
            if not row.ok or not parent or parent in by_code:
                continue
            found = {
                u for u, s, e in UnitCode.objects.filter(code=parent).values_list(
                    "unit_id", "valid_from", "valid_to")
                if s <= row.values["valid_from"] and (e is None or row.values["valid_from"] < e)
            }  # fmt: skip
            if len(found) != 1:
                yield index, "parent", _("No unit has the code “%(code)s” on %(date)s.") % {
                    "code": parent, "date": _show(row.values["valid_from"])}  # fmt: skip
            else:
                row.values["parent_id"] = found.pop()

    def write(self, rows: Sequence[Row], on: dt.date | None) -> None:
        ids: dict[str, int] = {}
        ordered = _parents_first(rows)
        for start in sorted({r.values["valid_from"] for r in rows}):
            group = [r for r in ordered if r.values["valid_from"] == start]
            unit_rows = []
            for r in group:
                v, parent = r.values, r.values.get("parent")
                in_group = parent in {g.values["code"] for g in group}
                unit_rows.append(registry.UnitRow(
                    key=v["code"], name=v["name"], kind=v["kind"],
                    parent_key=parent if parent and in_group else None,
                    parent_id=ids.get(parent) if parent and not in_group and parent in ids
                    else v.get("parent_id"),
                    codes=[CodeSpec(v.get("scheme") or CodeScheme.ADMINISTRATIVE, v["code"])],
                ))  # fmt: skip
            ids.update(registry.units_register_bulk(rows=unit_rows, valid_from=start))


def _cycles(rows: Sequence[Row], by_code: dict[str, int]) -> Found:
    for index, row in enumerate(rows):
        seen, code = set(), row.values.get("code")
        while code in by_code and code not in seen:
            seen.add(code)
            code = rows[by_code[code]].values.get("parent")
        if code == row.values.get("code") and code is not None:
            yield index, "parent", _("The parents of this unit form a cycle in the file.")


def _parents_first(rows: Sequence[Row]) -> list[Row]:
    by_code = {r.values["code"]: r for r in rows}
    placed: dict[str, Row] = {}

    def place(row: Row) -> None:
        parent = by_code.get(row.values.get("parent") or "")
        if parent is not None and parent.values["code"] not in placed:
            place(parent)
        placed.setdefault(row.values["code"], row)

    for row in rows:
        place(row)
    return list(placed.values())


WRITERS: dict[str, Writer] = {
    "units": UnitsWriter(),
    "documents": DocumentsWriter(),
    "events": EventsWriter(),
    "persons": PersonsWriter(),
    "holdings": HoldingsWriter(),
    "employment": EmploymentWriter(),
    "quotas": QuotasWriter(),
    "reductions": ReductionsWriter(),
    "members": MembersWriter(),
    "admissions": AdmissionsWriter(),
}
