"""Background jobs: bad parameters refused before a job exists, the work's progress and file
kept, a refusal or a crash recorded as a failed job with a Vietnamese message, the job run in
its own thread as the user who asked, and a job that stopped reporting shown as interrupted."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from tinhgon.accounts.access import current_access
from tinhgon.core.errors import DomainError, NotFound, Problem
from tinhgon.jobs import runner
from tinhgon.jobs.models import Job

User = get_user_model()


def check(params):
    if not params.get("n"):
        raise DomainError(Problem("required", "Thiếu số bước.", "n"))
    return f"Đếm đến {params['n']}"


def count(params, progress):
    if params.get("refuse"):
        raise DomainError(Problem("no_data", "Không có số liệu.", "scope"))
    if params.get("crash"):
        raise RuntimeError("bug")
    for i in range(int(params["n"])):
        progress(i, int(params["n"]), "đang đếm")
    progress(int(params["n"]), int(params["n"]))
    seen = current_access().user_id  # the job acts as the user who asked
    return runner.Output("dem.txt", "text/plain", f"{params['n']} {seen}".encode())


@pytest.fixture(autouse=True)
def counting():
    runner.register("test-count", check=check, work=count)
    yield
    runner.KINDS.pop("test-count")


@pytest.fixture
def user(db):
    return User.objects.create_user("nguoi.dung", password="x")


def test_a_job_runs_to_its_file_with_its_progress(user):
    job = runner.start("test-count", {"n": 3}, user=user)
    assert job.title == "Đếm đến 3"
    assert job.status == Job.Status.DONE and job.percent == 100
    assert (job.done, job.total) == (3, 3)
    assert bytes(job.content) == f"3 {user.pk}".encode() and job.file_name == "dem.txt"
    assert job.finished_at is not None


def test_bad_parameters_are_refused_before_any_job_exists(user):
    with pytest.raises(DomainError) as refused:
        runner.start("test-count", {}, user=user)
    assert refused.value.problems[0].field == "n"
    with pytest.raises(DomainError, match="không-có"):
        runner.start("không-có", {"n": 1}, user=user)
    assert not Job.objects.exists()


def test_a_refusal_during_the_work_fails_the_job_with_its_message(user):
    job = runner.start("test-count", {"n": 2, "refuse": True}, user=user)
    assert job.status == Job.Status.FAILED and job.content is None
    assert job.problems == [{"code": "no_data", "field": "scope", "message": "Không có số liệu."}]


def test_a_crash_fails_the_job_with_a_message_not_a_traceback(user, caplog):
    job = runner.start("test-count", {"n": 2, "crash": True}, user=user)
    assert job.status == Job.Status.FAILED
    assert job.problems[0]["code"] == "job_failed"
    assert "RuntimeError" not in job.problems[0]["message"]
    assert "bug" in caplog.text  # the traceback is logged for the administrator


@pytest.mark.django_db(transaction=True)
def test_the_job_runs_in_its_own_thread_after_the_commit(settings):
    settings.JOBS_RUN_INLINE = False
    user = User.objects.create_user("nguoi.dung.2", password="x")
    started = threading.Event()
    original = runner._thread

    def spy(job_id):
        thread = original(job_id)
        started.set()
        spy.thread = thread
        return thread

    runner._thread = spy
    try:
        with transaction.atomic():
            job = runner.start("test-count", {"n": 4}, user=user)
            assert not started.is_set()  # not before the job's row is committed
        assert started.is_set()
        spy.thread.join(timeout=30)
    finally:
        runner._thread = original
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert bytes(job.content) == f"4 {user.pk}".encode()


def test_a_job_silent_for_too_long_is_interrupted(user):
    job = Job.objects.create(kind="test-count", title="x", user=user, status=Job.Status.RUNNING)
    assert not job.interrupted
    job.updated_at = timezone.now() - dt.timedelta(minutes=11)
    assert job.interrupted
    job.status = Job.Status.DONE
    assert not job.interrupted


def test_a_job_is_found_only_by_its_user(user):
    job = runner.start("test-count", {"n": 1}, user=user)
    other = User.objects.create_user("nguoi.khac", password="x")
    assert runner.job_of(job.pk, user) == job
    with pytest.raises(NotFound):
        runner.job_of(job.pk, other)
    with pytest.raises(NotFound):
        runner.job_of("không-phải-mã", user)
    assert runner.jobs_of(other) == []
