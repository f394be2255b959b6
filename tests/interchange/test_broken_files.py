"""The broken-file suite (issue 9, "Bad input"): each file in broken/ is imported; the test
checks the Vietnamese message, where it points (row, column) and that no table of the database
changed. Files ending .in name persons by placeholders, filled with this database's ids."""

from __future__ import annotations

import csv
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps

from tinhgon.interchange.importing import ImportResult, import_file

from .world import build_world

pytestmark = pytest.mark.django_db
BROKEN = Path(__file__).parent / "broken"


def every_table() -> dict[str, int]:
    """Rows of every table of every installed app (auth, audit, sessions included)."""
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@pytest.fixture
def w(db) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    return build_world()


def run(kind: str, path: Path, **options: object) -> ImportResult:
    before = every_table()
    result = import_file(kind, path, **options)  # type: ignore[arg-type]
    assert every_table() == before
    return result


def filled(name: str, tmp_path: Path, **ids: int) -> Path:
    text = (BROKEN / name).read_text(encoding="utf-8")
    for placeholder, pk in ids.items():
        text = text.replace(f"#{placeholder}", f"#{pk}")
    path = tmp_path / name.removesuffix(".in")
    path.write_text(text, encoding="utf-8")
    return path


def where(result: ImportResult) -> list[tuple[int | None, str, str]]:
    return [(p.row, p.column, p.reason) for p in result.problems]


def test_wrong_columns(w: SimpleNamespace) -> None:
    result = run("members", BROKEN / "wrong_columns.csv")
    assert (1, "Cột lạ", "Cột không xác định: không có trong biểu mẫu.") in where(result)
    assert len(result.problems) == 1


def test_missing_columns(w: SimpleNamespace) -> None:
    result = run("members", BROKEN / "missing_columns.csv")
    assert sorted(where(result)) == [
        (1, "Ngày kết nạp", "Thiếu cột bắt buộc."),
        (1, "Ngày sinh", "Thiếu cột bắt buộc."),
    ]


def test_dates_in_the_wrong_format(w: SimpleNamespace) -> None:
    result = run("members", BROKEN / "dates_wrong_format.csv")
    message = "Không phải ngày: hãy ghi theo dạng dd/mm/yyyy (hoặc yyyy-mm-dd)."
    assert where(result) == [(2, "Ngày sinh", message), (3, "Ngày kết nạp", message)]
    assert [p.value for p in result.problems] == ["31/02/1985", "2010.13.01"]


def test_dates_in_the_wrong_order(w: SimpleNamespace, tmp_path: Path) -> None:
    path = filled("dates_wrong_order.csv.in", tmp_path, PERSON=w.candidate.pk)
    result = run("employment", path)
    assert where(result) == [
        (
            2,
            "Đến ngày (ngày đầu tiên không còn đảm nhiệm)",
            "Ngày kết thúc phải sau ngày bắt đầu 01/01/2020.",
        )
    ]


def test_decomposed_unicode_is_normalized_before_comparing(w: SimpleNamespace) -> None:
    # row 3 is row 2 written in decomposed form (NFD): the same person once normalized
    result = run("members", BROKEN / "decomposed_unicode.csv")
    assert where(result) == [(3, "Họ và tên", "Trùng với dòng 2 của tệp.")]


def test_tcvn3_text_is_converted(w: SimpleNamespace) -> None:
    result = run("members", BROKEN / "tcvn3.csv", dry_run=True)
    assert result.problems == []
    assert result.converted == {"Họ và tên": "tcvn3"}
    assert result.written["party.Member"] == 2


def test_legacy_text_that_cannot_be_converted_is_refused(w: SimpleNamespace) -> None:
    result = run("members", BROKEN / "legacy_garbled.csv")
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.row, problem.column) == (2, "Họ và tên")
    assert "TCVN3/ABC hoặc VNI" in problem.reason


def test_duplicate_codes_in_the_file_and_in_the_database(w: SimpleNamespace) -> None:
    result = run("units", BROKEN / "duplicate_codes.csv")
    assert sorted(where(result)) == [
        (3, "Mã", "Trùng với dòng 2 của tệp."),
        (4, "Mã", "Mã này đã thuộc về một đơn vị đã ghi nhận từ ngày 01/01/2010."),
    ]


def test_overlapping_holdings(w: SimpleNamespace, tmp_path: Path) -> None:
    path = filled("overlapping_holdings.csv.in", tmp_path, P1=w.candidate.pk, P2=w.staffed.pk)
    result = run("holdings", path)
    assert result.problems, "two holders of one single-holder post at once"
    assert {p.row for p in result.problems} <= {2, 3}
    assert all(p.column in ("Người", "Chức danh", "Từ ngày", "") for p in result.problems)


def test_unknown_units(w: SimpleNamespace) -> None:
    result = run("members", BROKEN / "unknown_units.csv")
    assert where(result) == [
        (
            2,
            "Mã chi bộ",
            "Không có đơn vị nào mang mã “XX9” vào ngày 03/02/2010 "
            "(hoặc đơn vị nằm ngoài phạm vi của bạn).",
        ),
        # 9000 is the city: a unit, but no party cell; and the cell is read on 2030-02-03
        (3, "Mã chi bộ", result.problems[1].reason),
    ]
    assert result.problems[1].value == "9000"


def test_cycle_in_parents(w: SimpleNamespace) -> None:
    result = run("units", BROKEN / "cycle_in_parents.csv")
    cycle = "Các đơn vị cấp trên của đơn vị này tạo thành vòng lặp trong tệp."
    assert where(result) == [(2, "Mã đơn vị cấp trên", cycle), (3, "Mã đơn vị cấp trên", cycle)]


def test_empty_file(w: SimpleNamespace) -> None:
    assert where(run("members", BROKEN / "empty.csv")) == [(None, "", "Tệp rỗng.")]


def test_header_without_rows(w: SimpleNamespace) -> None:
    result = run("members", BROKEN / "header_only.csv")
    assert where(result) == [(None, "", "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu.")]


@pytest.mark.parametrize("name", ["not_a_spreadsheet.xlsx", "zip_not_xlsx.xlsx"])
def test_not_a_spreadsheet(w: SimpleNamespace, name: str) -> None:
    result = run("members", BROKEN / name)
    assert len(result.problems) == 1
    assert result.problems[0].reason.startswith("Tệp không phải bảng tính (.xlsx) hoặc tệp CSV")


def test_binary_file_named_csv(w: SimpleNamespace, tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_bytes((BROKEN / "not_a_spreadsheet.xlsx").read_bytes())
    result = run("members", path)
    assert where(result) == [(None, "", "Tệp không phải bảng tính (.xlsx) hoặc tệp CSV.")]


def test_huge_file_with_one_bad_row_at_the_end(w: SimpleNamespace, tmp_path: Path) -> None:
    """Many chunks are written (and rolled back) before the bad row: all or nothing."""
    n = 12_000
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Họ và tên", "Giới tính", "Ngày sinh", "Mã chi bộ", "Ngày kết nạp"])
        for i in range(n):
            writer.writerow([f"Người {i}", "Nam", "01/01/1980", "CB1", "03/02/2010"])
        writer.writerow(["Người cuối", "Nam", "01/01/1980", "CB1", "không phải ngày"])
    seen: list[tuple[int, int]] = []
    result = run("members", path, progress=lambda done, total: seen.append((done, total)))
    assert result.rows == n + 1
    assert where(result) == [
        (n + 2, "Ngày kết nạp", "Không phải ngày: hãy ghi theo dạng dd/mm/yyyy (hoặc yyyy-mm-dd).")
    ]
    assert seen[-1] == (n + 1, n + 1)
    assert len(seen) >= 3  # reported chunk by chunk
