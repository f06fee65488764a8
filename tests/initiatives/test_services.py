"""Services of the "Dân vận khéo" area against a real database: rights, levels, reviews, results, evidence."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.accounts.access import SYSTEM
from danvan.core.models import Event
from danvan.initiatives import rules, services
from danvan.initiatives.models import Criterion, Field, Initiative, Metric, ResultValue, Review
from tests.factories import RoleAssignmentFactory, UserFactory, make_initiative

pytestmark = pytest.mark.django_db


def registration(**overrides):
    data = {
        "name": "Vận động nhân dân hiến đất làm đường",
        "field": Field.objects.get(parent=None, name="Kinh tế"),
        "year": 2026,
        "owner_name": "Chi bộ thôn A1",
        "problem": "Đường vào thôn hẹp, mùa mưa lầy lội.",
    }
    data.update(overrides)
    return services.Registration(**data)


def test_officer_registers_in_scope_and_not_outside(tree, personas) -> None:
    initiative = services.create_initiative(
        actor=personas.officer_a, unit=tree.hamlet_a, data=registration(), register=True
    )
    assert initiative.status == rules.Status.REGISTERED
    assert initiative.name_folded == "van dong nhan dan hien dat lam duong"
    assert [e.action for e in Event.objects.for_object(initiative)] == ["create", "register"]
    with pytest.raises(PermissionDenied):
        services.create_initiative(actor=personas.officer_b, unit=tree.hamlet_a, data=registration(name="Khác"))
    with pytest.raises(PermissionDenied):
        services.create_initiative(actor=personas.supervisor, unit=tree.commune_a, data=registration(name="Khác"))


def test_registration_errors_name_the_field(tree) -> None:
    kinh_te = Field.objects.get(parent=None, name="Kinh tế")
    env = Field.objects.get(name="Bảo vệ môi trường")
    with pytest.raises(ValidationError) as exc:
        services.create_initiative(
            actor=SYSTEM,
            unit=tree.commune_a,
            data=registration(kind="exemplar", subfield=env, field=kinh_te, year=2008, owner_name=""),
        )
    errors = exc.value.message_dict
    assert set(errors) == {"owner_position", "subfield", "year", "owner_name"}
    assert "Văn hóa" not in errors["subfield"][0] and "Bảo vệ môi trường" in errors["subfield"][0]
    assert Initiative.objects.count() == 0


def test_duplicate_name_in_the_same_unit_and_year(tree) -> None:
    services.create_initiative(actor=SYSTEM, unit=tree.commune_a, data=registration())
    with pytest.raises(ValidationError, match="đã đăng ký"):
        services.create_initiative(
            actor=SYSTEM, unit=tree.commune_a, data=registration(name="VẬN ĐỘNG NHÂN DÂN HIẾN ĐẤT LÀM ĐƯỜNG")
        )
    services.create_initiative(actor=SYSTEM, unit=tree.commune_a, data=registration(year=2025))


@pytest.mark.parametrize("status", [s.value for s in rules.Status])
def test_every_status_is_reached_through_the_services_with_an_event_per_step(tree, status: str) -> None:
    initiative = make_initiative(tree.commune_a, status)
    events = Event.objects.for_object(initiative)
    transitions = [e for e in events if e.to_state and e.action != "create"]
    assert transitions[-1].to_state == status if status != "draft" else transitions == []
    for event in transitions:
        assert rules.transition_for(event.action, event.from_state).target == event.to_state


def test_forbidden_transition_changes_nothing(tree, personas) -> None:
    initiative = make_initiative(tree.commune_a, "registered")
    with pytest.raises(ValidationError) as exc:
        services.propose(actor=personas.leader_a, initiative=initiative)
    assert "Đã đăng ký" in str(exc.value)
    initiative.refresh_from_db()
    assert initiative.status == "registered"
    assert Event.objects.for_object(initiative).count() == 2


def test_officer_may_not_propose_but_leader_may(tree, personas) -> None:
    initiative = make_initiative(tree.commune_a, "in_progress")
    with pytest.raises(PermissionDenied):
        services.propose(actor=personas.officer_a, initiative=initiative)
    services.propose(actor=personas.leader_a, initiative=initiative)
    assert initiative.status == "proposed"


def _under_review(tree, personas, marks: int = 8):
    initiative = make_initiative(tree.commune_a, "proposed")
    review = services.open_review(
        actor=personas.leader_a, initiative=initiative, chair=personas.leader_a, members=[personas.officer_a]
    )
    all_marks = {c.pk: (marks, "") for c in Criterion.objects.filter(active=True)}
    services.score(actor=personas.leader_a, review=review, marks=all_marks)
    services.score(actor=personas.officer_a, review=review, marks=all_marks)
    return initiative, review


def test_commune_leader_recognises_at_base_level_only(tree, personas) -> None:
    initiative, review = _under_review(tree, personas)
    decision = {"decision_no": "15-QĐ/ĐU", "decided_on": datetime.date(2026, 10, 1), "issuer": "Đảng ủy xã A"}
    with pytest.raises(PermissionDenied, match="cấp tỉnh"):
        services.recognise(actor=personas.leader_a, initiative=initiative, level="tinh", **decision)
    with pytest.raises(PermissionDenied):
        services.recognise(actor=personas.officer_a, initiative=initiative, level="co_so", **decision)
    services.recognise(actor=personas.leader_a, initiative=initiative, level="co_so", **decision)
    review.refresh_from_db()
    assert (initiative.status, initiative.level, review.result, review.total) == (
        "recognised",
        "co_so",
        "passed",
        Decimal("80.00"),
    )


def test_recognition_needs_a_finished_council_above_the_pass_mark(tree, personas) -> None:
    initiative, _ = _under_review(tree, personas, marks=5)
    decision = {"decision_no": "15", "decided_on": datetime.date(2026, 10, 1), "issuer": "Đảng ủy xã A"}
    with pytest.raises(ValidationError, match="50,00 dưới mức đạt 70"):
        services.recognise(actor=personas.leader_a, initiative=initiative, level="co_so", **decision)
    services.reject(actor=personas.leader_a, initiative=initiative, level="co_so", reason="Kết quả chưa rõ")
    assert initiative.reviews.get().result == "failed"


def test_a_rejection_is_recorded_on_the_day_of_its_conclusion(tree, personas) -> None:
    initiative, _ = _under_review(tree, personas, marks=5)
    concluded = timezone.localdate() - datetime.timedelta(days=3)
    services.reject(
        actor=personas.leader_a, initiative=initiative, level="co_so", reason="Kết quả chưa rõ", on=concluded
    )
    assert Event.objects.filter(object_id=initiative.pk, action="reject").get().on == concluded
    with pytest.raises(ValidationError, match="không được sau hôm nay"):
        other, _ = _under_review(tree, personas, marks=5)
        services.reject(actor=personas.leader_a, initiative=other, level="co_so", reason="Chưa rõ",
                        on=timezone.localdate() + datetime.timedelta(days=1))  # fmt: skip


def test_scores_are_recorded_on_the_day_the_council_scored(tree, personas) -> None:
    initiative = make_initiative(tree.commune_a, "proposed")
    review = services.open_review(actor=personas.leader_a, initiative=initiative, chair=personas.leader_a, members=[])
    marks = {c.pk: (8, "") for c in Criterion.objects.filter(active=True)}
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="không được trước ngày lập hội đồng"):
        services.score(actor=personas.leader_a, review=review, marks=marks, on=today - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="không được sau hôm nay"):
        services.score(actor=personas.leader_a, review=review, marks=marks, on=today + datetime.timedelta(days=1))
    services.score(actor=personas.leader_a, review=review, marks=marks, on=today)
    assert Event.objects.filter(object_id=initiative.pk, action="score").get().on == today


def test_score_outside_the_scale_and_by_a_non_member(tree, personas) -> None:
    initiative = make_initiative(tree.commune_a, "proposed")
    review = services.open_review(actor=personas.leader_a, initiative=initiative, chair=personas.leader_a, members=[])
    criteria = list(Criterion.objects.filter(active=True))
    marks = {c.pk: (8, "") for c in criteria} | {criteria[0].pk: ("11", "")}
    with pytest.raises(ValidationError) as exc:
        services.score(actor=personas.leader_a, review=review, marks=marks)
    assert "từ 0 đến 10" in str(exc.value) and criteria[0].name in str(exc.value)
    assert review.scores.count() == 0
    with pytest.raises(PermissionDenied):
        services.score(actor=personas.officer_a, review=review, marks={c.pk: (8, "") for c in criteria})


def test_council_members_must_see_the_model_and_one_open_review_per_model(tree, personas) -> None:
    initiative = make_initiative(tree.commune_a, "proposed")
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        services.open_review(
            actor=personas.leader_a, initiative=initiative, chair=personas.leader_a, members=[personas.officer_b]
        )
    review = services.open_review(actor=personas.leader_a, initiative=initiative, chair=personas.leader_a, members=[])
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(initiative=initiative, chair=personas.leader_a, opened_at=review.opened_at)


def test_commendation_refused_while_a_complaint_is_pending(tree, personas) -> None:
    initiative = make_initiative(tree.commune_a, "recognised")
    services.set_proceedings_pending(actor=personas.officer_a, initiative=initiative, pending=True, note="Đơn số 12")
    decision = {
        "form": "giay_khen",
        "issuer_type": "state",
        "issuer": "Chủ tịch UBND xã A",
        "decision_no": "88/QĐ-UBND",
        "decided_on": datetime.date(2026, 11, 1),
    }
    with pytest.raises(ValidationError, match="152/2025"):
        services.commend(actor=personas.leader_a, initiative=initiative, **decision)
    assert initiative.commendations.count() == 0
    services.set_proceedings_pending(actor=personas.officer_a, initiative=initiative, pending=False)
    with pytest.raises(PermissionDenied, match="cấp tỉnh"):
        services.commend(actor=personas.leader_a, initiative=initiative, **(decision | {"form": "bang_khen"}))
    services.commend(actor=personas.leader_a, initiative=initiative, **decision)
    assert initiative.status == "commended"


def test_progress_report_with_results_and_the_wrong_unit(tree, personas) -> None:
    initiative = make_initiative(tree.commune_a, "launched")
    land = Metric.objects.get(name="Diện tích đất hiến")
    households = Metric.objects.get(name="Hộ thoát nghèo")
    with pytest.raises(ValidationError) as exc:
        services.add_progress_report(
            actor=personas.officer_a,
            initiative=initiative,
            kind="half",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 6, 30),
            summary="Sơ kết",
            values=[services.MeasuredValue(land, "1,5", "ha"), services.MeasuredValue(households, "2,5")],
        )
    assert "“m²”, không phải “ha”" in str(exc.value) and "số nguyên" in str(exc.value)
    assert ResultValue.objects.count() == 0 and initiative.reports.count() == 0
    services.add_progress_report(
        actor=personas.officer_a,
        initiative=initiative,
        kind="half",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        summary="Nhân dân hiến đất mở rộng đường.",
        values=[services.MeasuredValue(land, "9.000", "m2"), services.MeasuredValue(households, 3)],
    )
    initiative.refresh_from_db()
    assert initiative.status == "in_progress"
    assert ResultValue.objects.get(metric=land).value == Decimal(9000)


def _jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 200 + b"\xff\xd9"


def test_evidence_sniffs_the_content(tree, personas, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    initiative = make_initiative(tree.commune_a, "launched")
    photo = services.attach_evidence(
        actor=personas.officer_a, initiative=initiative, upload=SimpleUploadedFile("le-ra-mat.jpg", _jpeg())
    )
    assert (photo.kind, photo.content_type) == ("photo", "image/jpeg")
    with pytest.raises(ValidationError, match="đổi tên"):
        services.attach_evidence(
            actor=personas.officer_a,
            initiative=initiative,
            upload=SimpleUploadedFile("anh.jpg", b"%PDF-1.4\n" + b"0" * 200),
        )
    assert initiative.evidence.count() == 1


def test_reregistration_for_a_new_year(tree) -> None:
    old = make_initiative(tree.commune_a, "recognised", year=2025)
    new = services.reregister(actor=SYSTEM, initiative=old, year=2026)
    assert (new.previous, new.status, new.name) == (old, "registered", old.name)
    with pytest.raises(ValidationError, match="đã được đăng ký lại"):
        services.reregister(actor=SYSTEM, initiative=old, year=2026)


def test_bulk_is_all_or_nothing_and_names_the_failing_model(tree, personas) -> None:
    ready = make_initiative(tree.commune_a, "in_progress", name="Mô hình sẵn sàng")
    early = make_initiative(tree.commune_a, "registered", name="Mô hình mới đăng ký")
    with pytest.raises(services.BulkRefused, match="Mô hình mới đăng ký"):
        services.bulk_apply(actor=personas.leader_a, initiatives=[ready, early], action="propose")
    ready.refresh_from_db()
    assert ready.status == "in_progress"
    assert services.bulk_apply(actor=personas.leader_a, initiatives=[ready], action="propose") == 1


def test_publication_only_of_recognised_models(tree, personas) -> None:
    draft = make_initiative(tree.commune_a, "in_progress")
    with pytest.raises(ValidationError):
        services.publish(actor=personas.leader_a, initiative=draft, summary="…")
    recognised = make_initiative(tree.commune_a, "recognised")
    with pytest.raises(PermissionDenied):
        services.publish(actor=personas.officer_a, initiative=recognised, summary="Tóm tắt")
    services.publish(actor=personas.leader_a, initiative=recognised, summary="Tóm tắt")
    assert recognised.published


def test_provincial_leader_recognises_at_province_level(tree) -> None:
    leader = UserFactory()
    RoleAssignmentFactory(user=leader, role="leader", unit=tree.province)
    initiative = make_initiative(tree.old_commune, "under_review")  # a model of a commune merged into the province
    services.recognise(
        actor=leader,
        initiative=initiative,
        level="tinh",
        decision_no="120-QĐ/TU",
        decided_on=datetime.date(2026, 10, 2),
        issuer="Ban Thường vụ Tỉnh ủy",
    )
    assert initiative.level == "tinh"


def test_recognition_waits_for_every_council_member(tree, personas) -> None:
    initiative = make_initiative(tree.commune_a, "proposed")
    review = services.open_review(
        actor=personas.leader_a, initiative=initiative, chair=personas.leader_a, members=[personas.officer_a]
    )
    all_marks = {c.pk: (9, "") for c in Criterion.objects.filter(active=True)}
    services.score(actor=personas.leader_a, review=review, marks=all_marks)
    decision = {"decision_no": "16-QĐ/ĐU", "decided_on": datetime.date(2026, 10, 1), "issuer": "Đảng ủy xã A"}
    events = Event.objects.for_object(initiative).count()
    with pytest.raises(ValidationError, match="chưa chấm xong: còn"):
        services.recognise(actor=personas.leader_a, initiative=initiative, level="co_so", **decision)
    assert Event.objects.for_object(initiative).count() == events
    services.score(actor=personas.officer_a, review=review, marks=all_marks)
    services.recognise(actor=personas.leader_a, initiative=initiative, level="co_so", **decision)
    assert initiative.status == "recognised"


def test_a_new_model_takes_only_fields_in_use_and_closed_minutes_stay(tree, personas) -> None:
    retired = Field.objects.create(name="Lĩnh vực đã bỏ", active=False)
    data = services.Registration(name="Mô hình mới", field=retired, year=2026, owner_name="Chi bộ thôn A1")
    with pytest.raises(ValidationError, match="không còn dùng"):
        services.create_initiative(actor=personas.officer_a, unit=tree.commune_a, data=data)
    initiative, review = _under_review(tree, personas)
    services.save_minutes(actor=personas.leader_a, review=review, minutes="Hội đồng thống nhất đề nghị công nhận.")
    decision = {"decision_no": "17-QĐ/ĐU", "decided_on": datetime.date(2026, 10, 1), "issuer": "Đảng ủy xã A"}
    services.recognise(actor=personas.leader_a, initiative=initiative, level="co_so", **decision)
    review.refresh_from_db()
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.save_minutes(actor=personas.leader_a, review=review, minutes="Sửa lại sau khi đã công nhận.")
