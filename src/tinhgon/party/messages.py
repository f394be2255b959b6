"""Every refusal the party app can give, as constants the code and the tests share.

Each key is the Problem.code; the text is English source, shown in Vietnamese. A message names
the record and the rule it would break.
"""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "required": _("This field is required."),
    "invalid_choice": _("“%(value)s” is not one of: %(choices)s."),
    "person_not_found": _("No person has the reference “%(ref)s”."),
    "member_not_found": _("No party member has the reference “%(ref)s”."),
    "unit_not_found": _("No party organization has the reference “%(ref)s”."),
    "term_not_found": _("No term has the code “%(ref)s”."),
    "not_party_unit": _(
        "%(unit)s is a “%(kind)s”, not a party organization that members belong to (rule: "
        "members take part in a party cell or a grassroots party cell)."
    ),
    "not_party_org": _("%(unit)s is a “%(kind)s”, not a party organization."),
    "org_not_alive": _(
        "%(unit)s does not exist on %(date)s (rule: a member is admitted to, or transferred "
        "into, an organization that exists on that date)."
    ),
    "already_member": _(
        "%(person)s is already a party member on %(date)s (membership #%(member)s from "
        "%(start)s) (rule: a current member cannot be admitted again)."
    ),
    "member_later": _(
        "%(person)s has a membership from %(start)s (membership #%(member)s), after %(date)s: "
        "record the earlier membership's end first (rule: memberships of a person do not "
        "overlap)."
    ),
    "admitted_twice_in_batch": _(
        "%(person)s is admitted twice in the same list (rule: a current member cannot be "
        "admitted again)."
    ),
    "birth_date_unknown": _(
        "The date of birth of %(person)s is not recorded, so the admission age cannot be "
        "checked (rule: %(rule)s, age %(min)s to %(max)s)."
    ),
    "age_outside_rule": _(
        "%(person)s is %(age)s full years old on %(date)s, when the cell considered the "
        "admission; the rule %(rule)s admits ages %(min)s to %(max)s."
    ),
    "considered_after_admission": _(
        "The cell considered the admission on %(considered)s, after the admission date %(date)s."
    ),
    "confirmed_early": _(
        "Membership #%(member)s of %(person)s: the probation of 12 months from %(start)s ends on "
        "%(end)s; it cannot be confirmed on %(date)s (rule: confirmation after the probation, "
        "Party Statute Art. 5)."
    ),
    "already_confirmed": _(
        "Membership #%(member)s of %(person)s is already official from %(confirmed)s."
    ),
    "member_ended": _(
        "Membership #%(member)s of %(person)s ended on %(end)s (%(reason)s); nothing can be "
        "recorded for it on %(date)s."
    ),
    "not_yet_member": _(
        "Membership #%(member)s of %(person)s begins on %(start)s; nothing can be recorded for "
        "it on %(date)s."
    ),
    "not_probationary": _(
        "Membership #%(member)s of %(person)s is official on %(date)s; only a probationary "
        "member is removed for not being confirmed."
    ),
    "no_attachment": _(
        "Membership #%(member)s of %(person)s has no official organization on %(date)s to "
        "transfer from."
    ),
    "same_organization": _("Membership #%(member)s of %(person)s already belongs to %(unit)s."),
    "transfer_same_day": _(
        "Membership #%(member)s of %(person)s joined %(unit)s on %(start)s; a transfer must come "
        "after that day."
    ),
    "temporary_needs_end": _(
        "A temporary transfer needs the date it ends (rule: 3 months to under 1 year, or up to "
        "2 years for study)."
    ),
    "interval_reversed": _("The end date %(end)s is not after the start date %(start)s."),
    "rating_no_scale": _("No rating scale is in force on %(date)s."),
    "rating_needs_score": _(
        "Ratings made from %(start)s are scored out of 100 (%(rule)s): give the score."
    ),
    "rating_no_score": _(
        "Ratings made on %(date)s are by grade only (%(rule)s): a score does not apply."
    ),
    "rating_grade_mismatch": _(
        "A score of %(score)s is “%(expected)s” under %(rule)s, not “%(grade)s”."
    ),
    "rating_score_range": _("A score is from 0 to 100."),
    "rating_not_member": _(
        "Membership #%(member)s of %(person)s did not run in %(year)s, so it cannot be rated "
        "for that year."
    ),
    "rating_twice": _("%(subject)s already has a rating for %(year)s."),
    "member_or_unit": _("Rate either a member or an organization."),
    "congress_twice": _("%(unit)s already has a congress on %(date)s."),
    "target_negative": _("A target is a number of members, 0 or more."),
    "period_reversed": _("The period ends (%(end)s) before it begins (%(start)s)."),
}
