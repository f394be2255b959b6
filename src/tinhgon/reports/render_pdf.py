"""The report as PDF: the .docx converted by LibreOffice headless (`soffice --headless
--convert-to pdf`), so the PDF has the same layout as the .docx."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from tinhgon.core.errors import DomainError, Problem

from . import render_docx
from .de_an_25 import Report

TIMEOUT = 180  # seconds


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        message = _("LibreOffice (soffice) is not installed: the PDF cannot be made.")
        raise DomainError(Problem("no_libreoffice", message, "format"))
    return found


def render(report: Report, path: Path) -> Path:
    path = Path(path)
    program = soffice()
    with tempfile.TemporaryDirectory() as work:
        source = render_docx.render(report, Path(work) / "report.docx")
        profile = Path(work) / "profile"  # its own profile: runs side by side never lock
        subprocess.run(  # noqa: S603 (LibreOffice found on PATH, fixed arguments)
            [
                program,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=TIMEOUT,
        )
        shutil.move(str(Path(work) / "report.pdf"), path)
    return path
