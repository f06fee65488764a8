"""Documents as DOCX in the format of Nghị định 30/2020/NĐ-CP, from editable templates."""

from __future__ import annotations

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from danvan.accounts.access import SYSTEM
from danvan.petitions import documents, services
from danvan.petitions.models import DocumentTemplate
from tests.petitions.test_services import intake

pytestmark = pytest.mark.django_db


def text_of(body: bytes) -> str:
    doc = Document(io.BytesIO(body))
    cells = [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return "\n".join(cells + [p.text for p in doc.paragraphs])


def test_transfer_slip_in_the_official_layout_without_the_denouncers_identity(tree) -> None:
    letter = services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_a,
        intake=intake(kind="tc", in_competence=False, competent_sector="Thanh tra tỉnh", sender_address="Thôn A1"),
    )
    body = documents.render(letter.case, "chuyen_don", today=datetime.date(2026, 2, 5))
    text = text_of(body)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Mới, ngày 05 tháng 02 năm 2026" in text  # leading zeros for days 1–9 and months 1–2
    assert "PHIẾU CHUYỂN ĐƠN" in text and "Số:    /PC" in text and "Thanh tra tỉnh" in text
    assert "Người tố cáo: được giữ bí mật" in text
    assert "Nông Văn Bình" not in text and "Thôn A1" not in text
    doc = Document(io.BytesIO(body))
    section = doc.sections[0]
    assert [round(x.mm) for x in (section.left_margin, section.right_margin, section.page_width)] == [30, 15, 210]
    assert {r.font.name for p in doc.paragraphs for r in p.runs} == {"Times New Roman"}


def test_the_administrator_edits_the_wording(tree, personas) -> None:
    template = DocumentTemplate.objects.get(kind="huong_dan")
    template.body = "Kính gửi {nguoi_gui}. Đề nghị gửi đơn đến {co_quan_tham_quyen}. {khong_co}"
    template.save()
    case = services.receive_letter(
        actor=SYSTEM, unit=tree.commune_a, intake=intake(in_competence=False, competent_sector="Tòa án nhân dân")
    ).case
    client = Client()
    client.force_login(personas.officer_a)
    response = client.get(reverse("case_document", args=[case.pk, "huong_dan"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = text_of(response.content)
    assert "Kính gửi Nông Văn Bình. Đề nghị gửi đơn đến Tòa án nhân dân. …" in text
    client.force_login(personas.supervisor)  # read-only: no documents
    assert client.get(reverse("case_document", args=[case.pk, "huong_dan"])).status_code == 403
