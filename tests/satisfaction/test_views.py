"""The pages: index, builder, campaign, paper entry, the public form with its token; scope is 404."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from danvan.satisfaction import services
from danvan.satisfaction.models import Item, Questionnaire, Response
from tests.satisfaction.conftest import DAY, SYSTEM, answer_all

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _record(survey, unit, value):
    return services.record_response(
        campaign=survey.campaign,
        unit=unit,
        procedure_code="1.001193",
        channel="paper",
        answers=answer_all(survey, value),
        actor=SYSTEM,
        answered_on=DAY,
    )


def test_index_page_shows_the_index_rank_and_target(tree, personas, survey) -> None:
    services.set_target(actor=SYSTEM, unit=tree.commune_a, period=services.Period.year(2026), value="80")
    for v in (5, 4, 4, 2):
        _record(survey, tree.commune_a, v)
    _record(survey, tree.commune_b, 1)
    page = client_for(personas.officer_a).get(
        reverse("satisfaction_index"), {"unit": tree.commune_a.code, "year": "2026"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "75%" in html  # 3 of 4
    assert "xếp thứ 1/2 xã, phường" in html
    assert "Chưa đạt chỉ tiêu (trên 80%), còn thiếu 5 điểm %" in html
    assert "Tỷ lệ hài lòng qua đánh giá hồ sơ" in html
    assert "Tiếp cận dịch vụ" in html
    # Commune B's figure is not on commune A's officer's page: only its rank counts.
    assert [row.unit for row in page.context["stats"].siblings] == [tree.commune_a]


def test_index_out_of_scope_unit_is_an_error(tree, personas, survey) -> None:
    page = client_for(personas.officer_a).get(reverse("satisfaction_index"), {"unit": tree.commune_b.code})
    assert page.status_code == 200 and "Đơn vị ngoài phạm vi của bạn." in page.content.decode()
    assert page.context["stats"] is None


def test_builder_adds_a_criterion_and_publish_locks_it(tree, personas) -> None:
    client = client_for(personas.leader_a)
    created = client.post(
        reverse("satisfaction_questionnaires"), {"name": "Phiếu xã A", "year": "2026", "from_template": "on"}
    )
    q = Questionnaire.objects.get()
    assert created.status_code == 302 and created["Location"] == reverse("satisfaction_builder", args=[q.pk])
    assert q.unit == tree.commune_a
    element = q.elements.get(order=2)
    url = reverse("satisfaction_builder", args=[q.pk])
    assert (
        client.post(url, {"op": "add_criterion", "element": element.pk, "text": "Hồ sơ được trả đúng hẹn"}).status_code
        == 302
    )
    assert element.items.filter(text="Hồ sơ được trả đúng hẹn", order=6).exists()
    empty = client.post(url, {"op": "add_criterion", "element": element.pk, "text": "  "})
    assert empty.status_code == 422 and "Cần ghi nội dung tiêu chí." in empty.content.decode()
    page = client.get(url)
    assert "+ Thêm tiêu chí" in page.content.decode()
    assert client.post(url, {"op": "publish"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Đã ban hành" in page and "+ Thêm tiêu chí" not in page
    refused = client.post(url, {"op": "add_criterion", "element": element.pk, "text": "Thêm nữa"})
    assert refused.status_code == 422 and "đã ban hành" in refused.content.decode()
    # An officer (no decide right) reads the builder but may not change it.
    officer = client_for(personas.officer_a)
    assert "+ Thêm tiêu chí" not in officer.get(url).content.decode()
    assert officer.post(url, {"op": "add_element", "name": "X"}).status_code in (403, 422)
    assert not Item.objects.filter(text="Thêm nữa").exists()


def test_builder_of_another_unit_is_404(tree, personas) -> None:
    q = services.create_questionnaire(actor=SYSTEM, unit=tree.commune_a, name="Phiếu xã A", year=2026)
    assert client_for(personas.officer_b).get(reverse("satisfaction_builder", args=[q.pk])).status_code == 404


def test_commune_b_officer_gets_404_on_a_commune_a_campaign(tree, personas, survey) -> None:
    client = client_for(personas.officer_b)
    assert client.get(reverse("satisfaction_campaign", args=[survey.campaign_a.pk])).status_code == 404
    assert client.get(reverse("satisfaction_entry", args=[survey.campaign_a.pk])).status_code == 404
    # The province's campaign reaches commune B's officer, for commune B only.
    page = client.get(reverse("satisfaction_campaign", args=[survey.campaign.pk]))
    assert page.status_code == 200
    assert {r.unit for r in page.context["checks"]} == {tree.commune_b}


def test_campaign_page_shows_the_sample_check_and_qr(tree, personas, survey) -> None:
    _record(survey, tree.commune_a, 4)
    page = client_for(personas.supervisor).get(reverse("satisfaction_campaign", args=[survey.campaign.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Thiếu 2" in html and "<svg" in html and f"/khao-sat/{survey.campaign.token}/" in html


def test_paper_entry_saves_and_refuses_a_bad_value(tree, personas, survey) -> None:
    client = client_for(personas.officer_a)
    url = reverse("satisfaction_entry", args=[survey.campaign.pk])
    page = client.get(url)
    assert page.status_code == 200 and [u.pk for u in page.context["communes"]] == [tree.commune_a.pk]
    html = page.content.decode()
    assert 'inputmode="numeric"' in html and "entry.js" in html
    data = {"unit": tree.commune_a.pk, "procedure": "1.001193", "answered_on": DAY.isoformat()}
    data |= {f"item-{pk}": "4" for pk in answer_all(survey, 4)}
    bad = client.post(url, data | {f"item-{survey.criterion(1, 2)}": "7"})
    assert bad.status_code == 422
    assert "Tiêu chí 2.3" in bad.content.decode() and "mức 7 nằm ngoài thang 1 đến 5" in bad.content.decode()
    assert 'value="7"' in bad.content.decode()  # what was typed is shown again
    assert not Response.objects.exists()
    saved = client.post(url, data)
    assert saved.status_code == 302 and "procedure=1.001193" in saved["Location"]
    response = Response.objects.get()
    assert response.entered_by == personas.officer_a and response.channel == "paper"
    # Commune B is not offered, and cannot be forced.
    forced = client.post(url, data | {"unit": tree.commune_b.pk})
    assert forced.status_code == 422 and Response.objects.count() == 1


def test_public_form_with_the_token(tree, personas, survey) -> None:
    client = Client()
    url = reverse("satisfaction_public", args=[survey.campaign.token])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Rất hài lòng" in html and "<fieldset" in html and "<legend>" in html
    data = {"unit": tree.commune_a.pk, "procedure": "1.001193"} | {f"item-{pk}": "5" for pk in answer_all(survey, 5)}
    missing = client.post(url, {"unit": tree.commune_a.pk, "procedure": "1.001193"})
    assert missing.status_code == 422 and "chưa có câu trả lời" in missing.content.decode()
    done = client.post(url, data)
    assert done.status_code == 302 and done["Location"] == reverse(
        "satisfaction_public_done", args=[survey.campaign.token]
    )
    assert Response.objects.get().channel == "online"
    assert client.get(reverse("satisfaction_public", args=["khong-co"])).status_code == 404
    robot = client.post(url, data | {"website": "http://spam"})
    assert robot.status_code == 302 and Response.objects.count() == 1


def test_public_form_is_rate_limited(tree, survey, settings) -> None:
    from danvan.satisfaction import views

    client = Client()
    url = reverse("satisfaction_public", args=[survey.campaign.token])
    data = {"unit": tree.commune_a.pk, "procedure": "1.001193"} | {f"item-{pk}": "4" for pk in answer_all(survey, 4)}
    limit = int(views.PUBLIC_RATE.split("/")[0])
    for _ in range(limit):
        assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 429
    assert Response.objects.count() == limit


def test_closed_campaign_public_form_says_so(tree, survey) -> None:
    services.close_campaign(actor=SYSTEM, campaign=survey.campaign)
    page = Client().get(reverse("satisfaction_public", args=[survey.campaign.token]))
    assert "Đợt khảo sát đã kết thúc" in page.content.decode()


def test_set_target_from_the_index_page(tree, personas) -> None:
    client = client_for(personas.leader_a)
    url = reverse("satisfaction_set_target", args=[tree.commune_a.pk])
    assert client.post(url, {"year": "2026", "period": "year", "comparison": "above", "value": "80"}).status_code == 302
    assert (
        client_for(personas.officer_a)
        .post(url, {"year": "2026", "period": "year", "comparison": "above", "value": "90"})
        .status_code
        == 403
    )
    assert (
        client.post(
            reverse("satisfaction_set_target", args=[tree.commune_b.pk]),
            {"year": "2026", "period": "year", "comparison": "above", "value": "80"},
        ).status_code
        == 404
    )
    from danvan.satisfaction.models import IndexTarget

    assert IndexTarget.objects.get().value == 80
