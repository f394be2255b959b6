"""`tinhgon plan …`: create, propose from a file, impact as JSON, check, compare, approve
with and without a document, reject."""

import json

import pytest
from click.testing import CliRunner

from tinhgon.cli import cli
from tinhgon.plans.models import Plan
from tinhgon.registry.models import Event

from .helpers import build_world, merger_events, real_state

pytestmark = pytest.mark.django_db


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def plan_id(tmp_path):
    w = build_world()
    result = run(
        "plan", "create", "Phương án AB", "--scope", "90", "--base", "2026-01-01",
        "--effective", "2026-03-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "(dự thảo)" in result.output
    found = Plan.objects.get()
    path = tmp_path / "events.json"
    path.write_text(json.dumps(merger_events(w), ensure_ascii=False), encoding="utf-8")
    result = run("plan", "propose", str(found.pk), str(path))
    assert result.exit_code == 0, result.output
    return found.pk


def test_impact_as_json(plan_id):
    before = real_state()
    result = run("plan", "impact", str(plan_id), "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)  # the progress bar goes to stderr
    assert "Đang tính tác động" in result.stderr
    communes = {r["key"]: r["value"] for r in found["after"]["units"]}["commune"]
    assert communes == 2 and found["affected_count"] == 13
    assert real_state() == before


def test_impact_as_text_and_check(plan_id):
    result = run("plan", "impact", str(plan_id))
    assert result.exit_code == 0, result.output
    assert "Ủy ban nhân dân phường A ← Ủy ban nhân dân phường B" in result.output
    assert "Phó chủ tịch: 3 (định mức 2, dôi dư 1)" in result.output
    assert "2031-03-01" in result.output and "Người bị ảnh hưởng: 13" in result.output
    result = run("plan", "check", str(plan_id))
    assert result.exit_code == 2  # the posts of UBND B are left behind
    assert "Ủy ban nhân dân phường B" in result.output


def test_a_base_date_before_the_data_is_refused():
    build_world()
    result = run(
        "plan", "create", "X", "--scope", "90", "--base", "2001-01-01", "--effective", "2026-03-01"
    )
    assert result.exit_code == 2
    assert "01/01/2001" in result.output and Plan.objects.count() == 0


def test_approve_needs_a_document_then_records_the_events(plan_id):
    events = Event.objects.count()
    result = run("plan", "approve", str(plan_id))
    assert result.exit_code == 2 and Event.objects.count() == events
    result = run(
        "plan", "approve", str(plan_id), "--document", "15/NQ-HĐND", "--issuer",
        "HĐND tỉnh P", "--signed-on", "2026-02-10", "--kind", "resolution",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert Event.objects.count() == events + 4
    assert Plan.objects.get().status == "approved"


def test_reject_list_show_and_compare(plan_id):
    other = run(
        "plan", "create", "Phương án khác", "--scope", "90", "--base", "2026-01-01",
        "--effective", "2026-03-01",
    )  # fmt: skip
    assert other.exit_code == 0
    second = Plan.objects.exclude(pk=plan_id).get().pk
    result = run("plan", "compare", str(plan_id), str(second), "--json")
    assert result.exit_code == 0, result.output
    rows = {(r["table"], r["key"]): r for r in json.loads(result.output)["rows"]}
    assert rows[("units", "commune")]["a_after"] == 2
    assert rows[("units", "commune")]["b_after"] == 3
    before = real_state()
    result = run("plan", "reject", str(plan_id), "--note", "Chưa phù hợp")
    assert result.exit_code == 0 and real_state() == before
    listed = run("plan", "list", "--json")
    assert [p["status"] for p in json.loads(listed.output)] == ["rejected", "draft"]
    shown = run("plan", "show", str(plan_id))
    assert "Chưa phù hợp" in shown.output and "[3]" in shown.output


def test_update_and_remove_a_proposed_event(plan_id, tmp_path):
    rename = {"kind": "rename", "unit": "90003", "changes": {"name": "Phường Cờ"}}
    result = run("plan", "update-event", str(plan_id), "1", "--json", json.dumps(rename))
    assert result.exit_code == 0, result.output
    found = Plan.objects.get().events.get(position=1)
    assert found.spec == rename and found.carry  # --carry left out: unchanged
    path = tmp_path / "rename.yaml"
    path.write_text("kind: rename\nunit: '90003'\nchanges: {name: Phường Cẩm}\n", "utf-8")
    result = run("plan", "update-event", str(plan_id), "1", str(path), "--no-carry")
    assert result.exit_code == 0, result.output
    found = Plan.objects.get().events.get(position=1)
    assert found.spec["changes"] == {"name": "Phường Cẩm"} and not found.carry
    refused = run("plan", "update-event", str(plan_id), "1", "--json", '{"kind": "merge"}')
    assert refused.exit_code == 2 and Plan.objects.get().events.get(position=1).spec == found.spec
    both = run("plan", "update-event", str(plan_id), "1", str(path), "--json", "{}")
    assert both.exit_code == 2 and "--json" in both.output
    result = run("plan", "remove-event", str(plan_id), "1")
    assert result.exit_code == 0, result.output
    assert sorted(Plan.objects.get().events.values_list("position", flat=True)) == [0, 2, 3]
    missing = run("plan", "remove-event", str(plan_id), "1")
    assert missing.exit_code != 0 and "1" in missing.output
