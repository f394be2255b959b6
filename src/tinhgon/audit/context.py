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
    """Who acts. In a web or API request the user is read from the request when a write
    happens, because the API authenticates tokens inside the view, after the middleware ran."""

    given_user: Any = None
    source: str = "system"
    remote_addr: str = ""
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)
    request: Any = None

    @property
    def user(self) -> Any:
        """The authenticated user, or None."""
        user = getattr(self.request, "user", None) if self.request is not None else self.given_user
        return user if getattr(user, "is_authenticated", False) else None

    @property
    def user_name(self) -> str:
        return "" if self.user is None else str(self.user.get_username())


_current: ContextVar[Actor | None] = ContextVar("tinhgon_actor", default=None)


def current_actor() -> Actor:
    return _current.get() or Actor()


@contextmanager
def acting_as(
    user: Any = None,
    *,
    source: str,
    remote_addr: str = "",
    request_id: uuid.UUID | None = None,
    request: Any = None,
) -> Iterator[Actor]:
    actor = Actor(
        given_user=user,
        source=source,
        remote_addr=remote_addr,
        request_id=request_id or uuid.uuid4(),
        request=request,
    )
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)
