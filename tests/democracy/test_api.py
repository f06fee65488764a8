"""The API: same scope and rights as the pages, 422 naming the field, the machine's steps."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from danvan.core.periods import Period
from danvan.democracy import selectors, services
from danvan.democracy.models import CommunityDecision, InspectionBoard
from danvan.stats.engine import WHOLE_SYSTEM
from tests.democracy.conftest import SYSTEM, decision_data, publication_data

pytestmark = pytest.mark.django_db
D = datetime.date


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _json(data: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in data.items()}


def test_decisions_through_the_api(tree, personas) -> None:
    client = client_for(personas.officer_a)
    body = _json(decision_data(votes_for=80, votes_against=10, votes_blank=5)) | {
        "unit_code": tree.commune_a.code,
        "hamlet_id": tree.hamlet_a.pk,
    }
    refused = client.post("/api/v1/democracy/decisions", body, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "votes_for"
    assert not CommunityDecision.objects.exists()
    body |= {"votes_for": 50, "votes_against": 25, "votes_blank": 5, "matter": 4, "declared_passed": True}
    made = client.post("/api/v1/democracy/decisions", body, content_type="application/json")
    assert made.status_code == 201 and made.json()["passed"] and made.json()["actions"] == ["send"]
    pk = made.json()["id"]
    other = client_for(personas.officer_b)
    assert other.get(f"/api/v1/democracy/decisions/{pk}").status_code == 404
    assert (
        other.post(
            f"/api/v1/democracy/decisions/{pk}/transitions/send", {"on": "2026-11-03"}, content_type="application/json"
        ).status_code
        == 404
    )
    sent = client.post(
        f"/api/v1/democracy/decisions/{pk}/transitions/send", {"on": "2026-11-03"}, content_type="application/json"
    )
    assert sent.status_code == 200 and sent.json()["status"] == "sent"
    supervisor = client_for(personas.supervisor)
    assert supervisor.get(f"/api/v1/democracy/decisions/{pk}").status_code == 200
    assert (
        supervisor.post(
            f"/api/v1/democracy/decisions/{pk}/transitions/recognise",
            {"on": "2026-11-05", "decision_ref": "1/QĐ"},
            content_type="application/json",
        ).status_code
        == 403
    )
    ok = client_for(personas.leader_a).post(
        f"/api/v1/democracy/decisions/{pk}/transitions/recognise",
        {"on": "2026-11-05", "decision_ref": "1/QĐ"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["status"] == "recognised"


def test_publications_and_board_through_the_api(tree, personas) -> None:
    client = client_for(personas.officer_a)
    body = _json(publication_data(published_on=D(2026, 3, 1), posted_from=None)) | {"unit_code": tree.commune_a.code}
    refused = client.post("/api/v1/democracy/publications", body, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "published_on"
    body = _json(publication_data()) | {"unit_code": tree.commune_a.code}
    assert client.post("/api/v1/democracy/publications", body, content_type="application/json").status_code == 201
    listing = client.get("/api/v1/democracy/publications?check=ok").json()
    assert listing["count"] == 1 and listing["results"][0]["warnings"] == []
    assert client_for(personas.officer_b).get("/api/v1/democracy/publications").json()["count"] == 0
    board = client.post(
        "/api/v1/democracy/boards",
        {"unit_code": tree.commune_a.code, "term_start": "2025-07-01", "term_end": "2030-06-30", "complete": True},
        content_type="application/json",
    )
    assert board.status_code == 422 and board.json()["errors"][0]["field"] == "complete"
    assert not InspectionBoard.objects.exists()
    stats = client.get(f"/api/v1/democracy/stats?unit={tree.commune_a.code}&year=2026").json()
    assert stats["publications"]["published"] == 1 and stats["publications_by_category"] == {"1": 1}
    assert client_for(personas.officer_b).get(f"/api/v1/democracy/stats?unit={tree.commune_a.code}").status_code == 404


def test_stats_for_counts_in_scope(tree, personas) -> None:
    services.record_publication(actor=SYSTEM, unit=tree.commune_a, **publication_data())
    services.record_publication(
        actor=SYSTEM, unit=tree.commune_a, **publication_data(published_on=D(2026, 3, 12), posted_from=D(2026, 3, 12))
    )
    services.record_publication(actor=SYSTEM, unit=tree.commune_b, **publication_data(category=13, posted_to=None))
    d = services.record_decision(
        actor=SYSTEM, unit=tree.commune_a, hamlet=tree.hamlet_a, **decision_data(matter=3, votes_for=46)
    )
    services.act_on_decision(actor=SYSTEM, decision=d, action="send", on=D(2026, 11, 3))
    services.act_on_decision(actor=SYSTEM, decision=d, action="recognise", on=D(2026, 11, 6), decision_ref="2/QĐ")
    year = Period.year(2026)
    whole = selectors.stats_for(tree.province, year, user=WHOLE_SYSTEM)
    assert whole.publications["published"] == 3 and whole.publications["late"] == 1 and whole.missed == 1
    assert whole.by_category == {1: 2, 13: 1}
    assert whole.decisions["held"] == 1 and whole.decisions["passed"] == 1 and whole.decisions["recognised"] == 1
    assert {u.pk for u, _ in whole.by_unit} == {tree.commune_a.pk, tree.commune_b.pk}
    mine = selectors.stats_for(tree.province, year, user=personas.officer_b)
    assert mine.publications["published"] == 1 and mine.decisions["held"] == 0
