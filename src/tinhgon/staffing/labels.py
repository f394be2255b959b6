"""Words the interfaces show about staffing: choice labels and the CLI's help and headings
(kept here so that they live in the staffing catalogue)."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tinhgon.people.labels import choice_label

from .kinds import Category, Form, Sector


def category_label(value: str) -> str:
    return choice_label(Category, value)


def form_label(value: str) -> str:
    return choice_label(Form, value)


def sector_label(value: str) -> str:
    return choice_label(Sector, value)


def builtin_text(text: str) -> str:
    """A built-in row's English name in the user's language."""
    return gettext(text)


STATUS = {
    "surplus": _("surplus"),
    "deficit": _("deficit"),
    "at_quota": _("at quota"),
    "no_quota": _("no quota"),
}

CLI = {
    "staffing_help": _(
        "Staffing of a unit and everything in its apparatus on a date: quota against "
        "headcount by category, surplus or deficit."
    ),
    "reductions_help": _(
        "Staff reductions of a unit's apparatus in a period: totals by sector, form, legal "
        "basis and year."
    ),
    "on_help": _("The date (YYYY-MM-DD; default: today)."),
    "from_help": _("First day of the period (YYYY-MM-DD)."),
    "to_help": _("Last day of the period (YYYY-MM-DD)."),
    "sector_help": _("Only these sectors (repeat the option): %(sectors)s."),
    "unit_only_help": _("The unit alone, without the units in its apparatus."),
    "list_help": _("List the persons too (where you may see them)."),
    "json_help": _("Print JSON (the API's shape) instead of text."),
    "staffing_line": _(
        "Staffing of %(unit)s on %(date)s: headcount %(headcount)s, quota %(quota)s"
    ),
    "reductions_line": _(
        "Staff reductions of %(unit)s from %(start)s to %(end)s: %(total)s persons"
    ),
    "category": _("Category"),
    "unit": _("Unit"),
    "quota": _("Quota"),
    "headcount": _("Headcount"),
    "difference": _("Difference"),
    "status": _("Status"),
    "total": _("Total"),
    "by_sector": _("By sector:"),
    "by_form": _("By form:"),
    "by_basis": _("By legal basis:"),
    "by_year": _("By year:"),
    "units": _("By unit:"),
    "persons": _("Persons:"),
    "persons_hidden": _("(Persons are not shown to your account: counts only.)"),
    "none": _("none"),
    "sectors_shown": _("Sectors: %(sectors)s"),
}
