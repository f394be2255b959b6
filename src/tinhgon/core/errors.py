"""Domain errors: what went wrong, where, in Vietnamese; raised before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One reason input was refused. `field` names where (e.g. "inputs[0].unit")."""

    code: str
    message: str
    field: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "field": self.field, "message": self.message}

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class DomainError(Exception):
    """Raised by services and queries; interfaces turn it into a message, never a traceback."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]


def at_position(index: int, problems: list[Problem]) -> list[Problem]:
    """The problems of the item at `index` in a list, with the position in their field:
    "[1].inputs[0].unit"."""
    return [
        Problem(p.code, p.message, f"[{index}].{p.field}" if p.field else f"[{index}]")
        for p in problems
    ]


def raise_if(problems: list[Problem]) -> None:
    """Refuse with every problem found, if there is any."""
    if problems:
        raise DomainError(problems)


def row_prefix(index: int, many: bool) -> str:
    """Where a problem of row `index` of a bulk write is ("[3]."), or nothing for one record."""
    return f"[{index}]." if many else ""


class NotFound(DomainError):
    """The thing referred to does not exist (at the date asked)."""


class Forbidden(DomainError):
    """The acting user may not do this (here)."""


class Conflict(DomainError):
    """Someone else changed the record since it was read: nothing was written. Carries both
    versions so that an interface can show them side by side."""

    def __init__(
        self,
        problems: list[Problem] | Problem,
        *,
        current: dict[str, Any],
        attempted: dict[str, Any],
    ):
        super().__init__(problems)
        self.current = current
        self.attempted = attempted
