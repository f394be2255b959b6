"""The people of the Móng Cái demo: the commune bodies and party cells, their posts, and who
held them from 2015, such that the 2020 figures of mong-cai.md come out of the records.

What the reports say, and how the records give it (computed by people.queries, never typed):

- "17/17 communes and wards: the party secretary also chairs the People's Committee and is not
  a local person": each commune's secretary comes from another commune of the city. In the
  2015–2020 term the People's Committee had its own chair at first; on a date between 2016 and
  mid-2019 (spread over the communes) the chair was rotated to vice chair (person_transfer)
  and the secretary elected chair as well. From the 2020 congresses the new secretaries hold
  both posts from the start.
- "the deputy secretary also chairs the People's Council": from the People's Council term of
  2016 in the 2015–2020 party term, and from the start of the 2020–2025 term.
- "100% of party-cell secretaries are village heads": in the village term that began in 2015
  about two villages in three had one person in both posts; from the term of December 2017 on,
  every village. The term 2025–2027 is entered ahead (planned records, as a 2024 report would
  have them), so that the projection keeps the 100%.

The commune bodies (party committee, People's Council, People's Committee) and the party cells
are registered here, through the registry's services, as baseline records: mong_cai.yaml keeps
the administrative units. Hòa Lạc's end with it on 2024-11-01, a party cell with its village
(two villages merged in 2015); the others go on into the reform of 2025-07-01, which
demo/reform.py applies once everyone is loaded (new communes, bodies and leaders). Persons are
generated deterministically: plausible Vietnamese names, birth dates, ethnicities (Dao and Tày
in the highland communes).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass
from typing import Any

from tinhgon.accounts.access import require
from tinhgon.accounts.roles import Action
from tinhgon.audit.services import change_records_bulk
from tinhgon.core.errors import DomainError
from tinhgon.core.text import fold
from tinhgon.people.kinds import EndReason, Manner, PostFunction, PostType
from tinhgon.people.models import Holding, Post, Term
from tinhgon.people.services import (
    HoldingRow,
    PersonRow,
    PostRow,
    candidate_add,
    holdings_start_bulk,
    person_transfer,
    persons_register_bulk,
    posts_create_bulk,
)
from tinhgon.registry.invariants import check_units
from tinhgon.registry.models import Unit, UnitVersion
from tinhgon.registry.services import version_snapshot

D = dt.date
SEED = 194
RECORDS_FROM = D(2015, 6, 1)  # the commune congresses of the 2015–2020 term
TERM_2020 = D(2020, 6, 1)  # the commune congresses of the 2020–2025 term
COUNCIL_2016 = D(2016, 7, 1)  # the People's Councils elected in 2016 took office
# Village-head and party-cell terms (2.5 years); the last one entered ahead, as planned.
VILLAGE_TERMS = [D(2015, 6, 1), D(2017, 12, 1), D(2020, 6, 1), D(2022, 12, 1), D(2025, 1, 1)]
PLANNED_FROM = D(2025, 1, 1)
VILLAGE_TERM_END = D(2027, 7, 1)
HIGHLAND = {"hai_son", "bac_son"}

SURNAMES = [
    *["Nguyễn"] * 8,
    *["Trần"] * 4,
    *["Lê"] * 3,
    *["Phạm"] * 3,
    *("Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Đào", "Đinh", "Lương", "Tạ"),
    *("Phan", "Hồ", "Trịnh", "Mai", "Tô", "Vi", "Chu", "Lục"),
]
MIDDLE = {
    "male": ["Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Xuân", "Công", "Mạnh"],
    "female": ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Kim", "Minh", "Hồng"],
}
GIVEN = {
    "male": [
        "Hùng",
        "Dũng",
        "Hải",
        "Long",
        "Tuấn",
        "Nam",
        "Bình",
        "Cường",
        "Phong",
        "Sơn",
        "Thắng",
        "Trung",
        "Hiếu",
        "Khoa",
        "Tùng",
        "Quang",
        "Thành",
        "Đạt",
        "Huy",
        "Lâm",
        "Kiên",
        "Vinh",
        "Toàn",
        "Thịnh",
        "Hưng",
        "Lợi",
        "Tân",
        "Chiến",
        "Hoàn",
        "Tiến",
        "Duy",
        "Khánh",
    ],
    "female": [
        "Lan",
        "Hương",
        "Hoa",
        "Mai",
        "Thảo",
        "Hà",
        "Linh",
        "Yến",
        "Nga",
        "Huyền",
        "Hạnh",
        "Trang",
        "Nhung",
        "Phượng",
        "Loan",
        "Thủy",
        "Hằng",
        "Vân",
        "Dung",
        "Liên",
        "Oanh",
        "Quyên",
        "Tâm",
    ],
}


class _People:
    """Deterministic persons: the same seed gives the same names, dates and ethnicities."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (illustrative data, not secrets)
        self.rows: list[PersonRow] = []
        self.names: set[str] = set()

    def new(
        self,
        home: int,
        *,
        highland: bool = False,
        women: float = 0.25,
        born: tuple[int, int] = (1965, 1985),
        education: str = "university",
    ) -> int:
        """A person; returns their index in `rows`."""
        rng = self.rng
        gender = "female" if rng.random() < women else "male"
        while True:
            name = (
                f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
            )
            if name not in self.names:
                break
        self.names.add(name)
        if highland:
            ethnicity = rng.choices(["dao", "tay", "kinh", "san_chay"], [55, 15, 25, 5])[0]
        else:
            ethnicity = rng.choices(["kinh", "hoa", "tay"], [90, 5, 5])[0]
        year = rng.randint(*born)
        birth = D(year, rng.randint(1, 12), rng.randint(1, 28))
        self.rows.append(
            PersonRow(
                full_name=name,
                gender=gender,
                birth_date=birth,
                ethnicity=ethnicity,
                home_commune_id=home,
                education=education,
            )
        )
        return len(self.rows) - 1


@dataclass
class _NewUnit:
    key: str
    name: str
    kind: str
    parent: int | str  # a unit already recorded, or the key of a new one registered before
    territory: int | None
    valid_to: dt.date | None


def _ends() -> dict[int, dt.date | None]:
    """The last day + 1 of every recorded unit (None: still there), in one query."""
    ends: dict[int, dt.date | None] = {}
    for unit_id, valid_to in UnitVersion.objects.order_by("unit_id", "valid_from").values_list(
        "unit_id", "valid_to"
    ):
        ends[unit_id] = valid_to
    return ends


def _register_units(rows: list[_NewUnit], start: dt.date) -> dict[str, int]:
    """What `unit_register` records for each row (a unit existing over [start, valid_to)),
    for many rows at once, with the same checks (registry.invariants.check_units) and the same
    change records. `units_register_bulk` takes no end date, which these units need."""
    require(Action.RECORD_EVENTS, {r.parent for r in rows if isinstance(r.parent, int)})
    ids: dict[str, int] = {}
    batches = [
        [r for r in rows if isinstance(r.parent, int)],
        [r for r in rows if isinstance(r.parent, str)],
    ]
    for batch in batches:
        units = Unit.objects.bulk_create([Unit() for _ in batch])
        versions = [
            UnitVersion(
                unit=unit,
                valid_from=start,
                valid_to=row.valid_to,
                name=row.name,
                kind=row.kind,
                parent_id=row.parent if isinstance(row.parent, int) else ids[row.parent],
                territory_id=row.territory,
                attributes={"illustrative": True},
                search_text=fold(row.name)[:255],
            )
            for row, unit in zip(batch, units, strict=True)
        ]
        UnitVersion.objects.bulk_create(versions)
        ids.update({row.key: unit.pk for row, unit in zip(batch, units, strict=True)})
        problems = check_units([u.pk for u in units], cycles=False)
        if problems:
            raise DomainError(problems)
        change_records_bulk(
            changes=[(v, None, version_snapshot(v)) for v in versions],
            basis="Dữ liệu minh họa (demo)",
        )
    return ids


def _spread(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A first-of-month date in [start, end)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    offset = rng.randrange(months)
    year, month = divmod(start.month - 1 + offset, 12)
    return D(start.year + year, month + 1, 1)


def load_people(keys: dict[str, int], data: dict[str, Any]) -> dict[str, int]:
    """Register the commune bodies and party cells, their posts, persons and holdings.
    Returns counts. Called by `load_demo` inside its transaction."""
    builder = _Builder(keys, data)
    builder.build()
    return builder.counts


class _Builder:
    def __init__(self, keys: dict[str, int], data: dict[str, Any]) -> None:
        self.keys = keys
        self.data = data
        self.start: dt.date = data["baseline_from"]
        self.people = _People(SEED)
        self.rng = random.Random(SEED + 1)  # noqa: S311 (illustrative data, not secrets)
        self.posts: list[PostRow] = []
        self.post_units: list[int | str] = []  # each post's unit: an id, or a new unit's key
        self.new_units: list[_NewUnit] = []
        self.ends = _ends()
        self.holdings: list[tuple[int, int, HoldingRow]] = []  # (person index, post index, row)
        self.later: list[tuple[str, Any]] = []
        self.counts: dict[str, int] = {}

    # ------------------------------------------------------------------ units and posts

    def register(
        self,
        key: str,
        name: str,
        kind: str,
        end: dt.date | None,
        parent: int | str,
        territory: int | None = None,
    ) -> str:
        self.new_units.append(_NewUnit(key, name, kind, parent, territory, end))
        return key

    def post(self, unit: int | str, post_type: str, end: dt.date | None, function: str = "") -> int:
        self.post_units.append(unit)
        self.posts.append(
            PostRow(
                unit_id=0,
                post_type=post_type,
                valid_from=self.start,
                valid_to=end,
                function=function,
            )
        )
        return len(self.posts) - 1

    def hold(
        self,
        person: int,
        post: int,
        start: dt.date,
        end: dt.date | None,
        manner: str = Manner.ELECTED,
        reason: str = EndReason.TERM_ENDED,
        planned: bool = False,
    ) -> None:
        post_end = self.posts[post].valid_to
        if post_end is not None and start >= post_end:
            return
        if post_end is not None and (end is None or end > post_end):
            end, reason = post_end, EndReason.UNIT_ENDED
        self.holdings.append(
            (
                person,
                post,
                HoldingRow(
                    person_id=0,
                    post_id=0,
                    valid_from=start,
                    valid_to=end,
                    manner=manner,
                    planned=planned,
                    end_reason=reason if end is not None else "",
                ),
            )
        )

    def build(self) -> None:
        communes = self.data["communes"]
        ids = [self.keys[c["key"]] for c in communes]
        for index, commune in enumerate(communes):
            self.commune(index, commune, ids)
        self.city()
        self.write()

    def commune(self, index: int, commune: dict[str, Any], ids: list[int]) -> None:
        key = commune["key"]
        cid = self.keys[key]
        end = self.ends[cid]
        word = "phường" if commune["subtype"] == "ward" else "xã"
        short = commune["name"].split(" ", 1)[1]
        party = self.register(
            f"{key}.party",
            f"Đảng ủy {word} {short}",
            "grassroots_party_committee",
            end,
            parent=self.keys["city_party"],
            territory=cid,
        )
        council = self.register(
            f"{key}.council", f"Hội đồng nhân dân {word} {short}", "peoples_council", end, cid
        )
        committee = self.register(
            f"{key}.committee", f"Ủy ban nhân dân {word} {short}", "peoples_committee", end, cid
        )
        secretary = self.post(party, PostType.SECRETARY, end)
        deputy = self.post(party, PostType.DEPUTY_SECRETARY, end)
        chair = self.post(committee, PostType.CHAIR, end)
        vice = self.post(committee, PostType.VICE_CHAIR, end)
        council_chair = self.post(council, PostType.CHAIR, end)
        people = self.people
        highland = key in HIGHLAND

        def local(**kw: Any) -> int:
            return people.new(cid, highland=highland, **kw)

        def elsewhere(step: int) -> int:
            return people.new(ids[(index + step) % len(ids)], women=0.2, born=(1968, 1982))

        # Term 2015–2020: the secretary comes from another commune; the People's Committee
        # has its own chair until the unification date, then the secretary chairs it too.
        s1, d1, c1, k1 = elsewhere(5), local(born=(1968, 1982)), local(), local()
        unify = _spread(self.rng, D(2016, 1, 1), D(2019, 7, 1))
        self.hold(s1, secretary, RECORDS_FROM, TERM_2020)
        self.hold(d1, deputy, RECORDS_FROM, TERM_2020)
        self.hold(k1, council_chair, RECORDS_FROM, COUNCIL_2016)
        self.hold(d1, council_chair, COUNCIL_2016, TERM_2020)
        self.hold(c1, chair, RECORDS_FROM, TERM_2020)  # brought forward by the rotation
        self.later.append(("rotate", (c1, chair, vice, unify, s1)))
        for _ in range(2):
            self.hold(local(women=0.35), vice, RECORDS_FROM, TERM_2020)
        # Term 2020–2025: the new secretary chairs the People's Committee from the start; the
        # deputy secretary chairs the People's Council.
        s2, d2 = elsewhere(7), local(born=(1972, 1986))
        self.hold(s2, secretary, TERM_2020, None, reason=EndReason.UNIT_ENDED)
        self.hold(s2, chair, TERM_2020, None, reason=EndReason.UNIT_ENDED)
        self.hold(d2, deputy, TERM_2020, None, reason=EndReason.UNIT_ENDED)
        self.hold(d2, council_chair, TERM_2020, None, reason=EndReason.UNIT_ENDED)
        for _ in range(2):
            self.hold(local(women=0.35), vice, TERM_2020, None)
        # Candidates planned for the secretary's post in the 2020–2025 term.
        self.later.append(("pool", (secretary, [d1, c1, s2])))
        self.villages(key, commune, cid, party, word, short, local)

    def villages(
        self,
        key: str,
        commune: dict[str, Any],
        cid: int,
        party: str,
        word: str,
        short: str,
        local: Any,
    ) -> None:
        village_word = "Khu" if commune["subtype"] == "ward" else "Thôn"
        party_end = self.ends[cid]
        for number in range(1, commune["villages"] + 1):
            village = self.keys[f"{key}.village.{number}"]
            village_end = self.ends[village]
            cell_end = min((d for d in (village_end, party_end) if d is not None), default=None)
            cell = self.register(
                f"{key}.cell.{number}",
                f"Chi bộ {village_word} {number}, {word} {short}",
                "party_cell",
                cell_end,
                parent=party,
                territory=village,
            )
            secretary = self.post(cell, PostType.SECRETARY, cell_end)
            head = self.post(village, PostType.VILLAGE_HEAD, village_end)
            self.village_terms(secretary, head, local)

    def village_terms(self, secretary: int, head: int, local: Any) -> None:
        """The village head and the cell secretary, term by term: one person in both posts
        in about two villages in three from 2015, in every village from December 2017."""

        def village_person() -> int:
            return int(local(women=0.25, born=(1958, 1988), education="upper_secondary"))

        head_person = village_person()
        secretary_person = head_person if self.rng.random() < 0.65 else village_person()
        bounds = [*VILLAGE_TERMS, VILLAGE_TERM_END]
        for start, end in itertools.pairwise(bounds):
            if start == VILLAGE_TERMS[1]:
                secretary_person = head_person
            elif start > VILLAGE_TERMS[1] and self.rng.random() < 0.2:
                head_person = secretary_person = village_person()
            planned = start >= PLANNED_FROM
            self.hold(head_person, head, start, end, planned=planned)
            self.hold(secretary_person, secretary, start, end, planned=planned)

    def city(self) -> None:
        """The city's Mass Mobilization Board head chairs the Fatherland Front committee, and
        its Propaganda Board head directs the political training centre."""
        homes = [self.keys[c["key"]] for c in self.data["communes"]]
        pairs = [
            ("mobilization_board", PostFunction.MASS_MOBILIZATION, "front", ""),
            (
                "propaganda_board",
                PostFunction.PROPAGANDA,
                "training_center",
                PostFunction.POLITICAL_TRAINING,
            ),
        ]
        for board, function, body, body_function in pairs:
            board_end = self.ends[self.keys[board]]
            body_end = self.ends[self.keys[body]]
            head = self.post(self.keys[board], PostType.HEAD, board_end, function)
            body_type = PostType.CHAIR if body == "front" else PostType.DIRECTOR
            lead = self.post(self.keys[body], body_type, body_end, body_function)
            first = self.people.new(self.rng.choice(homes), born=(1965, 1975))
            second = self.people.new(self.rng.choice(homes), born=(1970, 1980))
            self.hold(first, head, RECORDS_FROM, TERM_2020)
            self.hold(first, lead, RECORDS_FROM, TERM_2020)
            self.hold(second, head, TERM_2020, None, reason=EndReason.UNIT_ENDED)
            self.hold(second, lead, TERM_2020, None, reason=EndReason.UNIT_ENDED)

    # ------------------------------------------------------------------ writing

    def write(self) -> None:
        ids = _register_units(self.new_units, self.start)
        for post_row, unit in zip(self.posts, self.post_units, strict=True):
            post_row.unit_id = unit if isinstance(unit, int) else ids[unit]
        persons = persons_register_bulk(rows=self.people.rows)
        posts = posts_create_bulk(rows=self.posts)
        rows = []
        for person, post, row in self.holdings:
            row.person_id = persons[person].pk
            row.post_id = posts[post].pk
            rows.append(row)
        created = holdings_start_bulk(rows=rows)
        transfers = 0
        for action, args in self.later:
            if action != "rotate":
                continue
            c1, chair, vice, on, s1 = args
            held = next(
                h for h in created if h.person_id == persons[c1].pk and h.post_id == posts[chair].pk
            )
            person_transfer(
                holding=held,
                to_post=posts[vice].pk,
                on=on,
                manner=Manner.ELECTED,
                valid_to=TERM_2020,
            )
            holdings_start_bulk(
                rows=[
                    HoldingRow(
                        person_id=persons[s1].pk,
                        post_id=posts[chair].pk,
                        valid_from=on,
                        valid_to=TERM_2020,
                        manner=Manner.ELECTED,
                        end_reason=EndReason.TERM_ENDED,
                    )
                ]
            )
            transfers += 1
        term = Term.objects.get(code="party-2020-2025")
        for action, args in self.later:
            if action == "pool":
                post, candidates = args
                for person in candidates:
                    candidate_add(term=term, post=posts[post].pk, person=persons[person].pk)
        self.counts = {
            "persons": len(persons),
            "posts": Post.objects.count(),
            "holdings": Holding.objects.count(),
            "rotations": transfers,
        }
