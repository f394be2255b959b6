"""The vocabulary of the registry: kinds of unit, of event, of document (glossary.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("province")
    DISTRICT = "district", _("district")
    COMMUNE = "commune", _("commune")
    VILLAGE = "village", _("village / residential quarter")
    PARTY_COMMITTEE = "party_committee", _("party committee")
    GRASSROOTS_PARTY_COMMITTEE = "grassroots_party_committee", _("grassroots party committee")
    PARTIAL_PARTY_COMMITTEE = "partial_party_committee", _("partial party committee")
    GRASSROOTS_PARTY_CELL = "grassroots_party_cell", _("grassroots party cell")
    PARTY_CELL = "party_cell", _("party cell")
    PEOPLES_COUNCIL = "peoples_council", _("People's Council")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    SPECIALIZED_OFFICE = "specialized_office", _("specialized office")
    PARTY_BOARD = "party_board", _("party board")
    FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front")
    SOCIO_POLITICAL_ORG = "socio_political_org", _("socio-political organization")
    SHARED_ADVISORY_OFFICE = "shared_advisory_office", _("shared advisory office")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("public service unit")
    SCHOOL = "school", _("school")
    SCHOOL_SITE = "school_site", _("school site")


class KindGroup(models.TextChoices):
    """Groups the offices report in ("7 fewer agencies and units, 2 fewer villages…")."""

    ADMINISTRATIVE = "administrative", _("administrative units")
    VILLAGE = "village", _("villages / residential quarters")
    PARTY_ORGANIZATION = "party_organization", _("party organizations")
    AGENCY = "agency", _("agencies and units")
    SCHOOL = "school", _("schools")
    SCHOOL_SITE = "school_site", _("school sites")


KIND_GROUP: dict[str, str] = {
    UnitKind.PROVINCE: KindGroup.ADMINISTRATIVE,
    UnitKind.DISTRICT: KindGroup.ADMINISTRATIVE,
    UnitKind.COMMUNE: KindGroup.ADMINISTRATIVE,
    UnitKind.VILLAGE: KindGroup.VILLAGE,
    UnitKind.PARTY_COMMITTEE: KindGroup.PARTY_ORGANIZATION,
    UnitKind.GRASSROOTS_PARTY_COMMITTEE: KindGroup.PARTY_ORGANIZATION,
    UnitKind.PARTIAL_PARTY_COMMITTEE: KindGroup.PARTY_ORGANIZATION,
    UnitKind.GRASSROOTS_PARTY_CELL: KindGroup.PARTY_ORGANIZATION,
    UnitKind.PARTY_CELL: KindGroup.PARTY_ORGANIZATION,
    UnitKind.PEOPLES_COUNCIL: KindGroup.AGENCY,
    UnitKind.PEOPLES_COMMITTEE: KindGroup.AGENCY,
    UnitKind.SPECIALIZED_OFFICE: KindGroup.AGENCY,
    UnitKind.PARTY_BOARD: KindGroup.AGENCY,
    UnitKind.FATHERLAND_FRONT: KindGroup.AGENCY,
    UnitKind.SOCIO_POLITICAL_ORG: KindGroup.AGENCY,
    UnitKind.SHARED_ADVISORY_OFFICE: KindGroup.AGENCY,
    UnitKind.PUBLIC_SERVICE_UNIT: KindGroup.AGENCY,
    UnitKind.SCHOOL: KindGroup.SCHOOL,
    UnitKind.SCHOOL_SITE: KindGroup.SCHOOL_SITE,
}


class CodeScheme(models.TextChoices):
    ADMINISTRATIVE = "gso", _("administrative code (statistics office)")
    PARTY = "party", _("party organization code")
    OTHER = "other", _("other code")


class EventKind(models.TextChoices):
    ESTABLISH = "establish", _("establish")
    DISSOLVE = "dissolve", _("dissolve")
    MERGE = "merge", _("merge (absorb)")
    CONSOLIDATE = "consolidate", _("consolidate")
    SPLIT = "split", _("split")
    BOUNDARY_CHANGE = "boundary_change", _("boundary change")
    TRANSFER = "transfer", _("transfer")
    RENAME = "rename", _("rename")
    RECLASSIFY = "reclassify", _("reclassify")


class Share(models.TextChoices):
    WHOLE = "whole", _("whole")
    PART = "part", _("part")


class Role(models.TextChoices):
    INPUT = "input", _("going in")
    OUTPUT = "output", _("coming out")


class DocumentKind(models.TextChoices):
    RESOLUTION = "resolution", _("resolution")
    DECISION = "decision", _("decision")
    DECREE = "decree", _("decree")
    DIRECTIVE = "directive", _("directive")
    CONCLUSION = "conclusion", _("conclusion")
    GUIDANCE = "guidance", _("guidance")
    PLAN = "plan", _("plan")
    OTHER = "other", _("other document")


class SourceStatus(models.TextChoices):
    """How far a fact was checked against its source (rules.md: V / S / U)."""

    VERIFIED = "V", _("verified")
    SECONDARY = "S", _("secondary source")
    UNVERIFIED = "U", _("unverified")
