"""Personas × pages: scope on every record, the right of the area on every write."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from danvan.democracy import services
from danvan.democracy.models import CommunityDecision, Publication
from tests.democracy.conftest import SYSTEM, decision_data, publication_data

pytestmark = pytest.mark.django_db
D = datetime.date
LISTS = [
    "democracy_publications",
    "democracy_gaps",
    "democracy_decisions",
    "democracy_consultations",
    "democracy_boards",
    "democracy_conventions",
    "democracy_stats",
]
FORMS = [
    "democracy_publication_new",
    "democracy_decision_new",
    "democracy_consultation_new",
    "democracy_board_new",
    "democracy_convention_new",
]


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def records(tree, personas):
    publication = services.record_publication(actor=SYSTEM, unit=tree.commune_a, **publication_data())
    decision = services.record_decision(
        actor=SYSTEM, unit=tree.commune_a, hamlet=tree.hamlet_a, **decision_data(matter=4, votes_for=50)
    )
    board = services.save_board(actor=SYSTEM, unit=tree.commune_a, term_start=D(2025, 7, 1), term_end=D(2030, 6, 30))
    return publication, decision, board


@pytest.mark.parametrize("name", LISTS + FORMS)
def test_pages_by_persona(tree, personas, records, name) -> None:
    expected = {
        "officer_a": 200,
        "leader_a": 200,
        "officer_b": 200,
        "admin": 200,
        "supervisor": 200 if name in LISTS else 403,
        "unit_admin": 200 if name in LISTS else 403,
    }
    for persona, status in expected.items():
        response = client_for(getattr(personas, persona)).get(reverse(name))
        assert response.status_code == status, (persona, name)
    assert client_for(None).get(reverse(name)).status_code == 302


def test_commune_b_gets_404_on_commune_a_records(tree, personas, records) -> None:
    publication, decision, board = records
    client = client_for(personas.officer_b)
    for url in (
        reverse("democracy_publication_edit", args=[publication.pk]),
        reverse("democracy_decision", args=[decision.pk]),
        reverse("democracy_decision_act", args=[decision.pk, "send"]),
        reverse("democracy_board", args=[board.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert publication.title not in client.get(reverse("democracy_publications")).content.decode()


def test_supervisor_reads_but_cannot_act(tree, personas, records) -> None:
    _, decision, board = records
    client = client_for(personas.supervisor)
    page = client.get(reverse("democracy_decision", args=[decision.pk]))
    assert page.status_code == 200 and page.context["buttons"] == []
    assert (
        client.post(reverse("democracy_decision_act", args=[decision.pk, "send"]), {"on": "2026-11-03"}).status_code
        == 403
    )
    assert client.post(reverse("democracy_board", args=[board.pk]), {"part": "plan"}).status_code == 403
    decision.refresh_from_db()
    assert decision.status == "recorded"


def test_officer_records_a_publication_and_sees_the_warning(tree, personas) -> None:
    client = client_for(personas.officer_a)
    data = {
        "unit": tree.commune_a.pk,
        "category": 7,
        "title": "Danh sách hộ nghèo",
        "decided_on": "2026-03-02",
        "published_on": "2026-03-12",
        "forms": ["posting", "loudspeaker"],
        "posted_from": "2026-03-12",
        "broadcast_days": "2",
    }
    response = client.post(reverse("democracy_publication_new"), data, follow=True)
    assert response.status_code == 200
    p = Publication.objects.get()
    assert p.late_days == 3 and p.broadcast_short
    body = response.content.decode()
    assert "Công khai trễ 3 ngày làm việc" in body and "Phát trên loa chưa đủ 03 ngày" in body
    bad = client.post(reverse("democracy_publication_new"), data | {"published_on": "2026-03-01"})
    assert bad.status_code == 200 and "không được trước ngày ban hành" in bad.content.decode()
    assert Publication.objects.count() == 1


def test_decision_form_threshold_and_steps(tree, personas) -> None:
    client = client_for(personas.officer_a)
    live = client.get(
        reverse("democracy_decision_threshold"),
        {"matter": "1", "households": "90", "votes_for": "59", "hamlet": str(tree.hamlet_a.pk)},
    )
    assert "Không thông qua: 59/90 hộ tán thành; cần 60" in live.content.decode()
    form = {
        "unit": tree.commune_a.pk,
        "hamlet": tree.hamlet_a.pk,
        "declared_passed": "1",
        **{k: v for k, v in decision_data(votes_for=59, votes_against=16).items() if k != "held_at"},
        "held_at": "2026-11-02T19:00",
    }
    refused = client.post(reverse("democracy_decision_new"), form)
    assert refused.status_code == 200 and "chưa đạt tỷ lệ" in refused.content.decode()
    assert not CommunityDecision.objects.exists()
    done = client.post(reverse("democracy_decision_new"), form | {"votes_for": 60, "votes_against": 15})
    decision = CommunityDecision.objects.get()
    assert done.status_code == 302 and decision.passed
    page = client.get(reverse("democracy_decision", args=[decision.pk]))
    assert [b.name for b in page.context["buttons"]] == ["send"] and "Lập biên bản" in page.content.decode()
    sent = client.post(reverse("democracy_decision_act", args=[decision.pk, "send"]), {"on": "2026-11-05"})
    assert sent.status_code == 302
    decision.refresh_from_db()
    assert decision.status == "sent"


def test_public_page_lists_what_the_commune_published(tree, records) -> None:
    response = Client().get(reverse("democracy_public", args=[tree.commune_a.code]))
    assert response.status_code == 200 and records[0].title in response.content.decode()
    assert Client().get(reverse("democracy_public", args=[tree.province.code])).status_code == 404


def test_overdue_decision_in_the_officers_inbox(tree, personas, records) -> None:
    from danvan.workflow import inbox

    box = inbox.for_user(personas.officer_a, today=D(2026, 11, 20))
    assert box.overdue.count == 1 and box.overdue.items[0].obj == records[1]
    assert inbox.for_user(personas.officer_b, today=D(2026, 11, 20)).overdue.count == 0
