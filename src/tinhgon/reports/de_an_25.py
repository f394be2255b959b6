"""The Đề án 25 implementation report ("Báo cáo kết quả thực hiện Đề án 25") of a scope over a
period, built from the records: every figure is computed by `indicators.catalogue.compute` (or
a domain query) when the report is built, never typed in. A figure that cannot be counted is
said to have no data, never printed as 0.

The model (`Report`) is independent of the output: render_docx, render_xlsx, render_html and
render_pdf lay it out. Sections are built one by one (`SECTIONS`), so a caller can show progress.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from tinhgon.core.dates import today
from tinhgon.core.errors import DomainError, Problem
from tinhgon.core.memo import remembering
from tinhgon.indicators.catalogue import Result, compute
from tinhgon.party.queries import term_opening
from tinhgon.party.stats import ColumnGroup
from tinhgon.people.kinds import Track
from tinhgon.people.models import Term
from tinhgon.registry import queries as registry
from tinhgon.registry.kinds import EventKind
from tinhgon.registry.models import Event, Unit
from tinhgon.staffing import queries as staffing

from . import numbers as n
from .signature import Signature, signature

PARTY, STATE = "party", "state"
POST_POLICY = "commune-secretary-committee-chair"
SUBSET_SECTORS = "party,state,commune"  # party agencies, state management offices, communes
GROUPS = ("agency", "village", "school", "school_site")


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[str | int | None]]  # the first column is the row's label
    total: bool = True  # a last row adds up the number columns
    subtitle: str = ""
    # Headers over runs of columns after the first (a breakdown over its columns); none: every
    # column has a header of its own.
    groups: list[ColumnGroup] = field(default_factory=list)

    def header_cells(self) -> list[HeaderCell]:
        """The header as cells placed on a grid of one row (no groups) or two."""
        if not self.groups:
            return [HeaderCell(label, 0, i) for i, label in enumerate(self.columns)]
        cells = [HeaderCell(self.columns[0], 0, 0, rowspan=2)]
        col = 1
        for group in self.groups:
            if group.key:
                cells.append(HeaderCell(group.label, 0, col, colspan=group.span))
                cells += [HeaderCell(self.columns[col + i], 1, col + i) for i in range(group.span)]
            else:
                cells.append(HeaderCell(group.label, 0, col, rowspan=2))
            col += group.span
        return cells

    @property
    def header_rows(self) -> int:
        return 2 if self.groups else 1


@dataclass(frozen=True)
class HeaderCell:
    label: str
    row: int
    col: int
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Chart:
    """Bars: one series per name, one value per category (None: no data, no bar)."""

    title: str
    categories: list[str]
    series: list[tuple[str, list[int | None]]]


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Header:
    layout: str  # party (Guidance 36-HD/VPTW) or state (Decree 30/2020)
    superior: str  # "ĐẢNG BỘ TỈNH QUẢNG NINH"
    issuer: str  # "THÀNH ỦY MÓNG CÁI"
    number: str  # "Số 125-BC/TU" (party) or "Số: 125/BC-UBND" (state)
    place: str
    date: dt.date
    doc_type: str  # "BÁO CÁO"
    title: str

    @property
    def national(self) -> list[str]:
        if self.layout == PARTY:
            return ["ĐẢNG CỘNG SẢN VIỆT NAM"]
        return ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]

    @property
    def date_line(self) -> str:
        return f"{self.place}, {n.date_words(self.date, header=True)}"


@dataclass
class Report:
    header: Header
    sections: list[Section]
    scope_name: str
    date_from: dt.date
    date_to: dt.date
    signature: Signature | None = None
    landscape: bool = False  # wide tables (Decree 30/2020 allows landscape for tables)


@dataclass
class Request:
    """What the report is asked for. `on`: the date of the party-organization figures (a
    later report's date); `posts_on`: the date the posts are counted on (default: the end of
    the period); `interim`: a mid-term review's date, to which the reductions in the whole
    apparatus are counted too; `term_start`: the start of the next term (the members admitted
    in the period are counted over the whole calendar years before it, those admitted since
    up to `on`)."""

    scope: Unit
    date_from: dt.date
    date_to: dt.date
    on: dt.date | None = None
    posts_on: dt.date | None = None
    interim: dt.date | None = None
    term_start: dt.date | None = None
    layout: str = PARTY
    number: str = ""
    issued_on: dt.date | None = None
    superior: str = ""
    issuer: str = ""
    place: str = ""
    signer: str = ""  # the signer's name, when not the head post's holder on the report's date


def no_data() -> str:
    return _("no data")


def _figures(result: Result) -> dict[str, float | None]:
    return {f.key: f.value for f in result.figures}


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


def _ints(rows: list[list[str | int | None]], column: int) -> list[int | None]:
    return [v if isinstance(v, int) else None for v in (row[column] for row in rows)]


# ---------------------------------------------------------------------------- sections


def _group_phrase(group: str, value: int) -> str:
    phrases = {
        "agency": _("%(n)s agencies and units"),
        "village": _("%(n)s villages and residential quarters"),
        "school": _("%(n)s schools"),
        "school_site": _("%(n)s school sites"),
    }
    return phrases[group] % {"n": n.count(value)}


def apparatus(req: Request) -> Section:
    result = compute("units_fewer", req.scope, date_from=req.date_from, date_to=req.date_to)
    found = _figures(result)
    parts = [
        _group_phrase(g, int(value))
        for g in GROUPS
        if (value := found.get(f"group:{g}")) is not None and value > 0
    ]
    if parts:
        listed = ", ".join(parts[:-1]) + (f" {_('and')} " if len(parts) > 1 else "") + parts[-1]
        text = _(
            "From %(start)s to %(end)s units were consolidated and merged, leaving %(parts)s fewer."
        ) % {
            "start": n.short_date(req.date_from),
            "end": n.short_date(req.date_to),
            "parts": listed,
        }
    else:
        text = _("Units fewer in the apparatus: %(none)s.") % {"none": no_data()}
    rows: list[list[str | int | None]] = [
        [
            f.label,
            _int(f.total),
            None if f.value is None or f.total is None else int(f.total - f.value),
            _int(f.value),
        ]
        for f in result.figures
        if f.key.startswith("group:")
    ]
    table = Table(
        _("Units of the apparatus by group"),
        [_("Group"), _("At the start"), _("At the end"), _("Fewer")],
        rows,
    )
    chart = Chart(
        _("Units of the apparatus at the start and at the end of the period"),
        [str(row[0]) for row in rows],
        [(_("At the start"), _ints(rows, 1)), (_("At the end"), _ints(rows, 2))],
    )
    return Section("apparatus", _("Streamlining the apparatus"), [text], [table], [chart])


def consolidations(req: Request) -> Section:
    title = _("Consolidating party and state bodies")
    result = compute(
        "consolidations", req.scope, date_from=req.date_from, date_to=req.date_to, explain=True
    )
    kinds = _figures(result)
    if not result.evidence:
        return Section(
            "consolidations", title, [_("Consolidations: %(none)s.") % {"none": no_data()}]
        )
    lead = _(
        "%(consolidations)s consolidations and %(mergers)s mergers took effect; bodies with the "
        "same functions were consolidated:"
    ) % {
        "consolidations": n.count(_int(kinds.get(EventKind.CONSOLIDATE))),
        "mergers": n.count(_int(kinds.get(EventKind.MERGE))),
    }
    consolidated = set(
        Event.objects.filter(
            pk__in=[e.id for e in result.evidence], kind=EventKind.CONSOLIDATE
        ).values_list("pk", flat=True)
    )
    items = [
        "- "
        + _("%(title)s, from %(date)s (%(documents)s).")
        % {
            "title": e.label,
            "date": n.short_date(e.on) if e.on else no_data(),
            "documents": e.detail or _("no document recorded"),
        }
        for e in result.evidence
        if e.id in consolidated
    ]
    return Section("consolidations", title, [lead, *items])


def posts(req: Request) -> Section:
    on = req.posts_on or req.date_to
    coverage = compute(
        "unification_coverage", req.scope, on=on, params={"policy": POST_POLICY}
    ).figures[0]
    non_local = compute("non_local_leaders", req.scope, on=on).figures[0]
    if not coverage.total:
        text = _("Unification of posts on %(date)s: %(none)s.") % {
            "date": n.short_date(on),
            "none": no_data(),
        }
    else:
        text = _(
            "On %(date)s, in %(coverage)s communes and wards the party committee secretary was "
            "also the People's Committee chairperson; in %(non_local)s communes and wards the "
            "secretary was not a local person."
        ) % {
            "date": n.short_date(on),
            "coverage": n.of(_int(coverage.value), coverage.total),
            "non_local": n.of(_int(non_local.value), non_local.total),
        }
    return Section("posts", _("Unifying posts"), [text])


def reductions(req: Request) -> Section:
    subset = compute(
        "reductions",
        req.scope,
        date_from=req.date_from,
        date_to=req.date_to,
        params={"sector": SUBSET_SECTORS},
    )
    paragraphs = []
    if not subset.value:
        paragraphs.append(
            _(
                "Staff reductions in party agencies, state management offices and communes: "
                "%(none)s."
            )
            % {"none": no_data()}
        )
    else:
        decrees = [
            _("Decree No. %(number)s") % {"number": f.label} if "NĐ-CP" in f.label else f.label
            for f in subset.figures
            if f.key.startswith("basis:")
        ]
        paragraphs.append(
            _(
                "From %(start)s to %(end)s, %(count)s people paid from the state budget were "
                "reduced in the party agencies, the state management offices and the communes "
                "and wards, under %(decrees)s."
            )
            % {
                "start": n.short_date(req.date_from),
                "end": n.short_date(req.date_to),
                "count": n.count(_int(subset.value), zero_pad=False),
                "decrees": ", ".join(decrees),
            }
        )
    if req.interim:
        whole = compute("reductions", req.scope, date_from=req.date_from, date_to=req.interim)
        paragraphs.append(
            _(
                "Up to %(date)s, the reductions in all the agencies and units and the communes "
                "and wards came to %(count)s cadres, civil servants, public employees and "
                "workers."
            )
            % {
                "date": n.short_date(req.interim),
                "count": n.count(_int(whole.value), zero_pad=False) if whole.value else no_data(),
            }
        )
    rows: list[list[str | int | None]] = [
        [f.label, _int(f.value)] for f in subset.figures if f.key.startswith("basis:")
    ]
    tables = (
        [Table(_("Staff reductions by decree"), [_("Decree"), _("People")], rows)] if rows else []
    )
    return Section("reductions", _("Streamlining the staffing"), paragraphs, tables)


def shared_office(req: Request) -> Section:
    title = _("The shared advisory office of the Fatherland Front and the organizations")
    versions = [
        v
        for v in registry.scope_versions(req.scope, req.date_to)
        if v.kind == "shared_advisory_office"
    ]
    if not versions:
        return Section(
            "shared_office", title, [_("Shared advisory office: %(none)s.") % {"none": no_data()}]
        )
    paragraphs = []
    for version in versions:
        base_on = dt.date(req.date_from.year, 12, 31)
        on = min(dt.date(version.valid_from.year + 1, 12, 31), req.date_to)
        change = staffing.staff_change(version.unit, base_on, on, scope=False)
        paragraphs.append(
            _(
                "One shared advisory office was set up for the Fatherland Front and the "
                "socio-political organizations (%(name)s); its staff was %(now)s in %(year)s, "
                "%(fewer)s fewer than in %(base_year)s."
            )
            % {
                "name": version.name,
                "now": n.count(change.now),
                "year": on.year,
                "fewer": n.count(change.base - change.now),
                "base_year": base_on.year,
            }
        )
    return Section("shared_office", title, paragraphs)


def party_building(req: Request) -> Section:
    title = _("Building the party")
    last_year = (req.term_start.year - 1) if req.term_start else req.date_to.year
    admitted_to = min(dt.date(last_year, 12, 31), req.date_to)
    paragraphs = []
    admitted = compute("admissions", req.scope, date_from=req.date_from, date_to=admitted_to)
    rate = compute("admission_rate", req.scope, date_from=req.date_from, date_to=admitted_to)
    years = admitted_to.year - req.date_from.year + 1
    paragraphs.append(
        _(
            "In %(years)s years (%(first)s–%(last)s) %(count)s party members were admitted, on "
            "average %(rate)s of the membership a year."
        )
        % {
            "years": years,
            "first": req.date_from.year,
            "last": admitted_to.year,
            "count": n.count(_int(admitted.value), zero_pad=False) if admitted.value else no_data(),
            "rate": n.rate(rate.value) if rate.value is not None else no_data(),
        }
    )
    since = req.term_start or req.date_to + dt.timedelta(days=1)
    if req.on and req.on >= since:  # a later date: the organizations then, admissions since
        orgs = _figures(compute("party_organizations", req.scope, on=req.on))
        later = compute("admissions", req.scope, date_from=since, date_to=req.on)
        paragraphs.append(
            _(
                "On %(date)s the party organization had %(grassroots)s grassroots party "
                "organizations and %(cells)s party cells under grassroots committees; since "
                "%(since)s, %(count)s new members were admitted."
            )
            % {
                "date": n.short_date(req.on),
                "grassroots": n.count(_int(orgs.get("grassroots")))
                if orgs.get("grassroots") is not None
                else no_data(),
                "cells": n.count(_int(orgs.get("cells_under_committees")))
                if orgs.get("cells_under_committees") is not None
                else no_data(),
                "since": n.short_date(since),
                "count": n.count(_int(later.value), zero_pad=False) if later.value else no_data(),
            }
        )
    per_year = [f for f in rate.figures if f.key.startswith("year:")]
    chart = Chart(
        _("Party members admitted each year"),
        [f.label for f in per_year],
        [(_("Members admitted"), [_int(f.value) for f in per_year])],
    )
    return Section("party", title, paragraphs, charts=[chart] if per_year else [])


SECTIONS: list[Callable[[Request], Section]] = [
    apparatus,
    consolidations,
    posts,
    reductions,
    shared_office,
    party_building,
]


# ---------------------------------------------------------------------------- the header

_PARTY_BODY = {
    "Thành phố": "THÀNH ỦY",
    "Thị xã": "THỊ ỦY",
    "Huyện": "HUYỆN ỦY",
    "Tỉnh": "TỈNH ỦY",
    "Quận": "QUẬN ỦY",
}
_STATE_BODY = {
    "Thành phố": "THÀNH PHỐ",
    "Thị xã": "THỊ XÃ",
    "Huyện": "HUYỆN",
    "Tỉnh": "TỈNH",
    "Quận": "QUẬN",
}


def _split(name: str) -> tuple[str, str]:
    """ "Thành phố Móng Cái" → ("Thành phố", "Móng Cái")."""
    for prefix in _PARTY_BODY:
        if name.lower().startswith(prefix.lower() + " "):
            return prefix, name[len(prefix) + 1 :]
    return "", name


def _reported_to(layout: str, parent_name: str) -> str:
    """The superior body as prose names it among the recipients: "Tỉnh ủy Quảng Ninh"."""
    prefix, short = _split(parent_name)
    if not short:
        return ""
    if layout == PARTY:
        return f"{_PARTY_BODY.get(prefix, 'ĐẢNG BỘ').capitalize()} {short}"
    return f"UBND {prefix.lower() or 'tỉnh'} {short}"


def header(req: Request, scope_name: str, parent_name: str) -> Header:
    prefix, short = _split(scope_name)
    _p, parent_short = _split(parent_name) if parent_name else ("", "")
    if req.layout == PARTY:
        superior = req.superior or (f"ĐẢNG BỘ TỈNH {parent_short.upper()}" if parent_short else "")
        issuer = req.issuer or f"{_PARTY_BODY.get(prefix, 'ĐẢNG BỘ')} {short.upper()}"
        number = f"Số {req.number or '    '}-BC/TU"
    else:
        superior = req.superior or (f"UBND TỈNH {parent_short.upper()}" if parent_short else "")
        issuer = (
            req.issuer
            or f"ỦY BAN NHÂN DÂN {_STATE_BODY.get(prefix, '')} {short.upper()}".replace("  ", " ")
        )
        number = f"Số: {req.number or '    '}/BC-UBND"
    return Header(
        layout=req.layout,
        superior=superior,
        issuer=issuer,
        number=number,
        place=req.place or short,
        date=req.issued_on or today(),
        doc_type="BÁO CÁO",
        title=_("Results of carrying out Đề án 25 (%(start)s–%(end)s)")
        % {"start": req.date_from.year, "end": req.date_to.year},
    )


Builder = Callable[[Request], Section]


def build(
    req: Request, progress: Callable[[Iterator[Builder]], Iterator[Builder]] | None = None
) -> Report:
    """The report for the request. Refuses (DomainError, Vietnamese) a layout it does not know
    or a scope that existed at no point of the period; a period with no records at all is
    refused too rather than written as a report of zeros. The sections ask the same questions
    (the scope's apparatus on a day, an indicator): each is read once."""
    with remembering():
        return _build(req, progress)


def _build(
    req: Request, progress: Callable[[Iterator[Builder]], Iterator[Builder]] | None
) -> Report:
    if req.layout not in (PARTY, STATE):
        raise DomainError(Problem("layout", _("The layout is “party” or “state”."), "layout"))
    if req.date_to < req.date_from:
        raise DomainError(Problem("period_reversed", _("The period ends before it starts."), "to"))
    version = registry.version_at(req.scope, req.date_to) or registry.version_at(
        req.scope, req.date_from
    )
    if version is None:
        raise DomainError(
            Problem(
                "scope_not_in_period",
                _("%(unit)s did not exist in the period from %(start)s to %(end)s.")
                % {
                    "unit": registry.unit_label(req.scope),
                    "start": n.short_date(req.date_from),
                    "end": n.short_date(req.date_to),
                },
                "scope",
            )
        )
    parent = registry.version_at(version.parent, req.date_to) if version.parent else None
    req = dates_from_records(req)
    if not _has_data(req):  # refused before any section is built
        raise DomainError(
            Problem(
                "no_data",
                _(
                    "There are no records for %(unit)s from %(start)s to %(end)s: no report is "
                    "written."
                )
                % {
                    "unit": version.name,
                    "start": n.short_date(req.date_from),
                    "end": n.short_date(req.date_to),
                },
                "from",
            )
        )
    builders = iter(SECTIONS)
    found = [b(req) for b in (progress(builders) if progress else builders)]
    head = header(req, version.name, parent.name if parent else "")
    return Report(
        header=head,
        sections=found,
        scope_name=version.name,
        date_from=req.date_from,
        date_to=req.date_to,
        signature=signature(
            req.scope,
            req.layout,
            head.date,
            superior=_reported_to(req.layout, parent.name if parent else ""),
            name=req.signer,
        ),
    )


def dates_from_records(req: Request) -> Request:
    """The dates not given, from the records: the next term starts with the congress of the
    scope's party organization for the last party term that begins in the period (else with
    the term's start); the party organizations are counted on the day the report is signed."""
    term_start = req.term_start
    if term_start is None:
        # The last term to start in the period after its first year (a term starting in the
        # first year is the period's own).
        first_day = dt.date(req.date_from.year + 1, 1, 1)
        term = (
            Term.objects.filter(
                track=Track.PARTY, valid_from__gte=first_day, valid_from__lte=req.date_to
            )
            .order_by("-valid_from")
            .first()
        )
        term_start = term_opening(req.scope, term) if term else None
    return replace(req, term_start=term_start, on=req.on or req.issued_on or today())


def _has_data(req: Request) -> bool:
    """Whether the period has anything Đề án 25 reports on: a unit fewer or more, a
    consolidation or merger, a staff reduction. Party admissions alone (they go on every year)
    do not make a report of the scheme."""
    return any(
        compute(key, req.scope, date_from=req.date_from, date_to=req.date_to).value
        for key in ("units_fewer", "consolidations", "reductions")
    )
