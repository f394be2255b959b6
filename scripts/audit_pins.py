"""Known vulnerabilities of the pinned packages, from PyPI's project pages, for machines whose
PyPI answers /pypi/NAME/json but not the per-release /pypi/NAME/VERSION/json that pip-audit
reads. A project page lists the vulnerabilities of the latest release only, so a pin that is
the latest release is audited; an older pin is reported as not audited. Exit 1 on any
vulnerability found."""

from __future__ import annotations

import json
import re
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

LOCK = Path(__file__).resolve().parent.parent / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;#]+)")


def pins() -> list[tuple[str, str]]:
    found = []
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            found.append((match.group(1), match.group(2)))
    return found


def newest_of_series(version: str, releases: dict[str, list[object]]) -> str:
    """The newest release sharing `version`'s major.minor (where a fix would be taken)."""
    series = version.split(".")[:2]

    def key(text: str) -> tuple[int, ...]:
        return tuple(int(part) if part.isdigit() else -1 for part in text.split("."))

    same = [r for r in releases if r.split(".")[:2] == series and releases[r]]
    return max(same, key=key, default=version)


def audit(pin: tuple[str, str]) -> tuple[str, str, str, list[str]]:
    name, version = pin
    url = f"https://pypi.org/pypi/{name}/json"
    with urllib.request.urlopen(url, timeout=30) as answer:
        page = json.load(answer)
    latest = page["info"]["version"]
    if latest != version:
        latest = f"{latest}; newest of its series: {newest_of_series(version, page['releases'])}"
    ids = [v.get("id", "?") for v in page.get("vulnerabilities") or []]
    return name, version, latest, ids


def main() -> int:
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(audit, pins()))
    vulnerable = [(n, v, ids) for n, v, latest, ids in results if v == latest and ids]
    older = [f"{n} {v} (latest {latest})" for n, v, latest, _ in results if v != latest]
    audited = len(results) - len(older)
    for name, version, ids in vulnerable:
        print(f"audit-pins: {name} {version} has known vulnerabilities: {', '.join(ids)}")
    print(f"audit-pins: {audited} pins are their project's latest release and were audited")
    if older:
        print(f"audit-pins: {len(older)} older pins not audited: {'; '.join(older)}")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
