"""The vocabulary of party membership (glossary.md, rules.md §2–3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tinhgon.registry.kinds import UnitKind

# Organizations that hold members directly: a member's official attachment is to one of them.
MEMBER_KINDS = frozenset({UnitKind.PARTY_CELL, UnitKind.GRASSROOTS_PARTY_CELL})
# Grassroots organizations (tổ chức cơ sở đảng): the committees and cells with their own
# grassroots powers.
GRASSROOTS_KINDS = frozenset({UnitKind.GRASSROOTS_PARTY_COMMITTEE, UnitKind.GRASSROOTS_PARTY_CELL})
PARTY_KINDS = frozenset(
    {
        UnitKind.PARTY_COMMITTEE,
        UnitKind.GRASSROOTS_PARTY_COMMITTEE,
        UnitKind.PARTIAL_PARTY_COMMITTEE,
        UnitKind.GRASSROOTS_PARTY_CELL,
        UnitKind.PARTY_CELL,
    }
)


class AttachmentKind(models.TextChoices):
    """Where a member takes part in party life: officially (counted in the organization's
    membership) or temporarily (counted at home, not in the host's total)."""

    OFFICIAL = "official", _("official")
    TEMPORARY = "temporary", _("temporary")


class EndReason(models.TextChoices):
    STRUCK_OFF = "struck_off", _("struck off")
    LEFT = "left", _("left the party")
    EXPELLED = "expelled", _("expelled")
    DECEASED = "deceased", _("deceased")
    NOT_CONFIRMED = "not_confirmed", _("not confirmed after probation")


class Status(models.TextChoices):
    """A member's standing on a date."""

    PROBATIONARY = "probationary", _("probationary member")
    OFFICIAL = "official", _("official member")
    ENDED = "ended", _("no longer a member")


class Occupation(models.TextChoices):
    FARMER = "farmer", _("farmer")
    WORKER = "worker", _("worker")
    PUBLIC_SERVANT = "public_servant", _("cadre, civil servant or public employee")
    ARMED_FORCES = "armed_forces", _("armed forces")
    BUSINESS = "business", _("business owner or employee of an enterprise")
    STUDENT = "student", _("student")
    RETIRED = "retired", _("retired")
    OTHER = "other", _("other")


class Grade(models.TextChoices):
    """The four grades of the annual quality rating (QĐ 124-QĐ/TW, QĐ 366-QĐ/TW)."""

    EXCELLENT = "excellent", _("excellently fulfilled duties")
    GOOD = "good", _("well fulfilled duties")
    FULFILLED = "fulfilled", _("fulfilled duties")
    NOT_FULFILLED = "not_fulfilled", _("did not fulfil duties")


class Stage(models.TextChoices):
    """Where an admission candidate stands in the pipeline (hồ sơ phát triển đảng viên)."""

    TRAINING = "training", _("in training")
    DOSSIER = "dossier", _("dossier in preparation")
    APPRAISED = "appraised", _("dossier appraised")
    ADMITTED = "admitted", _("admitted")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Breakdown(models.TextChoices):
    """The standard breakdowns of the party statistics tables."""

    GENDER = "gender", _("gender")
    AGE = "age", _("age band")
    MINORITY = "minority", _("ethnicity")
    OCCUPATION = "occupation", _("occupation")
    EDUCATION = "education", _("education")


# Age bands of the statistics tables: (label, lowest age, highest age) in full years.
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("up_to_30", 0, 30),
    ("31-40", 31, 40),
    ("41-50", 41, 50),
    ("51-60", 51, 60),
    ("61-70", 61, 70),
    ("over_70", 71, None),
)

PROBATION_MONTHS = 12
