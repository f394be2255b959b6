"""A job's progress page in the browser: web/jobs.js follows the job's status, moving the
progress bar and the step as the work reports them, then shows the link to the file."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from tinhgon.jobs.models import Job

pytestmark = pytest.mark.browser


def test_the_progress_page_follows_the_job_to_its_file(page: Page, site: str):
    user = get_user_model().objects.get(username="quan.tri")
    job = Job.objects.create(
        kind="de-an-25", title="Báo cáo thử", user=user, status=Job.Status.RUNNING, done=1, total=4
    )
    page.goto(f"{site}/jobs/{job.pk}/")
    expect(page.locator("#job-progress")).to_have_attribute("value", "25")
    Job.objects.filter(pk=job.pk).update(done=3, step="Đang ghi tệp")
    expect(page.locator("#job-step")).to_have_text("Đang ghi tệp")
    expect(page.locator("#job-progress")).to_have_attribute("value", "75")
    expect(page.locator("#job-file")).to_be_hidden()
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE, file_name="bc.html", content_type="text/html", content=b"<p>x</p>"
    )
    expect(page.locator("#job-status")).to_have_text("Hoàn thành")
    link = page.locator("#job-file a")
    expect(link).to_have_text("Tải về bc.html")
    expect(link).to_have_attribute("href", f"/jobs/{job.pk}/file/")
