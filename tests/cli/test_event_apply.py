"""`tinhgon event apply`: YAML and JSON files, lists all or nothing, dry runs, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.utils import translation

from tests.registry.helpers import DOC, D, apply
from tinhgon.accounts.models import Grant
from tinhgon.accounts.roles import Role
from tinhgon.audit.models import ChangeRecord
from tinhgon.registry.models import Event
from tinhgon.registry.problems import problem
from tinhgon.registry.queries import unit_resolve, version_at

from .conftest import EXAMPLES, MongCai, assert_refused, counts

pytestmark = pytest.mark.django_db

HOA_LAC = str(EXAMPLES / "hoa-lac-into-tran-phu.yaml")
WARDS_2025 = str(EXAMPLES / "mong-cai-wards-2025.yaml")


def rename(code: str, name: str, on: str = "2020-01-01") -> dict:
    return {"kind": "rename", "effective_on": on, "documents": [DOC], "unit": code,
            "changes": {"name": name}}  # fmt: skip


def write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    if name.endswith(".json"):
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_the_example_merge_file_records_its_event(invoke, mong_cai):
    result = invoke("event", "apply", HOA_LAC)
    assert result.exit_code == 0, result.output
    event = Event.objects.get()
    assert (event.kind, event.effective_on) == ("merge", D(2024, 11, 1))
    assert event.documents.get().number == "1199/NQ-UBTVQH15"
    assert version_at(mong_cai.wards["06718"], D(2024, 11, 1)) is None
    assert version_at(mong_cai.wards["06712"], D(2024, 11, 1)) is not None
    lines = result.stdout.splitlines()
    assert lines[0] == f"2024-11-01 {event.get_kind_display()}: {event.title} #{event.pk}"
    assert any("“Phường Hòa Lạc”" in line and "chấm dứt" in line for line in lines)
    assert lines[-1] == "Đã ghi 1 sự kiện."


def test_the_example_list_file_records_every_event(invoke, mong_cai):
    result = invoke("event", "apply", WARDS_2025)
    assert result.exit_code == 0, result.output
    assert list(Event.objects.values_list("title", flat=True)) == [
        "Thành lập Phường Móng Cái 2",
        "Thành lập Phường Móng Cái 3",
    ]
    ward_2 = unit_resolve("06709", D(2025, 7, 1))
    assert version_at(ward_2, D(2025, 7, 1)).name == "Phường Móng Cái 2"
    assert version_at(ward_2, D(2025, 7, 1)).parent == mong_cai.province
    assert version_at(mong_cai.village, D(2025, 7, 1)).parent == ward_2
    assert unit_resolve("06736", D(2025, 7, 1)).versions.get().name == "Phường Móng Cái 3"
    assert "Đã ghi 2 sự kiện." in result.stdout


def test_a_json_file_and_stdin(invoke, mong_cai, tmp_path):
    path = write(tmp_path, "rename.json", rename("06712", "Phường Trần Phú Mới"))
    assert invoke("event", "apply", path).exit_code == 0
    assert version_at(mong_cai.wards["06712"], D(2020, 1, 1)).name == "Phường Trần Phú Mới"

    text = yaml.safe_dump(rename("06715", "Phường Ninh Dương Mới"), allow_unicode=True)
    assert invoke("event", "apply", "-", input=text).exit_code == 0
    assert version_at(mong_cai.wards["06715"], D(2020, 1, 1)).name == "Phường Ninh Dương Mới"
    # JSON on stdin reads as YAML, or as JSON when told so.
    data = json.dumps(rename("06718", "Phường Hòa Lạc Mới"))
    assert invoke("event", "apply", "--format", "json", "-", input=data).exit_code == 0
    assert Event.objects.count() == 3


def test_writes_are_audited_as_the_cli_and_the_user_given(invoke, mong_cai):
    user = get_user_model().objects.create_user("bien_tap")
    # Acting as a user means acting with that user's rights: none yet.
    refused = invoke("--user", "bien_tap", "event", "apply", HOA_LAC)
    assert refused.exit_code != 0 and "không được phép" in refused.output
    assert not Event.objects.exists()
    Grant.objects.create(user=user, role=Role.HOME_AFFAIRS, unit=mong_cai.city)
    before = ChangeRecord.objects.count()
    assert invoke("--user", "bien_tap", "event", "apply", HOA_LAC).exit_code == 0
    records = ChangeRecord.objects.order_by("id")[before:]
    assert {(r.source, r.user_name) for r in records} == {("cli", "bien_tap")}
    assert Event.objects.get().recorded_by == user

    unknown = assert_refused(invoke("--user", "nobody", "event", "apply", HOA_LAC), "--user")
    assert "nobody" in unknown


def test_a_list_is_all_or_nothing(invoke, mong_cai, tmp_path):
    good = rename("06712", "Phường Trần Phú Mới")
    bad = rename("99999", "Không tồn tại", on="2021-01-01")
    before = counts()
    result = invoke("event", "apply", write(tmp_path, "events.yaml", [good, bad]))
    stderr = assert_refused(result, "[1].inputs[0].unit", "[1].outputs[0].unit")
    assert "Lỗi: không áp dụng được" in stderr and "events.yaml" in stderr
    with translation.override("vi"):
        expected = problem("unit_not_found", "", ref="99999", date=D(2020, 12, 31)).message
    assert expected in stderr
    assert counts() == before
    assert version_at(mong_cai.wards["06712"], D(2020, 1, 1)).name == "Phường Trần Phú"


def test_a_list_reports_the_problems_of_every_event_before_applying_any(invoke, mong_cai, tmp_path):
    broken = [rename("06712", "A", on="2020-02-30"), {"kind": "explode"}, "not an event"]
    before = counts()
    assert_refused(
        invoke("event", "apply", write(tmp_path, "events.yaml", broken)),
        "[0].effective_on",
        "[1].kind",
        "[1].documents",
        "[2]",
    )
    assert counts() == before


def test_dry_run_reports_and_writes_nothing(invoke, mong_cai):
    before = counts()
    result = invoke("event", "apply", WARDS_2025, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Phường Móng Cái 2" in result.stdout and "Phường Móng Cái 3" in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "Chạy thử: 2 sự kiện sẽ được ghi; chưa có gì được ghi."
    )
    assert counts() == before
    assert version_at(mong_cai.wards["06709"], D(2025, 7, 1)) is not None
    # The same file then applies for real.
    assert invoke("event", "apply", WARDS_2025).exit_code == 0
    assert Event.objects.count() == 2


def test_an_event_the_service_refuses_leaves_nothing(invoke, mong_cai):
    apply("rename", "2024-01-01", unit="06718", changes={"name": "Phường Hòa Lạc Mới"})
    before = counts()
    # Hòa Lạc already changed after 2020: recording its merge in 2020 would rewrite history.
    result = invoke("event", "apply", "-", input=yaml.safe_dump({
        "kind": "merge", "effective_on": "2020-01-01", "documents": [DOC],
        "inputs": [{"unit": "06718"}], "outputs": [{"unit": "06712"}],
    }, allow_unicode=True))  # fmt: skip
    stderr = assert_refused(result, "inputs[0].unit")
    assert "stdin" in stderr
    assert counts() == before


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        ("kind: merge\n  effective_on: [", "bad.yaml", "Lỗi cú pháp YAML ở dòng 2, cột"),
        ('{"kind": "merge",}', "bad.json", "Lỗi cú pháp JSON ở dòng 1, cột 18"),
        ("", "empty.yaml", "Tệp không chứa sự kiện nào."),
        (b"kind: \xff\xfe", "latin.yaml", "Tệp không phải văn bản mã hóa UTF-8."),
    ],
)
def test_a_malformed_file_is_refused_naming_it(invoke, mong_cai, tmp_path, content, name, expected):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    before = counts()
    stderr = assert_refused(invoke("event", "apply", str(path)), str(path))
    assert expected in stderr
    assert counts() == before


def test_a_missing_file_is_refused(invoke, db, tmp_path):
    missing = str(tmp_path / "missing.yaml")
    stderr = assert_refused(invoke("event", "apply", missing), missing)
    assert "Tệp không tồn tại." in stderr


def test_fields_the_parser_refuses_are_named(invoke, mong_cai, tmp_path):
    data = {
        "kind": "consolidate",
        "effective_on": "2025-07-01",
        "documents": [DOC],
        "inputs": [{"unit": "06709"}],
        "outputs": [{"new": {"name": "X", "kind": "ward"}}],
    }
    assert_refused(
        invoke("event", "apply", write(tmp_path, "e.yaml", data)), "inputs", "outputs[0].new.kind"
    )


def test_codes_with_a_leading_zero_and_plain_dates_read_as_written(invoke, mong_cai, tmp_path):
    """YAML 1.1 would read 06712 as the octal number 3530 and 2020-02-30 as a crash."""
    path = tmp_path / "rename.yaml"
    path.write_text(
        "kind: rename\neffective_on: 2020-01-01\nunit: 06712\nchanges: {name: Phường Mới}\n"
        "documents: [{number: 1/QĐ, issuer: UBND, signed_on: 2019-12-01}]\n",
        encoding="utf-8",
    )
    assert invoke("event", "apply", str(path)).exit_code == 0
    assert version_at(mong_cai.wards["06712"], D(2020, 1, 1)).name == "Phường Mới"
    path.write_text(path.read_text(encoding="utf-8").replace("2020-01-01", "2020-02-30"))
    assert_refused(invoke("event", "apply", str(path)), "effective_on")


def test_a_divided_unit_recorded_in_one_file(invoke, mong_cai: MongCai, tmp_path):
    """Same-day consolidations that each take part of one ward, applied as one list."""

    def part_of_hai_yen(name: str, other: str) -> dict:
        return {
            "kind": "consolidate",
            "effective_on": "2025-07-01",
            "documents": [DOC],
            "inputs": [{"unit": "06736", "share": "part"}, {"unit": other}],
            "outputs": [{"new": {"name": name, "kind": "commune", "parent": "22"}}],
        }

    events = [part_of_hai_yen("Phường A", "06730"), part_of_hai_yen("Phường B", "06748")]
    result = invoke("event", "apply", write(tmp_path, "divided.json", events))
    assert result.exit_code == 0, result.output
    assert mong_cai.wards["06736"].versions.get().valid_to == D(2025, 7, 1)
