"""The event-file documentation and examples stay readable by the real parser."""

from __future__ import annotations

import re

import pytest

from tinhgon.cli_commands.eventfiles import load_data, parse_events
from tinhgon.registry.kinds import EventKind

from .conftest import EXAMPLES, REPO

GUIDE = REPO / "docs" / "developer" / "event-files.md"
BLOCKS = re.findall(r"```(yaml|json)\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize(("fmt", "text"), BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_every_example_in_the_guide_parses(fmt, text):
    assert parse_events(load_data(text, fmt, "event-files.md"), "event-files.md")


def test_the_guide_shows_every_kind_of_event():
    kinds = {
        spec.kind
        for fmt, text in BLOCKS
        for spec in parse_events(load_data(text, fmt, "guide"), "guide")
    }
    assert kinds == set(EventKind.values)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_file_parses(path):
    assert parse_events(load_data(path.read_text(encoding="utf-8"), "yaml", path.name), path.name)
