"""A tree for a page: the units under a root on a date, level by level, but never more than a
fixed number of nodes. A level that would go past the budget is not read; its parents get the
number of units directly under them instead, so the page can link to their own tree.

`queries.tree` gives every level asked for (the API, the exports); this is for the web page,
which must stay fast at national scale (a province has ~2,000 villages two levels down).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count

from tinhgon.accounts.access import current_access, visible
from tinhgon.core.errors import NotFound

from .models import Unit, UnitVersion
from .problems import problem
from .queries import TreeNode, _chunks, codes_at, unit_label, version_at

# Enough for every small tree (the Móng Cái demo's city shows ~150 units at 3 levels), few
# enough to render in a few tens of milliseconds.
NODE_LIMIT = 400


@dataclass
class OutlineNode(TreeNode):
    # Units directly under this one that the outline does not show (0 when none, or when its
    # children are shown).
    hidden: int = 0
    children: list[OutlineNode] = field(default_factory=list)  # type: ignore[assignment]


@dataclass
class Outline:
    root: OutlineNode
    shown: int  # units shown under the root
    hidden: int  # units one level below the deepest shown that are not read
    cut: bool  # whether the node budget (not the depth asked) stopped the expansion


def child_counts(parent_ids: Iterable[int], on: dt.date) -> dict[int, int]:
    """How many units (within the user's scope) are directly under each of `parent_ids` on
    a date, without reading them: one grouped count per chunk of parents."""
    scope = current_access().units("view")
    found: dict[int, int] = {}
    for chunk in _chunks(parent_ids):
        qs = UnitVersion.objects.as_of(on).filter(parent_id__in=chunk)
        if scope is None:
            rows = qs.values("parent_id").annotate(n=Count("id")).values_list("parent_id", "n")
            found.update(dict(rows))
            continue
        for parent_id, unit_id in qs.values_list("parent_id", "unit_id"):
            if unit_id in scope:
                found[parent_id] = found.get(parent_id, 0) + 1
    return found


def _level(parent_ids: list[int], on: dt.date, limit: int) -> list[UnitVersion]:
    """The first `limit` visible versions directly under the parents, by kind and name."""
    qs = UnitVersion.objects.as_of(on).filter(parent_id__in=parent_ids).order_by("kind", "name")
    return visible(qs[:limit]) if current_access().units("view") is None else visible(qs)[:limit]


def outline(root: Unit, on: dt.date, depth: int | None, limit: int | None = None) -> Outline:
    """The tree of `root` on a date down to `depth` levels (None: every level), a whole level
    at a time while the nodes shown stay within `limit`. The first level is always shown, cut
    to `limit` units (the root then has the rest as `hidden`). `limit`: NODE_LIMIT if None."""
    limit = NODE_LIMIT if limit is None else limit
    root_version = version_at(root, on)
    if root_version is None:
        raise NotFound(problem("unit_not_valid_on", "unit", unit=unit_label(root), date=on))
    top = OutlineNode(root_version)
    level, shown, remaining, cut = [top], 0, depth, False
    counts: dict[int, int] = {}
    while level and (remaining is None or remaining > 0):
        by_parent = {node.unit_id: node for node in level}
        room = limit - shown
        # One row past the room tells whether the level fits, without counting it first.
        found = _level(list(by_parent), on, room + 1)
        if len(found) > room:
            counts = child_counts(by_parent, on)
            if shown:  # the level does not fit: its parents show how many are under them
                cut = True
                break
            top.hidden = counts.get(top.unit_id, 0) - room  # the first level, cut
            found = found[:room]
        next_level = []
        for version in found:
            node = OutlineNode(version)
            by_parent[version.parent_id].children.append(node)  # type: ignore[index]
            next_level.append(node)
        shown += len(next_level)
        level, counts = next_level, {}
        remaining = None if remaining is None else remaining - 1
    else:
        if level:  # stopped by the depth asked: say how many are under the last level
            counts = child_counts((n.unit_id for n in level), on)
    for node in level:
        if not node.children:
            node.hidden = counts.get(node.unit_id, 0)
    shown_nodes = list(top.walk())
    codes = codes_at((n.unit_id for n in shown_nodes), on)
    for each in shown_nodes:
        each.codes = codes.get(each.unit_id, [])
    hidden = top.hidden + sum(n.hidden for n in level if n is not top)
    return Outline(root=top, shown=shown, hidden=hidden, cut=cut)
