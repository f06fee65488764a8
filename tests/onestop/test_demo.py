"""The one-stop demo: a year of dossiers in Thái Nguyên whose figures read plausibly — computed from the
walked records, never typed: some late, some apology slips issued before the due date, online share near
half, ratings from the kiosk, online and paper, work queues with something in them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db.models import F
from django.utils import timezone

from danvan.accounts.models import User
from danvan.core.periods import Period
from danvan.onestop import demo as onestop_demo
from danvan.onestop import rules, selectors
from danvan.onestop.models import Apology, Dossier, Procedure, Rating
from danvan.stats.engine import WHOLE_SYSTEM
from danvan.units.selectors import unit_by_code
from tests.demo_site import demo, demo_site  # noqa: F401 — the shared demo, seeded once

pytestmark = pytest.mark.usefixtures("demo")


def test_the_year_reads_plausibly() -> None:
    province = unit_by_code("19")
    today = timezone.localdate()
    span = Period.custom(onestop_demo.FIRST_DAY, today)
    stats = selectors.stats_for(province, span, user=WHOLE_SYSTEM)
    t = stats.totals
    assert 150 <= Dossier.objects.count() <= 3000
    assert Procedure.objects.filter(unit=province).count() >= 15
    assert t["received"] >= 150 and t["finished"] >= 0.8 * t["received"]
    assert t["early"] > 0 and t["on_time"] > 0 and 0 < t["late"] < 0.25 * t["finished"]
    assert Decimal(70) <= stats.on_time_share <= Decimal(99)
    assert Decimal(30) <= stats.online_share <= Decimal(70)
    assert t["received_post"] > 0 and t["received_desk"] > 0
    assert t["withdrawn"] + t["refused"] + t["stopped"] > 0
    assert t["in_progress_overdue"] >= 2 and t["in_progress_within"] >= 1
    assert 0 < stats.apologies < t["late"] + t["in_progress_overdue"]
    assert stats.ratings["rated"] > 0.4 * t["returned"] and stats.ratings["unsatisfied"] > 0
    assert Decimal(60) <= stats.satisfaction_share <= Decimal(99)
    assert len(stats.by_field) >= 6 and len(stats.by_service_point) == len(onestop_demo.POINTS)
    assert {u.code for u, _ in stats.by_unit} >= {"01840", "01912"}
    assert stats.procedure_levels.get("full", 0) > 0 and stats.procedure_levels.get("partial", 0) > 0
    assert stats.procedure_levels.get("none", 0) > 0
    # The figures above are the records': the same counts straight from the tables.
    in_span = Dossier.objects.filter(received_on__range=(span.start, span.end))
    assert t["received"] == in_span.count()
    assert t["received_online"] == in_span.filter(channel="online").count()


def test_the_rules_held_on_every_walked_record() -> None:
    # Every apology slip went out before its due day, with one later date.
    apologies = Apology.objects.select_related("dossier")
    assert apologies.exists()
    for apology in apologies:
        assert timezone.localtime(apology.issued_at).date() < apology.dossier.due_on
        assert apology.new_due_at > apology.dossier.due_at
    # Every rating is of a returned dossier, on or after its return; all three channels are used.
    assert set(Rating.objects.values_list("channel", flat=True)) == set(rules.RatingChannel.values)
    assert not Rating.objects.filter(dossier__returned_at__isnull=True).exists()
    assert not Rating.objects.filter(rated_at__lt=F("dossier__returned_at")).exists()
    # Every step happened in order, in the past.
    finished = Dossier.objects.filter(finished_at__isnull=False)
    assert not finished.filter(finished_at__lt=F("received_at")).exists()
    assert not Dossier.objects.filter(received_at__gt=timezone.now()).exists()
    late = finished.filter(timeliness=rules.Timeliness.LATE)
    assert late.exists() and not late.filter(finished_on__lte=F("due_on")).exists()
    assert Dossier.objects.filter(pauses__kind=rules.PauseKind.FINANCIAL).exists()
    assert Dossier.objects.filter(pauses__kind=rules.PauseKind.SUPPLEMENT).exists()
    assert {m for m in Dossier.objects.values_list("return_method", flat=True) if m} == set(rules.ReturnMethod.values)


def test_the_demo_officers_have_work() -> None:
    reception = User.objects.get(username="ducxuan.tiepdan")
    officer = User.objects.get(username="ducxuan.canbo")
    seen = selectors.dossiers_for(reception)
    assert seen.exists() and not seen.exclude(unit__code="01840").exists()
    assert selectors.in_queue(seen, "overdue", reception).count() >= 2
    assert selectors.in_queue(seen, "due_tomorrow", reception).count() >= 1
    assert selectors.in_queue(selectors.dossiers_for(officer), "mine", officer).exists()
    assert Dossier.objects.filter(handler__username="chora.canbo").exists()
    assert Dossier.objects.filter(received_by=reception).exists()
    # A year: the first dossiers are a year old.
    received = Dossier.objects.filter(received_on__isnull=False).order_by("received_on")
    first = received.values_list("received_on", flat=True).first()
    assert first is not None and first - onestop_demo.FIRST_DAY < datetime.timedelta(days=7)
