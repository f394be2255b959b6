"""A report's table on a worksheet, laid out as offices file it: the title and subtitle; two
header rows (a breakdown, then its columns; a column without a breakdown spans both); one row
per line; a totals row of =SUM formulas, so that a figure corrected by hand adds up again.
Times New Roman throughout, the headers and the first column frozen."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tinhgon.party.stats import ColumnGroup, capfirst

from .de_an_25 import Table

FONT = "Times New Roman"
TITLE_ROW, SUBTITLE_ROW, GROUP_ROW, HEADER_ROW = 1, 2, 4, 5
FIRST_DATA_ROW = HEADER_ROW + 1
NAME_WIDTH = (24, 48)  # the first column: at least, at most (characters)
NUMBER_WIDTH = (9, 14)
LINE_HEIGHT = 15  # points per line of 11-point header text

THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="EDEDED")
TOTAL_FILL = PatternFill("solid", fgColor="F7F3E3")
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _font(*, size: int = 12, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic)


def groups_of(table: Table) -> list[ColumnGroup]:
    return table.groups or [ColumnGroup("", capfirst(c), 1) for c in table.columns[1:]]


def write_table(sheet: Worksheet, table: Table, total_label: str) -> None:
    last_col = get_column_letter(len(table.columns))
    _titles(sheet, table, last_col)
    _headers(sheet, table)
    last_row = HEADER_ROW + len(table.rows)
    _rows(sheet, table)
    if table.total:
        _totals(sheet, table, last_row, total_label)
    _widths(sheet, table)
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=2).coordinate
    sheet.print_title_rows = f"{GROUP_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _titles(sheet: Worksheet, table: Table, last_col: str) -> None:
    for row, text, font in (
        (TITLE_ROW, table.title, _font(size=14, bold=True)),
        (SUBTITLE_ROW, table.subtitle, _font(italic=True)),
    ):
        if not text:
            continue
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


def _headers(sheet: Worksheet, table: Table) -> None:
    _header_cell(sheet, GROUP_ROW, 1, capfirst(table.columns[0]))
    sheet.merge_cells(start_row=GROUP_ROW, start_column=1, end_row=HEADER_ROW, end_column=1)
    _box(sheet, GROUP_ROW, 1, HEADER_ROW, 1)
    col = 2
    for group in groups_of(table):
        end = col + group.span - 1
        _header_cell(sheet, GROUP_ROW, col, group.label)
        if group.key:
            sheet.merge_cells(
                start_row=GROUP_ROW, start_column=col, end_row=GROUP_ROW, end_column=end
            )
            for offset, label in enumerate(table.columns[col - 1 : end]):
                _header_cell(sheet, HEADER_ROW, col + offset, capfirst(label))
        else:
            sheet.merge_cells(
                start_row=GROUP_ROW, start_column=col, end_row=HEADER_ROW, end_column=col
            )
        _box(sheet, GROUP_ROW, col, HEADER_ROW, end)
        col = end + 1
    sheet.row_dimensions[GROUP_ROW].height = 2 * LINE_HEIGHT


def _rows(sheet: Worksheet, table: Table) -> None:
    for row, values in enumerate(table.rows, start=FIRST_DATA_ROW):
        name = sheet.cell(row=row, column=1, value=values[0])
        name.font = _font()
        name.border = BOX
        name.alignment = Alignment(vertical="center", wrap_text=True)
        for offset, value in enumerate(values[1:]):
            cell = sheet.cell(row=row, column=2 + offset, value=value)
            cell.font = _font()
            cell.border = BOX
            cell.number_format = "#,##0"


def _totals(sheet: Worksheet, table: Table, last_row: int, total_label: str) -> None:
    row = last_row + 1
    label = sheet.cell(row=row, column=1, value=capfirst(total_label))
    label.font = _font(bold=True)
    label.border = BOX
    label.fill = TOTAL_FILL
    for offset in range(len(table.columns) - 1):
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


def _widths(sheet: Worksheet, table: Table) -> None:
    """Columns as wide as their content (within bounds); the column header row as tall as the
    longest wrapped header."""
    longest = max((len(str(r[0] or "")) for r in table.rows), default=0)
    low, high = NAME_WIDTH
    sheet.column_dimensions["A"].width = min(max(longest + 2, low), high)
    low, high = NUMBER_WIDTH
    tallest = 2
    for offset, label in enumerate(table.columns[1:]):
        # Headers wrap: the longest word decides, not the whole label.
        word = max((len(w) for w in label.split()), default=0)
        width = min(max(word + 3, low), high)
        sheet.column_dimensions[get_column_letter(2 + offset)].width = width
        tallest = max(tallest, _lines(label, width - 2))
    sheet.row_dimensions[HEADER_ROW].height = LINE_HEIGHT * tallest + 4
