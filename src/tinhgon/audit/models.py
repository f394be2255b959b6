"""One row per changed object per write. Rows are never edited or deleted."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class RecordedJSONField(models.JSONField):
    """JSON without SQLite's JSON_VALID check: only the audit services write it, always
    `json.dumps` output, and the check parsed every record again (a quarter of the time a big
    import spent inserting change records)."""

    def db_check(self, connection: Any) -> str | None:
        return None


class ChangeRecord(models.Model):
    """What one write did to one object: before and after, who, when, from where, why."""

    class Action(models.TextChoices):
        CREATE = "create", _("create")
        UPDATE = "update", _("update")
        DELETE = "delete", _("delete")
        # Personal data read in full or exported: logged like a change, with nothing changed.
        READ = "read", _("read personal data")
        EXPORT = "export", _("export personal data")

    request_id = models.UUIDField(
        _("request id"), db_index=True, help_text=_("Ties together the rows of one action.")
    )
    at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)
    # SET_NULL: the record must outlive the account; user_name keeps who it was.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user_name = models.CharField(_("user name"), max_length=150, blank=True)
    source = models.CharField(_("source"), max_length=20, help_text=_("web, api, cli, demo…"))
    remote_addr = models.CharField(_("from address"), max_length=64, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    # Indexed in Meta: `db_index` would add PostgreSQL a second, LIKE-pattern index of each,
    # which nothing uses and every write maintains.
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    # The unit the change concerns, kept as a plain id (the record outlives the unit's rows):
    # filters the log by unit and limits what a scoped auditor reads.
    unit_id = models.BigIntegerField(_("unit"), null=True, blank=True, db_index=True)
    before = RecordedJSONField(_("before"), null=True, blank=True)
    after = RecordedJSONField(_("after"), null=True, blank=True)
    basis = models.CharField(
        _("legal basis"), max_length=500, blank=True, help_text=_("Documents cited for the change.")
    )
    message = models.CharField(_("message"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("change record")
        verbose_name_plural = _("change records")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type"], name="changerecord_object_type"),
            models.Index(fields=["object_id"], name="changerecord_object_id"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Change records cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Change records cannot be deleted.")
