"""Labels the party reads show: breakdown keys that are not choices, and the size rules."""

from django.utils.translation import gettext_lazy as _

BREAKDOWN_LABELS = {
    "total": _("members"),
    "official": _("official members"),
    "probationary": _("probationary members"),
    "unknown": _("not recorded"),
    "minority": _("ethnic minority"),
    "majority": _("Kinh"),
    "up_to_30": _("30 and under"),
    "31-40": _("31 to 40"),
    "41-50": _("41 to 50"),
    "51-60": _("51 to 60"),
    "61-70": _("61 to 70"),
    "over_70": _("over 70"),
}

# What an organization breaks (rules.md §3), with the figures found.
STRUCTURE_MESSAGES = {
    "too_few_official": _(
        "%(official)s official members: an organization needs at least %(min)s (Party Statute "
        "Art. 21)."
    ),
    "cell_should_be_committee": _(
        "%(members)s members in a grassroots cell: from %(committee)s members a grassroots "
        "organization is a grassroots committee (Party Statute Art. 21)."
    ),
    "committee_too_small": _(
        "%(members)s members in a grassroots committee: under %(committee)s members a "
        "grassroots organization is a grassroots cell (Party Statute Art. 21)."
    ),
    "needs_cell_committee": _(
        "%(official)s official members and no cell committee: a cell of %(cell_committee)s "
        "official members or more elects one (Party Statute Art. 24)."
    ),
}
