"""stats_for: plans, visits and units visited, recommendations made / closed on time / late / open within
time / overdue — in SQL through the kit's engine, over the coverage, within the viewer's scope; the queues."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from danvan.core.periods import Period
from danvan.inspections import selectors, services
from danvan.stats import registry
from danvan.stats.engine import WHOLE_SYSTEM
from tests.inspections.conftest import SYSTEM

pytestmark = pytest.mark.django_db
YEAR = Period.year(2026)


@pytest.fixture
def walked(inspection, tree):
    """Four recommendations: closed on time, closed late, open overdue, open within time; a second visit."""
    plan, visit = inspection.plan, inspection.visit
    on_time = inspection.rec  # due 30/11/2026
    services.act_recommendation(
        actor=SYSTEM,
        recommendation=on_time,
        action="close",
        note="Xong",
        document_no="1/BC",
        on=datetime.date(2026, 11, 20),
    )
    late = services.add_recommendation(
        actor=SYSTEM,
        plan=plan,
        visit=visit,
        content="Nhân rộng mô hình",
        responsible="MTTQ Xã A",
        due_on=datetime.date(2026, 10, 1),
    )
    services.act_recommendation(
        actor=SYSTEM,
        recommendation=late,
        action="close",
        note="Xong",
        document_no="2/BC",
        on=datetime.date(2026, 10, 20),
    )
    services.add_recommendation(
        actor=SYSTEM,
        plan=plan,
        visit=visit,
        content="Phát triển rau sạch",
        responsible="UBND Xã A",
        due_on=datetime.date(2026, 11, 15),
    )
    visit_b = services.record_visit(
        actor=SYSTEM,
        plan=plan,
        unit=tree.commune_b,
        visited_on=datetime.date(2026, 9, 22),
        checked=["Công khai"],
        strengths="Đầy đủ",
    )
    services.add_recommendation(
        actor=SYSTEM,
        plan=plan,
        visit=visit_b,
        content="Ghi sổ công khai",
        responsible="UBND Xã B",
        due_on=datetime.date(2099, 1, 15),
    )
    return inspection


def test_stats_for_the_province(walked, tree) -> None:
    stats = selectors.stats_for(tree.province, YEAR, user=WHOLE_SYSTEM)
    assert stats.plans["plans"] == 1 and stats.visits == {"visits": 2, "units_visited": 2}
    today = timezone.localdate()
    r = stats.recommendations
    assert (r["made"], r["closed_on_time"], r["closed_late"]) == (4, 1, 1)
    # At the period's end (or today): the 15/11/2026 one is overdue once that day has passed.
    end = min(YEAR.end, today)
    overdue = 1 if end > datetime.date(2026, 11, 15) else 0
    assert (r["open_overdue"], r["open_within"]) == (overdue, 2 - overdue)
    assert stats.closed == 2 and stats.open == 2 and str(stats.on_time_share) == "50.00"
    by_unit = {u.pk: v["made"] for u, v in stats.by_unit}
    assert by_unit == {tree.commune_a.pk: 3, tree.commune_b.pk: 1}


def test_stats_within_the_viewers_scope(walked, tree, personas) -> None:
    # The officer of Xã B sees only Xã B's visit and recommendation; not the province's plan.
    stats = selectors.stats_for(tree.province, YEAR, user=personas.officer_b)
    assert stats.plans["plans"] == 0 and stats.visits["visits"] == 1 and stats.recommendations["made"] == 1
    assert selectors.stats_for(tree.commune_a, YEAR, user=personas.officer_b).recommendations["made"] == 0
    supervisor = selectors.stats_for(tree.province, YEAR, user=personas.supervisor)
    assert supervisor.recommendations["made"] == 4 and supervisor.plans["plans"] == 1
    assert selectors.stats_for(tree.other_province, YEAR, user=WHOLE_SYSTEM).recommendations["made"] == 0


def test_an_earlier_period_counts_the_stock_then(walked, tree) -> None:
    q3 = selectors.stats_for(tree.province, Period.quarter(2026, 3), user=WHOLE_SYSTEM)
    # By 30/9 the four were made and none had ended; the 01/10 one was still within time on 30/9.
    assert q3.recommendations["made"] == 4 and q3.closed == 0
    assert q3.recommendations["open_within"] == 4 and q3.recommendations["open_overdue"] == 0


def test_sources_registered_by_name() -> None:
    assert {"inspections.plans", "inspections.visits", "inspections.recommendations"} <= set(registry.names())


def test_queues(walked, personas, tree) -> None:
    base = selectors.recommendations_for(personas.supervisor)
    assert base.count() == 4
    assert selectors.in_queue(base, "open", personas.supervisor).count() == 2
    overdue = selectors.in_queue(base, "overdue", personas.supervisor)
    expected = 1 if timezone.localdate() > datetime.date(2026, 11, 15) else 0
    assert overdue.count() == expected
    rec = selectors.in_queue(base, "open", personas.supervisor).first()
    rec.officer = personas.officer_a
    rec.save()
    assert list(selectors.in_queue(selectors.recommendations_for(personas.officer_a), "mine", personas.officer_a)) == [
        rec
    ]
    assert selectors.recommendations_for(personas.officer_b).count() == 1
