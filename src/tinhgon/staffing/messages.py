"""Every refusal the staffing app can give, as constants the code and the tests share.

Each key is the Problem.code; the text is English source, shown in Vietnamese. A message names
the record and the rule it would break, never personal fields.
"""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "required": _("This field is required."),
    "invalid_choice": _("“%(value)s” is not one of: %(choices)s."),
    "interval_reversed": _("The end date %(end)s is not after the start date %(start)s."),
    "person_not_found": _("No person has the reference “%(ref)s”."),
    "unit_not_found": _("No unit has the reference “%(ref)s”."),
    "employment_not_found": _("No employment has the reference “%(ref)s”."),
    "case_not_found": _("No case of staff reduction has the code “%(ref)s”."),
    "target_not_found": _("No staffing target has the code “%(ref)s”."),
    "event_not_found": _("No event has the reference “%(ref)s”."),
    "unit_not_alive": _(
        "%(unit)s does not exist on %(date)s, so %(person)s cannot be employed there from "
        "%(start)s to %(end)s (rule: employment lies within the life of its unit)."
    ),
    "employment_overlap": _(
        "%(person)s is already employed in %(unit)s from %(other_start)s to %(other_end)s "
        "(employment #%(other)s), so cannot be employed there again from %(start)s to %(end)s "
        "(rule: no overlapping employment of a person in the same unit)."
    ),
    "employment_ended": _(
        "Employment #%(employment)s already ended on %(date)s; give an end date up to that day."
    ),
    "quota_unit_missing": _(
        "%(unit)s did not exist from %(start)s to %(end)s, so it cannot have a staffing quota "
        "for that period (rule: a quota is set for a unit that exists in its period)."
    ),
    "quota_overlap": _(
        "%(unit)s already has a quota of %(number)s for “%(category)s” from %(other_start)s to "
        "%(other_end)s (quota #%(other)s) (rule: one quota of a category for a unit at a time)."
    ),
    "quota_period": _("Give either a year or a start date."),
    "basis_not_in_force": _(
        "The reduction of %(person)s on %(date)s cites %(case)s of %(basis)s, which is in force "
        "from %(start)s to %(end)s (rule: a reduction cites a legal basis in force on its date)."
    ),
    "reduced_twice": _(
        "%(person)s was already reduced on %(other_date)s (reduction #%(other)s), so cannot be "
        "reduced again on %(date)s (rule: a person is reduced only once)."
    ),
    "reduced_twice_in_batch": _(
        "%(person)s appears twice in the same list of reductions (rule: a person is reduced "
        "only once)."
    ),
    "not_employed": _(
        "%(person)s is not employed on %(date)s, the day before the reduction, so there is no "
        "employment to end (rule: a reduction takes a person off a unit's payroll)."
    ),
    "employed_in_several": _(
        "%(person)s is employed in several units on %(date)s: name the unit of the reduction."
    ),
    "not_a_merger": _(
        "Event #%(event)s is a “%(kind)s”; staff are carried only by a merger or a "
        "consolidation with one unit coming out."
    ),
    "event_or_spec": _("Give either a recorded event or an event to record, not both."),
}
