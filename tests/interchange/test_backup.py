"""`backup` and `restore` round-trip every record, the audit log and the accounts included,
from this run's database to the other kind and back (SQLite → PostgreSQL → SQLite, or
PostgreSQL → SQLite → PostgreSQL), and refuse bad input leaving the database as it was.

The second and third databases are made here: a SQLite file, or a PostgreSQL database named
`tinhgon_backup_test_<pid>_…` on the server of DATABASE_URL / TEST_DATABASE_URL (default: the
one scripts/ensure-postgres.sh starts), dropped at the end. PostgreSQL must be reachable."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg
import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import translation
from rest_framework.authtoken.models import Token

from tinhgon.accounts.models import Grant, LoginFailure
from tinhgon.audit.models import ChangeRecord
from tinhgon.cli import cli
from tinhgon.core.errors import DomainError
from tinhgon.interchange.backup import (
    _fields,
    _Serializer,
    backed_up_models,
    backup,
    migration_state,
    restore,
)
from tinhgon.registry.models import Unit

# Each test in a transaction on every database, the ones made here included.
pytestmark = pytest.mark.django_db(databases="__all__")

PG_DEFAULT = "postgres://tinhgon:tinhgon@127.0.0.1:5432/tinhgon"


def default_vendor() -> str:
    return connections[DEFAULT_DB_ALIAS].vendor


def pg_server() -> dict[str, Any]:
    """Where to create PostgreSQL databases: this run's server, or the test server."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = os.environ.get("TEST_DATABASE_URL", PG_DEFAULT)
    return dj_database_url.parse(url)


@contextmanager
def admin_connection() -> Iterator[psycopg.Connection[Any]]:
    server = pg_server()
    try:
        connection = psycopg.connect(
            host=server["HOST"],
            port=server["PORT"] or 5432,
            user=server["USER"],
            password=server["PASSWORD"],
            dbname="postgres",
            autocommit=True,
            connect_timeout=10,
        )
    except psycopg.OperationalError as error:
        pytest.fail(
            f"PostgreSQL is not reachable at {server['HOST']}:{server['PORT']} ({error}); "
            "the backup tests need it: run `bash scripts/ensure-postgres.sh` or set "
            "TEST_DATABASE_URL."
        )
    with connection:
        yield connection


@contextmanager
def database(vendor: str, name: str, folder: Path, *, migrate: bool = True) -> Iterator[str]:
    """A new, migrated database under the alias `name`, removed afterwards."""
    if vendor == "sqlite":
        config = dj_database_url.parse(f"sqlite:///{folder / name}.sqlite3")
    else:
        name = f"tinhgon_backup_test_{os.getpid()}_{name}"
        with admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        config = {**pg_server(), "NAME": name}
    connections.settings[name] = connections.configure_settings({DEFAULT_DB_ALIAS: config})[
        DEFAULT_DB_ALIAS
    ]
    try:
        if migrate:
            call_command("migrate", database=name, interactive=False, verbosity=0)
        yield name
    finally:
        connections[name].close()
        del connections[name]
        del connections.settings[name]
        if vendor == "postgresql":
            with admin_connection() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def other(vendor: str) -> str:
    return "postgresql" if vendor == "sqlite" else "sqlite"


def snapshot(alias: str) -> dict[str, list[tuple[Any, dict[str, Any]]]]:
    """Every record of every backed-up model: (pk, field values), by pk."""
    found = {}
    for model in backed_up_models():
        rows = model._base_manager.using(alias).order_by("pk")
        serialized = _Serializer().serialize(rows, fields=_fields(model))
        found[model._meta.label_lower] = [(r["pk"], r["fields"]) for r in serialized]
    return found


def counts(alias: str) -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.using(alias).count() for m in backed_up_models()}


def assert_same(a: str, b: str) -> None:
    left, right = snapshot(a), snapshot(b)
    assert left.keys() == right.keys()
    for label in left:
        assert left[label] == right[label], label


@pytest.fixture(scope="module")
def source(demo: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, a few more accounts, groups, permissions, a token; backed up."""
    with django_db_blocker.unblock():
        unit = Unit.objects.order_by("pk").first()
        group = Group.objects.create(name="Tổ sao lưu")
        group.permissions.add(Permission.objects.get(codename="view_unit"))
        for n in range(3):
            user = User.objects.create_user(f"sao.luu{n}", password="x", first_name="Sao Lưu")
            user.groups.add(group)
            user.user_permissions.add(Permission.objects.get(codename="change_user"))
            Grant.objects.create(user=user, role="viewer", unit=unit if n else None)
        Token.objects.create(user=user)
        LoginFailure.objects.create(username="ai.do", remote_addr="10.0.0.1")
        path = tmp_path_factory.mktemp("backup") / "tinhgon.jsonl.gz"
        seen: list[tuple[int, int]] = []
        result = backup(path, lambda done, total: seen.append((done, total)))
    assert result.counts["audit.changerecord"] > 1000
    assert result.counts["auth.user_groups"] == 3
    assert seen[-1][0] == seen[-1][1] == result.total
    return path


@pytest.fixture(scope="module")
def databases(
    source: Path, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """This run's database restored into the other kind (`there`), and that one backed up and
    restored into a third database of this run's kind (`back`)."""
    folder = tmp_path_factory.mktemp("databases")
    here = default_vendor()
    with (
        django_db_blocker.unblock(),
        database(other(here), "there", folder) as there,
        database(here, "back", folder) as back,
    ):
        restore(source, using=there)
        backup(folder / "there.jsonl.gz", using=there)
        restore(folder / "there.jsonl.gz", using=back)
        yield {"there": there, "back": back}


def test_restore_into_the_other_database_record_for_record(databases: dict[str, str]) -> None:
    assert connections[databases["there"]].vendor == other(default_vendor())
    assert_same(DEFAULT_DB_ALIAS, databases["there"])
    assert ChangeRecord.objects.using(databases["there"]).count() > 1000
    user = User.objects.using(databases["there"]).get(username="sao.luu2")
    assert user.check_password("x")
    assert list(user.groups.values_list("name", flat=True)) == ["Tổ sao lưu"]


def test_and_back_record_for_record(databases: dict[str, str]) -> None:
    assert connections[databases["back"]].vendor == default_vendor()
    assert_same(DEFAULT_DB_ALIAS, databases["back"])


def test_new_records_get_fresh_ids_after_a_restore(databases: dict[str, str]) -> None:
    alias = next(a for a in databases.values() if connections[a].vendor == "postgresql")
    highest = ChangeRecord.objects.using(alias).order_by("-pk").values_list("pk", flat=True)[0]
    record = ChangeRecord.objects.using(alias).create(
        request_id="00000000-0000-0000-0000-000000000001",
        source="test",
        action="create",
        object_type="test",
        object_id="1",
        object_repr="test",
    )
    assert record.pk > highest
    group = Group.objects.using(alias).create(name="Mới")
    assert group.pk > Group.objects.using(alias).exclude(pk=group.pk).get().pk
    unit = Unit.objects.using(alias).create()
    assert unit.pk > Unit.objects.using(alias).exclude(pk=unit.pk).order_by("-pk")[0].pk


# ---------------------------------------------------------------------- refusals


@pytest.fixture(scope="module")
def empty(django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A new database, migrated: only the built-in rules."""
    with (
        django_db_blocker.unblock(),
        database("sqlite", "empty", tmp_path_factory.mktemp("e")) as e,
    ):
        yield e


def refused(path: Path, alias: str) -> str:
    """The Vietnamese message; the database is as it was (every record, or every count for
    the big one)."""
    state = counts if alias == DEFAULT_DB_ALIAS else snapshot
    before = state(alias)
    with translation.override("vi"), pytest.raises(DomainError) as error:
        restore(path, using=alias)
    assert state(alias) == before
    return error.value.problems[0].message


def rewrite(source: Path, target: Path, edit: Any) -> Path:
    with gzip.open(source, "rt", encoding="utf-8") as stream:
        lines = stream.readlines()
    with gzip.open(target, "wt", encoding="utf-8") as out:
        out.writelines(edit(lines))
    return target


def test_a_file_that_is_not_a_backup(source: Path, empty: str, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("không phải bản sao lưu\n", encoding="utf-8")
    assert "không phải là bản sao lưu" in refused(text, empty)
    other_json = tmp_path / "other.jsonl.gz"
    with gzip.open(other_json, "wt") as out:
        out.write('{"model": "registry.unit", "pk": 1, "fields": {}}\n')
    assert "không phải là bản sao lưu" in refused(other_json, empty)


def test_a_truncated_or_corrupted_file(source: Path, empty: str, tmp_path: Path) -> None:
    data = source.read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 10])  # records were written before the end: undone
    assert "bị hỏng hoặc không đầy đủ" in refused(cut, empty)
    damaged = tmp_path / "damaged.jsonl.gz"
    at = len(data) // 10
    flipped = bytes(b ^ 0xFF for b in data[at : at + 64])
    damaged.write_bytes(data[:at] + flipped + data[at + 64 :])
    assert "bị hỏng hoặc không đầy đủ" in refused(damaged, empty)
    short = rewrite(source, tmp_path / "short.jsonl.gz", lambda lines: lines[:500])
    message = refused(short, empty)
    assert "bị hỏng hoặc không đầy đủ" in message and "trong phần đầu" in message


def test_a_database_that_is_not_empty(source: Path) -> None:
    message = refused(source, DEFAULT_DB_ALIAS)
    assert "Cơ sở dữ liệu không trống" in message


def test_a_backup_from_another_schema_state(source: Path, empty: str, tmp_path: Path) -> None:
    def future(lines: list[str]) -> list[str]:
        header = json.loads(lines[0])
        header["migrations"]["registry"] = "9999_future"
        return [json.dumps(header) + "\n", *lines[1:]]

    message = refused(rewrite(source, tmp_path / "future.jsonl.gz", future), empty)
    assert "trạng thái migration khác" in message and "9999_future" in message
    assert migration_state(empty)["registry"] != "9999_future"


def test_the_commands(source: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    runner = CliRunner()
    written = runner.invoke(cli, ["backup", str(tmp_path / "cli.jsonl.gz")])
    assert written.exit_code == 0, written.output
    assert "Đã sao lưu" in written.stdout
    with gzip.open(tmp_path / "cli.jsonl.gz", "rt") as written_file:
        assert counts(DEFAULT_DB_ALIAS) == json.loads(written_file.readline())["counts"]
    viewer = runner.invoke(cli, ["--user", "sao.luu1", "backup", str(tmp_path / "no.gz")])
    assert viewer.exit_code == 2 and "Lỗi" in viewer.stderr
    assert not (tmp_path / "no.gz").exists()
    refused_ = runner.invoke(cli, ["restore", str(source)])
    assert refused_.exit_code == 2
    assert "không khôi phục" in refused_.stderr and "Cơ sở dữ liệu không trống" in refused_.stderr
    assert "Traceback" not in refused_.output
