"""Reading an address without the registry: the parts, the type words and abbreviations, the
keys names are compared by."""

from __future__ import annotations

import pytest

from tinhgon.adminunits.address import (
    HUYEN,
    PHUONG,
    QUAN,
    THANH_PHO,
    THI_TRAN,
    THI_XA,
    TINH,
    XA,
    Reading,
    accented_key,
    alias_readings,
    key,
    name_reading,
    parse_address,
    readings,
)


def parts(text: str) -> list[str]:
    return [p.text for p in parse_address(text).parts]


# ---------------------------------------------------------------------------- parts


@pytest.mark.parametrize(
    "text",
    [
        "Phường Trần Phú, Thành phố Móng Cái, Tỉnh Quảng Ninh",
        "Phường Trần Phú , Thành phố Móng Cái ,Tỉnh Quảng Ninh ",
        "Phường Trần Phú - Thành phố Móng Cái - Tỉnh Quảng Ninh",
        "Phường Trần Phú; Thành phố Móng Cái; Tỉnh Quảng Ninh",
        "Phường Trần Phú,, Thành phố Móng Cái, Tỉnh Quảng Ninh, Việt Nam",
        "Phường Trần Phú – Thành phố Móng Cái – Tỉnh Quảng Ninh – VN",
    ],
)
def test_commas_semicolons_and_dashes_separate_the_parts(text):
    assert parts(text) == ["Phường Trần Phú", "Thành phố Móng Cái", "Tỉnh Quảng Ninh"]


def test_a_dash_is_remembered_so_a_name_holding_one_can_be_put_back_together():
    parsed = parse_address("Phường 1, TP. Vũng Tàu, Tỉnh Bà Rịa - Vũng Tàu")
    assert parts(parsed.text) == ["Phường 1", "TP. Vũng Tàu", "Tỉnh Bà Rịa", "Vũng Tàu"]
    assert [p.after_dash for p in parsed.parts] == [False, False, False, True]
    assert parsed.span(2, 3) == "Tỉnh Bà Rịa - Vũng Tàu"


def test_the_street_stays_in_the_text_as_written():
    parsed = parse_address("12-14 Lê Lợi, P. Trần Phú, TP. Móng Cái, Quảng Ninh")
    assert parts(parsed.text)[:3] == ["12", "14 Lê Lợi", "P. Trần Phú"]
    assert parsed.text[: parsed.parts[2].start].rstrip(", ") == "12-14 Lê Lợi"


@pytest.mark.parametrize(("text", "code"), [("06712", "06712"), (" code:06712 ", "06712")])
def test_an_administrative_code_alone_is_a_code(text, code):
    parsed = parse_address(text)
    assert parsed.code == code and parsed.parts == []


def test_a_number_inside_an_address_is_not_a_code():
    assert parse_address("Phường 1, Quận 3").code == ""


def test_nothing_gives_no_parts():
    assert parse_address("  , ;  ").parts == []
    assert parse_address("").parts == []


# ---------------------------------------------------------------------------- readings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phường Trần Phú", (PHUONG, "tranphu")),
        ("phường trần phú", (PHUONG, "tranphu")),
        ("P. Trần Phú", (PHUONG, "tranphu")),
        ("P.Trần Phú", (PHUONG, "tranphu")),
        ("p tran phu", (PHUONG, "tranphu")),
        ("X. Hải Tiến", (XA, "haitien")),
        ("Xã Hải Tiến", (XA, "haitien")),
        ("TT. Ba Tơ", (THI_TRAN, "bato")),
        ("tt ba to", (THI_TRAN, "bato")),
        ("Thị trấn Ba Tơ", (THI_TRAN, "bato")),
        ("Q.3", (QUAN, "3")),
        ("Q3", (QUAN, "3")),
        ("q 3", (QUAN, "3")),
        ("Quận 3", (QUAN, "3")),
        ("H. Tiên Yên", (HUYEN, "tienyen")),
        ("TX. Kỳ Anh", (THI_XA, "kyanh")),
        ("tx ky anh", (THI_XA, "kyanh")),
        ("TP. Móng Cái", (THANH_PHO, "mongcai")),
        ("Tp Móng Cái", (THANH_PHO, "mongcai")),
        ("T.P. Móng Cái", (THANH_PHO, "mongcai")),
        ("TP.HCM", (THANH_PHO, "hcm")),
        ("T. Quảng Ninh", (TINH, "quangninh")),
        ("Tỉnh Quảng Ninh", (TINH, "quangninh")),
        ("P.01", (PHUONG, "1")),
        ("Phường 01", (PHUONG, "1")),
    ],
)
def test_type_words_and_abbreviations_are_read_as_the_type(text, expected):
    first = readings(text)[0]
    assert (first.type, first.base) == expected


def test_a_type_word_without_diacritics_may_also_be_part_of_the_name():
    assert [(r.type, r.base) for r in readings("phuong phuong lien")] == [
        (PHUONG, "phuonglien"),
        (None, "phuongphuonglien"),
    ]
    assert [(r.type, r.base) for r in readings("xa luong")] == [(XA, "luong"), (None, "xaluong")]


def test_a_name_that_only_looks_like_a_type_word_when_folded_is_a_name():
    # "Phương" is not "Phường", "Xá" is not "Xã": with diacritics, they are names.
    assert [(r.type, r.base) for r in readings("Phương Liên")] == [(None, "phuonglien")]
    assert [(r.type, r.base) for r in readings("Xá Lượng")] == [(None, "xaluong")]


def test_a_part_without_type_is_read_as_a_name():
    assert readings("Trần Phú") == [Reading(None, "tranphu", "trầnphú", marked=True)]
    assert readings("tran phu") == [Reading(None, "tranphu", "tranphu", marked=False)]
    # Diacritics in the type word say the writer uses them: "Sa Pa" is not "Sa Pả".
    assert readings("Phường Sa Pa") == [Reading(PHUONG, "sapa", "sapa", marked=True)]
    assert not readings("P. Sa Pa")[0].marked


def test_a_type_word_alone_is_a_name():
    assert [(r.type, r.base) for r in readings("Phường")] == [(None, "phuong")]


# ---------------------------------------------------------------------------- keys


def test_numbers_keep_their_value_and_only_it():
    assert key("Phường 1") == "phuong1"
    assert key("Phường 1") != key("Phường 10")
    assert readings("Phường 01")[0].base == readings("phuong 1")[0].base == "1"
    assert readings("Phường 10")[0].base == "10"


def test_keys_ignore_case_diacritics_spaces_and_punctuation():
    assert key("Đắk R'Lấp") == key("dak rlap") == "dakrlap"
    assert key("Bà Rịa - Vũng Tàu") == key("ba ria vung tau")


def test_accented_keys_tell_apart_what_keys_do_not():
    assert key("Ba Tơ") == key("Ba Tô")
    assert accented_key("Ba Tơ") != accented_key("Ba Tô")
    # Old-style tone marks are the same letters.
    assert accented_key("Hoà Lạc") == accented_key("Hòa Lạc")
    assert accented_key("Thuỷ") == accented_key("Thủy")
    assert accented_key("Khoáng") != accented_key("Khóang")


def test_a_units_name_reads_with_its_type_or_the_type_of_its_subtype():
    assert name_reading("Phường Trần Phú") == Reading(PHUONG, "tranphu", "trầnphú")
    assert name_reading("Thành phố Phan Rang - Tháp Chàm").base == "phanrangthapcham"
    assert name_reading("Móng Cái", "provincial_city").type == THANH_PHO
    assert name_reading("Khu 1").type is None


def test_former_names_kept_as_keys_read_with_their_type_and_whole():
    assert alias_readings("phuonghoalac", "commune") == [(PHUONG, "hoalac"), (None, "phuonghoalac")]
    assert alias_readings("tttroi", "commune") == [(THI_TRAN, "troi"), (None, "tttroi")]
    assert alias_readings("hoalac", "commune") == [(None, "hoalac")]
    # A prefix that is no commune type is part of the name ("Tình Húc", "Quang Lợi").
    assert alias_readings("tinhhuc", "commune") == [(None, "tinhhuc")]
    assert alias_readings("quangloi", "commune") == [(None, "quangloi")]
