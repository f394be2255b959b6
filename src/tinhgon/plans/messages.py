"""Every refusal and check the plans app can give, keyed by Problem.code. English source,
shown in Vietnamese; dates arrive already written dd/mm/yyyy."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "required": _("This field is required."),
    "plan_not_found": _("No plan has the reference “%(ref)s”."),
    "unit_not_found": _("No unit has the reference “%(ref)s”."),
    "scope_missing": _(
        "%(unit)s does not exist on %(date)s, so the plan's impact cannot be read over it "
        "(rule: the scope exists on the base date and on the effective date)."
    ),
    "base_before_data": _(
        "The base date %(date)s is before the records start (%(start)s): there is nothing to "
        "compare the plan with then."
    ),
    "effective_not_after_base": _(
        "The effective date %(effective)s is not after the base date %(base)s."
    ),
    "event_date_outside": _(
        "The event takes effect on %(date)s, outside the plan (after its base date %(base)s, "
        "up to its effective date %(effective)s)."
    ),
    "plan_decided": _(
        "The plan “%(plan)s” is already %(status)s: a decided plan is kept as it was."
    ),
    "plan_empty": _("The plan “%(plan)s” proposes no event."),
    "document_required": _(
        "Approving a plan needs the deciding document (number, issuer, date signed)."
    ),
    "event_position": _("The plan has no proposed event at position %(position)s."),
    "event_refused": _("Event %(position)s (%(title)s): %(message)s"),
    "database_refused": _(
        "Event %(position)s (%(title)s) conflicts with another record; the database refuses "
        "it: %(reason)s"
    ),
    "unit_ended_twice": _(
        "%(unit)s ends in event %(first)s and again in event %(second)s (a unit ends once; "
        "a unit divided among several events goes into each as part)."
    ),
    "code_reused": _(
        "The code %(code)s is given to the new unit of event %(second)s, but event %(first)s "
        "already gives it to another new unit."
    ),
    "staff_left": _(
        "%(count)s employment(s) in %(unit)s, which ends on %(date)s, go on with no successor unit."
    ),
    "members_left": _(
        "%(count)s party member(s) attached to %(unit)s, which ends on %(date)s, are left "
        "with no organization."
    ),
    "holders_left": _(
        "%(count)s post holding(s) in %(unit)s, which ends on %(date)s, go on in a unit that "
        "no longer exists."
    ),
    "invalid_spec": _("Event %(position)s is not a valid event description."),
}
