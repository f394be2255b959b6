"""Choices of the plans app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


# A plan is changed only while it is being written; decided plans stay as they were.
OPEN_STATUSES = frozenset({Status.DRAFT, Status.SUBMITTED})
