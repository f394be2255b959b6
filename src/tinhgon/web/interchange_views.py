"""Spreadsheets in the UI: template downloads, the import page (upload, dry run, the problems
table, then apply) and list downloads (`?format=xlsx|csv` on list pages). The work is done by
tinhgon.interchange; this module only moves files between the browser and it.

An upload is kept in a temporary folder between the dry run and the apply, under a random
token remembered in the session; it is deleted once applied, and uploads older than a day
(checked, never applied) are removed whenever a new one is saved. The import runs within the
request for now (a background job will take it over for large files).
"""

from __future__ import annotations

import datetime as dt
import io
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from tinhgon.core.errors import DomainError, Problem
from tinhgon.interchange.exporting import list_rows
from tinhgon.interchange.importing import import_file
from tinhgon.interchange.sheets import CSV, XLSX, write_rows
from tinhgon.interchange.templates import KINDS, TEMPLATES, template_of
from tinhgon.interchange.workbook import template_workbook
from tinhgon.registry.models import Unit

from .views import page

UPLOADS = Path(tempfile.gettempdir()) / "tinhgon-imports"
KEEP_UPLOADS = dt.timedelta(days=1)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kinds() -> list[tuple[str, str]]:
    return [(kind, str(TEMPLATES[kind].title)) for kind in KINDS]


@require_safe
@page
def template_download(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "members")
    template_of(kind)  # an unknown kind is refused with a message
    content = io.BytesIO()  # a template is small
    template_workbook(kind).save(content)
    response = HttpResponse(content.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="mau-{kind}.xlsx"'
    return response


def remove_old_uploads() -> None:
    """Delete the kept uploads older than KEEP_UPLOADS: dry runs nobody applied."""
    limit = time.time() - KEEP_UPLOADS.total_seconds()
    for path in UPLOADS.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:  # removed meanwhile by another request
            pass


def _saved(request: HttpRequest) -> tuple[Path, str, str]:
    """The uploaded file, kept under a new token: (path, original name, token)."""
    upload = request.FILES.get("file")
    if upload is None:
        raise DomainError(Problem("required", _("Choose a file to import."), "file"))
    UPLOADS.mkdir(parents=True, exist_ok=True)
    remove_old_uploads()
    token = secrets.token_hex(16)
    path = UPLOADS / token
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    request.session[f"import-{token}"] = upload.name
    return path, upload.name or "", token


@require_http_methods(["GET", "POST"])
@page
def import_page(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"kinds": _kinds(), "kind": request.POST.get("kind", "members")}
    if request.method == "POST":
        kind = template_of(context["kind"]).kind
        token = request.POST.get("token", "")
        if token:  # apply what the dry run checked
            name = request.session.get(f"import-{token}")
            path = UPLOADS / token
            if not name or not token.isalnum() or not path.exists():
                raise DomainError(
                    Problem("expired", _("The checked file is gone: upload it again."), "file")
                )
            result = import_file(kind, path, name=name)
            if result.applied:
                path.unlink(missing_ok=True)
                del request.session[f"import-{token}"]
        else:
            path, name, token = _saved(request)
            result = import_file(kind, path, dry_run=True, name=name)
        context.update(result=result, token=token, file_name=name)
    return render(request, "web/interchange/import.html", context)


def list_download(
    request: HttpRequest, kind: str, on: dt.date, root: Unit | None
) -> HttpResponse | None:
    """The list as a file when the page is asked for ?format=xlsx or csv; None otherwise."""
    fmt = request.GET.get("format", "")
    if fmt not in (CSV, XLSX):
        return None
    header, rows = list_rows(kind, on=on, root=root)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"list.{fmt}"
        write_rows(path, fmt, header, rows, _("List"))
        content = path.read_bytes()
    response = HttpResponse(content, content_type=XLSX_TYPE if fmt == XLSX else "text/csv")
    name = f"{kind}-{on.isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
