"""The report as a standalone HTML page (a Django template; no inline script or style, so it
passes the site's Content Security Policy)."""

from __future__ import annotations

import base64
from pathlib import Path

from django.template.loader import render_to_string

from . import charts
from .de_an_25 import Report


def html(report: Report) -> str:
    rows = [
        {"table": table, "cells": [c for c in table.header_cells() if c.row == row]}
        for part in report.sections
        for table in part.tables
        for row in range(table.header_rows)
    ]
    figures = [  # the charts as images inside the page (CSP: img-src data:)
        {
            "section": part.key,
            "title": chart.title,
            "png": base64.b64encode(charts.png(chart)).decode(),
        }
        for part in report.sections
        for chart in part.charts
    ]
    context = {"report": report, "head": report.header, "header_rows": rows, "figures": figures}
    return render_to_string("reports/de_an_25.html", context)


def render(report: Report, path: Path) -> Path:
    path = Path(path)
    path.write_text(html(report), encoding="utf-8")
    return path
