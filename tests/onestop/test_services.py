"""The dossier's life through the services: receive, hand over, pause, apologise, finish, return, rate."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from danvan.core.models import Event
from danvan.core.services import set_calendar_override
from danvan.onestop import rules, services
from danvan.onestop.models import Apology, Dossier, Rating

pytestmark = pytest.mark.django_db


def at(*args: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))  # noqa: DTZ001


def receive(desk, procedure=None, when=None, **kw) -> Dossier:
    return services.receive_dossier(actor=desk.clerk, service_point=desk.point, procedure=procedure or desk.birth,
                                    received_at=when or at(2026, 11, 30, 9, 0), applicant_name="Hoàng Văn Thắng",
                                    applicant_phone="0912 345 678", **kw)  # fmt: skip


def test_receive_computes_due_and_code(desk) -> None:
    dossier = receive(desk)
    assert dossier.status == rules.Status.RECEIVED
    assert dossier.code == "90010-261130-0001"
    # 3 working days from Monday 30/11 09:00: the day of receipt not counted → Thursday 3/12 at the close.
    assert timezone.localtime(dossier.due_at) == at(2026, 12, 3, 17, 0).astimezone(timezone.get_current_timezone())
    assert dossier.applicant_phone == "0912345678"
    assert receive(desk).code == "90010-261130-0002"
    assert Event.objects.filter(action="open").count() == 2


def test_certify_after_cutoff_counts_from_next_day(desk) -> None:
    dossier = receive(desk, desk.certify, at(2026, 11, 30, 15, 10))
    assert timezone.localtime(dossier.due_at).replace(tzinfo=None) == datetime.datetime(2026, 12, 1, 17, 0)  # noqa: DTZ001
    before = receive(desk, desk.certify, at(2026, 11, 30, 14, 50))
    assert timezone.localtime(before.due_at).replace(tzinfo=None) == datetime.datetime(2026, 11, 30, 17, 0)  # noqa: DTZ001


def test_refused_outside_scope_and_catalogue(desk, personas) -> None:
    with pytest.raises(PermissionDenied):
        services.receive_dossier(actor=personas.officer_b, service_point=desk.point, procedure=desk.birth,
                                 applicant_name="A")  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.receive_dossier(actor=desk.clerk, service_point=desk.point, procedure=desk.other_certify,
                                 applicant_name="A")  # fmt: skip
    assert "procedure" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        receive(desk, applicant_id_number="12")
    assert "applicant_id_number" in exc.value.message_dict
    assert Dossier.objects.count() == 0


def test_full_life_on_time_and_rating(desk, personas) -> None:
    dossier = receive(desk, when=timezone.now() - datetime.timedelta(minutes=1))
    services.act(actor=desk.clerk, dossier=dossier, action="hand_over", department="Công chức Tư pháp - Hộ tịch",
                 handler=personas.officer_a.username)  # fmt: skip
    assert dossier.status == rules.Status.PROCESSING and dossier.handler == personas.officer_a
    with pytest.raises(ValidationError):  # not ready: no return
        services.act(actor=desk.clerk, dossier=dossier, action="return_result", method="desk")
    services.act(actor=personas.officer_a, dossier=dossier, action="result")
    assert dossier.timeliness == rules.Timeliness.EARLY
    services.act(actor=desk.clerk, dossier=dossier, action="return_result", method="desk")
    assert dossier.status == rules.Status.RETURNED
    with pytest.raises(PermissionDenied):
        services.rate(dossier=dossier, channel="online", level=5, token="guess")
    with pytest.raises(ValidationError) as exc:
        services.rate(dossier=dossier, channel="kiosk", level=6, token=dossier.rating_token)
    assert "level" in exc.value.message_dict
    rating = services.rate(dossier=dossier, channel="kiosk", level=4, token=dossier.rating_token)
    assert rating.satisfied and rating.officer == personas.officer_a
    dossier.refresh_from_db()
    assert dossier.status == rules.Status.RATED
    with pytest.raises(ValidationError):
        services.rate(dossier=dossier, channel="kiosk", level=4, token=dossier.rating_token)
    assert Rating.objects.count() == 1


def test_handler_from_another_province_refused(desk, personas, tree) -> None:
    from tests.factories import RoleAssignmentFactory, UserFactory

    stranger = UserFactory(username="stranger")
    RoleAssignmentFactory(user=stranger, role="officer", unit=tree.commune_c)
    dossier = receive(desk)
    with pytest.raises(ValidationError) as exc:
        services.act(actor=desk.clerk, dossier=dossier, action="hand_over", department="Tư pháp", handler="stranger")
    assert "handler" in exc.value.message_dict
    dossier.refresh_from_db()
    assert dossier.status == rules.Status.RECEIVED and not dossier.handovers.exists()


def test_supplement_pauses_only_the_first_time(desk, personas) -> None:
    dossier = receive(desk, desk.land, when=timezone.now() - datetime.timedelta(days=1))
    services.act(actor=desk.clerk, dossier=dossier, action="hand_over", department="Địa chính")
    services.act(actor=desk.clerk, dossier=dossier, action="ask_supplement", reason="Thiếu bản sao sổ đỏ")
    assert dossier.due_at is None  # paused
    services.act(actor=desk.clerk, dossier=dossier, action="supplement_done")
    assert dossier.due_at is not None
    services.act(actor=desk.clerk, dossier=dossier, action="ask_supplement", reason="Thiếu trích lục")
    assert dossier.due_at is not None  # the second request does not stop the clock
    assert dossier.pauses.count() == 1


def test_apology_once_before_due(desk, personas) -> None:
    dossier = receive(desk, desk.land, when=timezone.now() - datetime.timedelta(minutes=5))
    services.act(actor=desk.clerk, dossier=dossier, action="hand_over", department="Địa chính")
    due_day = timezone.localtime(dossier.due_at).date()
    with pytest.raises(ValidationError) as exc:
        services.act(actor=desk.clerk, dossier=dossier, action="apologise", reason="Chờ xác minh",
                     new_due=due_day - datetime.timedelta(days=1))  # fmt: skip
    assert "new_due" in exc.value.message_dict
    services.act(actor=desk.clerk, dossier=dossier, action="apologise", reason="Chờ xác minh nguồn gốc đất",
                 new_due=due_day + datetime.timedelta(days=5))  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.act(actor=desk.clerk, dossier=dossier, action="apologise", reason="Lần hai",
                     new_due=due_day + datetime.timedelta(days=9))  # fmt: skip
    assert "status" in exc.value.message_dict
    assert Apology.objects.count() == 1


def test_calendar_change_moves_due(desk) -> None:
    dossier = receive(desk, when=at(2026, 11, 30, 9, 0))
    _, changed = set_calendar_override(day=datetime.date(2026, 12, 2), kind="off", source_doc="Thông báo 1/TB")
    assert changed.get("onestop.dossiers") == 1
    dossier.refresh_from_db()
    assert timezone.localtime(dossier.due_at).date() == datetime.date(2026, 12, 4)


def test_business_time_dates_the_steps(desk, personas) -> None:
    start = timezone.now() - datetime.timedelta(days=60)
    dossier = receive(desk, desk.land, when=start)
    with services.business_time(start + datetime.timedelta(days=20)):
        services.act(actor=desk.clerk, dossier=dossier, action="hand_over", department="Địa chính")
        services.act(actor=desk.clerk, dossier=dossier, action="result")
    assert dossier.timeliness == rules.Timeliness.LATE  # 10 working days, finished after 20 calendar days + weekends
    finished = timezone.localtime(start + datetime.timedelta(days=20)).date()
    assert timezone.localtime(dossier.finished_at).date() == finished
    assert Event.objects.filter(action="result").get().on == dossier.finished_on
    with pytest.raises(ValueError), services.business_time(timezone.now() + datetime.timedelta(days=1)):
        pass
