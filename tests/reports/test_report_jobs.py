"""Reports from the web UI and the API: asked for with a form or a JSON body, built in the
background (tinhgon.jobs; inline in tests), followed on the job's page, downloaded when done.
The party statistics table renders through the same machinery (docx landscape with grouped
headers, html, xlsx)."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from docx import Document
from rest_framework.test import APIClient

from tinhgon.jobs.models import Job

from .test_de_an_25 import FIGURES, docx_text

pytestmark = pytest.mark.django_db

FORM = {
    "scope": "194",
    "from": "01/01/2015",
    "to": "31/12/2020",
    "on": "09/10/2024",
    "posts_on": "30/06/2020",
    "interim": "30/06/2019",
    "term_start": "01/07/2020",
    "layout": "party",
    "format": "docx",
    "number": "125",
    "date": "16/06/2025",
}


def test_the_report_form_builds_the_docx_in_the_background(demo, client, tmp_path):
    assert client.get("/reports/de-an-25/").status_code == 200
    answer = client.post("/reports/de-an-25/", FORM)
    assert answer.status_code == 302
    job = Job.objects.get()
    assert answer["Location"] == f"/jobs/{job.pk}/"
    page = client.get(answer["Location"]).content.decode()
    assert "Hoàn thành" in page and f"/jobs/{job.pk}/file/" in page
    assert 'src="/static/web/jobs.js"' in page
    status = client.get(f"/jobs/{job.pk}/status/").json()
    assert status["status"] == "done" and status["percent"] == 100
    assert status["total"] == 7  # six sections, then the file
    download = client.get(status["file"])
    assert download["Content-Disposition"].startswith("attachment; filename=")
    path = tmp_path / "bc.docx"
    path.write_bytes(download.content)
    text = docx_text(path)
    for figure in FIGURES:
        assert figure in text, figure
    assert "Báo cáo Đề án 25" in client.get("/jobs/").content.decode()


def test_bad_input_in_the_form_is_named_and_no_job_is_made(demo, client):
    answer = client.post("/reports/de-an-25/", {**FORM, "to": "", "from": "32/01/2015"})
    assert answer.status_code == 400
    body = answer.content.decode()
    assert "Trường này là bắt buộc." in body  # to
    assert "32/01/2015" in body  # the date it could not read
    assert not Job.objects.exists()
    unknown = client.post("/reports/de-an-25/", {**FORM, "scope": "khong-co"})
    assert unknown.status_code == 400 and not Job.objects.exists()


def test_a_report_refused_while_building_is_shown_on_its_page(demo, client):
    # 2022: the city existed, but nothing was restructured: no report of zeros is written.
    quiet = {"from": "01/01/2022", "to": "31/12/2022", "on": "", "posts_on": "", "interim": ""}
    answer = client.post("/reports/de-an-25/", {**FORM, **quiet, "term_start": ""})
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    page = client.get(answer["Location"]).content.decode()
    assert "không lập báo cáo" in page and "Không thành công" in page
    assert client.get(f"/jobs/{job.pk}/file/").status_code == 409


def test_the_api_starts_the_report_and_serves_its_file(demo, admin_user):
    api = APIClient()
    api.force_authenticate(admin_user)
    body = {
        "scope": "194",
        "from": "2015-01-01",
        "to": "2020-12-31",
        "on": "2024-10-09",
        "term_start": "2020-07-01",
        "format": "xlsx",
    }
    answer = api.post("/api/reports/de-an-25/", body, format="json")
    assert answer.status_code == 202, answer.content
    job = answer.json()
    assert answer["Location"] == f"/api/jobs/{job['id']}/"
    assert api.get(answer["Location"]).json()["status"] == "done"
    download = api.get(job["file"])
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    # The API speaks YYYY-MM-DD; other fields and dd/mm/yyyy are refused, nothing started.
    before = Job.objects.count()
    wrong = api.post(
        "/api/reports/de-an-25/", {**body, "from": "01/01/2015", "color": "red"}, format="json"
    )
    assert wrong.status_code == 400
    fields = {p["field"] for p in wrong.json()["errors"]}
    assert fields == {"from", "color"}
    assert api.post("/api/reports/nope/", body, format="json").status_code == 400
    assert Job.objects.count() == before


def test_the_party_statistics_report_in_landscape_with_grouped_headers(demo, client, tmp_path):
    answer = client.post(
        "/reports/party-statistics/", {"scope": "194", "on": "09/10/2024", "format": "docx"}
    )
    job = Job.objects.get(pk=answer["Location"].split("/")[2])
    assert job.status == Job.Status.DONE, job.problems
    doc = Document(io.BytesIO(bytes(job.content)))
    section = doc.sections[0]
    assert section.page_width > section.page_height  # landscape
    grid = doc.tables[1]  # after the header table
    first, second = grid.rows[0].cells, grid.rows[1].cells
    labels = [c.text for c in first]
    gender = labels.index("Giới tính")
    assert labels[gender + 1] == "Giới tính"  # one cell merged over the two columns
    assert (second[gender].text, second[gender + 1].text) == ("Nam", "Nữ")
    assert first[0].text == second[0].text == "Tổ chức đảng"  # spans both header rows
    total = grid.rows[-1].cells
    assert total[0].text == "Tổng cộng" and int(total[1].text) == 4851  # mong-cai.md


def test_the_party_statistics_report_as_html(demo, client):
    answer = client.post(
        "/reports/party-statistics/", {"scope": "194", "on": "09/10/2024", "format": "html"}
    )
    job = Job.objects.get(pk=answer["Location"].split("/")[2])
    html = bytes(job.content).decode()
    assert re.search(r'<th scope="col" colspan="2">Giới tính</th>', html)
    assert re.search(r'<th scope="col" rowspan="2">Tổ chức đảng</th>', html)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in html


def test_other_users_do_not_see_the_job(demo, client, django_user_model):
    client.post(
        "/reports/party-statistics/", {"scope": "194", "on": "09/10/2024", "format": "html"}
    )
    job = Job.objects.get()
    other = Client()
    other.force_login(django_user_model.objects.create_user("khac", password="x"))
    assert other.get(f"/jobs/{job.pk}/").status_code == 404
    assert other.get(f"/jobs/{job.pk}/file/").status_code == 404
