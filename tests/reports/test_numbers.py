"""Numbers, rates and dates as offices write them."""

import datetime as dt

from tinhgon.reports import numbers as n


def test_counts_under_ten_take_a_leading_zero():
    assert n.counted(7, "cơ quan, đơn vị") == "07 cơ quan, đơn vị"
    assert n.counted(2, "thôn") == "02 thôn"
    assert n.count(29) == "29"
    assert n.count(0) == "00"
    assert n.count(7, zero_pad=False) == "7"


def test_thousands_take_a_dot():
    assert n.count(1234) == "1.234"
    assert n.count(908) == "908"


def test_n_of_total():
    assert n.of(17, 17) == "17/17"
    assert n.of(3, 17) == "3/17"


def test_rates_with_a_decimal_comma():
    assert n.rate(0.051) == "5,1%"
    assert n.rate(0.0512) == "5,1%"
    assert n.rate(1.0) == "100%"
    assert n.rate(0.5) == "50%"
    assert n.rate(None) == ""


def test_dates_in_words():
    assert n.date_words(dt.date(2025, 6, 16)) == "ngày 16 tháng 6 năm 2025"
    assert n.date_words(dt.date(2018, 2, 5), header=True) == "ngày 05 tháng 02 năm 2018"
    assert n.date_words(dt.date(2018, 12, 5), header=True) == "ngày 05 tháng 12 năm 2018"
    assert n.short_date(dt.date(2020, 6, 30)) == "30/6/2020"
