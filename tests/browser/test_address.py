"""Converting addresses in the browser: typing one, choosing among candidates, the reverse."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.adminunits.test_address_world import build_world
from tests.browser.conftest import signed_in_as_admin

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server, transactional_db, page: Page) -> str:  # type: ignore[no-untyped-def]
    """The live server's address, with the address tests' registry in its database."""
    build_world()
    return signed_in_as_admin(page, str(live_server.url))


def test_an_address_typed_without_diacritics_is_converted(page: Page, site: str):
    page.goto(f"{site}/")
    page.get_by_role("link", name="Chuyển đổi địa chỉ").click()
    expect(page.locator("h1")).to_have_text("Chuyển đổi địa chỉ")
    expect(page.locator("#date")).to_have_value("30/06/2025")

    page.locator("#address").fill("12 le loi, p tran phu, tp mong cai, quang ninh")
    page.get_by_role("button", name="Chuyển đổi", exact=True).click()

    convert = page.locator("#convert")
    expect(convert.locator(".summary")).to_contain_text(
        "Phường Trần Phú, Thành phố Móng Cái, Tỉnh Quảng Ninh nay là Phường Móng Cái 1, "
        "Tỉnh Quảng Ninh từ ngày 01/07/2025."
    )
    rows = convert.locator("table.new-units tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Phường Móng Cái 1")
    expect(rows.first).to_contain_text("06712")
    expect(convert.locator(".new-address")).to_have_text(
        "Địa chỉ mới: 12 le loi, Phường Móng Cái 1, Tỉnh Quảng Ninh"
    )
    # The old unit leads to its page, as it was on 30/06/2025.
    convert.locator(".old-unit").get_by_role("link", name="Phường Trần Phú").click()
    expect(page.locator("h1")).to_have_text("Phường Trần Phú")


def test_an_ambiguous_address_offers_its_candidates(page: Page, site: str):
    page.goto(f"{site}/address/")
    page.locator("#address").fill("ba to, ba to, quang ngai")
    page.locator("#address").press("Enter")
    convert = page.locator("#convert")
    expect(convert.locator(".error")).to_contain_text("khớp với 2 đơn vị vào ngày 30/06/2025")
    candidates = convert.locator("a.candidate")
    expect(candidates).to_have_count(2)
    expect(convert.locator(".summary")).to_have_count(0)
    candidates.nth(1).click()
    expect(page.locator("#convert .summary")).to_contain_text(
        "Xã Ba Tô, Huyện Ba Tơ, Tỉnh Quảng Ngãi nay là Xã Ba Tơ, Tỉnh Quảng Ngãi"
    )


def test_the_reverse_form_lists_the_old_units_and_the_centre(page: Page, site: str):
    page.goto(f"{site}/address/")
    page.locator("#unit").fill("Xã Hải Ninh")
    page.locator("#province").fill("Quảng Ninh")
    page.get_by_role("button", name="Tìm đơn vị cũ").click()
    rows = page.locator("#reverse table.old-units tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Xã Hải Tiến, Thành phố Móng Cái, Tỉnh Quảng Ninh")
    expect(rows.nth(0)).to_contain_text("toàn bộ")
    expect(rows.nth(1)).to_contain_text("Xã Quảng Nghĩa")
    expect(rows.nth(1)).to_contain_text("một phần")
    expect(rows.nth(1)).to_contain_text("có trung tâm hành chính của đơn vị này")
    expect(page.locator("#new_date")).to_have_value("01/07/2025")
