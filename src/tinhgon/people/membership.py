"""The link from people to party membership, which the party app will provide.

A unification policy may require the holder of its lead post to be an official party member
(`requires_official_member`); coverage then reports the reason `not_official_member` for a
place whose holder is not one yet, and a projection counts a probationary member's scheduled
confirmation. Party membership is not built yet, so nobody is reported: the reason never
fires until the party app registers its source here, e.g. in its AppConfig.ready():

    from tinhgon.people.membership import register_membership_source
    register_membership_source(not_official_on)

where `not_official_on(person_ids, on)` returns those of `person_ids` who are not official
members on `on` (probationary, or not members at all).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Set

NotOfficial = Callable[[Set[int], dt.date], Set[int]]

_source: NotOfficial | None = None


def register_membership_source(source: NotOfficial | None) -> None:
    """Set (or, with None, clear) where official membership is read from."""
    global _source
    _source = source


def not_official_members(person_ids: Set[int], on: dt.date) -> set[int]:
    """Those of `person_ids` who are not official party members on `on`; nobody until a
    source is registered."""
    if _source is None or not person_ids:
        return set()
    return set(_source(person_ids, on))
