"""Who may act where: grants of a role over the subtree of a unit, and failed sign-ins."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role


class Grant(models.Model):
    """A user holds `role` over `unit` and everything ever under it; no unit means the whole
    system. A user may hold several grants; their rights add up."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="grants",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("scope"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The unit whose subtree the role covers; empty for the whole system."),
    )
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"], name="accounts_grant_unique_scoped"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(unit__isnull=True),
                name="accounts_grant_unique_system",
            ),
        ]

    def __str__(self) -> str:
        scope = f"#{self.unit_id}" if self.unit_id else "*"
        return f"{self.user_id}:{self.role}@{scope}"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id


class LoginFailure(models.Model):
    """One failed sign-in; counted per user name over a window to lock brute force out."""

    username = models.CharField(max_length=150, db_index=True)
    remote_addr = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"
