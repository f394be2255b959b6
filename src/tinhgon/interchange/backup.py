"""Backup and restore: every record of the registry, the audit log and the accounts in one
gzip-compressed JSON Lines file, between any two databases (SQLite, PostgreSQL).

The file: a header line ``{"format": "tinhgon-backup", "version": 1, "app_version": …,
"created_at": …, "database": …, "migrations": {app: latest applied migration},
"counts": {"app.model": n, …}}`` (the models in dependency order), then one line per record
``{"model": "app.model", "pk": …, "fields": {…}}`` (Django's serialization, datetimes to the
microsecond), model after model in the header's order.

Included: every model of every tinhgon app (the audit log too), the accounts (users, groups,
their permissions and groups, API tokens). Not included, because `migrate` recreates them or
they do not outlive a session: content types, permissions (referred to by natural key),
sessions and Django's admin log. The file holds password hashes and API tokens: keep it as
secret as the database.

A restore goes only into an empty database migrated to the same state: no user and no tinhgon
record except the built-in rules every `migrate` writes (those are replaced by the backup's).
It writes everything in one transaction, keeping primary keys, foreign keys checked at commit,
then resets PostgreSQL's sequences; anything wrong rolls it all back.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby, islice
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

import tinhgon
from tinhgon.accounts.access import current_access
from tinhgon.core.errors import DomainError, Problem

FORMAT = "tinhgon-backup"
FORMAT_VERSION = 1
CHUNK = 1000
# Outside the tinhgon apps, the accounts: Django's users and groups and DRF's API tokens.
ACCOUNT_MODELS = ("auth.Group", "authtoken.Token")
# Referred to by natural key: `migrate` recreates them with ids of its own.
BY_NATURAL_KEY = (Permission, ContentType)

Progress = Callable[[int, int], None]


@dataclass
class BackupResult:
    path: Path
    counts: dict[str, int]
    created_at: dt.datetime

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class RestoreResult:
    path: Path
    counts: dict[str, int]
    created_at: str
    app_version: str
    removed_builtins: int = 0
    sequences_reset: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# ---------------------------------------------------------------------- what is backed up


def backed_up_models() -> list[type[models.Model]]:
    """The models in the file, each after every model it refers to (cycles keep their order)."""
    user_model = get_user_model()
    chosen: list[type[models.Model]] = []
    for config in apps.get_app_configs():
        for model in config.get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed:
                continue
            # an m2m table follows its model
            owner = meta.auto_created if isinstance(meta.auto_created, type) else model
            if (
                config.name.startswith("tinhgon.")
                or owner is user_model
                or owner._meta.label in ACCOUNT_MODELS
            ):
                chosen.append(model)
    return _dependency_order(chosen)


def _dependency_order(chosen: list[type[models.Model]]) -> list[type[models.Model]]:
    inside = set(chosen)
    needs = {
        model: {
            f.related_model
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model in inside and f.related_model is not model
        }
        for model in chosen
    }
    ordered: list[type[models.Model]] = []
    placed: set[type[models.Model]] = set()
    pending = list(chosen)
    while pending:
        ready = [m for m in pending if needs[m] <= placed] or pending[:1]
        for model in ready:
            ordered.append(model)
            placed.add(model)
            pending.remove(model)
    return ordered


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _fields(model: type[models.Model]) -> list[str]:
    """The serialized fields: the table's own columns; m2m tables are models of their own."""
    return [f.name for f in model._meta.local_fields if getattr(f, "serialize", True)]


def migration_state(using: str = DEFAULT_DB_ALIAS) -> dict[str, str]:
    """The latest applied migration of each app."""
    recorder = MigrationRecorder(connections[using])
    latest: dict[str, str] = {}
    for app, name in recorder.applied_migrations():
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))


class _Serializer(PythonSerializer):
    """Django's serializer, with natural keys only for permissions and content types."""

    def handle_fk_field(self, obj: models.Model, field: Any) -> None:
        self.use_natural_foreign_keys = field.related_model in BY_NATURAL_KEY
        super().handle_fk_field(obj, field)


def _default(value: Any) -> Any:
    """JSON for what Django's fields hold; datetimes keep their microseconds."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    raise TypeError(f"{type(value).__name__} is not serializable")


def _line(data: Any) -> str:
    return json.dumps(data, default=_default, ensure_ascii=False, separators=(",", ":")) + "\n"


def _batches(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# ---------------------------------------------------------------------- backup


def backup(
    path: str | os.PathLike[str], progress: Progress | None = None, using: str = DEFAULT_DB_ALIAS
) -> BackupResult:
    """Write every record to `path` (replaced whole, only once complete)."""
    current_access().require_everywhere("manage_accounts")
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    order = backed_up_models()
    created_at = timezone.now()
    connection = connections[using]
    outermost = not connection.in_atomic_block
    try:
        with transaction.atomic(using=using), gzip.open(partial, "wt", encoding="utf-8") as out:
            if outermost and connection.vendor == "postgresql":  # one snapshot for all tables
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            counts = {_label(m): m._base_manager.using(using).count() for m in order}
            header = {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "app_version": tinhgon.__version__,
                "created_at": created_at,
                "database": connection.vendor,
                "migrations": migration_state(using),
                "counts": counts,
            }
            out.write(_line(header))
            total, done = sum(counts.values()), 0
            if progress:
                progress(0, total)
            for model in order:
                written = 0
                for batch in _write_model(out, model, using):
                    written += batch
                    if progress:
                        progress(done + written, total)
                done += written
                if written != counts[_label(model)]:  # cannot happen in one snapshot
                    raise RuntimeError(f"{_label(model)} changed during the backup")
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        message = _("%(path)s cannot be written: %(reason)s.")
        reason = error.strerror or str(error)
        raise DomainError(
            Problem("backup_unwritable", message % {"path": target, "reason": reason}, "FILE")
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupResult(target, counts, created_at)


def _write_model(out: IO[str], model: type[models.Model], using: str) -> Iterator[int]:
    """Write the model's records a chunk at a time; yields how many each chunk had."""
    rows = model._base_manager.using(using).order_by("pk").iterator(chunk_size=CHUNK)
    names = _fields(model)
    for batch in _batches(rows):
        for item in _Serializer().serialize(batch, fields=names):
            out.write(_line(item))
        yield len(batch)


# ---------------------------------------------------------------------- restore


def restore(
    path: str | os.PathLike[str], progress: Progress | None = None, using: str = DEFAULT_DB_ALIAS
) -> RestoreResult:
    """Write every record of the backup at `path` into the empty database `using`: all of it,
    or nothing with the reason."""
    current_access().require_everywhere("manage_accounts")
    source = Path(path)
    order = backed_up_models()
    header: dict[str, Any] = {}
    try:
        with gzip.open(source, "rt", encoding="utf-8") as stream:
            header = _read_header(stream, source)
            _check_target(header, source, using, order)
            counts = {label: 0 for label in header["counts"]}
            with transaction.atomic(using=using):
                removed = _remove_builtins(order, using)
                _load(stream, source, header, counts, using, progress)
                reset = _reset_sequences(order, using)
    except DomainError:
        raise
    except (FileNotFoundError, PermissionError, IsADirectoryError) as error:
        message = _("%(path)s cannot be read: %(reason)s.")
        reason = error.strerror or str(error)
        raise DomainError(
            Problem("backup_unreadable", message % {"path": source, "reason": reason}, "FILE")
        ) from None
    except gzip.BadGzipFile as error:  # no gzip at all, or a bad checksum at its end
        raise (_damaged(source, error) if header else _not_a_backup(source)) from None
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError) as error:
        # ValueError: a line that is not JSON (json.JSONDecodeError) or not a record
        raise _damaged(source, error) from None
    except DeserializationError as error:
        raise _damaged(source, error.__cause__ or error) from None
    except DatabaseError as error:
        message = _("The records could not be written (%(reason)s); nothing was restored.")
        raise DomainError(
            Problem("restore_failed", message % {"reason": str(error).strip()}, "FILE")
        ) from None
    return RestoreResult(
        source, counts, str(header["created_at"]), str(header["app_version"]), removed, reset
    )


def _not_a_backup(source: Path) -> DomainError:
    message = _("%(path)s is not a tinhgon backup.")
    return DomainError(Problem("not_a_backup", message % {"path": source}, "FILE"))


def _damaged(source: Path, error: BaseException) -> DomainError:
    message = _("%(path)s is damaged or cut short (%(reason)s).")
    reason = str(error).strip() or type(error).__name__
    return DomainError(
        Problem("backup_damaged", message % {"path": source, "reason": reason}, "FILE")
    )


def _read_header(stream: IO[str], source: Path) -> dict[str, Any]:
    first = stream.readline(1_000_000)
    try:
        header = json.loads(first)
    except ValueError:
        raise _not_a_backup(source) from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise _not_a_backup(source)
    if header.get("version") != FORMAT_VERSION:
        message = _("%(path)s has backup format %(version)s; this version reads format %(ours)s.")
        values = {"path": source, "version": header.get("version"), "ours": FORMAT_VERSION}
        raise DomainError(Problem("backup_version", message % values, "FILE"))
    expected = ("app_version", "created_at", "migrations", "counts")
    if not all(key in header for key in expected) or not isinstance(header["counts"], dict):
        raise _damaged(source, ValueError(_("incomplete header")))
    return header


def _check_target(
    header: dict[str, Any], source: Path, using: str, order: list[type[models.Model]]
) -> None:
    """Refuse another schema state, records the file does not know, or a database in use."""
    ours, theirs = migration_state(using), header["migrations"]
    if ours != theirs:
        differences = [
            _("%(app)s: backup %(backup)s, database %(database)s")
            % {"app": app, "backup": theirs.get(app, "—"), "database": ours.get(app, "—")}
            for app in sorted(set(ours) | set(theirs))
            if ours.get(app) != theirs.get(app)
        ]
        message = _(
            "The backup was made from a database at another migration state (%(differences)s): "
            "restore it with the same version of tinhgon, migrated (tinhgon migrate)."
        )
        raise DomainError(
            Problem("schema_differs", message % {"differences": "; ".join(differences)})
        )
    known = {_label(m) for m in order}
    unknown = sorted(set(header["counts"]) - known)
    if unknown:
        message = _("%(path)s holds records this version does not back up: %(models)s.")
        values = {"path": source, "models": ", ".join(unknown)}
        raise DomainError(Problem("unknown_models", message % values, "FILE"))
    used = [
        str(model._meta.verbose_name_plural)
        for model in order
        if not model._meta.auto_created and _user_rows(model, using).exists()
    ]
    if used:
        used = used[:5] + (["…"] if len(used) > 5 else [])
        message = _(
            "The database is not empty (%(models)s): restore only into a new database, "
            "after “tinhgon migrate”."
        )
        raise DomainError(Problem("database_not_empty", message % {"models": ", ".join(used)}))


def _is_builtin_model(model: type[models.Model]) -> bool:
    return any(f.name == "builtin" for f in model._meta.concrete_fields)


def _user_rows(model: type[models.Model], using: str) -> models.QuerySet[Any]:
    """The rows that make a database not empty: all but the built-in rules `migrate` writes."""
    rows = model._base_manager.using(using).all()
    return rows.filter(builtin=False) if _is_builtin_model(model) else rows


def _remove_builtins(order: list[type[models.Model]], using: str) -> int:
    """The built-in rows `migrate` wrote give way to the backup's (which a user may have
    changed or ended)."""
    removed = 0
    for model in reversed(order):
        if _is_builtin_model(model):
            removed += model._base_manager.using(using).filter(builtin=True).delete()[0]
    return removed


def _load(
    stream: IO[str],
    source: Path,
    header: dict[str, Any],
    counts: dict[str, int],
    using: str,
    progress: Progress | None,
) -> None:
    expected: dict[str, int] = header["counts"]
    total, done = sum(expected.values()), 0
    if progress:
        progress(0, total)
    for batch in _batches(_records(stream, source, expected)):
        rows = [item.object for item in serializers.deserialize("python", batch, using=using)]
        for model, same in groupby(rows, key=type):
            _insert(model, list(same), using)
        for record in batch:
            counts[record["model"]] += 1
        done += len(batch)
        if progress:
            progress(min(done, total), total)
    wrong = [
        _("%(model)s: %(found)d records, %(expected)d announced in the header")
        % {"model": label, "found": counts[label], "expected": number}
        for label, number in expected.items()
        if counts[label] != number
    ]
    if wrong:
        raise _damaged(source, ValueError("; ".join(wrong)))


def _insert(model: type[models.Model], rows: list[models.Model], using: str) -> None:
    """Insert the rows as they were: their ids, and their dates without auto_now (raw), as
    Model.save_base does for one row, without any model's save() (the change log's refusal to
    be edited or deleted stays whole: this only inserts)."""
    fields = [f for f in model._meta.local_concrete_fields if not f.generated]
    size = connections[using].ops.bulk_batch_size(fields, rows) or len(rows)
    for batch in _batches(rows, max(size, 1)):
        model._base_manager.using(using)._insert(batch, fields=fields, using=using, raw=True)  # type: ignore[attr-defined]


def _records(stream: IO[str], source: Path, expected: dict[str, int]) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(stream, start=2):
        if not line.strip():
            continue
        record = json.loads(line)
        if (
            not isinstance(record, dict)
            or record.get("model") not in expected
            or not isinstance(record.get("fields"), dict)
            or "pk" not in record
        ):
            raise ValueError(_("line %(number)d is not a record") % {"number": number})
        yield record


def _reset_sequences(order: list[type[models.Model]], using: str) -> list[str]:
    """New records get ids after the restored ones (PostgreSQL; SQLite needs nothing)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), order)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return statements
