"""Words the interfaces show about people and posts: choice labels, record labels, and the
CLI's help and headings (kept here so that they live in the people catalogue)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .builtins import POLICY_NAMES
from .kinds import (
    EndReason,
    Locality,
    Manner,
    Metric,
    PostFunction,
    PostType,
    Reason,
    RelatedBy,
    Track,
)


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The translated label of a choice; "" for no value; the raw value if unknown."""
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def post_type_label(post_type: str) -> str:
    return capitalized(choice_label(PostType, post_type))


def post_label(post_type: str, function: str = "", title: str = "") -> str:
    """ "Trưởng ban (dân vận)", or the title written on the post."""
    if title:
        return title
    label = post_type_label(post_type)
    if function:
        return _("%(post)s (%(function)s)") % {
            "post": label,
            "function": choice_label(PostFunction, function),
        }
    return label


def policy_label(code: str, name: str, builtin: bool) -> str:
    """A built-in policy's name in the user's language; a user's policy as they wrote it."""
    if builtin and code in POLICY_NAMES:
        return gettext(POLICY_NAMES[code])
    return name


def manner_label(value: str) -> str:
    return choice_label(Manner, value)


def end_reason_label(value: str) -> str:
    return choice_label(EndReason, value)


def reason_label(value: str) -> str:
    return choice_label(Reason, value)


def locality_label(value: str) -> str:
    return choice_label(Locality, value)


def metric_label(value: str) -> str:
    return choice_label(Metric, value)


def related_by_label(value: str) -> str:
    return choice_label(RelatedBy, value)


def track_label(value: str) -> str:
    return choice_label(Track, value)


def person_label(full_name: str, person_id: int | None) -> str:
    return f"“{full_name}” (#{person_id})"


POST_IN_UNIT = _("“%(post)s” of %(unit)s (post #%(id)s)")

# ---------------------------------------------------------------------------- the CLI

CLI = {
    "coverage_help": _(
        "How many places of SCOPE comply with the unification policy POLICY on a date: n of "
        "N, the rate, the places that comply and the others with the reason."
    ),
    "coverage_scope": _("The unit whose places are counted (REF: code or id)."),
    "coverage_non_local": _(
        "Also compare the lead post's holders with the place they lead (local or not)."
    ),
    "coverage_from": _(
        "Project: also give the coverage on this earlier date (today if left out) and what "
        "the records dated in between change."
    ),
    "coverage_group_help": _(
        "Coverage of a unification policy: `tinhgon coverage POLICY --scope REF` (or "
        "`tinhgon coverage show …`) counts it; `tinhgon coverage snapshot` keeps the reasons of "
        "every place of a date."
    ),
    "snapshot_help": _(
        "Count the reason of every place of POLICY in SCOPE on a date and keep them: the n of "
        "N of that policy, scope and date is then read from them, brought up to date from the "
        "audit log."
    ),
    "snapshot_policy": _("The unification policy (its code)."),
    "snapshot_line": _(
        "Coverage snapshot of %(policy)s — %(scope)s on %(date)s: %(n)s/%(total)s places comply."
    ),
    "posts_help": _("The posts of unit UNIT on a date and who holds them."),
    "person_help": _("The career of a person: every post held, with dates (REF: id)."),
    "policies_help": _("The unification policies, built in and defined by users."),
    "on_help": _("The date asked about (YYYY-MM-DD); today if left out."),
    "json_help": _("Print JSON instead of text."),
    "all_help": _("Also list the places that comply."),
    "coverage_line": _("%(policy)s — %(scope)s on %(date)s: %(n)s/%(total)s (%(rate)s)"),
    "not_in_force": _("The policy is not in force on this date."),
    "complying": _("Places that comply:"),
    "exceptions": _("Places that do not comply:"),
    "none": _("none"),
    "planned_mark": _("(planned)"),
    "persons_hidden": _("Your account sees counts and places, not persons."),
    "non_local_line": _(
        "Not a local person: %(n)s/%(total)s (%(rate)s); local: %(local)s; home commune not "
        "recorded: %(unknown)s; vacant: %(vacant)s"
    ),
    "projection_line": _("On %(date)s: %(n)s/%(total)s (%(rate)s)"),
    "gained": _("Will comply:"),
    "lost": _("Will no longer comply:"),
    "scheduled": _("Changes recorded between the two dates:"),
    "starts": _("starts holding"),
    "ends": _("stops holding"),
    "vacant": _("vacant"),
    "hidden_person": _("(a person)"),
    "no_posts": _("No post is recorded in this unit on this date."),
    "career_of": _("Career of %(person)s"),
    "hidden_entries": _("%(count)s more holding(s) in units outside your scope."),
    "no_career": _("No post held."),
    "born": _("born %(date)s"),
    "home": _("home commune: %(unit)s"),
    "policy_lead": _("lead: %(post)s of a “%(kind)s”"),
    "policy_related": _("related: %(post)s of a “%(kind)s” (%(how)s)"),
    "builtin": _("built in"),
    "user_defined": _("user-defined"),
    "valid": _("valid %(period)s"),
}
