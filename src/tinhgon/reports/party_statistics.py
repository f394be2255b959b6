"""The party statistics table (party.stats) as a report: the header of the party layout, the
table with its breakdowns as grouped headers, landscape. It renders through the same
renderers as the Đề án 25 report (.docx, .xlsx, .html, .pdf)."""

from __future__ import annotations

import datetime as dt
import io

from django.utils.translation import gettext as _

from tinhgon.party.stats import StatisticsTable, capfirst, column_groups
from tinhgon.registry import queries as registry
from tinhgon.registry.models import Unit

from . import numbers as n
from . import render_xlsx
from .de_an_25 import PARTY, Header, Report, Request, Section, Table, header


def table_of(stats: StatisticsTable) -> Table:
    return Table(
        title=_("Party membership statistics: %(organization)s")
        % {"organization": stats.organization.name},
        subtitle=_("Scope: %(scope)s; on %(date)s")
        % {"scope": stats.scope.name, "date": stats.on.strftime("%d/%m/%Y")},
        columns=[capfirst(_("Party organization")), *(capfirst(c.label) for c in stats.columns)],
        rows=[[row.unit.name, *row.values] for row in stats.rows],
        groups=column_groups(stats.columns),
    )


def report(stats: StatisticsTable, *, number: str = "", issued_on: dt.date | None = None) -> Report:
    """The report of the table; the header is the party committee's of the scope."""
    scope = Unit.objects.get(pk=stats.scope.id)
    version = registry.version_at(scope, stats.on)
    parent = registry.version_at(version.parent, stats.on) if version and version.parent else None
    request = Request(
        scope=scope,
        date_from=stats.on,
        date_to=stats.on,
        layout=PARTY,
        number=number,
        issued_on=issued_on,
    )
    head: Header = header(request, stats.scope.name, parent.name if parent else "")
    head.title = _("Party membership statistics on %(date)s") % {"date": n.short_date(stats.on)}
    section = Section("statistics", capfirst(_("Party members")), [], [table_of(stats)])
    return Report(
        header=head,
        sections=[section],
        scope_name=stats.scope.name,
        date_from=stats.on,
        date_to=stats.on,
        landscape=True,
    )


def xlsx(stats: StatisticsTable) -> bytes:
    """The table as the bytes of an .xlsx workbook (the page's and the CLI's download)."""
    out = io.BytesIO()
    render_xlsx.workbook(report(stats)).save(out)
    return out.getvalue()
