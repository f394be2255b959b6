"""What every page needs to know about the signed-in user: the menu shows only what they may
open (the pages check again)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tinhgon.accounts.access import current_access
from tinhgon.accounts.roles import Action, Role


def account(request: HttpRequest) -> dict[str, Any]:
    access = current_access()
    return {
        "can_audit": access.may(Action.VIEW_AUDIT),
        "can_record": access.may(Action.RECORD_EVENTS),
        "can_see_persons": access.may(Action.VIEW_PERSONAL) or access.may(Action.EDIT_PERSONNEL),
        "role_names": sorted({str(Role(r).label) for r in access.roles}),
    }
