"""/api/v1/initiatives with bearer tokens: the whole life-cycle, errors in Vietnamese, scope as on the pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from danvan.accounts.services import create_token
from danvan.initiatives import services
from danvan.initiatives.models import Criterion, Field, Initiative
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


def bearer(user) -> Client:
    _, raw = create_token(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_life_cycle_through_the_api(tree, personas) -> None:
    officer, leader = bearer(personas.officer_a), bearer(personas.leader_a)
    field = Field.objects.get(parent=None, name="Kinh tế")
    created = officer.post(
        "/api/v1/initiatives",
        {"unit_id": tree.hamlet_a.pk, "year": 2026, "name": "Hiến đất làm đường", "field_id": field.pk,
         "owner_name": "Chi bộ thôn A1", "status": "registered"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    body = created.json()
    pk = body["id"]
    assert body["status"] == "registered" and body["allowed_actions"] == ["launch", "discontinue"]

    def step(client: Client, action: str, **payload) -> dict:
        response = client.post(
            f"/api/v1/initiatives/{pk}/transitions/{action}", payload, content_type="application/json"
        )
        assert response.status_code == 200, response.json()
        return response.json()

    step(officer, "launch")
    step(officer, "track")
    refused = officer.post(f"/api/v1/initiatives/{pk}/transitions/propose", {}, content_type="application/json")
    assert refused.status_code == 403
    step(leader, "propose")
    today = timezone.localdate().isoformat()
    step(leader, "open_review", chair="leader_a", members=["officer_a"])
    review = Initiative.objects.get(pk=pk).reviews.get()
    for user in (personas.leader_a, personas.officer_a):
        services.score(actor=user, review=review, marks={c.pk: (9, "") for c in Criterion.objects.all()})
    done = step(leader, "recognise", level="co_so", decision_no="30-QĐ/ĐU", decided_on=today, issuer="Đảng ủy xã A")
    assert (done["status"], done["level"], done["recognised_on"]) == ("recognised", "co_so", today)
    assert [e["action"] for e in done["timeline"]][-1] == "Công nhận"

    wrong = leader.post(f"/api/v1/initiatives/{pk}/transitions/launch", {}, content_type="application/json")
    assert wrong.status_code == 422 and "Được công nhận" in wrong.json()["detail"]

    stats = officer.get(f"/api/v1/initiatives/stats?unit={tree.commune_a.code}&year={today[:4]}").json()
    assert stats["totals"]["recognised"] == 1 and stats["by_level"] == {"co_so": 1}


def test_list_filters_scope_and_errors(tree, personas) -> None:
    make_initiative(tree.commune_a, "registered", name="Dân vận khéo ở xã A")
    make_initiative(tree.commune_b, "registered", name="Mô hình xã B")
    officer_b = bearer(personas.officer_b)
    assert [i["name"] for i in officer_b.get("/api/v1/initiatives").json()["results"]] == ["Mô hình xã B"]
    supervisor = bearer(personas.supervisor)
    assert supervisor.get("/api/v1/initiatives?q=dan van kheo").json()["count"] == 1
    other = Initiative.objects.get(unit=tree.commune_a)
    assert officer_b.get(f"/api/v1/initiatives/{other.pk}").status_code == 404
    patch = officer_b.patch(f"/api/v1/initiatives/{other.pk}", {"name": "X"}, content_type="application/json")
    assert patch.status_code == 404
    bad = bearer(personas.officer_a).post(
        "/api/v1/initiatives",
        {"unit_code": tree.commune_a.code, "year": 2026, "name": "", "field_id": 999999, "owner_name": "A"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "field_id"
    assert Client().get("/api/v1/initiatives").status_code == 401


def test_patch_updates_the_registration(tree, personas) -> None:
    initiative = make_initiative(tree.commune_a, "registered")
    response = bearer(personas.officer_a).patch(
        f"/api/v1/initiatives/{initiative.pk}", {"goals": "Mở rộng 2 km đường"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["goals"] == "Mở rộng 2 km đường"
