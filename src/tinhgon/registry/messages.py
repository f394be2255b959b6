"""Every refusal the registry can give, as constants the code and the tests share.

Each key is the Problem.code; the text is English source, shown in Vietnamese.
"""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "required": _("This field is required."),
    "invalid_choice": _("“%(value)s” is not one of: %(choices)s."),
    "invalid_value": _("“%(value)s” is not valid here: %(reason)s."),
    "unknown_field": _("Unknown field “%(value)s”."),
    "not_a_mapping": _("Expected a mapping of fields, got “%(value)s”."),
    "not_a_list": _("Expected a list."),
    "unit_not_found": _("No unit has the code or id “%(ref)s” on %(date)s."),
    "ambiguous_code": _("The code “%(ref)s” belongs to several units on %(date)s: %(units)s."),
    "interval_reversed": _("The end date %(end)s is not after the start date %(start)s."),
    "unit_not_valid_before": _(
        "%(unit)s does not exist on %(date)s, the day before the event takes effect."
    ),
    "unit_not_valid_on": _("%(unit)s does not exist on %(date)s."),
    "unit_has_later_changes": _(
        "%(unit)s already has changes recorded from %(date)s; record events in date order."
    ),
    "input_count": _("A “%(kind)s” event takes %(expected)s unit(s) going in, not %(count)s."),
    "output_count": _("A “%(kind)s” event takes %(expected)s unit(s) coming out, not %(count)s."),
    "output_must_be_new": _("A “%(kind)s” event creates its unit(s): use “new”, not “unit”."),
    "output_must_exist": _("A “%(kind)s” event names an existing unit here, not a new one."),
    "output_new_or_unit": _("Give either “unit” (an existing unit) or “new” (a new one)."),
    "must_end": _("In a “%(kind)s” event the units going in end."),
    "must_continue": _("In a “%(kind)s” event the units going in continue."),
    "same_unit_required": _("A “%(kind)s” event changes one unit: the same unit goes in and out."),
    "changes_required": _("A “%(kind)s” event must change: %(fields)s."),
    "changes_not_allowed": _("A “%(kind)s” event does not change the units coming out."),
    "duplicate_unit": _("%(unit)s appears twice in the same list."),
    "document_required": _("An event needs at least one legal document as its basis."),
    "document_conflict": _(
        "Document %(number)s of %(issuer)s is already recorded with other details (%(fields)s)."
    ),
    "document_field_not_editable": _(
        "%(field_name)s cannot be changed here: a document's number, issuer and signing date "
        "identify it."
    ),
    "document_effective_before_signed": _(
        "The document takes effect on %(effective)s, before it was signed on %(signed)s."
    ),
    "versions_overlap": _("%(unit)s would have two versions on %(date)s."),
    "parent_not_valid": _(
        "%(unit)s would belong to %(parent)s from %(start)s, but %(parent)s does not exist "
        "on %(date)s."
    ),
    "children_left": _(
        "%(parent)s ends on %(date)s but %(child)s still belongs to it after that; transfer or "
        "end %(child)s first."
    ),
    "cycle": _("%(unit)s cannot be placed under %(parent)s: %(parent)s is already under it."),
    "code_taken": _("The code %(scheme)s:%(value)s already belongs to %(other)s on %(date)s."),
    "children_follow_one_output": _(
        "Units can follow the units that end only when exactly one unit comes out."
    ),
    "self_parent": _("A unit cannot be its own parent."),
}
