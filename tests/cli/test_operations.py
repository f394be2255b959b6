"""Running the installation from the CLI, and the `tinhgon` entry point itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import django
import pytest
from django.utils import translation

from tinhgon import cli as cli_module

from .conftest import Invoke, assert_refused


@pytest.mark.django_db
def test_migrate_reports_an_up_to_date_database(invoke: Invoke):
    result = invoke("migrate")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Cơ sở dữ liệu đã được cập nhật.\n"


def test_an_unmigrated_database_says_to_migrate(invoke: Invoke, monkeypatch):
    from django.db import OperationalError

    from tinhgon.cli_commands import root

    def missing_table(*args, **kwargs):
        raise OperationalError("no such table: registry_unitcode")

    monkeypatch.setattr("tinhgon.cli_commands.params.unit_resolve", missing_table)
    monkeypatch.setattr(root, "needs_migrate", lambda: True)
    result = invoke("tree", "194")
    assert result.exit_code == 1
    assert "tinhgon migrate" in result.stderr and "Traceback" not in result.output
    # A database error with the migrations all applied is a bug: it is not disguised.
    monkeypatch.setattr(root, "needs_migrate", lambda: False)
    assert isinstance(invoke("tree", "194").exception, OperationalError)


@pytest.mark.django_db
def test_demo_load_prints_the_loader_summary(invoke: Invoke, monkeypatch):
    calls = []

    def load_demo(progress):
        calls.append(progress)
        for done in range(4):
            progress(done + 1, 4)
        return SimpleNamespace(summary=lambda: "Đã nạp 4 đơn vị.")

    monkeypatch.setitem(sys.modules, "tinhgon.demo.loader", SimpleNamespace(load_demo=load_demo))
    result = invoke("demo", "load")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Đã nạp 4 đơn vị.\n"
    assert len(calls) == 1


class FakeServer:
    def __init__(self, app, **options):
        self.app, self.options, self.ran, self.closed = app, options, False, False

    def run(self):
        self.ran = True

    def close(self):
        self.closed = True


def test_serve_collects_static_files_and_serves_the_wsgi_app(
    invoke, monkeypatch, settings, tmp_path
):
    import waitress

    settings.STATIC_ROOT = tmp_path / "static"
    servers: list[FakeServer] = []
    monkeypatch.setattr(
        waitress,
        "create_server",
        lambda app, **kw: servers.append(FakeServer(app, **kw)) or servers[-1],
    )
    result = invoke("serve", "--port", "8123")
    assert result.exit_code == 0, result.output
    from tinhgon.wsgi import application

    [server] = servers
    assert (server.app, server.options) == (application, {"host": "127.0.0.1", "port": 8123})
    assert server.ran and server.closed
    assert "http://127.0.0.1:8123/" in result.stdout
    assert (tmp_path / "static" / "admin").is_dir()


def test_serve_stops_quietly_on_ctrl_c(invoke, monkeypatch, settings, tmp_path):
    import waitress

    settings.STATIC_ROOT = tmp_path / "static"

    class Interrupted(FakeServer):
        def run(self):
            raise KeyboardInterrupt

    servers: list[FakeServer] = []
    monkeypatch.setattr(
        waitress,
        "create_server",
        lambda app, **kw: servers.append(Interrupted(app, **kw)) or servers[-1],
    )
    result = invoke("serve")
    assert result.exit_code == 0, result.output
    assert servers[0].closed and "Traceback" not in result.output


def test_serve_on_a_taken_address_is_refused(invoke, monkeypatch, settings, tmp_path):
    import waitress

    settings.STATIC_ROOT = tmp_path / "static"

    def taken(app, **kwargs):
        raise OSError(98, "Address already in use")

    monkeypatch.setattr(waitress, "create_server", taken)
    result = invoke("serve", "--host", "::1", "--port", "8123")
    assert_refused(result, "--port")
    assert "[::1]:8123" in result.stderr and "Address already in use" in result.stderr


def test_manage_passes_through_to_django(invoke: Invoke):
    result = invoke("manage", "diffsettings")
    assert result.exit_code == 0, result.output
    assert "LANGUAGE_CODE = 'vi'" in result.stdout
    assert "createsuperuser" in invoke("manage").stdout
    assert "--database" in invoke("manage", "help", "migrate").stdout


def test_main_reuses_the_django_already_set_up(monkeypatch, capsys):
    def setup_again(*args, **kwargs):
        raise AssertionError("django.setup() called twice")

    monkeypatch.setattr(django, "setup", setup_again)
    previous = translation.get_language()
    try:
        with pytest.raises(SystemExit) as exit_:
            cli_module.main(["--help"])
    finally:
        translation.activate(previous)
    assert exit_.value.code == 0
    assert "Sổ đăng ký theo thời gian" in capsys.readouterr().out


def test_the_installed_entry_point_runs():
    """The console script pyproject declares, in a fresh process with its own Django set-up."""
    script = Path(sys.executable).parent / "tinhgon"
    result = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [str(script), "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Sổ đăng ký theo thời gian" in result.stdout
    for command in ("tree", "history", "lineage", "diff", "code", "search", "event", "serve"):
        assert f"  {command} " in result.stdout
