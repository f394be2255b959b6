"""Who is acting, from where, within which request: set once by the interface, read by services."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Actor:
    user: Any = None
    source: str = "system"
    remote_addr: str = ""
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def user_name(self) -> str:
        if self.user is None or not getattr(self.user, "is_authenticated", False):
            return ""
        return str(self.user.get_username())


_current: ContextVar[Actor | None] = ContextVar("tinhgon_actor", default=None)


def current_actor() -> Actor:
    return _current.get() or Actor()


@contextmanager
def acting_as(
    user: Any = None, *, source: str, remote_addr: str = "", request_id: uuid.UUID | None = None
) -> Iterator[Actor]:
    actor = Actor(
        user=user, source=source, remote_addr=remote_addr, request_id=request_id or uuid.uuid4()
    )
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)
