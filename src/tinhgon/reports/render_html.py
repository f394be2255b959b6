"""The report as a standalone HTML page (a Django template; no inline script or style, so it
passes the site's Content Security Policy)."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string

from .de_an_25 import Report


def html(report: Report) -> str:
    rows = [
        {"table": table, "cells": [c for c in table.header_cells() if c.row == row]}
        for part in report.sections
        for table in part.tables
        for row in range(table.header_rows)
    ]
    context = {"report": report, "head": report.header, "header_rows": rows}
    return render_to_string("reports/de_an_25.html", context)


def render(report: Report, path: Path) -> Path:
    path = Path(path)
    path.write_text(html(report), encoding="utf-8")
    return path
