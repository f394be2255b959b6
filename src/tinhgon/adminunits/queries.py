"""Reads of the administrative units around the 2025 reform: what a province's communes became on
2025-07-01 and what its new communes were made from, counts by kind at a date, the units of a
province at any date.

The reform is read from the registry, not from the package: the events effective on
`REFORM_DAY` link the communes of 2025-06-30 (going in) to those of 2025-07-01 (coming out),
each link whole or part, a divided commune's link saying whether its part holds the former
centre (`holds_former_centre` on the participation going in). A commune that goes on as the same
unit (a transfer: same commune, new parent) is its own predecessor. See
docs/developer/adminunits.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from tinhgon.accounts.access import current_access
from tinhgon.core.errors import NotFound, Problem
from tinhgon.core.text import fold
from tinhgon.registry.kinds import Role, Share, UnitKind
from tinhgon.registry.models import Event, EventUnit, LegalDocument, Unit, UnitCode, UnitVersion
from tinhgon.registry.problems import problem
from tinhgon.registry.queries import (
    CHUNK,
    codes_at,
    descendants,
    unit_label,
    unit_resolve,
    versions_at,
)

from .data import REFORM_DAY

LAST_DAY_BEFORE = REFORM_DAY - dt.timedelta(days=1)

BEFORE = "before"
AFTER = "after"
SIDES = (BEFORE, AFTER)

ADMINISTRATIVE_KINDS = (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE)
# The subtypes the loader writes, in the order they are shown.
PROVINCE_SUBTYPES = ("municipality", "province")
DISTRICT_SUBTYPES = ("urban_district", "provincial_city", "town", "rural_district")
COMMUNE_SUBTYPES = ("ward", "rural_commune", "township", "special_zone")


def side_date(side: str) -> dt.date:
    """The day a side of the reform is read on: 2025-06-30 before, 2025-07-01 after."""
    return LAST_DAY_BEFORE if side == BEFORE else REFORM_DAY


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    items = list(ids)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _versions(unit_ids: Iterable[int], on: dt.date) -> dict[int, UnitVersion]:
    found: dict[int, UnitVersion] = {}
    for chunk in _chunks(set(unit_ids)):
        found.update(versions_at(chunk, on))
    return found


# ---------------------------------------------------------------------------- units as seen


@dataclass
class Absorbed:
    """A unit that ended by merging into another before the reform (Hòa Lạc into Trần Phú)."""

    name: str
    effective_on: dt.date
    event_id: int


@dataclass
class Place:
    """A unit as it was on one side of the reform, with its codes and where it lay then."""

    version: UnitVersion
    codes: list[UnitCode] = field(default_factory=list)
    district: UnitVersion | None = None
    province: UnitVersion | None = None
    absorbed: list[Absorbed] = field(default_factory=list)

    @property
    def unit_id(self) -> int:
        return self.version.unit_id

    @property
    def name(self) -> str:
        return self.version.name

    @property
    def code(self) -> str:
        """The administrative (GSO) code, or the first code, or ""."""
        for item in self.codes:
            if item.scheme == "gso":
                return item.code
        return self.codes[0].code if self.codes else ""

    @property
    def former_names(self) -> list[str]:
        """Names the unit was also known by (the package keeps them folded: "phuonghoalac")."""
        names = (self.version.attributes or {}).get("former_names") or []
        return [str(n) for n in names] if isinstance(names, list) else []

    def search_names(self) -> list[str]:
        return [self.name, *self.former_names, *(a.name for a in self.absorbed)]

    def sort_key(self) -> tuple[str, str, int]:
        return (self.code or "~", fold(self.name), self.unit_id)


def _places(versions: dict[int, UnitVersion], on: dt.date) -> dict[int, Place]:
    """Places for versions read on `on`: their codes, their district and province then."""
    codes: dict[int, list[UnitCode]] = defaultdict(list)
    for chunk in _chunks(versions):
        for unit_id, found in codes_at(chunk, on).items():
            codes[unit_id] = found
    places = {uid: Place(v, codes.get(uid, [])) for uid, v in versions.items()}
    # Walk up the parents level by level until a province is reached (at most three levels).
    pending = {uid: v for uid, v in versions.items() if v.kind != UnitKind.PROVINCE}
    cursor = {uid: v.parent_id for uid, v in pending.items() if v.parent_id}
    for _level in range(4):
        if not cursor:
            break
        parents = _versions(set(cursor.values()), on)
        following: dict[int, int] = {}
        for uid, parent_id in cursor.items():
            parent = parents.get(parent_id)
            if parent is None:
                continue
            if parent.kind == UnitKind.DISTRICT and places[uid].district is None:
                places[uid].district = parent
            if parent.kind == UnitKind.PROVINCE:
                places[uid].province = parent
            elif parent.parent_id:
                following[uid] = parent.parent_id
        cursor = following
    return places


# ---------------------------------------------------------------------------- provinces


@dataclass
class ProvinceRow:
    """A province on a date, how many units it had then, its counterparts across the reform
    (what it was formed from, or what it went into) and the legal basis of its communes'
    events of 2025-07-01."""

    place: Place
    districts: int = 0
    communes: dict[str, int] = field(default_factory=dict)
    counterparts: list[Place] = field(default_factory=list)
    documents: list[LegalDocument] = field(default_factory=list)

    @property
    def commune_total(self) -> int:
        return sum(self.communes.values())


def provinces(on: dt.date, *, details: bool = True) -> list[ProvinceRow]:
    """The provinces on a date, by code; with `details`, their districts and communes counted
    then, their counterparts across the reform and the documents of their communes' events."""
    versions = {
        v.unit_id: v
        for v in UnitVersion.objects.as_of(on).filter(kind=UnitKind.PROVINCE, parent__isnull=True)
    }
    places = _places(versions, on)
    rows = {uid: ProvinceRow(places[uid]) for uid in versions}
    if details:
        province_of: dict[int, int] = {}  # commune -> its province
        district_of: dict[int, int] = {}  # district -> its province
        for chunk in _chunks(versions):
            for unit_id, parent_id, kind, subtype in _children_rows(chunk, on):
                if kind == UnitKind.DISTRICT:
                    rows[parent_id].districts += 1
                    district_of[unit_id] = parent_id
                elif kind == UnitKind.COMMUNE:
                    _add(rows[parent_id].communes, subtype)
                    province_of[unit_id] = parent_id
        for chunk in _chunks(district_of):
            for unit_id, parent_id, kind, subtype in _children_rows(chunk, on):
                if kind == UnitKind.COMMUNE:
                    _add(rows[district_of[parent_id]].communes, subtype)
                    province_of[unit_id] = district_of[parent_id]
        across = counterparts(list(versions), on)
        documents = _documents_of(province_of)
        for uid, row in rows.items():
            row.counterparts = across.get(uid, [])
            row.documents = documents.get(uid, [])
    return sorted(rows.values(), key=lambda r: r.place.sort_key())


def _children_rows(parent_ids: list[int], on: dt.date) -> Iterable[tuple[int, int, str, str]]:
    """(unit, parent, kind, subtype) of the districts and communes under `parent_ids`."""
    return (
        UnitVersion.objects.as_of(on)
        .filter(parent_id__in=parent_ids, kind__in=(UnitKind.DISTRICT, UnitKind.COMMUNE))
        .values_list("unit_id", "parent_id", "kind", "subtype")
    )


def _documents_of(owner_of: dict[int, int]) -> dict[int, list[LegalDocument]]:
    """The documents of the events of 2025-07-01 the units in `owner_of` took part in, by
    the owner of each unit (its province)."""
    events: dict[int, set[int]] = defaultdict(set)  # event -> owners
    # Every participation of the day, sifted here: one plain query, where a filter on
    # thousands of units would make SQLite scan the day's events once per unit.
    day = Event.objects.filter(effective_on=REFORM_DAY).values("id")
    for unit_id, event_id in EventUnit.objects.filter(event_id__in=day).values_list(
        "unit_id", "event_id"
    ):
        if unit_id in owner_of:
            events[event_id].add(owner_of[unit_id])
    by_owner: dict[int, dict[int, LegalDocument]] = defaultdict(dict)
    through = Event.documents.through
    pairs: list[tuple[int, int]] = []
    for chunk in _chunks(events):
        pairs += through.objects.filter(event_id__in=chunk).values_list(
            "event_id", "legaldocument_id"
        )
    documents = LegalDocument.objects.in_bulk({d for _e, d in pairs})
    for event_id, document_id in pairs:
        for owner in events[event_id]:
            by_owner[owner][document_id] = documents[document_id]
    return {
        owner: sorted(found.values(), key=lambda d: (d.signed_on, d.number, d.pk))
        for owner, found in by_owner.items()
    }


def _add(counts: dict[str, int], key: str) -> None:
    counts[key] = counts.get(key, 0) + 1


def counterparts(province_ids: list[int], on: dt.date) -> dict[int, list[Place]]:
    """For each province (as on `on`), the provinces on the other side of the reform linked to
    it by the province events of 2025-07-01: those it went into, if `on` is before the reform,
    else those it was formed from. A province that is the same unit on both sides is its own
    counterpart."""
    side = BEFORE if on < REFORM_DAY else AFTER
    here, there = (Role.INPUT, Role.OUTPUT) if side == BEFORE else (Role.OUTPUT, Role.INPUT)
    other_day = side_date(AFTER if side == BEFORE else BEFORE)
    links: dict[int, set[int]] = defaultdict(set)
    event_ids: dict[int, set[int]] = defaultdict(set)
    for chunk in _chunks(province_ids):
        for link in EventUnit.objects.filter(
            event__effective_on=REFORM_DAY, unit_id__in=chunk, role=here
        ):
            event_ids[link.event_id].add(link.unit_id)
    if event_ids:
        for chunk in _chunks(event_ids):
            for link in EventUnit.objects.filter(event_id__in=chunk, role=there):
                for uid in event_ids[link.event_id]:
                    links[uid].add(link.unit_id)
    for uid, version in _versions(province_ids, other_day).items():
        if version.kind == UnitKind.PROVINCE:
            links[uid].add(uid)
    others = {
        uid: v
        for uid, v in _versions({u for ids in links.values() for u in ids}, other_day).items()
        if v.kind == UnitKind.PROVINCE
    }
    places = _places(others, other_day)
    return {
        uid: sorted((places[o] for o in ids if o in places), key=Place.sort_key)
        for uid, ids in links.items()
    }


def _province_on(unit: Unit) -> tuple[bool, bool]:
    """Whether the unit is a province on the last day before the reform, and on its first."""
    before = _versions([unit.pk], LAST_DAY_BEFORE).get(unit.pk)
    after = _versions([unit.pk], REFORM_DAY).get(unit.pk)
    return (
        before is not None and before.kind == UnitKind.PROVINCE,
        after is not None and after.kind == UnitKind.PROVINCE,
    )


def province_resolve(ref: str, on: dt.date, field: str = "province") -> Unit:
    """A province of either side of the reform, for every signed-in user: the administrative
    map is public law. Any other unit is found only within the user's scope."""
    unit = unit_resolve(ref, on, field=field, scoped=False)
    if not current_access().covers(unit.pk) and not any(_province_on(unit)):
        raise NotFound(problem("unit_not_found", field, ref=ref, date=on))
    return unit


def province_side(province: Unit, on: dt.date) -> str:
    """Which side of the reform a province page is about: the side it exists on as a
    province, or, if it is the same unit on both, the side `on` falls on."""
    is_before, is_after = _province_on(province)
    if is_before and is_after:
        return BEFORE if on < REFORM_DAY else AFTER
    if is_before:
        return BEFORE
    if is_after:
        return AFTER
    raise NotFound(
        Problem(
            "not_a_province",
            _(
                "%(unit)s is not a province on %(before)s or on %(after)s, either side of "
                "the reform of 01/07/2025."
            )
            % {
                "unit": unit_label(province),
                "before": LAST_DAY_BEFORE.strftime("%d/%m/%Y"),
                "after": REFORM_DAY.strftime("%d/%m/%Y"),
            },
            "province",
        )
    )


# ---------------------------------------------------------------------------- the transition


@dataclass
class Link:
    """One flow of 2025-07-01: an old commune (or part of it) into a new one."""

    old_id: int
    new_id: int
    share: str
    holds_former_centre: bool | None
    event_id: int | None

    @property
    def is_part(self) -> bool:
        return self.share == Share.PART


@dataclass
class Linked:
    """A unit on the other side, reached by a link."""

    link: Link
    place: Place
    in_province: bool


@dataclass
class Row:
    """A commune of one side with the communes it is linked to on the other."""

    place: Place
    linked: list[Linked]

    @property
    def divided(self) -> bool:
        """For an old commune: it was divided; for a new one: it took part of a divided one."""
        return any(item.link.is_part for item in self.linked)

    def names(self) -> list[str]:
        """Every name the text filter looks in: the unit's and those of its counterparts, with
        their former names and the names of units merged into them earlier."""
        places = [self.place, *(item.place for item in self.linked)]
        return [name for place in places for name in place.search_names()]


@dataclass
class Filters:
    kind: str = ""  # a subtype: ward, rural_commune, township, special_zone
    divided: bool = False
    text: str = ""

    @property
    def active(self) -> bool:
        return bool(self.kind or self.divided or fold(self.text))

    def keeps(self, row: Row) -> bool:
        if self.kind and row.place.version.subtype != self.kind:
            return False
        if self.divided and not row.divided:
            return False
        needle = fold(self.text).replace(" ", "")
        return not needle or any(needle in fold(name).replace(" ", "") for name in row.names())


@dataclass
class Transition:
    """A province before and after 2025-07-01, from the side it is asked about."""

    province: Place
    side: str
    new_rows: list[Row]  # filtered
    old_rows: list[Row]  # filtered
    new_total: int
    old_total: int
    divided_total: int
    counterparts: list[Place]
    documents: list[LegalDocument]
    filters: Filters

    @property
    def date(self) -> dt.date:
        return side_date(self.side)

    @property
    def unchanged(self) -> bool:
        """The province went on as it was: its only counterpart is itself."""
        return [p.unit_id for p in self.counterparts] == [self.province.unit_id]


def _own_units(province: Unit, side: str) -> dict[int, UnitVersion]:
    """The units of a province whose flows the page follows: its communes on the side's day;
    before the reform also its districts, for the island districts without communes that
    became special zones (a district with no link to a new commune is left out later)."""
    kinds = (UnitKind.COMMUNE,) if side == AFTER else (UnitKind.COMMUNE, UnitKind.DISTRICT)
    return {v.unit_id: v for v in descendants([province.pk], side_date(side)) if v.kind in kinds}


def _links(unit_ids: set[int]) -> list[Link]:
    """The flows of 2025-07-01 that touch any of `unit_ids`."""
    event_ids: set[int] = set()
    for chunk in _chunks(unit_ids):
        # By unit (a few events each), the day sifted here: SQLite would rather scan the
        # day's thousands of events once per unit.
        for event_id, day in EventUnit.objects.filter(unit_id__in=chunk).values_list(
            "event_id", "event__effective_on"
        ):
            if day == REFORM_DAY:
                event_ids.add(event_id)
    participants: dict[int, list[EventUnit]] = defaultdict(list)
    for chunk in _chunks(event_ids):
        for item in EventUnit.objects.filter(event_id__in=chunk).order_by("event_id", "id"):
            participants[item.event_id].append(item)
    links: list[Link] = []
    for event_id, items in participants.items():
        inputs = [p for p in items if p.role == Role.INPUT]
        outputs = [p for p in items if p.role == Role.OUTPUT]
        for source in inputs:
            for target in outputs:
                part = Share.PART in (source.share, target.share)
                centre = (source.attributes or {}).get("holds_former_centre")
                links.append(
                    Link(
                        old_id=source.unit_id,
                        new_id=target.unit_id,
                        share=Share.PART if part else Share.WHOLE,
                        holds_former_centre=bool(centre) if centre is not None else None,
                        event_id=event_id,
                    )
                )
    return links


def _earlier_mergers(unit_ids: set[int]) -> dict[int, list[Absorbed]]:
    """For each unit, the units that ended by merging into it before the reform."""
    into: dict[int, set[int]] = defaultdict(set)
    for chunk in _chunks(unit_ids):
        for link in EventUnit.objects.filter(
            unit_id__in=chunk, role=Role.OUTPUT, event__effective_on__lt=REFORM_DAY
        ):
            into[link.event_id].add(link.unit_id)
    found: dict[int, list[Absorbed]] = defaultdict(list)
    if not into:
        return found
    gone = (
        EventUnit.objects.filter(event_id__in=list(into), role=Role.INPUT, ends=True)
        .select_related("event")
        .order_by("event__effective_on", "event_id", "id")
    )
    for item in gone:
        version = UnitVersion.objects.filter(unit_id=item.unit_id, closed_by=item.event).first()
        if version is None:
            continue
        for uid in sorted(into[item.event_id] - {item.unit_id}):
            found[uid].append(Absorbed(version.name, item.event.effective_on, item.event_id))
    return found


def transition(province: Unit, on: dt.date, filters: Filters | None = None) -> Transition:
    """The communes of a province (old or new, see `province_side`) and their counterparts.

    Before: every commune of the province on 2025-06-30 with what it became, and every commune
    of 2025-07-01 that took any of them, with all it was made from. After: every commune of the
    province on 2025-07-01 with what it was made from, and each of those with all it became.
    A unit linked across the province's border is kept and marked as outside it.
    """
    filters = filters or Filters()
    side = province_side(province, on)
    own_versions = _own_units(province, side)
    own = set(own_versions)

    links = _links(own)
    old_v = {
        uid: v
        for uid, v in _versions(
            {lk.old_id for lk in links} | (own if side == BEFORE else set()), LAST_DAY_BEFORE
        ).items()
        if v.kind in (UnitKind.COMMUNE, UnitKind.DISTRICT)
    }
    new_v = {
        uid: v
        for uid, v in _versions(
            {lk.new_id for lk in links} | (own if side == AFTER else set()), REFORM_DAY
        ).items()
        if v.kind == UnitKind.COMMUNE
    }
    links = [lk for lk in links if lk.old_id in old_v and lk.new_id in new_v]
    # A commune that is the same unit on both days is its own predecessor, even without an
    # event linking it to itself; whole unless part of it went elsewhere.
    pairs = {(lk.old_id, lk.new_id) for lk in links}
    gave_part = {lk.old_id for lk in links if lk.is_part and lk.old_id != lk.new_id}
    for uid in old_v.keys() & new_v.keys():
        if (uid, uid) not in pairs:
            links.append(Link(uid, uid, Share.WHOLE, None, None))
    for lk in links:
        if lk.old_id == lk.new_id and lk.old_id in gave_part:
            lk.share = Share.PART

    if side == BEFORE:
        linked_old = {lk.old_id for lk in links}
        old_ids = {
            uid for uid in own if own_versions[uid].kind == UnitKind.COMMUNE or uid in linked_old
        }
        new_ids = {lk.new_id for lk in links if lk.old_id in old_ids}
    else:
        new_ids = own
        old_ids = {lk.old_id for lk in links if lk.new_id in new_ids}
    old_places = _places({uid: old_v[uid] for uid in old_v}, LAST_DAY_BEFORE)
    new_places = _places(new_v, REFORM_DAY)
    for uid, absorbed in _earlier_mergers(set(old_places)).items():
        old_places[uid].absorbed = absorbed
    by_new: dict[int, list[Link]] = defaultdict(list)
    by_old: dict[int, list[Link]] = defaultdict(list)
    for lk in links:
        by_new[lk.new_id].append(lk)
        by_old[lk.old_id].append(lk)

    # The side the province is asked about defines it; a unit on that side reached from the
    # other one (a commune divided across a provincial border) is outside it.
    def inside(uid: int, unit_side: str) -> bool:
        return unit_side != side or uid in (old_ids if side == BEFORE else new_ids)

    def order(item: Linked) -> tuple[Any, ...]:
        return (item.link.is_part, item.link.holds_former_centre is not True, item.place.sort_key())

    new_rows = [
        Row(
            new_places[uid],
            sorted(
                (
                    Linked(lk, old_places[lk.old_id], inside(lk.old_id, BEFORE))
                    for lk in by_new[uid]
                ),
                key=order,
            ),
        )
        for uid in new_ids
    ]
    old_rows = [
        Row(
            old_places[uid],
            sorted(
                (Linked(lk, new_places[lk.new_id], inside(lk.new_id, AFTER)) for lk in by_old[uid]),
                key=order,
            ),
        )
        for uid in old_ids
    ]
    new_rows.sort(key=lambda r: r.place.sort_key())
    old_rows.sort(key=lambda r: (_district_key(r.place), r.place.sort_key()))
    day = side_date(side)
    return Transition(
        province=_places(_versions([province.pk], day), day)[province.pk],
        side=side,
        new_rows=[r for r in new_rows if filters.keeps(r)],
        old_rows=[r for r in old_rows if filters.keeps(r)],
        new_total=len(new_rows),
        old_total=len(old_rows),
        divided_total=sum(1 for r in old_rows if r.divided),
        counterparts=counterparts([province.pk], day).get(province.pk, []),
        documents=_documents({lk.event_id for lk in links if lk.event_id}, province),
        filters=filters,
    )


def _district_key(place: Place) -> tuple[str, str]:
    district = place.district
    if district is None:
        return ("", "")
    return (fold(district.name), str(district.unit_id))


def _documents(event_ids: set[int], province: Unit) -> list[LegalDocument]:
    """The legal basis: the documents of the events of the flows shown (the communes') and of
    the province's own events of 2025-07-01 (a consolidation of provinces)."""
    ids = set(event_ids)
    ids |= set(
        EventUnit.objects.filter(event__effective_on=REFORM_DAY, unit=province).values_list(
            "event_id", flat=True
        )
    )
    found: dict[int, LegalDocument] = {}
    for chunk in _chunks(ids):
        for document in LegalDocument.objects.filter(events__id__in=chunk).distinct():
            found[document.pk] = document
    return sorted(found.values(), key=lambda d: (d.signed_on, d.number, d.pk))


# ---------------------------------------------------------------------------- counts


@dataclass
class Counts:
    """Administrative units on a date, by kind and subtype, in the nation or one province."""

    on: dt.date
    province: Place | None
    provinces: dict[str, int]
    districts: dict[str, int]
    communes: dict[str, int]

    @property
    def province_total(self) -> int:
        return sum(self.provinces.values())

    @property
    def district_total(self) -> int:
        return sum(self.districts.values())

    @property
    def commune_total(self) -> int:
        return sum(self.communes.values())


def counts(on: dt.date, province: Unit | None = None) -> Counts:
    """How many provinces, districts and communes (by subtype) there are on a date, in the
    whole registry or under one province."""
    by_kind: dict[str, dict[str, int]] = {kind: {} for kind in ADMINISTRATIVE_KINDS}
    place: Place | None = None
    if province is None:
        rows = (
            UnitVersion.objects.as_of(on)
            .filter(kind__in=ADMINISTRATIVE_KINDS)
            .values("kind", "subtype")
            .annotate(n=Count("id"))
        )
        for row in rows:
            by_kind[row["kind"]][row["subtype"]] = row["n"]
    else:
        version = _versions([province.pk], on).get(province.pk)
        if version is None:
            raise NotFound(
                problem("unit_not_valid_on", "province", unit=unit_label(province), date=on)
            )
        place = _places({province.pk: version}, on)[province.pk]
        for child in descendants([province.pk], on):
            if child.kind in by_kind:
                _add(by_kind[child.kind], child.subtype)
    return Counts(
        on=on,
        province=place,
        provinces=_ordered(by_kind[UnitKind.PROVINCE], PROVINCE_SUBTYPES),
        districts=_ordered(by_kind[UnitKind.DISTRICT], DISTRICT_SUBTYPES),
        communes=_ordered(by_kind[UnitKind.COMMUNE], COMMUNE_SUBTYPES),
    )


@dataclass
class CountRow:
    """One line of a comparison of counts: a kind's total (no subtype) or one subtype."""

    kind: str
    subtype: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


def compare_counts(first: Counts, second: Counts) -> list[CountRow]:
    """Counts on two dates side by side: each kind's total, then its subtypes."""
    rows: list[CountRow] = []
    for kind, a, b in (
        (UnitKind.PROVINCE, first.provinces, second.provinces),
        (UnitKind.DISTRICT, first.districts, second.districts),
        (UnitKind.COMMUNE, first.communes, second.communes),
    ):
        rows.append(CountRow(kind, "", sum(a.values()), sum(b.values())))
        for subtype in dict.fromkeys([*a, *b]):
            rows.append(CountRow(kind, subtype, a.get(subtype, 0), b.get(subtype, 0)))
    return rows


def _ordered(found: dict[str, int], order: tuple[str, ...]) -> dict[str, int]:
    """Every known subtype (0 when absent) in order, then any other subtype found."""
    result = {key: found.get(key, 0) for key in order}
    result.update({k: v for k, v in sorted(found.items()) if k not in result})
    return result


# ---------------------------------------------------------------------------- a province's units


def province_units(province: Unit, on: dt.date) -> list[Place]:
    """The districts and communes of a province on a date, any date: the communes directly
    under it (after the reform), then each district (before it) followed by its communes."""
    versions = {
        v.unit_id: v for v in descendants([province.pk], on) if v.kind in ADMINISTRATIVE_KINDS
    }
    if _versions([province.pk], on).get(province.pk) is None:
        raise NotFound(problem("unit_not_valid_on", "province", unit=unit_label(province), date=on))
    places = _places(versions, on)
    ordered: list[Place] = []
    communes_of: dict[int, list[Place]] = defaultdict(list)
    for place in places.values():
        if place.version.kind == UnitKind.COMMUNE:
            communes_of[place.version.parent_id or 0].append(place)
    ordered += sorted(communes_of.get(province.pk, []), key=Place.sort_key)
    for district in sorted(
        (p for p in places.values() if p.version.kind == UnitKind.DISTRICT), key=Place.sort_key
    ):
        ordered.append(district)
        ordered += sorted(communes_of.get(district.unit_id, []), key=Place.sort_key)
    return ordered
