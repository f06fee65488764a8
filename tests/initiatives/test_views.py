"""The pages as an officer and a leader use them: forms, errors in Vietnamese, import preview, exports."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from danvan.accounts.access import SYSTEM
from danvan.initiatives.models import Criterion, Field, Initiative
from tests.factories import make_initiative
from tests.initiatives.test_imports import good_row, sheet

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_registration_form_registers_and_names_missing_fields(tree, personas) -> None:
    client = logged_in(personas.officer_a)
    field = Field.objects.get(parent=None, name="Kinh tế")
    page = client.post(reverse("initiative_create"), {"unit": tree.hamlet_a.name, "kind": "model", "year": 2026})
    assert page.status_code == 200
    assert "Trường này là bắt buộc" in page.content.decode()
    data = {
        "unit": tree.hamlet_a.name,  # chosen by name (the combobox also sends its id as unit_pk)
        "kind": "model",
        "year": 2026,
        "name": "Vận động nhân dân hiến đất làm đường",
        "field": field.pk,
        "owner_name": "Chi bộ thôn A1",
        "problem": "Đường hẹp",
        "goals": "Mở rộng 2 km đường",
        "content": "Họp dân, vận động từng hộ",
        "register": "1",
    }
    response = client.post(reverse("initiative_create"), data)
    initiative = Initiative.objects.get()
    assert response.url == reverse("initiative_detail", args=[initiative.pk])
    assert initiative.status == "registered" and initiative.unit == tree.hamlet_a
    detail = client.get(response.url).content.decode()
    assert "Đã đăng ký" in detail and "Ra mắt mô hình" in detail  # the next step is offered
    assert "Đề nghị công nhận" not in detail  # an officer does not propose
    # a unit outside the officer's scope is not even a choice, by name, code or id
    data |= {"unit": tree.commune_b.name, "unit_pk": str(tree.commune_b.pk)}
    refused = client.post(reverse("initiative_create"), data).content.decode()
    assert "Không tìm thấy đơn vị nào có tên hoặc mã" in refused
    assert Initiative.objects.count() == 1


def test_transition_form_refuses_with_the_reason_and_changes_nothing(tree, personas) -> None:
    initiative = make_initiative(tree.commune_a, "under_review")
    client = logged_in(personas.leader_a)
    page = client.post(
        reverse("initiative_act", args=[initiative.pk, "recognise"]),
        {"level": "tinh", "decision_no": "1", "decided_on": "2026-10-01", "issuer": "Tỉnh ủy"},
    )
    assert "Chỉ lãnh đạo cấp tỉnh" in page.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == "under_review"


def test_council_member_scores_out_of_scale_then_right(tree, personas) -> None:
    initiative = make_initiative(tree.commune_a, "proposed")
    client = logged_in(personas.leader_a)
    client.post(
        reverse("initiative_act", args=[initiative.pk, "open_review"]),
        {"chair": personas.leader_a.pk, "members": [personas.officer_a.pk]},
    )
    review = initiative.reviews.get()
    criteria = list(Criterion.objects.filter(active=True))
    marks = {f"score_{c.pk}": "8,5" for c in criteria} | {"score": "1"}
    page = client.post(reverse("review_detail", args=[review.pk]), marks | {f"score_{criteria[0].pk}": "12"})
    assert "Điểm phải từ 0 đến 10" in page.content.decode()
    assert review.scores.count() == 0
    client.post(reverse("review_detail", args=[review.pk]), marks)
    assert review.scores.count() == len(criteria)
    assert "85,00" in client.get(reverse("review_detail", args=[review.pk])).content.decode()


def test_import_preview_then_confirm(tree, personas, settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path
    client = logged_in(personas.officer_a)
    upload = sheet([good_row(1), good_row(2)])
    upload.name = "dang-ky.xlsx"
    preview = client.post(reverse("initiative_import"), {"file": upload})
    body = preview.content.decode()
    assert "Xem trước: 2 mô hình hợp lệ" in body
    assert Initiative.objects.count() == 0
    token = preview.context["token"]
    done = client.post(reverse("initiative_import"), {"confirm": "1", "token": token})
    assert done.status_code == 302 and Initiative.objects.count() == 2


def test_import_rejection_lists_rows(tree, personas, settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path
    upload = sheet([good_row(1, code="99999")])
    upload.name = "dang-ky.xlsx"
    body = logged_in(personas.officer_a).post(reverse("initiative_import"), {"file": upload}).content.decode()
    assert "Dòng 2, cột “Mã đơn vị”" in body and "chưa có dòng nào được nhập" in body


def test_disguised_upload_is_refused_in_the_page(tree, personas, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    initiative = make_initiative(tree.commune_a, "launched")
    client = logged_in(personas.officer_a)
    fake = io.BytesIO(b"%PDF-1.4\n" + b"0" * 300)
    fake.name = "anh-le-ra-mat.jpg"
    response = client.post(reverse("initiative_evidence", args=[initiative.pk]), {"file": fake}, follow=True)
    assert "bị đổi tên" in response.content.decode()
    assert initiative.evidence.count() == 0


def test_export_of_the_filtered_list(tree, personas) -> None:
    make_initiative(tree.commune_a, "recognised", name="Dân vận khéo trong xây dựng nông thôn mới")
    make_initiative(tree.commune_a, "registered", name="Camera an ninh")
    response = logged_in(personas.supervisor).get(reverse("initiative_export") + "?q=dan+van+kheo")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    names = [r[5] for r in rows if r and isinstance(r[0], int)]
    assert names == ["Dân vận khéo trong xây dựng nông thôn mới"]


def test_stats_page_and_its_excel(tree, personas) -> None:
    make_initiative(tree.commune_a, "recognised")
    make_initiative(tree.commune_b, "exemplary")
    client = logged_in(personas.supervisor)
    page = client.get(
        reverse("initiative_stats"), {"unit": tree.province.code, "year": 2026, "period": "year", "tree": "today"}
    )
    stats = page.context["stats"]
    assert (stats.registered, stats.recognised, stats.exemplary) == (2, 2, 1)
    assert "Xã B" in page.content.decode()
    xlsx = client.get(
        reverse("initiative_stats"),
        {"unit": tree.province.code, "year": 2026, "period": "year", "tree": "today", "format": "xlsx"},
    )
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert ("TỔNG SỐ", 2, 2, 1, 0, 0) in rows
    out_of_scope = logged_in(personas.officer_b).get(
        reverse("initiative_stats"), {"unit": tree.commune_a.code, "year": 2026}
    )
    assert out_of_scope.context["stats"] is None and "ngoài phạm vi" in out_of_scope.content.decode()


def test_bulk_recognition_with_one_decision(tree, personas) -> None:
    first = make_initiative(tree.commune_a, "under_review")
    second = make_initiative(tree.hamlet_a, "under_review")
    client = logged_in(personas.leader_a)
    response = client.post(
        reverse("initiative_bulk"),
        {
            "action": "recognise",
            "ids": [first.pk, second.pk],
            "level": "co_so",
            "decision_no": "25-QĐ/ĐU",
            "decided_on": "01/10/2026",
            "issuer": "Đảng ủy xã A",
        },
        follow=True,
    )
    assert "cho 2 mô hình" in response.content.decode()
    assert set(Initiative.objects.values_list("status", flat=True)) == {"recognised"}


def test_evidence_is_served_in_scope_and_public_photos_in_the_gallery(tree, personas, settings, tmp_path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.initiatives import services
    from tests.initiatives.test_services import _jpeg

    settings.MEDIA_ROOT = tmp_path
    initiative = make_initiative(tree.commune_a, "recognised")
    photo = services.attach_evidence(
        actor=SYSTEM, initiative=initiative, upload=SimpleUploadedFile("le-ra-mat.jpg", _jpeg()), public=True
    )
    inside = logged_in(personas.officer_a).get(reverse("evidence_file", args=[photo.pk]))
    assert inside.status_code == 200 and inside["Content-Type"] == "image/jpeg"
    assert inside["X-Content-Type-Options"] == "nosniff"
    assert logged_in(personas.officer_b).get(reverse("evidence_file", args=[photo.pk])).status_code == 404
    assert Client().get(reverse("gallery_photo", args=[photo.pk])).status_code == 404  # not published yet
    services.publish(actor=SYSTEM, initiative=initiative, summary="Tóm tắt")
    assert Client().get(reverse("gallery_photo", args=[photo.pk])).status_code == 200
