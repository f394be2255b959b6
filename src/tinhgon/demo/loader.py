"""Build the Móng Cái demo from mong_cai.yaml through the registry's services.

Every unit and change goes through `unit_register` and `event_apply`, so the demo obeys the
same rules as any user's data, and the figures the reports give come out of these records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from tinhgon.accounts.roles import Role
from tinhgon.audit.context import acting_as
from tinhgon.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo_accounts
from tinhgon.demo.party import load_party
from tinhgon.demo.people import load_people
from tinhgon.demo.plans import load_plans
from tinhgon.demo.reform import REFORM_ITEMS, load_reform
from tinhgon.demo.staffing import load_staffing
from tinhgon.registry.eventspec import CodeSpec, NewUnitSpec, parse_event_spec
from tinhgon.registry.models import Event, Unit, UnitCode
from tinhgon.registry.provinces import keys_refresh
from tinhgon.registry.services import event_apply, relation_add, unit_register

Progress = Callable[[int, int], None]
CITY_CODE = "194"


@dataclass
class DemoResult:
    loaded: bool
    units: int = 0
    events: int = 0
    keys: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        if not self.loaded:
            return _("The Móng Cái demo is already loaded.")
        loaded = _("Loaded the Móng Cái demo: %(units)d units, %(events)d events.") % {
            "units": self.units,
            "events": self.events,
        }
        accounts = _("Demo accounts (password %(password)s): %(names)s.") % {
            "password": DEMO_PASSWORD,
            "names": ", ".join(f"{a.username} ({Role(a.role).label})" for a in DEMO_ACCOUNTS),
        }
        return f"{loaded}\n{accounts}"


def is_loaded() -> bool:
    return UnitCode.objects.filter(code=CITY_CODE, scheme="gso").exists()


def read_data() -> dict[str, Any]:
    text = resources.files("tinhgon.demo").joinpath("mong_cai.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def load_demo(progress: Progress | None = None) -> DemoResult:
    """Load the demo into an empty registry, in one transaction; do nothing if it is there."""
    if is_loaded():
        return DemoResult(loaded=False)
    with acting_as(None, source="demo"), transaction.atomic():
        builder = _Builder(read_data(), progress or (lambda done, total: None))
        builder.build()
        create_demo_accounts(builder.keys)
        load_people(builder.keys, builder.data)
        load_staffing(builder.keys, builder.data)
        load_party(builder.keys, builder.data)
        load_reform(builder.keys, builder.data, builder.reform_items, builder.schools)
        load_plans(builder.keys, builder.data)
        keys_refresh()  # the loaders of people and party write some units in bulk
    return DemoResult(
        loaded=True,
        units=Unit.objects.count(),
        events=Event.objects.count(),
        keys=builder.keys,
    )


class _Builder:
    def __init__(self, data: dict[str, Any], progress: Progress):
        self.data = data
        self.progress = progress
        self.start: dt.date = data["baseline_from"]
        self.keys: dict[str, int] = {}
        self.schools: dict[str, dict[str, int]] = {}  # commune key -> school type -> unit id
        self.sites: list[int] = []
        self.reform_items: list[dict[str, Any]] = []  # applied by demo/reform.py, after the people

    def ref(self, key: str) -> str:
        return f"id:{self.keys[key]}"

    def build(self) -> None:
        for item in self.data["units"]:
            self._register(item, parent=None)
        self._communes()
        events = self.data["events"]
        for done, item in enumerate(events, start=1):
            if any(name in item for name in REFORM_ITEMS):
                self.reform_items.append(item)
            else:
                self._event(item)
            self.progress(done, len(events))

    # ------------------------------------------------------------------ the baseline

    def _register(self, item: dict[str, Any], parent: str | None) -> None:
        unit = unit_register(
            spec=NewUnitSpec(
                name=item["name"],
                kind=item["kind"],
                subtype=item.get("subtype", ""),
                parent=self.ref(parent) if parent else None,
                territory=self.ref(item["territory"]) if item.get("territory") else None,
                codes=[CodeSpec("gso", str(c)) for c in item.get("codes", [])],
                attributes=item.get("attributes", {}),
            ),
            valid_from=self.start,
        )
        self.keys[item["key"]] = unit.pk
        for child in item.get("children", []):
            self._register(child, parent=item["key"])

    def _communes(self) -> None:
        sites_per_school = self.data["schools"]["sites"]
        for commune in self.data["communes"]:
            key = commune["key"]
            self._register(
                {
                    "key": key,
                    "name": commune["name"],
                    "kind": "commune",
                    "subtype": commune["subtype"],
                    "codes": [commune["code"]],
                },
                parent="mong_cai",
            )
            word = _village_word(commune["subtype"])
            for number in range(1, commune["villages"] + 1):
                self._register(
                    {
                        "key": f"{key}.village.{number}",
                        "name": f"{word} {number}",
                        "kind": "village",
                        "attributes": {"illustrative": True},
                    },
                    parent=key,
                )
            self.schools[key] = {}
            short = _short_name(commune["name"])
            for school_type, label in SCHOOL_TYPES.items():
                school_key = f"{key}.{school_type}"
                self._register(
                    {
                        "key": school_key,
                        "name": f"{label} {short}",
                        "kind": "school",
                        "territory": key,
                        "attributes": {"illustrative": True},
                    },
                    parent="city_committee",
                )
                self.schools[key][school_type] = self.keys[school_key]
                count = sites_per_school[commune["subtype"]].get(school_type, 0)
                for number in range(1, count + 1):
                    site_key = f"{school_key}.site.{number}"
                    self._register(
                        {
                            "key": site_key,
                            "name": f"Điểm trường {word} {number} – {label} {short}",
                            "kind": "school_site",
                            "territory": key,
                            "attributes": {"illustrative": True},
                        },
                        parent=school_key,
                    )
                    self.sites.append(self.keys[site_key])

    # ------------------------------------------------------------------ events

    def _apply(self, data: dict[str, Any]) -> Event:
        return event_apply(spec=parse_event_spec(data))

    def _documents(self, keys: list[str]) -> list[dict[str, Any]]:
        return [self.data["documents"][k] for k in keys]

    def _event(self, item: dict[str, Any]) -> None:
        special = {
            "village_merges": self._village_merges,
            "school_site_merges": self._school_site_merges,
            "school_consolidations": self._school_consolidations,
        }
        for name, handler in special.items():
            if name in item:
                handler(item[name])
                return
        if "each" in item:
            for key in item["each"]:
                self._apply(self._plain({**item, "unit": key}))
            return
        event = self._apply(self._plain(item))
        for key in item.get("serves", []):
            relation_add(
                source=event.participants.get(role="output").unit,
                target=Unit.objects.get(pk=self.keys[key]),
                kind="serves",
                valid_from=event.effective_on,
                basis=", ".join(d.number for d in event.documents.all()),
            )

    def _plain(self, item: dict[str, Any]) -> dict[str, Any]:
        """An event from the file, with keys turned into refs."""
        data = {k: v for k, v in item.items() if k not in ("serves", "each")}
        data["documents"] = self._documents(item["documents"])
        if "unit" in item:
            data["unit"] = self.ref(item["unit"])
        data["inputs"] = [{"unit": self.ref(k)} for k in item.get("inputs", [])]
        data["outputs"] = [self._output(o) for o in item.get("outputs", [])]
        if "changes" in item:
            data["changes"] = self._refs_in(item["changes"])
        return data

    def _output(self, out: Any) -> dict[str, Any]:
        if isinstance(out, str):
            return {"unit": self.ref(out)}
        if "new" in out:
            return {**out, "new": self._refs_in(out["new"])}
        return {
            **out,
            "unit": self.ref(out["unit"]),
            "changes": self._refs_in(out.get("changes", {})),
        }

    def _refs_in(self, fields: dict[str, Any]) -> dict[str, Any]:
        return {
            k: self.ref(v) if k in ("parent", "territory") and v else v for k, v in fields.items()
        }

    def _village_merges(self, spec: dict[str, Any]) -> None:
        for commune, gone, kept in spec["pairs"]:
            word = _village_word(self._commune(commune)["subtype"])
            self._apply(
                {
                    "kind": "merge",
                    "effective_on": spec["effective_on"],
                    "documents": self._documents([spec["document"]]),
                    "title": f"Sáp nhập {word.lower()} {gone} vào {word.lower()} {kept}, "
                    f"{self._commune(commune)['name']}",
                    "inputs": [{"unit": self.ref(f"{commune}.village.{gone}")}],
                    "outputs": [{"unit": self.ref(f"{commune}.village.{kept}")}],
                }
            )

    def _school_site_merges(self, spec: dict[str, Any]) -> None:
        for site_id in self.sites[-spec["count"] :]:
            site = Unit.objects.get(pk=site_id)
            version = site.versions.get()
            self._apply(
                {
                    "kind": "merge",
                    "effective_on": spec["effective_on"],
                    "documents": self._documents([spec["document"]]),
                    "title": f"Sáp nhập {version.name} vào điểm trường chính",
                    "inputs": [{"unit": f"id:{site_id}"}],
                    "outputs": [{"unit": f"id:{version.parent_id}"}],
                }
            )

    def _school_consolidations(self, spec: dict[str, Any]) -> None:
        for commune in spec["communes"]:
            short = _short_name(self._commune(commune)["name"])
            schools = self.schools[commune]
            event = self._apply(
                {
                    "kind": "consolidate",
                    "effective_on": spec["effective_on"],
                    "documents": self._documents([spec["document"]]),
                    "title": f"Hợp nhất Trường Tiểu học và Trường THCS {short}",
                    "inputs": [
                        {"unit": f"id:{schools['primary']}"},
                        {"unit": f"id:{schools['secondary']}"},
                    ],
                    "outputs": [
                        {
                            "new": {
                                "name": f"Trường Tiểu học và THCS {short}",
                                "kind": "school",
                                "parent": self.ref("city_committee"),
                                "territory": self.ref(commune),
                                "attributes": {"illustrative": True},
                            }
                        }
                    ],
                }
            )
            new_id = event.participants.get(role="output").unit_id
            schools["primary"] = schools["secondary"] = new_id

    def _commune(self, key: str) -> dict[str, Any]:
        return next(c for c in self.data["communes"] if c["key"] == key)


SCHOOL_TYPES = {
    "kindergarten": "Trường Mầm non",
    "primary": "Trường Tiểu học",
    "secondary": "Trường THCS",
}


def _village_word(subtype: str) -> str:
    return "Khu" if subtype == "ward" else "Thôn"


def _short_name(name: str) -> str:
    return name.removeprefix("Phường ").removeprefix("Xã ")
