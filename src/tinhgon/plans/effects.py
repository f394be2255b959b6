"""What a plan's events did, read in batches over all of them (a plan may hold a hundred
events; a query per event and per unit would dominate its impact): the successors against the
norms, the flows of units, the people affected."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext

from tinhgon.party.models import Attachment
from tinhgon.people.invariants import chunks, places_of
from tinhgon.people.kinds import DEPUTY_TYPES, PostType
from tinhgon.people.labels import post_type_label
from tinhgon.people.models import DeputyRule, Holding
from tinhgon.people.queries import PersonRef, UnitRef, person_refs, unit_refs
from tinhgon.registry.kinds import Role
from tinhgon.registry.models import Event, EventUnit
from tinhgon.staffing.kinds import Subject
from tinhgon.staffing.models import Employment

# The staffing app's own readers of counts and quotas by unit, and of its surplus rules: the
# same figures as staffing.queries.staffing, for many successors at once.
from tinhgon.staffing.queries import (
    CategoryRow,
    add_years,
    category_rows,
    headcounts_by_unit,
    quotas_by_unit,
    surplus_rule,
)
from tinhgon.staffing.services import MERGER_KINDS

DAY = dt.timedelta(days=1)
LEADER_TYPES = (
    PostType.SECRETARY,
    PostType.CHAIR,
    PostType.HEAD,
    PostType.DIRECTOR,
    PostType.PRINCIPAL,
    PostType.VILLAGE_HEAD,
)


@dataclass
class PostCount:
    post_type: str
    label: str
    holders: int
    allowed: float | None  # the norm for the successor (None: no rule)
    surplus: int | None


@dataclass
class Successor:
    """A unit coming out of a merger or consolidation: its leaders and deputies (those of the
    units going in, pooled) against the norms, its staff against its quotas."""

    event_position: int | None
    unit: UnitRef
    inputs: list[UnitRef]
    leaders: list[PostCount]
    deputies: list[PostCount]
    deputy_deadline: dt.date | None
    staffing: list[CategoryRow]
    headcount: int
    quota: int | None
    staff_surplus: int
    staff_deadline: dt.date | None


@dataclass
class Flow:
    """An edge of the diagram: a unit going into a unit coming out."""

    source: UnitRef
    target: UnitRef
    kind: str
    share: str


@dataclass
class Affected:
    person: PersonRef
    roles: list[str]


class Effects:
    """The events' participants and the units' names on both sides of each date, read once."""

    def __init__(self, events: list[tuple[int | None, Event]]):
        self.events = events
        self.links: dict[int, list[EventUnit]] = defaultdict(list)
        for chunk in chunks([e.pk for _, e in events]):
            for link in EventUnit.objects.filter(event_id__in=chunk).order_by("id"):
                self.links[link.event_id].append(link)
        self.days = sorted({e.effective_on for _, e in events})
        ids_by_day: dict[dt.date, set[int]] = defaultdict(set)
        for _, event in events:
            ids_by_day[event.effective_on] |= {link.unit_id for link in self.links[event.pk]}
        self.before = {d: unit_refs(ids, d - DAY) for d, ids in ids_by_day.items()}
        self.after = {d: unit_refs(ids, d) for d, ids in ids_by_day.items()}

    def inputs(self, event: Event) -> list[EventUnit]:
        return [link for link in self.links[event.pk] if link.role == Role.INPUT]

    def outputs(self, event: Event) -> list[EventUnit]:
        return [link for link in self.links[event.pk] if link.role == Role.OUTPUT]

    # ------------------------------------------------------------------------ flows

    def flows(self) -> list[Flow]:
        found = []
        for _, event in self.events:
            before, after = self.before[event.effective_on], self.after[event.effective_on]
            outputs = self.outputs(event)
            for i in self.inputs(event):
                found += [
                    Flow(before[i.unit_id], after[o.unit_id], event.kind, i.share) for o in outputs
                ]
                if not outputs:  # a dissolution: the unit flows nowhere
                    found.append(Flow(before[i.unit_id], before[i.unit_id], event.kind, i.share))
        return found

    # ------------------------------------------------------------------------ successors

    def successors(self) -> list[Successor]:
        mergers = [
            (pos, e, self.outputs(e)[0].unit_id)
            for pos, e in self.events
            if e.kind in MERGER_KINDS and len(self.outputs(e)) == 1
        ]
        found = []
        for day in self.days:
            today = [(pos, e, s) for pos, e, s in mergers if e.effective_on == day]
            if today:
                found += self._successors(day, today)
        return found

    def _successors(
        self, day: dt.date, mergers: list[tuple[int | None, Event, int]]
    ) -> list[Successor]:
        successors = [s for _, _, s in mergers]
        pools = {s: {s, *(i.unit_id for i in self.inputs(e))} for _, e, s in mergers}
        # Those who lead and deputize in the units going in (and in a unit absorbing them) come
        # to the successor: the norm counts them together.
        held: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for chunk in chunks({u for pool in pools.values() for u in pool}):
            for unit_id, post_type, person_id in (
                Holding.objects.as_of(day - DAY)
                .filter(unit_id__in=chunk, post__post_type__in=[*LEADER_TYPES, *DEPUTY_TYPES])
                .values_list("unit_id", "post__post_type", "person_id")
            ):
                held[unit_id][post_type].add(person_id)
        places = places_of(successors, day)
        rules = sorted(
            (r for r in DeputyRule.objects.all() if r.holds_on(day)), key=lambda r: r.code
        )
        counts, quotas = headcounts_by_unit(successors, day), quotas_by_unit(successors, day)
        deputy_rule = surplus_rule(Subject.DEPUTIES, day)
        staff_rule = surplus_rule(Subject.STAFF, day)
        after, before = self.after[day], self.before[day]
        found = []
        for position, event, successor in mergers:
            pooled: dict[str, set[int]] = defaultdict(set)
            for unit_id in pools[successor]:
                for post_type, persons in held[unit_id].items():
                    pooled[post_type] |= persons
            unit = after[successor]
            place = places.get(successor)
            mine = [
                r
                for r in rules
                if r.unit_kind == unit.kind
                and (not r.place_kind or (place is not None and place.kind == r.place_kind))
            ]
            deputies = []
            for post_type in sorted(
                {t for t in pooled if t in DEPUTY_TYPES} | {r.post_type for r in mine}
            ):
                rule = next((r for r in mine if r.post_type == post_type), None)
                count = len(pooled.get(post_type, ()))
                # A body formed from several units may keep more deputies (NĐ 370/2025); the
                # unit that absorbs the others counts as one of them.
                bonus = min(len(pools[successor]) - 1, rule.merged_bonus) if rule else 0
                allowed = float(rule.number) + bonus if rule else None
                surplus = None if allowed is None else max(0, count - int(allowed))
                deputies.append(
                    PostCount(post_type, post_type_label(post_type), count, allowed, surplus)
                )
            leaders = [
                PostCount(t, post_type_label(t), len(pooled[t]), 1.0, max(0, len(pooled[t]) - 1))
                for t in LEADER_TYPES
                if pooled.get(t)
            ]
            rows = category_rows(quotas.get(successor, {}), counts.get(successor, {}))
            quota_values = [r.quota for r in rows if r.quota is not None]
            staff_surplus = sum(r.difference for r in rows if r.difference and r.difference > 0)
            over = any(d.surplus for d in deputies) or any(p.surplus for p in leaders)
            found.append(
                Successor(
                    event_position=position,
                    unit=unit,
                    inputs=[before[i.unit_id] for i in self.inputs(event)],
                    leaders=leaders,
                    deputies=deputies,
                    deputy_deadline=add_years(day, deputy_rule.years)
                    if deputy_rule and over
                    else None,
                    staffing=rows,
                    headcount=sum(r.headcount for r in rows),
                    quota=sum(quota_values) if quota_values else None,
                    staff_surplus=staff_surplus,
                    staff_deadline=add_years(day, staff_rule.years)
                    if staff_rule and staff_surplus
                    else None,
                )
            )
        return found

    # ------------------------------------------------------------------------ people

    def affected(self) -> tuple[list[Affected], int]:
        """The persons who hold a post, work or take part in party life, the day before, in a
        unit that an event names."""
        roles: dict[int, list[str]] = defaultdict(list)
        for day in self.days:
            names = self.before[day]
            ids = [
                link.unit_id
                for _, e in self.events
                if e.effective_on == day
                for link in self.links[e.pk]
            ]
            for chunk in chunks(set(ids)):
                for person_id, unit_id, post_type in (
                    Holding.objects.as_of(day - DAY)
                    .filter(unit_id__in=chunk)
                    .values_list("person_id", "unit_id", "post__post_type")
                ):
                    roles[person_id].append(f"{post_type_label(post_type)}, {names[unit_id].name}")
                for person_id, unit_id in (
                    Employment.objects.as_of(day - DAY)
                    .filter(unit_id__in=chunk)
                    .values_list("person_id", "unit_id")
                ):
                    roles[person_id].append(
                        gettext("works in %(unit)s") % {"unit": names[unit_id].name}
                    )
                for person_id, unit_id in (
                    Attachment.objects.as_of(day - DAY)
                    .filter(unit_id__in=chunk)
                    .values_list("member__person_id", "unit_id")
                ):
                    roles[person_id].append(
                        gettext("party member in %(unit)s") % {"unit": names[unit_id].name}
                    )
        refs = person_refs(roles)
        rows = [Affected(refs[pid], sorted(set(roles[pid]))) for pid in roles if pid in refs]
        rows.sort(key=lambda a: (a.person.full_name, a.person.id))
        return rows, len(roles)
