"""The page "Trước và sau 01/07/2025" in Chromium: choosing a province, the flow diagram (drawn,
scrollable, lit up on hover), filtering without diacritics.

Quảng Ninh (22) is loaded from the package into the live server's database; expected values
come from the package's files or from published facts (Móng Cái 1)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.adminunits.package_facts import new_of, old_of, package
from tests.browser.conftest import signed_in_as_admin
from tinhgon.adminunits.loader import load_admin_units

pytestmark = pytest.mark.browser

MONG_CAI_1 = {
    "Phường Trần Phú",
    "Phường Hải Hòa",
    "Xã Hải Xuân",
    "Phường Bình Ngọc",
    "Phường Trà Cổ",
}
RED = "rgb(143, 29, 29)"  # --red of style.css, the colour of lit flows


@pytest.fixture
def quang_ninh(live_server, transactional_db, page: Page) -> str:  # type: ignore[no-untyped-def]
    load_admin_units(provinces=["22"])
    return signed_in_as_admin(page, str(live_server.url))


def test_choose_an_old_province_and_read_the_diagram(page: Page, quang_ninh: str):
    page.goto(f"{quang_ninh}/")
    page.get_by_role("link", name="Trước và sau 01/07/2025").click()
    expect(page.locator("h1")).to_have_text("Đơn vị hành chính trước và sau 01/07/2025")
    communes = page.locator('#counts tr[data-kind="commune"][data-subtype=""]')
    expect(communes.locator("td.before")).to_have_text(str(len(old_of("22"))))
    expect(communes.locator("td.after")).to_have_text(str(len(new_of("22"))))

    page.locator("#pick-old").select_option(label="Tỉnh Quảng Ninh (22)")
    page.locator("#chooser form").nth(1).get_by_role("button", name="Mở").click()
    expect(page.locator("h1")).to_have_text("Tỉnh Quảng Ninh")
    expect(page.locator(".lead")).to_contain_text("đến hết ngày 30/06/2025")
    expect(page.locator("#site-on")).to_have_value("30/06/2025")

    flows = [f for f in package()["flows"] if f[0] in old_of("22")]
    svg = page.locator("svg.flows")
    expect(svg.locator("path.flow")).to_have_count(len(flows))
    expect(svg.locator("path.flow.part")).to_have_count(sum(1 for f in flows if f[2] == "part"))
    expect(svg.locator("g.old")).to_have_count(len(old_of("22")))
    # A province of 171 communes does not fit: the diagram scrolls inside its pane.
    pane = page.locator(".flows-scroll")
    assert pane.evaluate("e => e.scrollHeight > e.clientHeight")
    # Móng Cái 1 sits beside its five predecessors, each joined to it by a solid line.
    group = svg.locator("g.group", has=page.locator("text", has_text="Phường Móng Cái 1"))
    expect(group.locator("path.flow")).to_have_count(5)
    expect(group.locator("path.flow.part")).to_have_count(0)
    titles = group.locator("path.flow title").all_text_contents()
    assert {t.split(" → ")[0] for t in titles} == MONG_CAI_1
    target = group.locator("g.new text")
    target.scroll_into_view_if_needed()
    new_box = target.bounding_box()
    old_boxes = [
        svg.locator("g.old text", has_text=name).first.bounding_box() for name in MONG_CAI_1
    ]
    assert new_box and all(old_boxes)
    ys = [b["y"] for b in old_boxes if b]
    assert min(ys) <= new_box["y"] <= max(ys)
    # Pointing at it lights its flows.
    line = group.locator("path.flow").first
    assert line.evaluate("e => getComputedStyle(e).stroke") != RED
    target.hover()
    assert line.evaluate("e => getComputedStyle(e).stroke") == RED


def test_filter_without_diacritics_redraws_tables_and_diagram(page: Page, quang_ninh: str):
    page.goto(f"{quang_ninh}/admin-units/")
    page.locator("#pick-new").select_option(label="Tỉnh Quảng Ninh (22)")
    page.locator("#chooser form").first.get_by_role("button", name="Mở").click()
    expect(page.locator(".lead")).to_contain_text("từ ngày 01/07/2025")
    page.locator("#text").fill("hoa lac")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("#new-units tbody tr")).to_have_count(1)
    expect(page.locator("#new-units tbody tr")).to_contain_text("Phường Móng Cái 1")
    expect(page.locator("#old-units tbody tr")).to_have_count(1)
    expect(page.locator("#old-units")).to_contain_text(
        "Phường Hòa Lạc đã nhập vào từ ngày 01/11/2024"
    )
    expect(page.locator("svg.flows path.flow")).to_have_count(5)
    expect(page.locator("#text")).to_have_value("hoa lac")

    page.locator("#old-units").get_by_role("link", name="Phường Trần Phú").click()
    expect(page.locator("h1")).to_have_text("Phường Trần Phú")
    expect(page.locator("#site-on")).to_have_value("30/06/2025")
