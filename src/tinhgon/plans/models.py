"""Restructuring plans (phương án, đề án): proposed events kept as data until a plan is
approved. Nothing here is a real record of the apparatus; approving a plan writes the events
through the registry's services (docs/developer/plans.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tinhgon.registry.models import Event, LegalDocument, Unit

from .kinds import OPEN_STATUSES, Status

__all__ = ["OPEN_STATUSES", "Plan", "PlanNote", "ProposedEvent", "Status"]


class Plan(models.Model):
    name = models.CharField(_("name"), max_length=300)
    # The apparatus the impact is read over (a province, a city): it must exist on both dates.
    # PROTECT: a plan is a record of what was proposed for that unit.
    scope = models.ForeignKey(
        Unit, verbose_name=_("scope"), on_delete=models.PROTECT, related_name="+"
    )
    base_on = models.DateField(_("base date"))
    effective_on = models.DateField(_("effective date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    note = models.TextField(_("note"), blank=True)
    # The deciding document, once approved. PROTECT: the decision must keep its basis.
    document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("deciding document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    # SET_NULL: the plan outlives the account; the audit log keeps who it was.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-effective_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effective_on__gt=models.F("base_on")),
                name="plan_effective_after_base",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ProposedEvent(models.Model):
    """One event of a plan, as the event files write it (registry/eventspec.py): any kind
    the registry knows. `documents` may be left out: the plan's deciding document is cited."""

    # CASCADE: a proposal is part of its plan.
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="events"
    )
    position = models.PositiveIntegerField(_("position"))
    spec = models.JSONField(_("event"))
    # Mergers and consolidations carry the staff and the party members of the units that
    # end to the successor (staffing.services.merger_carry, party.services.member_transfer).
    carry = models.BooleanField(_("carry staff and members"), default=True)
    # The real event it became on approval. SET_NULL: the proposal stays if it were removed.
    applied = models.ForeignKey(
        Event,
        verbose_name=_("recorded event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("proposed event")
        verbose_name_plural = _("proposed events")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="plan_event_position")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}#{self.position}"


class PlanNote(models.Model):
    """A note on a plan, or a document of it (a report, a draft resolution), by reference."""

    # CASCADE: a note is part of its plan.
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="notes"
    )
    text = models.TextField(_("text"))
    reference = models.CharField(_("document reference"), max_length=300, blank=True)
    url = models.URLField(_("address"), blank=True)
    # SET_NULL: the note outlives the account.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan note")
        verbose_name_plural = _("plan notes")
        ordering = ["plan", "id"]

    def __str__(self) -> str:
        return self.text[:60]
