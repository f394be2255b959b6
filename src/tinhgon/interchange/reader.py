"""Reading a big file in a second process while the first writes.

Reading a row (parsing every cell, NFC and legacy encodings, the duplicates inside the file)
costs about as much as checking and writing it, so on two cores the file is read while the
chunks before it are written. The child is spawned (a fresh interpreter: it shares no database
connection and no thread with the parent, and it opens no connection of its own), reads the
file with the same `Importer.chunks`, and sends each chunk with the problems it found; the
parent checks them against the database and writes them in the order of the file. What is
written and reported is what one process would write and report.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import queue as queues
import traceback
from collections.abc import Generator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import get_language

from tinhgon.core.errors import DomainError

# Below this size a second process costs more than it saves (it takes about a second to start).
PARALLEL_BYTES = 2_000_000
WAIT = 5.0  # seconds between looks at whether the child still runs
# The child reads ahead (up to 4 chunks): at a lower priority it takes the CPU the checking and
# writing leave, instead of a third of two cores (a million rows: 22,000 rows/s against 19,800)
NICENESS = 10


def read_in_child(importer: Any, path: Path, name: str | None) -> Generator[list[Any], None, None]:
    """The chunks of `importer`'s file, read by a child process; the child's problems, legacy
    conversions and omitted count are merged into `importer` as the chunks arrive."""
    from .importing import Row

    context = multiprocessing.get_context("spawn")
    inbox = context.Queue(maxsize=4)  # the child waits when the writing falls behind
    child = context.Process(
        target=_read,
        args=(inbox, settings.SETTINGS_MODULE, get_language(), importer.template.kind, path,
              name, importer.on, importer.chunk),
        daemon=True,
    )  # fmt: skip
    child.start()
    try:
        while True:
            try:
                kind, payload, problems, converted, omitted = inbox.get(timeout=WAIT)
            except queues.Empty:
                if not child.is_alive():
                    raise RuntimeError("the file's reader stopped without a word") from None
                continue
            importer.merge(problems, converted, omitted)
            if kind == "chunk":
                yield [Row(*row) for row in payload]
            elif kind == "end":
                return
            elif kind == "refused":
                raise DomainError(payload)
            else:
                raise RuntimeError(f"the file's reader failed:\n{payload}")
    finally:
        if child.is_alive():
            child.terminate()
        child.join()


def _read(
    outbox: Any,
    settings_module: str,
    language: str,
    kind: str,
    path: Path,
    name: str | None,
    on: dt.date | None,
    chunk: int,
) -> None:
    """The child: read the file and send its chunks (rows as plain tuples)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    os.nice(NICENESS)
    import django

    django.setup()
    from django.utils import translation

    from .importing import Importer
    from .sheets import open_sheet
    from .templates import template_of

    translation.activate(language)
    importer = None
    try:
        sheet = open_sheet(path, name)
        importer = Importer(template_of(kind), sheet, on)
        importer.chunk = chunk
        for rows_read in importer.chunks():
            rows = [(r.number, r.values, r.raw, r.ok) for r in rows_read]
            outbox.put(("chunk", rows, *importer.taken()))
        outbox.put(("end", None, *importer.taken()))
    except DomainError as error:
        outbox.put(("refused", error.problems, *_taken(importer)))
    except Exception:  # the parent reports it; a child must not die silently
        outbox.put(("error", traceback.format_exc(), *_taken(importer)))


def _taken(importer: Any) -> tuple[list[Any], dict[str, str], int]:
    return importer.taken() if importer is not None else ([], {}, 0)
