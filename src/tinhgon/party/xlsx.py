"""The party statistics table as an Excel workbook (.xlsx), laid out as offices file it: a title
naming the organization, the scope and the date; two header rows (the breakdown, then its
columns); one row per organization; a totals row of =SUM formulas, so that a figure corrected
by hand adds up again. Times New Roman throughout, the headers and the first column frozen.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .kinds import Breakdown
from .stats import Column, StatisticsTable

FONT = "Times New Roman"
TITLE_ROW, SUBTITLE_ROW, GROUP_ROW, HEADER_ROW = 1, 2, 4, 5
FIRST_DATA_ROW = HEADER_ROW + 1
NAME_WIDTH = (24, 48)  # the first column: at least, at most (characters)
NUMBER_WIDTH = (9, 14)
LINE_HEIGHT = 15  # points per line of 11-point header text


@dataclass(frozen=True)
class ColumnGroup:
    """A run of columns under one header: a breakdown ("gender" over male, female) or, with
    no group, one column of its own whose header spans both header rows."""

    key: str
    label: str
    span: int


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def column_groups(columns: list[Column]) -> list[ColumnGroup]:
    """The columns in runs of the same breakdown, in order; ungrouped columns one by one."""
    labels = dict(Breakdown.choices)
    groups: list[ColumnGroup] = []
    for column in columns:
        if column.group and groups and groups[-1].key == column.group:
            last = groups[-1]
            groups[-1] = ColumnGroup(last.key, last.label, last.span + 1)
        elif column.group:
            groups.append(ColumnGroup(column.group, capfirst(str(labels[column.group])), 1))
        else:
            groups.append(ColumnGroup("", capfirst(column.label), 1))
    return groups


def _font(*, size: int = 12, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic)


THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="EDEDED")
TOTAL_FILL = PatternFill("solid", fgColor="F7F3E3")
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


def statistics_xlsx(table: StatisticsTable) -> bytes:
    """The table as the bytes of an .xlsx file."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Party members")[:31]
    width = 1 + len(table.columns)
    last_col = get_column_letter(width)
    _titles(sheet, table, last_col)
    _headers(sheet, table.columns)
    last_row = _rows(sheet, table)
    _totals(sheet, table, last_row)
    _widths(sheet, table)
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=2).coordinate
    sheet.print_title_rows = f"{GROUP_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.properties.title = str(sheet[f"A{TITLE_ROW}"].value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _titles(sheet: Worksheet, table: StatisticsTable, last_col: str) -> None:
    title = _("Party membership statistics: %(organization)s") % {
        "organization": table.organization.name
    }
    subtitle = _("Scope: %(scope)s; on %(date)s") % {
        "scope": table.scope.name,
        "date": table.on.strftime("%d/%m/%Y"),
    }
    for row, text, font in (
        (TITLE_ROW, title, _font(size=14, bold=True)),
        (SUBTITLE_ROW, subtitle, _font(italic=True)),
    ):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.merge_cells(f"A{row}:{last_col}{row}")
    sheet.row_dimensions[TITLE_ROW].height = 24


def _header_cell(sheet: Worksheet, row: int, column: int, text: str) -> None:
    cell = sheet.cell(row=row, column=column, value=text)
    cell.font = _font(bold=True, size=11)
    cell.alignment = CENTRED
    cell.fill = HEADER_FILL


def _box(sheet: Worksheet, top: int, left: int, bottom: int, right: int) -> None:
    """Borders and fill on every cell of a merged header (merged cells keep their own)."""
    for row in range(top, bottom + 1):
        for col in range(left, right + 1):
            cell = sheet.cell(row=row, column=col)
            cell.border = BOX
            cell.fill = HEADER_FILL


def _headers(sheet: Worksheet, columns: list[Column]) -> None:
    _header_cell(sheet, GROUP_ROW, 1, capfirst(_("Party organization")))
    sheet.merge_cells(start_row=GROUP_ROW, start_column=1, end_row=HEADER_ROW, end_column=1)
    _box(sheet, GROUP_ROW, 1, HEADER_ROW, 1)
    col = 2
    for group in column_groups(columns):
        end = col + group.span - 1
        _header_cell(sheet, GROUP_ROW, col, group.label)
        if group.key:
            sheet.merge_cells(
                start_row=GROUP_ROW, start_column=col, end_row=GROUP_ROW, end_column=end
            )
            for offset, column in enumerate(columns[col - 2 : end - 1]):
                _header_cell(sheet, HEADER_ROW, col + offset, capfirst(column.label))
        else:
            sheet.merge_cells(
                start_row=GROUP_ROW, start_column=col, end_row=HEADER_ROW, end_column=col
            )
        _box(sheet, GROUP_ROW, col, HEADER_ROW, end)
        col = end + 1
    sheet.row_dimensions[GROUP_ROW].height = 2 * LINE_HEIGHT


def _rows(sheet: Worksheet, table: StatisticsTable) -> int:
    """One row per organization; the number of the last row written."""
    for row, stats_row in enumerate(table.rows, start=FIRST_DATA_ROW):
        name = sheet.cell(row=row, column=1, value=stats_row.unit.name)
        name.font = _font()
        name.border = BOX
        name.alignment = Alignment(vertical="center", wrap_text=True)
        for offset, value in enumerate(stats_row.values):
            cell = sheet.cell(row=row, column=2 + offset, value=value)
            cell.font = _font()
            cell.border = BOX
            cell.number_format = "#,##0"
    return HEADER_ROW + len(table.rows)


def _totals(sheet: Worksheet, table: StatisticsTable, last_row: int) -> None:
    row = last_row + 1
    label = sheet.cell(row=row, column=1, value=capfirst(_("Total")))
    label.font = _font(bold=True)
    label.border = BOX
    label.fill = TOTAL_FILL
    for offset in range(len(table.columns)):
        letter = get_column_letter(2 + offset)
        value: str | int = f"=SUM({letter}{FIRST_DATA_ROW}:{letter}{last_row})" if table.rows else 0
        cell = sheet.cell(row=row, column=2 + offset, value=value)
        cell.font = _font(bold=True)
        cell.border = BOX
        cell.fill = TOTAL_FILL
        cell.number_format = "#,##0"


def _lines(text: str, width: int) -> int:
    """How many lines a header takes when wrapped at `width` characters."""
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > width:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


def _widths(sheet: Worksheet, table: StatisticsTable) -> None:
    """Columns as wide as their content (within bounds); the column header row as tall as the
    longest wrapped header."""
    longest = max((len(r.unit.name) for r in table.rows), default=0)
    low, high = NAME_WIDTH
    sheet.column_dimensions["A"].width = min(max(longest + 2, low), high)
    low, high = NUMBER_WIDTH
    tallest = 2
    for offset, column in enumerate(table.columns):
        # Headers wrap: the longest word decides, not the whole label.
        word = max((len(w) for w in column.label.split()), default=0)
        width = min(max(word + 3, low), high)
        sheet.column_dimensions[get_column_letter(2 + offset)].width = width
        if column.group:
            tallest = max(tallest, _lines(column.label, width - 2))
    sheet.row_dimensions[HEADER_ROW].height = LINE_HEIGHT * tallest + 4
