"""The area's demo: seeded in the demo communes through the services, with figures worth showing."""

from __future__ import annotations

import pytest

from danvan.core.periods import Period
from danvan.demo.seed import _hamlets
from danvan.democracy import selectors
from danvan.democracy.demo import seed_democracy
from danvan.democracy.models import BoardFinding, CommunityDecision, Convention, InspectionBoard, Publication
from danvan.stats.engine import WHOLE_SYSTEM
from danvan.units.loader import load_national_units
from danvan.units.selectors import unit_by_code

pytestmark = pytest.mark.django_db


def test_demo_reads_like_a_year_of_grassroots_democracy() -> None:
    load_national_units()
    _hamlets()
    seed_democracy()
    ducxuan, chora = unit_by_code("01840"), unit_by_code("01912")
    assert (
        Publication.objects.filter(unit=ducxuan).count() >= 20 and Publication.objects.filter(unit=chora).count() >= 20
    )
    assert Publication.objects.filter(late_days__gt=0).exists() and Publication.objects.filter(has_issue=False).exists()
    gaps = {g.unit.code: g for g in selectors.gaps_for(WHOLE_SYSTEM)}
    assert (len(gaps["01840"].missing_lists) == 1 and not gaps.get("01912")) or not gaps["01912"].missing_lists
    road = CommunityDecision.objects.get(matter=1)
    assert road.passed and road.status == "sent" and 3 * road.votes_for >= 2 * road.households
    assert CommunityDecision.objects.filter(matter=3, status="recognised").exists()
    assert CommunityDecision.objects.filter(matter=5, status="sent", due_on__isnull=False).exists()
    assert Convention.objects.filter(status="review").exists()
    assert InspectionBoard.objects.filter(complete=True).count() == 2 and BoardFinding.objects.count() == 2
    stats = selectors.stats_for(unit_by_code("19"), Period.year(2026), user=WHOLE_SYSTEM)
    assert stats.publications["published"] > 20 and stats.publications["late"] > 0
    assert stats.decisions["held"] == 3 and stats.findings["findings"] == 2
    seed_democracy()  # a second run finds the records
    assert CommunityDecision.objects.count() == 3
