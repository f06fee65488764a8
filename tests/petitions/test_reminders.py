"""The daily reminder: due soon and overdue cases, to the handlers and the leader, once per fact."""

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
from danvan.petitions.reminders import send_reminders
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.petitions.test_services import intake

pytestmark = pytest.mark.django_db


def test_due_soon_and_overdue_cases_are_notified_once(tree, personas) -> None:
    personas.officer_a.email = "canbo@xa-a.vn"
    personas.officer_a.save()
    today = timezone.localdate()
    overdue = services.receive_letter(
        actor=SYSTEM, unit=tree.commune_a, intake=intake(received_on=today - datetime.timedelta(days=40))
    ).case
    overdue.handlers.add(personas.officer_a)
    fresh = services.receive_letter(
        actor=SYSTEM, unit=tree.commune_a, intake=intake(sender_name="Khác", sender_id_number="", received_on=today)
    ).case
    fresh.handlers.add(personas.officer_a)  # first due date 10 days ahead: not yet
    result = send_reminders(today)
    assert (result.cases, result.notifications, result.emails) == (1, 1, 1)
    assert "đã quá hạn" in Notification.objects.get().message
    assert mail.outbox[0].to == ["canbo@xa-a.vn"] and "quá hạn" in mail.outbox[0].subject
    assert send_reminders(today).notifications == 0  # the same fact is told once
    call_command("send_reminders")  # through the task queue (immediate in tests)
    assert Notification.objects.count() == 1

    client = Client()
    client.force_login(personas.officer_a)
    page = client.get(reverse("my_notifications")).content.decode()
    assert overdue.number in page
    assert 'id="notification-bell"' in page and "text-bg-warning" in page
    client.post(reverse("my_notifications"))
    assert Notification.objects.filter(read_at__isnull=True).count() == 0


def test_a_reminder_reaches_only_those_who_may_see_the_case_when_it_is_sent(tree, personas) -> None:
    """Issue 10, finding 6: a handler of another province, left assigned by old data or an old API hole,
    was told "Vụ việc 31/2026 (Phường Đức Xuân) sắp đến hạn". The check is made as the message is sent."""
    today = timezone.localdate()
    case = services.receive_letter(
        actor=SYSTEM, unit=tree.commune_a, intake=intake(received_on=today - datetime.timedelta(days=40))
    ).case
    outsider = UserFactory(username="ngoai_tinh", email="ngoai@tinh-khac.vn")
    RoleAssignmentFactory(user=outsider, role="officer", unit=tree.commune_c)
    gone = UserFactory(username="da_nghi", is_active=False)
    RoleAssignmentFactory(user=gone, role="officer", unit=tree.commune_a)
    case.handlers.add(outsider, gone, personas.officer_a)
    result = send_reminders(today)
    assert result.notifications == 1
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["officer_a"]
    assert all("ngoai@tinh-khac.vn" not in m.to for m in mail.outbox)
