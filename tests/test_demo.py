"""The demo a new user meets: seed it once and answer the questions the issues ask of it."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan.accounts.models import User
from danvan.core.periods import Period
from danvan.demo.seed import seed_demo
from danvan.initiatives import selectors
from danvan.initiatives.models import Initiative
from danvan.stats.engine import WHOLE_SYSTEM
from danvan.units.selectors import unit_by_code

pytestmark = pytest.mark.django_db


def test_demo_answers_the_provincial_officers_question() -> None:
    seed_demo()
    assert 300 <= Initiative.objects.count() <= 400
    statuses = set(Initiative.objects.values_list("status", flat=True))
    assert len(statuses) >= 10  # every page and chart has something true to show

    na_sam = Initiative.objects.get(name="Vận động nhân dân hiến đất làm đường", unit__short_name="Nà Săm")
    assert na_sam.owner_name == "Ông Triệu Văn Thiên" and na_sam.published
    assert selectors.results_of(na_sam)[0]["total"] == Decimal(9000)
    # Counted under today's xã Chợ Rã, which thôn Nà Săm of xã Thượng Giáo became part of.
    cho_ra = selectors.stats_for(unit_by_code("01912"), Period.year(2024), user=WHOLE_SYSTEM)
    assert cho_ra.exemplary >= 1 and dict((m.name, v) for m, v in cho_ra.results)["Diện tích đất hiến"] >= 9000

    # "How many models were registered, recognised and exemplary this year, by field, and in which communes?"
    client = Client()
    client.force_login(User.objects.get(username="tinh.tgdv"))
    page = client.get(reverse("initiative_stats"))  # defaults: the officer's province, this year
    stats = page.context["stats"]
    assert stats.unit.code == "19" and stats.period == Period.year(timezone.localdate().year)
    assert stats.registered > 0 and stats.recognised > 0 and stats.exemplary > 0
    assert len(stats.by_field.rows) == 4 and len(stats.by_unit) > 10
    body = page.content.decode()
    assert "Theo lĩnh vực" in body and "Theo đơn vị trực thuộc" in body
    xlsx = client.get(reverse("initiative_stats"), {"unit": "19", "year": stats.period.start.year, "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert ("TỔNG SỐ", stats.registered, stats.recognised, stats.exemplary, stats.commended, stats.replicated) in rows
    assert client.get(reverse("gallery_unit", args=["19"])).status_code == 200
    # The petitions demo: a year that reads like the seeds.
    from danvan.petitions.models import Case, Letter
    from danvan.petitions.services import public_sender

    cases = Case.objects.all()
    assert cases.count() > 30 and Letter.objects.count() > cases.count()  # repeat letters join their case
    assert any(c.is_overdue for c in cases.open()) and cases.filter(status="suspended").exists()
    assert cases.filter(crowd=True).exists() and Letter.objects.filter(duplicate_of__isnull=False).exists()
    denunciation = Letter.objects.filter(kind="tc").first()
    assert denunciation is not None and public_sender(denunciation) == "Người tố cáo: được giữ bí mật"
    ward_leader = Client()
    ward_leader.force_login(User.objects.get(username="ducxuan.lanhdao"))
    assert ward_leader.get(reverse("case_list") + "?queue=overdue").context["page"].paginator.count >= 1
