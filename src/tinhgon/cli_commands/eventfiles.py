"""Reading event files (YAML or JSON) into the data parse_event_spec reads.

YAML is read with the safe loader, except that dates stay text (the parser checks them and
names the field) and numbers with a leading zero stay text, so the code 06712 is not read as an
octal number.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

from tinhgon.core.errors import DomainError, Problem, at_position
from tinhgon.registry.eventspec import EventSpec, parse_event_spec

FORMATS = ("yaml", "json")


_DROPPED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int"}


class EventFileLoader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1 timestamps, octal or sexagesimal integers."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


EventFileLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789")
)


def _file_problem(code: str, name: str, message: str) -> DomainError:
    return DomainError(Problem(code, message, name))


def read_text(path: str) -> str:
    """The file's text ("-" is stdin), or a DomainError saying why it cannot be read."""
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _file_problem("file_not_found", path, _("The file does not exist.")) from None
    except UnicodeDecodeError:
        raise _file_problem(
            "file_not_utf8", path, _("The file is not text in UTF-8 encoding.")
        ) from None
    except OSError as error:
        message = _("The file cannot be read: %(reason)s.") % {"reason": error.strerror}
        raise _file_problem("file_unreadable", path, message) from None


def file_format(path: str, chosen: str | None) -> str:
    """JSON for a .json file, YAML otherwise (YAML also reads JSON)."""
    if chosen:
        return chosen
    return "json" if path.lower().endswith(".json") else "yaml"


def load_data(text: str, fmt: str, name: str) -> Any:
    """The file's content as plain data, or a DomainError pointing at the syntax error."""
    if fmt == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            message = _("JSON syntax error at line %(line)s, column %(column)s: %(reason)s.")
            place = {"line": error.lineno, "column": error.colno, "reason": error.msg}
            raise _file_problem("json_syntax", name, message % place) from None
    try:
        return yaml.load(text, Loader=EventFileLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        message = _("YAML syntax error at line %(line)s, column %(column)s: %(reason)s.")
        place = {
            "line": mark.line + 1 if mark else "?",
            "column": mark.column + 1 if mark else "?",
            "reason": error.problem or error.context or "",
        }
        raise _file_problem("yaml_syntax", name, message % place) from None
    except (yaml.YAMLError, ValueError) as error:
        message = _("YAML syntax error: %(reason)s.") % {"reason": error}
        raise _file_problem("yaml_syntax", name, message) from None


def parse_events(data: Any, name: str) -> list[EventSpec]:
    """One event (a mapping) or several (a list), every problem of every event at once; in a
    list, fields are prefixed with the event's position: "[1].inputs[0].unit"."""
    if data is None or data == []:
        raise _file_problem("file_empty", name, _("The file holds no event."))
    if not isinstance(data, list):
        return [parse_event_spec(data)]
    specs: list[EventSpec] = []
    problems: list[Problem] = []
    for index, item in enumerate(data):
        try:
            specs.append(parse_event_spec(item))
        except DomainError as error:
            problems.extend(at_position(index, error.problems))
    if problems:
        raise DomainError(problems)
    return specs
