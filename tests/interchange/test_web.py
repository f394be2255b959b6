"""The import page (upload, dry run, problems table, apply), the template downloads, and the
lists as files (?format=csv|xlsx)."""

from __future__ import annotations

import csv
import io
import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.people.helpers import as_user
from tinhgon.interchange.importing import import_file
from tinhgon.party.models import Member
from tinhgon.web import interchange_views

from .world import build_world

pytestmark = pytest.mark.django_db
HEADER = "Họ và tên,Giới tính,Ngày sinh,Mã chi bộ,Ngày kết nạp\n"


@pytest.fixture
def w(db) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    return build_world()


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("dang-vien.csv", text.encode("utf-8"), content_type="text/csv")


def test_template_download(client: Client, w: SimpleNamespace) -> None:
    response = client.get(reverse("web:import-template") + "?kind=quotas")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mau-quotas.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]][:2] == ["Mã đơn vị *", "Loại cán bộ *"]
    assert client.get(reverse("web:import-template") + "?kind=nope").status_code == 400


def test_problems_table_then_nothing_written(client: Client, w: SimpleNamespace) -> None:
    page = client.get(reverse("web:import"))
    assert "Mẫu: Đảng viên" in page.content.decode()
    body = HEADER + "Trần Thị Bình,Nữ,02/09/1985,XX9,03/02/2010\n"
    response = client.post(reverse("web:import"), {"kind": "members", "file": upload(body)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 lỗi: không ghi gì" in html
    assert "<td>2</td><td>Mã chi bộ</td><td>XX9</td>" in html
    assert not Member.objects.exists()


def test_dry_run_then_apply(client: Client, w: SimpleNamespace) -> None:
    body = HEADER + "Trần Thị Bình,Nữ,02/09/1985,CB1,03/02/2010\n"
    checked = client.post(reverse("web:import"), {"kind": "members", "file": upload(body)})
    html = checked.content.decode()
    assert "Đã kiểm tra 1 dòng, không có lỗi" in html
    assert not Member.objects.exists()
    token = checked.context["token"]
    applied = client.post(reverse("web:import"), {"kind": "members", "token": token})
    assert "Đã nhập 1 dòng" in applied.content.decode()
    assert Member.objects.get().person.full_name == "Trần Thị Bình"
    # the token is spent: applying twice is refused, nothing more is written
    again = client.post(reverse("web:import"), {"kind": "members", "token": token})
    assert again.status_code == 400
    assert Member.objects.count() == 1


def test_lists_as_files(client: Client, w: SimpleNamespace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "dv.csv"
    path.write_text(HEADER + "Trần Thị Bình,Nữ,02/09/1985,CB1,03/02/2010\n", encoding="utf-8")
    assert import_file("members", path).applied
    page = reverse("web:party-org", args=[w.ward_party.pk]) + "?on=01/01/2020"
    assert "?on=01%2F01%2F2020&amp;format=xlsx" in client.get(page).content.decode()
    response = client.get(page + "&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Người", "Họ và tên", "Tổ chức đảng"]
    assert [r[1:3] for r in rows[1:]] == [["Trần Thị Bình", "Chi bộ khu 1"]]
    tree = client.get(reverse("web:tree", args=[w.city.pk]) + "?on=01/01/2020&format=xlsx")
    sheet = load_workbook(io.BytesIO(tree.content)).worksheets[0]
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert {"Thành phố T", "Phường A", "Ủy ban nhân dân phường A", "Đảng bộ thành phố T"} <= set(
        names
    )


def test_an_import_outside_the_users_scope_is_refused(w: SimpleNamespace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.registry.helpers import register

    other = register("Thành phố X", "district", codes=["9100"])
    path = tmp_path / "dv.csv"
    path.write_text(HEADER + "Trần Thị Bình,Nữ,02/09/1985,CB1,03/02/2010\n", encoding="utf-8")
    with as_user("bien.tap", "org_board", other):
        result = import_file("members", path)
    assert [(p.row, p.column) for p in result.problems] == [(2, "Mã chi bộ")]
    assert "ngoài phạm vi" in result.problems[0].reason
    assert not Member.objects.exists()


def test_uploads_older_than_a_day_are_removed_when_one_is_saved(
    client: Client, w: SimpleNamespace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "tinhgon-imports"
    folder.mkdir()
    monkeypatch.setattr(interchange_views, "UPLOADS", folder)
    now = time.time()
    stale, recent = folder / ("a" * 32), folder / ("b" * 32)
    for path, age_hours in ((stale, 25), (recent, 23)):
        path.write_text("x")
        os.utime(path, (now - age_hours * 3600, now - age_hours * 3600))
    body = HEADER + "Trần Thị Bình,Nữ,02/09/1985,CB1,03/02/2010\n"
    checked = client.post(reverse("web:import"), {"kind": "members", "file": upload(body)})
    assert checked.status_code == 200
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [recent.name, checked.context["token"]]
    )
