"""Optimistic locking: an edit names the revision it was made from, and is written only if
the record is still at that revision — in one conditional UPDATE, so two editors racing
cannot both win. The loser gets a Conflict carrying both versions; nothing is lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _

from .errors import Conflict, Problem

M = TypeVar("M", bound=models.Model)


def update_if_unchanged(
    model: type[M],
    pk: Any,
    revision: int,
    changes: dict[str, Any],
    snapshot: Callable[[M], dict[str, Any]],
) -> M:
    """Write `changes` to row `pk` if it is still at `revision`; return the row as written.
    The model has a `revision` field counting its edits."""
    rows = model._default_manager.filter(pk=pk, revision=revision).update(
        revision=F("revision") + 1, **changes
    )
    current = model._default_manager.get(pk=pk)
    if rows == 0:
        message = _(
            "Someone else changed this record after you opened it (your edit was made on "
            "revision %(yours)s, it is now at %(now)s). Nothing was saved: compare the two "
            "versions and edit again."
        ) % {"yours": revision, "now": current.revision}  # type: ignore[attr-defined]
        raise Conflict(
            Problem("conflict", message, "revision"),
            current={**snapshot(current), "revision": current.revision},  # type: ignore[attr-defined]
            attempted={**changes, "revision": revision},
        )
    return current
