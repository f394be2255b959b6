"""The party statistics in the browser: the table, its download, and the way to an
organization — under the Content-Security-Policy (the `page` fixture fails on any refusal)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.party.helpers import D, admit, build_world

from .conftest import signed_in_as_admin

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None) -> SimpleNamespace:
    """Three members in the ward's cells and one in the school's grassroots cell."""
    w = build_world()
    admit(w.cell_1, D(2015, 3, 1), name="Trần Văn A", confirm=True)
    admit(w.cell_2, D(2018, 1, 15), name="Đỗ Văn D", confirm=True)
    admit(w.cell_2, D(2024, 3, 1), name="Lê Thị C", gender="female")
    admit(w.school, D(2019, 6, 1), name="Ngô Thị F", gender="female", confirm=True)
    return w


def test_the_statistics_table_downloads_and_leads_to_the_organization(
    page: Page, live_server, world: SimpleNamespace
):
    site = signed_in_as_admin(page, str(live_server.url))
    page.get_by_role("link", name="Đảng viên", exact=True).click()
    expect(page.locator("h1")).to_have_text("Thống kê đảng viên")
    page.locator("#scope").fill("9000")
    page.locator("#on").fill("31/01/2025")
    page.get_by_role("button", name="Thống kê").click()

    table = page.locator("table.stats-table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("thead th.group").first).to_have_text("Giới tính")
    expect(table.locator("tbody tr").first.locator("th")).to_have_text("Chi bộ Trường THPT T")
    expect(table.locator("tbody tr").nth(1).locator("td").first).to_have_text("3")
    expect(table.locator("tfoot td").first).to_have_text("4")

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về tệp Excel (.xlsx)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as saved:
        sheet = load_workbook(saved).active
    assert sheet["A7"].value == "Đảng ủy phường A"
    assert sheet["B8"].value == "=SUM(B6:B7)"

    table.get_by_role("link", name="Đảng ủy phường A").click()
    expect(page.locator("h1")).to_have_text("Đảng ủy phường A tại ngày 31/01/2025")
    expect(page.locator("table.members tbody tr")).to_have_count(3)
    page.locator("#members").get_by_role("link", name="Lê Thị C").click()
    expect(page.locator("#membership")).to_contain_text("01/03/2025")  # probation ends
    assert page.url.startswith(f"{site}/party/member/")
