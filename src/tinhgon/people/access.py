"""Who may see which person, and which of their fields (built on accounts.access).

- A person is visible to a user whose rights to see personal data (VIEW_PERSONAL) or to keep
  personnel records (EDIT_PERSONNEL) cover a unit where the person holds or held a post, or
  their home commune. Viewers (VIEW only) see no person: counts and places only.
- The personal fields (date of birth, ethnicity, home commune) are shown only where
  VIEW_PERSONAL covers the home commune or one of the units of the person's posts.
- Outside a request (CLI at the machine, demo loader, tests without a user) the system sees
  everything.

accounts.access gives scopes per action; this module combines them for persons, without
changing accounts/.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from tinhgon.accounts.access import current_access
from tinhgon.accounts.roles import Action

from .models import Holding, Person

PERSONAL_FIELDS = ("birth_date", "ethnicity", "home_commune_id")


@dataclass(frozen=True)
class PersonAccess:
    """The units where persons (`persons`) and their personal fields (`personal`) may be
    seen; None means everywhere."""

    persons: frozenset[int] | None
    personal: frozenset[int] | None

    @property
    def sees_persons(self) -> bool:
        return self.persons is None or bool(self.persons)

    @property
    def everywhere(self) -> bool:
        return self.persons is None and self.personal is None

    def person_in(self, unit_id: int | None) -> bool:
        return self.persons is None or (unit_id is not None and unit_id in self.persons)

    def personal_in(self, unit_id: int | None) -> bool:
        return self.personal is None or (unit_id is not None and unit_id in self.personal)


def person_access() -> PersonAccess:
    access = current_access()
    personal = access.units(Action.VIEW_PERSONAL)
    edit = access.units(Action.EDIT_PERSONNEL)
    persons = None if personal is None or edit is None else personal | edit
    return PersonAccess(persons=persons, personal=personal)


def person_units(person_ids: Iterable[int]) -> dict[int, set[int]]:
    """The units each person is tied to: their home commune and every unit of their posts,
    over all time (two queries)."""
    ids = list(set(person_ids))
    found: dict[int, set[int]] = defaultdict(set)
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        for pid, home in Person.objects.filter(pk__in=chunk).values_list("pk", "home_commune_id"):
            if home is not None:
                found[pid].add(home)
        for pid, unit_id in (
            Holding.objects.filter(person_id__in=chunk)
            .values_list("person_id", "unit_id")
            .distinct()
        ):
            found[pid].add(unit_id)
    return found


@dataclass(frozen=True)
class Seen:
    """What the current user may see of some persons."""

    persons: frozenset[int]
    personal: frozenset[int]


def seen(person_ids: Iterable[int], rights: PersonAccess | None = None) -> Seen:
    """Which of `person_ids` the current user may see, and whose personal fields."""
    rights = rights or person_access()
    ids = set(person_ids)
    if rights.everywhere:
        return Seen(frozenset(ids), frozenset(ids))
    if not rights.sees_persons:
        return Seen(frozenset(), frozenset())
    units = person_units(ids)
    persons = {pid for pid in ids if any(rights.person_in(u) for u in units.get(pid, ()))}
    personal = {pid for pid in persons if any(rights.personal_in(u) for u in units.get(pid, ()))}
    return Seen(frozenset(persons), frozenset(personal))


def visible_persons(qs: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """Persons the current user may see."""
    qs = Person.objects.all() if qs is None else qs
    scope = person_access().persons
    if scope is None:
        return qs
    if not scope:
        return qs.none()
    units = sorted(scope)
    held = Holding.objects.filter(unit_id__in=units).values("person_id")
    return qs.filter(Q(home_commune_id__in=units) | Q(pk__in=held))
