"""References in imported rows, resolved a chunk at a time (one query per kind of reference):
units by official code valid on the row's date (or #id), legal documents by number."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from tinhgon.accounts.access import current_access
from tinhgon.core.dates import today
from tinhgon.core.memo import remembered
from tinhgon.registry.models import LegalDocument, Unit, UnitCode

from .templates import DOCUMENT, UNIT, Column, Template

if TYPE_CHECKING:
    from .importing import Row

Found = Iterator[tuple[int, Column, str]]


def parse_id(text: str) -> int:
    """A record's internal id written "#12", "id:12" or "12"."""
    bare = text.strip().removeprefix("id:").removeprefix("#").strip()
    if not bare.isdigit():
        raise ValueError(_("Not an identifier: write it as #12."))
    return int(bare)


def row_date(template: Template, values: dict[str, Any], on: dt.date | None) -> dt.date:
    """The date a row's unit codes are read at."""
    value = values.get(template.date_key) if template.date_key else None
    if template.date_key == "year" and isinstance(value, int):
        return dt.date(value, 1, 1)
    if value is None and template.kind == "members":
        value = values.get("admitted_on")
    if template.kind == "events" and isinstance(value, dt.date):
        value -= dt.timedelta(days=1)  # the unit as it was before the event
    return value if isinstance(value, dt.date) else (on or today())


def _show(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def references(template: Template, rows: Sequence[Row], on: dt.date | None) -> Found:
    for column in template.columns:
        if column.type == UNIT:
            yield from _units(template, column, rows, on)
        elif column.type == DOCUMENT:
            yield from _documents(column, rows)


def _units(template: Template, column: Column, rows: Sequence[Row], on: dt.date | None) -> Found:
    key = column.key
    # rows with other problems too (all problems at once), unless their date is unreadable
    wanted = [
        (i, r)
        for i, r in enumerate(rows)
        if r.values.get(key) and (not template.date_key or r.values.get(template.date_key) or
                                  template.date_key not in r.raw)
    ]  # fmt: skip
    codes = {str(r.values[key]) for _, r in wanted}
    by_code = _coded(frozenset(codes))
    ids = {int(c[1:]) for c in codes if c.startswith("#") and c[1:].isdigit()}
    known = set(Unit.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    access = current_access()
    for index, row in wanted:
        text = str(row.values[key])
        day = row_date(template, row.values, on)
        if text.startswith("#"):
            found = {int(text[1:])} if text[1:].isdigit() and int(text[1:]) in known else set()
        else:
            found = {
                unit_id
                for unit_id, start, end in by_code.get(text, [])
                if start <= day and (end is None or day < end)
            }
        found = {u for u in found if access.covers(u)}
        if not found:
            yield (
                index,
                column,
                _("No unit has the code “%(code)s” on %(date)s (or it is outside your scope).")
                % {"code": text, "date": _show(day)},
            )
        elif len(found) > 1:
            yield (
                index,
                column,
                _("The code “%(code)s” names several units on %(date)s; write #id.")
                % {"code": text, "date": _show(day)},
            )
        else:
            row.values[key] = found.pop()


@remembered  # by the chunks of an import whose writes add no code (`Writer.remembers`)
def _coded(codes: frozenset[str]) -> dict[str, list[tuple[int, dt.date, dt.date | None]]]:
    """The units that held each code, with the dates they held it."""
    by_code: dict[str, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
    for code, unit_id, start, end in UnitCode.objects.filter(code__in=codes).values_list(
        "code", "unit_id", "valid_from", "valid_to"
    ):
        by_code[code].append((unit_id, start, end))
    return dict(by_code)


def _documents(column: Column, rows: Sequence[Row]) -> Found:
    key = column.key
    wanted = [(i, r) for i, r in enumerate(rows) if r.values.get(key)]
    numbers = {str(r.values[key]) for _, r in wanted}
    by_number: dict[str, list[int]] = defaultdict(list)
    for pk, number in LegalDocument.objects.filter(number__in=numbers).values_list("pk", "number"):
        by_number[number].append(pk)
    for index, row in wanted:
        number = str(row.values[key])
        found = by_number.get(number, [])
        if len(found) == 1:
            row.values[key] = found[0]
        else:
            message = (
                _("No legal document numbered “%(number)s” is recorded.")
                if not found
                else _("Several legal documents are numbered “%(number)s”.")
            )
            yield index, column, message % {"number": number}
