"""The address conversion page: an old address to the units of 2025-07-01, and a new unit back
to the old ones. The work is `adminunits.address`; this parses the form and renders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from tinhgon.adminunits import address as conversion
from tinhgon.adminunits.address import Area, Conversion, Origins
from tinhgon.core.errors import DomainError, Problem

from .params import as_of, date_param, show
from .views import page

EXAMPLE = "12 Lê Lợi, P. Trần Phú, TP. Móng Cái, Quảng Ninh"


@dataclass
class Candidate:
    """A unit an address could mean, with the link that converts it alone."""

    area: Area
    link: str


@dataclass
class Form:
    """One of the two forms: what was typed, its date, and what it gave."""

    text: str
    date: dt.date | None
    date_text: str
    problems: list[Problem] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def date_shown(self) -> str:
        return show(self.date) if self.date else self.date_text


def _date(request: HttpRequest, name: str, default: dt.date, form: Form) -> dt.date | None:
    try:
        return date_param(request, name, default)
    except DomainError as error:
        form.problems += error.problems
        return None


def _link(request: HttpRequest, **params: str) -> str:
    query = {k: v for k, v in params.items() if v}
    on = request.GET.get("on", "").strip()
    if on:
        query["on"] = on
    return f"{reverse('web:address')}?{urlencode(query, safe='/')}"


@page
def address(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("address", "").strip()
    convert_form = Form(text, None, request.GET.get("date", "").strip())
    convert_form.date = _date(request, "date", conversion.LAST_LEGACY_DAY, convert_form)
    result: Conversion | None = None
    if text and convert_form.date is not None:
        try:
            result = conversion.convert_address(text, convert_form.date)
        except DomainError as error:
            convert_form.problems += error.problems
    if result is not None:
        day = show(result.on)
        convert_form.candidates = [
            Candidate(a, _link(request, address=a.label, date=day)) for a in result.candidates
        ]

    ref = request.GET.get("unit", "").strip()
    province = request.GET.get("province", "").strip()
    reverse_form = Form(ref, None, request.GET.get("new_date", "").strip())
    reverse_form.date = _date(request, "new_date", conversion.REFORM_DAY, reverse_form)
    origins: Origins | None = None
    if ref and reverse_form.date is not None:
        try:
            origins = conversion.origins(ref, province, reverse_form.date)
        except DomainError as error:
            reverse_form.problems += error.problems
    if origins is not None:
        day = show(origins.on)
        reverse_form.candidates = [
            Candidate(a, _link(request, unit=a.label, new_date=day)) for a in origins.candidates
        ]

    context = {
        "as_of": as_of(request),
        "convert": convert_form,
        "result": result,
        "reverse": reverse_form,
        "province": province,
        "origins": origins,
        "ok": conversion.OK,
        "example": EXAMPLE,
        "example_link": _link(request, address=EXAMPLE),
    }
    invalid = any(p.code == "invalid_date" for p in convert_form.problems + reverse_form.problems)
    return render(request, "web/address/page.html", context, status=400 if invalid else 200)
