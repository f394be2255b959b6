"""The report's tables as .xlsx (openpyxl): one sheet per table, totals as =SUM formulas, and a
first sheet with the header and the narrative."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .de_an_25 import Report


def _sheet_title(text: str, used: set[str]) -> str:
    title = "".join(c for c in text if c not in "[]:*?/\\")[:28] or "Sheet"
    base, i = title, 2
    while title in used:
        title = f"{base[:25]} {i}"
        i += 1
    used.add(title)
    return title


def render(report: Report, path: Path) -> Path:
    book = Workbook()
    summary = book.active
    assert summary is not None
    used = {_sheet_title(_("Report"), set())}
    summary.title = next(iter(used))
    head = report.header
    for line in [
        *head.national,
        head.superior,
        head.issuer,
        head.number,
        head.date_line,
        head.doc_type,
        head.title,
    ]:
        summary.append([line])
    summary.append([])
    for number, part in enumerate(report.sections, start=1):
        summary.append([f"{number}. {part.title}"])
        summary.cell(summary.max_row, 1).font = Font(bold=True)
        for text in part.paragraphs:
            summary.append([text])
    summary.column_dimensions["A"].width = 120
    bold = Font(bold=True)
    for part in report.sections:
        for table in part.tables:
            sheet = book.create_sheet(_sheet_title(table.title, used))
            sheet.append([table.title])
            sheet.cell(1, 1).font = bold
            sheet.append(table.columns)
            for cell in sheet[2]:
                cell.font = bold
            first = sheet.max_row + 1
            for row in table.rows:
                sheet.append(row)
            last = sheet.max_row
            if table.total:
                totals: list[str | None] = [_("Total")]
                for i in range(1, len(table.columns)):
                    column = get_column_letter(i + 1)
                    totals.append(f"=SUM({column}{first}:{column}{last})")
                sheet.append(totals)
                for cell in sheet[sheet.max_row]:
                    cell.font = bold
            sheet.column_dimensions["A"].width = 45
    path = Path(path)
    book.save(str(path))
    return path
