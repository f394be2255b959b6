"""`tinhgon coverage`, `posts`, `person`, `policies`: Vietnamese text, JSON, refusals."""

import json

import pytest
from click.testing import CliRunner

from tinhgon.accounts.models import Grant
from tinhgon.accounts.roles import Role
from tinhgon.cli import cli
from tinhgon.people import services as s

from .helpers import D, build_world, person

pytestmark = pytest.mark.django_db


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def w():
    world = build_world()
    world.an = person("Nguyễn Văn An", home=world.commune, birth_date=D(1975, 3, 9))
    world.ba = person("Trần Văn Ba", home=world.commune)
    for target in (world.cell_secretaries[0], world.village_heads[0]):
        s.holding_start(person=world.an, post=target, valid_from=D(2016, 1, 1))
    s.holding_start(person=world.ba, post=world.cell_secretaries[1], valid_from=D(2016, 1, 1))
    return world


def test_coverage_in_vietnamese_with_the_exceptions(w):
    result = run("coverage", "cell-secretary-village-head", "--scope", "9000", "--on", "2017-01-01")
    assert result.exit_code == 0, result.output
    assert "Bí thư chi bộ đồng thời là trưởng thôn, khu phố" in result.output
    assert "1/2 (50%)" in result.output
    assert "Các nơi chưa thực hiện:" in result.output
    assert "Chi bộ khu 2 (Khu 2): chức danh kiêm nhiệm đang khuyết" in result.output
    assert "Chi bộ khu 1" not in result.output
    everything = run(
        "coverage", "cell-secretary-village-head", "--scope", "9000", "--on", "2017-01-01", "--all"
    )
    assert "Chi bộ khu 1 (Khu 1) — Nguyễn Văn An" in everything.output


def test_coverage_as_json_with_projection_and_locality(w):
    result = run(
        "coverage",
        "commune-secretary-committee-chair",
        "--scope",
        "9000",
        "--on",
        "2017-01-01",
        "--from",
        "2016-01-01",
        "--non-local",
        "--json",
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["coverage"]["total"] == 1 and body["coverage"]["on"] == "2017-01-01"
    assert body["coverage"]["places"][0]["reason"] == "lead_vacant"
    assert body["projection"]["baseline"]["on"] == "2016-01-01"
    assert body["non_local"]["vacant"] == 1


def test_posts_person_and_policies(w):
    posts = run("posts", f"id:{w.cells[0].pk}", "--on", "2017-01-01")
    assert posts.exit_code == 0, posts.output
    assert "Bí thư: Nguyễn Văn An" in posts.output and "bầu" not in posts.output
    assert "bổ nhiệm, 2016-01-01 → nay" in posts.output
    career = run("person", str(w.an.pk))
    assert "Quá trình công tác của Nguyễn Văn An" in career.output
    assert "sinh ngày 1975-03-09; quê quán: Phường A" in career.output
    assert "Trưởng thôn, khu phố, Khu 1" in career.output
    data = json.loads(run("person", str(w.an.pk), "--json").output)
    assert data["person"]["birth_date"] == "1975-03-09" and len(data["entries"]) == 2
    policies = run("policies", "--json")
    codes = {row["code"] for row in json.loads(policies.output)}
    assert "mobilization-head-front-chair" in codes
    text = run("policies").output
    assert "có sẵn" in text and "Trưởng ban Dân vận đồng thời là Chủ tịch" in text


def test_refusals_exit_with_status_2(w):
    unknown = run("coverage", "no-such-policy", "--scope", "9000", "--on", "2017-01-01")
    assert unknown.exit_code == 2
    assert "Không có chủ trương nhất thể hóa nào mang mã “no-such-policy”" in unknown.output
    assert run("person", "999999").exit_code == 2
    assert run("posts", "9000", "--on", "1990-01-01").exit_code == 2


def test_the_viewer_sees_no_names_in_the_cli(w):
    from django.contrib.auth.models import User

    viewer = User.objects.create_user("xem", password="x")
    Grant.objects.create(user=viewer, role=Role.VIEWER, unit=w.city)
    result = run(
        "--user",
        "xem",
        "coverage",
        "cell-secretary-village-head",
        "--scope",
        "9000",
        "--all",
        "--on",
        "2017-01-01",
    )
    assert result.exit_code == 0, result.output
    assert "Nguyễn Văn An" not in result.output and "1/2" in result.output
    assert "không xem được thông tin cá nhân" in result.output
    assert run("--user", "xem", "person", str(w.an.pk)).exit_code == 2


def test_coverage_snapshot_is_built_and_then_read(w):
    from tinhgon.people.models import CoverageRow
    from tinhgon.people.queries import coverage_count
    from tinhgon.registry.queries import unit_resolve

    result = run(
        "coverage", "snapshot", "--policy", "cell-secretary-village-head", "--scope", "9000",
        "--on", "2017-01-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    # Two cells, one secretary also heading its village (An), one not (Ba).
    assert "Đã lưu mức độ thực hiện Bí thư chi bộ đồng thời là trưởng thôn" in result.output
    assert ": 1/2 nơi thực hiện." in result.output
    assert CoverageRow.objects.count() == 2
    CoverageRow.objects.update(reason="")  # changed by hand: the count reads the snapshot
    scope = unit_resolve("9000", D(2017, 1, 1))
    count = coverage_count("cell-secretary-village-head", scope, D(2017, 1, 1))
    assert (count.complying, count.total) == (2, 2)
    after = run("coverage", "cell-secretary-village-head", "--scope", "9000", "--on", "2017-01-01")
    assert "1/2 (50%)" in after.output  # `coverage` lists places: it stays live
    unknown = run("coverage", "snapshot", "--policy", "no-such-policy", "--scope", "9000")
    assert unknown.exit_code != 0
