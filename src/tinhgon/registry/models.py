"""Units with a stable identity, their versions over dates, codes, documents and events.

Time rules (docs/developer/time-rules.md): every interval is half-open [valid_from, valid_to);
an event effective on day E closes versions with valid_to = E and opens new ones from E.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tinhgon.core.text import fold
from tinhgon.core.validity import Validity

from .kinds import (
    CodeScheme,
    DocumentKind,
    EventKind,
    Role,
    Share,
    SourceStatus,
    UnitKind,
)


def province_key(help_text: Any = "") -> models.ForeignKey[Any, Any]:
    """The province key (registry/provinces.py) of a unit, or of a row that belongs to a unit:
    copied from the unit when the row is written and moved with the unit's, never edited.
    SET_NULL: units are never deleted in practice, and a province holds its own key."""
    return models.ForeignKey(
        "registry.Unit",
        verbose_name=_("province key"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


class Unit(models.Model):
    """An organization or territory with a stable identity; everything else about it is dated."""

    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # The partition key, kept by the registry's writes
    province = province_key(
        help_text=_("The province of today that holds the unit; empty for national bodies.")
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        latest = self.versions.order_by("-valid_from").first()
        return f"{latest.name} (#{self.pk})" if latest else f"#{self.pk}"

    @property
    def audit_unit_id(self) -> int | None:
        return self.pk


class UnitVersion(Validity):
    """What a unit was over one interval: its name, kind, parent and other attributes."""

    # CASCADE: a version has no meaning without its unit; units are never deleted in practice.
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="versions"
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=40, choices=UnitKind.choices, db_index=True)
    subtype = models.CharField(
        _("subtype"),
        max_length=40,
        blank=True,
        help_text=_("E.g. ward, rural commune, township, special zone; city, town."),
    )
    # PROTECT: a parent with dated children must not vanish under them.
    parent = models.ForeignKey(
        Unit,
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="child_versions",
    )
    # PROTECT: the territory link is part of the record; ending a territory is an event.
    territory = models.ForeignKey(
        Unit,
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="territory_versions",
        help_text=_("The administrative unit this organization belongs to."),
    )
    attributes = models.JSONField(
        _("attributes"),
        default=dict,
        blank=True,
        help_text=_("Other facts that change over time, e.g. level of financial autonomy."),
    )
    search_text = models.CharField(max_length=255, editable=False, db_index=True)
    # SET_NULL on both: versions must survive even if an event record were removed by hand.
    opened_by = models.ForeignKey(
        "Event",
        verbose_name=_("opened by event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opened_versions",
    )
    closed_by = models.ForeignKey(
        "Event",
        verbose_name=_("closed by event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="closed_versions",
    )

    class Meta:
        verbose_name = _("unit version")
        verbose_name_plural = _("unit versions")
        ordering = ["unit_id", "valid_from"]
        constraints = [
            Validity.interval_check("unitversion_interval_valid"),
            models.UniqueConstraint(fields=["unit", "valid_from"], name="unitversion_unique_start"),
        ]
        indexes = [models.Index(fields=["parent", "valid_from"], name="unitversion_parent_from")]

    def __str__(self) -> str:
        return f"{self.name} [{self.valid_from}–{self.valid_to or ''})"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(self.name)[:255]
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class UnitCode(Validity):
    """An official code of a unit, valid over its own dates: codes are reused over time."""

    # CASCADE: a code record belongs to its unit.
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="codes"
    )
    scheme = models.CharField(_("scheme"), max_length=10, choices=CodeScheme.choices)
    code = models.CharField(_("code"), max_length=32, db_index=True)

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["scheme", "code", "valid_from"]
        constraints = [Validity.interval_check("unitcode_interval_valid")]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.code}"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id


class UnitRelation(Validity):
    """A dated link between two units other than the parent, e.g. the organizations a shared
    advisory office serves."""

    class Kind(models.TextChoices):
        SERVES = "serves", _("serves")

    # CASCADE on both ends: a relation has no meaning without both units.
    source = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="relations_out"
    )
    target = models.ForeignKey(
        Unit, verbose_name=_("related unit"), on_delete=models.CASCADE, related_name="relations_in"
    )
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("unit relation")
        verbose_name_plural = _("unit relations")
        constraints = [Validity.interval_check("unitrelation_interval_valid")]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"

    @property
    def audit_unit_id(self) -> int | None:
        return self.source_id


class LegalDocument(models.Model):
    """A document that orders a change: resolution, decision, decree…"""

    number = models.CharField(
        _("number and symbol"), max_length=80, help_text=_("E.g. 1679/NQ-UBTVQH15, 1874-QĐ/TU.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    issuer = models.CharField(_("issuer"), max_length=255)
    signed_on = models.DateField(_("signed on"))
    effective_on = models.DateField(_("effective on"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    url = models.URLField(_("source address"), max_length=500, blank=True)
    status = models.CharField(
        _("source status"),
        max_length=1,
        choices=SourceStatus.choices,
        default=SourceStatus.UNVERIFIED,
        help_text=_("Whether the document was checked against its official text."),
    )
    search_text = models.CharField(max_length=600, editable=False, db_index=True)
    # Counts edits, for optimistic locking (core.locking).
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["-signed_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["number", "issuer"], name="document_unique_number"),
            models.CheckConstraint(
                condition=Q(effective_on__isnull=True) | Q(effective_on__gte=models.F("signed_on")),
                name="document_effective_after_signed",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(f"{self.number} {self.title}")[:600]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def audit_unit_id(self) -> int | None:
        # The first unit of the first event it is the basis of: whose scope its record is in.
        links = EventUnit.objects.filter(event__documents=self).order_by("event_id", "id")
        return links.values_list("unit_id", flat=True).first()


class Event(models.Model):
    """One restructuring: its kind, the day it takes effect, its legal basis and the units
    going in and coming out."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, db_index=True)
    effective_on = models.DateField(_("effective on"), db_index=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    documents = models.ManyToManyField(
        LegalDocument, verbose_name=_("legal basis"), related_name="events", blank=True
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # SET_NULL: the event outlives the account; the audit trail keeps the name.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["effective_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on}: {self.title}"

    @property
    def audit_unit_id(self) -> int | None:
        # The first unit it names: the one whose scope its record belongs to.
        return self.participants.order_by("id").values_list("unit_id", flat=True).first()

    @property
    def day_before(self) -> dt.date:
        return self.effective_on - dt.timedelta(days=1)


class EventUnit(models.Model):
    """A unit taking part in an event: going in or coming out, whole or in part."""

    # CASCADE: participation has no meaning without the event.
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participants"
    )
    # PROTECT: a unit that took part in an event is history and cannot be removed.
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="event_links"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    share = models.CharField(_("share"), max_length=10, choices=Share.choices, default=Share.WHOLE)
    ends = models.BooleanField(_("ends here"), default=False)
    is_new = models.BooleanField(_("starts here"), default=False)
    attributes = models.JSONField(
        _("attributes"),
        default=dict,
        blank=True,
        help_text=_("Other facts of the participation, e.g. which successor holds the centre."),
    )

    class Meta:
        verbose_name = _("event participant")
        verbose_name_plural = _("event participants")
        ordering = ["event_id", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "unit", "role"], name="eventunit_unique_role"),
            models.CheckConstraint(
                condition=~(Q(role="output") & Q(ends=True)), name="eventunit_output_not_ending"
            ),
            models.CheckConstraint(
                condition=~(Q(role="input") & Q(is_new=True)), name="eventunit_input_not_new"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.role} {self.unit_id} ({self.share})"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id
