"""The indicator catalogue: every figure the resolutions set targets for, defined once, each
answering for a scope at a date or over a period, and able to explain itself (the records and
events behind the figure).

An indicator only assembles what the domain queries compute (registry, people, staffing,
party); it holds no rule of its own. The CLI (`tinhgon indicator`), the API
(`/api/indicators/`) and the web pages all call `compute`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tinhgon.accounts.access import subtree_ever, visible
from tinhgon.core.errors import DomainError
from tinhgon.core.memo import remembered
from tinhgon.party import queries as party
from tinhgon.people import queries as people
from tinhgon.people.queries import UnitRef, unit_ref
from tinhgon.registry import queries as registry
from tinhgon.registry.kinds import KIND_GROUP, EventKind, KindGroup, UnitKind
from tinhgon.registry.models import Unit
from tinhgon.staffing import queries as staffing

from .problems import problem


@dataclass
class Figure:
    """One number of a result: a count, or n of N with its rate."""

    key: str
    label: str
    value: float | None
    total: int | None = None
    rate: float | None = None


@dataclass
class Evidence:
    """A record or event behind a figure."""

    kind: str  # unit, event, place, reduction, member, employment
    id: int | None
    label: str
    on: dt.date | None = None
    detail: str = ""


@dataclass
class Result:
    key: str
    label: str
    scope: UnitRef
    on: dt.date | None
    date_from: dt.date | None
    date_to: dt.date | None
    value: float | None  # the headline figure
    unit: str  # what the value counts ("units", "%", "people"…)
    figures: list[Figure]
    evidence: list[Evidence] = field(default_factory=list)
    explained: bool = False


@dataclass(frozen=True)
class Period:
    """At a date (`on`) or over a period (`date_from` to `date_to`, both included)."""

    on: dt.date | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def last(self) -> dt.date:
        day = self.on or self.date_to
        assert day is not None
        return day


Compute = Callable[[Unit, Period, Mapping[str, str], bool], Result]


@dataclass(frozen=True)
class Indicator:
    key: str
    label: Promise
    description: Promise
    period: bool  # False: at a date; True: over a period
    params: tuple[str, ...]
    compute: Compute


CATALOGUE: dict[str, Indicator] = {}


def indicator(
    key: str, label: Promise, description: Promise, *, period: bool, params: tuple[str, ...] = ()
) -> Callable[[Compute], Compute]:
    def register(compute: Compute) -> Compute:
        CATALOGUE[key] = Indicator(key, label, description, period, params, compute)
        return compute

    return register


def _result(
    key: str, scope: UnitRef, when: Period, value: float | None, unit: str, figures: list[Figure]
) -> Result:
    return Result(
        key=key,
        label=str(CATALOGUE[key].label),
        scope=scope,
        on=when.on,
        date_from=when.date_from,
        date_to=when.date_to,
        value=value,
        unit=unit,
        figures=figures,
    )


def _unit_evidence(versions: list[Any]) -> list[Evidence]:
    return [
        Evidence("unit", v.unit_id, v.name, v.valid_from, str(UnitKind(v.kind).label))
        for v in versions
    ]


def _group_label(group: str) -> str:
    return str(KindGroup(group).label) if group in KindGroup.values else group


# ---------------------------------------------------------------------------- the registry


@indicator(
    "units_by_kind",
    _("units by kind"),
    _("The units of the scope's apparatus on a date, by group and by kind."),
    period=False,
)
def units_by_kind(scope: Unit, when: Period, params: Mapping[str, str], explain: bool) -> Result:
    version = registry.visible_version(scope, when.last, "scope")
    versions = [
        v for v in visible(registry.scope_versions(scope, when.last)) if v.unit_id != scope.pk
    ]
    groups = Counter(KIND_GROUP.get(v.kind, "") for v in versions)
    kinds = Counter(v.kind for v in versions)
    figures = [Figure(f"group:{g}", _group_label(g), n) for g, n in sorted(groups.items())]
    figures += [Figure(f"kind:{k}", str(UnitKind(k).label), n) for k, n in sorted(kinds.items())]
    result = _result("units_by_kind", unit_ref(version), when, len(versions), "units", figures)
    if explain:
        result.evidence = _unit_evidence(sorted(versions, key=lambda v: (v.kind, v.name)))
    return result


@indicator(
    "units_fewer",
    _("units fewer"),
    _(
        "How many units of each group and kind the apparatus had fewer at the end of a period "
        "than at its start (negative: more); the units that ended and started."
    ),
    period=True,
)
def units_fewer(scope: Unit, when: Period, params: Mapping[str, str], explain: bool) -> Result:
    assert when.date_from is not None and when.date_to is not None
    version = registry.visible_version(scope, when.date_from, "scope")
    found = registry.diff(scope, when.date_from, when.date_to)
    figures = [
        Figure(f"group:{row.group}", _group_label(row.group), -row.change, total=row.before)
        for row in found.by_group()
    ]
    figures += [
        Figure(f"kind:{row.kind}", str(UnitKind(row.kind).label), -row.change, total=row.before)
        for row in found.by_kind
    ]
    fewer = sum(-row.change for row in found.by_kind)
    result = _result("units_fewer", unit_ref(version), when, fewer, "units", figures)
    if explain:
        result.evidence = [
            Evidence("unit", v.unit_id, v.name, v.valid_to, str(_("ended"))) for v in found.ended
        ] + [
            Evidence("unit", v.unit_id, v.name, v.valid_from, str(_("started")))
            for v in found.started
        ]
    return result


@indicator(
    "consolidations",
    _("consolidations made"),
    _(
        "Consolidations and mergers of units of the scope that took effect in a period, with "
        "their legal basis."
    ),
    period=True,
)
def consolidations(scope: Unit, when: Period, params: Mapping[str, str], explain: bool) -> Result:
    assert when.date_from is not None and when.date_to is not None
    version = registry.visible_version(
        scope,
        when.date_from if registry.version_at(scope, when.date_from) else when.date_to,
        "scope",
    )
    ever = subtree_ever([scope.pk])
    found = [
        event
        for kind in (EventKind.CONSOLIDATE, EventKind.MERGE)
        for event in registry.events(
            date_from=when.date_from, date_to=when.date_to, kind=kind, among=ever
        )
    ]
    kinds = Counter(e.kind for e in found)
    figures = [
        Figure(k, str(EventKind(k).label), kinds[k])
        for k in (EventKind.CONSOLIDATE, EventKind.MERGE)
    ]
    result = _result("consolidations", unit_ref(version), when, len(found), "events", figures)
    if explain:
        result.evidence = [
            Evidence(
                "event",
                e.pk,
                e.title or str(EventKind(e.kind).label),
                e.effective_on,
                ", ".join(d.number for d in e.documents.all()),
            )
            for e in sorted(found, key=lambda e: (e.effective_on, e.pk))
        ]
    return result


# ---------------------------------------------------------------------------- people


def _policy(params: Mapping[str, str], required: bool) -> str:
    code = params.get("policy", "").strip()
    if required and not code:
        raise DomainError(problem("param_required", "policy", param="policy"))
    return code


@indicator(
    "unification_coverage",
    _("coverage of a unification policy"),
    _(
        "How many places of the scope comply with a post-unification policy on a date (n of N), "
        "and the places that do not, with the reason. Parameter: policy (its code)."
    ),
    period=False,
    params=("policy",),
)
def unification_coverage(
    scope: Unit, when: Period, params: Mapping[str, str], explain: bool
) -> Result:
    # Only the totals unless the places are asked for: counting them needs no place built.
    policy = _policy(params, True)
    found = (people.coverage if explain else people.coverage_count)(policy, scope, when.last)
    figure = Figure(
        "complying", str(_("complying places")), found.complying, found.total, found.rate
    )
    result = _result("unification_coverage", found.scope, when, found.complying, "places", [figure])
    if isinstance(found, people.Coverage):
        result.evidence = [
            Evidence(
                "place",
                (p.place or p.lead_unit).id,
                (p.place or p.lead_unit).name,
                None,
                str(_("complies")) if p.complies else p.reason_label,
            )
            for p in found.places
        ]
    return result


@indicator(
    "non_local_leaders",
    _("leaders who are not local"),
    _(
        "How many places are led by a person from another commune on a date (by default the "
        "commune party secretary; or the lead post of a policy). Parameter: policy (optional)."
    ),
    period=False,
    params=("policy",),
)
def non_local_leaders(
    scope: Unit, when: Period, params: Mapping[str, str], explain: bool
) -> Result:
    code = _policy(params, False)
    found = people.non_local(scope, when.last, policy=code or None)
    figures = [
        Figure("non_local", str(_("not local")), found.non_local, found.total, found.rate),
        Figure("local", str(_("local")), found.local),
        Figure("unknown", str(_("home commune not recorded")), found.unknown),
        Figure("vacant", str(_("vacant")), found.vacant),
    ]
    result = _result("non_local_leaders", found.scope, when, found.non_local, "places", figures)
    if explain:
        result.evidence = [
            Evidence(
                "place",
                (r.place or r.lead_unit).id,
                (r.place or r.lead_unit).name,
                None,
                r.locality_label,
            )
            for r in found.rows
        ]
    return result


# ---------------------------------------------------------------------------- staffing


@indicator(
    "headcount_vs_quota",
    _("headcount against quota"),
    _(
        "People employed on a date in the scope's apparatus against the staffing quota, by "
        "category."
    ),
    period=False,
)
def headcount_vs_quota(
    scope: Unit, when: Period, params: Mapping[str, str], explain: bool
) -> Result:
    found = staffing.staffing(scope, when.last)
    figures = [Figure(f"category:{r.category}", r.label, r.headcount, r.quota) for r in found.rows]
    figures.append(Figure("difference", str(_("headcount minus quota")), found.difference))
    result = _result("headcount_vs_quota", found.unit, when, found.headcount, "people", figures)
    result.figures.insert(0, Figure("headcount", str(_("headcount")), found.headcount, found.quota))
    if explain:
        result.evidence = [
            Evidence("unit", u.unit.id, u.unit.name, None, f"{u.headcount}/{u.quota or '–'}")
            for u in found.units
        ]
    return result


def _values(params: Mapping[str, str], name: str) -> list[str]:
    return [v.strip() for v in params.get(name, "").split(",") if v.strip()]


@indicator(
    "reductions",
    _("staff reductions"),
    _(
        "Staff reductions in a period by sector, form and legal basis. Parameters: sector, form, "
        "basis (comma-separated filters)."
    ),
    period=True,
    params=("sector", "form", "basis"),
)
def reductions(scope: Unit, when: Period, params: Mapping[str, str], explain: bool) -> Result:
    assert when.date_from is not None and when.date_to is not None
    found = staffing.reductions(
        scope,
        when.date_from,
        when.date_to,
        sectors=_values(params, "sector"),
        forms=_values(params, "form"),
        bases=_values(params, "basis"),
        rows=explain,
    )
    figures = (
        [Figure(f"sector:{c.key}", c.label, c.count) for c in found.by_sector]
        + [Figure(f"form:{c.key}", c.label, c.count) for c in found.by_form]
        + [Figure(f"basis:{c.key}", c.label, c.count) for c in found.by_basis]
    )
    result = _result("reductions", found.scope, when, found.total, "people", figures)
    if explain:
        result.evidence = [
            Evidence(
                "reduction",
                r.id,
                r.person.full_name if r.person else str(_("(person not shown)")),
                r.on,
                f"{r.unit.name}; {r.basis} {r.article}",
            )
            for r in found.rows
        ]
    return result


# ---------------------------------------------------------------------------- party


@indicator(
    "admissions",
    _("party members admitted"),
    _("Members admitted in a period, by year."),
    period=True,
)
def admissions(scope: Unit, when: Period, params: Mapping[str, str], explain: bool) -> Result:
    assert when.date_from is not None and when.date_to is not None
    found = party.admissions(scope, when.date_from, when.date_to, rows=explain)
    figures = [Figure(f"year:{c.key}", c.label, c.count) for c in found.by_year]
    result = _result("admissions", found.scope, when, found.total, "members", figures)
    if explain:
        result.evidence = [
            Evidence(
                "member",
                r.member_id,
                r.person.full_name if r.person else str(_("(person not shown)")),
                r.admitted_on,
                r.unit.name,
            )
            for r in found.rows
        ]
    return result


@indicator(
    "admission_rate",
    _("admission rate"),
    _(
        "For each calendar year of a period: members admitted over the members counted on "
        "1 January; the value is the average of those yearly rates."
    ),
    period=True,
)
def admission_rate(scope: Unit, when: Period, params: Mapping[str, str], explain: bool) -> Result:
    assert when.date_from is not None and when.date_to is not None
    found = party.admission_rates(scope, when.date_from.year, when.date_to.year)
    figures = [
        Figure(f"year:{y.year}", str(y.year), y.admissions, y.members_at_start, y.rate)
        for y in found.years
    ]
    return _result("admission_rate", found.scope, when, found.average_rate, "rate", figures)


@indicator(
    "party_organizations",
    _("party organizations by kind"),
    _(
        "Party organizations of the scope on a date by kind, the grassroots organizations and "
        "the party cells under grassroots committees, and the members they count."
    ),
    period=False,
)
def party_organizations(
    scope: Unit, when: Period, params: Mapping[str, str], explain: bool
) -> Result:
    found = party.org_counts(scope, when.last)
    figures = [
        Figure("grassroots", str(_("grassroots party organizations")), found.grassroots),
        Figure(
            "cells_under_committees",
            str(_("party cells under grassroots committees")),
            found.cells_under_committees,
        ),
        Figure("members", str(_("members")), found.members),
        Figure("official", str(_("official members")), found.official),
    ] + [Figure(f"kind:{c.key}", c.label, c.count) for c in found.by_kind]
    return _result(
        "party_organizations", found.scope, when, found.grassroots, "organizations", figures
    )


# ---------------------------------------------------------------------------- public service


AUTONOMY_ATTRIBUTE = "financial_autonomy"  # 1–4, Decree 60/2021/NĐ-CP Art. 9


@indicator(
    "public_service_autonomy",
    _("public service units by financial autonomy"),
    _(
        "Public service units of the scope on a date by level of financial autonomy (Decree "
        "60/2021: 1 self-financing recurrent and investment spending, 2 recurrent spending, 3 "
        "part of it, 4 state-funded), read from the unit's attribute `financial_autonomy`; "
        "units without it are counted as not recorded, never as zero."
    ),
    period=False,
)
def public_service_autonomy(
    scope: Unit, when: Period, params: Mapping[str, str], explain: bool
) -> Result:
    version = registry.visible_version(scope, when.last, "scope")
    units = [
        v
        for v in visible(registry.scope_versions(scope, when.last))
        if v.kind == UnitKind.PUBLIC_SERVICE_UNIT
    ]
    levels = Counter(str((v.attributes or {}).get(AUTONOMY_ATTRIBUTE, "")) for v in units)
    figures = [Figure(f"level:{n}", str(_("level %(n)s") % {"n": n}), levels[n]) for n in "1234"]
    figures.append(Figure("not_recorded", str(_("not recorded")), levels[""]))
    result = _result(
        "public_service_autonomy", unit_ref(version), when, len(units), "units", figures
    )
    if explain:
        result.evidence = _unit_evidence(sorted(units, key=lambda v: v.name))
    return result


# ---------------------------------------------------------------------------- entry point


def lookup(key: str) -> Indicator:
    found = CATALOGUE.get(key.strip())
    if found is None:
        raise DomainError(
            problem("unknown_indicator", "key", key=key, keys=", ".join(sorted(CATALOGUE)))
        )
    return found


@remembered
def compute(
    key: str,
    scope: Unit,
    *,
    on: dt.date | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    params: Mapping[str, str] | None = None,
    explain: bool = False,
) -> Result:
    """The indicator `key` for a scope at a date (`on`) or over a period, with the records
    behind it if `explain`."""
    found = lookup(key)
    params = params or {}
    unknown = sorted(set(params) - set(found.params))
    if unknown:
        raise DomainError(
            problem("unknown_param", unknown[0], param=unknown[0], params=", ".join(found.params))
        )
    if found.period:
        if date_from is None or date_to is None or on is not None:
            raise DomainError(problem("needs_period", "from", key=found.key))
        if date_to < date_from:
            raise DomainError(problem("period_reversed", "to", start=date_from, end=date_to))
        if (
            registry.version_at(scope, date_from) is None
            and registry.version_at(scope, date_to) is None
        ):
            raise DomainError(
                problem(
                    "scope_not_in_period",
                    "scope",
                    unit=registry.unit_label(scope),
                    start=date_from,
                    end=date_to,
                )
            )
        when = Period(date_from=date_from, date_to=date_to)
    else:
        if on is None or date_from is not None or date_to is not None:
            raise DomainError(problem("needs_date", "on", key=found.key))
        when = Period(on=on)
    result = found.compute(scope, when, params, explain)
    result.explained = explain
    return result
