"""Drive Debian's Chromium through Playwright against Django's live server.

Chromium comes from the system (/usr/bin/chromium); Playwright's own browser downloads are
never used. One browser for the session, a fresh context (Vietnamese locale) per test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
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
    yield tab
    context.close()


@pytest.fixture
def sample(transactional_db: None) -> Sample:
    return build()


@pytest.fixture
def site(live_server, sample: Sample) -> str:  # type: ignore[no-untyped-def]
    """The live server's address, with the sample registry in its database."""
    return str(live_server.url)
