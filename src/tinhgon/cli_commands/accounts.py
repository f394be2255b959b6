"""Accounts from the command line: create users, give and take roles over a unit's subtree,
list who may do what. The CLI acts as the system unless --user is given."""

from __future__ import annotations

import click
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.accounts import services
from tinhgon.accounts.models import Grant
from tinhgon.accounts.roles import Role
from tinhgon.core.dates import today
from tinhgon.core.errors import DomainError, Problem
from tinhgon.registry.queries import unit_label

from .params import find_user, resolve

SCOPE_HELP = gettext_lazy("REF of the unit whose subtree the role covers; leave out for all.")


@click.group("user", help=gettext_lazy("Accounts, their roles and scopes."))
def user() -> None:
    """Only groups its subcommands."""


@user.command("create", help=gettext_lazy("Create an account; the password is asked for."))
@click.argument("username")
@click.option("--name", "full_name", default="", help=gettext_lazy("The person's full name."))
@click.password_option(prompt=gettext_lazy("Password"))
def create(username: str, full_name: str, password: str) -> None:
    services.user_create(username=username, password=password, full_name=full_name)
    click.echo(_("Created the account %(name)s.") % {"name": username})


@user.command("grant", help=gettext_lazy("Give an account a role over a unit's subtree."))
@click.argument("username")
@click.argument("role", type=click.Choice(Role.values))
@click.option("--scope", "scope_ref", help=SCOPE_HELP)
def grant(username: str, role: str, scope_ref: str | None) -> None:
    account = find_user(username)
    unit = resolve(scope_ref, today()) if scope_ref else None
    services.grant_add(user=account, role=role, unit_id=unit.pk if unit else None)
    click.echo(_("%(name)s is now %(role)s over %(scope)s.") % _names(username, role, unit))


@user.command("revoke", help=gettext_lazy("Take a role over a unit's subtree from an account."))
@click.argument("username")
@click.argument("role", type=click.Choice(Role.values))
@click.option("--scope", "scope_ref", help=SCOPE_HELP)
def revoke(username: str, role: str, scope_ref: str | None) -> None:
    account = find_user(username)
    unit = resolve(scope_ref, today()) if scope_ref else None
    found = Grant.objects.filter(user=account, role=role, unit=unit).first()
    if found is None:
        message = _("%(name)s is not %(role)s over %(scope)s.") % _names(username, role, unit)
        raise DomainError(Problem("grant_not_found", message, "role"))
    services.grant_remove(grant=found)
    click.echo(_("%(name)s is no longer %(role)s over %(scope)s.") % _names(username, role, unit))


@user.command("list", help=gettext_lazy("Every account with its roles and scopes."))
def list_users() -> None:
    accounts = get_user_model().objects.order_by("username").prefetch_related("grants")
    for account in accounts:
        grants = [
            f"{Role(g.role).label} — {unit_label(g.unit_id) if g.unit_id else _('everywhere')}"
            for g in account.grants.all()
        ]
        if account.is_superuser and not any(g.role == Role.ADMIN for g in account.grants.all()):
            grants.insert(0, f"{Role.ADMIN.label} — {_('everywhere')}")
        disabled = "" if account.is_active else f" {_('(disabled)')}"
        click.echo(f"{account.get_username()}{disabled}: {'; '.join(grants) or '—'}")


def _names(username: str, role: str, unit: object) -> dict[str, str]:
    scope = unit_label(unit) if unit is not None else _("everywhere")  # type: ignore[arg-type]
    return {"name": username, "role": str(Role(role).label), "scope": scope}
