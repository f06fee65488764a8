"""Pages × personas: who reads, who acts, who gets 404 (a record out of scope) or 403 (no right); the forms'
errors; the close form with its evidence; the conclusion DOCX; the inbox."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from danvan.inspections import services
from danvan.inspections.models import Recommendation
from danvan.workflow import inbox
from tests.inspections.conftest import SYSTEM

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_pages_by_persona(inspection, personas) -> None:
    plan, visit, rec = inspection.plan, inspection.visit, inspection.rec
    pages = {
        "list": reverse("inspection_plan_list"),
        "export": reverse("inspection_plan_export"),
        "recs": reverse("inspection_recommendation_list"),
        "stats": reverse("inspection_stats"),
        "plan": reverse("inspection_plan_detail", args=[plan.pk]),
        "docx": reverse("inspection_plan_conclusion", args=[plan.pk]),
        "visit": reverse("inspection_visit_detail", args=[visit.pk]),
        "rec": reverse("inspection_recommendation_detail", args=[rec.pk]),
        "new_plan": reverse("inspection_plan_create"),
        "new_visit": reverse("inspection_visit_create", args=[plan.pk]),
        "act_rec": reverse("inspection_recommendation_act", args=[rec.pk, "start"]),
    }
    expected = {
        # the inspector of the province: everything
        inspection.inspector: {k: 200 for k in pages},
        # the officer of Xã A: its visit and recommendation, not the province's plan; may answer the recommendation
        personas.officer_a: {**{k: 200 for k in pages}, "plan": 404, "docx": 404, "new_visit": 404},
        # the officer of Xã B: nothing of Xã A's
        personas.officer_b: {
            **{k: 200 for k in pages},
            "plan": 404,
            "docx": 404,
            "visit": 404,
            "rec": 404,
            "new_visit": 404,
            "act_rec": 404,
        },
        # the supervisor reads everything and may act on nothing
        personas.supervisor: {**{k: 200 for k in pages}, "new_plan": 403, "new_visit": 403, "act_rec": 403},
        None: {k: 302 for k in pages},
    }
    for user, statuses in expected.items():
        client = _client(user)
        got = {name: client.get(url).status_code for name, url in pages.items()}
        assert got == statuses, getattr(user, "username", "anonymous")


def test_supervisor_sees_no_buttons(inspection, personas) -> None:
    page = _client(personas.supervisor).get(reverse("inspection_recommendation_detail", args=[inspection.rec.pk]))
    html = page.content.decode()
    act = reverse("inspection_recommendation_act", args=[inspection.rec.pk, "start"])
    assert act not in html and 'id="close"' not in html and "Đính kèm" not in html
    page = _client(personas.officer_a).get(reverse("inspection_recommendation_detail", args=[inspection.rec.pk]))
    html = page.content.decode()
    assert act in html and 'id="close"' in html


def test_plan_page_shows_team_visits_recommendations_timeline(inspection) -> None:
    html = (
        _client(inspection.inspector).get(reverse("inspection_plan_detail", args=[inspection.plan.pk])).content.decode()
    )
    for text in (
        "Trưởng đoàn</strong>: Nguyễn Thị Huế",
        "Xã A",
        "Rà soát việc thực hiện quy ước",
        "Ban hành thông báo kết luận",
        'id="timeline"',
        "Mô hình được biểu dương, khen thưởng: 3",
    ):
        assert text in html, text


def test_close_form_needs_evidence_then_closes_with_a_file(inspection, personas) -> None:
    client = _client(personas.officer_a)
    url = reverse("inspection_recommendation_close", args=[inspection.rec.pk])
    response = client.post(url, {"note": "Đã rà soát", "on": "2026-11-20"})
    assert response.status_code == 422
    assert "Cần đính kèm ít nhất một tệp minh chứng hoặc ghi số văn bản chứng minh." in response.content.decode()
    inspection.rec.refresh_from_db()
    assert inspection.rec.status == "open"
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {"note": "Đã rà soát 17 tổ", "on": "2026-11-20", "evidence_files": upload})
    assert response.status_code == 302
    inspection.rec.refresh_from_db()
    assert inspection.rec.status == "closed" and inspection.rec.evidence.count() == 1
    evidence = inspection.rec.evidence.get()
    assert (
        _client(personas.supervisor).get(reverse("inspection_recommendation_file", args=[evidence.pk])).status_code
        == 200
    )
    assert (
        _client(personas.officer_b).get(reverse("inspection_recommendation_file", args=[evidence.pk])).status_code
        == 404
    )


def test_forms_name_the_field(inspection, tree) -> None:
    client = _client(inspection.inspector)
    response = client.post(
        reverse("inspection_plan_team", args=[inspection.plan.pk]), {"members": "Hoàng Văn Nam; Chuyên viên"}
    )
    assert "Đoàn kiểm tra phải có Trưởng đoàn." in response.content.decode()
    response = client.post(
        reverse("inspection_recommendation_create", args=[inspection.visit.pk]),
        {"content": "Rà soát", "responsible": "UBND Xã A", "due_on": "2026-08-01"},
    )
    assert "Thời hạn thực hiện không được trước ngày ban hành kế hoạch kiểm tra." in response.content.decode()
    assert Recommendation.objects.count() == 1


def test_create_plan_and_record_a_visit_through_the_pages(inspection, tree) -> None:
    client = _client(inspection.inspector)
    response = client.post(
        reverse("inspection_plan_create"),
        {
            "body": inspection.ban.pk,
            "number": "20-KH/BTGDVTU",
            "plan_date": "2026-10-01",
            "title": "Kiểm tra dân vận chính quyền",
            "scopes": ["government"],
            "start_on": "2026-10-05",
            "end_on": "2026-10-20",
            "units": [tree.commune_b.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    plan = services.Plan.objects.get(number="20-KH/BTGDVTU")
    client.post(
        reverse("inspection_plan_team", args=[plan.pk]),
        {"head_name": "Lương Văn Đoàn", "head_position": "Trưởng Ban", "members": "Hoàng Thị Lộc; Chuyên viên"},
    )
    assert plan.members.count() == 2
    services.act_plan(actor=SYSTEM, plan=plan, action="approve", on=datetime.date(2026, 10, 1))
    response = client.post(
        reverse("inspection_visit_create", args=[plan.pk]),
        {"unit": tree.commune_a.pk, "visited_on": "2026-10-06", "checked": "Công khai", "strengths": "Tốt"},
    )
    assert "Đơn vị được kiểm tra" in response.content.decode() and plan.visits.count() == 0
    response = client.post(
        reverse("inspection_visit_create", args=[plan.pk]),
        {
            "unit": tree.commune_b.pk,
            "visited_on": "2026-10-06",
            "checked": "Công khai",
            "strengths": "Tốt",
            "figures": "Mô hình đăng ký; 06; mô hình",
        },
    )
    assert response.status_code == 302 and plan.visits.get().figures.get().value == 6


def test_conclusion_download(inspection) -> None:
    response = _client(inspection.inspector).get(reverse("inspection_plan_conclusion", args=[inspection.plan.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Rà soát việc thực hiện quy ước, hương ước tại các tổ dân phố." in cells


def test_inbox_shows_the_recommendation_to_the_visited_commune(inspection, personas) -> None:
    box = inbox.for_user(personas.officer_a, today=datetime.date(2026, 12, 1))
    assert box.overdue.count == 1 and "Rà soát việc thực hiện quy ước" in box.overdue.items[0].title
    assert any(g.key.startswith("inspection_recommendation") for g in box.todo)
    nothing = inbox.for_user(personas.officer_b, today=datetime.date(2026, 12, 1))
    assert not any(g.key.startswith("inspection_") for g in nothing.todo) and nothing.overdue.count == 0
