"""`tinhgon report de-an-25 --scope REF --from D1 --to D2 --format docx|xlsx|html|pdf --out
FILE`: the Đề án 25 implementation report built from the records (reports.de_an_25)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.reports import de_an_25, render_pdf
from tinhgon.reports.render import RENDERERS

from .params import DATE, resolve


@click.group("report", help=gettext_lazy("Reports built from the records."))
def report() -> None:
    pass


@report.command(
    "de-an-25",
    help=gettext_lazy(
        "The report on carrying out Đề án 25 (streamlining the apparatus and the staffing) for "
        "a scope over a period, every figure computed from the records."
    ),
)
@click.option("--scope", "scope_ref", required=True, help=gettext_lazy("The scope (code or id)."))
@click.option("--from", "date_from", type=DATE, required=True, help=gettext_lazy("The first day."))
@click.option("--to", "date_to", type=DATE, required=True, help=gettext_lazy("The last day."))
@click.option(
    "--on",
    type=DATE,
    help=gettext_lazy(
        "The date of the party-organization figures (default: the date the report is signed)."
    ),
)
@click.option(
    "--posts-on",
    type=DATE,
    help=gettext_lazy("The date the unified posts are counted on (default: --to)."),
)
@click.option(
    "--interim",
    type=DATE,
    help=gettext_lazy(
        "A mid-term review's date: the reductions in the whole apparatus are counted up to it."
    ),
)
@click.option(
    "--term-start",
    type=DATE,
    help=gettext_lazy(
        "The next term's start: admissions of the period are counted over the whole years "
        "before it, later ones from it up to --on (default: from the records of terms and "
        "congresses)."
    ),
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(RENDERERS)),
    default="docx",
    show_default=True,
    help=gettext_lazy("The file format."),
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help=gettext_lazy("The file to write."),
)
@click.option(
    "--layout",
    type=click.Choice([de_an_25.PARTY, de_an_25.STATE]),
    default=de_an_25.PARTY,
    show_default=True,
    help=gettext_lazy(
        "The issuing body's layout: party (Guidance 36-HD/VPTW) or state (Decree 30/2020)."
    ),
)
@click.option("--number", default="", help=gettext_lazy("The document's number (left blank)."))
@click.option("--date", "issued_on", type=DATE, help=gettext_lazy("The date it is signed (today)."))
def de_an_25_report(
    scope_ref: str,
    date_from: dt.date,
    date_to: dt.date,
    on: dt.date | None,
    posts_on: dt.date | None,
    interim: dt.date | None,
    term_start: dt.date | None,
    fmt: str,
    out: Path,
    layout: str,
    number: str,
    issued_on: dt.date | None,
) -> None:
    scope = resolve(scope_ref, date_from)
    request = de_an_25.Request(
        scope=scope,
        date_from=date_from,
        date_to=date_to,
        on=on,
        posts_on=posts_on,
        interim=interim,
        term_start=term_start,
        layout=layout,
        number=number,
        issued_on=issued_on,
    )
    with click.progressbar(
        length=len(de_an_25.SECTIONS),
        label=_("Building the report"),
        file=sys.stderr,
    ) as bar:

        def progress(builders):  # type: ignore[no-untyped-def]
            for builder in builders:
                yield builder
                bar.update(1)

        built = de_an_25.build(request, progress=progress)
    if fmt == "pdf":
        render_pdf.soffice()  # refused before anything is written
    RENDERERS[fmt](built, out)
    click.echo(_("Written: %(path)s") % {"path": out})


COMMANDS = [report]
