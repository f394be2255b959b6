"""The spreadsheet templates: for each kind of import, its columns (Vietnamese header, type,
coded choices, note, example). The template writer and the importer read the same definition,
so a template always imports.

Column types: text, int, date (dd/mm/yyyy or ISO), choice (a code or its Vietnamese label),
unit (an official code valid at the row's date, or #id), person (#id), document (number of a
recorded document).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tinhgon.core.text import fold
from tinhgon.party.kinds import Occupation
from tinhgon.people.kinds import Education, Ethnicity, Gender, Manner, PostType
from tinhgon.people.kinds import EndReason as HoldingEnd
from tinhgon.registry.kinds import CodeScheme, DocumentKind, EventKind, SourceStatus, UnitKind
from tinhgon.staffing.kinds import Category, Form, Work
from tinhgon.staffing.kinds import EndReason as EmploymentEnd

TEXT, INT, DATE, CHOICE, UNIT, PERSON, DOCUMENT = (
    "text",
    "int",
    "date",
    "choice",
    "unit",
    "person",
    "document",
)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Column:
    key: str
    header: Promise | str
    type: str = TEXT
    required: bool = False
    choices: builtins.type[models.TextChoices] | None = None
    note: Promise | str = ""
    example: Any = ""
    max_length: int | None = None

    def labels(self) -> list[str]:
        """The drop-down entries: the Vietnamese labels of the choices, capitalized."""
        assert self.choices is not None
        return [_capital(str(label)) for label in self.choices.labels]

    def label_of(self, value: str) -> str:
        assert self.choices is not None
        return _capital(str(self.choices(value).label))

    def choice_value(self, text: str, table: dict[str, str] | None = None) -> str | None:
        """The code of a choice written as its code or its label (diacritics and case free).
        `table`: `choice_table()` computed once, for speed over many rows."""
        assert self.choices is not None
        table = table if table is not None else self.choice_table()
        return table.get(text) or table.get(fold(text))

    def choice_table(self) -> dict[str, str]:
        """Every accepted spelling of each choice (in the active language) → its code."""
        assert self.choices is not None
        table: dict[str, str] = {}
        for value, label in self.choices.choices:
            for spelling in (str(label), _capital(str(label)), value):
                table[spelling] = value
                table[fold(spelling)] = value
        return table


@dataclass(frozen=True)
class Template:
    kind: str
    title: Promise | str
    columns: tuple[Column, ...]
    # the column whose date the unit codes of a row are read at (None: the file's --on)
    date_key: str | None = None

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def match_header(self, text: str) -> Column | None:
        """The column a header names: its Vietnamese header or its key, diacritics free."""
        wanted = fold(str(text or "")).rstrip(" *")
        for column in self.columns:
            if wanted in (fold(str(column.header)), column.key):
                return column
        return None


def _c(key: str, header: Promise, type_: str = TEXT, **extra: Any) -> Column:
    return Column(key, header, type_, **extra)


_UNIT_NOTE = _("Official code of the unit valid on the row's date, or #id.")
_PERSON_NOTE = _("Identifier of a recorded person, written #id (e.g. #12).")
_DATE_NOTE = _("Date as dd/mm/yyyy (or yyyy-mm-dd).")
_DOC_NOTE = _("Number of a recorded legal document (e.g. 1679/NQ-UBTVQH15).")

TEMPLATES: dict[str, Template] = {
    t.kind: t
    for t in (
        Template(
            "units",
            _("Units"),
            (
                _c(
                    "code",
                    _("Code"),
                    required=True,
                    note=_("The unit's official code; unique in the file."),
                    example="90001",
                ),
                _c("name", _("Name"), required=True, example="Phường Hòa Lạc", max_length=255),
                _c(
                    "kind",
                    _("Kind of unit"),
                    CHOICE,
                    required=True,
                    choices=UnitKind,
                    example="commune",
                ),
                _c(
                    "scheme",
                    _("Code scheme"),
                    CHOICE,
                    choices=CodeScheme,
                    note=_("Empty: administrative code."),
                    example="gso",
                ),
                _c(
                    "parent",
                    _("Parent unit code"),
                    note=_(
                        "Code of a unit in this file or of a recorded unit on the start date;"
                        " empty for a top unit."
                    ),
                    example="",
                ),
                _c(
                    "valid_from",
                    _("Recorded from"),
                    DATE,
                    required=True,
                    note=_("The day the records of the unit start (not its founding)."),
                    example="01/01/2010",
                ),
            ),
            "valid_from",
        ),
        Template(
            "documents",
            _("Legal documents"),
            (
                _c(
                    "number",
                    _("Number and symbol"),
                    required=True,
                    example="1679/NQ-UBTVQH15",
                    max_length=80,
                ),
                _c(
                    "issuer",
                    _("Issuer"),
                    required=True,
                    example="Ủy ban Thường vụ Quốc hội",
                    max_length=255,
                ),
                _c(
                    "kind",
                    _("Kind of document"),
                    CHOICE,
                    required=True,
                    choices=DocumentKind,
                    example="resolution",
                ),
                _c(
                    "signed_on",
                    _("Signed on"),
                    DATE,
                    required=True,
                    note=_DATE_NOTE,
                    example="16/06/2025",
                ),
                _c("effective_on", _("Effective on"), DATE, note=_DATE_NOTE, example="01/07/2025"),
                _c(
                    "title",
                    _("Title"),
                    example="Về việc sắp xếp các đơn vị hành chính cấp xã",
                    max_length=500,
                ),
                _c("status", _("Source status"), CHOICE, choices=SourceStatus, example="U"),
            ),
            "signed_on",
        ),
        Template(
            "events",
            _("Restructuring events"),
            (
                _c(
                    "kind",
                    _("Kind of event"),
                    CHOICE,
                    required=True,
                    choices=EventKind,
                    note=_(
                        "One row, one event on one unit: rename or dissolve;"
                        " other kinds go in event files."
                    ),
                    example="rename",
                ),
                _c(
                    "effective_on",
                    _("Effective on"),
                    DATE,
                    required=True,
                    note=_DATE_NOTE,
                    example="01/07/2025",
                ),
                _c(
                    "document",
                    _("Legal basis"),
                    DOCUMENT,
                    required=True,
                    note=_DOC_NOTE,
                    example="1679/NQ-UBTVQH15",
                ),
                _c(
                    "unit",
                    _("Unit"),
                    UNIT,
                    required=True,
                    note=_("Official code of the unit the day before the effective date, or #id."),
                    example="90001",
                ),
                _c(
                    "new_name",
                    _("New name"),
                    note=_("The name from the effective date (rename)."),
                    example="Phường Móng Cái 1",
                ),
            ),
            "effective_on",
        ),
        Template(
            "persons",
            _("Persons"),
            (
                _c(
                    "full_name",
                    _("Full name"),
                    required=True,
                    example="Nguyễn Văn An",
                    max_length=200,
                ),
                _c("gender", _("Gender"), CHOICE, required=True, choices=Gender, example="male"),
                _c("birth_date", _("Date of birth"), DATE, note=_DATE_NOTE, example="01/05/1980"),
                _c("ethnicity", _("Ethnicity"), CHOICE, choices=Ethnicity, example="kinh"),
                _c("education", _("Education"), CHOICE, choices=Education, example=""),
                _c("home_commune", _("Home commune code"), UNIT, note=_UNIT_NOTE, example=""),
            ),
            None,
        ),
        Template(
            "holdings",
            _("Holdings of posts"),
            (
                _c("person", _("Person"), PERSON, required=True, note=_PERSON_NOTE, example="#1"),
                _c("unit", _("Unit code"), UNIT, required=True, note=_UNIT_NOTE, example="90001"),
                _c(
                    "post_type",
                    _("Post"),
                    CHOICE,
                    required=True,
                    choices=PostType,
                    note=_("A post of this type recorded in the unit on the start date."),
                    example="chair",
                ),
                _c(
                    "valid_from",
                    _("From"),
                    DATE,
                    required=True,
                    note=_DATE_NOTE,
                    example="01/07/2025",
                ),
                _c(
                    "valid_to",
                    _("Until (first day no longer held)"),
                    DATE,
                    note=_DATE_NOTE,
                    example="",
                ),
                _c(
                    "manner",
                    _("Manner"),
                    CHOICE,
                    choices=Manner,
                    note=_("Empty: appointed."),
                    example="elected",
                ),
                _c("end_reason", _("End reason"), CHOICE, choices=HoldingEnd, example=""),
                _c("note", _("Note"), example="", max_length=500),
            ),
            "valid_from",
        ),
        Template(
            "employment",
            _("Employment"),
            (
                _c("person", _("Person"), PERSON, required=True, note=_PERSON_NOTE, example="#1"),
                _c("unit", _("Unit code"), UNIT, required=True, note=_UNIT_NOTE, example="90001"),
                _c(
                    "category",
                    _("Staff category"),
                    CHOICE,
                    required=True,
                    choices=Category,
                    example="civil_servant",
                ),
                _c(
                    "valid_from",
                    _("From"),
                    DATE,
                    required=True,
                    note=_DATE_NOTE,
                    example="01/01/2020",
                ),
                _c(
                    "valid_to",
                    _("Until (first day no longer held)"),
                    DATE,
                    note=_DATE_NOTE,
                    example="",
                ),
                _c("position", _("Job position"), example="Văn phòng - Thống kê", max_length=200),
                _c(
                    "work",
                    _("Kind of work"),
                    CHOICE,
                    choices=Work,
                    note=_("Empty: professional post."),
                    example="professional",
                ),
                _c("end_reason", _("End reason"), CHOICE, choices=EmploymentEnd, example=""),
            ),
            "valid_from",
        ),
        Template(
            "quotas",
            _("Staffing quotas"),
            (
                _c("unit", _("Unit code"), UNIT, required=True, note=_UNIT_NOTE, example="90001"),
                _c(
                    "category",
                    _("Staff category"),
                    CHOICE,
                    required=True,
                    choices=Category,
                    example="civil_servant",
                ),
                _c("year", _("Year"), INT, required=True, example=2025),
                _c("number", _("Number"), INT, required=True, example=12),
                _c(
                    "document",
                    _("Legal basis"),
                    DOCUMENT,
                    required=True,
                    note=_DOC_NOTE,
                    example="1/QĐ-UBND",
                ),
            ),
            "year",
        ),
        Template(
            "reductions",
            _("Staff reductions"),
            (
                _c("person", _("Person"), PERSON, required=True, note=_PERSON_NOTE, example="#1"),
                _c(
                    "on",
                    _("Off the payroll from"),
                    DATE,
                    required=True,
                    note=_DATE_NOTE,
                    example="01/08/2025",
                ),
                _c(
                    "form",
                    _("Form"),
                    CHOICE,
                    required=True,
                    choices=Form,
                    example="early_retirement",
                ),
                _c(
                    "case",
                    _("Case code"),
                    required=True,
                    note=_("Code of the case of the decree (e.g. nd178-a2-1a)."),
                    example="nd178-a2-1a",
                ),
                _c(
                    "unit",
                    _("Unit code"),
                    UNIT,
                    note=_("Needed only if the person works in several units."),
                    example="",
                ),
                _c("document", _("Legal basis"), DOCUMENT, note=_DOC_NOTE, example=""),
                _c("note", _("Note"), example="", max_length=500),
            ),
            "on",
        ),
        Template(
            "members",
            _("Party members"),
            (
                _c(
                    "full_name",
                    _("Full name"),
                    required=True,
                    example="Trần Thị Bình",
                    max_length=200,
                ),
                _c("gender", _("Gender"), CHOICE, required=True, choices=Gender, example="female"),
                _c(
                    "birth_date",
                    _("Date of birth"),
                    DATE,
                    required=True,
                    note=_DATE_NOTE,
                    example="02/09/1985",
                ),
                _c("ethnicity", _("Ethnicity"), CHOICE, choices=Ethnicity, example="kinh"),
                _c(
                    "cell",
                    _("Party cell code"),
                    UNIT,
                    required=True,
                    note=_("Code of the party cell on the records start date, or #id."),
                    example="#1",
                ),
                _c(
                    "admitted_on",
                    _("Admitted on"),
                    DATE,
                    required=True,
                    note=_DATE_NOTE,
                    example="03/02/2010",
                ),
                _c(
                    "in_cell_from",
                    _("In the cell from"),
                    DATE,
                    note=_(
                        "The first day of the records for a member admitted earlier;"
                        " empty: the admission date."
                    ),
                    example="",
                ),
                _c("card_number", _("Party card number"), example="", max_length=30),
                _c(
                    "occupation",
                    _("Occupation"),
                    CHOICE,
                    choices=Occupation,
                    example="public_servant",
                ),
            ),
            "in_cell_from",
        ),
        Template(
            "admissions",
            _("Admissions"),
            (
                _c("person", _("Person"), PERSON, required=True, note=_PERSON_NOTE, example="#1"),
                _c(
                    "cell", _("Party cell code"), UNIT, required=True, note=_UNIT_NOTE, example="#1"
                ),
                _c(
                    "admitted_on",
                    _("Admitted on"),
                    DATE,
                    required=True,
                    note=_DATE_NOTE,
                    example="03/02/2025",
                ),
                _c(
                    "considered_on",
                    _("Considered by the cell on"),
                    DATE,
                    note=_("Empty: the admission date."),
                    example="",
                ),
                _c("decision", _("Admission decision"), example="", max_length=100),
                _c("occupation", _("Occupation"), CHOICE, choices=Occupation, example=""),
                _c("card_number", _("Party card number"), example="", max_length=30),
            ),
            "admitted_on",
        ),
    )
}

KINDS = tuple(TEMPLATES)


def template_of(kind: str) -> Template:
    from tinhgon.core.errors import DomainError, Problem

    if kind not in TEMPLATES:
        message = _("Unknown kind of list “%(kind)s” (expected one of: %(kinds)s).") % {
            "kind": kind,
            "kinds": ", ".join(KINDS),
        }
        raise DomainError(Problem("unknown_kind", str(message), "kind"))
    return TEMPLATES[kind]
