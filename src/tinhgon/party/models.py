"""Party members, where they take part in party life, congresses, ratings, the admission
pipeline, and the rules about them as data.

Party organizations are registry units (kinds in party.kinds.PARTY_KINDS). Time rules as in
the registry (docs/developer/time-rules.md): intervals are half-open [valid_from, valid_to).
A membership runs from `admitted_on` to `ended_on`; it is probationary until `confirmed_on`
(the day the 12 months of probation end, whenever the confirmation was decided) and official
from then on.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tinhgon.core.validity import Validity
from tinhgon.people.models import PERSON_REPR_SQL, Person, RuleSource, Term
from tinhgon.registry.models import LegalDocument, Unit, province_key

from .kinds import AttachmentKind, EndReason, Grade, Occupation, Stage, Status


def member_repr(pk: int | None, person_id: int, admitted_on: dt.date) -> str:
    return f"#{pk} (person #{person_id}, {admitted_on})"


def attachment_repr(member_id: int, unit_id: int, valid_from: dt.date) -> str:
    return f"member #{member_id} @ unit #{unit_id} [{valid_from}]"


# The text of the one change record of a member registered with their person (an imported
# row, `services.members_register`): the person's `str()`, ": ", the member's. In SQL, over
# the columns of a stage (core/staging.py).
NEW_MEMBER_REPR_SQL = (
    f"{PERSON_REPR_SQL} || ': ' || "
    "'#' || member_id || ' (person #' || person_id || ', ' || admitted_on || ')'"
)


class Member(models.Model):
    """One membership of a person: admitted on a date by a decision, probationary for 12
    months, then confirmed (official) or removed; ended by a reason. A person re-admitted
    has a second Member row; memberships of one person never overlap."""

    # PROTECT: a membership is a party record; it ends, it is not removed.
    # No index of its own: "member_person_admitted" begins with it (one index less to write
    # per member imported).
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="memberships",
        db_index=False,
    )
    admitted_on = models.DateField(_("admitted on"), db_index=True)
    admitted_in = models.ForeignKey(
        Unit,
        verbose_name=_("admitted in"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The party cell that considered and admitted the member."),
    )
    admission_decision = models.CharField(_("admission decision"), max_length=100, blank=True)
    considered_on = models.DateField(
        _("considered by the cell on"),
        help_text=_("The day the cell considered the admission: the admission age counts here."),
    )
    card_number = models.CharField(_("party card number"), max_length=30, blank=True)
    occupation = models.CharField(
        _("occupation"), max_length=20, choices=Occupation.choices, blank=True
    )
    confirmed_on = models.DateField(
        _("official from"),
        null=True,
        blank=True,
        help_text=_("The day the probation ended, from which the member is official."),
    )
    confirmation_decision = models.CharField(_("confirmation decision"), max_length=100, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True, db_index=True)
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=EndReason.choices, blank=True
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        ordering = ["admitted_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=F("admitted_on")),
                name="member_ends_after_admission",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_on__isnull=True)
                | Q(confirmed_on__gt=models.F("admitted_on")),
                name="member_confirmed_after_admission",
            ),
        ]
        indexes = [models.Index(fields=["person", "admitted_on"], name="member_person_admitted")]

    def __str__(self) -> str:
        return member_repr(self.pk, self.person_id, self.admitted_on)

    @property
    def audit_unit_id(self) -> int | None:
        return self.admitted_in_id

    def status_on(self, on: dt.date) -> str | None:
        """Probationary, official or ended on `on`; None before admission."""
        if on < self.admitted_on:
            return None
        if self.ended_on is not None and on >= self.ended_on:
            return Status.ENDED
        if self.confirmed_on is not None and on >= self.confirmed_on:
            return Status.OFFICIAL
        return Status.PROBATIONARY


class Attachment(Validity):
    """A member takes part in the life of an organization over [valid_from, valid_to):
    officially (one place at a time, counted there) or temporarily (not counted by the host)."""

    # Neither key has an index of its own: "attachment_member_from" and "attachment_unit_from"
    # begin with them.
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="attachments",
        db_index=False,
    )
    # PROTECT: where a member was is history of the organization.
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=AttachmentKind.choices, default=AttachmentKind.OFFICIAL
    )
    decision = models.CharField(_("decision"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # The unit's province key (registry/provinces.py), copied when written and moved with the
    # unit's: a province's attachments by one indexed column, and the partition key.
    province = province_key()

    class Meta:
        verbose_name = _("party-life attachment")
        verbose_name_plural = _("party-life attachments")
        ordering = ["valid_from", "id"]
        constraints = [Validity.interval_check("attachment_interval_valid")]
        indexes = [
            models.Index(fields=["unit", "valid_from"], name="attachment_unit_from"),
            models.Index(fields=["member", "valid_from"], name="attachment_member_from"),
        ]

    def __str__(self) -> str:
        return attachment_repr(self.member_id, self.unit_id, self.valid_from)

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id


class Congress(models.Model):
    """A congress of a party organization, opening its term."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("held on"))
    ordinal = models.PositiveIntegerField(_("ordinal"), null=True, blank=True)
    term = models.ForeignKey(
        Term, verbose_name=_("term"), null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("party congress")
        verbose_name_plural = _("party congresses")
        ordering = ["unit_id", "held_on"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "held_on"], name="congress_unit_day_unique")
        ]

    def __str__(self) -> str:
        return f"unit #{self.unit_id} congress {self.held_on}"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id


class Rating(models.Model):
    """The annual quality rating of a member or of an organization (exactly one of them)."""

    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveIntegerField(_("year"))
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    rated_on = models.DateField(_("rated on"))

    class Meta:
        verbose_name = _("quality rating")
        verbose_name_plural = _("quality ratings")
        ordering = ["year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=True, unit__isnull=False)
                | Q(member__isnull=False, unit__isnull=True),
                name="rating_member_or_unit",
            ),
            models.UniqueConstraint(fields=["member", "year"], name="rating_member_year_unique"),
            models.UniqueConstraint(fields=["unit", "year"], name="rating_unit_year_unique"),
        ]

    def __str__(self) -> str:
        whom = f"member #{self.member_id}" if self.member_id else f"unit #{self.unit_id}"
        return f"{whom} {self.year}: {self.grade}"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id


class AdmissionCandidate(models.Model):
    """A person in the admission pipeline of a cell: trained, dossier made and appraised,
    expected to be admitted on a date."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("party cell"), on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    trained_on = models.DateField(_("training completed on"), null=True, blank=True)
    appraised_on = models.DateField(_("dossier appraised on"), null=True, blank=True)
    expected_on = models.DateField(_("expected admission"), null=True, blank=True)
    member = models.ForeignKey(
        Member, verbose_name=_("member"), null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("admission candidate")
        verbose_name_plural = _("admission candidates")
        ordering = ["expected_on", "id"]

    def __str__(self) -> str:
        return f"candidate #{self.pk} (person #{self.person_id})"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id


class AdmissionTarget(models.Model):
    """How many members an organization plans to admit in a year."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("admission target")
        verbose_name_plural = _("admission targets")
        ordering = ["year", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="admissiontarget_unique")
        ]

    def __str__(self) -> str:
        return f"unit #{self.unit_id} {self.year}: {self.number}"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id


class AdmissionAgeRule(RuleSource, Validity):
    """The admission age in force over dates, in full years counted in months (rules.md §2)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    min_age = models.PositiveSmallIntegerField(_("lowest age"))
    max_age = models.PositiveSmallIntegerField(_("highest age"))

    class Meta:
        verbose_name = _("admission age rule")
        verbose_name_plural = _("admission age rules")
        ordering = ["valid_from"]
        constraints = [Validity.interval_check("admissionagerule_interval_valid")]

    def __str__(self) -> str:
        return self.code


class StructureRule(RuleSource, Validity):
    """The sizes the Party Statute sets for organizations (rules.md §3)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    min_official = models.PositiveSmallIntegerField(_("fewest official members of an organization"))
    committee_from = models.PositiveSmallIntegerField(
        _("members from which a grassroots organization is a committee")
    )
    cell_committee_from = models.PositiveSmallIntegerField(
        _("official members from which a cell elects a cell committee")
    )

    class Meta:
        verbose_name = _("structure rule")
        verbose_name_plural = _("structure rules")
        ordering = ["valid_from"]
        constraints = [Validity.interval_check("structurerule_interval_valid")]

    def __str__(self) -> str:
        return self.code


class RatingScale(RuleSource, Validity):
    """How ratings are graded over dates: by the four grades alone, or from a 100-point
    score (QĐ 366-QĐ/TW from 2025-08-30: excellent ≥ 90, good ≥ 70, fulfilled ≥ 50)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    scored = models.BooleanField(_("100-point scale"), default=False)
    excellent_from = models.PositiveSmallIntegerField(null=True, blank=True)
    good_from = models.PositiveSmallIntegerField(null=True, blank=True)
    fulfilled_from = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("rating scale")
        verbose_name_plural = _("rating scales")
        ordering = ["valid_from"]
        constraints = [Validity.interval_check("ratingscale_interval_valid")]

    def __str__(self) -> str:
        return self.code

    def grade_of(self, score: int) -> str:
        if self.excellent_from is not None and score >= self.excellent_from:
            return Grade.EXCELLENT
        if self.good_from is not None and score >= self.good_from:
            return Grade.GOOD
        if self.fulfilled_from is not None and score >= self.fulfilled_from:
            return Grade.FULFILLED
        return Grade.NOT_FULFILLED


class StatisticsSnapshot(models.Model):
    """The statistics columns of every organization with members on a report date, so that a
    table is a sum over organizations rather than a pass over every membership. Derived data,
    kept true through the audit log (party/snapshots.py)."""

    on = models.DateField(_("date"), unique=True)
    columns = models.JSONField(_("columns"), help_text=_("The column keys, in order."))
    audit_mark = models.BigIntegerField(
        _("last change reflected"), default=0, help_text=_("The last change record counted in.")
    )
    built_at = models.DateTimeField(_("built at"), auto_now=True)

    class Meta:
        verbose_name = _("statistics snapshot")
        verbose_name_plural = _("statistics snapshots")
        ordering = ["on"]

    def __str__(self) -> str:
        return f"statistics @ {self.on}"


class SnapshotRow(models.Model):
    """One organization's columns in a snapshot (its own official members, not its subtree)."""

    snapshot = models.ForeignKey(
        StatisticsSnapshot,
        verbose_name=_("snapshot"),
        on_delete=models.CASCADE,
        related_name="rows",
    )
    # CASCADE: derived data, never a reason to keep a unit.
    unit = models.ForeignKey(
        Unit, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="+"
    )
    values = models.JSONField(_("values"))

    class Meta:
        verbose_name = _("snapshot row")
        verbose_name_plural = _("snapshot rows")
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "unit"], name="snapshotrow_unique_unit")
        ]

    def __str__(self) -> str:
        return f"{self.snapshot} #{self.unit_id}"
