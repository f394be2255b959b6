"""Drive Debian's Chromium through Playwright against Django's live server.

Chromium comes from the system (/usr/bin/chromium); Playwright's own browser downloads are
never used. One browser for the session, a fresh context (Vietnamese locale) per test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, Page, sync_playwright

from tests.web.sample import Sample, build

CHROMIUM = os.environ.get("TINHGON_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    refused: list[str] = []
    tab.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security" in message.text else None
        ),
    )
    yield tab
    context.close()
    # Every page works under the Content-Security-Policy: nothing inline was refused.
    assert not refused, refused


@pytest.fixture
def sample(transactional_db: None) -> Sample:
    return build()


@pytest.fixture
def site(live_server, sample: Sample, page: Page) -> str:  # type: ignore[no-untyped-def]
    """The live server's address, with the sample registry in its database, and the page
    signed in as an administrator through the sign-in form."""
    return signed_in_as_admin(page, str(live_server.url))


PASSWORD = "mat-khau-thu-2025"


def signed_in_as_admin(page: Page, url: str) -> str:
    """Create an administrator and sign `page` in as them; return the site's address."""
    get_user_model().objects.create_superuser("quan.tri", password=PASSWORD)
    sign_in(page, url, "quan.tri")
    return url


def sign_in(page: Page, url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{url}/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{url}/")
