"""Who may see which employed person (built on people.access and accounts.access).

A person is visible where people.access shows them (their posts, their home commune) and also
where the user's rights to see persons (VIEW_PERSONAL or EDIT_PERSONNEL) cover a unit the
person is or was employed in. Viewers (VIEW only) see counts, never persons.
"""

from __future__ import annotations

from collections.abc import Iterable

from tinhgon.people.access import PersonAccess, person_access, seen

from .models import Employment

CHUNK = 5000


def visible_person_ids(person_ids: Iterable[int], rights: PersonAccess | None = None) -> set[int]:
    """Which of `person_ids` the current user may see."""
    rights = rights or person_access()
    ids = set(person_ids)
    if rights.everywhere or rights.persons is None:
        return ids
    if not rights.sees_persons:
        return set()
    found = set(seen(ids, rights).persons)
    rest = sorted(ids - found)
    for start in range(0, len(rest), CHUNK):
        chunk = rest[start : start + CHUNK]
        for pid, unit_id in Employment.objects.filter(person_id__in=chunk).values_list(
            "person_id", "unit_id"
        ):
            if rights.person_in(unit_id):
                found.add(pid)
    return found
