"""`tinhgon address convert` (one address, or a CSV file) and `tinhgon address reverse`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.adminunits.test_address_world import World, build_world
from tinhgon.adminunits.address import (
    CSV_COLUMNS,
    conversion_data,
    convert_address,
    origins,
    origins_data,
)

from .conftest import VIETNAMESE, assert_refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def ids(world: World, code: str, new: bool = False) -> int:
    return (world.new(code) if new else world.old(code)).pk


# ---------------------------------------------------------------------------- one address


def test_convert_prints_the_old_unit_the_new_one_and_the_new_address(invoke, world):
    result = invoke("address", "convert", "12 Lê Lợi, P. Trần Phú, TP. Móng Cái, Quảng Ninh")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Địa chỉ: 12 Lê Lợi, P. Trần Phú, TP. Móng Cái, Quảng Ninh"
    assert lines[1] == "Đơn vị cũ vào ngày 2025-06-30:"
    assert lines[2] == (
        f"  Phường Trần Phú, Thành phố Móng Cái, Tỉnh Quảng Ninh [gso:06712] #{ids(world, '06712')}"
    )
    assert lines[3] == "Đơn vị mới vào ngày 2025-07-01:"
    assert lines[4] == (
        f"  Phường Móng Cái 1, Tỉnh Quảng Ninh [gso:06712] #{ids(world, '06712', True)} — toàn bộ"
    )
    assert lines[5].startswith("      2025-07-01 ") and "Thành lập Phường Móng Cái 1" in lines[5]
    assert lines[-1] == "Địa chỉ mới: 12 Lê Lợi, Phường Móng Cái 1, Tỉnh Quảng Ninh"


def test_convert_says_when_a_former_name_matched(invoke, world):
    result = invoke("address", "convert", "hoa lac, mong cai, quang ninh")
    assert result.exit_code == 0, result.output
    assert "  khớp theo tên cũ “" in result.stdout
    assert "Phường Móng Cái 1" in result.stdout


def test_convert_lists_every_part_of_a_divided_commune(invoke, world):
    result = invoke("address", "convert", "Xã Quảng Nghĩa, Móng Cái, Quảng Ninh")
    assert result.exit_code == 0, result.output
    assert "  Phường Móng Cái 2, Tỉnh Quảng Ninh [gso:06709]" in result.stdout
    assert "— một phần, có trung tâm hành chính cũ" in result.stdout
    assert "Xã Hải Ninh, Tỉnh Quảng Ninh [gso:06733]" in result.stdout
    assert "Địa chỉ mới" not in result.stdout
    assert "Đơn vị cũ đã được chia" in result.stdout


def test_convert_json_is_the_shared_representation(invoke, world):
    text = "Phường 1, Quận 3, TP. Hồ Chí Minh"
    result = invoke("address", "convert", text, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == conversion_data(convert_address(text))
    assert data["old"]["code"] == "27139"
    assert [n["name"] for n in data["new"]] == ["Phường Bàn Cờ"]


def test_an_address_not_found_is_refused_with_similar_names(invoke, world):
    result = invoke("address", "convert", "Trần Phú, Móng Cái, Quảng Ninhh")
    stderr = assert_refused(result, "address")
    assert "Không có tỉnh, thành phố trực thuộc trung ương nào tên “Quảng Ninhh”" in stderr
    assert "Các đơn vị có thể là:" in stderr
    assert f"    Tỉnh Quảng Ninh [gso:22] #{ids(world, '22')}" in stderr


def test_an_ambiguous_address_lists_every_candidate(invoke, world):
    result = invoke("address", "convert", "ba to, ba to, quang ngai")
    stderr = assert_refused(result, "address")
    assert "khớp với 2 đơn vị" in stderr
    assert (
        f"    Thị trấn Ba Tơ, Huyện Ba Tơ, Tỉnh Quảng Ngãi [gso:21349] #{ids(world, '21349')}"
        in (stderr)
    )
    assert (
        f"    Xã Ba Tô, Huyện Ba Tơ, Tỉnh Quảng Ngãi [gso:21403] #{ids(world, '21403')}" in stderr
    )


def test_json_of_a_refusal_still_has_the_candidates_and_exit_status_2(invoke, world):
    result = invoke("address", "convert", "ba to, ba to, quang ngai", "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["status"] == "ambiguous"
    assert sorted(c["code"] for c in data["candidates"]) == ["21349", "21403"]


def test_the_dates_can_be_given(invoke, world):
    result = invoke(
        "address", "convert", "Phường Hòa Lạc, Móng Cái, Quảng Ninh", "--on", "2024-06-01"
    )
    assert result.exit_code == 0, result.output
    assert "Phường Hòa Lạc, Thành phố Móng Cái, Tỉnh Quảng Ninh [gso:06718]" in result.stdout
    assert "Phường Móng Cái 1" in result.stdout
    reversed_dates = invoke(
        "address", "convert", "Trần Phú, Móng Cái, Quảng Ninh", "--on", "2025-07-01",
        "--to", "2025-06-30",
    )  # fmt: skip
    assert_refused(reversed_dates, "to")
    assert_refused(invoke("address", "convert", "x", "--on", "30/06/2025"), "--on")


def test_an_address_or_a_file_is_needed_but_not_both(invoke, world, tmp_path):
    assert_refused(invoke("address", "convert"), "ADDRESS")
    path = tmp_path / "in.csv"
    path.write_text("address\nTrần Phú, Móng Cái, Quảng Ninh\n", encoding="utf-8")
    assert_refused(invoke("address", "convert", "x", "--csv", str(path)), "--csv")


# ---------------------------------------------------------------------------- CSV


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ROWS = [
    ("1", "12 Lê Lợi, P. Trần Phú, TP. Móng Cái, Quảng Ninh"),
    ("2", "ba to, ba to, quang ngai"),
    ("3", "Xã Hải Hòa, Móng Cái, Quảng Ninh"),
    ("4", "Xã Quảng Nghĩa, Móng Cái, Quảng Ninh"),
    ("5", ""),
    ("6", "P.10, Q.3, TP.HCM"),
]


def write_input(path: Path, header: list[str], rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_csv_gives_one_result_row_per_input_row_with_its_status(invoke, world, tmp_path):
    source = write_input(tmp_path / "in.csv", ["id", "Địa chỉ"], ROWS)
    out = tmp_path / "out.csv"
    result = invoke("address", "convert", "--csv", str(source), "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = read_csv(out)
    assert list(rows[0]) == ["id", "Địa chỉ", *CSV_COLUMNS]
    assert [(r["id"], r["Địa chỉ"]) for r in rows] == ROWS
    assert [r["status"] for r in rows] == [
        "ok",
        "ambiguous",
        "not_found",
        "ok",
        "not_found",
        "ok",
    ]
    first, ambiguous, wrong_district, divided, empty, numbered = rows
    assert (first["old_code"], first["new_units"], first["new_codes"]) == (
        "06712",
        "Phường Móng Cái 1",
        "06712",
    )
    assert first["new_address"] == "12 Lê Lợi, Phường Móng Cái 1, Tỉnh Quảng Ninh"
    assert ambiguous["new_units"] == "" and ambiguous["old_unit"] == ""
    assert "Thị trấn Ba Tơ, Huyện Ba Tơ, Tỉnh Quảng Ngãi (21349)" in ambiguous["candidates"]
    assert VIETNAMESE.search(ambiguous["message"])
    assert wrong_district["new_units"] == "" and "06799" in wrong_district["candidates"]
    assert divided["new_shares"] == "part | part" and divided["new_centre"] == "Xã Hải Ninh"
    assert empty["message"] == "Hãy nhập địa chỉ: xã/phường, quận/huyện, tỉnh/thành phố."
    assert numbered["old_unit"] == "Phường 10" and numbered["old_district"] == "Quận 3"
    assert numbered["new_province"] == "Thành phố Hồ Chí Minh"
    assert "Đang chuyển đổi địa chỉ" in result.stderr
    assert "6 dòng: 3 đã chuyển đổi, 2 không tìm thấy, 1 chưa xác định được." in result.stderr
    assert result.stdout == ""


def test_csv_joins_several_columns_and_writes_to_stdout(invoke, world, tmp_path):
    source = write_input(
        tmp_path / "parts.csv",
        ["so_nha", "xa", "huyen", "tinh"],
        [("5 Hùng Vương", "Phường 1", "Quận 10", "Hồ Chí Minh"), ("", "Kỳ Xuân", "", "Hà Tĩnh")],
    )
    result = invoke(
        "address", "convert", "--csv", str(source),
        "--column", "so_nha", "--column", "xa", "--column", "huyen", "--column", "4",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert [(r["status"], r["old_code"]) for r in rows] == [("ok", "27190"), ("ok", "18754")]
    assert rows[0]["new_address"] == "5 Hùng Vương, Phường Vườn Lài, Thành phố Hồ Chí Minh"


def test_csv_without_header_and_with_another_separator(invoke, world, tmp_path):
    source = tmp_path / "plain.csv"
    source.write_text(
        "Phường Trần Phú, Móng Cái, Quảng Ninh;x\nPhường 11, Quận 3, HCM;y\n", encoding="utf-8"
    )
    out = tmp_path / "out.csv"
    result = invoke(
        "address", "convert", "--csv", str(source), "--out", str(out),
        "--no-header", "--delimiter", ";",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[0][:3] == ["column_1", "column_2", "status"]
    assert [r[2] for r in rows[1:]] == ["ok", "not_found"]
    assert [r[1] for r in rows[1:]] == ["x", "y"]


def test_csv_with_a_byte_order_mark_for_excel(invoke, world, tmp_path):
    source = write_input(tmp_path / "in.csv", ["address"], [("Kỳ Xuân, Kỳ Anh, Hà Tĩnh",)])
    out = tmp_path / "out.csv"
    result = invoke("address", "convert", "--csv", str(source), "--out", str(out), "--bom")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_csv(out)[0]["\ufeffaddress"] == "Kỳ Xuân, Kỳ Anh, Hà Tĩnh"


def test_csv_refuses_a_missing_file_or_column(invoke, world, tmp_path):
    stderr = assert_refused(
        invoke("address", "convert", "--csv", str(tmp_path / "none.csv")), "--csv"
    )
    assert "none.csv" in stderr
    source = write_input(tmp_path / "in.csv", ["address"], [("x",)])
    assert_refused(
        invoke("address", "convert", "--csv", str(source), "--column", "dia_chi"), "--column"
    )


# ---------------------------------------------------------------------------- reverse


def test_reverse_lists_the_old_units(invoke, world):
    result = invoke("address", "reverse", "Xã Hải Ninh", "--province", "Quảng Ninh")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"Xã Hải Ninh, Tỉnh Quảng Ninh [gso:06733] #{ids(world, '06733', True)} vào ngày 2025-07-01"
    )
    assert lines[1] == "Được hình thành từ (như vào ngày 2025-06-30):"
    assert lines[2] == (
        f"  Xã Hải Tiến, Thành phố Móng Cái, Tỉnh Quảng Ninh [gso:06733] #{ids(world, '06733')}"
        " — toàn bộ"
    )
    assert (
        f"  Xã Quảng Nghĩa, Thành phố Móng Cái, Tỉnh Quảng Ninh [gso:06739] "
        f"#{ids(world, '06739')} — một phần, có trung tâm hành chính cũ"
    ) in lines


def test_reverse_json_and_refusals(invoke, world):
    result = invoke("address", "reverse", "06712", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == origins_data(origins("06712"))
    stderr = assert_refused(invoke("address", "reverse", "Phường Trần Phú, Quảng Ninh"), "unit")
    assert "Phường Trần Phú" in stderr
