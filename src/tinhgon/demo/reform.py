"""Móng Cái on 01/07/2025: the district level ends, the 16 communes and wards become six
(Resolution 1679/NQ-UBTVQH15), and the apparatus goes on in the new units.

Applied after the people, staff and party members are loaded (demo/loader.py), so that what
they hold goes on through the services a plan's approval uses:

- the communes are consolidated and their villages transferred to the new unit; the old
  communes' People's Councils and People's Committees are consolidated into the new unit's,
  their staff carried (staffing.services.merger_carry); their party committees are consolidated
  into the new unit's party committee under the provincial one (QĐ 294-QĐ/TW: no district
  tier), the party cells following with their members;
- the city's party boards and specialized offices are merged into the new units' party
  committees and People's Committees (their staff carried, the offices spread in turn over the
  six units); its public service units pass to the provincial People's Committee, its schools
  to the People's Committee of the commune they stand in, its other party organizations to the
  provincial party committee; the city's Fatherland Front and socio-political organizations are
  consolidated into a Front committee of the first new ward (illustrative);
- what is left of the city and its party committee is dissolved. The posts of every unit that
  ended close that day and their holders leave them ("the unit ended");
- each new unit's leaders are appointed from the old communes': the secretary of the first old
  commune becomes its secretary and chairs its People's Council, the next one its deputy
  secretary and chairs its People's Committee, two old vice chairs stay vice chairs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tinhgon.core.text import lower_first
from tinhgon.people.kinds import EndReason, Manner, PostType
from tinhgon.people.models import Holding, Post
from tinhgon.people.services import (
    HoldingRow,
    PostRow,
    holding_end,
    holdings_start_bulk,
    post_end,
    posts_create_bulk,
)
from tinhgon.registry.eventspec import parse_event_spec
from tinhgon.registry.kinds import Role, UnitKind
from tinhgon.registry.models import Event, EventUnit, Unit, UnitVersion
from tinhgon.registry.queries import subtree_versions
from tinhgon.registry.services import event_apply, events_apply
from tinhgon.staffing.services import MERGER_KINDS, merger_carry

REFORM = dt.date(2025, 7, 1)
BEFORE = REFORM - dt.timedelta(days=1)
REFORM_ITEMS = ("new_communes_2025", "district_ends_2025")
PARTY_ORGANIZATIONS = {
    UnitKind.PARTY_COMMITTEE,
    UnitKind.GRASSROOTS_PARTY_COMMITTEE,
    UnitKind.PARTIAL_PARTY_COMMITTEE,
    UnitKind.GRASSROOTS_PARTY_CELL,
    UnitKind.PARTY_CELL,
}

Spec = dict[str, Any]


def load_reform(
    keys: dict[str, int],
    data: dict[str, Any],
    items: list[dict[str, Any]],
    schools: dict[str, dict[str, int]],
) -> None:
    """Apply the reform of 01/07/2025 to the loaded demo. Called by `load_demo` inside its
    transaction."""
    _Reform(keys, data, items, schools).apply()


class _Reform:
    def __init__(
        self,
        keys: dict[str, int],
        data: dict[str, Any],
        items: list[dict[str, Any]],
        schools: dict[str, dict[str, int]],
    ) -> None:
        given = {name: item[name] for item in items for name in REFORM_ITEMS if name in item}
        self.keys = keys
        self.schools = schools
        self.communes: list[dict[str, Any]] = given["new_communes_2025"]["communes"]
        documents = data["documents"]
        self.resolution = [documents[given["new_communes_2025"]["document"]]]
        self.law = [documents[given["district_ends_2025"]["document"]]]
        self.events: list[Event] = []

    def ref(self, key: str) -> str:
        return f"id:{self.keys[key]}"

    def apply(self) -> None:
        old = self._old_bodies()
        self._apply_all(self._communes_and_bodies(old))
        new = self._new_bodies()
        self._apply_all(self._city_units(new))
        self._dissolve_the_rest()
        for event in self.events:
            if event.kind in MERGER_KINDS:
                merger_carry(event=event)
        self._close_posts()
        self._appoint(old, new)

    def _apply_all(self, specs: list[Spec]) -> None:
        # One batch, the invariants checked after the last: the communes end before their
        # bodies and villages have moved on.
        self.events += events_apply(specs=[parse_event_spec(s) for s in specs])

    # ------------------------------------------------------------------ the communes

    def _living(self, new: dict[str, Any]) -> list[str]:
        """The old communes going into a new one (Hòa Lạc was merged into Trần Phú in 2024)."""
        alive = UnitVersion.objects.as_of(BEFORE).filter(
            unit_id__in=[self.keys[k] for k in new["from"]]
        )
        ids = set(alive.values_list("unit_id", flat=True))
        return [k for k in new["from"] if self.keys[k] in ids]

    def _old_bodies(self) -> dict[str, dict[str, int]]:
        """Each living old commune's People's Council and Committee and party committee."""
        found: dict[str, dict[str, int]] = {}
        on = UnitVersion.objects.as_of(BEFORE)
        for new in self.communes:
            for key in self._living(new):
                cid = self.keys[key]
                bodies = {
                    "council": on.get(parent_id=cid, kind=UnitKind.PEOPLES_COUNCIL).unit_id,
                    "committee": on.get(parent_id=cid, kind=UnitKind.PEOPLES_COMMITTEE).unit_id,
                    "party": on.get(
                        territory_id=cid,
                        kind=UnitKind.GRASSROOTS_PARTY_COMMITTEE,
                        parent_id=self.keys["city_party"],
                    ).unit_id,
                }
                found[key] = bodies
        return found

    def _city_bodies_in_turn(self) -> list[dict[str, list[int]]]:
        """The city's specialized offices and party boards (with the political training
        centre), spread in turn over the new units: each goes into one of their People's
        Committees or party committees, its staff with it."""
        on = UnitVersion.objects.as_of(BEFORE).order_by("unit_id")
        offices = on.filter(
            parent_id=self.keys["city_committee"], kind=UnitKind.SPECIALIZED_OFFICE
        ).values_list("unit_id", flat=True)
        boards = (
            on.filter(parent_id=self.keys["city_party"])
            .exclude(kind__in=PARTY_ORGANIZATIONS)
            .values_list("unit_id", flat=True)
        )
        turns: list[dict[str, list[int]]] = [
            {"council": [], "committee": [], "party": []} for _ in self.communes
        ]
        for body, units in (("committee", offices), ("party", boards)):
            for index, unit_id in enumerate(units):
                turns[index % len(turns)][body].append(unit_id)
        return turns

    def _communes_and_bodies(self, old: dict[str, dict[str, int]]) -> list[Spec]:
        specs: list[Spec] = []
        for new, city in zip(self.communes, self._city_bodies_in_turn(), strict=True):
            living = self._living(new)
            code = f"code:{new['code']}"
            name = lower_first(new["name"])
            specs.append(
                {
                    "kind": "consolidate",
                    "effective_on": REFORM,
                    "documents": self.resolution,
                    "title": f"Thành lập {name}",
                    "children_follow": False,
                    "inputs": [{"unit": self.ref(k)} for k in living],
                    "outputs": [
                        {
                            "new": {
                                "name": new["name"],
                                "kind": "commune",
                                "subtype": new["subtype"],
                                "parent": self.ref("quang_ninh"),
                                "codes": [{"scheme": "gso", "code": new["code"]}],
                            }
                        }
                    ],
                }
            )
            villages = UnitVersion.objects.as_of(BEFORE).filter(
                parent_id__in=[self.keys[k] for k in living], kind=UnitKind.VILLAGE
            )
            for village in villages.order_by("unit_id"):
                specs.append(
                    {
                        "kind": "transfer",
                        "effective_on": REFORM,
                        "documents": self.resolution,
                        "title": f"Chuyển {lower_first(village.name)} về {name}",
                        "unit": f"id:{village.unit_id}",
                        "changes": {"parent": code},
                    }
                )
            new_bodies = {
                "council": (f"Hội đồng nhân dân {name}", UnitKind.PEOPLES_COUNCIL, code, None),
                "committee": (f"Ủy ban nhân dân {name}", UnitKind.PEOPLES_COMMITTEE, code, None),
                "party": (
                    f"Đảng ủy {name}",
                    UnitKind.GRASSROOTS_PARTY_COMMITTEE,
                    self.ref("province_party"),
                    code,
                ),
            }
            for body, (body_name, kind, parent, territory) in new_bodies.items():
                specs.append(
                    {
                        "kind": "consolidate",
                        "effective_on": REFORM,
                        "documents": [*self.resolution, *self.law],
                        "title": f"Thành lập {body_name}",
                        "inputs": [
                            {"unit": f"id:{uid}"}
                            for uid in [*(old[k][body] for k in living), *city[body]]
                        ],
                        "outputs": [
                            {
                                "new": {
                                    "name": body_name,
                                    "kind": kind,
                                    "parent": parent,
                                    **({"territory": territory} if territory else {}),
                                }
                            }
                        ],
                    }
                )
        return specs

    def _new_bodies(self) -> list[dict[str, int]]:
        """Each new unit and its bodies, in the order of the resolution."""
        found = []
        on = UnitVersion.objects.as_of(REFORM)
        for new in self.communes:
            commune = on.get(
                kind=UnitKind.COMMUNE, unit__codes__code=new["code"], unit__codes__valid_from=REFORM
            ).unit_id
            found.append(
                {
                    "commune": commune,
                    "council": on.get(parent_id=commune, kind=UnitKind.PEOPLES_COUNCIL).unit_id,
                    "committee": on.get(parent_id=commune, kind=UnitKind.PEOPLES_COMMITTEE).unit_id,
                    "party": on.get(
                        territory_id=commune, kind=UnitKind.GRASSROOTS_PARTY_COMMITTEE
                    ).unit_id,
                }
            )
        return found

    # ------------------------------------------------------------------ the city's units

    def _city_units(self, new: list[dict[str, int]]) -> list[Spec]:
        successor = {k: n for n, c in zip(new, self.communes, strict=True) for k in c["from"]}
        successor["hoa_lac"] = successor["tran_phu"]
        first = new[0]
        specs: list[Spec] = []

        def event(kind: str, title: str, **fields: Any) -> None:
            specs.append(
                {
                    "kind": kind,
                    "effective_on": REFORM,
                    "documents": self.law,
                    "title": title,
                    **fields,
                }
            )

        schools = {sid: k for k, by_type in self.schools.items() for sid in by_type.values()}
        for school_id, commune in sorted(schools.items()):
            target = successor[commune]
            event(
                "transfer",
                "Chuyển trường về Ủy ban nhân dân cấp xã",
                unit=f"id:{school_id}",
                changes={
                    "parent": f"id:{target['committee']}",
                    "territory": f"id:{target['commune']}",
                },
            )
        on = UnitVersion.objects.as_of(BEFORE).order_by("unit_id")
        under_committee = list(on.filter(parent_id=self.keys["city_committee"]))
        services = [v for v in under_committee if v.kind == UnitKind.PUBLIC_SERVICE_UNIT]
        for unit in services:
            event(
                "transfer",
                f"Chuyển {unit.name} về Ủy ban nhân dân tỉnh",
                unit=f"id:{unit.unit_id}",
                changes={
                    "parent": self.ref("province_committee"),
                    "territory": f"id:{first['commune']}",
                },
            )
        under_party = list(on.filter(parent_id=self.keys["city_party"]))
        old_communes = {self.keys[k] for c in self.communes for k in c["from"]}
        communes_party = {v.unit_id for v in under_party if v.territory_id in old_communes}
        organizations = [
            v
            for v in under_party
            if v.kind in PARTY_ORGANIZATIONS and v.unit_id not in communes_party
        ]
        for unit in organizations:
            event(
                "transfer",
                f"Chuyển {unit.name} về trực thuộc Tỉnh ủy",
                unit=f"id:{unit.unit_id}",
                changes={"parent": self.ref("province_party")},
            )
        front_kinds = (UnitKind.FATHERLAND_FRONT, UnitKind.SOCIO_POLITICAL_ORG)
        fronts = list(on.filter(parent_id=self.keys["mong_cai"], kind__in=front_kinds))
        front_name = f"Ủy ban Mặt trận Tổ quốc Việt Nam {_new_name(first['commune'])}"
        event(
            "consolidate",
            f"Hợp nhất Mặt trận Tổ quốc và các tổ chức chính trị - xã hội vào {front_name}",
            inputs=[{"unit": f"id:{v.unit_id}"} for v in fronts],
            outputs=[
                {
                    "new": {
                        "name": front_name,
                        "kind": UnitKind.FATHERLAND_FRONT,
                        "parent": f"id:{first['commune']}",
                    }
                }
            ],
        )
        return specs

    def _dissolve_the_rest(self) -> None:
        ending: list[int] = []
        for root in ("mong_cai", "city_party"):
            # What still hangs under it, after its units have gone to the new ones.
            ending += [v.unit_id for v in subtree_versions(Unit(pk=self.keys[root]), REFORM)]
            ending.append(self.keys[root])
        self.events.append(
            event_apply(
                spec=parse_event_spec(
                    {
                        "kind": "dissolve",
                        "effective_on": REFORM,
                        "documents": self.law,
                        "title": "Kết thúc hoạt động của chính quyền và tổ chức đảng cấp huyện",
                        "inputs": [{"unit": f"id:{uid}"} for uid in ending],
                    }
                )
            )
        )

    # ------------------------------------------------------------------ posts

    def _close_posts(self) -> None:
        """The posts of the units that ended close; their holders leave them."""
        ended = set(
            EventUnit.objects.filter(event__in=self.events, role=Role.INPUT, ends=True).values_list(
                "unit_id", flat=True
            )
        )
        posts = Post.objects.filter(unit_id__in=ended).exclude(valid_to__lte=REFORM)
        for post in posts.order_by("id"):
            holdings = Holding.objects.filter(post=post).exclude(valid_to__lte=REFORM)
            for holding in holdings.order_by("id"):
                holding_end(holding=holding, valid_to=REFORM, reason=EndReason.UNIT_ENDED)
            post_end(post=post, valid_to=REFORM)

    def _appoint(self, old: dict[str, dict[str, int]], new: list[dict[str, int]]) -> None:
        def holders(units: list[int], post_type: str) -> list[int]:
            return list(
                Holding.objects.as_of(BEFORE)
                .filter(post__unit_id__in=units, post__post_type=post_type)
                .order_by("post__unit_id", "id")
                .values_list("person_id", flat=True)
            )

        posts: list[PostRow] = []
        chosen: list[tuple[int, int]] = []  # (post index, person)

        def post(unit: int, post_type: str, persons: list[int]) -> None:
            posts.append(PostRow(unit_id=unit, post_type=post_type, valid_from=REFORM))
            chosen.extend((len(posts) - 1, person) for person in persons)

        for commune, bodies in zip(self.communes, new, strict=True):
            living = [k for k in commune["from"] if k in old]
            secretaries = holders([old[k]["party"] for k in living], PostType.SECRETARY)
            deputies = holders([old[k]["party"] for k in living], PostType.DEPUTY_SECRETARY)
            vices = holders([old[k]["committee"] for k in living], PostType.VICE_CHAIR)
            secretary = secretaries[0]
            deputy = (secretaries[1:] or deputies)[0]
            post(bodies["party"], PostType.SECRETARY, [secretary])
            post(bodies["party"], PostType.DEPUTY_SECRETARY, [deputy])
            post(bodies["council"], PostType.CHAIR, [secretary])
            post(bodies["committee"], PostType.CHAIR, [deputy])
            post(bodies["committee"], PostType.VICE_CHAIR, vices[:2])
        created = posts_create_bulk(rows=posts)
        holdings_start_bulk(
            rows=[
                HoldingRow(
                    person_id=person,
                    post_id=created[index].pk,
                    valid_from=REFORM,
                    manner=Manner.APPOINTED,
                )
                for index, person in chosen
            ]
        )


def _new_name(unit_id: int) -> str:
    return lower_first(UnitVersion.objects.as_of(REFORM).get(unit_id=unit_id).name)
