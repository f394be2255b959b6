"""Deputies imported from Popolo and where their constituency lies on a date: the province the
constituency was matched to when imported (`area_unit` on `area_on`, see popolo_import), followed
through the registry's events (`registry.queries.lineage`) to the provinces of `on`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tinhgon.people.access import seen
from tinhgon.people.models import Holding, Person
from tinhgon.registry.kinds import Share, UnitKind
from tinhgon.registry.models import Unit, UnitVersion
from tinhgon.registry.queries import lineage, version_at


@dataclass
class Place:
    id: int
    name: str
    share: str = Share.WHOLE


@dataclass
class DelegateRow:
    person_id: int
    name: str
    constituency: str  # the area's name as the file wrote it
    body: str  # the unit of the constituency (e.g. "National Assembly — An Giang")
    started: dt.date
    ended: dt.date | None  # the last day held
    area: Place  # the province the constituency was matched to
    provinces: list[Place] = field(default_factory=list)  # where it lies on the date asked


def _successors(area: int, area_on: dt.date, on: dt.date) -> list[Place]:
    if version_at(area, area_on) is None:
        return []
    return [
        Place(entry.unit_id, entry.version.name, entry.share)
        for entry in lineage(Unit(pk=area), area_on, on)
        if entry.version is not None and entry.version.kind == UnitKind.PROVINCE
    ]


def delegates(on: dt.date) -> list[DelegateRow]:
    """Every deputy imported with a constituency whom the user may see, with the province(s)
    the constituency lies in on `on`, by name of deputy."""
    bodies = {
        v.unit_id: v
        for v in UnitVersion.objects.filter(attributes__has_key="area_unit").order_by("valid_from")
    }
    holdings = list(Holding.objects.filter(unit_id__in=sorted(bodies)).order_by("id"))
    allowed = seen({h.person_id for h in holdings}).persons
    names = dict(Person.objects.filter(pk__in=sorted(allowed)).values_list("pk", "full_name"))
    places: dict[int, tuple[Place, list[Place]]] = {}
    rows = []
    for holding in holdings:
        if holding.person_id not in allowed:
            continue
        body = bodies[holding.unit_id]
        if holding.unit_id not in places:
            area_id = int(body.attributes["area_unit"])
            area_on = dt.date.fromisoformat(body.attributes["area_on"])
            area_version = version_at(area_id, area_on)
            area = Place(area_id, area_version.name if area_version else f"#{area_id}")
            places[holding.unit_id] = (area, _successors(area_id, area_on, on))
        area, provinces = places[holding.unit_id]
        rows.append(
            DelegateRow(
                person_id=holding.person_id,
                name=names[holding.person_id],
                constituency=str(body.attributes.get("area_name", "")),
                body=body.name,
                started=holding.valid_from,
                ended=holding.valid_to - dt.timedelta(days=1) if holding.valid_to else None,
                area=area,
                provinces=provinces,
            )
        )
    return sorted(rows, key=lambda r: (r.name, r.person_id))


def delegate_data(row: DelegateRow) -> dict[str, object]:
    """A row as JSON-ready data (CLI --json)."""
    return {
        "person_id": row.person_id,
        "name": row.name,
        "constituency": row.constituency,
        "body": row.body,
        "start_date": row.started.isoformat(),
        "end_date": row.ended.isoformat() if row.ended else None,
        "area": {"id": row.area.id, "name": row.area.name},
        "provinces": [{"id": p.id, "name": p.name, "share": p.share} for p in row.provinces],
    }
