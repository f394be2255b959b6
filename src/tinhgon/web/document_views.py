"""Correcting a legal document's details, with optimistic locking: an edit made on an old
revision is refused and both versions are shown side by side."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tinhgon.core.dates import parse_user_date
from tinhgon.core.errors import Conflict, DomainError, NotFound, Problem
from tinhgon.registry import queries
from tinhgon.registry.kinds import SourceStatus
from tinhgon.registry.models import LegalDocument
from tinhgon.registry.services import document_update

from .params import show
from .views import page


def _document(document_id: int) -> LegalDocument:
    document = queries.document(document_id)
    if document is None:
        message = _("No legal document has the id %(id)s.") % {"id": document_id}
        raise NotFound(Problem("document_not_found", message, "document"))
    return document


def _submitted(request: HttpRequest) -> tuple[int, dict[str, Any]]:
    """The revision and the changes a form sends; bad values name their field."""
    raw_revision = request.POST.get("revision", "")
    if not raw_revision.isdigit():
        raise DomainError(Problem("invalid_revision", _("The form is incomplete."), "revision"))
    status = request.POST.get("status", "")
    if status not in SourceStatus.values:
        message = _("Choose a source status from the list.")
        raise DomainError(Problem("invalid_choice", message, "status"))
    effective = request.POST.get("effective_on", "").strip()
    changes = {
        "title": request.POST.get("title", "").strip()[:500],
        "url": request.POST.get("url", "").strip()[:500],
        "status": status,
        "effective_on": parse_user_date(effective, "effective_on") if effective else None,
    }
    return int(raw_revision), changes


def _form(document: LegalDocument) -> dict[str, Any]:
    return {
        "title": document.title,
        "url": document.url,
        "status": document.status,
        "effective_on": show(document.effective_on) if document.effective_on else "",
        "revision": document.revision,
    }


@page
def document_edit(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _document(document_id)
    context: dict[str, Any] = {
        "document": document,
        "form": _form(document),
        "statuses": SourceStatus.choices,
    }
    if request.method == "POST":
        try:
            revision, changes = _submitted(request)
            document_update(document=document, revision=revision, changes=changes)
        except Conflict as conflict:
            current = _document(document_id)
            context.update(
                document=current,
                conflict=conflict,
                theirs=_form(current),
                # The form keeps what this user typed, now based on the latest revision.
                form={**context["form"], **request.POST.dict(), "revision": current.revision},
            )
            return render(request, "web/document_edit.html", context, status=409)
        except DomainError as error:
            context.update(problems=error.problems, form={**_form(document), **request.POST.dict()})
            status = 403 if error.codes == ["forbidden"] else 400
            return render(request, "web/document_edit.html", context, status=status)
        return redirect("web:document", document_id=document_id)
    return render(request, "web/document_edit.html", context)
