"""The dashboard in the browser: the charts are drawn by the shipped ECharts from the page's
JSON data block, with nothing refused by the Content-Security-Policy (checked by the `page`
fixture)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.web.sample import Sample

pytestmark = pytest.mark.browser


def test_the_dashboard_draws_a_chart_per_target(page: Page, site: str, sample: Sample):
    page.goto(f"{site}/dashboard/?scope=id:{sample.city.pk}&on=31/12/2020")
    expect(page.locator("h1")).to_have_text("Bảng điều khiển: chỉ tiêu và kết quả thực hiện")
    expect(page.locator(".status").first).to_be_visible()
    expect(page.locator("#chart-0 canvas")).to_have_count(1)
    page.locator("#chart-0 canvas").hover()  # the tooltip is styled from script, not inline
    page.wait_for_timeout(300)
