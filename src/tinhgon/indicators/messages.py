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
