"""Numbers, rates and dates written as Vietnamese offices write them in reports.

- counts under 10 take a leading zero ("07 cơ quan, đơn vị", "02 thôn"); larger ones are
  written with a dot between thousands ("1.234");
- n of N as "17/17";
- rates with a decimal comma ("5,1%");
- dates in words ("ngày 16 tháng 6 năm 2025"), or in a header line with a leading zero on
  days under 10 and on January and February ("ngày 05 tháng 02 năm 2018", Decree 30/2020).
"""

from __future__ import annotations

import datetime as dt


def count(n: int | float | None, *, zero_pad: bool = True) -> str:
    """ "07", "17", "1.234"; None → "" (the caller says "no data", never 0)."""
    if n is None:
        return ""
    whole = int(n)
    sign = "-" if whole < 0 else ""
    whole = abs(whole)
    if zero_pad and whole < 10:
        return f"{sign}{whole:02d}"
    return sign + f"{whole:,}".replace(",", ".")


def counted(n: int | None, noun: str, *, zero_pad: bool = True) -> str:
    """ "07 cơ quan, đơn vị"."""
    return f"{count(n, zero_pad=zero_pad)} {noun}"


def of(n: int | None, total: int | None) -> str:
    """ "17/17"."""
    return f"{count(n, zero_pad=False)}/{count(total, zero_pad=False)}"


def rate(value: float | None, digits: int = 1) -> str:
    """ "5,1%" from 0.051; "100%" from 1.0; "" for None."""
    if value is None:
        return ""
    text = f"{value * 100:.{digits}f}".replace(".", ",")
    if "," in text:
        text = text.rstrip("0").removesuffix(",")
    return text + "%"


def date_words(day: dt.date, *, header: bool = False) -> str:
    """ "ngày 16 tháng 6 năm 2025"; in a header line (`header`) days under 10 and months 1–2
    take a leading zero: "ngày 05 tháng 02 năm 2018"."""
    if header:
        d = f"{day.day:02d}"
        m = f"{day.month:02d}" if day.month < 3 else str(day.month)
    else:
        d, m = str(day.day), str(day.month)
    return f"ngày {d} tháng {m} năm {day.year}"


def short_date(day: dt.date) -> str:
    """ "30/6/2020"."""
    return f"{day.day}/{day.month}/{day.year}"
