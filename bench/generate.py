"""Generate a large, consistent apparatus for the benchmarks (docs/developer/benchmarks.md).

Deterministic: the same --units and --seed give the same records, id for id. The apparatus is
simulated in memory day by day over 2015–2025, every change an event applied in date order the
way services.event_apply would apply it; the result is checked against the registry's invariants
in memory, then written with bulk_create (no change records: the audit trail is not benchmarked).

The shape, for 100,000 units: one country-like root (kind "province", subtype "country": the
vocabulary has no nation) → 10 provinces → ~12 districts each → ~25 communes each → ~9 villages
each, with the agencies, party organizations and schools of each level:

    province  ─ Tỉnh ủy (party committee) ─ party boards
              │           └ Huyện ủy (one per district, territory = district) ─ party boards
              │                └ Đảng ủy xã (grassroots committee, territory = commune)
              │                     └ Chi bộ thôn (party cell, territory = village)
              ├ HĐND, UBND ─ departments ─ public service units; MTTQ, 4 socio-political orgs
              └ district ─ HĐND, UBND ─ offices (Phòng GD-ĐT ─ schools ─ school sites), PSUs
                         ├ MTTQ, socio-political orgs
                         └ commune ─ HĐND, UBND, MTTQ, socio-political orgs, villages

Events 2015–2025: village renames, merges, splits and dissolutions; communes reclassified as
wards and transferred between districts; district offices and province departments renamed,
consolidated and dissolved; public service units and school sites established and dissolved;
schools merged; a wave of commune consolidations (2019-12 .. 2020-02); the 2025-03-01
consolidation of departments and party boards; and on 2025-07-01 the end of the district
level: communes consolidated (about three into one) or moved under the province, their
bodies consolidated, villages and schools transferred, district-level bodies dissolved.

Children follow as services.event_apply makes them (children_follow, on by default for merge
and consolidate): a party cell under a consolidated grassroots committee, a school site under
a merged school, a public service unit under a consolidated department get a new version under
the successor opened by that event, with no event of their own. Commune consolidations are
recorded with children_follow off (their bodies are consolidated separately, their villages
and schools transferred with one transfer event each).

Public service units established after 2025-07-01 bring the total to exactly --units.

Usage (the database is DATABASE_URL, settings tinhgon.settings.test; migrated first):
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python bench/generate.py --units 100000 --check 200
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import os
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

D = dt.date
FIRST_DAY = D(2015, 1, 1)
REFORM = D(2025, 7, 1)
LAST_DAY = D(2025, 12, 31)
DEFAULT_SEED = 20150101

INPUT, OUTPUT = "input", "output"
WHOLE, PART = "whole", "part"
KEEP: Any = object()

# ---------------------------------------------------------------------------- vocabulary

SYLLABLES = [
    *("An", "Bình", "Hòa", "Phú", "Tân", "Long", "Hưng", "Phước", "Thạnh", "Mỹ", "Đông", "Tây"),
    *("Nam", "Bắc", "Trung", "Vĩnh", "Xuân", "Thuận", "Quảng", "Đức", "Thành", "Sơn", "Hải"),
    *("Yên", "Cẩm", "Kim", "Ngọc", "Lâm", "Minh", "Quang", "Thịnh", "Định", "Thủy", "Lạc"),
    *("Thái", "Hiệp", "Nghĩa", "Phong", "Hồng", "Lợi", "Tiến", "Thượng", "Hạ", "Đại", "Lương"),
    *("Khánh", "Châu", "Điền", "Văn", "Cát"),
]

COMMUNE_LEVEL = {"rural_commune": "xã", "ward": "phường", "township": "thị trấn"}
DISTRICT_LEVEL = {"rural_district": "huyện", "town": "thị xã", "city": "thành phố"}
PROVINCE_LEVEL = {"province": "tỉnh", "city": "thành phố"}
DISTRICT_PARTY = {"rural_district": "Huyện ủy", "town": "Thị ủy", "city": "Thành ủy"}
PROVINCE_PARTY = {"province": "Tỉnh ủy", "city": "Thành ủy"}

# Bodies every administrative level has; role → (kind, label before the level and place).
BODIES = {
    "council": ("peoples_council", "Hội đồng nhân dân"),
    "committee": ("peoples_committee", "Ủy ban nhân dân"),
    "front": ("fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    "org:nd": ("socio_political_org", "Hội Nông dân"),
    "org:pn": ("socio_political_org", "Hội Liên hiệp Phụ nữ"),
    "org:tn": ("socio_political_org", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    "org:ccb": ("socio_political_org", "Hội Cựu chiến binh"),
}

DISTRICT_OFFICES = {
    "noivu": "Phòng Nội vụ",
    "tuphap": "Phòng Tư pháp",
    "tckh": "Phòng Tài chính - Kế hoạch",
    "tnmt": "Phòng Tài nguyên và Môi trường",
    "ldtbxh": "Phòng Lao động - Thương binh và Xã hội",
    "vhtt": "Phòng Văn hóa và Thông tin",
    "edu": "Phòng Giáo dục và Đào tạo",
    "yte": "Phòng Y tế",
    "thanhtra": "Thanh tra",
    "vp": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "kthl": "Phòng Kinh tế và Hạ tầng",
    "nnptnt": "Phòng Nông nghiệp và Phát triển nông thôn",
}
DISTRICT_PSUS = (
    "Trung tâm Y tế",
    "Trung tâm Văn hóa - Thể thao",
    "Ban Quản lý dự án đầu tư xây dựng",
    "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên",
)
PROVINCE_DEPTS = {
    "noivu": "Sở Nội vụ",
    "tuphap": "Sở Tư pháp",
    "khdt": "Sở Kế hoạch và Đầu tư",
    "taichinh": "Sở Tài chính",
    "congthuong": "Sở Công Thương",
    "nnptnt": "Sở Nông nghiệp và Phát triển nông thôn",
    "gtvt": "Sở Giao thông vận tải",
    "xaydung": "Sở Xây dựng",
    "tnmt": "Sở Tài nguyên và Môi trường",
    "tttt": "Sở Thông tin và Truyền thông",
    "ldtbxh": "Sở Lao động - Thương binh và Xã hội",
    "vhttdl": "Sở Văn hóa, Thể thao và Du lịch",
    "khcn": "Sở Khoa học và Công nghệ",
    "gddt": "Sở Giáo dục và Đào tạo",
    "yte": "Sở Y tế",
    "thanhtra": "Thanh tra",
    "vp": "Văn phòng Ủy ban nhân dân",
}
DEPT_PSUS = ("Trung tâm Dịch vụ", "Trung tâm Kỹ thuật", "Ban Quản lý dự án")
PROVINCE_BOARDS = {
    "tochuc": "Ban Tổ chức",
    "tuyengiao": "Ban Tuyên giáo",
    "danvan": "Ban Dân vận",
    "kiemtra": "Ủy ban Kiểm tra",
    "vanphong": "Văn phòng",
    "noichinh": "Ban Nội chính",
}
DISTRICT_BOARDS = {k: v for k, v in PROVINCE_BOARDS.items() if k != "noichinh"}
OFFICE_RENAMES = {
    "Phòng Văn hóa và Thông tin": "Phòng Văn hóa, Thông tin và Thể thao",
    "Phòng Kinh tế và Hạ tầng": "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Phòng Y tế": "Phòng Y tế - Dân số",
    "Sở Thông tin và Truyền thông": "Sở Thông tin, Truyền thông và Chuyển đổi số",
    "Sở Công Thương": "Sở Công Thương và Xúc tiến thương mại",
}
# (role a, role b) → (new role, new label)
OFFICE_CONSOLIDATIONS_2016 = [
    (("office:kthl", "office:nnptnt"), ("office:kinhte", "Phòng Kinh tế")),
    (("office:yte", "office:ldtbxh"), ("office:ytexh", "Phòng Y tế và Xã hội")),
]
OFFICE_CONSOLIDATIONS_2025 = [
    (("office:noivu", "office:ldtbxh"), ("office:noivu", "Phòng Nội vụ")),
    (("office:tnmt", "office:nnptnt"), ("office:nnmt", "Phòng Nông nghiệp và Môi trường")),
    (("office:vhtt", "office:kthl"), ("office:vhkt", "Phòng Văn hóa - Kinh tế")),
]
DEPT_CONSOLIDATIONS_2025 = [
    (("dept:khdt", "dept:taichinh"), ("dept:taichinh", "Sở Tài chính")),
    (("dept:gtvt", "dept:xaydung"), ("dept:xaydung", "Sở Xây dựng")),
    (("dept:tnmt", "dept:nnptnt"), ("dept:nnmt", "Sở Nông nghiệp và Môi trường")),
    (("dept:tttt", "dept:khcn"), ("dept:khcn", "Sở Khoa học và Công nghệ")),
    (("dept:noivu", "dept:ldtbxh"), ("dept:noivu", "Sở Nội vụ")),
]
BOARD_CONSOLIDATIONS_2025 = [
    (("board:tuyengiao", "board:danvan"), ("board:tgdv", "Ban Tuyên giáo và Dân vận")),
]
SCHOOLS = ("Trường Mầm non", "Trường Tiểu học", "Trường Trung học cơ sở")
PADDING_PSUS = (
    "Trung tâm Phục vụ hành chính công",
    "Trạm Y tế",
    "Trung tâm Văn hóa - Thông tin - Thể thao",
    "Trung tâm Dịch vụ nông nghiệp",
    "Ban Quản lý dự án",
)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------- records


@dataclass(slots=True)
class Version:
    valid_from: dt.date
    valid_to: dt.date | None
    name: str
    kind: str
    subtype: str
    parent: int | None
    territory: int | None
    opened_by: int | None = None
    closed_by: int | None = None


@dataclass(slots=True)
class UnitRec:
    role: str
    versions: list[Version]


@dataclass(slots=True)
class CodeRec:
    unit: int
    scheme: str
    code: str
    valid_from: dt.date
    valid_to: dt.date | None = None


@dataclass(slots=True)
class EventRec:
    kind: str
    effective_on: dt.date
    title: str
    documents: list[int]


@dataclass(slots=True)
class DocRec:
    number: str
    kind: str
    issuer: str
    signed_on: dt.date
    effective_on: dt.date
    title: str


@dataclass
class Stats:
    units: int = 0
    versions: int = 0
    codes: int = 0
    events: int = 0
    participants: int = 0
    documents: int = 0
    communes: int = 0
    padding: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    alive: dict[str, dict[str, int]] = field(default_factory=dict)
    events_by_kind: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------------------- the world


class World:
    """Every unit, version, code, event and document, kept as the services would write them."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.units: list[UnitRec] = [UnitRec("", [])]  # ids start at 1
        self.children: dict[int, set[int]] = defaultdict(set)  # current parent → units
        self.held: dict[int, set[int]] = defaultdict(set)  # current territory → units
        self.by_role: dict[str, set[int]] = defaultdict(set)  # alive units by role
        self.place: dict[int, str] = {}  # administrative unit → its place name
        self.codes: list[CodeRec] = []
        self.open_codes: dict[tuple[str, str], CodeRec] = {}
        self.codes_of: dict[int, list[CodeRec]] = defaultdict(list)
        self.events: list[EventRec] = [EventRec("", FIRST_DAY, "", [])]
        self.participants: list[tuple[int, int, str, str, bool, bool]] = []
        self.docs: list[DocRec] = [DocRec("", "", "", FIRST_DAY, FIRST_DAY, "")]
        self.day = D(1970, 1, 1)
        self.busy: set[int] = set()
        self.ended_today: list[int] = []
        self.sequence: Counter[str] = Counter()
        self.used_places: set[str] = set()

    # -- time

    def set_day(self, day: dt.date) -> None:
        assert day >= self.day, (day, self.day)
        if day != self.day:
            self.finish_day()
            self.day = day
            self.busy = set()

    def finish_day(self) -> None:
        """Whatever ended today left no children and no units on its territory behind."""
        for uid in self.ended_today:
            left = self.children.get(uid) or self.held.get(uid)
            assert not left, f"unit {uid} ended on {self.day} leaving {sorted(left)[:5]}"
        self.ended_today = []

    # -- looking at the current state

    def version(self, uid: int) -> Version:
        return self.units[uid].versions[-1]

    def alive(self, uid: int) -> bool:
        return self.units[uid].versions[-1].valid_to is None

    def free(self, *uids: int) -> bool:
        """Alive and not yet touched today: safe to change on this day."""
        for uid in uids:
            v = self.units[uid].versions[-1]
            if v.valid_to is not None or uid in self.busy or v.valid_from >= self.day:
                return False
        return True

    def role(self, uid: int) -> str:
        return self.units[uid].role

    def name(self, uid: int) -> str:
        return self.version(uid).name

    def child(self, parent: int, role: str) -> int | None:
        for uid in sorted(self.children.get(parent, ())):
            if self.units[uid].role == role:
                return uid
        return None

    def holding(self, territory: int, role: str) -> list[int]:
        return [u for u in sorted(self.held.get(territory, ())) if self.units[u].role == role]

    def gso(self, uid: int) -> str | None:
        for code in self.codes_of.get(uid, ()):
            if code.scheme == "gso":
                return code.code
        return None

    def new_place(self) -> str:
        rng = self.rng
        for _ in range(50):
            a, b = rng.sample(SYLLABLES, 2)
            place = f"{a} {b}"
            if place not in self.used_places:
                break
        self.used_places.add(place)
        return place

    def next_code(self, series: str, width: int, prefix: str = "") -> str:
        self.sequence[series] += 1
        return f"{prefix}{self.sequence[series]:0{width}d}"

    # -- writing

    def document(self, kind: str, series: str, issuer: str, title: str) -> int:
        self.sequence["doc"] += 1
        number = f"{self.sequence['doc']}/{series}"
        signed = self.day - dt.timedelta(days=self.rng.randint(15, 75))
        self.docs.append(DocRec(number, kind, issuer, signed, self.day, title))
        return len(self.docs) - 1

    def event(self, kind: str, title: str, doc: int | None) -> int:
        self.events.append(EventRec(kind, self.day, title, [doc] if doc else []))
        return len(self.events) - 1

    def take_part(
        self,
        eid: int,
        uid: int,
        role: str,
        share: str = WHOLE,
        ends: bool = False,
        new: bool = False,
    ) -> None:
        self.participants.append((eid, uid, role, share, ends, new))
        self.busy.add(uid)

    def add_unit(
        self,
        role: str,
        name: str,
        kind: str,
        subtype: str = "",
        parent: int | None = None,
        territory: int | None = None,
        *,
        start: dt.date | None = None,
        opened_by: int | None = None,
        codes: Iterable[tuple[str, str]] = (),
    ) -> int:
        start = start or self.day
        uid = len(self.units)
        version = Version(start, None, name, kind, subtype, parent, territory, opened_by)
        self.units.append(UnitRec(role, [version]))
        if parent:
            assert self.alive(parent), (name, parent)
            assert self.version(parent).valid_from <= start, (name, parent)
            self.children[parent].add(uid)
        if territory:
            self.held[territory].add(uid)
        self.by_role[role].add(uid)
        for scheme, value in codes:
            self.add_code(uid, scheme, value, start)
        self.busy.add(uid)
        return uid

    def add_code(self, uid: int, scheme: str, value: str, start: dt.date) -> None:
        assert (scheme, value) not in self.open_codes, (scheme, value)
        code = CodeRec(uid, scheme, value, start)
        self.codes.append(code)
        self.open_codes[(scheme, value)] = code
        self.codes_of[uid].append(code)

    def change(self, uid: int, eid: int, **changes: Any) -> None:
        """Close the current version on this day and open one with `changes` (a new version)."""
        old = self.version(uid)
        assert old.valid_to is None and old.valid_from < self.day, (uid, old, self.day)
        old.valid_to, old.closed_by = self.day, eid
        new = dataclasses.replace(
            old, valid_from=self.day, valid_to=None, opened_by=eid, closed_by=None, **changes
        )
        self.units[uid].versions.append(new)
        if new.parent != old.parent:
            if old.parent:
                self.children[old.parent].discard(uid)
            if new.parent:
                assert self.alive(new.parent), (uid, new.parent)
                self.children[new.parent].add(uid)
        if new.territory != old.territory:
            if old.territory:
                self.held[old.territory].discard(uid)
            if new.territory:
                self.held[new.territory].add(uid)

    def end(self, uid: int, eid: int) -> None:
        old = self.version(uid)
        assert old.valid_to is None and old.valid_from < self.day, (uid, old, self.day)
        old.valid_to, old.closed_by = self.day, eid
        if old.parent:
            self.children[old.parent].discard(uid)
        if old.territory:
            self.held[old.territory].discard(uid)
        self.by_role[self.units[uid].role].discard(uid)
        for code in self.codes_of.pop(uid, []):
            code.valid_to = self.day
            del self.open_codes[(code.scheme, code.code)]
        self.ended_today.append(uid)

    # -- events, as event_apply writes them

    def single(self, kind: str, uid: int, doc: int, title: str, **changes: Any) -> int:
        """rename / transfer / reclassify: the unit goes in and comes out with a new version."""
        eid = self.event(kind, title, doc)
        self.take_part(eid, uid, INPUT)
        self.take_part(eid, uid, OUTPUT)
        self.change(uid, eid, **changes)
        return eid

    def rename(self, uid: int, name: str, doc: int) -> None:
        self.single("rename", uid, doc, f"Đổi tên {self.name(uid)} thành {name}", name=name)

    def transfer(self, uid: int, parent: int, doc: int, **changes: Any) -> None:
        title = f"Chuyển {self.name(uid)} về {self.name(parent)}"
        self.single("transfer", uid, doc, title, parent=parent, **changes)
        self.busy.add(parent)

    def consolidate(
        self,
        inputs: list[int],
        doc: int,
        role: str,
        name: str,
        kind: str,
        *,
        follow: bool = True,
        **new: Any,
    ) -> int:
        eid = self.event("consolidate", f"Hợp nhất thành {name}", doc)
        for uid in inputs:
            self.take_part(eid, uid, INPUT, ends=True)
            self.end(uid, eid)
        uid = self.add_unit(role, name, kind, opened_by=eid, **new)
        self.take_part(eid, uid, OUTPUT, new=True)
        if follow:
            self.follow(eid, inputs, uid)
        return uid

    def merge(self, absorbed: list[int], into: int, doc: int, **changes: Any) -> None:
        eid = self.event("merge", f"Sáp nhập vào {self.name(into)}", doc)
        for uid in absorbed:
            self.take_part(eid, uid, INPUT, ends=True)
            self.end(uid, eid)
        self.take_part(eid, into, OUTPUT)
        if changes:
            self.change(into, eid, **changes)
        self.follow(eid, absorbed, into)

    def dissolve(self, inputs: list[int], doc: int, successors: Iterable[int] = ()) -> None:
        eid = self.event("dissolve", f"Giải thể {self.name(inputs[0])}", doc)
        for uid in inputs:
            self.take_part(eid, uid, INPUT, ends=True)
            self.end(uid, eid)
        for uid in successors:
            self.take_part(eid, uid, OUTPUT, share=PART)

    def establish(self, doc: int, role: str, name: str, kind: str, **new: Any) -> int:
        eid = self.event("establish", f"Thành lập {name}", doc)
        uid = self.add_unit(role, name, kind, opened_by=eid, **new)
        self.take_part(eid, uid, OUTPUT, new=True)
        return uid

    def split(self, source: int, doc: int, role: str, name: str, kind: str, **new: Any) -> int:
        eid = self.event("split", f"Chia tách {self.name(source)}", doc)
        self.take_part(eid, source, INPUT)
        uid = self.add_unit(role, name, kind, opened_by=eid, **new)
        self.take_part(eid, uid, OUTPUT, share=PART, new=True)
        return uid

    def move_children(self, old: int, new_parent: int, doc: int, **changes: Any) -> None:
        """Transfer each child of `old` to `new_parent`: one transfer event per child."""
        for uid in sorted(self.children.get(old, ())):
            self.transfer(uid, new_parent, doc, **changes)

    def follow(self, eid: int, ended: list[int], successor: int) -> None:
        """Children follow (services' children_follow, the default for merge and consolidate):
        the children of the ended inputs get a new version under the successor, opened by the
        event itself, and take no part in it."""
        for old in ended:
            for uid in sorted(self.children.get(old, ())):
                self.change(uid, eid, parent=successor)
                self.busy.add(uid)


# ---------------------------------------------------------------------------- the baseline


def _later(w: World, start: dt.date, spread: float = 0.3) -> dt.date:
    """A day between `start` and the end of 2014, nearer `start`."""
    days = (D(2014, 12, 31) - start).days
    return start + dt.timedelta(days=int(days * spread * w.rng.random()))


def _bodies(w: World, admin: int, level: str, place: str, start: dt.date) -> None:
    for role, (kind, label) in BODIES.items():
        w.add_unit(role, f"{label} {level} {place}", kind, "", admin, admin, start=start)


def build_baseline(w: World, communes: int) -> list[int]:
    """Units as they stood on 2015-01-01, registered without events; the provinces' ids."""
    rng = w.rng
    n_provinces = max(2, min(10, round(communes / 260)))
    n_districts = max(2, min(14, round(communes / (n_provinces * 25))))
    weights = [rng.uniform(0.6, 1.4) for _ in range(n_provinces * n_districts)]
    total = sum(weights)
    per_district = [max(3, round(communes * x / total)) for x in weights]
    root = w.add_unit(
        "nation",
        "Nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "province",
        "country",
        start=D(1976, 7, 2),
        codes=[("gso", "VN")],
    )
    provinces = []
    for p in range(n_provinces):
        subtype = "city" if p % 4 == 0 else "province"
        place = w.new_place()
        start = rng.choice([D(1997, 1, 1), D(2004, 1, 1), D(2008, 8, 1)])
        level = PROVINCE_LEVEL[subtype]
        prov = w.add_unit(
            "province",
            f"{cap(level)} {place}",
            "province",
            subtype,
            root,
            start=start,
            codes=[("gso", f"{(p + 1) * 2:02d}")],
        )
        w.place[prov] = place
        provinces.append(prov)
        party_name = f"{PROVINCE_PARTY[subtype]} {place}"
        party = w.add_unit(
            "party_committee",
            party_name,
            "party_committee",
            "",
            prov,
            prov,
            start=start,
            codes=[("party", w.next_code("party", 4, "T"))],
        )
        for key, label in PROVINCE_BOARDS.items():
            w.add_unit(
                f"board:{key}", f"{label} {party_name}", "party_board", "", party, prov, start=start
            )
        _bodies(w, prov, level, place, start)
        committee = w.child(prov, "committee")
        assert committee is not None
        for key, label in PROVINCE_DEPTS.items():
            dept = w.add_unit(
                f"dept:{key}",
                f"{label} {level} {place}",
                "specialized_office",
                "",
                committee,
                prov,
                start=start,
            )
            for label2 in rng.sample(DEPT_PSUS, rng.randint(1, 3)):
                name = f"{label2} {label.removeprefix('Sở ')} {level} {place}"
                w.add_unit(
                    "psu", name, "public_service_unit", "", dept, prov, start=_later(w, start)
                )
        for d in range(n_districts):
            count = per_district[p * n_districts + d]
            build_district(w, prov, party, _later(w, start, 0.5), count)
    return provinces


def build_district(w: World, prov: int, prov_party: int, start: dt.date, communes: int) -> None:
    rng = w.rng
    subtype = rng.choices(list(DISTRICT_LEVEL), weights=[8, 2, 1])[0]
    level, place = DISTRICT_LEVEL[subtype], w.new_place()
    code = w.next_code("district", 3)
    district = w.add_unit(
        "district",
        f"{cap(level)} {place}",
        "district",
        subtype,
        prov,
        start=start,
        codes=[("gso", code)],
    )
    w.place[district] = place
    party_name = f"{DISTRICT_PARTY[subtype]} {place}"
    party = w.add_unit(
        "party_committee",
        party_name,
        "party_committee",
        "",
        prov_party,
        district,
        start=start,
        codes=[("party", w.next_code("party", 4, "H"))],
    )
    for key, label in DISTRICT_BOARDS.items():
        w.add_unit(
            f"board:{key}", f"{label} {party_name}", "party_board", "", party, district, start=start
        )
    _bodies(w, district, level, place, start)
    committee = w.child(district, "committee")
    assert committee is not None
    for key, label in DISTRICT_OFFICES.items():
        w.add_unit(
            f"office:{key}",
            f"{label} {level} {place}",
            "specialized_office",
            "",
            committee,
            district,
            start=start,
        )
    for label in DISTRICT_PSUS:
        w.add_unit(
            "psu",
            f"{label} {level} {place}",
            "public_service_unit",
            "",
            committee,
            district,
            start=_later(w, start),
        )
    for _ in range(communes):
        build_commune(w, district, party, _later(w, start, 0.5))


def build_commune(w: World, district: int, district_party: int, start: dt.date) -> None:
    rng = w.rng
    dsub = w.version(district).subtype
    subtype = rng.choices(
        list(COMMUNE_LEVEL), weights=[8, 2, 1] if dsub == "rural_district" else [2, 8, 1]
    )[0]
    level, place = COMMUNE_LEVEL[subtype], w.new_place()
    commune = w.add_unit(
        "commune",
        f"{cap(level)} {place}",
        "commune",
        subtype,
        district,
        start=start,
        codes=[("gso", w.next_code("commune", 5))],
    )
    w.place[commune] = place
    gpc = w.add_unit(
        "gpc",
        f"Đảng ủy {level} {place}",
        "grassroots_party_committee",
        "",
        district_party,
        commune,
        start=start,
        codes=[("party", w.next_code("party", 6, "X"))],
    )
    _bodies(w, commune, level, place, start)
    for n in range(rng.randint(4, 14)):
        village_start = _later(w, start, 0.2)
        village = w.add_unit(
            "village", _village_name(w, subtype, n + 1), "village", "", commune, start=village_start
        )
        w.add_unit(
            "cell", f"Chi bộ {w.name(village)}", "party_cell", "", gpc, village, start=village_start
        )
    committee = w.child(district, "committee")
    edu = committee and w.child(committee, "office:edu")
    assert edu is not None
    for label in SCHOOLS:
        school = w.add_unit(
            "school", f"{label} {place}", "school", "", edu, commune, start=_later(w, start)
        )
        if label != SCHOOLS[2]:
            for n in range(rng.randint(0, 2)):
                w.add_unit(
                    "site",
                    f"Điểm trường {n + 2} {w.name(school)}",
                    "school_site",
                    "",
                    school,
                    start=w.version(school).valid_from,
                )


def _village_name(w: World, commune_subtype: str, n: int) -> str:
    if commune_subtype == "ward":
        return f"Tổ dân phố {n}"
    style = w.rng.random()
    if style < 0.4:
        return f"Thôn {n}"
    syllable = w.rng.choice(SYLLABLES)
    return f"{'Thôn' if style < 0.8 else w.rng.choice(['Bản', 'Ấp', 'Làng'])} {syllable} {n}"


# ---------------------------------------------------------------------------- monthly changes


def _count(w: World, pool: int, yearly_rate: float) -> int:
    expected = pool * yearly_rate / 12
    return int(expected) + (1 if w.rng.random() < expected - int(expected) else 0)


def _issuer(w: World, uid: int) -> str:
    """The People's Committee above a unit, as the issuer of its decision."""
    v = w.version(uid)
    for _ in range(6):
        if v.kind in ("district", "province"):
            return f"Ủy ban nhân dân {v.name[:1].lower()}{v.name[1:]}"
        if v.parent is None:
            break
        v = w.version(v.parent)
    return "Ủy ban nhân dân tỉnh"


def _decision(w: World, uid: int, title: str) -> int:
    return w.document("decision", "QĐ-UBND", _issuer(w, uid), title)


def _rename_level(w: World, admin: int, old: str, new: str, doc: int) -> None:
    """After a reclassification, rename the bodies on the unit's territory ("xã X" → "phường X")."""
    place = w.place[admin]
    for uid in sorted(w.held.get(admin, ())):
        name = w.name(uid)
        if f"{old} {place}" in name and w.free(uid):
            w.rename(uid, name.replace(f"{old} {place}", f"{new} {place}"), doc)


def monthly_changes(w: World, day: dt.date) -> None:
    rng = w.rng
    pools = {
        role: sorted(w.by_role[role])
        for role in ("village", "commune", "district", "psu", "school", "site", "cell")
    }
    offices = sorted(
        u for r, units in w.by_role.items() if r.startswith(("office:", "dept:")) for u in units
    )

    def pick(pool: list[int], n: int) -> list[int]:
        return rng.sample(pool, min(n, len(pool)))

    merge_wave = D(2018, 7, 1) <= day < D(2021, 1, 1)
    # Villages merge into a neighbour (waves in 2018–2020), their party cells with them.
    for village in pick(
        pools["village"], _count(w, len(pools["village"]), 0.12 if merge_wave else 0.01)
    ):
        commune = w.version(village).parent
        assert commune is not None
        others = [u for u in sorted(w.children[commune]) if u != village and w.role(u) == "village"]
        if not others:
            continue
        into = rng.choice(others)
        cells = w.holding(village, "cell") + w.holding(into, "cell")
        if len(cells) != 2 or not w.free(village, into, *cells):
            continue
        doc = w.document("resolution", "NQ-HĐND", _issuer(w, commune), "Sáp nhập thôn, tổ dân phố")
        renamed = rng.random() < 0.5
        new_name = (
            f"{w.name(into).rsplit(' ', 1)[0]} {rng.choice(SYLLABLES)} Mới" if renamed else None
        )
        w.merge([village], into, doc, **({"name": new_name} if new_name else {}))
        w.merge([cells[0]], cells[1], doc, **({"name": f"Chi bộ {new_name}"} if new_name else {}))
    # A village is split: a new village and its party cell.
    for village in pick(pools["village"], _count(w, len(pools["village"]), 0.004)):
        commune = w.version(village).parent
        assert commune is not None
        gpc = w.holding(commune, "gpc")
        if not gpc or not w.free(village, commune, gpc[0]):
            continue
        doc = w.document("resolution", "NQ-HĐND", _issuer(w, commune), "Thành lập thôn mới")
        name = f"Thôn {rng.choice(SYLLABLES)} {rng.randint(1, 30)}"
        new = w.split(village, doc, "village", name, "village", parent=commune)
        w.establish(doc, "cell", f"Chi bộ {name}", "party_cell", parent=gpc[0], territory=new)
    # A village is dissolved into its neighbour; its party cell too.
    for village in pick(pools["village"], _count(w, len(pools["village"]), 0.002)):
        commune = w.version(village).parent
        assert commune is not None
        others = [u for u in sorted(w.children[commune]) if u != village and w.role(u) == "village"]
        cells = w.holding(village, "cell")
        if not others or not cells or not w.free(village, *cells):
            continue
        doc = w.document("resolution", "NQ-HĐND", _issuer(w, commune), "Giải thể thôn")
        w.dissolve([village, *cells], doc, successors=[others[0]])
    # Villages renamed.
    for village in pick(pools["village"], _count(w, len(pools["village"]), 0.01)):
        cells = w.holding(village, "cell")
        if not w.free(village, *cells):
            continue
        doc = w.document("decision", "QĐ-UBND", _issuer(w, village), "Đổi tên thôn")
        name = f"Thôn {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        w.rename(village, name, doc)
        for cell in cells:
            w.rename(cell, f"Chi bộ {name}", doc)
    # Rural communes become wards (and their bodies are renamed).
    for commune in pick(pools["commune"], _count(w, len(pools["commune"]), 0.006)):
        v = w.version(commune)
        if v.subtype == "ward" or not w.free(commune):
            continue
        doc = w.document("resolution", "NQ-UBTVQH", "Ủy ban Thường vụ Quốc hội", "Thành lập phường")
        old = COMMUNE_LEVEL[v.subtype]
        w.single(
            "reclassify",
            commune,
            doc,
            "Thành lập phường",
            subtype="ward",
            name=f"Phường {w.place[commune]}",
        )
        _rename_level(w, commune, old, "phường", doc)
    # Communes move to another district of the province, with their party committee and schools.
    for commune in pick(pools["commune"], _count(w, len(pools["commune"]), 0.002)):
        district = w.version(commune).parent
        assert district is not None
        province = w.version(district).parent
        assert province is not None
        targets = [
            u for u in sorted(w.children[province]) if w.role(u) == "district" and u != district
        ]
        if not targets:
            continue
        target = rng.choice(targets)
        party = w.holding(target, "party_committee")
        committee = w.child(target, "committee")
        edu = committee and w.child(committee, "office:edu")
        moving = w.holding(commune, "gpc") + w.holding(commune, "school")
        if not party or not edu or not w.free(commune, *moving):
            continue
        doc = w.document(
            "resolution", "NQ-UBTVQH", "Ủy ban Thường vụ Quốc hội", "Điều chỉnh địa giới"
        )
        w.transfer(commune, target, doc)
        for uid in moving:
            w.transfer(uid, party[0] if w.role(uid) == "gpc" else edu, doc)
    # Rural districts become towns.
    for district in pick(pools["district"], _count(w, len(pools["district"]), 0.01)):
        v = w.version(district)
        if v.subtype != "rural_district" or not w.free(district):
            continue
        doc = w.document("resolution", "NQ-UBTVQH", "Ủy ban Thường vụ Quốc hội", "Thành lập thị xã")
        w.single(
            "reclassify",
            district,
            doc,
            "Thành lập thị xã",
            subtype="town",
            name=f"Thị xã {w.place[district]}",
        )
        _rename_level(w, district, "huyện", "thị xã", doc)
        for party in w.holding(district, "party_committee"):
            for uid in [party, *sorted(w.children.get(party, ()))]:
                if "Huyện ủy" in w.name(uid) and w.free(uid):
                    w.rename(uid, w.name(uid).replace("Huyện ủy", "Thị ủy"), doc)
    # Offices and departments renamed.
    for office in pick(offices, _count(w, len(offices), 0.02)):
        name = w.name(office)
        label = next((k for k in OFFICE_RENAMES if name.startswith(k + " ")), None)
        if label and w.free(office):
            doc = _decision(w, office, "Đổi tên cơ quan chuyên môn")
            w.rename(office, OFFICE_RENAMES[label] + name[len(label) :], doc)
    # District offices consolidated (2016–2024).
    if day >= D(2016, 1, 1):
        committees = [w.child(d, "committee") for d in pools["district"]]
        for committee in pick([c for c in committees if c], _count(w, len(committees), 0.03)):
            _consolidate_offices(w, committee, rng.choice(OFFICE_CONSOLIDATIONS_2016))
    # A department's or district's public service units: established and dissolved.
    for office in pick(offices, _count(w, len(offices), 0.02)):
        if not w.free(office):
            continue
        doc = _decision(w, office, "Thành lập đơn vị sự nghiệp")
        v = w.version(office)
        label = rng.choice(DEPT_PSUS)
        w.establish(
            doc,
            "psu",
            f"{label} số {rng.randint(2, 9)} thuộc {v.name}",
            "public_service_unit",
            parent=office,
            territory=v.territory,
        )
    for psu in pick(pools["psu"], _count(w, len(pools["psu"]), 0.015)):
        if w.free(psu) and not w.children.get(psu):
            w.dissolve([psu], _decision(w, psu, "Giải thể đơn vị sự nghiệp"))
    # Schools merge with another school of the same commune; school sites come and go.
    for school in pick(pools["school"], _count(w, len(pools["school"]), 0.01)):
        v = w.version(school)
        assert v.territory is not None
        others = [u for u in w.holding(v.territory, "school") if u != school]
        if not others:
            continue
        into = others[0]
        sites = sorted(w.children.get(school, ()))
        if not w.free(school, into, *sites):
            continue
        doc = _decision(w, school, "Sáp nhập trường")
        level = "Trường Tiểu học và Trung học cơ sở"
        place = w.place.get(v.territory, "")
        w.merge([school], into, doc, name=f"{level} {place}")
    for school in pick(pools["school"], _count(w, len(pools["school"]), 0.01)):
        if w.free(school):
            n = len(w.children.get(school, ())) + rng.randint(2, 5)
            doc = _decision(w, school, "Thành lập điểm trường")
            w.establish(
                doc, "site", f"Điểm trường {n} {w.name(school)}", "school_site", parent=school
            )
    for site in pick(pools["site"], _count(w, len(pools["site"]), 0.01)):
        if w.free(site):
            w.dissolve([site], _decision(w, site, "Giải thể điểm trường"))


def _consolidate_offices(
    w: World, committee: int, rule: tuple[tuple[str, str], tuple[str, str]]
) -> None:
    (a, b), (role, label) = rule
    inputs = [w.child(committee, a), w.child(committee, b)]
    if None in inputs:
        return
    units = [u for u in inputs if u is not None]
    moving = [c for u in units for c in w.children.get(u, ())]
    if not w.free(*units, *moving):
        return
    v = w.version(units[0])
    suffix = w.name(committee).removeprefix("Ủy ban nhân dân ")
    doc = _decision(w, committee, f"Thành lập {label}")
    w.consolidate(
        units, doc, role, f"{label} {suffix}", v.kind, parent=committee, territory=v.territory
    )


# ---------------------------------------------------------------------------- consolidations


def consolidate_communes(
    w: World, group: list[int], parent: int, party_parent: int, doc: int, *, schools_up: bool
) -> int:
    """Communes consolidated into a new one under `parent`, taking their bodies with them.

    As an operator would record it with the services: the commune consolidation with
    children_follow off (its bodies are consolidated, not moved), then one consolidation per
    body (the party cells follow their grassroots committee), then one transfer event per
    village and per school. With `schools_up` the schools move under the new People's
    Committee, otherwise they keep their parent."""
    rng = w.rng
    subtypes = Counter(w.version(c).subtype for c in group)
    subtype = (
        "ward" if subtypes["ward"] + subtypes["township"] > len(group) / 2 else "rural_commune"
    )
    level = COMMUNE_LEVEL[subtype]
    place = w.place[rng.choice(group)] if rng.random() < 0.6 else w.new_place()
    code = w.gso(group[0])
    new = w.consolidate(
        group,
        doc,
        "commune",
        f"{cap(level)} {place}",
        "commune",
        follow=False,
        subtype=subtype,
        parent=parent,
        codes=[("gso", code)] if code else [],
    )
    w.place[new] = place
    bodies: dict[str, list[int]] = defaultdict(list)
    for c in group:
        for uid in sorted(w.held.get(c, ())):
            bodies[w.role(uid)].append(uid)
    made: dict[str, int] = {}
    for role in [*BODIES, "gpc"]:
        olds = bodies.pop(role, [])
        if role == "gpc":
            kind, name, up = "grassroots_party_committee", f"Đảng ủy {level} {place}", party_parent
            codes = [("party", w.next_code("party", 6, "X"))]
        else:
            kind, label = BODIES[role]
            name, up, codes = f"{label} {level} {place}", new, []
        if len(olds) >= 2:
            made[role] = w.consolidate(
                olds, doc, role, name, kind, parent=up, territory=new, codes=codes
            )
        elif olds:
            w.transfer(olds[0], up, doc, territory=new, name=name)
            made[role] = olds[0]
    for c in group:
        w.move_children(c, new, doc)  # the villages
    for uid in bodies.pop("school", []):
        up = made["committee"] if schools_up else w.version(uid).parent
        assert up is not None
        w.transfer(uid, up, doc, territory=new)
    assert not bodies, f"unexpected units on a commune's territory: {sorted(bodies)}"
    return new


def _commune_free(w: World, commune: int) -> bool:
    units = [commune, *w.held.get(commune, ()), *w.children.get(commune, ())]
    for gpc in w.holding(commune, "gpc"):
        units += w.children.get(gpc, ())
    return w.free(*units)


def commune_wave(w: World, province: int, doc: int) -> None:
    """2019–2020: about one commune in ten consolidated with a neighbour of its district."""
    rng = w.rng
    for district in [u for u in sorted(w.children[province]) if w.role(u) == "district"]:
        communes = [u for u in sorted(w.children[district]) if w.role(u) == "commune"]
        rng.shuffle(communes)
        party = w.holding(district, "party_committee")[0]
        n = max(0, round(len(communes) * 0.1))
        i = 0
        while n > 0 and i + 1 < len(communes):
            size = 3 if rng.random() < 0.2 and i + 2 < len(communes) else 2
            group = communes[i : i + size]
            i += size
            n -= size
            if all(_commune_free(w, c) for c in group):
                consolidate_communes(w, group, district, party, doc, schools_up=False)


def march_2025(w: World, provinces: list[int]) -> None:
    """2025-03-01: departments, district offices and party boards consolidated."""
    for prov in provinces:
        doc = w.document(
            "resolution",
            "NQ-HĐND",
            f"Hội đồng nhân dân {w.name(prov).lower()}",
            "Sắp xếp cơ quan chuyên môn",
        )
        committee = w.child(prov, "committee")
        assert committee is not None
        for rule in DEPT_CONSOLIDATIONS_2025:
            _consolidate_offices(w, committee, rule)
        for district in [u for u in sorted(w.children[prov]) if w.role(u) == "district"]:
            dcommittee = w.child(district, "committee")
            if dcommittee:
                for rule in OFFICE_CONSOLIDATIONS_2025:
                    _consolidate_offices(w, dcommittee, rule)
        for admin in [prov, *(u for u in sorted(w.children[prov]) if w.role(u) == "district")]:
            for party in w.holding(admin, "party_committee"):
                for (a, b), (role, label) in BOARD_CONSOLIDATIONS_2025:
                    boards = [w.child(party, a), w.child(party, b)]
                    units = [u for u in boards if u is not None]
                    if len(units) == 2 and w.free(*units):
                        name = f"{label} {w.name(party)}"
                        w.consolidate(
                            units, doc, role, name, "party_board", parent=party, territory=admin
                        )


def reform_2025(w: World, provinces: list[int]) -> None:
    """2025-07-01: the district level ends. Communes are consolidated (about three into one)
    or kept, and move under the province; district bodies are dissolved."""
    rng = w.rng
    for prov in provinces:
        doc = w.document(
            "resolution",
            "NQ-UBTVQH15",
            "Ủy ban Thường vụ Quốc hội",
            f"Sắp xếp các đơn vị hành chính cấp xã của {w.name(prov).lower()} năm 2025",
        )
        prov_party = w.holding(prov, "party_committee")[0]
        districts = [u for u in sorted(w.children[prov]) if w.role(u) == "district"]
        for district in districts:
            communes = [u for u in sorted(w.children[district]) if w.role(u) == "commune"]
            rng.shuffle(communes)
            i = 0
            while i < len(communes):
                size = 1 if rng.random() < 0.1 else rng.choice([2, 3, 3, 3, 4])
                group = communes[i : i + size]
                i += size
                if len(group) == 1:
                    (commune,) = group
                    w.transfer(commune, prov, doc)
                    committee = w.child(commune, "committee")
                    for gpc in w.holding(commune, "gpc"):
                        w.transfer(gpc, prov_party, doc)
                    for school in w.holding(commune, "school"):
                        assert committee is not None
                        w.transfer(school, committee, doc)
                    continue
                consolidate_communes(w, group, prov, prov_party, doc, schools_up=True)
        prov_committee = w.child(prov, "committee")
        assert prov_committee is not None
        for district in districts:
            committee = w.child(district, "committee")
            assert committee is not None
            offices = [u for u in sorted(w.children[committee]) if w.role(u).startswith("office:")]
            for psu in [u for u in sorted(w.children[committee]) if w.role(u) == "psu"]:
                w.transfer(psu, prov_committee, doc, territory=prov)
            for office in offices:
                for psu in sorted(w.children.get(office, ())):
                    w.transfer(psu, prov_committee, doc, territory=prov)
            if offices:
                w.dissolve(offices, doc, successors=[prov_committee])
            for party in w.holding(district, "party_committee"):
                boards = sorted(w.children.get(party, ()))
                w.dissolve([*boards, party], doc, successors=[prov_party])
            mass = [
                u
                for u in sorted(w.children[district])
                if w.role(u) == "front" or w.role(u).startswith("org:")
            ]
            w.dissolve(mass, doc, successors=[u for u in [w.child(prov, "front")] if u])
            bodies = [w.child(district, "council"), committee]
            w.dissolve([*(u for u in bodies if u), district], doc, successors=[prov])


def padding(w: World, target: int) -> int:
    """Public service units of the new communes, established from August to December 2025 (one
    event each), until the apparatus has exactly `target` units."""
    communes = sorted(w.by_role["commune"])
    days = [D(2025, m, 1) for m in range(8, 13)]
    needed = target - (len(w.units) - 1)
    for i in range(needed):
        w.set_day(days[i * len(days) // needed])
        commune = communes[i % len(communes)]
        label = PADDING_PSUS[(i // len(communes)) % len(PADDING_PSUS)]
        round_ = i // (len(communes) * len(PADDING_PSUS))
        committee = w.child(commune, "committee")
        assert committee is not None
        v = w.version(commune)
        name = f"{label} {v.name[:1].lower()}{v.name[1:]}" + (f" số {round_ + 1}" if round_ else "")
        doc = _decision(w, committee, f"Thành lập {name}")
        w.establish(doc, "psu", name, "public_service_unit", parent=committee, territory=commune)
    return max(0, needed)


# ---------------------------------------------------------------------------- the simulation


def simulate(communes: int, seed: int) -> tuple[World, list[int]]:
    w = World(seed)
    w.set_day(FIRST_DAY)
    provinces = build_baseline(w, communes)
    rng = w.rng
    wave = {p: rng.choice([D(2019, 12, 1), D(2020, 1, 1), D(2020, 2, 1)]) for p in provinces}
    month = D(2015, 2, 1)
    while month < REFORM:
        w.set_day(month)
        if month == D(2025, 3, 1):
            march_2025(w, provinces)
        for prov in provinces:
            if wave[prov] == month:
                title = f"Sắp xếp đơn vị hành chính cấp xã của {w.name(prov).lower()}"
                doc = w.document("resolution", "NQ-UBTVQH14", "Ủy ban Thường vụ Quốc hội", title)
                commune_wave(w, prov, doc)
        monthly_changes(w, month)
        month = D(month.year + month.month // 12, month.month % 12 + 1, 1)
    w.set_day(REFORM)
    reform_2025(w, provinces)
    return w, provinces


def build(units: int, seed: int = DEFAULT_SEED) -> tuple[World, Stats]:
    """Simulate until the apparatus has at most `units` units, then pad it to exactly that."""
    if units < 500:
        raise SystemExit("--units must be at least 500")
    stats = Stats()
    started = time.perf_counter()
    communes = max(12, round(units / 38.5))
    for _ in range(4):
        w, _provinces = simulate(communes, seed)
        made = len(w.units) - 1
        if made <= units and made >= units * 0.95:
            break
        communes = max(12, int(communes * units * 0.975 / made))
    if made > units:
        raise SystemExit(f"could not fit the apparatus in {units} units")
    stats.communes = communes
    stats.padding = padding(w, units)
    w.set_day(LAST_DAY)
    w.finish_day()
    stats.seconds["simulate"] = time.perf_counter() - started
    started = time.perf_counter()
    verify(w)
    stats.seconds["verify"] = time.perf_counter() - started
    stats.units = len(w.units) - 1
    stats.versions = sum(len(u.versions) for u in w.units)
    stats.codes = len(w.codes)
    stats.events = len(w.events) - 1
    stats.participants = len(w.participants)
    stats.documents = len(w.docs) - 1
    stats.events_by_kind = dict(sorted(Counter(e.kind for e in w.events[1:]).items()))
    for day in (FIRST_DAY, D(2025, 6, 30), REFORM):
        alive: Counter[str] = Counter()
        for u in w.units[1:]:
            for v in u.versions:
                if v.valid_from <= day and (v.valid_to is None or day < v.valid_to):
                    alive[v.kind] += 1
        stats.alive[day.isoformat()] = dict(sorted(alive.items()))
    return w, stats


def verify(w: World) -> None:
    """The registry's invariants over every record, in memory (invariants.py's rules)."""
    spans: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for uid, unit in enumerate(w.units):
        if uid == 0:
            continue
        vs = unit.versions
        spans[uid] = [(v.valid_from, v.valid_to) for v in vs]
        for a, b in itertools.pairwise(vs):
            assert a.valid_to is not None and a.valid_to <= b.valid_from, (uid, a, b)
        for v in vs:
            assert v.valid_to is None or v.valid_to > v.valid_from, (uid, v)
            assert v.parent != uid
    for uid, unit in enumerate(w.units):
        for v in unit.versions:
            if v.parent is None:
                continue
            day, end = v.valid_from, v.valid_to
            for start, stop in spans[v.parent]:
                if start > day:
                    break
                if stop is None or stop > day:
                    day = stop if stop is not None else dt.date.max
                if end is not None and day >= end:
                    break
            covered = day == dt.date.max or (end is not None and day >= end)
            assert covered, f"unit {uid} {v} outside its parent {v.parent} from {day}"
    by_code: dict[tuple[str, str], list[CodeRec]] = defaultdict(list)
    for code in w.codes:
        by_code[(code.scheme, code.code)].append(code)
    for key, codes in by_code.items():
        codes.sort(key=lambda c: c.valid_from)
        for a, b in itertools.pairwise(codes):
            assert a.valid_to is not None and a.valid_to <= b.valid_from, (key, a, b)
    seen = set()
    for eid, uid, role, *_ in w.participants:
        assert (eid, uid, role) not in seen, (eid, uid, role)
        seen.add((eid, uid, role))


# ---------------------------------------------------------------------------- writing


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    from tinhgon.synth.writer import chunks  # imports no model: safe before django.setup()

    return chunks(items, size)


def write(w: World, batch: int = 5000) -> None:
    """Write every record with bulk_create in one transaction, ids as simulated."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from tinhgon.core.text import fold
    from tinhgon.registry.models import (
        Event,
        EventUnit,
        LegalDocument,
        Unit,
        UnitCode,
        UnitVersion,
    )

    through = Event.documents.through

    def put(model: Any, objs: Iterable[Any]) -> None:
        for chunk in _chunks(objs, batch):
            model.objects.bulk_create(chunk, batch_size=batch)

    def versions() -> Iterator[UnitVersion]:
        pk = 0
        for uid, unit in enumerate(w.units):
            for v in unit.versions:
                pk += 1
                yield UnitVersion(
                    id=pk,
                    unit_id=uid,
                    valid_from=v.valid_from,
                    valid_to=v.valid_to,
                    name=v.name,
                    kind=v.kind,
                    subtype=v.subtype,
                    parent_id=v.parent,
                    territory_id=v.territory,
                    attributes={},
                    search_text=fold(v.name)[:255],
                    opened_by_id=v.opened_by,
                    closed_by_id=v.closed_by,
                )

    with transaction.atomic():
        put(Unit, (Unit(id=uid) for uid in range(1, len(w.units))))
        put(
            LegalDocument,
            (
                LegalDocument(
                    id=pk,
                    number=d.number,
                    kind=d.kind,
                    issuer=d.issuer,
                    signed_on=d.signed_on,
                    effective_on=d.effective_on,
                    title=d.title,
                    status="U",
                    search_text=fold(f"{d.number} {d.title}")[:600],
                )
                for pk, d in enumerate(w.docs)
                if pk
            ),
        )
        put(
            Event,
            (
                Event(id=pk, kind=e.kind, effective_on=e.effective_on, title=e.title[:500])
                for pk, e in enumerate(w.events)
                if pk
            ),
        )
        put(
            through,
            (
                through(event_id=pk, legaldocument_id=doc)
                for pk, e in enumerate(w.events)
                if pk
                for doc in e.documents
            ),
        )
        put(UnitVersion, versions())
        put(
            UnitCode,
            (
                UnitCode(
                    id=pk,
                    unit_id=c.unit,
                    scheme=c.scheme,
                    code=c.code,
                    valid_from=c.valid_from,
                    valid_to=c.valid_to,
                )
                for pk, c in enumerate(w.codes, start=1)
            ),
        )
        put(
            EventUnit,
            (
                EventUnit(id=pk, event_id=e, unit_id=u, role=r, share=s, ends=ends, is_new=new)
                for pk, (e, u, r, s, ends, new) in enumerate(w.participants, start=1)
            ),
        )
        models = [Unit, LegalDocument, Event, through, UnitVersion, UnitCode, EventUnit]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


def self_check(sample: int, seed: int) -> int:
    """Run the registry's own invariant checks over a random sample of units; raise if any
    problem is found. Returns how many units were checked."""
    from tinhgon.registry.invariants import check_units
    from tinhgon.registry.models import Unit

    ids = sorted(Unit.objects.values_list("id", flat=True))
    chosen = sorted(random.Random(seed).sample(ids, min(sample, len(ids))))
    for chunk in _chunks(chosen, 50):
        problems = check_units(chunk)
        assert not problems, [p.message for p in problems[:10]]
    return len(chosen)


def generate(units: int, seed: int = DEFAULT_SEED, check: int = 0) -> Stats:
    """Simulate, verify and write an apparatus of `units` units into the configured database,
    which must hold no units yet."""
    from tinhgon.registry.models import Unit

    if Unit.objects.exists():
        raise SystemExit("the database already holds units; generate into an empty one")
    w, stats = build(units, seed)
    started = time.perf_counter()
    write(w)
    stats.seconds["write"] = time.perf_counter() - started
    if check:
        started = time.perf_counter()
        self_check(check, seed)
        stats.seconds["check"] = time.perf_counter() - started
    return stats


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--check",
        type=int,
        default=0,
        metavar="N",
        help="run invariants.check_units over N random units afterwards",
    )
    parser.add_argument("--dry-run", action="store_true", help="simulate and verify only")
    args = parser.parse_args(argv)
    if args.dry_run:
        _w, stats = build(args.units, args.seed)
    else:
        if "DATABASE_URL" not in os.environ:
            raise SystemExit("set DATABASE_URL to the database to fill")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tinhgon.settings.test")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        stats = generate(args.units, args.seed, args.check)
    for key, value in dataclasses.asdict(stats).items():
        print(f"{key}: {value}", file=sys.stdout)


if __name__ == "__main__":
    main()
