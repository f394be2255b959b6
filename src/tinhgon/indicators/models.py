"""Schemes (resolutions, conclusions, đề án) and the targets they set, as data (rules.md §1.4,
§5). A target names an indicator of the catalogue (`catalogue.CATALOGUE`) and how its value is
compared; `targets.evaluate` measures it.

Time rules (docs/developer/time-rules.md): a scheme is in force over the half-open interval
[valid_from, valid_to); a target's base date, due date and counting period are days (the
period's both ends included, as the catalogue counts).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tinhgon.core.validity import Validity
from tinhgon.registry.kinds import SourceStatus
from tinhgon.registry.models import LegalDocument, Unit


class SchemeKind(models.TextChoices):
    RESOLUTION = "resolution", _("resolution")
    CONCLUSION = "conclusion", _("conclusion")
    DIRECTIVE = "directive", _("directive")
    PROJECT = "project", _("project (đề án)")
    PLAN = "plan", _("plan")


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")
    REDUCE_BY_AT_LEAST = "reduce_by_at_least", _("fewer than at the base date by at least")
    EQUAL = "equal", _("equal to")


class Measure(models.TextChoices):
    VALUE = "value", _("the value")
    RATE = "rate", _("the rate (n of N)")


class Scheme(Validity):
    """A resolution, conclusion or đề án that sets targets, in force over [valid_from,
    valid_to), for a scope unit (with its subtree) or, without one, nationally."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=SchemeKind.choices)
    basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    document = models.ForeignKey(
        LegalDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schemes",
        verbose_name=_("legal document"),
    )
    scope = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schemes",
        verbose_name=_("scope"),
        help_text=_("Empty: national (applies to any unit)."),
    )
    status = models.CharField(
        _("source status"),
        max_length=1,
        choices=SourceStatus.choices,
        default=SourceStatus.UNVERIFIED,
    )
    builtin = models.BooleanField(_("built in"), default=False)

    class Meta:
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")
        ordering = ["valid_from", "code"]
        constraints = [Validity.interval_check("scheme_interval_valid")]

    def __str__(self) -> str:
        return self.code

    @property
    def audit_unit_id(self) -> int | None:
        return self.scope_id


class Target(models.Model):
    """A figure a scheme sets: the indicator `indicator` (with `params`), its headline value or
    one of its figures (`figure`, its value or rate), compared with `value`. A date indicator
    is read at the due date (and, to reduce, at the base date); a period indicator is counted
    over [period_from, period_to]."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="targets", verbose_name=_("scheme")
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    indicator = models.CharField(_("indicator"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    figure = models.CharField(
        _("figure"),
        max_length=80,
        blank=True,
        help_text=_("A figure of the indicator (e.g. category:civil_servant); empty: its value."),
    )
    measure = models.CharField(
        _("measure"), max_length=10, choices=Measure.choices, default=Measure.VALUE
    )
    scope = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("scope"),
        help_text=_("Empty: the scheme's scope, or the unit asked about."),
    )
    comparison = models.CharField(_("comparison"), max_length=20, choices=Comparison.choices)
    value = models.DecimalField(
        _("target value"),
        max_digits=12,
        decimal_places=4,
        help_text=_("Rates as a share: 0.10 for 10%."),
    )
    base_on = models.DateField(_("base date"), null=True, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    period_from = models.DateField(_("period from"), null=True, blank=True)
    period_to = models.DateField(_("period to"), null=True, blank=True)
    status = models.CharField(
        _("source status"),
        max_length=1,
        choices=SourceStatus.choices,
        default=SourceStatus.UNVERIFIED,
    )
    builtin = models.BooleanField(_("built in"), default=False)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["scheme__valid_from", "scheme__code", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(base_on__isnull=True)
                | Q(due_on__isnull=True)
                | Q(due_on__gt=F("base_on")),
                name="target_due_after_base",
            ),
            models.CheckConstraint(
                condition=Q(period_from__isnull=True)
                | Q(period_to__isnull=True)
                | Q(period_to__gte=F("period_from")),
                name="target_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def due(self) -> dt.date | None:
        """The day the target is judged: the due date, or the period's last day."""
        return self.due_on or self.period_to

    @property
    def audit_unit_id(self) -> int | None:
        return self.scope_id or self.scheme.scope_id
