"""/api/v1/letters, /api/v1/cases and /api/v1/petitions/stats with bearer tokens; the identity stays sealed."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from danvan.accounts.services import create_token
from danvan.petitions.models import Subject

pytestmark = pytest.mark.django_db


def bearer(user) -> Client:
    _, raw = create_token(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_a_letter_through_the_api_to_a_decision(tree, personas) -> None:
    officer, leader = bearer(personas.officer_a), bearer(personas.leader_a)
    today = timezone.localdate().isoformat()
    created = officer.post(
        "/api/v1/letters",
        {"unit_code": tree.commune_a.code, "received_on": today, "channel": "post", "kind": "tc",
         "subject_id": Subject.objects.get(name="Tham nhũng, tiêu cực").pk, "content": "Tố cáo cán bộ nhận tiền",
         "sender_name": "Hoàng Văn Thụ", "sender_id_number": "006090009999",
         "conditions_met": ["form", "tc_content", "not_handled"]},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    assert created.json()["sender"] == "Người tố cáo: được giữ bí mật"
    case_id = created.json()["case_id"]

    def step(client: Client, action: str, **payload) -> dict:
        response = client.post(
            f"/api/v1/cases/{case_id}/transitions/{action}", payload, content_type="application/json"
        )
        assert response.status_code == 200, response.json()
        return response.json()

    step(officer, "classify")
    step(officer, "propose")
    assert (
        officer.post(f"/api/v1/cases/{case_id}/transitions/accept", {}, content_type="application/json").status_code
        == 403
    )
    accepted = step(leader, "accept", on=today, handlers=["officer_a"])
    assert accepted["due_rule"] == "tc_resolve" and "Luật Tố cáo 2018, Điều 30" in accepted["due_explanation"]
    step(officer, "verify")
    decided = step(leader, "decide", on=today, outcome="wrong")
    assert decided["status"] == "decided"
    wrong = leader.post(f"/api/v1/cases/{case_id}/transitions/accept", {}, content_type="application/json")
    assert wrong.status_code == 422 and "Đã có quyết định" in wrong.json()["detail"]

    detail = json.dumps(bearer(personas.supervisor).get(f"/api/v1/cases/{case_id}").json(), ensure_ascii=False)
    assert "Hoàng Văn Thụ" not in detail and "006090009999" not in detail
    assert bearer(personas.officer_b).get(f"/api/v1/cases/{case_id}").status_code == 404
    stats = officer.get(f"/api/v1/petitions/stats?unit={tree.commune_a.code}&year={today[:4]}").json()
    assert stats["letters"] == 1 and stats["denunciation_results"] == {"wrong": 1}
    listing = bearer(personas.supervisor).get("/api/v1/cases?kind=tc").json()
    assert listing["count"] == 1 and "Hoàng" not in json.dumps(listing, ensure_ascii=False)


def test_letter_errors_are_named(tree, personas) -> None:
    response = bearer(personas.officer_a).post(
        "/api/v1/letters",
        {"unit_code": tree.commune_a.code, "received_on": "2999-01-01", "channel": "post", "kind": "kn",
         "subject_id": Subject.objects.first().pk, "content": "", "sender_name": ""},
        content_type="application/json",
    )  # fmt: skip
    fields = {e["field"] for e in response.json()["errors"]}
    assert response.status_code == 422 and {"received_on", "content", "sender_name"} <= fields
