"""The report as a standalone HTML page (a Django template; no inline script or style, so it
passes the site's Content Security Policy)."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string

from .de_an_25 import Report


def html(report: Report) -> str:
    return render_to_string("reports/de_an_25.html", {"report": report, "head": report.header})


def render(report: Report, path: Path) -> Path:
    path = Path(path)
    path.write_text(html(report), encoding="utf-8")
    return path
