"""The results of `adminunits.queries` as JSON-ready data (the API and `--json` in the CLI), and
as a flow diagram laid out for the web page. Dates are YYYY-MM-DD."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tinhgon.registry.models import UnitVersion
from tinhgon.registry.representations import code_data, document_data, iso

from .queries import (
    REFORM_DAY,
    Counts,
    Link,
    Linked,
    Place,
    ProvinceRow,
    Row,
    Transition,
    side_date,
)


def _ref(version: UnitVersion | None) -> dict[str, Any] | None:
    return {"unit_id": version.unit_id, "name": version.name} if version else None


def place_data(place: Place) -> dict[str, Any]:
    version = place.version
    return {
        "unit_id": place.unit_id,
        "name": place.name,
        "kind": version.kind,
        "subtype": version.subtype,
        "code": place.code,
        "codes": [code_data(c) for c in place.codes],
        "district": _ref(place.district),
        "province": _ref(place.province),
        "former_names": place.former_names,
        "absorbed": [
            {"name": a.name, "effective_on": iso(a.effective_on), "event_id": a.event_id}
            for a in place.absorbed
        ],
        "valid_from": iso(version.valid_from),
        "valid_to": iso(version.valid_to),
    }


def link_data(link: Link) -> dict[str, Any]:
    return {
        "share": link.share,
        "holds_former_centre": link.holds_former_centre,
        "event_id": link.event_id,
    }


def linked_data(item: Linked) -> dict[str, Any]:
    return {**place_data(item.place), **link_data(item.link), "in_province": item.in_province}


def row_data(row: Row, key: str) -> dict[str, Any]:
    return {
        **place_data(row.place),
        "divided": row.divided,
        key: [linked_data(item) for item in row.linked],
    }


def transition_data(result: Transition) -> dict[str, Any]:
    return {
        "province": place_data(result.province),
        "side": result.side,
        "date": iso(result.date),
        "reform_date": iso(REFORM_DAY),
        "counterparts": [place_data(p) for p in result.counterparts],
        "unchanged": result.unchanged,
        "documents": [document_data(d) for d in result.documents],
        "filters": {
            "kind": result.filters.kind,
            "divided": result.filters.divided,
            "q": result.filters.text,
        },
        "totals": {
            "new_units": result.new_total,
            "old_units": result.old_total,
            "divided": result.divided_total,
        },
        "new_units": [row_data(r, "predecessors") for r in result.new_rows],
        "old_units": [row_data(r, "successors") for r in result.old_rows],
    }


def _tally(counts: dict[str, int]) -> dict[str, Any]:
    return {"total": sum(counts.values()), "by_subtype": dict(counts)}


def counts_data(result: Counts) -> dict[str, Any]:
    return {
        "on": iso(result.on),
        "province": place_data(result.province) if result.province else None,
        "provinces": _tally(result.provinces),
        "districts": _tally(result.districts),
        "communes": _tally(result.communes),
    }


def province_row_data(row: ProvinceRow) -> dict[str, Any]:
    return {
        **place_data(row.place),
        "districts": row.districts,
        "communes": _tally(row.communes),
        "counterparts": [place_data(p) for p in row.counterparts],
        "documents": [document_data(d) for d in row.documents],
    }


# ---------------------------------------------------------------------------- the flow diagram

ROW = 20  # px per old unit
TOP = 28  # room for the column headings
LABEL = 260  # width of each column of names
GAP = 560  # between the columns, where the flows are drawn: wide, so crossings stay shallow
DOT = 4
WIDTH = 2 * LABEL + GAP
LEFT_X = LABEL  # x of the old units' dots
RIGHT_X = LABEL + GAP  # x of the new units' dots


@dataclass
class DiagramNode:
    place: Place
    y: int
    inside: bool = True
    divided: bool = False

    @property
    def unit_id(self) -> int:
        return self.place.unit_id


@dataclass
class DiagramEdge:
    old: DiagramNode
    new: DiagramNode
    link: Link

    @property
    def path(self) -> str:
        """A cubic curve from the old unit's dot to the new one's."""
        middle = (LEFT_X + RIGHT_X) // 2
        return (
            f"M{LEFT_X + DOT} {self.old.y} C{middle} {self.old.y} "
            f"{middle} {self.new.y} {RIGHT_X - DOT} {self.new.y}"
        )


@dataclass
class DiagramGroup:
    """A new unit and the flows into it: drawn together, so hovering one lights its flows."""

    node: DiagramNode
    edges: list[DiagramEdge] = field(default_factory=list)


@dataclass
class Diagram:
    old_date: Any
    new_date: Any
    left: list[DiagramNode]
    groups: list[DiagramGroup]
    height: int
    width: int = WIDTH
    left_x: int = LEFT_X
    right_x: int = RIGHT_X
    dot: int = DOT

    @property
    def edge_count(self) -> int:
        return sum(len(g.edges) for g in self.groups)

    @property
    def right(self) -> list[DiagramNode]:
        return [g.node for g in self.groups]


def flow_diagram(result: Transition) -> Diagram:
    """Old units in a left column, new ones in a right column, a line for each flow.

    New units go down in code order (codes follow geography); each old unit is placed beside
    the new unit it went into whole, or, if divided, the one holding its former centre, so most
    lines run straight across and only the other parts of divided units cross. A new unit sits
    in the middle of the band of its old units. Only what the filters keep is drawn: the rows
    kept and the units they are linked to.
    """
    olds: dict[int, Place] = {}
    news: dict[int, Place] = {}
    inside: dict[tuple[str, int], bool] = {}
    divided: dict[tuple[str, int], bool] = {}
    links: dict[tuple[int, int], Link] = {}
    for row in result.new_rows:
        news[row.place.unit_id] = row.place
        divided[("new", row.place.unit_id)] = row.divided
        for item in row.linked:
            olds.setdefault(item.place.unit_id, item.place)
            inside.setdefault(("old", item.place.unit_id), item.in_province)
            links[(item.place.unit_id, row.place.unit_id)] = item.link
    for row in result.old_rows:
        olds[row.place.unit_id] = row.place
        divided[("old", row.place.unit_id)] = row.divided
        for item in row.linked:
            news.setdefault(item.place.unit_id, item.place)
            inside.setdefault(("new", item.place.unit_id), item.in_province)
            links[(row.place.unit_id, item.place.unit_id)] = item.link

    new_order = sorted(news.values(), key=Place.sort_key)
    rank = {place.unit_id: index for index, place in enumerate(new_order)}
    # Each old unit is drawn beside one new unit, its home: the one it went into whole, or,
    # divided, the one that holds its former centre (else the first of its parts).
    outgoing: dict[int, list[Link]] = {}
    for (old_id, _new_id), link in links.items():
        outgoing.setdefault(old_id, []).append(link)
    homes: dict[int, list[int]] = {}
    for old_id, going in outgoing.items():
        home = min(
            going,
            key=lambda link: (
                link.is_part and link.holds_former_centre is not True,
                rank[link.new_id],
            ),
        )
        homes.setdefault(home.new_id, []).append(old_id)

    left: dict[int, DiagramNode] = {}
    groups: list[DiagramGroup] = []
    y = TOP
    for new in new_order:
        band_olds = sorted(homes.get(new.unit_id, []), key=lambda o: olds[o].sort_key())
        for index, old_id in enumerate(band_olds):
            left[old_id] = DiagramNode(
                olds[old_id],
                y + index * ROW + ROW // 2,
                inside.get(("old", old_id), True),
                divided.get(("old", old_id), False),
            )
        band = max(len(band_olds), 1) * ROW
        node = DiagramNode(
            new,
            y + band // 2,
            inside.get(("new", new.unit_id), True),
            divided.get(("new", new.unit_id), False),
        )
        groups.append(DiagramGroup(node))
        y += band
    for old in sorted(olds.values(), key=Place.sort_key):
        if old.unit_id not in left:  # an old unit with no flow drawn (filtered out, or none)
            left[old.unit_id] = DiagramNode(
                old, y + ROW // 2, inside.get(("old", old.unit_id), True)
            )
            y += ROW
    by_new = {g.node.unit_id: g for g in groups}
    for (old_id, new_id), link in sorted(links.items(), key=lambda item: item[1].is_part):
        by_new[new_id].edges.append(DiagramEdge(left[old_id], by_new[new_id].node, link))
    return Diagram(
        old_date=side_date("before"),
        new_date=side_date("after"),
        left=sorted(left.values(), key=lambda n: n.y),
        groups=groups,
        height=y + ROW // 2,
    )
