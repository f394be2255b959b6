"""Template helpers: dates as dd/mm/yyyy, labels of the registry's vocabulary, and links that
carry the date the page is about."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import template
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from tinhgon.core.dates import parse_user_date, today
from tinhgon.core.errors import DomainError
from tinhgon.people.kinds import Education, Ethnicity, Gender
from tinhgon.registry.kinds import (
    KIND_GROUP,
    CodeScheme,
    DocumentKind,
    EventKind,
    KindGroup,
    Role,
    Share,
    SourceStatus,
    UnitKind,
)
from tinhgon.staffing.kinds import Category
from tinhgon.staffing.kinds import Form as ReductionForm

from ..params import show

register = template.Library()

# Subtypes are free text in the registry; these are the ones the loaders use.
SUBTYPES = {
    "ward": _("ward"),
    "rural_commune": _("rural commune"),
    "commune": _("rural commune"),
    "township": _("township"),
    "special_zone": _("special zone"),
    "city": _("city"),
    "provincial_city": _("city under the province"),
    "town": _("town"),
    "urban_district": _("urban district"),
    "rural_district": _("rural district"),
    "municipality": _("centrally governed city"),
}

LABELS: dict[str, Any] = {
    "unit_kind": UnitKind,
    "event_kind": EventKind,
    "group": KindGroup,
    "share": Share,
    "role": Role,
    "scheme": CodeScheme,
    "document_kind": DocumentKind,
    "status": SourceStatus,
    "gender": Gender,
    "ethnicity": Ethnicity,
    "education": Education,
    "reduction_form": ReductionForm,
    "category": Category,
}


@register.filter
def dmy(value: dt.date | None, empty: str = "") -> str:
    """A date as dd/mm/yyyy; `empty` (or nothing) when there is none."""
    return show(value) if value else empty


@register.filter
def label(value: str, vocabulary: str) -> str:
    """The label of a value from one of the registry's choice lists:
    {{ kind|label:"unit_kind" }}."""
    choices = LABELS[vocabulary]
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@register.filter
def web_address(value: str) -> str:
    """The address if it is an http(s) one, else "" (a stored address is never run as script)."""
    return value if value.lower().startswith(("http://", "https://")) else ""


@register.filter
def subtype_label(value: str) -> str:
    return str(SUBTYPES.get(value, value))


@register.filter
def kind_group(kind: str) -> str:
    return KIND_GROUP.get(kind, "")


@register.filter
def percent(rate: float | None) -> str:
    """A rate (0–1) as offices write it: 94,1%."""
    if rate is None:
        return "—"
    return f"{rate * 100:.1f}".replace(".", ",").removesuffix(",0") + "%"


@register.filter
def signed(value: int) -> str:
    """A change with its sign: +2, −7, 0."""
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"\u2212{-value}"
    return "0"


@register.filter
def interval(item: Any) -> SafeString:
    """ "dd/mm/yyyy – dd/mm/yyyy" for a dated fact, the last day included; "nay" when open."""
    start = show(item.valid_from)
    end = show(item.valid_until) if item.valid_to else str(_("now"))
    return format_html('<span class="interval">{} – {}</span>', start, end)


def _on_param(context: template.Context, on: Any) -> str:
    if on is None:
        as_of = context.get("as_of")
        return as_of.param if as_of is not None else ""
    if isinstance(on, dt.date):
        return show(on)
    return str(on)


@register.simple_tag(takes_context=True)
def url_on(context: template.Context, name: str, *args: Any, **params: Any) -> str:
    """reverse(name, args) with ?on= carrying the page's date (or `on=` given), and any other
    non-empty parameters."""
    url = reverse(name, args=args)
    on = _on_param(context, params.pop("on", None))
    query = {"on": on} if on else {}
    query.update({k: v for k, v in params.items() if v not in (None, "")})
    return f"{url}?{urlencode(query, safe='/')}" if query else url


@register.simple_tag(takes_context=True)
def as_of_value(context: template.Context) -> str:
    """What the date field shows: the date asked for as dd/mm/yyyy (as typed if it is not a
    date, so it can be corrected), or today."""
    request = context.get("request")
    raw = request.GET.get("on", "").strip() if request is not None else ""
    if not raw:
        return show(today())
    try:
        return show(parse_user_date(raw, "on"))
    except DomainError:
        return raw


def _query(context: template.Context) -> QueryDict:
    """A copy of the query string, with the date written as dd/mm/yyyy."""
    request = context.get("request")
    query: QueryDict = request.GET.copy() if request is not None else QueryDict(mutable=True)
    as_of = context.get("as_of")
    if "on" in query and as_of is not None and as_of.param:
        query["on"] = as_of.param
    query.pop("page", None)
    return query


@register.simple_tag(takes_context=True)
def keep_params(context: template.Context, *exclude: str) -> SafeString:
    """Hidden inputs repeating the query string but `exclude`, so a small form (the date, a
    tab) changes one thing and keeps the rest."""
    query = _query(context)
    items = [(key, value) for key in query if key not in exclude for value in query.getlist(key)]
    return format_html_join("", '<input type="hidden" name="{}" value="{}">', items)


@register.simple_tag(takes_context=True)
def with_params(context: template.Context, **params: Any) -> str:
    """The current path and query string with some parameters changed ("" removes one)."""
    query = _query(context)
    for key, value in params.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = str(value)
    encoded = query.urlencode(safe="/")
    path = context["request"].path
    return f"{path}?{encoded}" if encoded else path


@register.filter
def leaves_only(node: Any) -> bool:
    """Whether every child of a tree node is a leaf (the org chart stacks those)."""
    return all(not child.children for child in node.children)


@register.filter
def get_param(query: QueryDict, name: str) -> str:
    """A value of the query string, e.g. to give back what was typed in a field."""
    return str(query.get(name, ""))
