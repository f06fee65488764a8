"""The services: rights in scope, all-or-nothing writes, the questionnaire's life."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.core.periods import Period
from danvan.satisfaction import selectors, services
from danvan.satisfaction.models import Answer, Campaign, IndexTarget, Item, Questionnaire, Response, ServiceElement
from tests.satisfaction.conftest import DAY, SYSTEM, answer_all

pytestmark = pytest.mark.django_db


def test_default_template_has_the_five_sipas_elements(tree, personas) -> None:
    q = services.create_questionnaire(actor=personas.leader_a, unit=tree.commune_a, name="Phiếu xã A", year=2026)
    names = list(q.elements.values_list("name", flat=True))
    assert names == [
        "Tiếp cận dịch vụ",
        "Thủ tục hành chính",
        "Công chức trực tiếp giải quyết công việc",
        "Kết quả cung ứng dịch vụ",
        "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
    ]
    assert q.items.filter(kind="criterion").count() == 22
    assert q.items.filter(kind="element").count() == 5
    assert q.items.filter(kind="overall").count() == 1
    assert q.expectations.count() == 1


def test_building_needs_decide_in_scope(tree, personas) -> None:
    with pytest.raises(PermissionDenied):
        services.create_questionnaire(actor=personas.officer_a, unit=tree.commune_a, name="x", year=2026)
    with pytest.raises(PermissionDenied):
        services.create_questionnaire(actor=personas.leader_a, unit=tree.commune_b, name="x", year=2026)
    assert not Questionnaire.objects.exists()


def test_builder_add_reorder_remove_while_draft(tree, personas) -> None:
    leader = personas.leader_a
    q = services.create_questionnaire(actor=leader, unit=tree.commune_a, name="Phiếu", year=2026, from_template=False)
    first = services.add_element(actor=leader, questionnaire=q, name="Tiếp cận dịch vụ")
    second = services.add_element(actor=leader, questionnaire=q, name="Thủ tục hành chính")
    c1 = services.add_criterion(actor=leader, element=first, text="Đủ chỗ ngồi")
    c2 = services.add_criterion(actor=leader, element=first, text="Trang thiết bị đầy đủ")
    services.move_criterion(actor=leader, item=c2, step=-1)
    assert list(first.items.filter(kind="criterion").order_by("order").values_list("text", flat=True)) == [
        "Trang thiết bị đầy đủ",
        "Đủ chỗ ngồi",
    ]
    services.move_element(actor=leader, element=second, step=-1)
    assert list(q.elements.order_by("order").values_list("name", flat=True)) == [
        "Thủ tục hành chính",
        "Tiếp cận dịch vụ",
    ]
    services.remove_criterion(actor=leader, item=c1)
    assert first.items.filter(kind="criterion").get().order == 1
    with pytest.raises(ValidationError):  # the element's satisfaction question stays
        services.remove_criterion(actor=leader, item=first.items.get(kind="element"))
    services.remove_element(actor=leader, element=second)
    assert q.elements.get().order == 1
    services.add_expectation(
        actor=leader, questionnaire=q, text="Cần cải thiện gì?", options="Thời gian\nThái độ", max_choices=1
    )
    services.publish_questionnaire(actor=leader, questionnaire=q)
    q.refresh_from_db()
    assert q.status == "published"
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.add_criterion(actor=leader, element=first, text="Thêm")
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.edit_item(actor=leader, item=first.items.get(kind="element"), text="Sửa")
    assert Item.objects.filter(text="Thêm").count() == 0


def test_publish_needs_every_element_question(tree, personas) -> None:
    q = services.create_questionnaire(actor=SYSTEM, unit=tree.province, name="Phiếu", year=2026, from_template=False)
    element = ServiceElement.objects.create(questionnaire=q, order=1, name="Yếu tố lạc")  # no question of its own
    with pytest.raises(ValidationError, match="Yếu tố “Yếu tố lạc” chưa có câu hỏi"):
        services.publish_questionnaire(actor=SYSTEM, questionnaire=q)
    assert Questionnaire.objects.get(pk=q.pk).status == "draft"
    assert element.pk


def test_campaign_needs_a_published_questionnaire_and_a_plan_in_its_unit(tree, personas, survey) -> None:
    draft = services.create_questionnaire(actor=SYSTEM, unit=tree.province, name="Nháp", year=2026)
    with pytest.raises(ValidationError, match="chưa ban hành"):
        services.create_campaign(
            actor=SYSTEM,
            questionnaire=draft,
            unit=tree.province,
            name="x",
            starts_on="2026-01-01",
            ends_on="2026-02-01",
        )
    before = Campaign.objects.count()
    with pytest.raises(ValidationError, match="Dòng 2: “Phường C” không phải xã, phường thuộc"):
        services.create_campaign(
            actor=SYSTEM,
            questionnaire=survey.questionnaire,
            unit=tree.province,
            name="x",
            starts_on="2026-01-01",
            ends_on="2026-02-01",
            plan=[
                {"unit": tree.commune_a, "procedure_code": "1", "procedure_name": "A", "quota": 2},
                {"unit": tree.commune_c, "procedure_code": "1", "procedure_name": "A", "quota": 2},
            ],
        )
    with pytest.raises(PermissionDenied):
        services.create_campaign(
            actor=personas.leader_a,
            questionnaire=survey.questionnaire,
            unit=tree.commune_b,
            name="x",
            starts_on="2026-01-01",
            ends_on="2026-02-01",
        )
    assert Campaign.objects.count() == before


def test_paper_answers_need_edit_on_the_commune(tree, personas, survey) -> None:
    answers = answer_all(survey, 4)
    response = services.record_response(
        campaign=survey.campaign,
        unit=tree.commune_a,
        procedure_code="1.001193",
        channel="paper",
        answers=answers,
        actor=personas.officer_a,
        answered_on=DAY,
    )
    assert response.answers.count() == len(answers)
    assert response.province_key == tree.province.path[:4]
    assert set(Answer.objects.values_list("province_key", flat=True)) == {tree.province.path[:4]}
    with pytest.raises(PermissionDenied):
        services.record_response(
            campaign=survey.campaign,
            unit=tree.commune_b,
            procedure_code="1.001193",
            channel="paper",
            answers=answers,
            actor=personas.officer_a,
            answered_on=DAY,
        )
    with pytest.raises(PermissionDenied):
        services.record_response(
            campaign=survey.campaign,
            unit=tree.commune_a,
            procedure_code="1.001193",
            channel="paper",
            answers=answers,
            actor=personas.supervisor,
            answered_on=DAY,
        )
    assert Response.objects.count() == 1


def test_online_answers_need_the_token(tree, survey) -> None:
    answers = answer_all(survey, 5)
    with pytest.raises(PermissionDenied):
        services.record_response(
            campaign=survey.campaign,
            unit=tree.commune_a,
            procedure_code="1.001193",
            channel="online",
            answers=answers,
            token="sai",
            answered_on=DAY,
        )
    services.record_response(
        campaign=survey.campaign,
        unit=tree.commune_a,
        procedure_code="1.001193",
        channel="online",
        answers=answers,
        token=survey.campaign.token,
        answered_on=DAY,
    )
    assert Response.objects.get().channel == "online"


def test_a_bad_answer_writes_nothing_and_names_the_item(tree, personas, survey) -> None:
    item = survey.structure.elements[1][1][2]
    answers = answer_all(survey, 4) | {item.pk: 7}
    with pytest.raises(ValidationError) as caught:
        services.record_response(
            campaign=survey.campaign,
            unit=tree.commune_a,
            procedure_code="1.001193",
            channel="paper",
            answers=answers,
            actor=personas.officer_a,
            answered_on=DAY,
        )
    message = caught.value.message_dict["answers"][0]
    assert message.startswith("Tiêu chí 2.3 “Thành phần hồ sơ") and "mức 7 nằm ngoài thang 1 đến 5" in message
    other = services.create_questionnaire(actor=SYSTEM, unit=tree.province, name="Khác", year=2026)
    foreign = other.items.first()
    with pytest.raises(ValidationError, match="không có trong phiếu khảo sát"):
        services.record_response(
            campaign=survey.campaign,
            unit=tree.commune_a,
            procedure_code="1.001193",
            channel="paper",
            answers={foreign.pk: 4},
            actor=personas.officer_a,
            answered_on=DAY,
        )
    with pytest.raises(ValidationError) as caught:
        services.record_response(
            campaign=survey.campaign,
            unit=tree.commune_a,
            procedure_code="9.999",
            channel="paper",
            answers=answer_all(survey, 4),
            actor=personas.officer_a,
            answered_on=DAY,
        )
    assert "không thuộc kế hoạch chọn mẫu" in caught.value.message_dict["procedure_code"][0]
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_closed_campaign_takes_no_answer(tree, personas, survey) -> None:
    services.close_campaign(actor=SYSTEM, campaign=survey.campaign)
    with pytest.raises(ValidationError, match="không trong thời gian nhận phiếu"):
        services.record_response(
            campaign=survey.campaign,
            unit=tree.commune_a,
            procedure_code="1.001193",
            channel="paper",
            answers=answer_all(survey, 4),
            actor=personas.officer_a,
            answered_on=DAY,
        )
    with pytest.raises(ValidationError):
        services.open_campaign(actor=SYSTEM, campaign=survey.campaign)
    with pytest.raises(PermissionDenied):
        services.close_campaign(actor=personas.leader_a, campaign=survey.campaign)


def test_targets_need_decide(tree, personas) -> None:
    year = Period.year(2026)
    services.set_target(actor=personas.leader_a, unit=tree.commune_a, period=year, value="80")
    services.set_target(actor=personas.leader_a, unit=tree.commune_a, period=year, value="85,5")
    assert IndexTarget.objects.get().value == services.rules.check_target_value("85.5")
    with pytest.raises(PermissionDenied):
        services.set_target(actor=personas.leader_a, unit=tree.commune_b, period=year, value="80")
    with pytest.raises(PermissionDenied):
        services.set_target(actor=personas.officer_a, unit=tree.commune_a, period=year, value="80")
    with pytest.raises(ValidationError, match="từ 0 đến 100"):
        services.set_target(actor=personas.leader_a, unit=tree.commune_a, period=year, value="120")
    assert selectors.target_for(personas.leader_a, tree.commune_a, Period.first_half(2026)).value == 85.5


def test_a_batch_is_written_whole_or_not_at_all(tree, personas, survey) -> None:
    good = services.Answers(tree.commune_a, "1.001193", answer_all(survey, 4), answered_on=DAY)
    bad = services.Answers(tree.commune_a, "1.001193", answer_all(survey, 4) | {survey.overall: 0.5}, answered_on=DAY)
    with pytest.raises(ValidationError) as caught:
        services.record_responses(campaign=survey.campaign, responses=[good, good, bad], actor=personas.officer_a)
    assert caught.value.message_dict["answers"][0].startswith("Phiếu 3: Câu hài lòng chung")
    with pytest.raises(PermissionDenied, match="Phiếu 2"):
        services.record_responses(
            campaign=survey.campaign,
            actor=personas.officer_a,
            responses=[good, services.Answers(tree.commune_b, "1.001193", answer_all(survey, 4), answered_on=DAY)],
        )
    assert not Response.objects.exists() and not Answer.objects.exists()
    saved = services.record_responses(campaign=survey.campaign, responses=[good, good], actor=personas.officer_a)
    assert len(saved) == 2 and Answer.objects.filter(response__in=saved).count() == 2 * len(survey.structure.items)
