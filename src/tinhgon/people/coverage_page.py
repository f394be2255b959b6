"""A policy's coverage as a page shows it: the totals over every place, and one page of the
places (exceptions first), with the holders read for that page only.

`queries.coverage` builds a result row and reads the holders for every place (a province has
thousands of villages); a page of 50 places needs neither. The places are checked the same way
(`_universe`, `evaluate`); only what is built from the checks differs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from tinhgon.registry.models import Unit

from .invariants import chunks, versions_on
from .kinds import Locality
from .models import Person
from .policies import PlaceCheck
from .queries import (
    Coverage,
    PolicyRow,
    UnitRef,
    _home_equivalents,
    _led_commune,
    _locality,
    _rate,
    place_checks,
    place_results,
)


@dataclass
class CoveragePage:
    """The figures of `queries.Coverage` and one page of its places, exceptions first."""

    policy: PolicyRow
    scope: UnitRef
    on: dt.date
    in_force: bool
    complying: int
    total: int
    rate: float | None
    persons_shown: bool
    page: Page  # of PlaceResult
    locality: LocalityCounts


@dataclass
class LocalityCounts:
    """The figures of `queries.non_local` for the policy's lead post, without its rows."""

    non_local: int
    total: int
    rate: float | None
    local: int
    unknown: int
    vacant: int


def coverage_page(
    policy: str, scope: Unit, on: dt.date, *, page: int | str | None, per_page: int
) -> CoveragePage:
    """The coverage of `policy` in `scope` on `on`: n of N, and the places of page `page`
    (`per_page` a page; a page number out of range gives the last page)."""
    checked = place_checks(policy, scope, on)
    checks = checked.checks
    # The order of the page: exceptions first, then by name, as `queries.coverage` sorts.
    checks.sort(key=lambda c: (c.complies, c.lead.unit.name, c.lead.unit.unit_id))
    shown: Page = Paginator(checks, per_page).get_page(page)
    shown.object_list, persons_shown = place_results(list(shown.object_list))
    return CoveragePage(
        **checked.figures(),
        persons_shown=persons_shown,
        page=shown,
        # The places' lead posts are those `non_local(policy=…)` counts: reuse them.
        locality=locality_counts(checks, on),
    )


def locality_counts(checks: list[PlaceCheck], on: dt.date) -> LocalityCounts:
    """How many lead posts of the checked places are held by someone not from the place
    (as `queries.non_local` decides), from checks already made."""
    leads = [c.lead for c in checks]
    holders = {pid for lead in leads for pid in lead.person_ids}
    homes: dict[int, int | None] = {}
    for chunk in chunks(holders):
        homes.update(Person.objects.filter(pk__in=chunk).values_list("pk", "home_commune_id"))
    equivalents = _home_equivalents({h for h in homes.values() if h}, on)
    parents = versions_on(
        {lead.place.parent_id for lead in leads if lead.place and lead.place.parent_id}, on
    )
    counts = Counter(
        _locality(
            lead,
            _led_commune(lead.place, on, parents),
            sorted(lead.person_ids),
            homes,
            equivalents,
            on,
        )
        for lead in leads
    )
    total = len(leads)
    return LocalityCounts(
        non_local=counts[Locality.NON_LOCAL],
        total=total,
        rate=_rate(counts[Locality.NON_LOCAL], total),
        local=counts[Locality.LOCAL],
        unknown=counts[Locality.UNKNOWN],
        vacant=counts[Locality.VACANT],
    )


def places_page(result: Coverage, page: int | str | None, per_page: int) -> Page:
    """A page of an already computed coverage's places, exceptions first."""
    return Paginator([*result.exceptions, *result.complying_places], per_page).get_page(page)
