"""The party before 2025-07-01 and its reform: the old structure from 2024-01-01 (when the
administrative records start) and the events of 2025-07-01 that made the organizations
planned for the new provinces and communes.

Before: a committee per old province → a committee per district → a grassroots committee per
old commune (territory: each its administrative unit) → the cells, each cell of a new commune
under one of the committees of the old communes it was made from, in turn. On 2025-07-01,
following the administrative reform: the old provincial committees consolidated into the new
one (a province that went on unchanged keeps its committee); the district committees
dissolved, one event per old province; for each new commune, the committees of its old
communes consolidated into the new committee (a divided old commune goes in as part to each
new one and ends in the one that took its centre), or, where one old commune went on as the
new one, its committee transferred under the province. The cells go on as the same units:
a new version under the new committee opened by the event (children follow), so members stay
attached to their cell through the reform. Written directly, like the rest of synth.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tinhgon.adminunits.data import LAST_LEGACY_DAY, Dataset, load_dataset
from tinhgon.adminunits.loader import BASELINE
from tinhgon.core.text import lower_first

from .plan import CommunePlan, ProvincePlan
from .vocabulary import REFORM
from .writer import chunks, unit_version


@dataclass
class ReformCounts:
    units: int = 0  # old committees added
    events: int = 0
    documents: int = 0


@dataclass
class _Old:
    """A committee before the reform: its unit, name, parent committee and territory."""

    uid: int
    name: str
    kind: str
    parent: int
    territory: int
    closed_by: Any = None  # the Event that ends it
    continues: bool = False  # the same unit goes on after the reform


def write_party_reform(
    provinces: list[ProvincePlan], root: int, first_id: int
) -> tuple[ReformCounts, int]:
    """The old committees (unit ids from `first_id`), the cells' versions before the reform
    and the reform's events. Returns the counts and the last unit id used."""
    from django.db import transaction

    data = load_dataset()
    with transaction.atomic():
        return _Reform(data, provinces, root, first_id).write()


class _Reform:
    def __init__(self, data: Dataset, provinces: list[ProvincePlan], root: int, first: int):
        from tinhgon.registry.models import UnitCode

        self.data, self.provinces, self.root = data, provinces, root
        self.ids = itertools.count(first)
        self.counts = ReformCounts()
        self.old: list[_Old] = []
        self.events: list[tuple[Any, list[tuple[int, str, str, bool, bool, dict[str, Any]]]]] = []
        self.opened: list[tuple[Any, list[int]]] = []  # (event, units whose new version it opens)
        # cell → its committee before the reform and the event that moved it
        self.cell_before: dict[int, tuple[_Old, Any]] = {}
        self.extend: list[int] = []  # units whose version from REFORM starts at BASELINE
        self.documents: list[Any] = []
        self.basis: dict[int, Any] = {}  # id(event) → its document
        self.links: dict[int, list[Any]] = {}  # id(event) → its participants
        old_codes = [c.code for c in data.legacy_communes.values()]
        old_codes += [d.code for d in data.districts.values()]
        old_codes += [p.code for p in data.legacy_provinces.values()]
        self.legacy = dict(
            UnitCode.objects.as_of(LAST_LEGACY_DAY)
            .filter(scheme="gso", code__in=old_codes)
            .values_list("code", "unit_id")
        )

    def write(self) -> tuple[ReformCounts, int]:
        for n, p in enumerate(self.provinces):
            self._province(n, p)
        self._save()
        return self.counts, next(self.ids) - 1

    def _event(self, kind: str, title: str, doc: Any) -> Any:
        from tinhgon.registry.models import Event

        event = Event(kind=kind, effective_on=REFORM, title=title)
        self.events.append((event, []))
        self.basis[id(event)] = doc
        self.links[id(event)] = self.events[-1][1]
        return event

    def _link(self, event: Any, unit: int, role: str, share: str = "whole", **kw: Any) -> None:
        links = self.links[id(event)]
        ends, is_new = kw.get("ends", False), kw.get("is_new", False)
        links.append((unit, role, share, ends, is_new, kw.get("attributes", {})))

    def _document(self, number: str, issuer: str, title: str) -> Any:
        from tinhgon.core.text import fold
        from tinhgon.registry.models import LegalDocument

        doc = LegalDocument(
            number=number,
            kind="decision",
            issuer=issuer,
            signed_on=REFORM.replace(day=1, month=6),
            effective_on=REFORM,
            title=title,
            status="U",
            search_text=fold(f"{number} {title}")[:600],
        )
        self.documents.append(doc)
        return doc

    def _new(self, name: str, kind: str, parent: int, territory: int) -> _Old:
        old = _Old(next(self.ids), name, kind, parent, territory)
        self.old.append(old)
        return old

    def _province(self, n: int, p: ProvincePlan) -> None:
        data = self.data
        new = next(x for x in data.new_provinces.values() if x.code == p.code)
        by_key = {x.key: x for x in data.legacy_provinces.values()}
        olds = [by_key[k] for k in data.reform.provinces[new.key]]
        committee = f"Đảng bộ {lower_first(p.name)}"
        central = self._document(
            f"{301 + n}-QĐ/TW",
            "Bộ Chính trị",
            f"Quyết định hợp nhất và thành lập {committee} (dữ liệu tạo sinh)",
        )
        local = self._document(
            f"{1001 + n}-QĐ/TU",
            f"Ban Thường vụ {committee}",
            "Quyết định sắp xếp tổ chức đảng cấp xã (dữ liệu tạo sinh)",
        )
        grassroots = [p.first_grassroots + i for i in range(len(p.grassroots))]
        tops: dict[str, _Old] = {}
        if len(olds) == 1 and olds[0].code == p.code:
            # Went on unchanged: the same committee and its cells, from the baseline.
            tops[p.code] = _Old(p.org_id, committee, "party_committee", self.root, p.admin_id)
            self.extend += [p.org_id, *grassroots]
        else:
            for o in olds:
                name = f"Đảng bộ {lower_first(o.name)}"
                tops[o.code] = self._new(name, "party_committee", self.root, self.legacy[o.code])
            event = self._event("consolidate", f"Hợp nhất thành {committee}", central)
            for top in tops.values():
                top.closed_by = event
                self._link(event, top.uid, "input", ends=True)
            self._link(event, p.org_id, "output", is_new=True)
            self.opened.append((event, [p.org_id]))
            first_top = tops[olds[0].code]
            for cell in grassroots:  # they follow the consolidated committee
                self.cell_before[cell] = (first_top, event)
            self.opened.append((event, grassroots))
        districts: dict[str, _Old] = {}  # by district key
        for o in olds:
            mine = sorted(
                (d for d in data.districts.values() if d.province_code == o.code),
                key=lambda d: d.code,
            )
            for d in mine:
                name = f"Đảng bộ {lower_first(d.name)}"
                districts[d.key] = self._new(
                    name, "party_committee", tops[o.code].uid, self.legacy[d.code]
                )
            if mine:
                title = f"Kết thúc hoạt động của các đảng bộ cấp huyện, {o.name}"
                event = self._event("dissolve", title, local)
                for d in mine:
                    districts[d.key].closed_by = event
                    self._link(event, districts[d.key].uid, "input", ends=True)
        self._communes(p, districts, local)

    def _communes(self, p: ProvincePlan, districts: dict[str, _Old], doc: Any) -> None:
        data = self.data
        reform = data.reform
        new_by_code = {c.code: c for c in data.new_communes.values() if c.province_code == p.code}
        district_key = {d.code: d.key for d in data.districts.values()}
        committees: dict[str, _Old] = {}  # old commune key → its committee

        def committee_of(key: str) -> _Old:
            if key.endswith("_"):  # an island district without communes: its committee
                return districts[key[:-1]]
            if key not in committees:
                c = data.legacy_communes[key]
                committees[key] = self._new(
                    f"Đảng bộ {lower_first(c.name)}",
                    "grassroots_party_committee",
                    districts[district_key[c.district_code]].uid,
                    self.legacy[c.code],
                )
            return committees[key]

        def centre_first(c: CommunePlan) -> tuple[bool, str]:
            parts = reform.parts.get(new_by_code[c.code].key, [])
            return (not any(x.holds_former_centre for x in parts), c.code)

        for c in sorted(p.communes, key=centre_first):
            new = new_by_code[c.code]
            whole = reform.whole.get(new.key, [])
            parts = reform.parts.get(new.key, [])
            name = f"Đảng bộ {lower_first(c.name)}"
            cells = [c.first_cell + i for i in range(len(c.cells))]
            old_commune = data.legacy_communes.get(whole[0]) if len(whole) == 1 else None
            if not parts and old_commune and self.legacy[old_commune.code] == c.admin_id:
                # The same commune goes on: its committee moves under the province; its
                # cells stay under it, from the baseline.
                district = districts[district_key[old_commune.district_code]]
                before = _Old(
                    c.org_id,
                    f"Đảng bộ {lower_first(old_commune.name)}",
                    "grassroots_party_committee",
                    district.uid,
                    c.admin_id,
                    continues=True,
                )
                title = f"{name} trực thuộc Đảng bộ {lower_first(p.name)}"
                before.closed_by = event = self._event("transfer", title, doc)
                self.old.append(before)
                self._link(event, c.org_id, "input")
                self._link(event, c.org_id, "output")
                self.opened.append((event, [c.org_id]))
                self.extend += cells
                continue
            event = self._event("consolidate", f"Thành lập {name}", doc)
            sources = []
            inputs: list[tuple[str, str, dict[str, Any]]] = [(k, "whole", {}) for k in whole]
            inputs += [
                (x.old_key, "part", {"holds_former_centre": x.holds_former_centre}) for x in parts
            ]
            for key, share, attributes in inputs:
                old = committee_of(key)
                if old.closed_by is None:  # a divided commune ends in its first event
                    old.closed_by = event
                ends = old.closed_by is event
                self._link(event, old.uid, "input", share, ends=ends, attributes=attributes)
                sources.append(old)
            self._link(event, c.org_id, "output", is_new=True)
            self.opened.append((event, [c.org_id, *cells]))
            for i, cell in enumerate(cells):
                self.cell_before[cell] = (sources[i % len(sources)], event)

    def _save(self) -> None:
        from tinhgon.registry.models import Event, EventUnit, LegalDocument, Unit, UnitVersion

        LegalDocument.objects.bulk_create(self.documents)
        events = [e for e, _ in self.events]
        Event.objects.bulk_create(events)  # ids set on the objects
        through = Event.documents.through
        through.objects.bulk_create(
            [through(event_id=e.pk, legaldocument_id=self.basis[id(e)].pk) for e in events]
        )
        links = (
            EventUnit(
                event_id=e.pk,
                unit_id=unit,
                role=role,
                share=share,
                ends=ends,
                is_new=is_new,
                attributes=attributes,
            )
            for e, items in self.events
            for unit, role, share, ends, is_new, attributes in items
        )
        for chunk in chunks(links, 5000):
            EventUnit.objects.bulk_create(chunk)
        units = (Unit(id=o.uid) for o in self.old if not o.continues)
        for chunk in chunks(units, 5000):
            Unit.objects.bulk_create(chunk)
        current: dict[int, tuple[str, str]] = {}
        for chunk in chunks(self.cell_before, 5000):  # SQLite caps the parameters of a query
            rows = UnitVersion.objects.filter(unit_id__in=chunk).values_list(
                "unit_id", "name", "kind"
            )
            current.update((uid, (name, kind)) for uid, name, kind in rows)

        def version(uid: int, name: str, kind: str, parent: int, **kw: Any) -> Any:
            return unit_version(uid, name, kind, parent, valid_from=BASELINE, valid_to=REFORM, **kw)

        def versions() -> Iterator[Any]:
            for o in self.old:
                yield version(
                    o.uid, o.name, o.kind, o.parent, territory=o.territory, closed_by=o.closed_by
                )
            for cell, (parent, event) in self.cell_before.items():
                name, kind = current[cell]
                yield version(cell, name, kind, parent.uid, closed_by=event)

        for chunk in chunks(versions(), 5000):
            UnitVersion.objects.bulk_create(chunk)
        for event, opened in self.opened:
            UnitVersion.objects.filter(unit_id__in=opened, valid_from=REFORM).update(
                opened_by=event
            )
        for chunk in chunks(self.extend, 5000):
            UnitVersion.objects.filter(unit_id__in=chunk, valid_from=REFORM).update(
                valid_from=BASELINE
            )
        self.counts.units = sum(not o.continues for o in self.old)
        self.counts.events = len(events)
        self.counts.documents = len(self.documents)
