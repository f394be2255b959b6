"""A report as .xlsx (openpyxl): a first sheet with the header and the narrative (when the
report has one), then a sheet per table (xlsx_table: grouped headers, =SUM totals)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from .de_an_25 import Chart, Report
from .xlsx_table import write_table


def _sheet_title(text: str, used: set[str]) -> str:
    title = "".join(c for c in text if c not in "[]:*?/\\")[:28] or "Sheet"
    base, i = title, 2
    while title in used:
        title = f"{base[:25]} {i}"
        i += 1
    used.add(title)
    return title


def render(report: Report, path: Path) -> Path:
    path = Path(path)
    workbook(report).save(str(path))
    return path


def workbook(report: Report) -> Workbook:
    book = Workbook()
    first = book.active
    assert first is not None
    used: set[str] = set()
    if any(part.paragraphs for part in report.sections):
        _narrative(first, report, used)
        first = None
    for part in report.sections:
        for table in part.tables:
            sheet = first or book.create_sheet()
            first = None
            sheet.title = _sheet_title(table.title, used)
            write_table(sheet, table, _("Total"))
    for part in report.sections:
        for chart in part.charts:
            _chart(book.create_sheet(_sheet_title(chart.title, used)), chart)
    book.properties.title = report.header.title
    return book


def _chart(sheet: Worksheet, chart: Chart) -> None:
    """The chart's data on its sheet, and a native Excel bar chart drawn from it."""
    sheet.append([chart.title])
    sheet.cell(1, 1).font = Font(bold=True)
    sheet.append(["", *(name for name, _values in chart.series)])
    for i, category in enumerate(chart.categories):
        sheet.append([category, *(values[i] for _name, values in chart.series)])
    bars = BarChart()
    bars.title = chart.title
    last = 2 + len(chart.categories)
    data = Reference(sheet, min_col=2, max_col=1 + len(chart.series), min_row=2, max_row=last)
    bars.add_data(data, titles_from_data=True)
    bars.set_categories(Reference(sheet, min_col=1, min_row=3, max_row=last))
    bars.width, bars.height = 24, 12
    sheet.add_chart(bars, f"A{last + 2}")
    sheet.column_dimensions["A"].width = 40


def _narrative(sheet: Worksheet, report: Report, used: set[str]) -> None:
    sheet.title = _sheet_title(_("Report"), used)
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
        sheet.append([line])
    sheet.append([])
    for number, part in enumerate(report.sections, start=1):
        sheet.append([f"{number}. {part.title}"])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        for text in part.paragraphs:
            sheet.append([text])
    sheet.column_dimensions["A"].width = 120
