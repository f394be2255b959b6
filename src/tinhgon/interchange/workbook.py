"""A template as an .xlsx workbook: a header row in Vietnamese (required columns marked *), a
note on each header, drop-down lists for coded columns (their entries on a hidden sheet, since
Excel limits a list written in the rule to 255 characters) and one example row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .templates import CHOICE, DATE, Column, Template, template_of

LISTS_SHEET = "DanhMuc"
MAX_ROWS = 1048576


def header_text(column: Column) -> str:
    return f"{column.header} *" if column.required else str(column.header)


def example_cell(column: Column) -> object:
    """The example as a user would type it: a choice by its label, a date as dd/mm/yyyy."""
    value = column.example
    if value in ("", None):
        return None
    if column.type == CHOICE and column.choices is not None:
        return column.label_of(value)
    if column.type == DATE and isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return value


def note_text(column: Column) -> str:
    parts = [str(column.note)] if column.note else []
    if column.required:
        parts.append(_("Required."))
    if column.type == CHOICE:
        parts.append(_("Choose from the list."))
    return " ".join(parts) or str(column.header)


def template_workbook(kind: str) -> Workbook:
    template: Template = template_of(kind)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = str(template.title)[:31]
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    list_column = 0
    for position, column in enumerate(template.columns, start=1):
        letter = get_column_letter(position)
        cell = sheet.cell(row=1, column=position, value=header_text(column))
        cell.font, cell.fill = bold, fill
        cell.comment = Comment(note_text(column), "tinhgon", width=300, height=120)
        sheet.column_dimensions[letter].width = max(14, len(header_text(column)) + 4)
        sheet.cell(row=2, column=position, value=example_cell(column))
        if column.type == DATE:
            sheet.cell(row=2, column=position).number_format = "@"
        if column.type == CHOICE:
            list_column += 1
            labels = column.labels()
            list_letter = get_column_letter(list_column)
            for i, label in enumerate(labels, start=1):
                lists.cell(row=i, column=list_column, value=label)
            source = f"{quote_sheetname(LISTS_SHEET)}!${list_letter}$1:${list_letter}${len(labels)}"
            rule = DataValidation(type="list", formula1=source, allow_blank=not column.required)
            rule.error = _("Choose a value from the list.")
            rule.errorTitle = str(column.header)
            rule.showErrorMessage = True
            rule.add(f"{letter}2:{letter}{MAX_ROWS}")
            sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"
    return book


def write_template(kind: str, path: Path) -> Path:
    template_workbook(kind).save(path)
    return path
