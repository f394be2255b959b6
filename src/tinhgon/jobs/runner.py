"""Starting and running jobs. A kind of job is registered by the app that does the work
(`register`): a check run at once, so bad input is refused before any job exists, and the work,
which reports progress and returns a file.

A job runs in a thread of the process that started it, as the user who asked for it (the same
access rules as a request), after the transaction that created it commits. This keeps a laptop
install free of a queue server; on a server, a gunicorn worker runs its own jobs. With the
setting JOBS_RUN_INLINE (tests) a job runs to its end inside `start`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tinhgon.audit.context import acting_as
from tinhgon.core.errors import DomainError, NotFound, Problem

from .models import Job

log = logging.getLogger(__name__)
PROGRESS_EVERY = 0.5  # seconds between two progress writes


@dataclass(frozen=True)
class Output:
    file_name: str
    content_type: str
    content: bytes


class Progress:
    """Called by the work as it goes: `progress(done, total, step)`. Writes to the job's row at
    most every PROGRESS_EVERY seconds, and always at the last step."""

    def __init__(self, job_id: UUID) -> None:
        self.job_id = job_id
        self.last = 0.0

    def __call__(self, done: int, total: int | None = None, step: str = "") -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_EVERY and done != total:
            return
        self.last = now
        Job.objects.filter(pk=self.job_id).update(
            done=done, total=total, step=step[:300], updated_at=timezone.now()
        )


Work = Callable[[Mapping[str, Any], Progress], Output]
Check = Callable[[Mapping[str, Any]], str]  # returns the job's title; raises DomainError


@dataclass(frozen=True)
class Kind:
    check: Check
    work: Work


KINDS: dict[str, Kind] = {}


def register(kind: str, *, check: Check, work: Work) -> None:
    KINDS[kind] = Kind(check, work)


def _kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise DomainError(
            Problem("unknown_job", _("There is no kind of work “%(kind)s”.") % {"kind": kind})
        )
    return KINDS[kind]


def start(kind: str, params: Mapping[str, Any], *, user: Any) -> Job:
    """Check the parameters (refusing with DomainError, nothing created), then create the job
    and run it in the background."""
    title = _kind(kind).check(params)
    job = Job.objects.create(kind=kind, title=title, params=dict(params), user=user)
    if getattr(settings, "JOBS_RUN_INLINE", False):
        execute(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: _thread(job.pk).start())
    return job


def _thread(job_id: UUID) -> threading.Thread:
    def run() -> None:
        try:
            execute(job_id)
        finally:
            connections.close_all()  # the thread's own connections

    return threading.Thread(target=run, name=f"job-{job_id}", daemon=True)


def execute(job_id: UUID) -> None:
    """Run a job to its end: done with its file, or failed with its problems in Vietnamese."""
    job = Job.objects.select_related("user").get(pk=job_id)
    Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING, updated_at=timezone.now())
    fields: dict[str, Any]
    with acting_as(job.user, source="job"), translation.override(settings.LANGUAGE_CODE):
        try:
            output = _kind(job.kind).work(job.params, Progress(job_id))
        except DomainError as error:
            fields = {"status": Job.Status.FAILED, "problems": _problems(error.problems)}
        except Exception:  # the user sees a message; the traceback goes to the log
            log.exception("job %s (%s) failed", job_id, job.kind)
            problem = Problem("job_failed", _("The work stopped on an unexpected error."))
            fields = {"status": Job.Status.FAILED, "problems": _problems([problem])}
        else:
            fields = {
                "status": Job.Status.DONE,
                "file_name": output.file_name,
                "content_type": output.content_type,
                "content": output.content,
            }
    now = timezone.now()
    Job.objects.filter(pk=job_id).update(**fields, updated_at=now, finished_at=now)


def _problems(problems: list[Problem]) -> list[dict[str, str]]:
    return [p.as_dict() for p in problems]


def job_state(job: Job) -> dict[str, Any]:
    """What the interfaces show of a job while it runs and once it has ended."""
    return {
        "id": str(job.pk),
        "kind": job.kind,
        "title": job.title,
        "status": job.status,
        "interrupted": job.interrupted,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "step": job.step,
        "problems": job.problems,
        "file_name": job.file_name,
    }


def job_of(job_id: UUID | str, user: Any) -> Job:
    """A job of the user's (an administrator sees every job); another's is not found."""
    try:
        job = Job.objects.get(pk=job_id)
    except (Job.DoesNotExist, ValidationError):  # ValidationError: not a UUID
        job = None
    mine = job is not None and (job.user_id == user.pk or user.is_superuser)
    if job is None or not mine:
        raise NotFound(Problem("job_not_found", _("This job does not exist."), "job"))
    return job


def jobs_of(user: Any, limit: int = 50) -> list[Job]:
    return list(Job.objects.filter(user=user).defer("content")[:limit])
