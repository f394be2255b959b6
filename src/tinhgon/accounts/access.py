"""What the acting user may see and do. Services and queries ask here; interfaces never decide.

An `Access` is built once per request from the user's grants. A unit is in a grant's scope if
it is the grant's unit or was under it at any date (the subtree over all time), so a commune
officer keeps seeing the villages the commune ever had. Work without a user and outside a
request (the CLI at the machine, the demo loader, migrations) acts as the system and may do
everything: whoever runs it already holds the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tinhgon.audit.context import current_actor
from tinhgon.core.errors import Forbidden, NotFound, Problem
from tinhgon.core.memo import remembered

from .roles import Action, Role, role_may


class _HasUnit(Protocol):
    @property
    def unit_id(self) -> int: ...


T = TypeVar("T", bound=_HasUnit)
EVERYWHERE = None  # the scope of a grant without a unit


@dataclass
class Access:
    user_id: int | None
    grants: tuple[tuple[str, int | None], ...] = ()
    system: bool = False
    _scopes: dict[str, frozenset[int] | None] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ questions

    @property
    def roles(self) -> frozenset[str]:
        if self.system:
            return frozenset({Role.ADMIN})
        return frozenset(role for role, _ in self.grants)

    def forget(self) -> None:
        """Drop the computed scopes: a write placed units in the tree since."""
        self._scopes.clear()

    def may(self, action: str) -> bool:
        """Whether some grant allows `action` somewhere."""
        return self.system or any(role_may(role, action) for role, _ in self.grants)

    def units(self, action: str = "view") -> frozenset[int] | None:
        """The ids of the units where `action` is allowed; None means every unit."""
        if action not in self._scopes:
            self._scopes[action] = self._compute(action)
        return self._scopes[action]

    def covers(self, unit_id: int | None, action: str = "view") -> bool:
        scope = self.units(action)
        if scope is None:
            return True
        return unit_id is not None and unit_id in scope

    def covers_all(self, unit_ids: Iterable[int], action: str = "view") -> bool:
        scope = self.units(action)
        return scope is None or all(u in scope for u in unit_ids)

    # ------------------------------------------------------------------ refusals

    def require(self, action: str, unit_ids: Iterable[int] = ()) -> None:
        """Refuse unless `action` is allowed on every unit named (or somewhere, if none).

        Units outside every view scope answer "not found" so their existence does not leak;
        units in view but outside the action's scope, or an action the roles lack, answer 403.
        """
        ids = list(unit_ids)
        view = self.units("view")
        hidden = [u for u in ids if view is not None and u not in view]
        if hidden:
            raise NotFound(Problem("unit_not_found", _("No unit has this reference."), "unit"))
        if not self.may(action) or not self.covers_all(ids, action):
            raise self._forbidden(action)

    @staticmethod
    def _forbidden(action: str) -> Forbidden:
        message = _("Your account may not do this here (%(action)s).")
        return Forbidden(Problem("forbidden", message % {"action": Action(action).label}))

    def require_everywhere(self, action: str) -> None:
        """Refuse unless `action` is allowed over the whole system."""
        if self.units(action) is not None:
            raise self._forbidden(action)

    def require_visible(self, unit_id: int, field: str = "unit") -> None:
        if not self.covers(unit_id):
            raise NotFound(Problem("unit_not_found", _("No unit has this reference."), field))

    # ------------------------------------------------------------------ scopes

    def _compute(self, action: str) -> frozenset[int] | None:
        if self.system:
            return None
        roots: set[int] = set()
        for role, unit_id in self.grants:
            if not role_may(role, action):
                continue
            if unit_id is EVERYWHERE:
                return None
            roots.add(unit_id)
        return subtree_ever(roots)


@remembered
def subtree_ever(roots: Iterable[int]) -> frozenset[int]:
    """The units that are, or were at any date, under one of `roots` or located in one of
    them (the city party committee sits under the province's but its territory is the city),
    with everything under those, and the roots. One recursive query (UNION, not UNION ALL:
    a unit reached twice is walked once, so a cycle in the history ends too)."""
    from django.db import connection

    from tinhgon.registry.models import UnitVersion

    table = connection.ops.quote_name(UnitVersion._meta.db_table)
    found: set[int] = set(roots)
    ids = sorted(found)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            marks = ", ".join(["(CAST(%s AS BIGINT))"] * len(chunk))
            # the table name from the model's meta, quoted; the ids are parameters
            cursor.execute(
                f"""WITH RECURSIVE under (unit_id) AS (
                        VALUES {marks}
                        UNION
                        SELECT v.unit_id FROM {table} v, under u
                        WHERE v.parent_id = u.unit_id OR v.territory_id = u.unit_id
                    ) SELECT unit_id FROM under""",  # noqa: S608
                chunk,
            )
            found.update(row[0] for row in cursor.fetchall())
    return frozenset(found)


CHUNK = 5000  # ids per IN list: SQLite caps the parameters of one statement


def restrict(qs: QuerySet[Any], field: str = "unit_id", action: str = "view") -> QuerySet[Any]:
    """`qs` without the rows whose unit (`field`) lies outside the current user's scope."""
    scope = current_access().units(action)
    return qs if scope is None else qs.filter(**{f"{field}__in": sorted(scope)})


def visible(items: Iterable[T], action: str = "view") -> list[T]:
    """The items (anything with a `unit_id`) in the current user's scope."""
    scope = current_access().units(action)
    if scope is None:
        return list(items)
    return [item for item in items if item.unit_id in scope]


SYSTEM = Access(user_id=None, system=True)
NOBODY = Access(user_id=None)


def access_for(user: Any) -> Access:
    """The rights of a user: superusers act as administrators of the whole system."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NOBODY
    if not user.is_active:
        return NOBODY
    if user.is_superuser:
        return Access(user_id=user.pk, grants=((Role.ADMIN, EVERYWHERE),))
    from .models import Grant

    grants = tuple(Grant.objects.filter(user=user).values_list("role", "unit_id"))
    return Access(user_id=user.pk, grants=grants)


def current_access() -> Access:
    """The rights of whoever acts now: a request's user (cached on the request), a user given
    to `acting_as`, or the system."""
    actor = current_actor()
    request = actor.request
    if request is not None:
        cached = getattr(request, "_tinhgon_access", None)
        user = getattr(request, "user", None)
        # The API authenticates inside the view; rebuild once the user is known.
        if cached is None or cached.user_id != getattr(user, "pk", None):
            cached = access_for(user)
            request._tinhgon_access = cached
        return cached
    if actor.given_user is not None:
        return access_for(actor.given_user)
    return SYSTEM


def require(action: str, unit_ids: Iterable[int] = ()) -> None:
    current_access().require(action, unit_ids)
