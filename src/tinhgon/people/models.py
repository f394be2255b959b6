"""Persons, the posts of units, who holds which post over dates; the rules about posts as data.

Time rules as in the registry (docs/developer/time-rules.md): every interval is half-open
[valid_from, valid_to). Personal data (birth date, ethnicity, home commune) is kept behind
`people.access` and never written to the audit trail in clear (`services._person_audit`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tinhgon.core.text import fold
from tinhgon.core.validity import Validity
from tinhgon.registry.kinds import SourceStatus, UnitKind
from tinhgon.registry.models import LegalDocument, Unit

from .kinds import (
    MAJORITY_ETHNICITY,
    DeputyMode,
    Education,
    EndReason,
    Ethnicity,
    Gender,
    Manner,
    Metric,
    PostFunction,
    PostType,
    RelatedBy,
    Track,
)


class RuleSource(models.Model):
    """Where a rule kept as data comes from: its legal basis, how sure we are of it, and
    whether it is one of the built-in rows (which migrations keep, and users may change)."""

    basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    status = models.CharField(
        _("source status"),
        max_length=1,
        choices=SourceStatus.choices,
        default=SourceStatus.UNVERIFIED,
    )
    builtin = models.BooleanField(_("built in"), default=False)

    class Meta:
        abstract = True


def person_repr(full_name: str, pk: int | None) -> str:
    """A person as the audit trail's object_repr names them: only the name."""
    return f"{full_name} (#{pk})"


# `person_repr` in SQL, over a stage's `full_name` and `person_id` (core/staging.py)
PERSON_REPR_SQL = "full_name || ' (#' || person_id || ')'"


class Person(models.Model):
    """Someone who holds, held or may hold a post. `revision` counts the edits: an edit names
    the revision it started from and is refused if another edit came first."""

    full_name = models.CharField(_("full name"), max_length=200)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=20, choices=Ethnicity.choices, blank=True
    )
    # PROTECT: a commune that is someone's home stays in the registry (it is history anyway).
    home_commune = models.ForeignKey(
        Unit,
        verbose_name=_("home commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The commune the person comes from; compared with the commune they lead."),
    )
    education = models.CharField(
        _("education"), max_length=20, choices=Education.choices, blank=True
    )
    # Indexed in Meta, without PostgreSQL's LIKE-pattern twin: the search is a "contains",
    # which no index serves; the index serves the exact lookups of the imports' duplicates.
    search_text = models.CharField(max_length=200, editable=False)
    revision = models.PositiveIntegerField(
        _("revision"), default=1, help_text=_("Goes up by one with every edit.")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["search_text", "id"]
        indexes = [models.Index(fields=["search_text"], name="person_search_text")]

    def __str__(self) -> str:
        return person_repr(self.full_name, self.pk)

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(self.full_name)[:200]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def audit_unit_id(self) -> int | None:
        return self.home_commune_id

    @property
    def is_minority(self) -> bool:
        return bool(self.ethnicity) and self.ethnicity != MAJORITY_ETHNICITY


class CatalogueEntry(Validity):
    """A post type that units of a kind have (the post catalogue), over dates."""

    unit_kind = models.CharField(_("kind of unit"), max_length=40, choices=UnitKind.choices)
    post_type = models.CharField(_("post type"), max_length=40, choices=PostType.choices)
    single_holder = models.BooleanField(
        _("single holder"),
        default=True,
        help_text=_("Whether one person at a time holds a post of this type in a unit."),
    )
    builtin = models.BooleanField(_("built in"), default=False)

    class Meta:
        verbose_name = _("post catalogue entry")
        verbose_name_plural = _("post catalogue")
        ordering = ["unit_kind", "post_type", "valid_from"]
        constraints = [
            Validity.interval_check("catalogueentry_interval_valid"),
            models.UniqueConstraint(
                fields=["unit_kind", "post_type", "valid_from"], name="catalogueentry_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_kind}: {self.post_type}"


class Term(Validity):
    """A term of office (nhiệm kỳ) of one track, e.g. the party congress term 2020–2025."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    status = models.CharField(
        _("source status"),
        max_length=1,
        choices=SourceStatus.choices,
        default=SourceStatus.UNVERIFIED,
        help_text=_("Whether the dates were checked against an official text."),
    )
    builtin = models.BooleanField(_("built in"), default=False)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["track", "valid_from"]
        constraints = [Validity.interval_check("term_interval_valid")]

    def __str__(self) -> str:
        return self.name


class Post(Validity):
    """A seat in a unit over dates: the secretary of a party cell, the vice chairs of a
    People's Committee (one multi-holder post)."""

    # PROTECT: a unit with posts is history; posts end, they are not removed.
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="posts"
    )
    post_type = models.CharField(_("post type"), max_length=40, choices=PostType.choices)
    function = models.CharField(
        _("function"),
        max_length=30,
        choices=PostFunction.choices,
        blank=True,
        help_text=_("The field the post answers for, e.g. the mass-mobilization board's head."),
    )
    title = models.CharField(
        _("title as written"),
        max_length=200,
        blank=True,
        help_text=_("The title as the documents write it, if the post type does not say it."),
    )
    single_holder = models.BooleanField(_("single holder"), default=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["unit_id", "post_type", "valid_from", "id"]
        constraints = [Validity.interval_check("post_interval_valid")]
        indexes = [models.Index(fields=["post_type", "unit"], name="post_type_unit")]

    def __str__(self) -> str:
        return f"{self.title or self.get_post_type_display()} (#{self.pk}, unit #{self.unit_id})"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id


class Holding(Validity):
    """A person holds a post over [valid_from, valid_to)."""

    # PROTECT on person and post: a holding is a career record; it ends, it is not removed.
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="holdings"
    )
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="holdings"
    )
    # The post's unit, copied: scopes and the audit trail filter holdings by unit directly.
    # PROTECT, as for the post.
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    # The post's single_holder, copied, so that PostgreSQL can refuse overlaps by itself.
    exclusive = models.BooleanField(default=True, editable=False)
    manner = models.CharField(_("how"), max_length=20, choices=Manner.choices)
    # SET_NULL: the holding stands even if a document record were removed by hand.
    document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    planned = models.BooleanField(
        _("planned"),
        default=False,
        help_text=_("Entered ahead of its dates: counted in projections, marked in reports."),
    )
    # SET_NULL: a term removed by hand leaves the holding without its term.
    term = models.ForeignKey(
        Term,
        verbose_name=_("term"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="holdings",
    )
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=EndReason.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("holding")
        verbose_name_plural = _("holdings")
        ordering = ["valid_from", "id"]
        constraints = [Validity.interval_check("holding_interval_valid")]
        indexes = [
            models.Index(fields=["post", "valid_from"], name="holding_post_from"),
            models.Index(fields=["person", "valid_from"], name="holding_person_from"),
        ]

    def __str__(self) -> str:
        return f"#{self.person_id} → post #{self.post_id} [{self.valid_from}–{self.valid_to or ''})"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id


class DeputyRule(Validity, RuleSource):
    """How many deputies units of a kind may have (rules.md §6), as data with its validity."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    unit_kind = models.CharField(_("kind of unit"), max_length=40, choices=UnitKind.choices)
    place_kind = models.CharField(
        _("level"),
        max_length=40,
        choices=UnitKind.choices,
        blank=True,
        help_text=_("The kind of place the unit belongs to (province, district, commune)."),
    )
    post_type = models.CharField(_("deputy post"), max_length=40, choices=PostType.choices)
    mode = models.CharField(_("mode"), max_length=10, choices=DeputyMode.choices)
    number = models.DecimalField(_("number"), max_digits=5, decimal_places=2)
    merged_bonus = models.PositiveSmallIntegerField(
        _("more for a merged unit"),
        default=0,
        help_text=_(
            "One more deputy for each unit merged into it beyond the first, up to this many "
            "(NĐ 370/2025: +1 from two units, +2 from three)."
        ),
    )

    class Meta:
        verbose_name = _("deputy rule")
        verbose_name_plural = _("deputy rules")
        ordering = ["unit_kind", "valid_from"]
        constraints = [Validity.interval_check("deputyrule_interval_valid")]

    def __str__(self) -> str:
        return self.code


class UnificationPolicy(Validity, RuleSource):
    """That the holder of a lead post also holds a related post (nhất thể hóa chức danh), e.g.
    the party-cell secretary of village V is the head of V.

    The places are the units of `lead_unit_kind` (located in a place of `lead_place_kind`, if
    given) with a post of `lead_post_type`; the related post is found from each of them as
    `related_by` says."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    lead_unit_kind = models.CharField(_("lead unit kind"), max_length=40, choices=UnitKind.choices)
    lead_place_kind = models.CharField(
        _("lead unit's place kind"), max_length=40, choices=UnitKind.choices, blank=True
    )
    lead_post_type = models.CharField(_("lead post"), max_length=40, choices=PostType.choices)
    lead_function = models.CharField(
        _("lead post's function"), max_length=30, choices=PostFunction.choices, blank=True
    )
    related_by = models.CharField(_("related unit"), max_length=20, choices=RelatedBy.choices)
    related_unit_kind = models.CharField(
        _("related unit kind"), max_length=40, choices=UnitKind.choices
    )
    related_post_type = models.CharField(_("related post"), max_length=40, choices=PostType.choices)
    related_function = models.CharField(
        _("related post's function"), max_length=30, choices=PostFunction.choices, blank=True
    )
    requires_official_member = models.BooleanField(
        _("holder must be an official party member"), default=False
    )
    # PROTECT: a policy defined for a unit's scope keeps that unit.
    owner_unit = models.ForeignKey(
        Unit,
        verbose_name=_("defined for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The unit whose officers defined the policy; empty for the whole system."),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("unification policy")
        verbose_name_plural = _("unification policies")
        ordering = ["-builtin", "code"]
        constraints = [Validity.interval_check("unificationpolicy_interval_valid")]

    def __str__(self) -> str:
        return self.code

    @property
    def audit_unit_id(self) -> int | None:
        return self.owner_unit_id


class AgeRule(Validity, RuleSource):
    """Who may stand for a term by age (Directive 45-CT/TW, rules.md §3): months of work left
    before retirement, counted at the term's reference date for the level. Valid over the
    directive's own dates."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    # PROTECT: a rule is written for a term.
    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="age_rules"
    )
    unit_kinds = models.JSONField(_("kinds of unit"), default=list)
    place_kind = models.CharField(_("level"), max_length=40, choices=UnitKind.choices, blank=True)
    reference_date = models.DateField(_("reference date"))
    first_time_months = models.PositiveSmallIntegerField(
        _("months left, first time"),
        help_text=_(
            "Months of work left before retirement for someone joining for the first time."
        ),
    )
    reelection_months = models.PositiveSmallIntegerField(
        _("months left, re-election"),
        help_text=_("Months of work left before retirement for someone standing again."),
    )

    class Meta:
        verbose_name = _("age rule")
        verbose_name_plural = _("age rules")
        ordering = ["term_id", "reference_date"]
        constraints = [Validity.interval_check("agerule_interval_valid")]

    def __str__(self) -> str:
        return self.code


class CompositionTarget(Validity, RuleSource):
    """A target on the candidates planned for a term (quy hoạch cán bộ): a share of women, of
    people under 40, of ethnic minorities, or a number per post."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    metric = models.CharField(_("metric"), max_length=30, choices=Metric.choices)
    value = models.DecimalField(
        _("value"),
        max_digits=6,
        decimal_places=3,
        help_text=_("A share as a fraction (0.25 = 25%), or a number of candidates or posts."),
    )
    # PROTECT: a target written for a term keeps it.
    term = models.ForeignKey(
        Term,
        verbose_name=_("term"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: every term."),
    )

    class Meta:
        verbose_name = _("composition target")
        verbose_name_plural = _("composition targets")
        ordering = ["metric", "valid_from"]
        constraints = [Validity.interval_check("compositiontarget_interval_valid")]

    def __str__(self) -> str:
        return self.code


class SuccessionPool(models.Model):
    """The candidates planned for one post in one term."""

    # PROTECT on both: a plan is a record of its term and post.
    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="pools"
    )
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="pools"
    )
    # The post's unit, copied for scopes and the audit trail. PROTECT, as for the post.
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("succession pool")
        verbose_name_plural = _("succession pools")
        constraints = [
            models.UniqueConstraint(fields=["term", "post"], name="successionpool_unique")
        ]

    def __str__(self) -> str:
        return f"pool #{self.pk}: post #{self.post_id}, term {self.term_id}"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id


class Candidate(models.Model):
    """A person in a succession pool."""

    # CASCADE: a candidacy has no meaning without its pool.
    pool = models.ForeignKey(
        SuccessionPool,
        verbose_name=_("pool"),
        on_delete=models.CASCADE,
        related_name="candidates",
    )
    # PROTECT: a planned person stays on record.
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="candidacies"
    )
    # The pool's unit, copied for scopes and the audit trail. PROTECT, as for the pool's.
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [models.UniqueConstraint(fields=["pool", "person"], name="candidate_unique")]

    def __str__(self) -> str:
        return f"#{self.person_id} in pool #{self.pool_id}"

    @property
    def audit_unit_id(self) -> int | None:
        return self.unit_id


class CoverageSnapshot(models.Model):
    """The reason of every place of a unification policy in a scope on a date, so that the
    nation's n of N is a count of rows rather than a pass over every village. Derived data,
    kept true through the audit log (people/coverage_snapshots.py)."""

    # CASCADE: derived data, never a reason to keep a policy or a unit. No index of its own:
    # the unique constraint leads with it.
    policy = models.ForeignKey(
        UnificationPolicy,
        verbose_name=_("policy"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    scope = models.ForeignKey(
        Unit, verbose_name=_("scope"), on_delete=models.CASCADE, related_name="+"
    )
    on = models.DateField(_("date"))
    audit_mark = models.BigIntegerField(
        _("last change reflected"), default=0, help_text=_("The last change record counted in.")
    )
    built_at = models.DateTimeField(_("built at"), auto_now=True)

    class Meta:
        verbose_name = _("coverage snapshot")
        verbose_name_plural = _("coverage snapshots")
        ordering = ["on"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "scope", "on"], name="coveragesnapshot_unique"
            )
        ]

    def __str__(self) -> str:
        return f"coverage #{self.policy_id} in #{self.scope_id} @ {self.on}"


class CoverageRow(models.Model):
    """One place of a coverage snapshot: its lead unit, its place and its reason ("" when it
    complies). Plain ids, not keys: a change to units rebuilds the whole snapshot anyway."""

    snapshot = models.ForeignKey(
        CoverageSnapshot,
        verbose_name=_("snapshot"),
        on_delete=models.CASCADE,
        related_name="rows",
        db_index=False,
    )
    lead_unit_id = models.BigIntegerField(_("lead unit"))
    place_unit_id = models.BigIntegerField(_("place"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("coverage row")
        verbose_name_plural = _("coverage rows")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "lead_unit_id"], name="coveragerow_unique_lead"
            )
        ]
        indexes = [
            models.Index(fields=["snapshot", "place_unit_id"], name="coveragerow_place"),
            # The n of N is counted from this index alone.
            models.Index(fields=["snapshot", "reason"], name="coveragerow_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.snapshot} #{self.lead_unit_id}"
