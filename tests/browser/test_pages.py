"""What a person sees and does in the browser, page by page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.web.sample import Sample, bad_date_message, vi
from tinhgon.registry.kinds import EventKind, KindGroup, Share

pytestmark = pytest.mark.browser


def test_home_shows_the_top_units_and_the_date_as_dd_mm_yyyy(page: Page, site: str):
    page.goto(f"{site}/?on=2015-01-01")
    expect(page.locator("h1")).to_have_text("Tổ chức bộ máy tại ngày 01/01/2015")
    expect(page.locator("#site-on")).to_have_value("01/01/2015")
    expect(page.get_by_role("link", name="Tỉnh Quảng Ninh")).to_be_visible()
    page.get_by_role("link", name="Xem cây tổ chức").click()
    expect(page.locator("h1")).to_have_text("Tỉnh Quảng Ninh")
    expect(page.locator("#site-on")).to_have_value("01/01/2015")
    expect(page.get_by_role("link", name="Thành phố Móng Cái").first).to_be_visible()


def test_changing_the_date_redraws_the_tree(page: Page, site: str, sample: Sample):
    page.goto(f"{site}/units/{sample.city.pk}/tree/?on=01/01/2015")
    tree = page.locator("ul.tree")
    expect(tree.get_by_role("link", name="Phòng Nội vụ")).to_be_visible()
    expect(tree.get_by_text("Ban Tổ chức - Nội vụ")).to_have_count(0)

    page.locator("#site-on").fill("01/01/2020")
    page.get_by_role("button", name="Xem").click()

    expect(page.locator("#site-on")).to_have_value("01/01/2020")
    expect(page.locator(".lead")).to_contain_text("số đơn vị trực thuộc tại ngày 01/01/2020")
    expect(tree.get_by_role("link", name="Cơ quan Tổ chức - Nội vụ")).to_be_visible()
    expect(tree.get_by_role("link", name="Phòng Nội vụ")).to_have_count(0)
    expect(tree.get_by_role("link", name="Khu 2", exact=True)).to_have_count(0)


def test_collapse_and_expand_the_tree(page: Page, site: str, sample: Sample):
    page.goto(f"{site}/units/{sample.city.pk}/tree/?on=01/01/2015")
    village = page.locator("ul.tree").get_by_role("link", name="Khu 1")
    expect(village).to_be_visible()
    page.get_by_role("button", name="Thu gọn tất cả").click()
    expect(village).to_be_hidden()
    page.get_by_role("button", name="Mở tất cả").click()
    expect(village).to_be_visible()


def test_the_organization_chart_draws_boxes_under_their_parent(
    page: Page, site: str, sample: Sample
):
    page.goto(f"{site}/units/{sample.city.pk}/tree/?on=01/01/2015")
    page.get_by_role("link", name="Sơ đồ tổ chức").click()
    boxes = page.locator(".orgchart .box")
    expect(boxes).to_have_count(12)
    top = boxes.first
    expect(top).to_contain_text("Thành phố Móng Cái")
    expect(top).to_be_in_viewport()
    ward = page.locator(".orgchart .box", has_text="Phường Ka Long")
    village = page.locator(".orgchart .box", has_text="Khu 1")
    top_box, ward_box, village_box = top.bounding_box(), ward.bounding_box(), village.bounding_box()
    assert top_box and ward_box and village_box
    assert top_box["y"] + top_box["height"] < ward_box["y"] < village_box["y"]
    assert ward_box["width"] > 100 and ward_box["height"] > 30
    # The depth and the tab travel together with the date.
    page.locator("#site-on").fill("01/01/2020")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_role("link", name="Sơ đồ tổ chức")).to_have_attribute("aria-current", "page")
    expect(page.locator(".orgchart .box", has_text="Cơ quan Tổ chức - Nội vụ")).to_be_visible()


def test_from_the_tree_to_the_unit_to_the_event(page: Page, site: str, sample: Sample):
    page.goto(f"{site}/units/{sample.city.pk}/tree/?on=01/01/2015")
    page.locator("ul.tree").get_by_role("link", name="Ban Tổ chức Thành ủy").click()

    expect(page.locator("h1")).to_have_text("Ban Tổ chức Thành ủy")
    expect(page.locator("#versions")).to_contain_text("01/01/2010 – 30/06/2018")
    became = page.locator("#became")
    expect(became).to_contain_text("Cơ quan Tổ chức - Nội vụ")
    expect(became).to_contain_text(vi(Share.WHOLE.label))

    page.locator("#events").get_by_role("link", name=vi(EventKind.CONSOLIDATE.label)).click()
    consolidate = vi(EventKind.CONSOLIDATE.label)
    expect(page.locator("h1")).to_have_text(f"{consolidate.capitalize()} · hiệu lực từ 01/07/2018")
    expect(page.locator("#documents")).to_contain_text("1874-QĐ/TU")
    expect(page.locator("#documents .badge")).to_have_text("chưa xác minh")
    expect(page.locator("#inputs")).to_contain_text("Phòng Nội vụ")
    expect(page.locator("#outputs")).to_contain_text("đơn vị mới")

    page.locator("#documents").get_by_role("link", name="1874-QĐ/TU").click()
    expect(page.locator("h1")).to_contain_text("1874-QĐ/TU")
    expect(page.locator("#events tbody tr")).to_have_count(3)


def test_formed_from_and_compare_two_dates(page: Page, site: str, sample: Sample):
    page.goto(f"{site}/units/{sample.joint_board.pk}/?on=01/01/2021")
    formed = page.locator("#formed-from")
    expect(formed.locator("tbody tr")).to_have_count(2)
    expect(formed).to_contain_text("Phòng Nội vụ")

    page.goto(f"{site}/units/{sample.city.pk}/?on=01/01/2015")
    page.locator("#diff_from").fill("01/01/2015")
    page.locator("#diff_to").fill("31/12/2020")
    page.get_by_role("button", name="So sánh").click()
    summary = page.locator("#diff .summary")
    expect(summary).to_contain_text("Từ 01/01/2015 đến 31/12/2020")
    expect(summary).to_contain_text(f"giảm 2 {vi(KindGroup.AGENCY.label)}")
    expect(summary).to_contain_text(f"giảm 1 {vi(KindGroup.VILLAGE.label)}")
    expect(page.locator("#diff .ended-list")).to_contain_text("Phòng Nội vụ")


def test_search_box_finds_mong_cai_without_diacritics(page: Page, site: str):
    page.goto(f"{site}/")
    page.locator("#site-q").fill("mong cai")
    page.locator("#site-q").press("Enter")
    results = page.locator("table.results")
    expect(results.get_by_role("link", name="Thành phố Móng Cái")).to_be_visible()
    expect(results.get_by_role("link", name="Phường Móng Cái 1")).to_be_visible()
    results.get_by_role("link", name="Thành phố Móng Cái").click()
    expect(page.locator("h1")).to_have_text("Thành phố Móng Cái")


def test_event_list_filtered_by_kind_and_dates(page: Page, site: str):
    page.goto(f"{site}/events/")
    expect(page.get_by_text("Số sự kiện: 6")).to_be_visible()
    page.locator("#kind").select_option("consolidate")
    page.locator("#from").fill("01/01/2018")
    page.locator("#to").fill("31/12/2018")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_text("Số sự kiện: 2")).to_be_visible()
    expect(page.locator("#from")).to_have_value("01/01/2018")
    expect(page.locator("table.events tbody tr")).to_have_count(2)


def test_a_bad_date_is_explained_in_vietnamese(page: Page, site: str):
    page.goto(f"{site}/")
    page.locator("#site-on").fill("31/02/2020")
    with page.expect_response(re.compile(r"on=31%2F02%2F2020")) as response:
        page.get_by_role("button", name="Xem").click()
    assert response.value.status == 400
    expect(page.locator("h1")).to_have_text("Không thể hiển thị trang này")
    expect(page.locator(".problems")).to_contain_text(bad_date_message("31/02/2020"))
    expect(page.locator("#site-on")).to_have_value("31/02/2020")


def test_a_code_address_opens_the_unit_holding_it_then(page: Page, site: str):
    page.goto(f"{site}/code/06712/?on=01/01/2020")
    expect(page.locator("h1")).to_have_text("Phường Trần Phú")
    page.goto(f"{site}/code/06712/?on=01/07/2025")
    expect(page.locator("h1")).to_have_text("Phường Móng Cái 1")
