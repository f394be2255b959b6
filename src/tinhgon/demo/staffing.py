"""The staff of the Móng Cái demo: who was employed where from 2015, the quotas, the staff
reductions and the staff carried by the 2017–2019 consolidations, such that the reported
figures of mong-cai.md come out of the records (computed by staffing.queries, never typed):

- "Since 2015, 156 people paid from the state budget were reduced in party agencies, state
  management offices and communes, under Decrees 26/2015, 108/2014 and 113/2018" (2020
  report): the reductions of 2015–2020 in the sectors party, state and commune.
- "264 cadres, civil servants, public employees and workers reduced in all the city's
  agencies, units, communes and wards" (2019 report): every reduction from 2015 to mid-2019.
  Both hold for the same records: 130 of the 156 fall before mid-2019, the other 134 of the
  264 in public service units and the Front's and mass organizations' offices.
- "the shared advisory office: staffing 21 in 2018, 14 fewer than in 2015": 35 people in the
  six staff sections in 2015; 5 reduced before the consolidation of 2017-07-01, which carries
  the other 30 to the new office (staffing.services.merger_carry), and 9 reduced after it.

The plan below says how many reductions fall in each sector and period; who is reduced, from
which unit, under which decree and in which sector comes from the records (the sector from
the unit's kind and place, the decree from the date). Persons are generated deterministically;
the numbers of staff per unit and the quotas are illustrative.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from tinhgon.demo.people import _ends, _People
from tinhgon.people.services import persons_register_bulk
from tinhgon.registry.eventspec import DocumentSpec
from tinhgon.registry.kinds import Role
from tinhgon.registry.models import EventUnit, UnitVersion
from tinhgon.registry.services import document_register
from tinhgon.staffing.kinds import Category, EndReason, Form, Work
from tinhgon.staffing.models import Employment
from tinhgon.staffing.services import (
    EmploymentRow,
    QuotaRow,
    ReductionRow,
    employments_start_bulk,
    merger_carry,
    quotas_set_bulk,
    reductions_record_bulk,
)

D = dt.date
DAY = dt.timedelta(days=1)
STAFF_FROM = D(2015, 1, 1)
QUOTA_YEARS = range(2015, 2021)
CONTRACTS_END = D(2018, 1, 1)  # the city ended contract workers in professional posts
SEED = 1945

# unit key → people employed on STAFF_FROM
PARTY = {
    "party_office": 12,
    "organization_board": 10,
    "propaganda_board": 9,
    "mobilization_board": 7,
    "inspection_committee": 8,
}
STATE = {
    "city_office": 20,
    "home_affairs": 8,
    "inspectorate": 8,
    "justice": 5,
    "finance": 10,
    "environment": 10,
    "labour_office": 8,
    "culture": 6,
    "education": 10,
    "health": 5,
    "economy": 9,
    "urban": 9,
}
PUBLIC_SERVICE = {
    "culture_center": 40,
    "broadcasting": 30,
    "project_board": 40,
    "market_board": 30,
    "land_fund": 30,
    "training_center": 20,
}
STAFF_SECTIONS = {
    "front_staff": 8,
    "women_staff": 6,
    "youth_staff": 6,
    "farmers_staff": 5,
    "veterans_staff": 5,
    "labour_staff": 5,
}
COMMUNE_STAFF = [Category.CADRE] * 4 + [Category.CIVIL_SERVANT] * 6 + [Category.NON_DEDICATED] * 2
# Contract workers: in professional posts of offices until 2018 (the practice the city ended),
# and in support work (drivers, guards) of the city office and public service units.
PROFESSIONAL_CONTRACTS = {"city_office": 2, "finance": 2, "environment": 2}
SUPPORT_CONTRACTS = {"city_office": 2, **dict.fromkeys(PUBLIC_SERVICE, 2)}


@dataclass
class Bucket:
    """So many reductions among the staff of some units, spread over months [start, end]."""

    group: str
    count: int
    start: dt.date
    end: dt.date


PLAN = [
    Bucket("party", 24, D(2015, 2, 1), D(2019, 6, 1)),
    Bucket("party", 6, D(2019, 8, 1), D(2020, 12, 1)),
    Bucket("party", 2, D(2021, 3, 1), D(2021, 6, 1)),
    Bucket("state", 42, D(2015, 2, 1), D(2019, 6, 1)),
    Bucket("state", 8, D(2019, 8, 1), D(2020, 12, 1)),
    Bucket("state", 2, D(2021, 3, 1), D(2021, 6, 1)),
    Bucket("commune", 64, D(2015, 2, 1), D(2019, 6, 1)),
    Bucket("commune", 12, D(2019, 8, 1), D(2020, 12, 1)),
    Bucket("public_service", 120, D(2015, 2, 1), D(2019, 6, 1)),
    Bucket("public_service", 10, D(2020, 1, 1), D(2020, 12, 1)),
    Bucket("mass", 5, D(2016, 1, 1), D(2017, 6, 1)),
    Bucket("mass", 9, D(2017, 9, 1), D(2018, 6, 1)),
]
FORMS = [Form.EARLY_RETIREMENT, Form.SEVERANCE, Form.EARLY_RETIREMENT, Form.TRANSFER_OUT]
# The cadres not re-elected at the 2015 congresses and the 2016 elections (Decree 26/2015).
NOT_REELECTED = (D(2015, 10, 1), D(2016, 12, 31))


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months = []
    day = start
    while day <= end:
        months.append(day)
        day = D(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months


def _case(day: dt.date, group: str, index: int) -> tuple[str, str]:
    """The case and form a reduction on `day` falls under: the decree in force then."""
    if (
        group in ("party", "commune")
        and NOT_REELECTED[0] <= day <= NOT_REELECTED[1]
        and index % 3 == 0
    ):
        return "nd26-a2", Form.RETIREMENT
    form = FORMS[index % len(FORMS)]
    if day >= D(2021, 1, 31):
        return "nd143-a1", form
    if day >= D(2018, 10, 15):
        return "nd113-a1-1", form
    return ("nd108-a6-1a" if index % 2 else "nd108-a6-1b"), form


def load_staffing(keys: dict[str, int], data: dict[str, Any]) -> dict[str, int]:
    """Employ the staff, set the quotas, carry the staff of the consolidations and record the
    reductions. Returns counts. Called by `load_demo` inside its transaction."""
    builder = _Builder(keys)
    builder.build()
    return builder.counts


class _Builder:
    def __init__(self, keys: dict[str, int]) -> None:
        self.keys = keys
        self.ends = _ends()
        self.people = _People(SEED)
        self.communes = sorted(
            set(
                UnitVersion.objects.filter(unit_id__in=keys.values(), kind="commune").values_list(
                    "unit_id", flat=True
                )
            )
        )
        self.rows: list[tuple[int, EmploymentRow]] = []  # (person index, row)
        self.counts: dict[str, int] = {}

    def employ(
        self,
        unit_id: int,
        category: str,
        *,
        work: str = Work.PROFESSIONAL,
        until: dt.date | None = None,
        reason: str = "",
    ) -> None:
        home = self.communes[len(self.rows) % len(self.communes)]
        index = self.people.new(home, women=0.45, born=(1962, 1992))
        position = {
            Category.CADRE: "Lãnh đạo",
            Category.CIVIL_SERVANT: "Chuyên viên",
            Category.PUBLIC_EMPLOYEE: "Viên chức chuyên môn",
            Category.CONTRACT: "Hợp đồng lao động",
            Category.NON_DEDICATED: "Người hoạt động không chuyên trách",
        }[Category(category)]
        end = until or self.ends.get(unit_id)
        self.rows.append(
            (
                index,
                EmploymentRow(
                    person_id=0,
                    unit_id=unit_id,
                    category=category,
                    valid_from=STAFF_FROM,
                    valid_to=end,
                    position=position,
                    work=Work.LEADERSHIP if category == Category.CADRE else work,
                    end_reason=reason,
                ),
            )
        )

    def build(self) -> None:
        groups: dict[str, list[int]] = {
            "party": [],
            "state": [],
            "commune": [],
            "public_service": [],
            "mass": [],
        }
        for key, n in PARTY.items():
            groups["party"].append(self.keys[key])
            for i in range(n):
                self.employ(self.keys[key], Category.CADRE if i < 2 else Category.CIVIL_SERVANT)
        for key, n in STATE.items():
            groups["state"].append(self.keys[key])
            for _ in range(n):
                self.employ(self.keys[key], Category.CIVIL_SERVANT)
        for key, n in PROFESSIONAL_CONTRACTS.items():
            for _ in range(n):
                self.employ(
                    self.keys[key],
                    Category.CONTRACT,
                    until=CONTRACTS_END,
                    reason=EndReason.CONTRACT_ENDED,
                )
        for key, n in SUPPORT_CONTRACTS.items():
            for _ in range(n):
                self.employ(self.keys[key], Category.CONTRACT, work=Work.SUPPORT)
        committees = list(
            UnitVersion.objects.filter(kind="peoples_committee", parent_id__in=self.communes)
            .order_by("unit_id")
            .values_list("unit_id", flat=True)
            .distinct()
        )
        for unit_id in committees:
            groups["commune"].append(unit_id)
            for category in COMMUNE_STAFF:
                self.employ(unit_id, category)
        for key, n in PUBLIC_SERVICE.items():
            groups["public_service"].append(self.keys[key])
            for _ in range(n):
                self.employ(self.keys[key], Category.PUBLIC_EMPLOYEE)
        for key, n in STAFF_SECTIONS.items():
            groups["mass"].append(self.keys[key])
            for i in range(n):
                self.employ(self.keys[key], Category.CADRE if i < 1 else Category.CIVIL_SERVANT)
        persons = persons_register_bulk(rows=self.people.rows)
        rows = []
        for index, row in self.rows:
            row.person_id = persons[index].pk
            rows.append(row)
        employments_start_bulk(rows=rows)
        events = self._mergers()
        for _, successor, inputs in events:
            for group in groups.values():
                if set(inputs) & set(group) and successor not in group:
                    group.append(successor)
        self._quotas(events)
        self._reductions(groups, events)
        self.counts = {"persons": len(persons), "employments": Employment.objects.count()}

    def _mergers(self) -> list[tuple[int, int, list[int]]]:
        """The consolidations and mergers whose inputs had staff: (event, successor, inputs)."""
        staffed = {row.unit_id for _, row in self.rows}
        found: dict[int, tuple[int, list[int]]] = {}
        links = EventUnit.objects.filter(event__kind__in=["merge", "consolidate"]).select_related(
            "event"
        )
        by_event: dict[int, list[EventUnit]] = {}
        for link in links:
            by_event.setdefault(link.event_id, []).append(link)
        dates = {}
        for event_id, parts in by_event.items():
            inputs = [p.unit_id for p in parts if p.role == Role.INPUT and p.ends]
            outputs = [p.unit_id for p in parts if p.role == Role.OUTPUT]
            if len(outputs) == 1 and set(inputs) & staffed:
                found[event_id] = (outputs[0], inputs)
                dates[event_id] = parts[0].event.effective_on
        return [
            (e, s, i)
            for e, (s, i) in sorted(found.items(), key=lambda item: (dates[item[0]], item[0]))
        ]

    def _quotas(self, events: list[tuple[int, int, list[int]]]) -> None:
        """A quota per unit, category and year: the staff of 2015 (or of the day a successor
        starts), less 2% a year, by an illustrative decision of the province."""
        document = document_register(
            spec=DocumentSpec(
                number="08/QĐ-UBND (minh họa)",
                issuer="Ủy ban nhân dân tỉnh Quảng Ninh",
                kind="decision",
                signed_on=D(2014, 12, 20),
                title="Giao biên chế công chức, số lượng người làm việc trong các cơ quan, đơn "
                "vị của thành phố Móng Cái các năm 2015–2020 (số hiệu minh họa)",
            )
        )
        self.document = document
        base: dict[int, Counter[str]] = {}
        for _, row in self.rows:
            if row.category != Category.CONTRACT:
                base.setdefault(row.unit_id, Counter())[row.category] += 1
        carried = {s: set(i) for _, s, i in events}
        rows = []
        for unit_id, counts in sorted(base.items()):
            end = self.ends.get(unit_id)
            for year in QUOTA_YEARS:
                if end is not None and end <= D(year, 1, 1):
                    continue
                for category, n in sorted(counts.items()):
                    rows.append(
                        QuotaRow(
                            unit_id,
                            category,
                            math.ceil(n * (1 - 0.02 * (year - 2015))),
                            document.pk,
                            year=year,
                        )
                    )
        for successor, inputs in carried.items():
            start = min(
                UnitVersion.objects.filter(unit_id=successor).values_list("valid_from", flat=True)
            )
            total: Counter[str] = Counter()
            for uid in inputs:
                total.update(base.get(uid, Counter()))
            if successor in base:
                continue  # an absorbing unit keeps its own quota
            for year in QUOTA_YEARS:
                if year < start.year:
                    continue
                for category, n in sorted(total.items()):
                    number = math.ceil(n * (1 - 0.05 * (year - start.year)) * 0.85)
                    rows.append(QuotaRow(successor, category, number, document.pk, year=year))
        quotas_set_bulk(rows=rows)

    def _reductions(
        self, groups: dict[str, list[int]], events: list[tuple[int, int, list[int]]]
    ) -> None:
        planned: list[tuple[dt.date, str, int]] = []
        for bucket in PLAN:
            months = _months(bucket.start, bucket.end)
            for i in range(bucket.count):
                planned.append((months[i * len(months) // bucket.count], bucket.group, i))
        planned.sort()
        carry_days = sorted({self._event_day(e) for e, _, _ in events})
        reduced: set[int] = set()
        phase_start = D(1900, 1, 1)
        for boundary in [*carry_days, D(9999, 1, 1)]:
            rows = []
            for day, group, index in planned:
                if not (phase_start < day <= boundary):
                    continue
                candidates = list(
                    Employment.objects.as_of(day - DAY)
                    .filter(unit_id__in=groups[group])
                    .exclude(category=Category.CONTRACT)
                    .exclude(person_id__in=reduced)
                    .order_by("unit_id", "id")
                    .values_list("person_id", flat=True)
                )
                person = candidates[(index * 7) % len(candidates)]
                reduced.add(person)
                case, form = _case(day, group, index)
                rows.append(ReductionRow(person_id=person, on=day, form=form, case=case))
            if rows:
                reductions_record_bulk(rows=rows)
                self.counts["reductions"] = self.counts.get("reductions", 0) + len(rows)
            for event_id, _, _ in events:
                if self._event_day(event_id) == boundary:
                    merger_carry(event=event_id)
            phase_start = boundary

    @staticmethod
    def _event_day(event_id: int) -> dt.date:
        from tinhgon.registry.models import Event

        return Event.objects.get(pk=event_id).effective_on
