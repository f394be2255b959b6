"""Take the user guide's screenshots (docs/user/img/*.png) with Playwright and Debian's Chromium.

    .venv/bin/python docs/user/screenshots.py
        starts its own server: a fresh SQLite database in a temporary folder, the Móng Cái
        demo loaded, `tinhgon serve` on a free port; stops it at the end.
    .venv/bin/python docs/user/screenshots.py --url http://127.0.0.1:8000
        uses a running server that has the Móng Cái demo loaded (`make run`).

Pages are opened at fixed dates, so the pictures do not change with the day they are taken.
Playwright's own browser downloads are never used: Chromium comes from /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
IMG = HERE / "img"
TINHGON = Path(sys.executable).with_name("tinhgon")
CHROMIUM = os.environ.get("TINHGON_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def own_server() -> Iterator[str]:
    """`tinhgon serve` over a fresh database with the demo, for as long as the block runs."""
    with tempfile.TemporaryDirectory(prefix="tinhgon-screenshots-") as data:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(TINHGON_DATA_DIR=data, DJANGO_SETTINGS_MODULE="tinhgon.settings.development")
        for command in (["migrate"], ["demo", "load"]):
            subprocess.run(  # noqa: S603 (our own command, fixed arguments)
                [str(TINHGON), *command], env=env, check=True, capture_output=True
            )
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603 (our own command, fixed arguments)
            [str(TINHGON), "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(url + "/", timeout=1).close()  # noqa: S310
                    break
                time.sleep(0.2)
            else:
                raise SystemExit(f"the server did not start on {url}")
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


def shot(page: Page, name: str, *, selector: str | None = None, until: str | None = None) -> None:
    """Save the viewport, or the element `selector` (down to the bottom of `until`, if given)."""
    path = IMG / f"{name}.png"
    if selector is None:
        page.screenshot(path=str(path))
    else:
        first = page.locator(selector).first
        first.scroll_into_view_if_needed()
        box = first.bounding_box()
        assert box is not None, selector
        bottom = box["y"] + box["height"]
        if until is not None:
            last = page.locator(until).first.bounding_box()
            assert last is not None, until
            bottom = last["y"] + last["height"]
        margin = 12
        # Bounding boxes are relative to the viewport; a full-page clip to the page.
        scroll_x, scroll_y = page.evaluate("[window.scrollX, window.scrollY]")
        clip = {
            "x": max(box["x"] + scroll_x - margin, 0),
            "y": max(box["y"] + scroll_y - margin, 0),
            "width": box["width"] + 2 * margin,
            "height": bottom - box["y"] + 2 * margin,
        }
        page.screenshot(path=str(path), clip=clip, full_page=True)
    print(path.relative_to(HERE.parent.parent))


DEMO_PASSWORD = os.environ.get("TINHGON_DEMO_PASSWORD", "mongcai-demo-2025")  # the demo's


def sign_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()


def take_all(page: Page, url: str) -> None:
    # 0. Sign in (the demo's accounts are named on the page).
    page.goto(f"{url}/login/")
    shot(page, "30-dang-nhap")
    sign_in(page, url, "quantri")

    # 1. Open the system: the home page at a date.
    page.goto(f"{url}/?on=01/01/2015")
    shot(page, "01-trang-chu")

    # 2. Browse the apparatus at a date: the tree of Móng Cái city, as a list and as a chart.
    page.goto(f"{url}/code/194/?on=01/01/2015")
    with page.expect_navigation():
        page.get_by_role("link", name="Cây tổ chức của đơn vị").click()
    page.get_by_role("button", name="Thu gọn tất cả").click()
    page.locator("ul.tree > li > details").first.evaluate("node => node.open = true")
    shot(page, "02-cay-to-chuc")
    with page.expect_navigation():
        page.get_by_role("link", name="Sơ đồ tổ chức").click()
    with page.expect_navigation():
        page.locator("#depth").select_option("2")
    shot(page, "03-so-do-to-chuc")

    # 3. Change the date: the city party organization on 01/01/2015, then on 01/01/2020.
    page.goto(f"{url}/search/?on=01/01/2015&q=dang+bo+thanh+pho+mong+cai")
    with page.expect_navigation():
        page.locator("table.results a.subtree").first.click()
    with page.expect_navigation():
        page.locator("#depth").select_option("1")
    shot(page, "04-truoc-khi-doi-ngay")
    page.locator("#site-on").fill("01/01/2020")
    with page.expect_navigation():
        page.get_by_role("button", name="Xem").click()
    shot(page, "05-sau-khi-doi-ngay")

    # 4. Find a unit without diacritics.
    page.locator("#site-q").fill("to chuc - noi vu")
    with page.expect_navigation():
        page.locator("#site-q").press("Enter")
    shot(page, "06-tim-kiem")

    # 5. A unit's page: what it was, its versions, codes and events; its lineage.
    with page.expect_navigation():
        page.locator("table.results a", has_text="Ban Tổ chức - Nội vụ").first.click()
    shot(page, "07-trang-don-vi")
    event_link = page.locator("#events a", has_text="hợp nhất").first.get_attribute("href")

    # 6. Lineage: what Hòa Lạc ward became by 01/07/2025; what Móng Cái 1 ward was formed from.
    page.goto(f"{url}/code/06718/?on=01/01/2020")
    page.locator("#forward_to").fill("01/07/2025")
    with page.expect_navigation():
        page.locator("#became").get_by_role("button", name="Tra cứu").click()
    shot(page, "08-tro-thanh", selector="#became")
    page.goto(f"{url}/code/06712/?on=01/07/2025")
    page.locator("#back_to").fill("01/01/2015")
    with page.expect_navigation():
        page.locator("#formed-from").get_by_role("button", name="Tra cứu").click()
    shot(page, "09-hinh-thanh-tu", selector="#formed-from")

    # 7. An event and its legal basis.
    page.goto(f"{url}{event_link}")
    shot(page, "10-su-kien")
    with page.expect_navigation():
        page.locator("#documents tbody a").first.click()
    shot(page, "11-van-ban")

    # 8. Compare two dates: the city over the term 2015–2020.
    page.goto(f"{url}/code/194/?on=01/01/2015")
    page.locator("#diff_from").fill("01/01/2015")
    page.locator("#diff_to").fill("31/12/2020")
    with page.expect_navigation():
        page.get_by_role("button", name="So sánh").click()
    shot(page, "12-so-sanh", selector="#diff", until="#diff table.diff-groups")
    shot(page, "13-so-sanh-theo-loai", selector="#diff table.diff-kinds")

    # 9. The list of events, filtered.
    page.goto(f"{url}/events/?on=01/01/2015")
    page.locator("#kind").select_option("consolidate")
    page.locator("#from").fill("01/01/2015")
    page.locator("#to").fill("31/12/2020")
    with page.expect_navigation():
        page.get_by_role("button", name="Lọc").click()
    shot(page, "14-danh-sach-su-kien")

    # 10. A date written wrongly.
    page.goto(f"{url}/?on=01/01/2015")
    page.locator("#site-on").fill("31/02/2020")
    with page.expect_navigation():
        page.get_by_role("button", name="Xem").click()
    shot(page, "15-loi-ngay")


def take_people(new_page: Callable[[], Page], url: str) -> None:
    """Posts and holders, a person's career, the coverage of a unification policy."""
    officer = new_page()
    sign_in(officer, url, "bantochuc")
    officer.goto(f"{url}/search/?on=01/06/2020&q=dang+uy+xa+hai+son")
    with officer.expect_navigation():
        officer.locator("table.results a", has_text="Đảng ủy xã Hải Sơn").first.click()
    with officer.expect_navigation():
        officer.get_by_role("link", name="Chức danh và người giữ").click()
    shot(officer, "40-chuc-danh")
    with officer.expect_navigation():
        officer.locator("table.posts a[href*='/persons/']").first.click()
    shot(officer, "41-qua-trinh-cong-tac")
    coverage = "/coverage/?on=01/06/2020&policy=commune-secretary-committee-chair&scope=194"
    officer.goto(f"{url}{coverage}")
    shot(officer, "42-nhat-the-hoa", selector="h1", until="#non-local")
    viewer = new_page()
    sign_in(viewer, url, "nguoixem")
    viewer.goto(f"{url}/coverage/?on=01/06/2020&policy=cell-secretary-village-head&scope=194")
    # One page of places (50), the exceptions first.
    shot(viewer, "43-nhat-the-hoa-nguoi-xem", selector="h1", until="#coverage table.places")


def take_staffing(new_page: Callable[[], Page], url: str) -> None:
    """Quota against headcount of the city; the reductions of a period."""
    officer = new_page()
    sign_in(officer, url, "noivu")
    officer.goto(f"{url}/code/194/?on=30/06/2020")
    with officer.expect_navigation():
        officer.get_by_role("link", name="Biên chế", exact=True).click()
    shot(officer, "50-bien-che", selector="h1", until="svg.bars")
    shot(officer, "53-chi-tieu-tinh-gian", selector="table.targets")
    officer.goto(f"{url}/reductions/?scope=194&from=01/01/2015&to=31/12/2020")
    shot(officer, "51-tinh-gian", selector="h1", until=".totals")
    officer.goto(f"{url}/search/?on=01/01/2018&q=co+quan+tham+muu")
    with officer.expect_navigation():
        officer.locator("table.results a", has_text="Cơ quan tham mưu, giúp việc").first.click()
    with officer.expect_navigation():
        officer.locator("#events a", has_text="hợp nhất").first.click()
    shot(officer, "52-bien-che-sau-sap-xep", selector="#merger-staffing")


PARTY_ON = "09/10/2024"  # the date of the city's 2024 report: 36 grassroots organizations
PARTY_DUE_ON = "01/05/2025"  # probationary members are due for confirmation in the 60 days after


def take_party(new_page: Callable[[], Page], url: str) -> None:
    """The party statistics table of the city, its party organization, admissions with their
    yearly rates, confirmations due, the size rules; a viewer's page of a grassroots cell."""
    officer = new_page()
    sign_in(officer, url, "bantochuc")
    # The menu opens on the party organization of the officer's scope: the city's.
    with officer.expect_navigation():
        officer.get_by_role("link", name="Đảng viên", exact=True).click()
    officer.locator("#on").fill(PARTY_ON)
    with officer.expect_navigation():
        officer.get_by_role("button", name="Thống kê").click()
    shot(officer, "60-thong-ke-dang-vien", selector="h1", until="table.stats-table tr:nth-child(9)")
    cell = officer.locator("table.stats-table tbody th a").first.get_attribute("href")
    with officer.expect_navigation():
        officer.get_by_role("link", name="Trang của tổ chức đảng").click()
    organization = officer.url.removeprefix(url)
    shot(officer, "61-to-chuc-dang", selector="h1", until="table.children tr:nth-child(8)")
    officer.goto(f"{url}{organization.split('?')[0]}?on={PARTY_DUE_ON}")
    shot(officer, "62-den-han-chinh-thuc", selector="#problems", until="#due")
    officer.goto(f"{url}/party/admissions/?from=01/01/2015&to=31/12/2019")
    shot(officer, "63-ket-nap", selector="h1", until="#rates")
    officer.goto(f"{url}/party/structure/?on={PARTY_ON}")
    shot(officer, "64-quy-mo-to-chuc-dang", selector="h1", until="#problems")
    viewer = new_page()
    sign_in(viewer, url, "nguoixem")
    viewer.goto(f"{url}{cell}")  # a grassroots cell: its counts, and no names
    shot(viewer, "65-to-chuc-dang-nguoi-xem", selector="h1", until="#members")


def take_reports(new_page: Callable[[], Page], url: str) -> None:
    """The Đề án 25 report asked for in the form, and its progress page once it is written."""
    officer = new_page()
    sign_in(officer, url, "bantochuc")
    with officer.expect_navigation():
        officer.get_by_role("link", name="Báo cáo", exact=True).click()
    with officer.expect_navigation():
        officer.get_by_role("link", name="Lập báo cáo Đề án 25").click()
    for field, value in {
        "#scope": "194",
        "#from": "01/01/2015",
        "#to": "31/12/2020",
        "#on": "09/10/2024",
        "#posts_on": "30/06/2020",
        "#interim": "30/06/2019",
        "#number": "125",
        "#date": "16/06/2025",
    }.items():
        officer.locator(field).fill(value)
    shot(officer, "70-lap-bao-cao", selector="h1", until="form.edit-form")
    with officer.expect_navigation():
        officer.get_by_role("button", name="Lập báo cáo").click()
    officer.locator("#job-file a").wait_for()
    shot(officer, "71-tien-do-bao-cao", selector="h1", until="#job-file")


def take_plans(new_page: Callable[[], Page], url: str) -> None:
    """The demo's 2025 plan: the list of plans, and its impact with the flows of units. The plan
    is the province's (Quảng Ninh): the administrator sees it."""
    officer = new_page()
    sign_in(officer, url, "quantri")
    officer.goto(f"{url}/plans/")
    shot(officer, "80-phuong-an", selector="h1", until="table.data")
    with officer.expect_navigation():
        officer.locator("table.data a[href$='/impact/']").first.click()
    # The impact is computed as a job: start it; its page comes back to the impact when done.
    with officer.expect_navigation():
        # "Tính tác động", or "Tính lại" over an impact already kept
        officer.get_by_role("button", name=re.compile("^Tính (tác động|lại)$")).click()
    officer.locator("#plan-flows canvas").wait_for(timeout=120_000)
    officer.wait_for_timeout(800)  # the chart's animation
    shot(officer, "81-tac-dong-phuong-an", selector="h1", until="#plan-flows")


def take_imports(new_page: Callable[[], Page], url: str) -> None:
    """A members' sheet with mistakes checked on the import page: every problem in a table."""
    officer = new_page()
    sign_in(officer, url, "bantochuc")
    officer.goto(f"{url}/import/")
    officer.locator("#kind").select_option("members")
    sheet = HERE.parent.parent / "tests" / "interchange" / "broken" / "dates_wrong_format.csv"
    officer.locator("#file").set_input_files(str(sheet))
    with officer.expect_navigation():
        officer.get_by_role("button", name="Kiểm tra tệp").click()
    shot(officer, "90-nhap-du-lieu-loi", selector="h1", until="table.problems-table")


def take_access(new_page: Callable[[], Page], url: str) -> None:
    """What each role sees, the audit log, and two people editing one document at once."""
    commune = new_page()
    sign_in(commune, url, "xahaison")
    commune.goto(f"{url}/?on=01/01/2020")
    shot(commune, "31-pham-vi-can-bo-xa")

    auditor = new_page()
    sign_in(auditor, url, "kiemtra")
    auditor.goto(f"{url}/audit/?user=noivu")

    # Two officers open the same document; the second to save sees both versions.
    first, second = new_page(), new_page()
    sign_in(first, url, "noivu")
    sign_in(second, url, "bantochuc")
    first.goto(f"{url}/events/?on=01/01/2020&kind=consolidate")
    with first.expect_navigation():
        first.locator("table.events td a[href*='/documents/']").first.click()
    edit = first.url.split("?")[0] + "edit/"
    first.goto(edit)
    second.goto(edit)
    first.locator("#title").fill("Trích yếu do Phòng Nội vụ sửa")
    with first.expect_navigation():
        first.get_by_role("button", name="Lưu").click()
    second.locator("#title").fill("Trích yếu do Ban Tổ chức sửa")
    second.get_by_role("button", name="Lưu").click()
    second.wait_for_selector(".conflict")
    shot(second, "33-xung-dot-khi-sua", selector="h1", until="form.stacked-form")

    auditor.goto(f"{url}/audit/?user=noivu")
    shot(auditor, "32-nhat-ky")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server with the Móng Cái demo loaded")
    parser.add_argument(
        "--only", help="take only these groups, comma-separated: all,access,people,staffing,..."
    )
    args = parser.parse_args()
    groups = {
        "access": take_access,
        "people": take_people,
        "staffing": take_staffing,
        "party": take_party,
        "reports": take_reports,
        "plans": take_plans,
        "imports": take_imports,
    }
    only = set(args.only.split(",")) if args.only else {"all", *groups}
    IMG.mkdir(exist_ok=True)
    with contextlib.ExitStack() as stack:
        url = args.url.rstrip("/") if args.url else stack.enter_context(own_server())
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        stack.callback(browser.close)
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 820})
        context.set_default_timeout(15_000)
        if "all" in only:
            take_all(context.new_page(), url)

        def new_page() -> Page:
            fresh = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 820})
            stack.callback(fresh.close)
            return fresh.new_page()

        for name, take in groups.items():
            if name in only:
                take(new_page, url)


if __name__ == "__main__":
    main()
