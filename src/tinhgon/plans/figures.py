"""The figures a plan changes, read with the existing queries over the plan's scope on one
date: units by kind, party organizations, headcount against quotas, post-unification
coverage and every indicator with a target. Read once without the plan, once with it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tinhgon.indicators.targets import targets_for
from tinhgon.party import queries as party
from tinhgon.people import queries as people
from tinhgon.people.labels import choice_label
from tinhgon.people.queries import UnitRef
from tinhgon.registry.kinds import UnitKind
from tinhgon.registry.models import Unit
from tinhgon.registry.queries import scope_versions
from tinhgon.staffing import queries as staffing


@dataclass
class Row:
    """One line of a before/after table: a key, its label, and the figure."""

    key: str
    label: str
    value: float | None


@dataclass
class Figures:
    on: dt.date
    units: list[Row] = field(default_factory=list)  # by kind
    party: list[Row] = field(default_factory=list)  # organizations by kind, members
    small_cells: list[UnitRef] = field(default_factory=list)  # below the official minimum
    staffing: list[Row] = field(default_factory=list)  # headcount and quota by category
    coverage: list[Row] = field(default_factory=list)  # rate of each unification policy
    targets: list[Row] = field(default_factory=list)  # each indicator with a target


def _unit_rows(scope: Unit, on: dt.date) -> list[Row]:
    counts = Counter(v.kind for v in scope_versions(scope, on))
    return [Row(k, choice_label(UnitKind, k), n) for k, n in sorted(counts.items())]


def _party_rows(scope: Unit, on: dt.date) -> tuple[list[Row], list[UnitRef]]:
    counts = party.org_counts(scope, on)
    rows = [Row(f"org:{c.key}", c.label, c.count) for c in counts.by_kind]
    rows += [
        Row("grassroots", _("grassroots party organizations"), counts.grassroots),
        Row(
            "cells_under_committees",
            _("party cells under committees"),
            counts.cells_under_committees,
        ),
        Row("members", _("party members"), counts.members),
        Row("official", _("official members"), counts.official),
    ]
    small = [
        p.unit for p in party.structure_check(scope, on).problems if p.code == "too_few_official"
    ]
    rows.append(Row("small_cells", _("cells below the official minimum"), len(small)))
    return rows, small


def _staffing_rows(scope: Unit, on: dt.date) -> list[Row]:
    report = staffing.staffing(scope, on, scope=True)
    rows = []
    for r in report.rows:
        rows.append(Row(f"headcount:{r.category}", r.label, r.headcount))
        rows.append(
            Row(
                f"quota:{r.category}",
                _("quota: %(category)s") % {"category": r.label},
                r.quota,
            )
        )
    rows.append(Row("headcount", _("headcount"), report.headcount))
    return rows


def _coverage_rows(scope: Unit, on: dt.date) -> list[Row]:
    rows = []
    for policy in people.policies(on):
        found = people.coverage_count(policy.code, scope, on)
        rows.append(Row(f"coverage:{policy.code}", policy.name, found.rate))
    return rows


def _target_rows(scope: Unit, on: dt.date) -> list[Row]:
    return [
        Row(f"target:{e.target.code}", e.target.name, e.reading)
        for e in sorted(targets_for(scope, on), key=lambda e: e.target.code)
    ]


def figures(scope: Unit, on: dt.date) -> Figures:
    party_rows, small = _party_rows(scope, on)
    return Figures(
        on=on,
        units=_unit_rows(scope, on),
        party=party_rows,
        small_cells=small,
        staffing=_staffing_rows(scope, on),
        coverage=_coverage_rows(scope, on),
        targets=_target_rows(scope, on),
    )
