"""The report's charts: a PNG with the Vietnamese text drawn in a font that has it, an axis
that rounds up to a readable top, embedded in the .docx and the .html, and a native chart with
its data in the .xlsx."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import translation
from docx import Document
from openpyxl import load_workbook
from PIL import Image

from tinhgon.reports import charts, render_docx, render_html, render_xlsx
from tinhgon.reports.de_an_25 import Chart, build

from .test_de_an_25 import request

pytestmark = pytest.mark.django_db
ADMITTED = [174, 178, 183, 184, 189]  # mong-cai.md: admissions 2015–2019


@pytest.mark.parametrize(
    ("value", "top", "step"), [(189, 200, 50), (306, 400, 100), (7, 8, 2), (0, 1, 0.2)]
)
def test_the_axis_rounds_up_to_a_readable_top(value, top, step):
    assert charts._nice_top(value) == (top, step)


def test_a_chart_is_a_png_with_a_bar_per_value():
    chart = Chart("Kết nạp đảng viên", ["2015", "2016"], [("Kết nạp", [100, 50])])
    image = Image.open(io.BytesIO(charts.png(chart)))
    assert image.format == "PNG" and image.size == (charts.WIDTH, charts.HEIGHT)
    # The first bar (100 of an axis topped at 120) is twice as tall as the second (50).
    colour = Image.new("RGB", (1, 1), charts.COLOURS[0]).getpixel((0, 0))
    pixels = image.convert("RGB").load()
    bottom = charts.HEIGHT - charts.MARGIN_BOTTOM - 2

    def height(x: int) -> int:
        y = bottom
        while pixels[x, y] == colour:
            y -= 1
        return bottom - y

    slot = (charts.WIDTH - charts.MARGIN_LEFT - charts.MARGIN_RIGHT) / 2
    first = round(charts.MARGIN_LEFT + slot * 0.5)
    second = round(charts.MARGIN_LEFT + slot * 1.5)
    assert abs(height(first) - 2 * height(second)) <= 3


@pytest.fixture
def report(demo):
    with translation.override("vi"):
        return build(request())


def test_the_report_has_the_units_and_the_admissions_charts(report):
    found = {c.title: c for s in report.sections for c in s.charts}
    admitted = found["Số đảng viên kết nạp từng năm"]
    assert admitted.categories == ["2015", "2016", "2017", "2018", "2019"]
    assert admitted.series == [("Số kết nạp", ADMITTED)]
    units = found["Cơ quan, đơn vị trong bộ máy đầu kỳ và cuối kỳ"]
    start, end = (
        dict(zip(units.categories, units.series[0][1], strict=True)),
        dict(zip(units.categories, units.series[1][1], strict=True)),
    )
    assert start["điểm trường"] - end["điểm trường"] == 29  # 29 school sites fewer


def test_the_charts_are_in_the_docx_html_and_xlsx(report, tmp_path):
    doc = Document(str(render_docx.render(report, tmp_path / "bc.docx")))
    assert len(doc.inline_shapes) == 2
    html = render_html.html(report)
    assert len(re.findall(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="', html)) == 2
    book = load_workbook(str(render_xlsx.render(report, tmp_path / "bc.xlsx")))
    sheet = book.worksheets[-1]  # the last chart's sheet
    assert sheet["A1"].value == "Số đảng viên kết nạp từng năm"
    assert [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)][:5] == ADMITTED
    assert len(sheet._charts) == 1
