"""The vocabulary of people and posts (glossary.md, "People and posts")."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tinhgon.registry.kinds import UnitKind


class Gender(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class Ethnicity(models.TextChoices):
    """The 54 ethnic groups of Vietnam (General Statistics Office list). The labels are proper
    names, written in Vietnamese and not translated."""

    KINH = "kinh", "Kinh"
    TAY = "tay", "Tày"
    THAI = "thai", "Thái"
    MUONG = "muong", "Mường"
    KHMER = "khmer", "Khmer"
    HOA = "hoa", "Hoa"
    NUNG = "nung", "Nùng"
    MONG = "mong", "Mông"
    DAO = "dao", "Dao"
    GIA_RAI = "gia_rai", "Gia Rai"
    E_DE = "e_de", "Ê Đê"
    BA_NA = "ba_na", "Ba Na"
    XO_DANG = "xo_dang", "Xơ Đăng"
    SAN_CHAY = "san_chay", "Sán Chay"
    CO_HO = "co_ho", "Cơ Ho"
    CHAM = "cham", "Chăm"
    SAN_DIU = "san_diu", "Sán Dìu"
    HRE = "hre", "Hrê"
    MNONG = "mnong", "Mnông"
    RA_GLAI = "ra_glai", "Ra Glai"
    XTIENG = "xtieng", "Xtiêng"
    BRU_VAN_KIEU = "bru_van_kieu", "Bru - Vân Kiều"
    THO = "tho", "Thổ"
    GIAY = "giay", "Giáy"
    CO_TU = "co_tu", "Cơ Tu"
    GIE_TRIENG = "gie_trieng", "Giẻ Triêng"
    MA = "ma", "Mạ"
    KHO_MU = "kho_mu", "Khơ Mú"
    CO = "co", "Co"
    TA_OI = "ta_oi", "Tà Ôi"
    CHO_RO = "cho_ro", "Chơ Ro"
    KHANG = "khang", "Kháng"
    XINH_MUN = "xinh_mun", "Xinh Mun"
    HA_NHI = "ha_nhi", "Hà Nhì"
    CHU_RU = "chu_ru", "Chu Ru"
    LAO = "lao", "Lào"
    LA_CHI = "la_chi", "La Chí"
    LA_HA = "la_ha", "La Ha"
    PHU_LA = "phu_la", "Phù Lá"
    LA_HU = "la_hu", "La Hủ"
    LU = "lu", "Lự"
    LO_LO = "lo_lo", "Lô Lô"
    CHUT = "chut", "Chứt"
    MANG = "mang", "Mảng"
    PA_THEN = "pa_then", "Pà Thẻn"
    CO_LAO = "co_lao", "Cờ Lao"
    CONG = "cong", "Cống"
    BO_Y = "bo_y", "Bố Y"
    SI_LA = "si_la", "Si La"
    PU_PEO = "pu_peo", "Pu Péo"
    BRAU = "brau", "Brâu"
    O_DU = "o_du", "Ơ Đu"
    RO_MAM = "ro_mam", "Rơ Măm"
    NGAI = "ngai", "Ngái"


MAJORITY_ETHNICITY = Ethnicity.KINH


class Education(models.TextChoices):
    """Highest level of education completed."""

    PRIMARY = "primary", _("primary school")
    LOWER_SECONDARY = "lower_secondary", _("lower secondary school")
    UPPER_SECONDARY = "upper_secondary", _("upper secondary school")
    VOCATIONAL = "vocational", _("vocational (intermediate)")
    COLLEGE = "college", _("college")
    UNIVERSITY = "university", _("university")
    MASTER = "master", _("master's degree")
    DOCTORATE = "doctorate", _("doctorate")


class PostType(models.TextChoices):
    SECRETARY = "secretary", _("secretary")
    DEPUTY_SECRETARY = "deputy_secretary", _("deputy secretary")
    STANDING_COMMITTEE_MEMBER = "standing_committee_member", _("standing-committee member")
    COMMITTEE_MEMBER = "committee_member", _("executive-committee member")
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice chair")
    HEAD = "head", _("head")
    DEPUTY_HEAD = "deputy_head", _("deputy head")
    DIRECTOR = "director", _("director")
    DEPUTY_DIRECTOR = "deputy_director", _("deputy director")
    PRINCIPAL = "principal", _("principal")
    VICE_PRINCIPAL = "vice_principal", _("vice principal")
    VILLAGE_HEAD = "village_head", _("village head")
    DEPUTY_VILLAGE_HEAD = "deputy_village_head", _("deputy village head")
    MEMBER = "member", _("member")


# The deputies of each kind of head: what the deputy caps (rules.md §6) count.
DEPUTY_TYPES = frozenset(
    {
        PostType.DEPUTY_SECRETARY,
        PostType.VICE_CHAIR,
        PostType.DEPUTY_HEAD,
        PostType.DEPUTY_DIRECTOR,
        PostType.VICE_PRINCIPAL,
        PostType.DEPUTY_VILLAGE_HEAD,
    }
)


class PostFunction(models.TextChoices):
    """The field a post is responsible for, where the kind of unit does not say it (a party
    board may be the organization, propaganda or mass-mobilization board)."""

    ORGANIZATION = "organization", _("organization")
    PROPAGANDA = "propaganda", _("propaganda and education")
    MASS_MOBILIZATION = "mass_mobilization", _("mass mobilization")
    INSPECTION = "inspection", _("party inspection")
    OFFICE = "office", _("office")
    HOME_AFFAIRS = "home_affairs", _("home affairs")
    INSPECTORATE = "inspectorate", _("state inspection")
    POLITICAL_TRAINING = "political_training", _("political training")


class Manner(models.TextChoices):
    """How someone comes to hold a post."""

    ELECTED = "elected", _("elected")
    APPOINTED = "appointed", _("appointed")
    ASSIGNED = "assigned", _("assigned")
    ACTING = "acting", _("acting")


class EndReason(models.TextChoices):
    TERM_ENDED = "term_ended", _("the term ended")
    TRANSFERRED = "transferred", _("transferred or rotated")
    PROMOTED = "promoted", _("promoted")
    RETIRED = "retired", _("retired")
    RESIGNED = "resigned", _("resigned")
    DISMISSED = "dismissed", _("dismissed")
    DECEASED = "deceased", _("deceased")
    UNIT_ENDED = "unit_ended", _("the unit ended")
    OTHER = "other", _("other reason")


class RelatedBy(models.TextChoices):
    """Where a unification policy looks for the second post, starting from the lead post's
    unit."""

    SAME_UNIT = "same_unit", _("the same unit")
    TERRITORY = "territory", _("the unit's territory")
    SAME_PLACE = "same_place", _("a unit of the same place")


class Reason(models.TextChoices):
    """Why a place does not comply with a unification policy."""

    LEAD_POST_MISSING = "lead_post_missing", _("the lead post is not recorded")
    LEAD_VACANT = "lead_vacant", _("the lead post is vacant")
    RELATED_MISSING = "related_missing", _("the related post is not recorded")
    RELATED_VACANT = "related_vacant", _("the related post is vacant")
    DIFFERENT_HOLDERS = "different_holders", _("held by two different people")
    NOT_OFFICIAL_MEMBER = "not_official_member", _("the holder is not yet an official party member")


class EligibilityNote(models.TextChoices):
    """Why a candidate's eligibility by age is what it is."""

    ENOUGH_TIME = "enough_time", _("enough months of work left")
    TOO_FEW_MONTHS = "too_few_months", _("too few months of work left before retirement")
    BIRTH_DATE_UNKNOWN = "birth_date_unknown", _("date of birth not recorded")
    NO_RULE = "no_rule", _("no age rule for this term and level")


class Locality(models.TextChoices):
    """A holder compared with the place they lead."""

    LOCAL = "local", _("local person")
    NON_LOCAL = "non_local", _("not a local person")
    UNKNOWN = "unknown", _("home commune not recorded")
    VACANT = "vacant", _("vacant")


class Track(models.TextChoices):
    """Which calendar of terms a post follows."""

    PARTY = "party", _("party congress term")
    PARTY_CELL = "party_cell", _("party-cell term")
    COUNCIL = "council", _("People's Council term")
    VILLAGE = "village", _("village-head term")
    FRONT = "front", _("Fatherland Front term")


# The track of a post, by the kind of its unit (data in code, reviewed like roles.py).
TRACK_BY_KIND: dict[str, str] = {
    UnitKind.PARTY_COMMITTEE: Track.PARTY,
    UnitKind.GRASSROOTS_PARTY_COMMITTEE: Track.PARTY,
    UnitKind.PARTIAL_PARTY_COMMITTEE: Track.PARTY,
    UnitKind.GRASSROOTS_PARTY_CELL: Track.PARTY,
    UnitKind.PARTY_CELL: Track.PARTY_CELL,
    UnitKind.PARTY_BOARD: Track.PARTY,
    UnitKind.PEOPLES_COUNCIL: Track.COUNCIL,
    UnitKind.PEOPLES_COMMITTEE: Track.COUNCIL,
    UnitKind.VILLAGE: Track.VILLAGE,
    UnitKind.FATHERLAND_FRONT: Track.FRONT,
    UnitKind.SOCIO_POLITICAL_ORG: Track.FRONT,
}


class DeputyMode(models.TextChoices):
    MAXIMUM = "max", _("at most, in each unit")
    AVERAGE = "average", _("on average, over the units of a scope")


class Metric(models.TextChoices):
    """What a composition target of succession planning measures."""

    WOMEN_SHARE = "women_share", _("share of women")
    UNDER_40_SHARE = "under_40_share", _("share of people under 40")
    MINORITY_SHARE = "minority_share", _("share of ethnic minorities")
    MIN_PER_POST = "min_per_post", _("fewest candidates per post")
    MAX_PER_POST = "max_per_post", _("most candidates per post")
    MAX_POSTS_PER_PERSON = "max_posts_per_person", _("most posts one candidate is planned for")


SHARE_METRICS = frozenset({Metric.WOMEN_SHARE, Metric.UNDER_40_SHARE, Metric.MINORITY_SHARE})

# Units that are places: where people live and what a post can be "local" to.
PLACE_KINDS = frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.VILLAGE})
