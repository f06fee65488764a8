"""The satisfaction API: scoped lists and details, responses with the same checks (422 naming the item)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from danvan.satisfaction.models import Response
from tests.satisfaction.conftest import DAY, answer_all

pytestmark = pytest.mark.django_db
BASE = "/api/v1/satisfaction"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_lists_and_details_are_scoped(tree, personas, survey) -> None:
    officer_b = client_for(personas.officer_b)
    campaigns = officer_b.get(f"{BASE}/campaigns").json()
    assert [c["id"] for c in campaigns["results"]] == [survey.campaign.pk]
    assert officer_b.get(f"{BASE}/campaigns/{survey.campaign_a.pk}").status_code == 404
    detail = client_for(personas.supervisor).get(f"{BASE}/campaigns/{survey.campaign.pk}").json()
    assert {row["status"] for row in detail["plan"]} == {"thiếu 3"}
    q = client_for(personas.supervisor).get(f"{BASE}/questionnaires/{survey.questionnaire.pk}").json()
    assert len(q["elements"]) == 5 and q["overall"]["kind"] == "overall"
    assert client_for(personas.officer_a).get(f"{BASE}/questionnaires/{survey.questionnaire.pk}").status_code == 404
    assert Client().get(f"{BASE}/campaigns").status_code == 401


def test_post_response_checks_every_answer(tree, personas, survey) -> None:
    client = client_for(personas.officer_a)
    url = f"{BASE}/campaigns/{survey.campaign.pk}/responses"
    body = {
        "unit_code": tree.commune_a.code,
        "procedure_code": "1.001193",
        "answered_on": DAY.isoformat(),
        "answers": {str(k): v for k, v in answer_all(survey, 4).items()},
    }
    bad = client.post(
        url, json.dumps(body | {"answers": {str(survey.criterion(0, 0)): 9}}), content_type="application/json"
    )
    assert bad.status_code == 422
    assert "Tiêu chí 1.1" in bad.json()["detail"] and "mức 9" in bad.json()["detail"]
    foreign = client.post(url, json.dumps(body | {"answers": {"999999": 4}}), content_type="application/json")
    assert foreign.status_code == 422 and "Câu hỏi số 999999 không có trong phiếu" in foreign.json()["detail"]
    assert not Response.objects.exists()
    ok = client.post(url, json.dumps(body), content_type="application/json")
    assert ok.status_code == 201 and ok.json()["valid_answers"] == len(body["answers"])
    other = client.post(url, json.dumps(body | {"unit_code": tree.commune_b.code}), content_type="application/json")
    assert other.status_code == 403
    online = client.post(url, json.dumps(body | {"channel": "online", "token": "sai"}), content_type="application/json")
    assert online.status_code == 403
    assert Response.objects.count() == 1


def test_stats_endpoint(tree, personas, survey) -> None:
    client = client_for(personas.officer_a)
    client.post(
        f"{BASE}/campaigns/{survey.campaign.pk}/responses",
        json.dumps(
            {
                "unit_code": tree.commune_a.code,
                "procedure_code": "1.001193",
                "answered_on": DAY.isoformat(),
                "answers": {str(k): 5 for k in answer_all(survey, 5)},
            }
        ),
        content_type="application/json",
    )
    data = client.get(f"{BASE}/stats", {"unit": tree.commune_a.code, "year": 2026}).json()
    assert data["overall"] == {"valid": 1, "satisfied": 1, "index": "100.00"}
    assert data["rank"]["text"] == "xếp thứ 1/1 xã, phường"
    assert len(data["elements"]) == 5 and data["responses"]["responses"] == 1
    assert client.get(f"{BASE}/stats", {"unit": tree.commune_b.code, "year": 2026}).status_code == 404
    assert client.get(f"{BASE}/stats", {"unit": tree.commune_a.code, "year": 2026, "period": "x"}).status_code == 422
