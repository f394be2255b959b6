"""Every refusal the people app can give, as constants the code and the tests share.

Each key is the Problem.code; the text is English source, shown in Vietnamese. A message names
the record and the rule it would break. Messages never carry personal fields (birth date,
ethnicity, home commune): they may reach logs through error reports.
"""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "required": _("This field is required."),
    "invalid_choice": _("“%(value)s” is not one of: %(choices)s."),
    "invalid_value": _("“%(value)s” is not valid here: %(reason)s."),
    "interval_reversed": _("The end date %(end)s is not after the start date %(start)s."),
    "code_taken": _("The code “%(code)s” is already used."),
    "person_not_found": _("No person has the reference “%(ref)s”."),
    "post_not_found": _("No post has the reference “%(ref)s”."),
    "holding_not_found": _("No holding has the reference “%(ref)s”."),
    "policy_not_found": _("No unification policy has the code “%(ref)s”."),
    "term_not_found": _("No term has the code “%(ref)s”."),
    "birth_date_future": _("The date of birth is after today."),
    "birth_date_too_early": _("The date of birth is before 1900."),
    "home_commune_not_commune": _(
        "%(unit)s is not a commune, ward or township; a home commune must be one."
    ),
    "conflict": _(
        "%(person)s was changed by someone else in the meantime (now at revision %(found)s; "
        "your edit started from revision %(expected)s). Nothing was saved: compare the two "
        "versions and edit again."
    ),
    "nothing_to_change": _("Nothing to change."),
    "unit_not_alive": _(
        "%(unit)s does not exist on %(date)s, so %(record)s cannot be there from %(start)s to "
        "%(end)s (rule: posts and holdings lie within the life of their unit)."
    ),
    "post_not_in_catalogue": _(
        "%(unit)s is a “%(kind)s” on %(date)s and units of that kind have no post “%(post)s” "
        "(rule: a unit's posts come from the post catalogue of its kind)."
    ),
    "kind_not_in_catalogue": _(
        "Units of kind “%(kind)s” have no post “%(post)s” on %(date)s (rule: the post "
        "catalogue of each kind of unit)."
    ),
    "post_duplicate": _(
        "%(unit)s already has the post “%(post)s” (#%(other)s) from %(start)s to %(end)s (rule: "
        "one post of a type and function in a unit at a time)."
    ),
    "holding_outside_post": _(
        "%(person)s cannot hold %(post)s from %(start)s to %(end)s: the post exists from "
        "%(post_start)s to %(post_end)s (rule: a holding lies within its post's dates)."
    ),
    "holding_duplicate": _(
        "%(person)s already holds %(post)s from %(start)s to %(end)s (holding #%(other)s) "
        "(rule: the same person holds a post only once at a time)."
    ),
    "post_taken": _(
        "%(post)s has one holder at a time and %(other)s holds it from %(start)s to %(end)s "
        "(holding #%(holding)s), so %(person)s cannot hold it from %(from)s (rule: one holder "
        "of a single-holder post at a time)."
    ),
    "deputy_cap": _(
        "%(unit)s would have %(count)s holders of “%(post)s” on %(date)s; rule %(rule)s "
        "(%(basis)s) allows at most %(max)s."
    ),
    "holding_ended": _(
        "Holding #%(holding)s already ended on %(date)s; give an end date up to that day."
    ),
    "same_post": _("The new post is the post already held."),
    "person_transfer_mismatch": _("Holding #%(holding)s is not held by %(person)s."),
    "candidate_exists": _("%(person)s is already a candidate for this post in this term."),
    "post_track_mismatch": _(
        "Term %(term)s is a term of the “%(track)s”; %(post)s follows the “%(post_track)s”."
    ),
    "number_not_positive": _("The number must be greater than zero."),
    "share_out_of_range": _("A share is a fraction between 0 and 1, not %(value)s."),
}
