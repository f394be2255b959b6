"""Reading commands: tree, history, lineage, diff, code, search; text and --json."""

from __future__ import annotations

import json
import re

import pytest
from django.utils import translation

from tests.registry.helpers import D, apply, ref
from tinhgon.registry import queries
from tinhgon.registry.kinds import UnitKind
from tinhgon.registry.representations import diff_data, lineage_data, tree_data

from .conftest import MongCai, assert_refused

pytestmark = pytest.mark.django_db


def label(kind: str) -> str:
    with translation.override("vi"):
        return str(UnitKind(kind).label)


def consolidate_ka_long(mong_cai: MongCai) -> int:
    """Ka Long, Ninh Dương and Vạn Ninh become Phường Móng Cái 2 on 2025-07-01."""
    event = apply(
        "consolidate",
        "2025-07-01",
        inputs=[mong_cai.wards[c] for c in ("06709", "06715", "06748")],
        outputs=[{"new": {"name": "Phường Móng Cái 2", "kind": "commune", "parent": "22",
                          "codes": [{"code": "06709"}]}}],
    )  # fmt: skip
    return event.participants.get(role="output").unit_id


def test_tree_shows_the_units_of_its_date_indented_with_kind_and_codes(invoke, mong_cai):
    consolidate_ka_long(mong_cai)
    result = invoke("tree", "194", "--on", "2020-01-01")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Thành phố Móng Cái ({label('district')}) [gso:194] #{mong_cai.city.pk}"
    assert (
        f"  Phường Ka Long ({label('commune')}) [gso:06709] #{mong_cai.wards['06709'].pk}" in lines
    )
    assert f"    Khu 1 ({label('village')}) #{mong_cai.village.pk}" in lines
    assert "Móng Cái 2" not in result.stdout

    later = invoke("tree", "22", "--on", "2025-07-01")
    assert "  Phường Móng Cái 2 (" in later.stdout
    assert "    Khu 1 (" in later.stdout, "the village followed its ward"
    assert "Ka Long" not in later.stdout and "Ninh Dương" not in later.stdout
    assert "  Thành phố Móng Cái (" in later.stdout


def test_tree_depth_and_json(invoke, mong_cai):
    shallow = invoke("tree", "194", "--on", "2020-01-01", "--depth", "1")
    assert "Phường Ka Long" in shallow.stdout and "Khu 1" not in shallow.stdout

    result = invoke("tree", f"id:{mong_cai.city.pk}", "--on", "2020-01-01", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data == tree_data(queries.tree(mong_cai.city, D(2020, 1, 1)))
    assert data["codes"][0]["code"] == "194"
    assert len(data["children"]) == len(mong_cai.wards)


def test_tree_defaults_to_today(invoke, mong_cai, monkeypatch):
    monkeypatch.setattr("tinhgon.cli_commands.params.today", lambda: D(2020, 1, 1))
    assert "Phường Ka Long" in invoke("tree", "194").stdout


def test_tree_of_an_unknown_code_or_impossible_date_is_refused(invoke, mong_cai):
    stderr = assert_refused(invoke("tree", "99999", "--on", "2020-01-01"), "REF")
    assert "99999" in stderr and "01/01/2020" in stderr
    assert_refused(invoke("tree", "194", "--on", "2020-02-30"), "--on")
    # The district's code means nothing before the records start.
    assert_refused(invoke("tree", "code:194", "--on", "2005-01-01"), "REF")


def test_history_lists_versions_codes_and_events(invoke, mong_cai):
    tran_phu = mong_cai.wards["06712"]
    apply("merge", "2024-11-01", inputs=[mong_cai.wards["06718"]], outputs=[tran_phu])
    apply("rename", "2025-01-01", unit=ref(tran_phu), changes={"name": "Phường Trần Phú Mới"})
    result = invoke("history", "06712", "--on", "2020-01-01")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"Lịch sử của đơn vị #{tran_phu.pk}" in out
    assert "2010-01-01 → 2024-12-31  Phường Trần Phú (" in out
    assert "2025-01-01 → nay  Phường Trần Phú Mới (" in out
    assert "gso:06712  2010-01-01 → nay" in out
    assert "1/QĐ-TEST" in out
    data = json.loads(invoke("history", f"#{tran_phu.pk}", "--json").stdout)
    assert [v["name"] for v in data["versions"]] == ["Phường Trần Phú", "Phường Trần Phú Mới"]
    assert [e["event"]["kind"] for e in data["events"]] == ["merge", "rename", "rename"]


def test_lineage_forward_and_back(invoke, mong_cai):
    new_id = consolidate_ka_long(mong_cai)
    forward = invoke("lineage", "06709", "--on", "2020-01-01", "--to", "2025-08-01")
    assert forward.exit_code == 0, forward.output
    lines = forward.stdout.splitlines()
    assert lines[0].startswith("Đơn vị kế thừa “Phường Ka Long”")
    assert lines[1].startswith("  Phường Móng Cái 2 (") and lines[1].endswith("— toàn bộ")
    assert re.match(r"      2025-07-01 .*#\d+ \(toàn bộ\)$", lines[2])

    back = invoke("lineage", "06709", "--on", "2025-08-01", "--to", "2020-01-01", "--json")
    data = json.loads(back.stdout)
    unit = queries.unit_resolve(f"id:{new_id}", D(2025, 8, 1))
    assert data == lineage_data(queries.lineage(unit, D(2025, 8, 1), D(2020, 1, 1)))
    assert sorted(e["version"]["name"] for e in data) == [
        "Phường Ka Long", "Phường Ninh Dương", "Xã Vạn Ninh"
    ]  # fmt: skip


def test_diff_counts_by_group_and_kind_and_lists_ended_and_started(invoke, mong_cai):
    consolidate_ka_long(mong_cai)
    result = invoke("diff", "22", "--from", "2020-01-01", "--to", "2025-07-01")
    assert result.exit_code == 0, result.output
    rows = {
        cells[0].strip(): cells[1:]
        for cells in (re.split(r"\s{2,}", line.strip()) for line in result.stdout.splitlines())
        if len(cells) == 7
    }
    # 7 communes before; after, 4 of them plus the new ward: 3 ended, 1 started, 4 went on.
    assert rows[label("commune")] == ["7", "5", "-2", "3", "1", "4"]
    assert rows[label("village")] == ["1", "1", "0", "0", "0", "1"]
    ended = result.stdout.split("Chấm dứt (3):")[1].split("Mới (1):")[0]
    assert {"Phường Ka Long", "Phường Ninh Dương", "Xã Vạn Ninh"} == set(
        re.findall(r"  (\S.*?) \(", ended)
    )
    assert "  Phường Móng Cái 2 (" in result.stdout.split("Mới (1):")[1]

    data = json.loads(invoke("diff", "22", "--from", "2020-01-01", "--to", "2025-07-01",
                             "--json").stdout)  # fmt: skip
    assert data == diff_data(queries.diff(mong_cai.province, D(2020, 1, 1), D(2025, 7, 1)))


def test_code_lookup_reads_the_code_at_its_date(invoke, mong_cai):
    new_id = consolidate_ka_long(mong_cai)
    before = invoke("code", "06709", "--on", "2020-01-01")
    assert before.stdout.startswith("gso:06709 → Phường Ka Long (")
    assert "(2010-01-01 → 2025-06-30)" in before.stdout
    after = json.loads(invoke("code", "06709", "--on", "2025-07-01", "--json").stdout)
    assert [(c["code"], c["unit"]["unit_id"]) for c in after] == [("06709", new_id)]
    assert_refused(invoke("code", "06709", "--on", "2005-01-01"), "CODE")


def test_search_with_and_without_a_date(invoke, mong_cai):
    consolidate_ka_long(mong_cai)
    assert "Phường Ka Long (" in invoke("search", "ka long").stdout
    assert (
        invoke("search", "ka long", "--on", "2025-07-01").stdout == "Không tìm thấy đơn vị nào.\n"
    )
    found = json.loads(invoke("search", "MONG CAI", "--json").stdout)
    assert {v["name"] for v in found} == {"Thành phố Móng Cái", "Phường Móng Cái 2"}
