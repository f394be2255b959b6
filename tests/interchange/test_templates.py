"""The templates: Vietnamese headers, a note per column, drop-down lists for coded columns, and
an example row that the importer accepts (the template and the importer share one definition)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import load_workbook

from tinhgon.cli import cli
from tinhgon.interchange.importing import import_file
from tinhgon.interchange.templates import CHOICE, KINDS, TEMPLATES

from .world import build_world, references

pytestmark = pytest.mark.django_db

# The headers a user sees, written out here rather than read from the code.
MEMBER_HEADERS = [
    "Họ và tên *",
    "Giới tính *",
    "Ngày sinh *",
    "Dân tộc",
    "Mã chi bộ *",
    "Ngày kết nạp *",
    "Sinh hoạt tại chi bộ từ ngày",
    "Số thẻ đảng viên",
    "Nghề nghiệp",
]


def _template(kind: str, tmp_path: Path) -> Path:
    from click.testing import CliRunner

    out = tmp_path / f"{kind}.xlsx"
    result = CliRunner().invoke(cli, ["template", kind, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_every_kind_of_the_issue_has_a_template() -> None:
    assert set(KINDS) == {
        "units", "events", "documents", "persons", "holdings",
        "employment", "quotas", "reductions", "members", "admissions",
    }  # fmt: skip


def test_members_template_headers_notes_and_lists(tmp_path: Path) -> None:
    book = load_workbook(_template("members", tmp_path))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers == MEMBER_HEADERS
    assert all(c.comment is not None and c.comment.text for c in sheet[1])
    assert "dd/mm/yyyy" in sheet["C1"].comment.text
    rules = {str(dv.sqref).split(":")[0]: dv for dv in sheet.data_validations.dataValidation}
    # gender (B), ethnicity (D), occupation (I) are coded: each a list from the hidden sheet
    assert set(rules) == {"B2", "D2", "I2"}
    lists = book["DanhMuc"]
    assert lists.sheet_state == "hidden"
    _sheet, cells = rules["B2"].formula1.split("!")
    entries = [c.value for row in lists[cells.replace("$", "")] for c in row]
    assert entries == ["Nam", "Nữ"]
    ethnic = rules["D2"].formula1.split("!")[1].replace("$", "")
    assert len([c for row in lists[ethnic] for c in row]) == 54  # the 54 ethnic groups
    assert sheet["B2"].value == "Nữ"  # the example's choice is written as its label


@pytest.mark.parametrize("kind", KINDS)
def test_template_headers_and_validations(kind: str, tmp_path: Path) -> None:
    sheet = load_workbook(_template(kind, tmp_path)).worksheets[0]
    template = TEMPLATES[kind]
    with translation.override("vi"):
        expected = [str(c.header) + (" *" if c.required else "") for c in template.columns]
    assert [c.value for c in sheet[1]] == expected
    coded = [i for i, c in enumerate(template.columns) if c.type == CHOICE]
    assert len(sheet.data_validations.dataValidation) == len(coded)
    assert all(c.comment is not None for c in sheet[1])


@pytest.mark.parametrize("kind", KINDS)
def test_example_row_imports_cleanly(kind: str, tmp_path: Path) -> None:
    world = build_world()
    path = _template(kind, tmp_path)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    template = TEMPLATES[kind]
    for position, column in enumerate(template.columns, start=1):
        if column.key in references(world).get(kind, {}):
            sheet.cell(row=2, column=position, value=references(world)[kind][column.key])
    book.save(path)
    result = import_file(kind, path, dry_run=True)
    assert result.problems == []
    assert result.rows == 1
    assert result.written  # the dry run says what it would write
