"""Lists exported as .csv / .xlsx from the CLI (`tinhgon export list`), within the user's rights."""

from __future__ import annotations

import csv
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.people.helpers import as_user, person
from tinhgon.cli import cli
from tinhgon.interchange.exporting import list_rows

from .world import D, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    return build_world()


def test_units_of_a_scope_as_csv(w: SimpleNamespace, tmp_path: Path) -> None:
    out = tmp_path / "units.csv"
    result = CliRunner().invoke(
        cli, ["export", "list", "units", "--root", "90001", "--on", "2020-01-01", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    # the ward, its People's Committee, and the party organizations located in it (its scope)
    assert "Đã ghi 4 dòng" in result.output
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == [
        "Mã định danh",
        "Mã",
        "Tên",
        "Loại đơn vị",
        "Đơn vị cấp trên",
        "Ghi nhận từ ngày",
        "Đến ngày",
    ]
    assert {r[2]: r[1] for r in rows[1:]} == {
        "Phường A": "90001",
        "Ủy ban nhân dân phường A": "90009",
        "Đảng ủy phường A": "",
        "Chi bộ khu 1": "CB1",
    }
    assert rows[1][5] == "01/01/2010"


def test_employees_as_xlsx(w: SimpleNamespace, tmp_path: Path) -> None:
    out = tmp_path / "nv.xlsx"
    args = [
        "export",
        "list",
        "employees",
        "--on",
        "2020-01-01",
        "--format",
        "xlsx",
        "--out",
        str(out),
    ]
    assert CliRunner().invoke(cli, args).exit_code == 0
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert [(r[1], r[2], r[5]) for r in rows[1:]] == [
        ("Lê Văn Cường", "Ủy ban nhân dân phường A", "01/01/2015")
    ]


def test_persons_without_personal_rights_have_no_birth_date(w: SimpleNamespace) -> None:
    from tests.registry.helpers import register

    other = register("Thành phố X", "district", codes=["9100"])
    outsider = register("Phường X", "commune", parent=other, codes=["91001"])
    person("Hồ Văn Ngoài", birth_date=D(1970, 1, 1), home=outsider)
    with as_user("nguoi.xem", "viewer", w.city):
        _header, rows = list_rows("persons", on=D(2020, 1, 1))
        seen_rows = list(rows)
    assert all(r[1] != "Hồ Văn Ngoài" for r in seen_rows)  # outside the scope
    assert all(r[3] == "" for r in seen_rows)  # a viewer sees no birth date
    with as_user("quan.tri.2", "admin", None):
        _header, rows = list_rows("persons", on=D(2020, 1, 1))
        everyone = {r[1]: r[3] for r in rows}
    assert everyone["Hồ Văn Ngoài"] == "01/01/1970"
