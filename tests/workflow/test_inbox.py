"""The officers' inbox: what waits for whom, from the workflow tables, and the reminder that reads it.

A complaint walks its first steps: the reception officer classifies and proposes it, the leader
accepts it and names the handler, the handler verifies. At each step the case leaves one inbox and
enters the next, the home page shows the step's button, and the case page says who acts next.
"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.access import SYSTEM
from danvan.core.models import Notification
from danvan.petitions import services
from danvan.petitions.inbox import CASES
from danvan.workflow import engine, inbox
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.petitions.test_services import intake

pytestmark = pytest.mark.django_db


def waiting(user) -> dict[str, int]:
    """The user's inbox groups of cases, by step: {"case:accept": 1}."""
    return {g.key: g.count for g in inbox.for_user(user).todo if g.key.startswith("case:")}


def test_a_case_moves_from_inbox_to_inbox_as_it_is_handled(tree, personas) -> None:
    officer, leader, other = personas.officer_a, personas.leader_a, personas.officer_b
    today = timezone.localdate()
    case = services.receive_letter(actor=officer, unit=tree.commune_a, intake=intake(received_on=today)).case

    assert waiting(officer) == {"case:classify": 1}
    assert waiting(leader) == {}  # nothing for the leader before the proposal
    assert waiting(other) == {}  # another commune's officer
    services.classify(actor=officer, case=case)
    services.propose_acceptance(actor=officer, case=case)
    assert waiting(officer) == {}
    assert waiting(leader) == {"case:accept": 1}
    # The officer follows the case: it waits for the leader, and says so.
    followed = inbox.for_user(officer).following
    assert followed.count == 1 and "Lãnh đạo" in " ".join(followed.items[0].waiting_for)
    [item] = next(g for g in inbox.for_user(leader).todo if g.key == "case:accept").items
    assert item.action is not None and item.action.name == "accept"
    assert item.action_url == reverse("case_act", args=[case.pk, "accept"])

    services.accept(actor=leader, case=case, on=today, handlers=[officer])
    assert waiting(leader) == {}
    assert waiting(officer) == {"case:verify": 1}
    services.start_verification(actor=officer, case=case)
    # Verifying, the case waits for the leader's decision; the handler follows it, and may report.
    assert waiting(leader) == {"case:decide": 1}
    assert waiting(officer) == {}
    assert inbox.for_user(officer).following.count == 1
    assert engine.buttons(services.CASE, officer, case)[0].name == "report"


def test_the_home_page_shows_the_step_and_the_case_page_who_acts_next(tree, personas) -> None:
    officer, leader = personas.officer_a, personas.leader_a
    case = services.receive_letter(actor=officer, unit=tree.commune_a, intake=intake()).case
    services.classify(actor=officer, case=case)
    services.propose_acceptance(actor=officer, case=case)
    client = Client()
    client.force_login(leader)
    home = client.get(reverse("home")).content.decode()
    assert 'id="count-todo">1<' in home
    assert reverse("case_act", args=[case.pk, "accept"]) in home and ">Thụ lý</a>" in home
    client.force_login(officer)
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert "Thụ lý — chờ" in page  # who acts next, in words
    assert 'id="actions"></div>' in page or ">Thụ lý</a>" not in page  # not the officer's button
    client.force_login(leader)
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert 'class="btn btn-sm btn-primary" href="{}"'.format(reverse("case_act", args=[case.pk, "accept"])) in page


def test_overdue_and_due_soon_are_counted_for_those_responsible(tree, personas) -> None:
    officer = personas.officer_a
    today = timezone.localdate()
    late = services.receive_letter(
        actor=officer, unit=tree.commune_a, intake=intake(received_on=today - datetime.timedelta(days=40))
    ).case
    assert late.due_on is not None and late.due_on < today
    box = inbox.for_user(officer)
    assert box.overdue.count == 1 and box.overdue.items[0].overdue
    assert box.overdue.more_url == f"{reverse('case_list')}?queue=overdue"
    assert inbox.for_user(personas.officer_b).overdue.count == 0


def test_an_overdue_case_nobody_is_assigned_to_is_reminded_to_who_may_take_its_next_step(tree, personas) -> None:
    """Issue 9: `send_reminders --now` answered "Đã nhắc 0 vụ việc" while a case had been overdue since
    15/10 — it had no handler and no leader yet. It waits for the officers who may take its next step."""
    personas.officer_a.email = "canbo@xa-a.vn"
    personas.officer_a.save()
    today = timezone.localdate()
    case = services.receive_letter(
        actor=SYSTEM, unit=tree.commune_a, intake=intake(received_on=today - datetime.timedelta(days=40))
    ).case
    assert not case.handlers.exists() and case.leader_id is None
    far = UserFactory(username="tinh_khac")
    RoleAssignmentFactory(user=far, role="officer", unit=tree.commune_c)
    assert {u.username for u in inbox.responsible(CASES, case)} == {"officer_a"}
    call_command("send_reminders", "--now", stdout=(out := __import__("io").StringIO()))
    assert out.getvalue().startswith("Đã nhắc 1 vụ việc: 1 thông báo, 1 thư điện tử.")
    note = Notification.objects.get()
    assert note.user == personas.officer_a and "đã quá hạn" in note.message and case.number in note.message
    assert mail.outbox[0].to == ["canbo@xa-a.vn"]
    # Proposed, it waits for the leader: the leader is reminded (once), the officer is not told again.
    services.classify(actor=personas.officer_a, case=case)
    services.propose_acceptance(actor=personas.officer_a, case=case)
    case.refresh_from_db()
    if case.due_on is not None and case.due_on < today:
        assert {u.username for u in inbox.responsible(CASES, case)} == {"leader_a"}


def test_the_expected_step_is_the_primary_button_and_a_refusal_a_danger_one(tree, personas) -> None:
    officer = personas.officer_a
    case = services.receive_letter(actor=officer, unit=tree.commune_a, intake=intake()).case
    buttons = engine.buttons(services.CASE, officer, case)
    assert buttons[0].name == "classify" and buttons[0].style == "btn-primary"
    styles = {b.name: b.style for b in buttons}
    assert styles["file"] == "btn-outline-danger"
    assert all(s != "btn-primary" for name, s in styles.items() if name != "classify")
    assert engine.next_step(services.CASE, case).startswith("Phân loại — chờ")


def test_the_case_lists_queue_mine_holds_what_the_inbox_counts(tree, personas) -> None:
    """Issue 9: the leader's case awaiting acceptance was in none of the queues."""
    officer, leader = personas.officer_a, personas.leader_a
    case = services.receive_letter(actor=officer, unit=tree.commune_a, intake=intake()).case
    services.classify(actor=officer, case=case)
    services.propose_acceptance(actor=officer, case=case)
    client = Client()
    client.force_login(leader)
    page = client.get(reverse("case_list") + "?queue=mine").content.decode()
    assert f">{case.number}<" in page or f"{case.number}</a>" in page
    client.force_login(personas.officer_b)
    assert case.number not in client.get(reverse("case_list") + "?queue=mine").content.decode()


def test_the_home_page_offers_only_what_the_user_can_start(tree, personas) -> None:
    """The crawl found the administrator offered "Vào sổ đơn mới" and then refused: no working unit."""
    client = Client()
    client.force_login(personas.officer_a)
    home = client.get(reverse("home")).content.decode()
    assert reverse("petition_intake") in home and reverse("initiative_create") in home
    client.force_login(personas.admin)
    for page in (reverse("home"), reverse("case_list")):
        assert reverse("petition_intake") not in client.get(page).content.decode(), page
