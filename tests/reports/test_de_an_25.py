"""The Đề án 25 report of the Móng Cái demo (shared/domain/mong-cai.md) built from the
records and rendered to .docx, .xlsx, .html and .pdf: every figure the city reported is there
as the offices write it, the layout is Guidance 36-HD/VPTW's (party) or Decree 30/2020's
(state), and bad input is refused in Vietnamese with nothing written."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from click.testing import CliRunner
from django.utils import translation
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from tinhgon.cli import cli
from tinhgon.core.errors import DomainError
from tinhgon.registry import queries as rq
from tinhgon.registry.models import UnitVersion
from tinhgon.reports import de_an_25, render_docx, render_html, render_pdf, render_xlsx

D = dt.date
pytestmark = pytest.mark.django_db

# The figures of shared/domain/mong-cai.md as the report words them (the offices' wording in
# seeds/: "giảm 07 cơ quan, đơn vị, 02 thôn - khu phố, 04 trường và 29 điểm trường", "17/17
# xã, phường", "tinh giản 156 người", "264 cán bộ, công chức, viên chức, người lao động",
# "kết nạp được 908 đảng viên, tỷ lệ đạt bình quân 5,1%", "36 chi, đảng bộ cơ sở và 263 chi bộ
# trực thuộc", "857 đảng viên mới"; the shared office "21 in 2018, 14 fewer than 2015").
FIGURES = [
    "07 cơ quan, đơn vị",
    "02 thôn - khu phố",
    "04 trường",
    "29 điểm trường",
    "17/17 xã, phường",
    "tinh giản 156 người",
    "264 cán bộ, công chức, viên chức, người lao động",
    "kết nạp được 908 đảng viên",
    "5,1%",
    "36 chi, đảng bộ cơ sở",
    "263 chi bộ trực thuộc",
    "857 đảng viên mới",
    "năm 2018 là 21 người, giảm 14 người so với năm 2015",
]


def request(**changes):
    values = dict(
        scope=rq.unit_resolve("194", D(2015, 1, 1)),
        date_from=D(2015, 1, 1),
        date_to=D(2020, 12, 31),
        on=D(2024, 10, 9),
        posts_on=D(2020, 6, 30),
        interim=D(2019, 6, 30),
        term_start=D(2020, 7, 1),
        number="125",
        issued_on=D(2025, 6, 16),
    )
    values.update(changes)
    return de_an_25.Request(**values)


@pytest.fixture
def report(demo):
    with translation.override("vi"):
        return de_an_25.build(request())


def mm(*lengths) -> tuple[int, ...]:
    """Lengths in whole millimetres (Word stores twentieths of a point)."""
    return tuple(round(length.mm) for length in lengths)


def docx_text(path) -> str:
    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return "\n".join(lines)


def test_the_report_states_every_figure_of_mong_cai(report):
    text = "\n".join(p for s in report.sections for p in s.paragraphs)
    for figure in FIGURES:
        assert figure in text, figure
    assert "Nghị định số 26/2015/NĐ-CP" in text
    assert "01-QĐ/TU" in text  # a consolidation with its document
    assert "không có số liệu" not in text


def test_the_dates_not_given_come_from_the_records(demo):
    # The next party term (2020–2025) starts in the period; the party figures are counted on
    # the day the report is signed.
    with translation.override("vi"):
        built = de_an_25.build(
            request(term_start=None, on=None, posts_on=None, issued_on=D(2024, 10, 9))
        )
    text = "\n".join(p for s in built.sections for p in s.paragraphs)
    for figure in FIGURES:
        assert figure in text, figure
    assert "từ ngày 1/7/2020" in text and "Tại ngày 9/10/2024" in text


def test_the_tables_reductions_by_decree_and_units_fewer_by_group(report):
    tables = {t.title: t for s in report.sections for t in s.tables}
    decrees = {row[0]: row[1] for row in tables["Tinh giản biên chế theo Nghị định"].rows}
    assert set(decrees) == {"26/2015/NĐ-CP", "108/2014/NĐ-CP", "113/2018/NĐ-CP"}
    assert sum(decrees.values()) == 156
    groups = {row[0]: row[3] for row in tables["Cơ quan, đơn vị trong bộ máy theo nhóm"].rows}
    assert groups["cơ quan, đơn vị"] == 7 and groups["điểm trường"] == 29


def test_docx_party_layout(report, tmp_path):
    path = render_docx.render(report, tmp_path / "bao-cao.docx")
    text = docx_text(path)
    for figure in FIGURES:
        assert figure in text, figure
    doc = Document(str(path))
    section = doc.sections[0]
    assert mm(section.page_width, section.page_height) == (210, 297)  # A4
    margins = (section.top_margin, section.bottom_margin, section.left_margin)
    assert mm(*margins) == (20, 20, 30) and mm(section.right_margin) == (15,)
    header = doc.tables[0]
    left, right = (cell.paragraphs for cell in header.rows[0].cells)
    assert [p.text for p in left] == [
        "ĐẢNG BỘ TỈNH QUẢNG NINH",
        "THÀNH ỦY MÓNG CÁI",
        "*",
        "Số 125-BC/TU",
    ]
    assert right[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right[0].runs[0].font.size == Pt(15) and right[0].runs[0].bold
    assert left[1].runs[0].bold and left[1].runs[0].font.size == Pt(14)
    assert right[-1].text == "Móng Cái, ngày 16 tháng 6 năm 2025"
    assert right[-1].runs[0].italic and right[-1].runs[0].font.size == Pt(14)
    kind = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    assert kind.runs[0].bold and kind.runs[0].font.size == Pt(16)
    body = next(p for p in doc.paragraphs if "908" in p.text)
    assert body.runs[0].font.size == Pt(14) and not body.runs[0].bold
    runs = [r for p in doc.paragraphs for r in p.runs] + [r for p in left + right for r in p.runs]
    assert {r.font.name for r in runs if r.text} == {"Times New Roman"}  # not the charts


def test_docx_state_layout(demo, tmp_path):
    with translation.override("vi"):
        built = de_an_25.build(request(layout="state"))
    doc = Document(str(render_docx.render(built, tmp_path / "bc.docx")))
    left, right = (cell.paragraphs for cell in doc.tables[0].rows[0].cells)
    assert [p.text for p in right[:2]] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert right[0].runs[0].font.size == Pt(13) and right[1].runs[0].font.size == Pt(14)
    assert "Số: 125/BC-UBND" in [p.text for p in left]
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ MÓNG CÁI" in [p.text for p in left]


def _closing(doc) -> tuple[list[str], list[str]]:
    left, right = doc.tables[-1].rows[0].cells
    return [p.text for p in left.paragraphs], [p.text for p in right.paragraphs]


def test_docx_closes_with_recipients_and_the_signature_of_the_secretary_on_record(demo, tmp_path):
    from tinhgon.people import services as people
    from tinhgon.people.kinds import PostType

    committee = UnitVersion.objects.filter(name="Đảng bộ thành phố Móng Cái").first().unit
    post = people.post_create(
        unit=committee,
        post_type=PostType.SECRETARY,
        valid_from=D(2020, 10, 1),
        valid_to=D(2025, 7, 1),
    )
    person = people.person_register(full_name="Nguyễn Văn Thử", gender="male")
    people.holding_start(
        person=person, post=post, valid_from=D(2020, 10, 15), valid_to=D(2025, 7, 1)
    )
    with translation.override("vi"):
        built = de_an_25.build(request())
        earlier = de_an_25.build(request(issued_on=D(2020, 10, 1)))  # before the holding
    doc = Document(str(render_docx.render(built, tmp_path / "bc.docx")))
    recipients, signed = _closing(doc)
    assert recipients[0] == "Nơi nhận:"
    assert "- Tỉnh ủy Quảng Ninh (b/c)," in recipients
    assert signed[:2] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"] and signed[-1] == "Nguyễn Văn Thử"
    nobody = Document(str(render_docx.render(earlier, tmp_path / "bc-2020.docx")))
    assert _closing(nobody)[1][-1] == ""  # nobody held the post: the name is left to write


def test_docx_state_layout_signed_for_the_peoples_committee_with_page_numbers(demo, tmp_path):
    with translation.override("vi"):
        built = de_an_25.build(request(layout="state", signer="Trần Thị Ký"))
    doc = Document(str(render_docx.render(built, tmp_path / "bc.docx")))
    recipients, signed = _closing(doc)
    assert "- UBND tỉnh Quảng Ninh (b/c)," in recipients
    assert signed[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] and signed[-1] == "Trần Thị Ký"
    section = doc.sections[0]
    # Decree 30/2020: page numbers centred at the top, not on the first page.
    assert section.different_first_page_header_footer
    number = section.header.paragraphs[0]
    assert "PAGE" in number._p.xml and number.alignment == 1  # WD_ALIGN_PARAGRAPH.CENTER
    assert section.first_page_header.paragraphs[0].text == ""


def test_xlsx_tables_with_sum_formulas(report, tmp_path):
    book = load_workbook(str(render_xlsx.render(report, tmp_path / "bc.xlsx")))
    sheet = book["Tinh giản biên chế theo Nghị đ"[:28]]
    rows = list(sheet.iter_rows(values_only=True))
    # Title, no subtitle, a blank row, the header (two rows merged), three decrees, the totals.
    assert rows[3][:2] == ("Nghị định", "Số người") and sheet.freeze_panes == "B6"
    assert rows[-1][0] == "Tổng cộng" and rows[-1][1] == "=SUM(B6:B8)"
    assert sum(r[1] for r in rows[5:-1]) == 156
    summary = "\n".join(str(c.value) for c in book.worksheets[0]["A"] if c.value)
    assert "17/17 xã, phường" in summary and "857 đảng viên mới" in summary


def test_html_has_the_figures_and_no_inline_script_or_style(report, tmp_path):
    page = render_html.render(report, tmp_path / "bc.html").read_text(encoding="utf-8")
    for figure in FIGURES:
        assert figure in page, figure
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in page and "Số 125-BC/TU" in page
    assert "<script" not in page and "<style" not in page and "style=" not in page


def test_pdf_by_libreoffice_and_its_first_page_as_png(report, tmp_path):
    pdf = render_pdf.render(report, tmp_path / "bc.pdf")
    assert pdf.stat().st_size > 1000 and pdf.read_bytes().startswith(b"%PDF")
    command = [
        "pdftoppm",
        "-png",
        "-r",
        "50",
        "-f",
        "1",
        "-l",
        "1",
        str(pdf),
        str(tmp_path / "page"),
    ]
    subprocess.run(command, check=True, timeout=120)  # noqa: S603 (poppler, fixed arguments)
    [page] = tmp_path.glob("page*.png")
    assert page.stat().st_size > 0


def test_a_period_with_no_data_is_refused(demo):
    with translation.override("vi"), pytest.raises(DomainError) as caught:
        de_an_25.build(request(date_from=D(2012, 1, 1), date_to=D(2012, 12, 31)))
    assert "không" in str(caught.value)


def test_the_cli_writes_the_docx_with_a_progress_bar(demo, tmp_path):
    out = tmp_path / "bc.docx"
    args = [
        "report", "de-an-25", "--scope", "194", "--from", "2015-01-01", "--to", "2020-12-31",
        "--on", "2024-10-09", "--posts-on", "2020-06-30", "--interim", "2019-06-30",
        "--term-start", "2020-07-01", "--format", "docx", "--out", str(out),
        "--number", "125", "--date", "2025-06-16",
    ]  # fmt: skip
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Đã ghi" in result.output
    text = docx_text(out)
    for figure in FIGURES:
        assert figure in text, figure


@pytest.mark.parametrize(
    ("scope", "dates"),
    [("194", ("2012-01-01", "2012-12-31")), ("999999", ("2015-01-01", "2020-12-31"))],
)
def test_the_cli_refuses_bad_input_in_vietnamese_and_writes_nothing(demo, tmp_path, scope, dates):
    out = tmp_path / "bc.docx"
    args = ["report", "de-an-25", "--scope", scope, "--from", dates[0], "--to", dates[1]]
    result = CliRunner().invoke(cli, [*args, "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert not out.exists()
    assert any(c in result.output for c in "ăâđêôơưạảấầẩậắằẳặẹẻếềểệịọỏốồổộớờởợụủứừửựỳỷ")
