"""Employment, staffing quotas, staff reductions and the rules about them as data.

Time rules as in the registry (docs/developer/time-rules.md): every interval is half-open
[valid_from, valid_to). The decrees of staff reduction and their cases hold over dates
(rules.md §1): a reduction cites a case whose decree is in force on its date.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from tinhgon.core.validity import Validity
from tinhgon.people.models import Person
from tinhgon.registry.kinds import SourceStatus
from tinhgon.registry.models import LegalDocument, Unit, province_key

from .kinds import Category, EndReason, Form, Sector, Subject, Work


class Employment(Validity):
    """A person employed in a unit over [valid_from, valid_to), in a category and a job
    position; how it ended."""

    # PROTECT on person and unit: employment is a career record; it ends, it is not removed.
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="employments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="employments"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    position = models.CharField(
        _("job position"),
        max_length=200,
        blank=True,
        help_text=_("The job position (vị trí việc làm) as the unit's plan names it."),
    )
    work = models.CharField(
        _("kind of work"), max_length=20, choices=Work.choices, default=Work.PROFESSIONAL
    )
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=EndReason.choices, blank=True
    )
    # SET_NULL: the employment stands even if a document record were removed by hand.
    document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # SET_NULL: the chain of a carried employment is history; the record survives without it.
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The employment in a unit that merged, which this one continues."),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # The unit's province key (registry/provinces.py), copied when written and moved with the
    # unit's: the partition key.
    province = province_key()

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        ordering = ["valid_from", "id"]
        constraints = [Validity.interval_check("employment_interval_valid")]
        indexes = [
            models.Index(fields=["unit", "valid_from"], name="employment_unit_from"),
            models.Index(fields=["person", "valid_from"], name="employment_person_from"),
        ]

    def __str__(self) -> str:
        return f"#{self.person_id} @ unit #{self.unit_id} [{self.valid_from}–{self.valid_to or ''})"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id


class StaffingQuota(Validity):
    """The headcount authorized for a unit in a category over a period (usually a year), and
    the document that set it."""

    # PROTECT: a quota is history of its unit.
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="quotas"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    number = models.PositiveIntegerField(_("number"))
    # PROTECT: the document that set a quota is its legal basis.
    document = models.ForeignKey(
        LegalDocument, verbose_name=_("document"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("staffing quota")
        verbose_name_plural = _("staffing quotas")
        ordering = ["unit_id", "category", "valid_from"]
        constraints = [Validity.interval_check("staffingquota_interval_valid")]
        indexes = [models.Index(fields=["unit", "valid_from"], name="quota_unit_from")]

    def __str__(self) -> str:
        return f"{self.category} {self.number} @ unit #{self.unit_id} [{self.valid_from}]"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id


class ReductionBasis(Validity):
    """A decree of staff reduction over the dates it is in force (rules.md §1.1)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    number = models.CharField(_("number and symbol"), max_length=80)
    title = models.CharField(_("title"), max_length=300, blank=True)
    # SET_NULL: an amending decree stays if the amended one were removed by hand.
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="amended_by",
    )
    status = models.CharField(
        _("source status"),
        max_length=1,
        choices=SourceStatus.choices,
        default=SourceStatus.UNVERIFIED,
        help_text=_("Whether the dates were checked against the official text."),
    )
    builtin = models.BooleanField(_("built in"), default=False)
    # CV 6383/BNV-TCBC: NĐ 178 still applies after it ends to a reduction decided before
    # `grace_decided_before` that takes effect by `grace_until`.
    grace_decided_before = models.DateField(
        _("still applies if decided before"), null=True, blank=True
    )
    grace_until = models.DateField(_("and taking effect by"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal basis of reductions")
        verbose_name_plural = _("legal bases of reductions")
        ordering = ["valid_from", "code"]
        constraints = [Validity.interval_check("reductionbasis_interval_valid")]

    def __str__(self) -> str:
        return self.number

    def applies(self, on: dt.date, decided_on: dt.date | None) -> bool:
        """Whether a reduction on `on`, decided on `decided_on`, may cite this basis."""
        if self.holds_on(on):
            return True
        return bool(
            self.grace_decided_before
            and self.grace_until
            and decided_on is not None
            and decided_on < self.grace_decided_before
            and self.valid_from <= on <= self.grace_until
        )


class ReductionCase(Validity):
    """A case a decree lists (who is subject, by article), over its own dates."""

    # PROTECT: reductions cite cases; a decree with cases is not removed.
    basis = models.ForeignKey(
        ReductionBasis, verbose_name=_("decree"), on_delete=models.PROTECT, related_name="cases"
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    article = models.CharField(_("article"), max_length=100, help_text=_("E.g. Art. 2(1)(a)."))
    name = models.CharField(_("name"), max_length=300)
    status = models.CharField(
        _("source status"),
        max_length=1,
        choices=SourceStatus.choices,
        default=SourceStatus.UNVERIFIED,
    )
    builtin = models.BooleanField(_("built in"), default=False)

    class Meta:
        verbose_name = _("reduction case")
        verbose_name_plural = _("reduction cases")
        ordering = ["basis_id", "code"]
        constraints = [Validity.interval_check("reductioncase_interval_valid")]

    def __str__(self) -> str:
        return self.code


class Reduction(models.Model):
    """One person taken off the payroll: when, from which unit, in which form, under which case
    and decree, in which sector."""

    # PROTECT: a reduction is a record of the person's career.
    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="reduction"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reductions"
    )
    on = models.DateField(
        _("date"), db_index=True, help_text=_("The first day the person is off the payroll.")
    )
    form = models.CharField(_("form"), max_length=20, choices=Form.choices)
    # PROTECT: the case is the reduction's legal basis.
    case = models.ForeignKey(
        ReductionCase, verbose_name=_("case"), on_delete=models.PROTECT, related_name="reductions"
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, db_index=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    # SET_NULL: the reduction stands even if its employment record were removed by hand.
    employment = models.ForeignKey(
        Employment,
        verbose_name=_("employment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # SET_NULL: the decision record may be missing; the case carries the legal basis.
    document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff reduction")
        verbose_name_plural = _("staff reductions")
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["unit", "on"], name="reduction_unit_on")]

    def __str__(self) -> str:
        return f"#{self.person_id} reduced {self.on} ({self.form})"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id


class StaffingTarget(Validity):
    """A target on headcount: at least `rate` fewer on `due_on` than on `base_on` (rules.md
    §1.4), optionally for some categories."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    base_on = models.DateField(_("base date"))
    due_on = models.DateField(_("due date"))
    rate = models.DecimalField(
        _("reduction rate"),
        max_digits=5,
        decimal_places=4,
        help_text=_("The share to cut, e.g. 0.10 for at least 10% fewer."),
    )
    categories = models.JSONField(_("categories"), default=list, blank=True)
    basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    status = models.CharField(
        _("source status"),
        max_length=1,
        choices=SourceStatus.choices,
        default=SourceStatus.UNVERIFIED,
    )
    builtin = models.BooleanField(_("built in"), default=False)

    class Meta:
        verbose_name = _("staffing target")
        verbose_name_plural = _("staffing targets")
        ordering = ["base_on", "code"]
        constraints = [Validity.interval_check("staffingtarget_interval_valid")]

    def __str__(self) -> str:
        return self.code


class SurplusRule(Validity):
    """How long a surplus after a merger may last (rules.md §1.4, §3, §6), for mergers that
    take effect while the rule holds."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices)
    years = models.PositiveSmallIntegerField(_("years"))
    basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    status = models.CharField(
        _("source status"),
        max_length=1,
        choices=SourceStatus.choices,
        default=SourceStatus.UNVERIFIED,
    )
    builtin = models.BooleanField(_("built in"), default=False)

    class Meta:
        verbose_name = _("surplus rule")
        verbose_name_plural = _("surplus rules")
        ordering = ["subject", "valid_from"]
        constraints = [Validity.interval_check("surplusrule_interval_valid")]

    def __str__(self) -> str:
        return self.code
