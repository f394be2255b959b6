"""Load Vietnam's administrative units and the reform of 2025-07-01 into the registry.

Everything goes through the registry's services: the legacy units are registered in bulk from
the date the records start (BASELINE), and the reform is recorded as events, one batch per new
province (its old provinces, their districts and communes), checked once at the end of the
batch. Loading is idempotent: a unit whose code is already valid on the day looked at is reused,
an event whose result is already there is skipped, so a second load changes nothing and a load
after the Móng Cái demo completes it.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tinhgon.audit.context import acting_as
from tinhgon.registry.eventspec import CodeSpec, parse_event_spec
from tinhgon.registry.kinds import UnitKind
from tinhgon.registry.models import UnitCode, UnitVersion
from tinhgon.registry.queries import version_at
from tinhgon.registry.services import UnitRow, events_apply, units_register_bulk

from .data import LAST_LEGACY_DAY, REFORM_DAY, Commune, Dataset, Province, load_dataset

# The legacy lists are the state on 2025-06-30; the records of those units start here. Earlier
# states are not in the data (see docs/developer/adminunits.md).
BASELINE = dt.date(2024, 1, 1)

Progress = Callable[[int, int], None]

PROVINCES_RESOLUTION = {
    "number": "202/2025/QH15",
    "kind": "resolution",
    "issuer": "Quốc hội",
    "signed_on": "2025-06-12",
    "effective_on": "2025-06-12",
    "title": "Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh",
    "status": "V",
}
LOCAL_GOVERNMENT_LAW = {
    "number": "72/2025/QH15",
    "kind": "other",
    "issuer": "Quốc hội",
    "signed_on": "2025-06-16",
    "effective_on": "2025-07-01",
    "title": "Luật Tổ chức chính quyền địa phương (sửa đổi): chính quyền địa phương hai cấp, "
    "kết thúc hoạt động của đơn vị hành chính cấp huyện (số hiệu chưa xác minh)",
    "status": "U",
}

# Earlier mergers the data reveals only as an alias, where a date and a basis are known
# (mong-cai.md). Other aliases stay as former names on the unit that kept them.
EARLIER_MERGERS: list[dict[str, Any]] = [
    {
        "absorbed": {"name": "Phường Hòa Lạc", "code": "06718", "subtype": "ward"},
        "into": "06712",
        "alias": "phuonghoalac",
        "effective_on": "2024-11-01",
        "document": {
            "number": "1199/NQ-UBTVQH15",
            "kind": "resolution",
            "issuer": "Ủy ban Thường vụ Quốc hội",
            "signed_on": "2024-09-28",
            "effective_on": "2024-11-01",
            "title": "Sắp xếp đơn vị hành chính cấp huyện, cấp xã của tỉnh Quảng Ninh "
            "giai đoạn 2023–2025",
            "status": "S",
        },
    }
]


@dataclass
class LoadResult:
    provinces: list[str] = field(default_factory=list)  # new province codes loaded
    registered: int = 0
    events: int = 0

    def summary(self) -> str:
        return _(
            "Loaded %(provinces)d province(s): %(units)d units recorded, %(events)d events."
        ) % {"provinces": len(self.provinces), "units": self.registered, "events": self.events}


def resolutions() -> dict[str, dict[str, str]]:
    """Each new province's resolution on its communes (name -> CSV row)."""
    text = resources.files("tinhgon.adminunits").joinpath("resolutions.csv").read_text("utf-8")
    return {row["province_after_2025"]: row for row in csv.DictReader(text.splitlines())}


def groups(data: Dataset, wanted: list[str] | None) -> list[Province]:
    """The new provinces to load: all, or those that hold any of the codes given (old or new)."""
    old_by_key = {p.key: p for p in data.legacy_provinces.values()}
    chosen = []
    for province in sorted(data.new_provinces.values(), key=lambda p: p.code):
        olds = {old_by_key[k].code for k in data.reform.provinces[province.key]}
        if wanted is None or province.code in wanted or olds & set(wanted):
            chosen.append(province)
    return chosen


def load_admin_units(
    provinces: list[str] | None = None, progress: Progress | None = None
) -> LoadResult:
    """Load the whole country, or the new provinces holding the codes in `provinces`."""
    data = load_dataset()
    chosen = groups(data, provinces)
    result = LoadResult()
    with acting_as(None, source="adminunits"):
        for done, province in enumerate(chosen, start=1):
            with transaction.atomic():
                _Group(data, province, result).load()
            result.provinces.append(province.code)
            if progress is not None:
                progress(done, len(chosen))
    return result


def _code_holder(code: str, on: dt.date) -> int | None:
    return (
        UnitCode.objects.as_of(on)
        .filter(scheme="gso", code=code)
        .values_list("unit_id", flat=True)
        .first()
    )


class _Group:
    """One new province with the old provinces, districts and communes that went into it."""

    def __init__(self, data: Dataset, province: Province, result: LoadResult):
        self.data = data
        self.province = province
        self.result = result
        by_key = {p.key: p for p in data.legacy_provinces.values()}
        self.old_provinces = [by_key[k] for k in data.reform.provinces[province.key]]
        old_codes = {p.code for p in self.old_provinces}
        self.districts = [d for d in data.districts.values() if d.province_code in old_codes]
        self.communes = [c for c in data.legacy_communes.values() if c.province_code in old_codes]
        self.new_communes = [
            c for c in data.new_communes.values() if c.province_code == province.code
        ]
        self.ids: dict[str, int] = {}  # legacy package key -> unit id
        self.province_ref = ""  # the new province as the communes' events name it
        row = resolutions()[province.name]
        self.resolution = {
            "number": row["resolution_number"],
            "kind": "resolution",
            "issuer": "Ủy ban Thường vụ Quốc hội",
            "signed_on": row["signed_date"],
            "effective_on": row["effective_date"],
            "title": f"Sắp xếp các đơn vị hành chính cấp xã của {province.name} năm 2025",
            "url": row["source_url"].split(" | ")[0],
            "status": row["status"].strip() or "U",
        }

    def load(self) -> None:
        self._baseline()
        self._earlier_mergers()
        specs = [*self._provinces(), *self._communes(), *self._districts()]
        if specs:
            self.result.events += len(events_apply(specs=[parse_event_spec(s) for s in specs]))

    # ------------------------------------------------------------------ before the reform

    def _baseline(self) -> None:
        """Register the legacy units not recorded yet; reuse those that are (by code)."""
        rows: list[UnitRow] = []

        def add(key: str, code: str, row: UnitRow) -> None:
            existing = _code_holder(code, LAST_LEGACY_DAY)
            if existing is not None:
                self.ids[key] = existing
            else:
                rows.append(row)

        for p in self.old_provinces:
            add(
                p.key,
                p.code,
                UnitRow(
                    p.key, p.name, UnitKind.PROVINCE, p.subtype, codes=[CodeSpec("gso", p.code)]
                ),
            )
        province_keys = {p.code: p.key for p in self.old_provinces}
        for d in self.districts:
            add(
                d.key,
                d.code,
                self._row(
                    d.key,
                    d.name,
                    UnitKind.DISTRICT,
                    d.subtype,
                    d.code,
                    province_keys[d.province_code],
                ),
            )
        district_keys = {d.code: d.key for d in self.districts}
        for c in self.communes:
            row = self._row(
                c.key, c.name, UnitKind.COMMUNE, c.subtype, c.code, district_keys[c.district_code]
            )
            if c.former_names:
                row.attributes = {"former_names": list(c.former_names)}
            add(c.key, c.code, row)
        if rows:
            self.ids.update(units_register_bulk(rows=rows, valid_from=BASELINE))
            self.result.registered += len(rows)

    def _row(self, key: str, name: str, kind: str, subtype: str, code: str, parent: str) -> UnitRow:
        """A row under a parent that is either in this batch or recorded already."""
        row = UnitRow(key, name, kind, subtype, codes=[CodeSpec("gso", code)])
        if parent in self.ids:
            row.parent_id = self.ids[parent]
        else:
            row.parent_key = parent
        return row

    def _earlier_mergers(self) -> None:
        for merger in EARLIER_MERGERS:
            keeper = next((c for c in self.communes if c.code == merger["into"]), None)
            if keeper is None or merger["alias"] not in keeper.former_names:
                continue
            day = dt.date.fromisoformat(merger["effective_on"])
            before = day - dt.timedelta(days=1)
            absorbed = merger["absorbed"]
            if _code_holder(absorbed["code"], before) is not None:
                continue  # recorded already (the Móng Cái demo has it)
            keeper_id = self.ids[keeper.key]
            keeper_version = version_at(keeper_id, before)
            assert keeper_version is not None
            ids = units_register_bulk(
                rows=[
                    UnitRow(
                        "absorbed",
                        absorbed["name"],
                        UnitKind.COMMUNE,
                        absorbed["subtype"],
                        parent_id=keeper_version.parent_id,
                        codes=[CodeSpec("gso", absorbed["code"])],
                    )
                ],
                valid_from=BASELINE,
            )
            self.result.registered += 1
            spec = {
                "kind": "merge",
                "effective_on": merger["effective_on"],
                "title": f"Nhập {absorbed['name']} vào {keeper.name}",
                "documents": [merger["document"]],
                "inputs": [{"unit": f"id:{ids['absorbed']}"}],
                "outputs": [{"unit": f"id:{keeper_id}"}],
            }
            self.result.events += len(events_apply(specs=[parse_event_spec(spec)]))

    # ------------------------------------------------------------------ the reform

    def _provinces(self) -> list[dict[str, Any]]:
        """Consolidate the old provinces into the new one, unless it simply goes on."""
        old = self.old_provinces
        if len(old) == 1 and old[0].code == self.province.code:
            self.province_ref = self._ref(old[0].key)
            return []  # one of the 11 provinces that went on unchanged
        holder = _code_holder(self.province.code, REFORM_DAY)
        if holder is not None and version_at(holder, LAST_LEGACY_DAY) is None:
            self.province_ref = f"id:{holder}"
            return []  # consolidated already
        # The communes' events find it by its code once this event, first in the batch, ran.
        self.province_ref = f"code:{self.province.code}"
        spec = {
            "kind": "consolidate",
            "effective_on": REFORM_DAY.isoformat(),
            "title": f"Hợp nhất thành {self.province.name}",
            "documents": [PROVINCES_RESOLUTION],
            "children_follow": False,  # districts end and communes move in the same batch
            "inputs": [{"unit": self._ref(p.key)} for p in old],
            "outputs": [
                {
                    "new": {
                        "name": self.province.name,
                        "kind": UnitKind.PROVINCE,
                        "subtype": self.province.subtype,
                        "codes": [{"scheme": "gso", "code": self.province.code}],
                    }
                }
            ],
        }
        return [spec]

    def _ref(self, key: str) -> str:
        return f"id:{self.ids[key]}"

    def _communes(self) -> list[dict[str, Any]]:
        reform = self.data.reform
        specs = []
        # Events that take a divided commune's centre go first: the first event to take a
        # divided commune ends it, and its villages (if any) follow it there.
        ordered = sorted(
            self.new_communes,
            key=lambda c: (
                not any(p.holds_former_centre for p in reform.parts.get(c.key, [])),
                c.code,
            ),
        )
        for new in ordered:
            if self._recorded(new.code):
                continue
            whole = [self._old_unit(k) for k in reform.whole.get(new.key, [])]
            parts = [
                (self._old_unit(p.old_key), p.holds_former_centre)
                for p in reform.parts.get(new.key, [])
            ]
            specs.append(self._commune_event(new, whole, parts))
        return specs

    @staticmethod
    def _recorded(code: str) -> bool:
        """Whether the new commune with this code is there already: its holder on REFORM_DAY
        has a version from that day (a legacy holder of a reused code has an older one)."""
        holder = _code_holder(code, REFORM_DAY)
        version = version_at(holder, REFORM_DAY) if holder is not None else None
        return version is not None and version.valid_from == REFORM_DAY

    def _old_unit(self, key: str) -> int:
        """The unit of an old commune key, or of an island district ("…_huyenconco_")."""
        if key.endswith("_"):
            return self.ids[key[:-1]]
        return self.ids[key]

    def _commune_event(
        self, new: Commune, whole: list[int], parts: list[tuple[int, bool]]
    ) -> dict[str, Any]:
        base = {
            "effective_on": REFORM_DAY.isoformat(),
            "documents": [self.resolution],
            "title": f"Thành lập {new.name}, {self.province.name}",
        }
        code = [{"scheme": "gso", "code": new.code}]
        if len(whole) == 1 and not parts:
            # One old unit goes on as the new one: it moves under the province, and takes the
            # new name, kind and code where they differ.
            old = version_at(whole[0], LAST_LEGACY_DAY)
            assert old is not None
            changes: dict[str, Any] = {"parent": self.province_ref}
            if (old.name, old.kind, old.subtype) != (new.name, UnitKind.COMMUNE, new.subtype):
                changes.update(name=new.name, kind=UnitKind.COMMUNE, subtype=new.subtype)
            if not old.unit.codes.filter(code=new.code, valid_to__isnull=True).exists():
                changes["codes"] = code
            kind = "reclassify" if "name" in changes else "transfer"
            title = f"{new.name} tiếp tục, trực thuộc {self.province.name}"
            return {
                **base,
                "kind": kind,
                "title": title,
                "unit": f"id:{whole[0]}",
                "changes": changes,
            }
        inputs = [{"unit": f"id:{uid}"} for uid in whole] + [
            {"unit": f"id:{uid}", "share": "part", "attributes": {"holds_former_centre": centre}}
            for uid, centre in parts
        ]
        output = {
            "new": {
                "name": new.name,
                "kind": UnitKind.COMMUNE,
                "subtype": new.subtype,
                "parent": self.province_ref,
                "codes": code,
            }
        }
        kind = "consolidate" if len(inputs) > 1 else "split"
        return {**base, "kind": kind, "inputs": inputs, "outputs": [output]}

    def _districts(self) -> list[dict[str, Any]]:
        """The districts still there end: one dissolution per old province."""
        specs = []
        taken = {
            k[:-1] for keys in self.data.reform.whole.values() for k in keys if k.endswith("_")
        }
        ids = [self.ids[d.key] for d in self.districts if d.key not in taken]
        # Still open: not ended by an earlier load or by the Móng Cái demo.
        open_ids = set(
            UnitVersion.objects.as_of(LAST_LEGACY_DAY)
            .filter(unit_id__in=ids, valid_to__isnull=True)
            .values_list("unit_id", flat=True)
        )
        for old in self.old_provinces:
            living = [
                d
                for d in self.districts
                if d.province_code == old.code and self.ids[d.key] in open_ids
            ]
            if living:
                specs.append(
                    {
                        "kind": "dissolve",
                        "effective_on": REFORM_DAY.isoformat(),
                        "title": f"Kết thúc hoạt động của đơn vị hành chính cấp huyện, {old.name}",
                        "documents": [LOCAL_GOVERNMENT_LAW],
                        "children_follow": False,
                        "inputs": [{"unit": f"id:{self.ids[d.key]}"} for d in living],
                    }
                )
        return specs
