"""Reports as background jobs (tinhgon.jobs): the web UI and the API ask for a report with
parameters as text (dates dd/mm/yyyy or YYYY-MM-DD), the job builds and renders it, reporting
progress section by section. The CLI builds the same reports directly."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from tinhgon.core.dates import parse_user_date, today
from tinhgon.core.errors import DomainError, Problem
from tinhgon.jobs.runner import Output, Progress, register
from tinhgon.party import stats
from tinhgon.registry.models import Unit
from tinhgon.registry.queries import unit_label, unit_resolve, version_at

from . import de_an_25, party_statistics, render_pdf
from .de_an_25 import Report
from .render import MIME, RENDERERS

DATES = ("from", "to", "on", "posts_on", "interim", "term_start", "date")
# The parameters each report takes (text; dates dd/mm/yyyy or YYYY-MM-DD).
FIELDS = {
    "de-an-25": (
        "scope",
        "from",
        "to",
        "on",
        "posts_on",
        "interim",
        "term_start",
        "layout",
        "format",
        "number",
        "date",
        "signer",
    ),
    "party-statistics": ("scope", "on", "format", "number", "date"),
}


def _text(params: Mapping[str, Any], name: str) -> str:
    value = params.get(name)
    return "" if value is None else str(value).strip()


def _date(params: Mapping[str, Any], name: str) -> dt.date | None:
    text = _text(params, name)
    return parse_user_date(text, name) if text else None


def _format(params: Mapping[str, Any]) -> str:
    fmt = _text(params, "format") or "docx"
    if fmt not in RENDERERS:
        raise DomainError(
            Problem(
                "format",
                _("The format is one of %(formats)s.") % {"formats": ", ".join(RENDERERS)},
                "format",
            )
        )
    if fmt == "pdf":
        render_pdf.soffice()  # refused now, not after the report is built
    return fmt


def de_an_25_request(params: Mapping[str, Any]) -> de_an_25.Request:
    """The request from text parameters; every missing or malformed one named at once."""
    problems = [
        Problem("required", _("This field is required."), name)
        for name in ("scope", "from", "to")
        if not _text(params, name)
    ]
    dates = {}
    for name in DATES:
        try:
            dates[name] = _date(params, name)
        except DomainError as error:
            problems += error.problems
    if problems:
        raise DomainError(problems)
    start = dates["from"]
    assert start is not None and dates["to"] is not None
    return de_an_25.Request(
        scope=unit_resolve(_text(params, "scope"), start, field="scope"),
        date_from=start,
        date_to=dates["to"],
        on=dates["on"],
        posts_on=dates["posts_on"],
        interim=dates["interim"],
        term_start=dates["term_start"],
        layout=_text(params, "layout") or de_an_25.PARTY,
        number=_text(params, "number"),
        issued_on=dates["date"],
        signer=_text(params, "signer"),
    )


def _name(scope: Unit, *days: dt.date) -> str:
    """The scope's name on the first of `days` it existed."""
    for day in days:
        version = version_at(scope, day)
        if version is not None:
            return version.name
    return unit_label(scope)


def _check_de_an_25(params: Mapping[str, Any]) -> str:
    fmt = _format(params)
    req = de_an_25_request(params)
    if req.layout not in (de_an_25.PARTY, de_an_25.STATE):
        raise DomainError(Problem("layout", _("The layout is “party” or “state”."), "layout"))
    return _("Đề án 25 report of %(scope)s, %(start)s–%(end)s (.%(format)s)") % {
        "scope": _name(req.scope, req.date_to, req.date_from),
        "start": req.date_from.strftime("%d/%m/%Y"),
        "end": req.date_to.strftime("%d/%m/%Y"),
        "format": fmt,
    }


def _rendered(report: Report, fmt: str, name: str) -> Output:
    with tempfile.TemporaryDirectory(prefix="tinhgon-report-") as folder:
        path = RENDERERS[fmt](report, Path(folder) / f"{name}.{fmt}")
        return Output(path.name, MIME[fmt], path.read_bytes())


def _work_de_an_25(params: Mapping[str, Any], progress: Progress) -> Output:
    fmt = _format(params)
    req = de_an_25_request(params)
    total = len(de_an_25.SECTIONS) + 1  # the sections, then the file

    def sections(builders: Iterator[de_an_25.Builder]) -> Iterator[de_an_25.Builder]:
        for done, builder in enumerate(builders):
            progress(done, total, _("Building the report"))
            yield builder

    report = de_an_25.build(req, progress=sections)
    progress(total - 1, total, _("Writing the file"))
    output = _rendered(report, fmt, f"bao-cao-de-an-25-{req.scope.pk}-{req.date_to.year}")
    progress(total, total)
    return output


def _statistics_request(params: Mapping[str, Any]) -> tuple[Unit, dt.date]:
    problems = []
    if not _text(params, "scope"):
        problems.append(Problem("required", _("This field is required."), "scope"))
    try:
        on = _date(params, "on") or today()
    except DomainError as error:
        problems += error.problems
    if problems:
        raise DomainError(problems)
    return unit_resolve(_text(params, "scope"), on, field="scope"), on


def _check_statistics(params: Mapping[str, Any]) -> str:
    fmt = _format(params)
    scope, on = _statistics_request(params)
    return _("Party membership statistics of %(scope)s on %(date)s (.%(format)s)") % {
        "scope": _name(scope, on),
        "date": on.strftime("%d/%m/%Y"),
        "format": fmt,
    }


def _work_statistics(params: Mapping[str, Any], progress: Progress) -> Output:
    fmt = _format(params)
    scope, on = _statistics_request(params)
    progress(0, 2, _("Counting the members"))
    table = stats.statistics(scope, on)
    progress(1, 2, _("Writing the file"))
    number, issued_on = _text(params, "number"), _date(params, "date")
    built = party_statistics.report(table, number=number, issued_on=issued_on)
    output = _rendered(built, fmt, f"thong-ke-dang-vien-{table.organization.id}-{on.isoformat()}")
    progress(2, 2)
    return output


def register_kinds() -> None:
    register("de-an-25", check=_check_de_an_25, work=_work_de_an_25)
    register("party-statistics", check=_check_statistics, work=_work_statistics)
