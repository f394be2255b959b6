"""The vocabulary of staffing (glossary.md, "Staffing"): categories of staff, how employment
ends, forms of reduction, sectors, what a surplus rule is about."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tinhgon.registry.kinds import UnitKind


class Category(models.TextChoices):
    CADRE = "cadre", _("cadre")
    CIVIL_SERVANT = "civil_servant", _("civil servant")
    PUBLIC_EMPLOYEE = "public_employee", _("public employee")
    CONTRACT = "contract", _("contract worker")
    NON_DEDICATED = "non_dedicated", _("non-dedicated worker")


class Work(models.TextChoices):
    """What the job position is: a professional post, or support and service work."""

    LEADERSHIP = "leadership", _("leadership post")
    PROFESSIONAL = "professional", _("professional post")
    SUPPORT = "support", _("support or service work")


class EndReason(models.TextChoices):
    REDUCED = "reduced", _("staff reduction")
    CARRIED = "carried", _("carried to the successor of a merger")
    TRANSFERRED = "transferred", _("transferred")
    RETIRED = "retired", _("retired")
    RESIGNED = "resigned", _("resigned")
    CONTRACT_ENDED = "contract_ended", _("contract ended")
    DISMISSED = "dismissed", _("dismissed")
    DECEASED = "deceased", _("deceased")
    OTHER = "other", _("other")


class Form(models.TextChoices):
    """How a person leaves the payroll in a staff reduction (rules.md §1.2)."""

    EARLY_RETIREMENT = "early_retirement", _("early retirement")
    SEVERANCE = "severance", _("severance")
    TRANSFER_OUT = "transfer_out", _("transfer to a body not paid from the state budget")
    RETIREMENT = "retirement", _("retirement on the regime for cadres not re-elected")
    RESIGNATION = "resignation", _("resignation")


class Sector(models.TextChoices):
    """The sectors reports count reductions in ("party agencies, state management offices and
    communes" against "all the city's agencies, units, communes and wards")."""

    PARTY = "party", _("party agencies")
    STATE = "state", _("state management offices")
    COMMUNE = "commune", _("communes, wards and townships")
    MASS = "mass", _("Fatherland Front and socio-political organizations")
    PUBLIC_SERVICE = "public_service", _("public service units")
    OTHER = "other", _("other")


class Subject(models.TextChoices):
    """What a surplus rule gives time to resolve."""

    STAFF = "staff", _("surplus staff")
    DEPUTIES = "deputies", _("surplus deputies")


K = UnitKind
# The sector of a unit by its kind; units of a commune (found by their place) are "commune".
SECTOR_BY_KIND: dict[str, str] = {
    K.PARTY_COMMITTEE: Sector.PARTY,
    K.PARTY_BOARD: Sector.PARTY,
    K.GRASSROOTS_PARTY_COMMITTEE: Sector.PARTY,
    K.PARTIAL_PARTY_COMMITTEE: Sector.PARTY,
    K.GRASSROOTS_PARTY_CELL: Sector.PARTY,
    K.PARTY_CELL: Sector.PARTY,
    K.PEOPLES_COUNCIL: Sector.STATE,
    K.PEOPLES_COMMITTEE: Sector.STATE,
    K.SPECIALIZED_OFFICE: Sector.STATE,
    K.FATHERLAND_FRONT: Sector.MASS,
    K.SOCIO_POLITICAL_ORG: Sector.MASS,
    K.SHARED_ADVISORY_OFFICE: Sector.MASS,
    K.PUBLIC_SERVICE_UNIT: Sector.PUBLIC_SERVICE,
    K.SCHOOL: Sector.PUBLIC_SERVICE,
    K.SCHOOL_SITE: Sector.PUBLIC_SERVICE,
    K.COMMUNE: Sector.COMMUNE,
    K.VILLAGE: Sector.COMMUNE,
}

# Administrative agencies: where contract workers must not hold professional posts (the city
# "ended the use of contract workers for professional work in administrative agencies").
ADMINISTRATIVE_KINDS = frozenset(
    {
        K.PARTY_COMMITTEE,
        K.PARTY_BOARD,
        K.GRASSROOTS_PARTY_COMMITTEE,
        K.PEOPLES_COUNCIL,
        K.PEOPLES_COMMITTEE,
        K.SPECIALIZED_OFFICE,
        K.FATHERLAND_FRONT,
        K.SOCIO_POLITICAL_ORG,
        K.SHARED_ADVISORY_OFFICE,
    }
)
