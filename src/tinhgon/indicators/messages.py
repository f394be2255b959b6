"""Every refusal of the indicator catalogue, as constants the code and the tests share."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "unknown_indicator": _("No indicator has the key “%(key)s”; the indicators are: %(keys)s."),
    "unknown_param": _("This indicator has no parameter “%(param)s” (its parameters: %(params)s)."),
    "param_required": _("This indicator needs the parameter “%(param)s”."),
    "needs_period": _(
        "The indicator “%(key)s” is counted over a period: give the first and the last day."
    ),
    "needs_date": _("The indicator “%(key)s” is counted at a date: give the date."),
    "period_reversed": _("The period ends (%(end)s) before it begins (%(start)s)."),
    "scope_not_in_period": _(
        "%(unit)s did not exist from %(start)s to %(end)s: there is nothing to count."
    ),
}

# Writing schemes and targets: each message names the row (its code) and the field.
MESSAGES |= {
    "scheme_code_taken": _("Scheme %(code)s: the code is already used by another scheme."),
    "scheme_kind": _("Scheme %(code)s: the kind “%(value)s” is not one of: %(choices)s."),
    "scheme_status": _(
        "Scheme %(code)s: the source status “%(value)s” is not one of: %(choices)s."
    ),
    "scheme_period": _("Scheme %(code)s: it ends (%(end)s) before or when it begins (%(start)s)."),
    "scheme_required": _("Scheme %(code)s: the field “%(field)s” is required."),
    "target_code_taken": _("Target %(code)s: the code is already used by another target."),
    "target_required": _("Target %(code)s: the field “%(field)s” is required."),
    "target_indicator": _(
        "Target %(code)s: no indicator has the key “%(key)s”; the indicators are: %(keys)s."
    ),
    "target_param": _(
        "Target %(code)s: the indicator “%(key)s” has no parameter “%(param)s” (its "
        "parameters: %(params)s)."
    ),
    "target_comparison": _(
        "Target %(code)s: the comparison “%(value)s” is not one of: %(choices)s."
    ),
    "target_measure": _("Target %(code)s: the measure “%(value)s” is not one of: %(choices)s."),
    "target_status": _(
        "Target %(code)s: the source status “%(value)s” is not one of: %(choices)s."
    ),
    "target_reduce_period": _(
        "Target %(code)s: the comparison “reduce by at least” is not allowed for the indicator "
        "“%(key)s”, which is counted over a period: it compares a figure at two dates."
    ),
    "target_reduce_rate": _(
        "Target %(code)s: a reduction is a share between 0 and 1 (0.10 for 10%%), not %(value)s."
    ),
    "target_due_before_base": _(
        "Target %(code)s: the due date (%(due)s) is not after the base date (%(base)s)."
    ),
    "target_period_reversed": _(
        "Target %(code)s: the period ends (%(end)s) before it begins (%(start)s)."
    ),
    "target_value": _("Target %(code)s: the target value “%(value)s” is not a number."),
}
