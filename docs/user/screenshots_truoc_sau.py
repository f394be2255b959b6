"""Take the screenshots of truoc-sau-2025.md (docs/user/img/2*-truoc-sau-*.png) with Playwright and
Debian's Chromium.

    .venv/bin/python docs/user/screenshots_truoc_sau.py
        starts its own server: a fresh SQLite database in a temporary folder, the whole
        country loaded (`tinhgon admin-units load`, about a minute or two), `tinhgon serve` on a
        free port; stops it at the end.
    .venv/bin/python docs/user/screenshots_truoc_sau.py --url http://127.0.0.1:8000
        uses a running server whose database has the administrative units loaded.
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
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
IMG = HERE / "img"
TINHGON = Path(sys.executable).with_name("tinhgon")
CHROMIUM = os.environ.get("TINHGON_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]


@contextlib.contextmanager
def own_server() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="tinhgon-truoc-sau-") as data:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(TINHGON_DATA_DIR=data, DJANGO_SETTINGS_MODULE="tinhgon.settings.development")
        for command in (["migrate"], ["admin-units", "load"]):
            subprocess.run(  # noqa: S603 (our own command, fixed arguments)
                [str(TINHGON), *command], env=env, check=True, capture_output=True
            )
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
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
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


def province_url(page: Page, base: str, name: str, side: str) -> str:
    """The page of a province chosen as a person would: in the chooser of the summary."""
    page.goto(f"{base}/admin-units/")
    select = page.locator("#pick-old" if side == "before" else "#pick-new")
    select.select_option(label=name)
    page.locator("form", has=select).get_by_role("button").click()
    page.wait_for_load_state()
    return re.sub(r"\?.*$", "", page.url)


def take(base: str) -> None:
    IMG.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")

        page.goto(f"{base}/admin-units/")
        page.screenshot(path=IMG / "20-truoc-sau-toan-quoc.png")

        new_quang_ninh = province_url(page, base, "Tỉnh Quảng Ninh (22)", "after")
        page.goto(f"{new_quang_ninh}?on=01/07/2025")
        page.screenshot(path=IMG / "21-truoc-sau-tinh.png")

        page.goto(f"{new_quang_ninh}?on=30/06/2025&text=mong+cai")
        page.screenshot(path=IMG / "22-truoc-sau-loc.png", full_page=True)

        page.goto(f"{new_quang_ninh}?on=01/07/2025&divided=1")
        page.locator("#diagram").evaluate("e => e.scrollIntoView()")
        group = page.locator("svg.flows g.group", has=page.get_by_text("Xã Quảng Hà", exact=True))
        group.locator("g.new text").hover()
        page.screenshot(path=IMG / "23-truoc-sau-bi-chia.png")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server with the administrative units loaded")
    args = parser.parse_args()
    if args.url:
        take(args.url.rstrip("/"))
    else:
        with own_server() as url:
            take(url)


if __name__ == "__main__":
    main()
