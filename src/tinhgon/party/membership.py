"""Party membership as the unification policies ask for it (people/membership.py).

A person with membership records is "not an official member" on a date unless one of their
memberships is official on it (probationary, not yet admitted, or ended all count as not
official). A person with no membership record at all is not reported: tinhgon may not hold
the party records of every post holder (a People's Committee's data kept without the party
file), and an unknown is not a breach.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set

from django.db.models import Q

from tinhgon.core.idlist import id_list

from .models import Member


def official_on(on: dt.date) -> Q:
    """Memberships official on `on`."""
    return Q(confirmed_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gt=on))


def active_on(on: dt.date) -> Q:
    """Memberships running (probationary or official) on `on`."""
    return Q(admitted_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gt=on))


def not_official_on(person_ids: Set[int], on: dt.date) -> set[int]:
    if not person_ids:
        return set()
    members = Member.objects.filter(person_id__in=id_list(person_ids))
    recorded = set(members.values_list("person_id", flat=True))
    official = set(members.filter(official_on(on)).values_list("person_id", flat=True))
    return recorded - official
