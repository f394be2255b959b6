"""The report as .docx (python-docx): A4, the margins and Times New Roman sizes of the layout
its issuing body uses (docs/developer/reports.md):

- party (Guidance 36-HD/VPTW, Appendix 3): margins top 20, bottom 20, left 30, right 15 mm;
  "ĐẢNG CỘNG SẢN VIỆT NAM" 15 bold top right; superior body 14; issuing body 14 bold with "*"
  below; "Số 125-BC/TU" 14; place and date 14 italic; "BÁO CÁO" 16 bold; title 14 bold; body 14;
- state (Decree 30/2020, Appendix I): margins top 20, bottom 20, left 30, right 15 mm; national
  title 13 bold, motto 14 bold; bodies 13 (the issuer bold); "Số: …" 13; place and date 14
  italic; "BÁO CÁO" 14 bold; title 14 bold; body 14.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from . import charts
from .de_an_25 import PARTY, Report, Table
from .signature import Signature

FONT = "Times New Roman"
LEFT = WD_ALIGN_PARAGRAPH.LEFT


@dataclass(frozen=True)
class Layout:
    top: int
    bottom: int
    left: int
    right: int
    national: tuple[int, ...]  # sizes of the national lines
    superior: int
    issuer: int
    number: int
    date: int
    doc_type: int
    title: int
    body: int


LAYOUTS = {
    "party": Layout(20, 20, 30, 15, (15,), 14, 14, 14, 14, 16, 14, 14),
    "state": Layout(20, 20, 30, 15, (13, 14), 13, 13, 13, 14, 14, 14, 14),
}


def _run(
    paragraph: Paragraph, text: str, size: int, *, bold: bool = False, italic: bool = False
) -> None:
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT)  # Vietnamese text is written with the same font


def _line(
    cell: _Cell | None,
    doc: object,
    text: str,
    size: int,
    *,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
) -> Paragraph:
    if cell is not None:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    else:
        paragraph = doc.add_paragraph()  # type: ignore[attr-defined]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


def render(report: Report, path: Path) -> Path:
    head = report.header
    layout = LAYOUTS[head.layout]
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(layout.body)
    section = doc.sections[0]
    if report.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(layout.top), Mm(layout.bottom)
    section.left_margin, section.right_margin = Mm(layout.left), Mm(layout.right)

    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    # left: superior body, issuing body, "*" (party) and the number
    _line(left, doc, head.superior, layout.superior, first=True)
    _line(left, doc, head.issuer, layout.issuer, bold=True)
    if head.layout == PARTY:
        _line(left, doc, "*", layout.issuer)
    else:
        _line(left, doc, "_______", layout.issuer)
    _line(left, doc, head.number, layout.number)
    # right: the national lines and the place and date
    for i, (text, size) in enumerate(zip(head.national, layout.national, strict=True)):
        _line(right, doc, text, size, bold=True, first=i == 0)
    _line(right, doc, "_______________", layout.national[-1])
    _line(right, doc, head.date_line, layout.date, italic=True)

    _line(None, doc, "", layout.body)
    _line(None, doc, head.doc_type, layout.doc_type, bold=True)
    _line(None, doc, head.title, layout.title, bold=True)
    _line(None, doc, "-----", layout.title)

    for number, part in enumerate(report.sections, start=1):
        heading = _line(
            None,
            doc,
            f"{number}. {part.title}",
            layout.body,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        )
        heading.paragraph_format.space_before = Pt(6)
        for text in part.paragraphs:
            paragraph = _line(None, doc, text, layout.body, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
            paragraph.paragraph_format.first_line_indent = Mm(10)
            paragraph.paragraph_format.space_after = Pt(6)
        for data in part.tables:
            _table(doc, data, layout)
        for chart in part.charts:
            doc.add_picture(io.BytesIO(charts.png(chart)), width=Mm(160))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if report.signature is not None:
        _closing(doc, report.signature, layout)
    _page_numbers(section, layout)
    path = Path(path)
    doc.save(str(path))
    return path


def _table(doc: object, data: Table, layout: Layout) -> None:
    """A table: its title, the header (grouped headers merged over their columns), the rows
    and, when asked, a totals row."""
    size = layout.body - (1 if len(data.columns) < 8 else 4)  # wide tables in smaller print
    _line(None, doc, data.title, layout.body, italic=True)
    if data.subtitle:
        _line(None, doc, data.subtitle, layout.body - 1, italic=True)
    grid = doc.add_table(rows=data.header_rows, cols=len(data.columns))  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    for cell in data.header_cells():
        target = grid.cell(cell.row, cell.col)
        if cell.colspan > 1 or cell.rowspan > 1:
            target = target.merge(
                grid.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1)
            )
        _line(target, doc, cell.label, size, bold=True, first=True)
    for row in data.rows:
        cells = grid.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, row, strict=True)):
            align = WD_ALIGN_PARAGRAPH.LEFT if i == 0 else WD_ALIGN_PARAGRAPH.CENTER
            _line(cell, doc, "" if value is None else str(value), size, align=align, first=True)
    if data.total:
        cells = grid.add_row().cells
        _line(cells[0], doc, _("Total"), size, bold=True, first=True)
        for i in range(1, len(data.columns)):
            values = [r[i] for r in data.rows]
            whole = all(isinstance(v, int) for v in values)
            total = sum(v for v in values if isinstance(v, int)) if whole else None
            _line(cells[i], doc, "" if total is None else str(total), size, bold=True, first=True)


def _closing(doc: object, signed: Signature, layout: Layout) -> None:
    """Recipients at the left ("Nơi nhận:" 12 bold italic, the list 11), the signature block at
    the right (on behalf of, the title, room to sign, the name: bold)."""
    _line(None, doc, "", layout.body)
    table = doc.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # the block stays on one page
    left, right = row.cells
    left.width, right.width = Mm(80), Mm(85)
    _line(left, doc, "Nơi nhận:", 12, bold=True, italic=True, align=LEFT, first=True)
    for recipient in signed.recipients:
        _line(left, doc, recipient, 11, align=LEFT)
    _line(right, doc, signed.on_behalf, layout.body, bold=True, first=True)
    _line(right, doc, signed.title, layout.body, bold=True)
    for _blank in range(4):  # room for the signature and the seal
        _line(right, doc, "", layout.body)
    _line(right, doc, signed.name, layout.body, bold=True)


def _page_numbers(section: object, layout: Layout) -> None:
    """Arabic page numbers centred in the top margin, not on the first page (Decree 30/2020)."""
    section.different_first_page_header_footer = True  # type: ignore[attr-defined]
    paragraph = section.header.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.name = FONT
    run.font.size = Pt(layout.body)
    begin, code, end = (OxmlElement(tag) for tag in ("w:fldChar", "w:instrText", "w:fldChar"))
    begin.set(qn("w:fldCharType"), "begin")
    code.text = "PAGE"
    end.set(qn("w:fldCharType"), "end")
    run._element.extend([begin, code, end])
