"""Reads remembered for the length of one piece of work (a report's build): the same question
asked twice in it — the same scope's apparatus on the same day, the same indicator — is
answered once. Outside `remembering()` every call reads afresh; nothing outlives the block,
so a write after it is always seen."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_answers: ContextVar[dict[Any, Any] | None] = ContextVar("memo_answers", default=None)


@contextlib.contextmanager
def remembering() -> Iterator[None]:
    """Remember the answers of the `remembered` functions until the block ends (a nested
    block shares the outer one's answers)."""
    if _answers.get() is not None:
        yield
        return
    token = _answers.set({})
    try:
        yield
    finally:
        _answers.reset(token)


def remembered(function: Callable[P, R]) -> Callable[P, R]:
    """Answer a call again from memory inside `remembering()`. The arguments must be hashable
    (model instances hash by pk) or sets and lists of such; a list answer is handed out as a
    copy, since callers may change what they get."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        answers = _answers.get()
        if answers is None:
            return function(*args, **kwargs)
        key = (
            function.__qualname__,
            tuple(_frozen(a) for a in args),
            tuple(sorted((k, _frozen(v)) for k, v in kwargs.items())),
        )
        try:
            found = answers[key]
        except TypeError:  # an unhashable argument: not remembered
            return function(*args, **kwargs)
        except KeyError:
            found = answers[key] = function(*args, **kwargs)
        return list(found) if isinstance(found, list) else found  # type: ignore[return-value]

    return wrapper


def _frozen(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return frozenset(value)
    if isinstance(value, list):
        return tuple(value)
    return value
