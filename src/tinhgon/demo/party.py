"""The party members of the Móng Cái demo: the city's party organizations, who was a member
where from 2015, admissions, confirmations, deaths and other ends, transfers, posts in the
organizations, ratings, congresses, candidates and targets, such that the party figures of
mong-cai.md come out of the records (computed by party.queries, never typed):

- "Term 2015–2020: 908 members admitted in 5 years, 5.1% per year on average of the
  membership" (2020 report): the admissions of each calendar year 2015–2019 are fixed below
  (ADMISSIONS); the membership on 1 January 2015 (STOCK) and the ends of each year (DEATHS,
  OTHER_ENDS) are chosen so that the mean of the five yearly rates (admissions in the year /
  members on its 1 January) is 5.1%.
- "857 members admitted since the start of the 2020–2025 term" (2024 report): the admissions
  from 2020-07-01 (the term's start; no congress of the city's organization is recorded) to
  2024-10-09.
- "36 grassroots party organizations and 263 party cells under grassroots committees" (2024
  report): the 17 commune committees of demo/people.py with their village cells, plus the
  organizations registered here (mong_cai.yaml `party`): in each commune the cells of its
  office, military, police and schools; six grassroots committees of the city's agencies with
  58 cells; 13 grassroots cells.

Members take part in a cell (official attachments); every person of demo/people.py (secretaries,
chairs, village heads…) is an official member before their first post, in the cell of that post
or of their commune's office. Cells follow the registry: the cells of the two villages merged
in 2015, of the primary and lower secondary schools consolidated in 2019 and of Hòa Lạc (merged
into Trần Phú on 2024-11-01) hand their members over by official transfers. On 2025-07-01
(demo/reform.py) the cells go on under the new communes' party committees with their members,
and the city's other organizations pass to the provincial party committee.

The records begin on 2010-01-01 (mong_cai.yaml `baseline_from`): a member admitted before then
keeps the true admission date and is in the cell from that day (`AdmissionRow.in_cell_from`),
the decision reading "Số liệu đầu kỳ" (on the first books).

The size rules are kept (3+ official members in a cell, a cell committee from 9 official
members, grassroots cells under 30 members) except for two breaks left for the structure check
to find (SMALL_CELL, NO_COMMITTEE). Persons are generated deterministically (seeded).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from tinhgon.demo.people import (
    GIVEN,
    HIGHLAND,
    MIDDLE,
    RECORDS_FROM,
    SURNAMES,
    TERM_2020,
    _ends,
    _NewUnit,
    _register_units,
)
from tinhgon.party import services as party
from tinhgon.party.kinds import AttachmentKind, EndReason, Grade, Occupation, Stage
from tinhgon.party.rules import add_months, probation_end, structure_rule_on
from tinhgon.people.kinds import EndReason as HoldingEnd
from tinhgon.people.kinds import Manner, PostType
from tinhgon.people.models import Holding, Person
from tinhgon.people.services import (
    HoldingRow,
    PersonRow,
    PostRow,
    holdings_start_bulk,
    persons_register_bulk,
    posts_create_bulk,
)
from tinhgon.registry.kinds import UnitKind as K
from tinhgon.registry.models import UnitVersion

D = dt.date
DAY = dt.timedelta(days=1)
SEED = 1930
STOCK = 3260  # members on 2015-01-01
STOCK_ON = D(2015, 1, 1)
MEETING_DAY = 5  # cells meet monthly (Statute Art. 24)
LAST_DAY = D(2025, 6, 15)  # the last admission or end recorded before the city ends

# Admissions per period, first and last day included (1 January is avoided: a member admitted
# on it would count both in the year and in the membership at its start).
ADMISSIONS: list[tuple[dt.date, dt.date, int]] = [
    (D(2010, 1, 2), D(2010, 12, 31), 118),
    (D(2011, 1, 2), D(2011, 12, 31), 124),
    (D(2012, 1, 2), D(2012, 12, 31), 131),
    (D(2013, 1, 2), D(2013, 12, 31), 137),
    (D(2014, 1, 2), D(2014, 12, 31), 146),
    # 908 in 2015–2019 (2020 report)
    (D(2015, 1, 2), D(2015, 12, 31), 174),
    (D(2016, 1, 2), D(2016, 12, 31), 178),
    (D(2017, 1, 2), D(2017, 12, 31), 183),
    (D(2018, 1, 2), D(2018, 12, 31), 184),
    (D(2019, 1, 2), D(2019, 12, 31), 189),
    (D(2020, 1, 2), D(2020, 6, 30), 86),
    # 857 from the 2020–2025 term's start to the 2024 report
    (D(2020, 7, 1), D(2020, 12, 31), 97),
    (D(2021, 1, 2), D(2021, 12, 31), 205),
    (D(2022, 1, 2), D(2022, 12, 31), 212),
    (D(2023, 1, 2), D(2023, 12, 31), 208),
    (D(2024, 1, 2), D(2024, 10, 9), 135),
    (D(2024, 10, 10), D(2024, 12, 31), 57),
    (D(2025, 1, 2), LAST_DAY, 51),
]
DEATHS = {
    2015: 22,
    2016: 23,
    2017: 25,
    2018: 24,
    2019: 26,
    2020: 27,
    2021: 31,
    2022: 28,
    2023: 26,
    2024: 28,
    2025: 13,
}
OTHER_ENDS: list[tuple[int, str]] = [
    (2016, EndReason.NOT_CONFIRMED),
    (2016, EndReason.STRUCK_OFF),
    (2017, EndReason.LEFT),
    (2018, EndReason.STRUCK_OFF),
    (2018, EndReason.STRUCK_OFF),
    (2019, EndReason.EXPELLED),
    (2021, EndReason.STRUCK_OFF),
    (2022, EndReason.NOT_CONFIRMED),
    (2023, EndReason.STRUCK_OFF),
]
# Rated "did not fulfil duties" in 2023 and 2024, struck off in 2025 (Statute Art. 8, ground 4).
STRUCK_OFF_2025 = [D(2025, 3, 20), D(2025, 4, 10)]
RATED_YEARS = (2023, 2024)

# The two rule breaks the structure check must find: a kindergarten's cell with two official
# members (and one probationary from 2024), a hospital cell of 9+ official members that has not
# elected a cell committee.
SMALL_CELL = "bac_son.kindergarten"
NO_COMMITTEE = "hospital.internal"

# Each commune committee's cells besides the villages': key, name, profile, members on
# 2015-01-01 in a ward / a rural commune.
COMMUNE_CELLS = [
    ("office", "Chi bộ Cơ quan {place}", "commune_office", 18, 15),
    ("military", "Chi bộ Quân sự {place}", "army", 4, 4),
    ("police", "Chi bộ Công an {place}", "police", 8, 5),
]
SCHOOL_MEMBERS = {"kindergarten": 5, "primary": 7, "secondary": 8}
VILLAGE_MEMBERS = {"ward": 24, "rural_commune": 14, "highland": 11}


@dataclass(frozen=True)
class Profile:
    """Who the members of a kind of cell are."""

    women: float
    born: tuple[int, int]  # birth years of the members on the 2015 books
    ages: tuple[int, int]  # ages at admission
    occupation: str  # "" for village cells: by age and place
    education: tuple[tuple[str, int], ...]
    rate: float  # admissions a year per member


UNI, MASTER, COLLEGE, VOC = "university", "master", "college", "vocational"
UPPER, LOWER, PRIMARY = "upper_secondary", "lower_secondary", "primary"
PROFILES = {
    "village": Profile(0.36, (1928, 1990), (19, 45), "", (), 0.04),
    "commune_office": Profile(
        0.38,
        (1962, 1990),
        (22, 38),
        Occupation.PUBLIC_SERVANT,
        ((UNI, 55), (COLLEGE, 15), (UPPER, 15), (VOC, 10), (MASTER, 5)),
        0.05,
    ),
    "office": Profile(
        0.45,
        (1960, 1990),
        (23, 40),
        Occupation.PUBLIC_SERVANT,
        ((UNI, 68), (MASTER, 17), (COLLEGE, 10), (UPPER, 5)),
        0.05,
    ),
    "police": Profile(
        0.12,
        (1965, 1993),
        (20, 32),
        Occupation.ARMED_FORCES,
        ((UNI, 55), (COLLEGE, 30), (MASTER, 5), (UPPER, 10)),
        0.09,
    ),
    "army": Profile(
        0.05,
        (1965, 1994),
        (19, 30),
        Occupation.ARMED_FORCES,
        ((COLLEGE, 30), (UNI, 35), (UPPER, 30), (MASTER, 5)),
        0.12,
    ),
    "school": Profile(
        0.78,
        (1962, 1990),
        (22, 40),
        Occupation.PUBLIC_SERVANT,
        ((UNI, 72), (COLLEGE, 23), (MASTER, 5)),
        0.07,
    ),
    "health": Profile(
        0.62,
        (1962, 1990),
        (23, 40),
        Occupation.PUBLIC_SERVANT,
        ((UNI, 50), (COLLEGE, 25), (VOC, 20), (MASTER, 5)),
        0.07,
    ),
    "business": Profile(
        0.40,
        (1962, 1990),
        (23, 40),
        Occupation.BUSINESS,
        ((UNI, 60), (COLLEGE, 20), (VOC, 15), (UPPER, 5)),
        0.06,
    ),
}
VILLAGE_EDUCATION = {
    "elder": ((PRIMARY, 15), (LOWER, 45), (UPPER, 35), (UNI, 5)),
    "ward": ((LOWER, 15), (UPPER, 45), (VOC, 12), (COLLEGE, 8), (UNI, 20)),
    "rural_commune": ((LOWER, 30), (UPPER, 45), (VOC, 12), (COLLEGE, 5), (UNI, 8)),
    "highland": ((LOWER, 40), (UPPER, 40), (VOC, 10), (COLLEGE, 5), (UNI, 5)),
}
VILLAGE_WORK = {
    "ward": (
        (Occupation.BUSINESS, 35),
        (Occupation.WORKER, 20),
        (Occupation.OTHER, 25),
        (Occupation.PUBLIC_SERVANT, 15),
        (Occupation.FARMER, 5),
    ),
    "rural_commune": (
        (Occupation.FARMER, 60),
        (Occupation.WORKER, 15),
        (Occupation.BUSINESS, 10),
        (Occupation.OTHER, 10),
        (Occupation.PUBLIC_SERVANT, 5),
    ),
}
ELDER_BORN = 1956  # village members born up to this year were retired by 2015
ETHNIC_SURNAMES = {
    "dao": ["Triệu", "Bàn", "Lý", "Chìu", "Đặng", "Tằng", "Phùn"],
    "tay": ["Hoàng", "Nông", "Lục", "Vi", "Lương", "Hà", "Ninh"],
    "san_chay": ["Lâm", "Trương", "Lưu", "Diệp"],
    "san_diu": ["Lâm", "Trương", "Lưu", "Diệp", "Dương"],
    "hoa": ["Lương", "Trương", "Lâm", "Quách", "Lý", "Hầu"],
    "nung": ["Nông", "Lý", "Hoàng", "Vi"],
}


@dataclass
class _Org:
    """A party organization of the plan: registered here (`new`) or by demo/people.py."""

    key: str
    name: str
    kind: str
    parent: int | str  # a recorded unit, or the key of an organization registered with it
    start: dt.date
    end: dt.date | None
    profile: str = ""  # "" for committees (members are in cells)
    commune: str = ""  # the commune key of a commune's organization
    stock: int = 0  # members on 2015-01-01
    territory: int | None = None
    new: bool = True
    unit_id: int = 0
    successor: str = ""  # the cell that takes its members when it ends
    weight: float = 0.0  # share of the admissions
    committee: bool = True  # elects a cell committee when it has 9+ official members


@dataclass(eq=False)
class _Member:
    person: int  # a Person id, or an index in the new persons' rows if `new`
    new: bool
    birth: dt.date
    cell: str
    admitted_on: dt.date
    considered_on: dt.date
    occupation: str
    decision: str = ""
    before_records: dt.date | None = None  # the true admission of a member on the first books
    elder: bool = False
    protected: bool = False  # holds a post, or kept for a figure: no random end or move
    decided_on: dt.date | None = None  # confirmation
    end_on: dt.date | None = None
    end_reason: str = ""
    moves: list[tuple[dt.date, str]] = field(default_factory=list)  # official transfers
    temporary: tuple[dt.date, str, dt.date] | None = None
    holds: bool = False  # chosen for a post
    member_id: int = 0


def load_party(keys: dict[str, int], data: dict[str, Any]) -> dict[str, int]:
    """Register the city's party organizations, members and their records. Returns counts.
    Called by `load_demo` after `load_people` and `load_staffing`, inside its transaction."""
    builder = _Builder(keys, data)
    builder.plan()
    builder.write()
    return builder.counts


class _Builder:
    def __init__(self, keys: dict[str, int], data: dict[str, Any]) -> None:
        self.keys = keys
        self.data = data
        self.opening: dt.date = data["baseline_from"]
        self.rng = random.Random(SEED)  # noqa: S311 (illustrative data, not secrets)
        self.ends = _ends()
        self.city_party = keys["city_party"]
        self.city_end = self.ends[self.city_party]
        self.communes = {c["key"]: c for c in data["communes"]}
        self.orgs: dict[str, _Org] = {}
        self.members: list[_Member] = []
        self.rows: list[PersonRow] = []
        self.candidates: list[tuple[_Member | int, str, str, dt.date]] = []
        self.holders: list[tuple[str, str, _Member, dt.date, dt.date | None]] = []
        self.not_fulfilled: list[_Member] = []
        self.frozen: dict[int, list[tuple[dt.date, str]]] = {}  # segments, once planned
        self.too_young: set[int] = set()  # on the 2015 books, admitted in 2010–2014
        self.counts: dict[str, int] = {}

    # ------------------------------------------------------------------ organizations

    def event(self, name: str) -> dict[str, Any]:
        found: dict[str, Any] = next(e[name] for e in self.data["events"] if name in e)
        return found

    def add(self, org: _Org) -> _Org:
        self.orgs[org.key] = org
        return org

    def plan_orgs(self) -> None:
        """The commune committees and village cells of demo/people.py, and each commune's
        office, military, police and school cells."""
        from tinhgon.demo.loader import SCHOOL_TYPES, _short_name

        versions = list(
            UnitVersion.objects.filter(
                kind__in=[K.GRASSROOTS_PARTY_COMMITTEE, K.PARTY_CELL, K.SCHOOL]
            ).values_list("unit_id", "kind", "territory_id", "name")
        )
        committee_of = {t: u for u, k, t, _ in versions if k == K.GRASSROOTS_PARTY_COMMITTEE}
        cell_of = {t: u for u, k, t, _ in versions if k == K.PARTY_CELL}
        school_named = {n: u for u, k, _, n in versions if k == K.SCHOOL}
        merged = self.event("school_consolidations")
        self.schools_merged: dt.date = merged["effective_on"]
        for key, commune in self.communes.items():
            party_id = committee_of[self.keys[key]]
            end = self.ends[party_id]
            self.add(
                _Org(
                    key=f"{key}.party",
                    name="",
                    kind=K.GRASSROOTS_PARTY_COMMITTEE,
                    parent=self.city_party,
                    start=self.opening,
                    end=end,
                    commune=key,
                    new=False,
                    unit_id=party_id,
                )
            )
            subtype = commune["subtype"]
            size = "highland" if key in HIGHLAND else subtype
            for number in range(1, commune["villages"] + 1):
                cell = cell_of[self.keys[f"{key}.village.{number}"]]
                self.add(
                    _Org(
                        key=f"{key}.cell.{number}",
                        name="",
                        kind=K.PARTY_CELL,
                        parent=party_id,
                        start=self.opening,
                        end=self.ends[cell],
                        profile="village",
                        commune=key,
                        stock=VILLAGE_MEMBERS[size],
                        new=False,
                        unit_id=cell,
                    )
                )
            short = _short_name(commune["name"])
            place = f"{'phường' if subtype == 'ward' else 'xã'} {short}"
            for cell_key, name, profile, ward, rural in COMMUNE_CELLS:
                self.add(
                    _Org(
                        key=f"{key}.{cell_key}",
                        name=name.format(place=place),
                        kind=K.PARTY_CELL,
                        parent=party_id,
                        start=self.opening,
                        end=end,
                        profile=profile,
                        commune=key,
                        stock=ward if subtype == "ward" else rural,
                    )
                )
            for school_type, label in SCHOOL_TYPES.items():
                consolidated = key in merged["communes"] and school_type != "kindergarten"
                self.add(
                    _Org(
                        key=f"{key}.{school_type}",
                        name=f"Chi bộ {label} {short}",
                        kind=K.PARTY_CELL,
                        parent=party_id,
                        start=self.opening,
                        end=self.schools_merged if consolidated else end,
                        profile="school",
                        commune=key,
                        stock=SCHOOL_MEMBERS[school_type],
                        territory=self.keys[f"{key}.{school_type}"],
                        successor=f"{key}.primary_secondary" if consolidated else "",
                    )
                )
            if key in merged["communes"]:
                school = f"Trường Tiểu học và THCS {short}"
                self.add(
                    _Org(
                        key=f"{key}.primary_secondary",
                        name=f"Chi bộ {school}",
                        kind=K.PARTY_CELL,
                        parent=party_id,
                        start=self.schools_merged,
                        end=end,
                        profile="school",
                        commune=key,
                        territory=school_named[school],
                        weight=SCHOOL_MEMBERS["primary"] + SCHOOL_MEMBERS["secondary"],
                    )
                )
        self.city_orgs()
        self.successors(list(SCHOOL_TYPES))

    def city_orgs(self) -> None:
        """The grassroots committees of the city's agencies with their cells, and the
        grassroots cells (mong_cai.yaml `party`)."""
        spec = self.data["party"]
        for committee in spec["committees"]:
            key = committee["key"]
            self.add(
                _Org(
                    key=key,
                    name=committee["name"],
                    kind=K.GRASSROOTS_PARTY_COMMITTEE,
                    parent=self.city_party,
                    start=self.opening,
                    end=self.city_end,
                )
            )
            for number, cell in enumerate(committee["cells"], start=1):
                cell_key = f"{key}.{cell.get('key', number)}"
                self.add(
                    _Org(
                        key=cell_key,
                        name=cell["name"],
                        kind=K.PARTY_CELL,
                        parent=key,
                        start=self.opening,
                        end=self.city_end,
                        profile=committee["profile"],
                        stock=cell["members"],
                        committee=cell_key != NO_COMMITTEE,
                    )
                )
        for number, cell in enumerate(spec["grassroots_cells"], start=1):
            self.add(
                _Org(
                    key=f"grassroots.{number}",
                    name=cell["name"],
                    kind=K.GRASSROOTS_PARTY_CELL,
                    parent=self.city_party,
                    start=self.opening,
                    end=self.city_end,
                    profile=cell["profile"],
                    stock=cell["members"],
                )
            )

    def successors(self, school_types: list[str]) -> None:
        """Where the members of an ending cell go: the absorbing village's cell (2015), the
        consolidated school's (2019, set above), Trần Phú's cells for Hòa Lạc's (2024); the
        schools' cells go on under Trần Phú's committee (a new unit: the registry ends Hòa
        Lạc's with their committee)."""
        for commune, gone, kept in self.event("village_merges")["pairs"]:
            self.orgs[f"{commune}.cell.{gone}"].successor = f"{commune}.cell.{kept}"
        tran_phu = self.orgs["tran_phu.party"]
        hoa_lac = self.orgs["hoa_lac.party"]
        for number in range(1, self.communes["hoa_lac"]["villages"] + 1):
            kept = (number - 1) % self.communes["tran_phu"]["villages"] + 1
            self.orgs[f"hoa_lac.cell.{number}"].successor = f"tran_phu.cell.{kept}"
        for cell_key, *_ in COMMUNE_CELLS:
            self.orgs[f"hoa_lac.{cell_key}"].successor = f"tran_phu.{cell_key}"
        assert hoa_lac.end is not None
        for school_type in school_types:
            before = self.orgs[f"hoa_lac.{school_type}"]
            after = self.add(
                _Org(
                    key=f"hoa_lac.{school_type}.after",
                    name=before.name,
                    kind=K.PARTY_CELL,
                    parent=tran_phu.unit_id,
                    start=hoa_lac.end,
                    end=tran_phu.end,
                    profile="school",
                    commune="tran_phu",
                    territory=before.territory,
                    weight=before.stock,
                )
            )
            before.successor = after.key

    @staticmethod
    def alive(org: _Org, on: dt.date) -> bool:
        return org.start <= on and (org.end is None or on < org.end)

    def cells(self) -> list[_Org]:
        return [o for o in self.orgs.values() if o.profile]

    def named(self, name: str) -> _Org:
        return next(o for o in self.orgs.values() if o.name == name)

    # ------------------------------------------------------------------ persons and dates

    def person(self, home: str, profile: str, birth: dt.date) -> int:
        """A new person (an index in `rows`): gender, ethnicity and education by the profile
        and the home commune (Dao and Tày in the highland communes, as in demo/people.py)."""
        rng = self.rng
        gender = "female" if rng.random() < PROFILES[profile].women else "male"
        commune = self.communes[home]
        if home in HIGHLAND:
            ethnicity = rng.choices(["dao", "tay", "kinh", "san_chay"], [55, 15, 25, 5])[0]
        elif commune["subtype"] == "ward":
            ethnicity = rng.choices(["kinh", "hoa", "tay", "nung"], [93, 3, 3, 1])[0]
        else:
            ethnicity = rng.choices(["kinh", "tay", "dao", "san_diu"], [86, 6, 5, 3])[0]
        surname = rng.choice(ETHNIC_SURNAMES.get(ethnicity, SURNAMES))
        name = f"{surname} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
        if profile == "village":
            size = "highland" if home in HIGHLAND else commune["subtype"]
            weights = VILLAGE_EDUCATION["elder" if birth.year < 1950 else size]
        else:
            weights = PROFILES[profile].education
        education = rng.choices([w[0] for w in weights], [w[1] for w in weights])[0]
        self.rows.append(
            PersonRow(
                full_name=name,
                gender=gender,
                birth_date=birth,
                ethnicity=ethnicity,
                home_commune_id=self.keys[home],
                education=education,
            )
        )
        return len(self.rows) - 1

    def home(self, org: _Org) -> str:
        if org.commune and (org.profile == "village" or self.rng.random() < 0.7):
            return org.commune
        keys = list(self.communes)
        weights = [2 if self.communes[k]["subtype"] == "ward" else 1 for k in keys]
        return self.rng.choices(keys, weights)[0]

    def occupation(self, org: _Org, birth: dt.date) -> str:
        profile = PROFILES[org.profile]
        if profile.occupation:
            return profile.occupation
        if birth.year <= ELDER_BORN:
            return Occupation.RETIRED if self.rng.random() < 0.9 else Occupation.OTHER
        work = VILLAGE_WORK[self.communes[org.commune]["subtype"]]
        return self.rng.choices([w[0] for w in work], [w[1] for w in work])[0]

    def day(self, first: dt.date, last: dt.date) -> dt.date:
        """A day in [first, last], never 1 January."""
        found = first + DAY * self.rng.randint(0, (last - first).days)
        return found + DAY if (found.month, found.day) == (1, 1) else found

    def meeting(self, admitted: dt.date) -> dt.date:
        """The cell's monthly meeting (the 5th) that considered an admission decided on
        `admitted`: at least a week before it."""
        held = admitted.replace(day=MEETING_DAY)
        if (admitted - held).days < 7:
            held = add_months(held, -1)
        return max(self.opening, held)

    def birth_for(self, on: dt.date, ages: tuple[int, int]) -> dt.date:
        """A birth date giving an age in `ages` (full years) on `on`."""
        age = self.rng.randint(*ages)
        return add_months(on, -12 * age) - DAY * self.rng.randint(1, 360)

    # ------------------------------------------------------------------ the plan

    def plan(self) -> None:
        self.plan_orgs()
        self.people_py()
        self.special()
        self.stock()
        self.admissions()
        self.transfers()
        self.losses()
        self.confirmations()
        self.frozen = {id(m): self.segments(m) for m in self.members}
        self.posts()
        self.pipeline()

    def member(
        self,
        person: int,
        new: bool,
        birth: dt.date,
        cell: str,
        admitted: dt.date,
        work: str,
        considered: dt.date | None = None,
    ) -> _Member:
        """A membership. One admitted before the records begin is planned from their first
        day (in the cell since then) and written with its true admission date."""
        if (admitted.month, admitted.day) == (1, 1):
            admitted += DAY
        decision = ""
        before_records = None
        if admitted < self.opening:
            decision, before_records = "Số liệu đầu kỳ", admitted
            admitted = considered = self.opening
        elif considered is None:
            considered = self.meeting(admitted)
        return _Member(
            person=person,
            new=new,
            birth=birth,
            cell=cell,
            admitted_on=admitted,
            considered_on=considered,
            occupation=work,
            decision=decision,
            before_records=before_records,
            elder=birth.year <= ELDER_BORN,
        )

    def people_py(self) -> None:
        """Every person of demo/people.py is an official member before their first post: in
        the cell of the post or of its village, else in the office cell of the commune, else
        (the city's board heads) in the cell of the city's party boards."""
        units = {
            v.unit_id: v
            for v in UnitVersion.objects.filter(
                unit_id__in=Holding.objects.values("unit_id")
            ).order_by("valid_from")
        }
        village_cells = {o.unit_id: o.key for o in self.orgs.values() if o.profile == "village"}
        cell_of_village = {
            self.keys[f"{c}.village.{n}"]: f"{c}.cell.{n}"
            for c, commune in self.communes.items()
            for n in range(1, commune["villages"] + 1)
        }
        commune_key = {self.keys[c]: c for c in self.communes}
        first: dict[int, tuple[dt.date, int]] = {}
        for person_id, unit_id, start in Holding.objects.order_by("valid_from", "id").values_list(
            "person_id", "unit_id", "valid_from"
        ):
            first.setdefault(person_id, (start, unit_id))
        births = dict(Person.objects.filter(pk__in=first).values_list("pk", "birth_date"))
        boards = self.named("Chi bộ Các ban xây dựng Đảng").key
        for person_id in sorted(first):
            start, unit_id = first[person_id]
            version = units[unit_id]
            work = Occupation.PUBLIC_SERVANT
            if unit_id in village_cells:
                cell, work = village_cells[unit_id], Occupation.OTHER
            elif version.kind == K.VILLAGE:
                cell, work = cell_of_village[unit_id], Occupation.OTHER
            elif version.kind == K.GRASSROOTS_PARTY_COMMITTEE:
                cell = f"{commune_key[version.territory_id or 0]}.office"
            elif version.parent_id in commune_key:
                cell = f"{commune_key[version.parent_id]}.office"
            else:
                cell = boards
            birth = births[person_id]
            assert birth is not None  # demo/people.py dates every birth
            # Probation (12 months) and the decision end before the first post starts.
            latest = add_months(start, -12) - DAY * 45
            earliest = add_months(birth, 12 * 18) + DAY * 40
            wanted = add_months(birth, 12 * self.rng.randint(22, 35))
            admitted = max(earliest, min(wanted + DAY * self.rng.randint(0, 300), latest))
            found = self.member(person_id, False, birth, cell, admitted, work)
            found.protected = True
            self.members.append(found)

    def generated(self, org: _Org, admitted: dt.date | None = None) -> _Member:
        """A new person admitted into `org` on `admitted`, or (None) one of the members on the
        books on 2015-01-01, admitted at 19–32 but before the records began (those of
        2010–2014 are drawn by `stock`)."""
        profile = PROFILES[org.profile]
        rng = self.rng
        if admitted is None:
            low, high = profile.born
            elder = org.profile == "village" and rng.random() < 0.45
            year = rng.randint(low, ELDER_BORN) if elder else rng.randint(ELDER_BORN + 1, high)
            birth = D(year, rng.randint(1, 12), rng.randint(1, 28))
            at = add_months(birth, 12 * rng.randint(19, 32)) + DAY * rng.randint(0, 300)
            adult = add_months(birth, 12 * 18) + DAY * 30
            if at >= self.opening:
                at = self.opening - DAY * rng.randint(1, 700)
            considered = None
            if at < adult:  # born too late: one of the admissions of 2010–2014
                at = self.opening - DAY
        else:
            considered = self.meeting(admitted)
            birth = self.birth_for(considered, profile.ages)
            at = admitted
        index = self.person(self.home(org), org.profile, birth)
        work = self.occupation(org, birth)
        found = self.member(index, True, birth, org.key, at, work, considered)
        if admitted is None and at < adult:
            self.too_young.add(id(found))
        return found

    def special(self) -> None:
        """The small kindergarten cell: two members on the books, one admitted in 2024."""
        org = self.orgs[SMALL_CELL]
        org.stock = 2
        for admitted in (None, None, D(2024, 5, 17)):
            found = self.generated(org, admitted)
            found.protected = True
            self.members.append(found)

    def stock(self) -> None:
        """The members on 2015-01-01: STOCK in all, the village cells' sizes scaled to it;
        each year 2010–2014 its admissions, the youngest first."""
        cells = [o for o in self.cells() if self.alive(o, STOCK_ON)]
        existing = Counter(m.cell for m in self.members if m.admitted_on < STOCK_ON)
        villages = [o for o in cells if o.profile == "village"]
        room = STOCK - sum(o.stock for o in cells if o.profile != "village")
        weights = sum(o.stock for o in villages)
        shares = [room * o.stock / weights for o in villages]
        sizes = [int(s) for s in shares]
        short = room - sum(sizes)
        for index in sorted(range(len(villages)), key=lambda i: sizes[i] - shares[i])[:short]:
            sizes[index] += 1
        for org, size in zip(villages, sizes, strict=True):
            org.stock = size
        for org in cells:
            missing = org.stock - existing[org.key]
            assert missing >= 0, org.key
            self.members += [self.generated(org) for _ in range(missing)]
        pool = [m for m in self.members if m.new and not m.protected and m.decision]
        for first, last, total in ADMISSIONS:
            if first >= STOCK_ON:
                break
            already = sum(1 for m in self.members if first <= m.admitted_on <= last)
            assert already <= total, (first, already)
            eligible = [
                m
                for m in pool
                if m.decision
                and add_months(m.birth, 12 * 19) <= first <= add_months(m.birth, 12 * 40)
            ]
            eligible.sort(key=lambda m: (-m.birth.year, self.rng.random()))
            for m in eligible[: total - already]:
                m.admitted_on = self.day(first, last)
                m.considered_on = self.meeting(m.admitted_on)
                m.decision = ""
        assert not [m for m in pool if m.decision and id(m) in self.too_young]

    def admissions(self) -> None:
        """The admissions from 2015: each period's count, into the cells by their size and
        kind; grassroots cells stay under 30 members."""
        cells = [o for o in self.cells() if o.key != SMALL_CELL]
        sizes = Counter(m.cell for m in self.members)
        cap = 27
        for first, last, total in ADMISSIONS:
            if first < STOCK_ON:
                continue
            already = sum(1 for m in self.members if first <= m.admitted_on <= last)
            assert already <= total, (first, already)
            for _ in range(total - already):
                admitted = self.day(first, last)
                alive = [
                    o
                    for o in cells
                    if self.alive(o, admitted)
                    and (o.kind != K.GRASSROOTS_PARTY_CELL or sizes[o.key] < cap)
                ]
                weights = [(o.weight or o.stock) * PROFILES[o.profile].rate for o in alive]
                org = self.rng.choices(alive, weights)[0]
                self.members.append(self.generated(org, admitted))
                sizes[org.key] += 1

    # ------------------------------------------------------------------ where members are

    def segments(self, m: _Member) -> list[tuple[dt.date, str]]:
        """The member's official attachments (from, cell), following the cells' ends."""
        if id(m) in self.frozen:
            return self.frozen[id(m)]
        segments = [(m.admitted_on, m.cell)]
        moves = sorted(m.moves)
        while True:
            _, key = segments[-1]
            org = self.orgs[key]
            if moves and (org.end is None or moves[0][0] < org.end):
                segments.append(moves.pop(0))
            elif org.end and org.successor and (m.end_on is None or m.end_on > org.end):
                segments.append((org.end, org.successor))
            else:
                return segments

    def cell_on(self, m: _Member, on: dt.date) -> str | None:
        if on < m.admitted_on or (m.end_on is not None and on >= m.end_on):
            return None
        found = m.cell
        for start, key in self.segments(m):
            if start <= on:
                found = key
        return found if self.alive(self.orgs[found], on) else None

    @staticmethod
    def official(m: _Member, on: dt.date) -> bool:
        return m.decided_on is not None and probation_end(m.admitted_on) <= on

    @staticmethod
    def free(m: _Member) -> bool:
        return not m.protected and m.end_on is None and not m.moves and m.temporary is None

    # ------------------------------------------------------------------ transfers and ends

    def pick(self, cell: str, on: dt.date) -> _Member:
        """A working-age member of `cell` on `on`, admitted over two years before, free to
        move or end; kept from other draws."""
        pool = [
            m
            for m in self.members
            if m.cell == cell
            and self.free(m)
            and not m.elder
            and m.admitted_on < add_months(on, -24)
            and self.cell_on(m, on) == cell
        ]
        found = self.rng.choice(pool)
        found.protected = True
        return found

    def transfers(self) -> None:
        """A member moving house and a teacher changing school (official transfers); a police
        officer sent to a commune's police and a doctor rotated to the hospital (temporary)."""
        moves = [
            ("ka_long.cell.2", D(2018, 3, 15), "hai_hoa.cell.3"),
            ("hai_dong.secondary", D(2021, 8, 16), "ka_long.secondary"),
        ]
        for cell, on, to in moves:
            self.pick(cell, on).moves.append((on, to))
        mobile = self.named("Chi bộ Đội Cảnh sát cơ động").key
        centre = self.named("Chi bộ Khoa Kiểm soát bệnh tật – HIV/AIDS").key
        surgery = self.named("Chi bộ Khoa Ngoại").key
        visits = [
            (mobile, D(2019, 3, 1), "hai_son.police", D(2019, 9, 1)),
            (centre, D(2022, 2, 14), surgery, D(2022, 10, 14)),
        ]
        for cell, on, host, until in visits:
            self.pick(cell, on).temporary = (on, host, until)

    def losses(self) -> None:
        """Struck off, left, expelled, not confirmed (OTHER_ENDS), two struck off in 2025
        after two years rated "not fulfilled", and each year's deaths among the elders."""
        villages = [
            o.key for o in self.cells() if o.profile == "village" and o.end == self.city_end
        ]
        for year, reason in OTHER_ENDS:
            if reason == EndReason.NOT_CONFIRMED:
                pool = [
                    m
                    for m in self.members
                    if m.admitted_on.year == year - 1
                    and 3 <= m.admitted_on.month <= 10
                    and self.free(m)
                    and self.orgs[m.cell].profile == "village"
                ]
                m = self.rng.choice(pool)
                m.end_on = probation_end(m.admitted_on) + DAY * self.rng.randint(10, 30)
            else:
                on = self.day(D(year, 2, 1), D(year, 11, 30))
                m = self.pick(self.rng.choice(villages), on)
                m.end_on = on
            m.protected = True
            m.end_reason = reason
        for on in STRUCK_OFF_2025:
            m = self.pick(self.rng.choice(villages), D(2023, 1, 2))
            m.end_on, m.end_reason = on, EndReason.STRUCK_OFF
            self.not_fulfilled.append(m)
        structural = {o.end for o in self.orgs.values() if o.successor}
        elders = [m for m in self.members if m.elder and self.free(m)]
        for year, count in sorted(DEATHS.items()):
            last = LAST_DAY if year == LAST_DAY.year else D(year, 12, 31)
            for _ in range(count):
                on = self.day(D(year, 1, 2), last)
                on += DAY if on in structural else dt.timedelta(0)
                living = [m for m in elders if m.end_on is None and m.admitted_on < on]
                weights = [(on.year - m.birth.year - 50) ** 2 for m in living]
                m = self.rng.choices(living, weights)[0]
                m.end_on, m.end_reason = on, EndReason.DECEASED

    def confirmations(self) -> None:
        """Confirmed within weeks after the end of probation (a member on the books before the
        records began, on its day); `city_end` is None when the city's organizations go on
        into the reform (demo/reform.py), as they do."""
        for m in self.members:
            end = probation_end(m.admitted_on)
            if m.end_reason == EndReason.NOT_CONFIRMED or (m.end_on and m.end_on <= end):
                continue
            decided = end if m.decision else end + DAY * self.rng.randint(3, 35)
            if self.city_end is None or decided < self.city_end:
                m.decided_on = decided

    # ------------------------------------------------------------------ posts

    def posts(self) -> None:
        """A secretary in every organization registered here, and a cell committee member in
        every cell with 9 or more official members on some date (but NO_COMMITTEE)."""
        rule = structure_rule_on(D(2024, 10, 9))
        committee_from = rule.cell_committee_from if rule else 9
        dates = [D(y, m, 1) for y in range(2015, 2026) for m in (1, 7)] + [D(2024, 10, 9)]
        largest: Counter[str] = Counter()
        by_cell: dict[str, list[_Member]] = defaultdict(list)
        for m in self.members:
            for key in {k for _, k in self.segments(m)}:
                by_cell[key].append(m)
        for on in dates:
            official = Counter(
                cell
                for m in self.members
                if (cell := self.cell_on(m, on)) is not None and self.official(m, on)
            )
            for cell, n in official.items():
                largest[cell] = max(largest[cell], n)
        for org in list(self.orgs.values()):
            cells = (
                [org.key]
                if org.profile
                else [k for k, o in self.orgs.items() if o.parent == org.key]
            )
            if org.new:
                self.hold(org, PostType.SECRETARY, cells, by_cell)
            if org.profile and org.committee and largest[org.key] >= committee_from:
                self.hold(org, PostType.COMMITTEE_MEMBER, cells, by_cell)

    def hold(
        self, org: _Org, post: str, cells: list[str], by_cell: dict[str, list[_Member]]
    ) -> None:
        """Holders for the terms 2015–2020 and 2020–2025 from the commune congresses (the posts'
        records begin on 2015-06-01, as demo/people.py's: before, the structure check misses
        the cell committees), within the organization's life: members official at the start
        who stay, one post each."""
        for start, end in ((RECORDS_FROM, TERM_2020), (TERM_2020, org.end)):
            start = max(start, org.start)
            if org.end is not None and (end is None or end > org.end):
                end = org.end
            if end is not None and start >= end:
                continue
            pool = [
                m
                for key in cells
                for m in by_cell[key]
                if (m.new or org.new)  # not a village's secretary again
                and not m.holds
                and m.end_on is None
                and not m.moves
                and m.temporary is None
                and self.official(m, start)
                and self.cell_on(m, start) == key
            ]
            assert pool, (org.key, post, start)
            holder = min(pool, key=lambda m: (m.admitted_on, self.rng.random()))
            holder.protected = holder.holds = True
            self.holders.append((org.key, post, holder, start, end))

    # ------------------------------------------------------------------ pipeline

    def pipeline(self) -> None:
        """Six of 2024's admissions came through the pipeline; nine candidates were in it when
        the city's organizations ended."""
        admitted = [
            m
            for m in self.members
            if m.new
            and self.free(m)
            and D(2024, 3, 1) <= m.admitted_on <= D(2024, 9, 30)
            and self.orgs[m.cell].profile == "village"
        ]
        for m in self.rng.sample(admitted, 6):
            self.candidates.append((m, m.cell, Stage.APPRAISED, m.admitted_on))
        cells = [o for o in self.cells() if o.profile in ("village", "school")]
        cells = [o for o in cells if self.alive(o, LAST_DAY)]
        for stage in [Stage.TRAINING] * 3 + [Stage.DOSSIER] * 3 + [Stage.APPRAISED] * 3:
            org = self.rng.choice(cells)
            expected = self.day(D(2025, 5, 15), D(2025, 6, 25))
            index = self.person(self.home(org), org.profile, self.birth_for(expected, (19, 30)))
            self.candidates.append((index, org.key, stage, expected))

    # ------------------------------------------------------------------ writing

    def write(self) -> None:
        self.register()
        persons = persons_register_bulk(rows=self.rows)

        def person_id(m: _Member) -> int:
            return persons[m.person].pk if m.new else m.person

        for who, cell, stage, expected in self.candidates:
            party.candidate_add(
                person=person_id(who) if isinstance(who, _Member) else persons[who].pk,
                cell=self.orgs[cell].unit_id,
                stage=stage,
                trained_on=add_months(expected, -8),
                appraised_on=expected - DAY * 40 if stage == Stage.APPRAISED else None,
                expected_on=expected,
            )
        numbers = self.decision_numbers()
        order = sorted(range(len(self.members)), key=lambda i: self.members[i].admitted_on)
        created = party.members_admit(
            rows=[
                party.AdmissionRow(
                    person_id=person_id(m),
                    cell_id=self.orgs[m.cell].unit_id,
                    admitted_on=m.before_records or m.admitted_on,
                    considered_on=m.before_records or m.considered_on,
                    decision=m.decision or numbers[(i, "admit")],
                    occupation=m.occupation,
                    in_cell_from=m.admitted_on if m.before_records else None,
                )
                for i in order
                if (m := self.members[i])
            ]
        )
        for i, member in zip(order, created, strict=True):
            self.members[i].member_id = member.pk
        party.members_confirm(
            rows=[
                party.ConfirmationRow(
                    member_id=m.member_id,
                    decided_on=m.decided_on,
                    decision="Số liệu đầu kỳ" if m.decision else numbers[(i, "confirm")],
                )
                for i in order
                if (m := self.members[i]).decided_on is not None
            ]
        )
        self.write_posts(person_id)
        self.write_moves()
        self.write_ratings()
        self.write_congresses()
        self.counts = {
            "party_organizations": sum(1 for o in self.orgs.values() if o.new),
            "members": len(self.members),
            "persons": len(persons),
        }

    def register(self) -> None:
        by_start: dict[dt.date, list[_Org]] = defaultdict(list)
        for org in self.orgs.values():
            if org.new:
                by_start[org.start].append(org)
        for start, orgs in sorted(by_start.items()):
            ids = _register_units(
                [_NewUnit(o.key, o.name, o.kind, o.parent, o.territory, o.end) for o in orgs],
                start,
            )
            for org in orgs:
                org.unit_id = ids[org.key]

    def decision_numbers(self) -> dict[tuple[int, str], str]:
        """The city standing committee's decisions (admissions, confirmations) numbered in
        date order within each year."""
        members = list(enumerate(self.members))
        dated = [(m.admitted_on, i, "admit") for i, m in members if not m.decision]
        dated += [(m.decided_on, i, "confirm") for i, m in members if m.decided_on]
        dated.sort()
        numbers: dict[tuple[int, str], str] = {}
        year, number = 0, 0
        for on, ident, what in dated:
            if on.year != year:
                year, number = on.year, self.rng.randint(15, 40)
            number += self.rng.randint(1, 3)
            numbers[(ident, what)] = f"{number}-QĐ/TU"
        return numbers

    def write_posts(self, person_id: Any) -> None:
        keys = sorted({(org, post) for org, post, *_ in self.holders})
        posts = posts_create_bulk(
            rows=[
                PostRow(
                    unit_id=self.orgs[org].unit_id,
                    post_type=post,
                    valid_from=self.orgs[org].start,
                    valid_to=self.orgs[org].end,
                )
                for org, post in keys
            ]
        )
        post_of = {key: p.pk for key, p in zip(keys, posts, strict=True)}
        holdings_start_bulk(
            rows=[
                HoldingRow(
                    person_id=person_id(m),
                    post_id=post_of[(org, post)],
                    valid_from=start,
                    valid_to=end,
                    manner=Manner.ELECTED,
                    end_reason=(
                        HoldingEnd.UNIT_ENDED
                        if end == self.orgs[org].end
                        else HoldingEnd.TERM_ENDED
                    )
                    if end is not None
                    else "",
                )
                for org, post, m, start, end in self.holders
            ]
        )

    def write_moves(self) -> None:
        """Transfers and ends, in date order (a member is moved before an end that follows)."""
        # (day, 0 official transfer to a cell | 1 temporary to a host until | 2 end, …)
        ops: list[tuple[dt.date, int, int, _Member, str, dt.date | None]] = []
        for index, m in enumerate(self.members):
            for on, key in self.segments(m)[1:]:
                ops.append((on, 0, index, m, key, None))
            if m.temporary:
                start, host, end = m.temporary
                ops.append((start, 1, index, m, host, end))
            if m.end_on:
                ops.append((m.end_on, 2, index, m, m.end_reason, None))
        ops.sort(key=lambda op: op[:3])
        for on, what, _, m, arg, until in ops:
            if what == 0:
                chosen = (on, arg) in m.moves  # else its cell ended
                party.member_transfer(
                    member=m.member_id,
                    to_unit=self.orgs[arg].unit_id,
                    on=on,
                    decision="Giới thiệu chuyển sinh hoạt đảng chính thức"
                    if chosen
                    else "Sắp xếp tổ chức cơ sở đảng",
                )
            elif what == 1:
                party.member_transfer(
                    member=m.member_id,
                    to_unit=self.orgs[arg].unit_id,
                    on=on,
                    kind=AttachmentKind.TEMPORARY,
                    until=until,
                    decision="Giới thiệu sinh hoạt đảng tạm thời",
                )
            else:
                party.member_end(member=m.member_id, on=on, reason=arg)

    def write_ratings(self) -> None:
        """The ratings of 2023 and 2024: members admitted by 30 June and still members at the
        rating; the organizations then."""
        rng = self.rng
        grades = [Grade.EXCELLENT, Grade.GOOD, Grade.FULFILLED, Grade.NOT_FULFILLED]
        rows = []
        failed: set[int] = {id(m) for m in self.not_fulfilled}
        for year in RATED_YEARS:
            rated = D(year, 12, 20)
            for m in self.members:
                if m.admitted_on > D(year, 6, 30) or (m.end_on and m.end_on <= rated):
                    continue
                if id(m) in failed and m in self.not_fulfilled:
                    grade = Grade.NOT_FULFILLED
                else:
                    grade = rng.choices(grades, [12, 75, 12, 1])[0]
                    if grade == Grade.NOT_FULFILLED:
                        if id(m) in failed:
                            grade = Grade.FULFILLED  # two in a row means struck off
                        failed.add(id(m))
                rows.append(
                    party.RatingRow(year=year, member_id=m.member_id, grade=grade, rated_on=rated)
                )
            for org in self.orgs.values():
                if self.alive(org, D(year, 12, 31)):
                    grade = rng.choices(grades, [15, 70, 13, 2])[0]
                    rows.append(
                        party.RatingRow(year=year, unit_id=org.unit_id, grade=grade, rated_on=rated)
                    )
        party.ratings_record(rows=rows)

    def write_congresses(self) -> None:
        """The congresses of the grassroots organizations opening the 2015–2020 and 2020–2025
        terms (the communes' on the days demo/people.py starts their terms), and the commune
        committees' admission targets for 2024."""
        grassroots = (K.GRASSROOTS_PARTY_COMMITTEE, K.GRASSROOTS_PARTY_CELL)
        for org in self.orgs.values():
            if org.kind not in grassroots:
                continue
            for held, term in ((RECORDS_FROM, "party-2015-2020"), (TERM_2020, "party-2020-2025")):
                if not org.commune:
                    held -= DAY * self.rng.randint(10, 25)  # the agencies' go first
                party.congress_record(unit=org.unit_id, held_on=held, term=term)
        admitted = Counter(
            self.orgs[m.cell].commune for m in self.members if m.admitted_on.year == 2024
        )
        for org in self.orgs.values():
            if org.commune and not org.profile and self.alive(org, D(2024, 12, 31)):
                number = max(2, admitted[org.commune] + self.rng.randint(-2, 3))
                party.admission_target_set(unit=org.unit_id, year=2024, number=number)
