"""Importing filled templates: real runs write through the services, dry runs write nothing but
say what they would, every problem comes back at once with its row and column, and the CLI
writes the problems to a file."""

from __future__ import annotations

import csv
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from tinhgon.audit.models import ChangeRecord
from tinhgon.cli import cli
from tinhgon.interchange.importing import import_file
from tinhgon.party.models import Attachment, Member
from tinhgon.people.models import Holding, Person
from tinhgon.registry.models import UnitCode, UnitVersion

from .world import D, build_world

pytestmark = pytest.mark.django_db
MEMBER_HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Mã chi bộ", "Ngày kết nạp"]


@pytest.fixture
def w(db) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    return build_world()


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_members_are_written_with_their_persons(w: SimpleNamespace, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "dv.csv",
        MEMBER_HEADER,
        [
            ["Trần Thị Bình", "Nữ", "02/09/1985", "CB1", "03/02/2010"],
            ["Ngô Văn Hải", "nam", "1980-01-31", f"#{w.cell.pk}", "2012-05-19"],  # ISO, #id
        ],
    )
    persons, records = Person.objects.count(), ChangeRecord.objects.count()
    result = import_file("members", path)
    assert result.problems == []
    assert result.applied
    assert Person.objects.count() == persons + 2
    hai = Member.objects.get(person__full_name="Ngô Văn Hải")
    assert (hai.admitted_on, hai.person.birth_date, hai.person.gender) == (
        D(2012, 5, 19),
        D(1980, 1, 31),
        "male",
    )
    assert Attachment.objects.get(member=hai).unit_id == w.cell.pk
    # a person, a member and an attachment each, in one change record a row
    assert ChangeRecord.objects.count() == records + 2
    assert result.written == {
        "people.Person": 2,
        "party.Member": 2,
        "party.Attachment": 2,
        "audit.ChangeRecord": 2,
    }


def test_dry_run_writes_nothing_and_says_what_it_would(w: SimpleNamespace, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "dv.csv",
        MEMBER_HEADER,
        [["Trần Thị Bình", "Nữ", "02/09/1985", "CB1", "03/02/2010"]],
    )
    members = Member.objects.count()
    result = import_file("members", path, dry_run=True)
    assert result.ok and not result.applied
    assert result.written["party.Member"] == 1
    assert Member.objects.count() == members


def test_every_problem_at_once(w: SimpleNamespace, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "dv.csv",
        MEMBER_HEADER,
        [
            ["Trần Thị Bình", "Nữ", "02/09/1985", "CB1", "03/02/2010"],  # good
            ["Lê Thị Cúc", "Không rõ", "02/09/1985", "CB1", "03/02/2010"],  # gender
            ["Trần Thị Bình", "Nữ", "02/09/1985", "CB1", "03/02/2011"],  # twice in the file
            ["Đỗ Văn Em", "Nam", "02/09/2000", "CB1", "03/02/2016"],  # aged 15: the service says no
            ["", "Nam", "02/09/1980", "CB1", "03/02/2010"],  # no name
        ],
    )
    result = import_file("members", path)
    found = {(p.row, p.column) for p in result.problems}
    assert found == {(3, "Giới tính"), (4, "Họ và tên"), (5, "Ngày kết nạp"), (6, "Họ và tên")}
    reasons = {p.row: p.reason for p in result.problems}
    assert reasons[4] == "Trùng với dòng 2 của tệp."
    assert "15" in reasons[5] and "tuổi" in reasons[5]  # the admission-age rule, in Vietnamese
    assert not Member.objects.filter(person__full_name="Trần Thị Bình").exists()


def test_members_already_recorded_are_refused(w: SimpleNamespace, tmp_path: Path) -> None:
    row = ["Trần Thị Bình", "Nữ", "02/09/1985", "CB1", "03/02/2010"]
    assert import_file("members", write_csv(tmp_path / "a.csv", MEMBER_HEADER, [row])).applied
    again = import_file("members", write_csv(tmp_path / "b.csv", MEMBER_HEADER, [row]))
    assert [(p.row, p.column) for p in again.problems] == [(2, "Họ và tên")]
    assert "đã có đảng viên" in again.problems[0].reason.lower()


def test_decomposed_and_legacy_text_is_stored_as_unicode(
    w: SimpleNamespace, tmp_path: Path
) -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Huệ")
    path = write_csv(
        tmp_path / "dv.csv",
        MEMBER_HEADER,
        [
            [nfd, "Nữ", "02/09/1985", "CB1", "03/02/2010"],
            ["Haø Vaên Tröôøng", "Nam", "02/09/1984", "CB1", "03/02/2010"],  # VNI
        ],
    )
    result = import_file("members", path)
    assert result.applied
    names = set(Person.objects.values_list("full_name", flat=True))
    assert {"Nguyễn Thị Huệ", "Hà Văn Trường"} <= names
    assert unicodedata.is_normalized(
        "NFC", Person.objects.get(full_name__startswith="Ngu").full_name
    )
    assert result.converted == {"Họ và tên": "vni"}


def test_units_parents_in_the_file_any_order(w: SimpleNamespace, tmp_path: Path) -> None:
    header = ["Mã", "Tên", "Loại đơn vị", "Mã đơn vị cấp trên", "Ghi nhận từ ngày"]
    path = write_csv(
        tmp_path / "units.csv",
        header,
        [
            ["80011", "Khu phố 1", "Thôn, bản, khu phố", "80010", "01/01/2010"],  # child first
            ["80010", "Phường C", "Đơn vị hành chính cấp xã", "9000", "01/01/2010"],
        ],
    )
    result = import_file("units", path)
    assert result.problems == []
    ward = UnitCode.objects.get(code="80010").unit_id
    village = UnitVersion.objects.get(unit__codes__code="80011")
    assert village.parent_id == ward
    assert UnitVersion.objects.get(unit_id=ward).parent_id == w.city.pk


def test_holdings_find_the_post_of_the_unit(w: SimpleNamespace, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "h.csv",
        ["Người", "Mã đơn vị", "Chức danh", "Từ ngày", "Hình thức"],
        [[f"#{w.candidate.pk}", "90009", "Chủ tịch", "01/07/2025", "Bầu"]],
    )
    result = import_file("holdings", path)
    assert result.problems == []
    holding = Holding.objects.get(person=w.candidate)
    assert (holding.post_id, holding.valid_from, holding.manner) == (
        w.chair.pk,
        D(2025, 7, 1),
        "elected",
    )


def test_xlsx_with_real_dates_and_progress(w: SimpleNamespace, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(MEMBER_HEADER)
    sheet.append(["Trần Thị Bình", "Nữ", D(1985, 9, 2), "CB1", D(2010, 2, 3)])
    sheet.append([None] * 5)  # an empty row is skipped
    path = tmp_path / "dv.xlsx"
    book.save(path)
    seen: list[tuple[int, int]] = []
    result = import_file("members", path, progress=lambda done, total: seen.append((done, total)))
    assert result.applied and result.rows == 1
    assert seen[-1] == (1, 1)


def test_cli_dry_run_and_problems_file(w: SimpleNamespace, tmp_path: Path) -> None:
    good = write_csv(
        tmp_path / "good.csv",
        MEMBER_HEADER,
        [["Trần Thị Bình", "Nữ", "02/09/1985", "CB1", "03/02/2010"]],
    )
    runner = CliRunner()
    result = runner.invoke(cli, ["import", "members", str(good), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Chạy thử" in result.output and "party.Member: 1" in result.output
    bad = write_csv(
        tmp_path / "bad.csv",
        MEMBER_HEADER,
        [["Trần Thị Bình", "Nữ", "31/02/1985", "XX", "03/02/2010"]],
    )
    out = tmp_path / "loi.xlsx"
    result = runner.invoke(cli, ["import", "members", str(bad), "--problems", str(out)])
    assert result.exit_code == 2
    assert "2 lỗi; không ghi gì." in result.output
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("Trang tính", "Dòng", "Cột", "Giá trị", "Lý do")
    assert [(r[1], r[2], r[3]) for r in rows[1:]] == [
        (2, "Ngày sinh", "31/02/1985"),
        (2, "Mã chi bộ", "XX"),
    ]
    assert not Member.objects.exists()


def test_problems_beyond_the_limit_are_counted(
    w: SimpleNamespace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tinhgon.interchange import importing

    monkeypatch.setattr(importing, "MAX_PROBLEMS", 3)
    bad = [[f"Người {i}", "Nam", "sai", "CB1", "03/02/2010"] for i in range(5)]
    result = import_file("members", write_csv(tmp_path / "dv.csv", MEMBER_HEADER, bad))
    assert [p.row for p in result.problems] == [2, 3, 4]
    assert result.omitted == 2
    assert not Member.objects.exists()


EVENT_HEADER = ["Loại sự kiện", "Ngày hiệu lực", "Căn cứ pháp lý", "Đơn vị", "Tên mới"]


def test_events_rename_applies_from_the_effective_date(w: SimpleNamespace, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "sk.csv",
        EVENT_HEADER,
        [["Đổi tên", "01/07/2025", "1679/NQ-UBTVQH15", "90001", "Phường Móng Cái 9"]],
    )
    result = import_file("events", path)
    assert result.problems == []
    names = dict(UnitVersion.objects.filter(unit=w.ward).values_list("valid_from", "name"))
    assert names == {D(2010, 1, 1): "Phường A", D(2025, 7, 1): "Phường Móng Cái 9"}


def test_events_refused_by_the_registry_point_at_their_row(
    w: SimpleNamespace, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "sk.csv",
        EVENT_HEADER,
        [
            ["Đổi tên", "01/07/2025", "1679/NQ-UBTVQH15", "90009", "Ủy ban nhân dân phường B"],
            # the ward still has its People's Committee and party organization under it
            ["Giải thể", "01/07/2025", "1679/NQ-UBTVQH15", "90001", ""],
            ["Hợp nhất", "01/07/2025", "1679/NQ-UBTVQH15", "9000", ""],
        ],
    )
    before = UnitVersion.objects.count()
    result = import_file("events", path)
    assert [(p.row, p.column) for p in result.problems] == [(4, "Loại sự kiện"), (None, "")]
    # the registry's invariants are checked once after all the events of the file: what they
    # find (a committee left under a dissolved ward) is about the file, not one row
    assert "Phường A" in result.problems[1].reason
    assert "01/07/2025" in result.problems[1].reason
    assert UnitVersion.objects.count() == before


def test_quotas_need_a_recorded_document(w: SimpleNamespace, tmp_path: Path) -> None:
    header = ["Mã đơn vị", "Loại cán bộ", "Năm", "Số lượng", "Căn cứ pháp lý"]
    path = write_csv(
        tmp_path / "bc.csv",
        header,
        [
            ["90009", "Công chức", "2025", "12", "1/QĐ-UBND"],
            ["90009", "Công chức", "2026", "mười", "9/QĐ-X"],
        ],
    )
    result = import_file("quotas", path)
    assert sorted((p.row, p.column) for p in result.problems) == [
        (3, "Căn cứ pháp lý"),
        (3, "Số lượng"),
    ]
    reasons = {p.column: p.reason for p in result.problems}
    assert reasons["Số lượng"] == "Không phải số nguyên."
    assert reasons["Căn cứ pháp lý"] == "Chưa ghi nhận văn bản nào có số “9/QĐ-X”."
