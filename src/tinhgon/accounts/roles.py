"""Roles and the actions each may take. Rights hold within the subtrees of a grant's units.

The table is data in code: a role's actions change with a review of this file, not at run
time, so that every check and the access test read the same table.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("system administrator")
    ORG_BOARD = "org_board", _("organization-board officer")
    HOME_AFFAIRS = "home_affairs", _("home-affairs officer")
    COMMUNE = "commune", _("commune officer")
    VIEWER = "viewer", _("read-only viewer")
    AUDITOR = "auditor", _("auditor")


class Action(models.TextChoices):
    VIEW = "view", _("see units, events and documents")
    RECORD_EVENTS = "record_events", _("record organizational events and documents")
    VIEW_PERSONAL = "view_personal", _("see personal data (birth date, ethnicity, home commune)")
    EDIT_PERSONNEL = "edit_personnel", _("record persons, posts and holdings")
    VIEW_PARTY = "view_party", _("see party-membership details and ratings")
    EDIT_PARTY = "edit_party", _("record party members and organizations")
    EDIT_STAFFING = "edit_staffing", _("record employment, quotas and reductions")
    EXPORT_PERSONAL = "export_personal", _("export personal data")
    VIEW_AUDIT = "view_audit", _("read the audit log")
    MANAGE_ACCOUNTS = "manage_accounts", _("manage accounts and grants")


A = Action
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(Action.values),
    # The party committee's organization board keeps party and cadre records.
    Role.ORG_BOARD: frozenset(
        {
            A.VIEW,
            A.RECORD_EVENTS,
            A.VIEW_PERSONAL,
            A.EDIT_PERSONNEL,
            A.VIEW_PARTY,
            A.EDIT_PARTY,
            A.EXPORT_PERSONAL,
        }
    ),
    # The home-affairs office keeps the state apparatus and its staff, not party files.
    Role.HOME_AFFAIRS: frozenset(
        {
            A.VIEW,
            A.RECORD_EVENTS,
            A.VIEW_PERSONAL,
            A.EDIT_PERSONNEL,
            A.EDIT_STAFFING,
            A.EXPORT_PERSONAL,
        }
    ),
    # A commune officer keeps the commune's own people and villages; no exports of persons.
    Role.COMMUNE: frozenset(
        {A.VIEW, A.RECORD_EVENTS, A.VIEW_PERSONAL, A.EDIT_PERSONNEL, A.EDIT_STAFFING}
    ),
    # Viewers see the apparatus and counts, never persons.
    Role.VIEWER: frozenset({A.VIEW}),
    # Auditors read everything in scope, the audit log included, and change nothing.
    Role.AUDITOR: frozenset({A.VIEW, A.VIEW_PERSONAL, A.VIEW_PARTY, A.VIEW_AUDIT}),
}

WRITE_ACTIONS = frozenset(
    {
        A.RECORD_EVENTS,
        A.EDIT_PERSONNEL,
        A.EDIT_PARTY,
        A.EDIT_STAFFING,
        A.MANAGE_ACCOUNTS,
    }
)


def role_may(role: str, action: str) -> bool:
    return action in ROLE_ACTIONS.get(role, frozenset())
