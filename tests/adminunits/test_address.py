"""Converting addresses on the small registry of test_address_world: matching each level,
numbered wards, former names, diacritics, what is not found or ambiguous, the units it became,
the reverse, the CSV rows."""

from __future__ import annotations

import pytest
from django.utils import translation

from tinhgon.adminunits.address import (
    AMBIGUOUS,
    BY_CODE,
    BY_FORMER_NAME,
    BY_NAME,
    NOT_FOUND,
    OK,
    AddressConverter,
    Conversion,
    conversion_data,
    convert_address,
    convert_rows,
    csv_values,
    origins,
    origins_data,
)
from tinhgon.adminunits.address_queries import ForwardLineage
from tinhgon.core.errors import DomainError
from tinhgon.registry import queries
from tinhgon.registry.models import UnitVersion

from .test_address_world import AFTER, BEFORE, D, World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def old_code(result: Conversion) -> str:
    assert result.status == OK, result.message
    assert result.old is not None
    return result.old.code


def new_names(result: Conversion) -> list[tuple[str, str, bool | None]]:
    return [(n.area.name, n.share, n.holds_former_centre) for n in result.new]


def candidate_codes(result: Conversion) -> list[str]:
    return [a.code for a in result.candidates]


# ---------------------------------------------------------------------------- the usual address


@pytest.mark.parametrize(
    "text",
    [
        "Phường Trần Phú, Thành phố Móng Cái, Tỉnh Quảng Ninh",
        "phuong tran phu, tp mong cai, quang ninh",
        "PHƯỜNG TRẦN PHÚ, THÀNH PHỐ MÓNG CÁI, TỈNH QUẢNG NINH",
        "P. Trần Phú, TP. Móng Cái, T. Quảng Ninh",
        "P.Tran Phu - TP.Mong Cai - Quang Ninh",
        "Trần Phú; Móng Cái; Quảng Ninh",
        "Tran Phu, Mong Cai, Quang Ninh, Viet Nam",
        "Phường Trần Phú, Móng Cái",  # the province left out
        "Phường Trần Phú, Quảng Ninh",  # the district left out
        "06712",
    ],
)
def test_the_old_address_is_found_however_it_is_written(world, text):
    result = convert_address(text)
    assert old_code(result) == "06712"
    assert result.old.name == "Phường Trần Phú"  # type: ignore[union-attr]
    assert new_names(result) == [("Phường Móng Cái 1", "whole", None)]
    assert result.new[0].area.code == "06712"
    assert result.new[0].province is not None
    assert result.new[0].province.name == "Tỉnh Quảng Ninh"
    assert result.new[0].province.unit_id == world.new("22").pk
    assert result.new_address == "Phường Móng Cái 1, Tỉnh Quảng Ninh"


def test_the_street_before_the_commune_is_kept_in_the_new_address(world):
    result = convert_address("Số 12 Lê Lợi, Khu 5, P. Trần Phú, TP. Móng Cái, Quảng Ninh")
    assert old_code(result) == "06712"
    assert result.outcome.street == "Số 12 Lê Lợi, Khu 5"
    assert result.new_address == "Số 12 Lê Lợi, Khu 5, Phường Móng Cái 1, Tỉnh Quảng Ninh"
    assert result.outcome.parts == {
        "province": "Quảng Ninh",
        "district": "TP. Móng Cái",
        "commune": "P. Trần Phú",
    }


def test_the_message_says_what_it_became_in_vietnamese(world):
    result = convert_address("Xã Hải Tiến, Móng Cái, Quảng Ninh")
    assert result.message == (
        "Xã Hải Tiến, Thành phố Móng Cái, Tỉnh Quảng Ninh nay là Xã Hải Ninh, Tỉnh Quảng Ninh "
        "từ ngày 01/07/2025."
    )


# ---------------------------------------------------------------------------- numbered wards


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Phường 1, Quận 3, Thành phố Hồ Chí Minh", "27139"),
        ("P.1, Q.3, TP.HCM", "27139"),
        ("P1, Q3, TPHCM", "27139"),
        ("Phường 01, Quận 3, Hồ Chí Minh", "27139"),
        ("Phường 10, Quận 3, Thành phố Hồ Chí Minh", "27142"),
        ("phuong 10, quan 3, tp ho chi minh", "27142"),
        ("Phường 1, Quận 10, Thành phố Hồ Chí Minh", "27190"),
        ("Phường 1, Quận 3", "27139"),
        ("Phường 1, Thành phố Vũng Tàu, Tỉnh Bà Rịa - Vũng Tàu", "26506"),
        ("Phường 1 - Vũng Tàu - Bà Rịa - Vũng Tàu", "26506"),
        ("P.1, TP Vung Tau, BRVT", "26506"),
    ],
)
def test_numbered_wards_match_exactly(world, text, code):
    assert old_code(convert_address(text)) == code


def test_a_number_that_is_not_there_matches_no_other_number(world):
    result = convert_address("Phường 11, Quận 3, Thành phố Hồ Chí Minh")
    assert result.status == NOT_FOUND
    assert result.old is None and result.new == []
    assert "Phường 11" in result.message and "Quận 3" in result.message


def test_the_new_province_is_the_consolidated_one(world):
    result = convert_address("Phường 1, Thành phố Vũng Tàu, Tỉnh Bà Rịa - Vũng Tàu")
    assert new_names(result) == [("Phường Vũng Tàu", "whole", None)]
    province = result.new[0].province
    assert province is not None and province.name == "Thành phố Hồ Chí Minh"
    assert province.unit_id == world.new("79").pk != world.old("79").pk
    assert result.new_address == "Phường Vũng Tàu, Thành phố Hồ Chí Minh"


# ---------------------------------------------------------------------------- former names


@pytest.mark.parametrize(
    ("text", "former"),
    [
        ("Hòa Lạc, Móng Cái, Quảng Ninh", "hoalac"),
        ("hoa lac, mong cai, quang ninh", "hoalac"),
        ("Phường Hòa Lạc, TP. Móng Cái, Quảng Ninh", "phuonghoalac"),
    ],
)
def test_a_former_name_finds_the_unit_that_keeps_it(world, text, former):
    result = convert_address(text)
    assert old_code(result) == "06712"
    assert result.outcome.matched_by == BY_FORMER_NAME
    assert result.outcome.former_name in ("hoalac", "phuonghoalac")
    assert new_names(result) == [("Phường Móng Cái 1", "whole", None)]


def test_a_former_name_of_another_type_does_not_match(world):
    result = convert_address("Xã Hòa Lạc, Móng Cái, Quảng Ninh")
    assert result.status == NOT_FOUND
    # …but the unit is offered, for a person to choose.
    assert candidate_codes(result) == ["06712"]
    assert "Phường Trần Phú" in result.message


def test_at_an_earlier_date_the_unit_itself_is_found_before_a_former_name(world):
    result = convert_address("Phường Hòa Lạc, Móng Cái, Quảng Ninh", on=D(2024, 6, 1))
    assert old_code(result) == "06718"
    assert result.outcome.matched_by == BY_NAME
    # Merged into Trần Phú on 01/11/2024, which became Móng Cái 1 on 01/07/2025.
    assert new_names(result) == [("Phường Móng Cái 1", "whole", None)]
    assert [s.event.kind for s in result.new[0].path] == ["merge", "consolidate"]


def test_the_current_name_wins_over_a_former_name(world):
    # "Hải Hòa" is the name of a ward of Móng Cái; nothing else matters.
    result = convert_address("Hải Hòa, Móng Cái, Quảng Ninh")
    assert old_code(result) == "06742"
    assert result.outcome.matched_by == BY_NAME


# ---------------------------------------------------------------------------- not guessing


def test_names_that_differ_only_in_diacritics_are_told_apart_by_them(world):
    assert old_code(convert_address("Ba Tơ, Ba Tơ, Quảng Ngãi")) == "21349"
    assert old_code(convert_address("Ba Tô, Ba Tơ, Quảng Ngãi")) == "21403"
    assert old_code(convert_address("TT Ba To, Ba To, Quang Ngai")) == "21349"
    assert old_code(convert_address("xa ba to, ba to, quang ngai")) == "21403"


def test_a_part_written_with_diacritics_means_the_name_exactly_as_written(world):
    assert old_code(convert_address("Phường Sa Pa, Thị xã Sa Pa, Lào Cai")) == "03001"
    assert old_code(convert_address("Phường Sa Pả, Thị xã Sa Pa, Lào Cai")) == "03002"
    # Written without any diacritics, "Sa Pa" may be either.
    for text in ("phuong sa pa, sa pa, lao cai", "P. Sa Pa, TX. Sa Pa, Lào Cai"):
        result = convert_address(text)
        assert result.status == AMBIGUOUS, text
        assert candidate_codes(result) == ["03001", "03002"]


def test_without_diacritics_or_type_both_are_listed(world):
    result = convert_address("ba to, ba to, quang ngai")
    assert result.status == AMBIGUOUS
    assert result.old is None and result.new == []
    assert sorted(candidate_codes(result)) == ["21349", "21403"]
    assert result.problem is not None and result.problem.code == "address_ambiguous"
    assert "khớp với 2 đơn vị vào ngày 30/06/2025" in result.message
    assert "Thị trấn Ba Tơ, Huyện Ba Tơ, Tỉnh Quảng Ngãi (21349)" in result.message
    assert "Xã Ba Tô, Huyện Ba Tơ, Tỉnh Quảng Ngãi (21403)" in result.message


def test_the_same_name_in_two_districts_is_ambiguous_without_the_district(world):
    result = convert_address("Hải Hòa, Quảng Ninh")
    assert result.status == AMBIGUOUS
    assert candidate_codes(result) == ["06742", "06799"]
    assert result.outcome.level == "commune"
    # The type tells them apart.
    assert old_code(convert_address("Xã Hải Hòa, Quảng Ninh")) == "06799"
    assert old_code(convert_address("P. Hải Hòa, Quảng Ninh")) == "06742"


def test_two_districts_of_one_name_are_told_apart_by_the_commune(world):
    assert old_code(convert_address("Kỳ Xuân, Kỳ Anh, Hà Tĩnh")) == "18754"
    assert old_code(convert_address("Kỳ Trinh, Kỳ Anh, Hà Tĩnh")) == "18847"
    both = convert_address("Kỳ Anh, Hà Tĩnh")
    assert both.status == AMBIGUOUS
    assert both.outcome.level == "district"
    assert sorted(candidate_codes(both)) == ["448", "449"]


def test_a_commune_named_in_the_wrong_district_is_not_moved_there(world):
    # Xã Hải Hòa exists in Quảng Ninh, but in Cẩm Phả: not found, with it among the candidates.
    result = convert_address("Xã Hải Hòa, Móng Cái, Quảng Ninh")
    assert result.status == NOT_FOUND
    assert result.outcome.level == "commune"
    assert "06799" in candidate_codes(result)
    assert "Không có xã, phường, thị trấn nào tên “Xã Hải Hòa” thuộc Thành phố Móng Cái" in (
        result.message
    )


def test_a_type_that_does_not_fit_is_not_found_and_the_unit_is_offered(world):
    result = convert_address("Xã Trần Phú, Móng Cái, Quảng Ninh")
    assert result.status == NOT_FOUND
    assert candidate_codes(result) == ["06712"]


def test_an_unknown_province_is_not_found_with_similar_names(world):
    result = convert_address("Trần Phú, Móng Cái, Quảng Ninhh")
    assert result.status == NOT_FOUND
    assert result.outcome.level == "province"
    assert candidate_codes(result) == ["22"]
    assert result.message.startswith(
        "Không có tỉnh, thành phố trực thuộc trung ương nào tên “Quảng Ninhh” vào ngày 30/06/2025."
    )
    assert "Tỉnh Quảng Ninh (22)" in result.message


def test_an_unknown_district_is_not_found_and_the_commune_is_offered(world):
    # Hạ Long is not in this registry; the commune named before it is offered.
    result = convert_address("Phường Trần Phú, Thành phố Hạ Long, Quảng Ninh")
    assert result.status == NOT_FOUND
    assert result.outcome.level == "district"
    assert "06712" in candidate_codes(result)
    assert "“Thành phố Hạ Long” thuộc Tỉnh Quảng Ninh" in result.message


def test_an_unknown_commune_is_not_found(world):
    result = convert_address("Phường Trần Hưng Đạo, Móng Cái, Quảng Ninh")
    assert result.status == NOT_FOUND
    assert result.outcome.level == "commune"
    assert result.old is None and result.new == [] and result.new_address == ""


def test_a_street_in_place_of_the_commune_is_not_taken_for_one(world):
    result = convert_address("12 Lê Lợi, TP. Móng Cái, Quảng Ninh")
    assert result.status == NOT_FOUND
    assert "12 Lê Lợi" in result.message


@pytest.mark.parametrize("text", ["", "  ", ", ,"])
def test_an_empty_address_says_what_to_write(world, text):
    result = convert_address(text)
    assert result.status == NOT_FOUND
    assert result.problem is not None and result.problem.code == "address_empty"
    assert result.message == "Hãy nhập địa chỉ: xã/phường, quận/huyện, tỉnh/thành phố."


def test_an_unknown_code_is_not_found(world):
    result = convert_address("99999")
    assert result.status == NOT_FOUND
    assert result.message == "Không có đơn vị nào mang mã “99999” vào ngày 30/06/2025."


def test_one_name_alone_is_searched_in_the_whole_country(world):
    assert old_code(convert_address("Kỳ Xuân")) == "18754"
    everywhere = convert_address("Phường 1")
    assert everywhere.status == AMBIGUOUS
    assert sorted(candidate_codes(everywhere)) == ["26506", "27139", "27190"]


# ---------------------------------------------------------------------------- what it became


def test_a_divided_commune_goes_to_each_part_and_says_which_holds_the_centre(world):
    result = convert_address("Xã Quảng Nghĩa, Móng Cái, Quảng Ninh")
    assert new_names(result) == [
        ("Phường Móng Cái 2", "part", False),
        ("Xã Hải Ninh", "part", True),
    ]
    assert result.new_address == ""  # never one picked for it
    assert result.centre is not None and result.centre.area.name == "Xã Hải Ninh"
    assert "đã được chia" in result.message
    assert "Xã Hải Ninh, Tỉnh Quảng Ninh (có trung tâm hành chính cũ)" in result.message


def test_a_commune_that_goes_on_is_its_own_successor_under_the_province(world):
    result = convert_address("Xã Hải Hòa, Cẩm Phả, Quảng Ninh")
    assert new_names(result) == [("Xã Hải Hòa", "whole", None)]
    assert result.new[0].area.unit_id == result.old.unit_id  # type: ignore[union-attr]
    assert result.new[0].area.label == "Xã Hải Hòa, Tỉnh Quảng Ninh"
    assert result.new[0].path == []


def test_a_district_ends_without_successor(world):
    result = convert_address("TX. Kỳ Anh, Hà Tĩnh")
    assert old_code(result) == "449"
    assert result.new == []
    assert "không còn tồn tại vào ngày 01/07/2025" in result.message


def test_a_new_address_converted_on_its_own_date_is_unchanged(world):
    result = convert_address("Phường Móng Cái 1, Quảng Ninh", on=AFTER)
    assert old_code(result) == "06712"
    assert result.new[0].area.unit_id == result.old.unit_id  # type: ignore[union-attr]
    assert "không thay đổi" in result.message


def test_the_new_units_date_must_not_come_first(world):
    with pytest.raises(DomainError) as caught:
        convert_address("Phường Trần Phú, Móng Cái, Quảng Ninh", on=AFTER, to=BEFORE)
    assert caught.value.codes == ["dates_reversed"]


def test_the_batch_walk_and_the_single_one_agree_for_every_unit(world):
    versions = UnitVersion.objects.as_of(BEFORE).filter(kind__in=["commune", "district"])
    ids = [v.unit_id for v in versions]
    batch = ForwardLineage(BEFORE, AFTER, preload=True).successors(ids)
    single = AddressConverter(BEFORE, AFTER)

    def shape(entries):  # type: ignore[no-untyped-def]
        return [
            (e.unit_id, e.share, [(s.event.pk, s.share, s.attributes) for s in e.path])
            for e in entries
        ]

    for unit_id in ids:
        one = ForwardLineage(BEFORE, AFTER).successors([unit_id])[unit_id]
        assert shape(batch[unit_id]) == shape(one), unit_id
        assert [n.area.unit_id for n in single.new_units(unit_id)] == [e.unit_id for e in one]


def test_the_walk_agrees_with_the_registrys_lineage(world):
    """Every commune of 2025-06-30 reaches what `registry.queries.lineage` reaches."""
    for version in UnitVersion.objects.as_of(BEFORE).filter(kind="commune"):
        unit = version.unit
        expected = [(e.unit_id, e.share) for e in queries.lineage(unit, BEFORE, AFTER)]
        walked = ForwardLineage(BEFORE, AFTER).successors([unit.pk])[unit.pk]
        assert [(e.unit_id, e.share) for e in walked] == expected, version.name


# ---------------------------------------------------------------------------- the reverse


def shares(result) -> list[tuple[str, str, bool | None]]:  # type: ignore[no-untyped-def]
    assert result.status == OK, result.message
    return [(o.area.code, o.share, o.holds_former_centre) for o in result.old]


def test_a_new_unit_lists_the_old_units_it_was_formed_from(world):
    assert shares(origins("06712")) == [("06742", "whole", None), ("06712", "whole", None)]
    assert shares(origins("Xã Hải Ninh", "Quảng Ninh")) == [
        ("06733", "whole", None),
        ("06739", "part", True),
    ]
    assert shares(origins("Phường Móng Cái 2, Quảng Ninh")) == [
        ("06709", "whole", None),
        ("06739", "part", False),
    ]
    labels = [o.area.label for o in origins("phuong vung tau", "tp hcm").old]
    assert labels == [
        "Phường 1, Thành phố Vũng Tàu, Tỉnh Bà Rịa - Vũng Tàu",
        "Phường Thắng Tam, Thành phố Vũng Tàu, Tỉnh Bà Rịa - Vũng Tàu",
    ]


def test_a_unit_that_went_on_is_its_own_origin(world):
    result = origins("Xã Kỳ Xuân", "Hà Tĩnh")
    assert shares(result) == [("18754", "whole", None)]
    assert result.old[0].area.label == "Xã Kỳ Xuân, Huyện Kỳ Anh, Tỉnh Hà Tĩnh"


def test_the_reverse_does_not_guess_either(world):
    missing = origins("Phường Trần Phú", "Quảng Ninh")  # gone on 2025-07-01
    assert missing.status == NOT_FOUND and missing.old == []
    several = origins("Phường 1", on=BEFORE, to=D(2025, 1, 1))
    assert several.status == AMBIGUOUS
    assert sorted(a.code for a in several.candidates) == ["26506", "27139", "27190"]
    with pytest.raises(DomainError):
        origins("06712", on=BEFORE, to=AFTER)


# ---------------------------------------------------------------------------- data and CSV rows


def test_the_data_of_a_conversion_is_plain_json(world):
    data = conversion_data(convert_address("12 Lê Lợi, P. Trần Phú, TP. Móng Cái, Quảng Ninh"))
    assert data["status"] == "ok" and data["errors"] == []
    assert data["on"] == "2025-06-30" and data["to"] == "2025-07-01"
    assert data["old"]["code"] == "06712"
    assert [a["name"] for a in data["old"]["ancestors"]] == [
        "Thành phố Móng Cái",
        "Tỉnh Quảng Ninh",
    ]
    [new] = data["new"]
    assert (new["name"], new["share"], new["province"]["name"]) == (
        "Phường Móng Cái 1",
        "whole",
        "Tỉnh Quảng Ninh",
    )
    assert new["path"][0]["kind"] == "consolidate"
    assert data["new_address"] == "12 Lê Lợi, Phường Móng Cái 1, Tỉnh Quảng Ninh"
    refused = conversion_data(convert_address("ba to, ba to, quang ngai"))
    assert refused["status"] == "ambiguous" and refused["old"] is None
    assert [e["code"] for e in refused["errors"]] == ["address_ambiguous"]
    assert len(refused["candidates"]) == 2
    assert origins_data(origins("06712"))["unit"]["name"] == "Phường Móng Cái 1"


def test_every_row_gets_a_result_with_its_status_and_nothing_guessed(world):
    rows = [
        "12 Lê Lợi, P. Trần Phú, TP. Móng Cái, Quảng Ninh",
        "ba to, ba to, quang ngai",
        "Xã Hải Hòa, Móng Cái, Quảng Ninh",
        "Xã Quảng Nghĩa, Móng Cái, Quảng Ninh",
        "",
    ]
    results = [csv_values(r) for r in convert_rows(rows)]
    assert [r["status"] for r in results] == [OK, AMBIGUOUS, NOT_FOUND, OK, NOT_FOUND]
    first, ambiguous, wrong_district, divided, empty = results
    assert (first["old_unit"], first["old_code"], first["old_district"]) == (
        "Phường Trần Phú",
        "06712",
        "Thành phố Móng Cái",
    )
    assert first["new_units"] == "Phường Móng Cái 1" and first["new_shares"] == "whole"
    assert first["new_address"] == "12 Lê Lợi, Phường Móng Cái 1, Tỉnh Quảng Ninh"
    assert first["matched_by"] == BY_NAME
    for refused in (ambiguous, wrong_district, empty):
        assert refused["old_unit"] == refused["new_units"] == refused["new_address"] == ""
        assert refused["message"]
    assert ambiguous["candidates"].split(" | ") == [
        "Thị trấn Ba Tơ, Huyện Ba Tơ, Tỉnh Quảng Ngãi (21349)",
        "Xã Ba Tô, Huyện Ba Tơ, Tỉnh Quảng Ngãi (21403)",
    ]
    assert "Xã Hải Hòa, Thành phố Cẩm Phả, Tỉnh Quảng Ninh (06799)" in wrong_district["candidates"]
    assert divided["new_units"] == "Phường Móng Cái 2 | Xã Hải Ninh"
    assert divided["new_shares"] == "part | part"
    assert divided["new_centre"] == "Xã Hải Ninh"
    assert divided["new_address"] == ""
    assert divided["new_province"] == "Tỉnh Quảng Ninh"


def test_a_code_is_matched_by_code(world):
    result = convert_address("code:06709")
    assert old_code(result) == "06709" and result.outcome.matched_by == BY_CODE
