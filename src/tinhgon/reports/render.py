"""The formats a report is written in, and their media types."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import render_docx, render_html, render_pdf, render_xlsx
from .de_an_25 import Report

RENDERERS: dict[str, Callable[[Report, Path], Path]] = {
    "docx": render_docx.render,
    "xlsx": render_xlsx.render,
    "html": render_html.render,
    "pdf": render_pdf.render,
}
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}
