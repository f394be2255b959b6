"""Writes about accounts: users and their grants (audited), and the sign-in lockout."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tinhgon.audit.services import change_record
from tinhgon.core.errors import DomainError, Problem

from .access import current_access, require
from .models import Grant, LoginFailure
from .roles import Action, Role

# ---------------------------------------------------------------------------- lockout


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.TINHGON_LOCKOUT_SECONDS)


def sign_in_locked(username: str) -> bool:
    """Whether a user name has failed too often lately to be tried again yet."""
    recent = LoginFailure.objects.filter(username__iexact=username, at__gte=_window_start())
    return recent.count() >= settings.TINHGON_LOCKOUT_FAILURES


def sign_in_failed(username: str, remote_addr: str) -> None:
    LoginFailure.objects.create(username=username[:150], remote_addr=remote_addr[:64])


def sign_in_succeeded(username: str) -> None:
    LoginFailure.objects.filter(username__iexact=username).delete()


# ---------------------------------------------------------------------------- users


def _grant_data(grant: Grant) -> dict[str, Any]:
    return {"user": grant.user.get_username(), "role": grant.role, "unit": grant.unit_id}


@transaction.atomic
def grant_add(*, user: Any, role: str, unit_id: int | None) -> Grant:
    """Give `user` a role over a unit's subtree (or everywhere): only someone who manages
    accounts there, and only within their own scope."""
    if role not in Role.values:
        raise DomainError(
            Problem("unknown_role", _("Unknown role: %(role)s.") % {"role": role}, "role")
        )
    if unit_id is None:
        current_access().require_everywhere(Action.MANAGE_ACCOUNTS)
    else:
        require(Action.MANAGE_ACCOUNTS, [unit_id])
    grant, created = Grant.objects.get_or_create(user=user, role=role, unit_id=unit_id)
    if created:
        change_record(obj=grant, action="create", before=None, after=_grant_data(grant))
    return grant


@transaction.atomic
def grant_remove(*, grant: Grant) -> None:
    if grant.unit_id is None:
        current_access().require_everywhere(Action.MANAGE_ACCOUNTS)
    else:
        require(Action.MANAGE_ACCOUNTS, [grant.unit_id])
    change_record(obj=grant, action="delete", before=_grant_data(grant), after=None)
    grant.delete()


@transaction.atomic
def user_create(*, username: str, password: str, full_name: str = "") -> Any:
    """A new account with a password that meets the policy; grants are added separately."""
    require(Action.MANAGE_ACCOUNTS)
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=username).exists():
        raise DomainError(
            Problem(
                "user_exists",
                _("An account named %(name)s already exists.") % {"name": username},
                "username",
            )
        )
    user = user_model(username=username, first_name=full_name[:150])
    try:
        validate_password(password, user)
    except ValidationError as error:
        problems = [Problem("weak_password", str(m), "password") for m in error.messages]
        raise DomainError(problems) from None
    user.set_password(password)
    user.save()
    change_record(
        obj=user, action="create", before=None, after={"username": username, "name": full_name}
    )
    return user
