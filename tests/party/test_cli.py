"""`tinhgon party …`: Vietnamese text from the records made through the services, JSON in the
API's shape, writes, and refusals as messages with exit status 2 and nothing written."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User

from tests.people.helpers import person
from tinhgon.accounts.models import Grant
from tinhgon.accounts.roles import Role
from tinhgon.cli import cli
from tinhgon.party.models import Member

from .helpers import D, admit, build_world, written

pytestmark = pytest.mark.django_db


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def w() -> SimpleNamespace:
    world = build_world()
    world.an = admit(world.cell_1, D(2020, 3, 1), name="Nguyễn Văn An", confirm=True)
    world.binh = admit(
        world.cell_1, D(2020, 6, 1), name="Trần Thị Bình", gender="female", confirm=True
    )
    world.cuong = admit(world.cell_1, D(2021, 5, 10), name="Lê Văn Cường")
    world.dung = admit(world.cell_2, D(2021, 2, 1), name="Phạm Thị Dung", gender="female")
    world.em = admit(world.school, D(2019, 9, 1), name="Hoàng Văn Em", confirm=True)
    world.newcomer = person("Vũ Thị Hoa", gender="female", birth_date=D(1995, 2, 3))
    return world


def test_stats_prints_the_table_with_its_totals(w):
    result = run("party", "stats", "9000", "--on", "2022-01-01")
    assert result.exit_code == 0, result.output
    assert "Đảng viên của Đảng bộ thành phố T" in result.output
    assert ": 5" in result.output.splitlines()[0]
    lines = result.output.splitlines()
    assert any(
        line.startswith("Đảng ủy phường A") and line.split()[-3:] == ["4", "2", "2"]
        for line in lines
    )
    assert any(
        line.startswith("Tổng cộng") and line.split()[-3:] == ["5", "3", "2"] for line in lines
    )
    assert "Giới tính" in result.output
    data = json.loads(run("party", "stats", "9000", "--on", "2022-01-01", "--json").output)
    assert data["totals"][0] == 5


def test_stats_writes_the_workbook(w, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "thong-ke.xlsx"
    result = run("party", "stats", "9000", "--on", "2022-01-01", "--xlsx", str(target))
    assert result.exit_code == 0, result.output
    cells = [c.value for row in load_workbook(target).active.iter_rows() for c in row]
    assert "Đảng ủy phường A" in cells and "Chi bộ Trường THPT T" in cells
    missing = run(
        "party", "stats", "9000", "--on", "2022-01-01", "--xlsx", str(tmp_path / "no" / "x.xlsx")
    )
    assert missing.exit_code == 2 and "Không ghi được" in missing.output


def test_admissions_json_has_the_figures_and_the_rates(w):
    result = run(
        "party", "admissions", "9000", "--from", "2020-01-01", "--to", "2021-12-31", "--json"
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["admissions"]["total"] == 4
    assert [(c["key"], c["count"]) for c in body["admissions"]["by_year"]] == [
        ("2020", 2),
        ("2021", 2),
    ]
    assert [y["members_at_start"] for y in body["rates"]["years"]] == [1, 3]
    assert body["rates"]["average_rate"] == pytest.approx((2 + 2 / 3) / 2, abs=1e-4)


def test_admissions_text(w):
    result = run("party", "admissions", "9000", "--from", "2020-01-01", "--to", "2021-12-31")
    assert result.exit_code == 0, result.output
    assert "Kết nạp đảng viên" in result.output and ": 4" in result.output
    assert "2020: 2" in result.output
    # 2020: 2 over 1 member on 1 January (200%); 2021: 2 over 3 (66,7%); average 133,3%.
    assert "200%" in result.output and "66,7%" in result.output and "133,3%" in result.output


def test_counts_and_check(w):
    result = run("party", "counts", "9000", "--on", "2022-01-01")
    assert result.exit_code == 0, result.output
    assert "5" in result.output and "chính thức 3" in result.output and "dự bị 2" in result.output
    check = run("party", "check", "9000", "--on", "2022-01-01")
    assert check.exit_code == 0, check.output
    assert "Đảng ủy phường A" in check.output and "4 vấn đề" in check.output
    body = json.loads(run("party", "check", "9000", "--on", "2022-01-01", "--json").output)
    assert len(body["problems"]) == 4


def test_due_names_the_members_except_to_a_viewer(w):
    result = run("party", "due", "9000", "--from", "2022-01-01", "--to", "2022-12-31")
    assert result.exit_code == 0, result.output
    assert "Phạm Thị Dung" in result.output and "Lê Văn Cường" in result.output
    assert result.output.index("Phạm Thị Dung") < result.output.index("Lê Văn Cường")
    viewer = User.objects.create_user("xem", password="x")
    Grant.objects.create(user=viewer, role=Role.VIEWER, unit=w.city)
    hidden = run(
        "--user", "xem", "party", "due", "9000", "--from", "2022-01-01", "--to", "2022-12-31"
    )
    assert hidden.exit_code == 0, hidden.output
    assert "Phạm Thị Dung" not in hidden.output and "không hiển thị" in hidden.output


def test_member(w):
    result = run("party", "member", str(w.an.pk))
    assert result.exit_code == 0, result.output
    assert "Nguyễn Văn An" in result.output and "đảng viên chính thức" in result.output
    assert "2021-03-01" in result.output and "Chi bộ khu 1" in result.output
    body = json.loads(run("party", "member", f"id:{w.an.pk}", "--json").output)
    assert body["confirmed_on"] == "2021-03-01"


def test_admit_then_confirm(w):
    result = run(
        "party",
        "admit",
        str(w.newcomer.pk),
        f"id:{w.cell_2.pk}",
        "--on",
        "2022-03-01",
        "--occupation",
        "worker",
    )
    assert result.exit_code == 0, result.output
    member = Member.objects.get(person=w.newcomer)
    assert f"#{member.pk}" in result.output and "2023-03-01" in result.output
    early = run("party", "confirm", str(member.pk), "--on", "2022-12-01")
    assert early.exit_code == 2
    assert "2023" in early.output and "Traceback" not in early.output
    confirmed = run("party", "confirm", str(member.pk), "--on", "2023-03-10")
    assert confirmed.exit_code == 0, confirmed.output
    member.refresh_from_db()
    assert member.confirmed_on == D(2023, 3, 1)
    moved = run("party", "transfer", str(member.pk), f"id:{w.cell_1.pk}", "--on", "2023-06-01")
    assert moved.exit_code == 0, moved.output
    ended = run("party", "end", str(member.pk), "--on", "2024-01-01", "--reason", "left")
    assert ended.exit_code == 0, ended.output
    member.refresh_from_db()
    assert member.ended_on == D(2024, 1, 1)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("party", "stats", "99999", "--on", "2022-01-01"), "Không có đơn vị"),
        (("party", "counts", "9000", "--on", "2022-02-30"), "không phải là ngày hợp lệ"),
        (
            ("party", "admissions", "9000", "--from", "2022-01-01", "--to", "2021-01-01"),
            "2021",
        ),
        (("party", "member", "999999"), "999999"),
        (("party", "admit", "abc", "9000", "--on", "2022-01-01"), "abc"),
        (("party", "confirm", "x1", "--on", "2022-01-01"), "x1"),
    ],
)
def test_bad_input_is_a_message_and_status_2(w, args, expected):
    before = written()
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert expected in result.output and "Traceback" not in result.output
    assert "Lỗi" in result.output
    assert written() == before


def test_a_refused_admission_writes_nothing(w):
    before = written()
    result = run("party", "admit", str(w.an.person_id), f"id:{w.cell_1.pk}", "--on", "2022-01-01")
    assert result.exit_code == 2
    assert "Nguyễn Văn An" in result.output
    assert written() == before
