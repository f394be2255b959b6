"""`tinhgon admin-units load` and `show`: loading a real province with a progress bar on stderr,
and a province's communes before and after 2025-07-01 as text or JSON.

Expected values come from the package's files, the resolutions table, or published facts."""

from __future__ import annotations

import json
import re

import pytest
from django.core.management import call_command

from tests.adminunits.package_facts import (
    districts_of,
    new_of,
    old_of,
    package,
    resolution,
)
from tests.registry.helpers import D
from tinhgon.adminunits.loader import load_admin_units
from tinhgon.registry.models import UnitVersion
from tinhgon.registry.queries import unit_resolve

from .conftest import assert_refused, counts

BEFORE, AFTER = D(2025, 6, 30), D(2025, 7, 1)
MONG_CAI_1 = {
    "Phường Trần Phú",
    "Phường Hải Hòa",
    "Xã Hải Xuân",
    "Phường Bình Ngọc",
    "Phường Trà Cổ",
}

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------- load


def test_load_one_province_shows_progress_and_a_summary_and_is_idempotent(invoke):
    result = invoke("admin-units", "load", "--province", "11")
    assert result.exit_code == 0, result.output
    assert "Đang nạp" in result.stderr, "the progress bar is on stderr"
    assert "Đang nạp" not in result.stdout
    registered = 1 + len(districts_of("11")) + len(old_of("11"))
    assert str(registered) in result.stdout
    dien_bien = unit_resolve("code:11", AFTER)
    communes = UnitVersion.objects.as_of(AFTER).filter(parent=dien_bien, kind="commune")
    assert {c.code for v in communes for c in v.unit.codes.as_of(AFTER)} == new_of("11")
    before = counts()
    again = invoke("admin-units", "load", "--province", "11")
    assert again.exit_code == 0, again.output
    assert counts() == before, "a second load records nothing"
    assert str(registered) not in again.stdout


# ---------------------------------------------------------------------------- show


@pytest.fixture(scope="module")
def quang_ninh(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        load_admin_units(provinces=["22"])
        yield
        call_command("flush", interactive=False, verbosity=0)


def table_rows(text: str, heading: str) -> list[list[str]]:
    """The cells of the table under a heading, split on runs of two or more spaces."""
    block = text.split(heading, 1)[1].strip("\n").split("\n\n", 1)[0]
    lines = block.splitlines()[1:]  # the column names
    return [re.split(r" {2,}", line) for line in lines]


def test_show_a_new_province_lists_each_new_commune_with_its_predecessors(invoke, quang_ninh):
    result = invoke("admin-units", "show", "22", "--on", "2025-07-01", "--name", "mong cai 1")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Tỉnh Quảng Ninh [22], từ ngày 2025-07-01\n")
    number = resolution("Tỉnh Quảng Ninh")["resolution_number"]
    assert f"Căn cứ: {number}, Ủy ban Thường vụ Quốc hội, ký ngày 2025-06-16\n" in out
    summary = (
        f"{len(old_of('22'))} xã, phường, thị trấn đến hết ngày 2025-06-30 → "
        f"{len(new_of('22'))} xã, phường, đặc khu từ ngày 2025-07-01"
    )
    assert summary in out
    rows = table_rows(out, "Đơn vị từ ngày 2025-07-01 và các đơn vị hình thành nên")
    assert rows[0][:2] == ["Phường Móng Cái 1", "06712"]
    assert {r[-3] for r in rows} == MONG_CAI_1
    assert {r[-1] for r in rows} == {"toàn bộ"}


def test_show_an_old_province_marks_divided_communes_and_where_the_centre_went(invoke, quang_ninh):
    result = invoke("admin-units", "show", "22", "--on", "2025-06-30", "--divided")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Tỉnh Quảng Ninh [22], như đến hết ngày 2025-06-30\n")
    rows = table_rows(result.stdout, "Đơn vị tại ngày 2025-06-30 và đơn vị kế tục")
    olds = {r[0] for r in rows if r[0]}
    divided = {f[0] for f in package()["flows"] if f[0] in old_of("22") and f[2] == "part"}
    assert olds == {package()["old"][c][1] for c in divided}
    centres = {
        (package()["old"][f[0]][1], package()["new"][f[1]][1])
        for f in package()["flows"]
        if f[0] in divided and f[3]
    }
    current = ""
    marked = set()
    for row in rows:
        current = row[0] or current
        if row[-1] == "một phần, có trung tâm hành chính cũ":
            marked.add((current, row[-3]))
    assert marked == centres


def test_show_json_is_the_apis_shape(invoke, quang_ninh, client):
    result = invoke("admin-units", "show", "22", "--on", "2025-07-01", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    api = client.get("/api/admin-units/provinces/22/transition/?on=2025-07-01").json()
    assert data == api
    (row,) = [r for r in data["new_units"] if r["code"] == "06712"]
    assert {p["name"] for p in row["predecessors"]} == MONG_CAI_1


def test_show_refuses_what_is_not_a_province(invoke, quang_ninh):
    stderr = assert_refused(invoke("admin-units", "show", "06712", "--on", "2025-07-01"))
    assert "không phải là tỉnh, thành phố" in stderr
    assert_refused(invoke("admin-units", "show", "22", "--on", "2025-02-30"), "--on")
    usage = invoke("admin-units", "show", "22", "--kind", "district")
    assert usage.exit_code == 2 and "Traceback" not in usage.output
