"""The services of inspections: scope, rights, bad input (a Vietnamese error naming the field, nothing
written), the plan's and the recommendation's steps through the engine, evidence, the conclusion."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from danvan.core.models import Event
from danvan.inspections import documents, services
from danvan.inspections.models import Plan, Recommendation, RecommendationEvidence, TeamMember, Visit
from tests.inspections.conftest import PLAN_DATE, SYSTEM, VISIT_DAY, make_plan

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _pdf(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _counts() -> tuple[int, ...]:
    return (
        Plan.objects.count(),
        Visit.objects.count(),
        Recommendation.objects.count(),
        RecommendationEvidence.objects.count(),
        TeamMember.objects.count(),
        Event.objects.count(),
    )


def _refused(field: str, call) -> str:
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        call()
    assert _counts() == before, "nothing written"
    assert field in caught.value.message_dict, caught.value.message_dict
    return caught.value.message_dict[field][0]


def test_plan_visit_recommendation_walk(inspection, tree) -> None:
    plan, visit, rec = inspection.plan, inspection.visit, inspection.rec
    assert plan.status == "in_progress"  # the first visit started the approved plan
    assert [m.name for m in plan.members.all()] == ["Nguyễn Thị Huế", "Hoàng Văn Nam"]
    assert [(f.label, int(f.value)) for f in visit.figures.all()] == [
        ("Mô hình “Dân vận khéo” đăng ký xây dựng", 6),
        ("Mô hình được biểu dương, khen thưởng", 3),
    ]
    assert rec.unit == tree.commune_a and rec.status == "open" and rec.made_on == VISIT_DAY
    steps = [e.action for e in Event.objects.for_object(plan)]
    assert steps == ["open", "team", "approve", "start", "visit", "recommend"]
    services.act_plan(actor=SYSTEM, plan=plan, action="conclude", number="27-TB/BTGDVTU", on=datetime.date(2026, 9, 25))
    plan.refresh_from_db()
    assert (plan.status, plan.conclusion_number, plan.conclusion_date) == (
        "concluded",
        "27-TB/BTGDVTU",
        datetime.date(2026, 9, 25),
    )


def test_bad_input_team_without_head(inspection, tree) -> None:
    plan = make_plan(tree, inspection.ban, number="06-KH/BTGDVTU")
    message = _refused(
        "team",
        lambda: services.set_team(actor=SYSTEM, plan=plan, members=[services.Member("Hoàng Văn Nam", "Chuyên viên")]),
    )
    assert message == "Đoàn kiểm tra phải có Trưởng đoàn."
    # Nor may a plan without a head be approved.
    with pytest.raises(ValidationError) as caught:
        services.act_plan(actor=SYSTEM, plan=plan, action="approve")
    assert "Trưởng đoàn" in caught.value.message_dict["status"][0]


def test_bad_input_visit_outside_the_plans_units(inspection, tree) -> None:
    message = _refused(
        "unit",
        lambda: services.record_visit(
            actor=SYSTEM,
            plan=inspection.plan,
            unit=tree.commune_c,
            visited_on=VISIT_DAY,
            checked=["Quy chế"],
            strengths="Tốt",
        ),
    )
    assert message == "Đơn vị được kiểm tra không có trong danh sách đơn vị của kế hoạch."
    _refused(
        "visited_on",
        lambda: services.record_visit(
            actor=SYSTEM,
            plan=inspection.plan,
            unit=tree.commune_b,
            visited_on=datetime.date(2026, 10, 5),
            checked=["Quy chế"],
            strengths="Tốt",
        ),
    )


def test_bad_input_deadline_before_the_plans_date(inspection) -> None:
    message = _refused(
        "due_on",
        lambda: services.add_recommendation(
            actor=SYSTEM,
            plan=inspection.plan,
            visit=inspection.visit,
            content="Rà soát hương ước",
            responsible="UBND Xã A",
            due_on=PLAN_DATE - datetime.timedelta(days=1),
        ),
    )
    assert message == "Thời hạn thực hiện không được trước ngày ban hành kế hoạch kiểm tra."
    _refused(
        "responsible",
        lambda: services.add_recommendation(
            actor=SYSTEM, plan=inspection.plan, visit=inspection.visit, content="Rà soát", responsible=" "
        ),
    )


def test_bad_input_closed_without_evidence(inspection) -> None:
    rec = inspection.rec
    message = _refused(
        "evidence", lambda: services.close_recommendation(actor=SYSTEM, recommendation=rec, note="Đã rà soát xong")
    )
    assert message == "Cần đính kèm ít nhất một tệp minh chứng hoặc ghi số văn bản chứng minh."
    _refused("note", lambda: services.close_recommendation(actor=SYSTEM, recommendation=rec, note="", files=[_pdf()]))
    # The same through the engine's own step (the API's path).
    _refused(
        "evidence",
        lambda: services.act_recommendation(actor=SYSTEM, recommendation=rec, action="close", note="Đã rà soát"),
    )
    rec.refresh_from_db()
    assert rec.status == "open" and not rec.evidence.exists()


def test_bad_input_plan_dates_and_units(inspection, tree) -> None:
    _refused(
        "start_on",
        lambda: make_plan(tree, inspection.ban, number="07", start_on=PLAN_DATE - datetime.timedelta(days=2)),
    )
    message = _refused("units", lambda: make_plan(tree, inspection.ban, number="08", units=[tree.commune_c]))
    assert "không thuộc phạm vi của cơ quan kiểm tra" in message
    _refused("scopes", lambda: make_plan(tree, inspection.ban, number="09", scopes=[]))


def test_close_with_a_file_and_with_a_document_number(inspection) -> None:
    rec = inspection.rec
    services.act_recommendation(actor=SYSTEM, recommendation=rec, action="start")
    services.close_recommendation(
        actor=SYSTEM,
        recommendation=rec,
        note="Đã rà soát 17 tổ dân phố",
        on=datetime.date(2026, 11, 20),
        files=[_pdf()],
    )
    rec.refresh_from_db()
    assert (rec.status, rec.ended_on, rec.evidence.count()) == ("closed", datetime.date(2026, 11, 20), 1)
    last = list(Event.objects.for_object(rec))[-1]
    assert last.action == "close" and "đúng hạn" in last.note
    other = services.add_recommendation(
        actor=SYSTEM,
        plan=inspection.plan,
        visit=inspection.visit,
        content="Nhân rộng mô hình",
        responsible="MTTQ Xã A",
        due_on=datetime.date(2026, 9, 20),
    )
    services.act_recommendation(
        actor=SYSTEM,
        recommendation=other,
        action="close",
        note="Đã nhân rộng",
        document_no="12/BC-MTTQ",
        on=datetime.date(2026, 10, 1),
    )
    other.refresh_from_db()
    assert other.status == "closed" and other.document_no == "12/BC-MTTQ"
    assert "quá hạn" in list(Event.objects.for_object(other))[-1].note


def test_a_renamed_file_is_refused_and_nothing_written(inspection) -> None:
    fake = SimpleUploadedFile("anh.jpg", PDF, content_type="image/jpeg")
    _refused(
        "file",
        lambda: services.close_recommendation(actor=SYSTEM, recommendation=inspection.rec, note="Xong", files=[fake]),
    )


def test_default_deadline(inspection) -> None:
    rec = services.add_recommendation(
        actor=SYSTEM,
        plan=inspection.plan,
        visit=inspection.visit,
        content="Nâng cao năng lực cán bộ",
        responsible="UBND Xã A",
    )
    assert rec.due_on == datetime.date(2026, 10, 14)
    assert "kế hoạch kiểm tra" in rec.due_explanation


def test_rights_and_scope(inspection, personas, tree) -> None:
    plan = inspection.plan
    # A commune officer cannot act on the province's plan; a supervisor reads only.
    for person in (personas.officer_a, personas.supervisor):
        with pytest.raises(PermissionDenied):
            services.record_visit(
                actor=person, plan=plan, unit=tree.commune_a, visited_on=VISIT_DAY, checked=["x"], strengths="y"
            )
    with pytest.raises(PermissionDenied):
        services.act_recommendation(actor=personas.supervisor, recommendation=inspection.rec, action="start")
    with pytest.raises(PermissionDenied):
        services.act_recommendation(actor=personas.officer_b, recommendation=inspection.rec, action="start")
    # The officer of the visited commune answers the recommendation; only a leader may withdraw it.
    services.act_recommendation(actor=personas.officer_a, recommendation=inspection.rec, action="start")
    with pytest.raises(PermissionDenied):
        services.act_recommendation(
            actor=personas.officer_a, recommendation=inspection.rec, action="withdraw", reason="Không còn phù hợp"
        )
    with pytest.raises(PermissionDenied):
        services.save_plan(
            actor=personas.officer_a,
            body=inspection.ban,
            number="x",
            plan_date=PLAN_DATE,
            title="t",
            scopes=["democracy"],
            start_on=PLAN_DATE,
            end_on=PLAN_DATE,
            units=[tree.commune_a],
        )
    # The inspector of the province plans, visits and concludes no more than the right allows.
    with pytest.raises(PermissionDenied):
        services.act_plan(actor=inspection.inspector, plan=plan, action="conclude", number="1-TB")
    services.act_plan(
        actor=inspection.chief, plan=plan, action="conclude", number="1-TB/BTGDVTU", on=datetime.date(2026, 9, 25)
    )


def test_team_member_must_be_in_scope(inspection, personas) -> None:
    message = _refused(
        "team",
        lambda: services.set_team(
            actor=SYSTEM, plan=inspection.plan, members=[services.Member("", "", "head", personas.officer_b)]
        ),
    )
    assert "không thuộc phạm vi" in message


def test_conclusion_docx_has_the_findings_with_diacritics(inspection) -> None:
    services.act_plan(
        actor=SYSTEM,
        plan=inspection.plan,
        action="conclude",
        number="27-TB/BTGDVTU",
        on=datetime.date(2026, 9, 25),
        summary="Các đơn vị đã quan tâm lãnh đạo, chỉ đạo.",
    )
    inspection.plan.refresh_from_db()
    document = Document(io.BytesIO(documents.render_conclusion(inspection.plan)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in cells and "Số 27-TB/BTGDVTU" in cells
    assert "BAN TUYÊN GIÁO VÀ DÂN VẬN\nTỈNH" not in cells and "TỈNH ỦY MỚI\nBAN TUYÊN GIÁO VÀ DÂN VẬN\n*" in cells
    assert "Kết luận kiểm tra thực hiện dân chủ ở cơ sở và phong trào thi đua “Dân vận khéo”" in text
    assert "Mới, ngày 25 tháng 9 năm 2026" in cells
    assert "Công khai theo tinh thần “Dân biết, dân bàn, dân làm, dân kiểm tra”." in text
    assert "Một số hương ước, quy ước chưa được rà soát, bổ sung." in text
    assert "Mô hình “Dân vận khéo” đăng ký xây dựng" in cells and "06" in cells and "03" in cells
    assert "Rà soát việc thực hiện quy ước, hương ước tại các tổ dân phố." in cells
    assert "Ủy ban nhân dân Xã A" in cells and "30/11/2026" in cells
    assert "Trưởng đoàn: Nguyễn Thị Huế, Phó Trưởng Ban" in text
    assert "T/M ĐOÀN KIỂM TRA" in cells and "Nguyễn Thị Huế" in cells and "Nơi nhận:" in cells


def test_the_body_names_the_plan_when_no_name_is_typed(inspection, tree) -> None:
    plan = make_plan(tree, inspection.ban, number="11-KH/BTGDVTU", body_name="")
    assert plan.body_name == "Ban Tuyên giáo và Dân vận Tỉnh ủy Mới" and plan.unit == tree.province
    with pytest.raises(ValidationError) as caught:
        services.save_plan(
            actor=SYSTEM,
            unit=tree.province,
            number="12",
            plan_date=PLAN_DATE,
            title="t",
            scopes=["democracy"],
            start_on=PLAN_DATE,
            end_on=PLAN_DATE,
            units=[tree.commune_a],
        )
    assert caught.value.message_dict["body_name"] == ["Cần ghi cơ quan kiểm tra."]
