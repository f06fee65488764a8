"""``selectors.stats_for`` on a hand-built year of dossiers whose every figure is known: early, on time and
late (DOMAIN §3.3: the due day is on time, the day after late, a day before early; the by-time rule),
carried over, in progress within time and overdue, apology slips, ratings; by field, procedure, service
point and sub-unit; over a subtree, a merged unit (tree fixture: Xã Cũ became part of Xã A on 1/7/2025)
and within the viewer's scope.

Every dossier is walked through the services at its business time (:func:`services.business_time`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from danvan.core.actors import SystemActor
from danvan.core.periods import Period
from danvan.onestop import rules, selectors, services
from danvan.onestop.models import Dossier, Procedure, ServicePoint
from danvan.stats.engine import WHOLE_SYSTEM

pytestmark = pytest.mark.django_db
SYSTEM = SystemActor("kiểm thử")
YEAR = Period.year(2025)
# Monday 7/7/2025 … Friday 11/7/2025: an ordinary week.
MON, TUE, WED, THU, FRI = (datetime.date(2025, 7, 7) + datetime.timedelta(days=n) for n in range(5))


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def step(when: datetime.datetime, dossier: Dossier, action: str, actor: Any = SYSTEM, **params: Any) -> None:
    with services.business_time(when):
        services.act(actor=actor, dossier=dossier, action=action, **params)


def receive(point: ServicePoint, procedure: Procedure, when: datetime.datetime, channel: str = "desk") -> Dossier:
    with services.business_time(when):
        return services.receive_dossier(actor=SYSTEM, service_point=point, procedure=procedure, channel=channel,
                                        applicant_name="Hoàng Văn Thắng")  # fmt: skip


def finish(dossier: Dossier, when: datetime.datetime) -> Dossier:
    step(when - datetime.timedelta(minutes=30), dossier, "hand_over", department="Tư pháp")
    step(when, dossier, "result")
    return dossier


def rate(dossier: Dossier, when: datetime.datetime, level: int, channel: str = "kiosk") -> None:
    step(when, dossier, "return_result", method="desk")
    with services.business_time(when + datetime.timedelta(minutes=5)):
        if channel == "paper":
            services.rate(dossier=dossier, channel=channel, level=level, actor=SYSTEM)
        else:
            services.rate(dossier=dossier, channel=channel, level=level, token=dossier.rating_token)


@dataclass
class Year:
    old_point: ServicePoint
    old_land: Procedure
    dossiers: dict[str, Dossier]


@pytest.fixture
def year(desk, tree) -> Year:
    """The year 2025 at Xã A (and its predecessor Xã Cũ), one dossier at Xã B."""
    old_point = services.save_service_point(actor=SYSTEM, unit=tree.old_commune, name="Bộ phận một cửa xã Cũ",
                                            kind="commune")  # fmt: skip
    old_land = services.save_procedure(actor=SYSTEM, unit=tree.old_province, code="1.004227", name="Đăng ký biến "
                                       "động đất đai", field="Đất đai", level="both", days=10)  # fmt: skip
    d: dict[str, Dossier] = {}
    # Birth registration: 3 working days, due Thursday 10/7 at the close.
    d["early"] = finish(receive(desk.point, desk.birth, at(MON, 9)), at(WED, 10))
    with services.business_time(at(MON, 8)):
        online = services.submit_online(service_point=desk.point, procedure=desk.birth, applicant_name="Bế Thị Lan")
    step(at(MON, 9), online, "receive")
    d["on_time"] = finish(online, at(THU, 16))
    d["after_due_instant"] = finish(receive(desk.point, desk.birth, at(MON, 9)), at(THU, 17, 30))
    late = receive(desk.point, desk.birth, at(MON, 9))
    step(at(TUE, 9), late, "hand_over", department="Tư pháp")
    step(at(WED, 10), late, "apologise", reason="Chờ xác minh nơi sinh", new_due=FRI)
    step(at(FRI, 9), late, "result")
    d["late"] = late
    # Chứng thực after the 15:00 cut-off: due Tuesday; settled the same Monday: a day early.
    certify = receive(desk.point, desk.certify, at(MON, 15, 10), channel="post")
    step(at(MON, 16), certify, "result")
    d["certify"] = certify
    # Xã B.
    d["b"] = finish(receive(desk.point_b, desk.birth, at(MON, 9)), at(TUE, 9))
    # Xã Cũ (merged into Xã A): carried over from 2024 and finished late in 2025; one early in March.
    d["carried"] = finish(receive(old_point, old_land, at(datetime.date(2024, 12, 16), 9)),
                          at(datetime.date(2025, 1, 20), 9))  # fmt: skip
    d["old_early"] = finish(receive(old_point, old_land, at(datetime.date(2025, 3, 3), 9)),
                            at(datetime.date(2025, 3, 5), 9))  # fmt: skip
    # Still open: overdue since Christmas, and one due in January 2026.
    overdue = receive(desk.point, desk.birth, at(datetime.date(2025, 12, 22), 9))
    step(at(datetime.date(2025, 12, 22), 10), overdue, "hand_over", department="Tư pháp")
    d["overdue"] = overdue
    d["within"] = receive(desk.point, desk.land, at(datetime.date(2025, 12, 29), 9))
    # Ratings: very satisfied at the kiosk, satisfied on paper, unsatisfied online.
    rate(d["early"], at(WED, 11), 5)
    rate(d["on_time"], at(THU, 16, 30), 4, channel="paper")
    rate(d["late"], at(FRI, 10), 2, channel="online")
    return Year(old_point, old_land, d)


def test_boundary_of_early_on_time_late(year) -> None:
    d = year.dossiers
    assert timezone.localtime(d["early"].due_at) == at(THU, 17)
    assert d["early"].timeliness == rules.Timeliness.EARLY  # finished the day before the due day
    assert d["on_time"].timeliness == rules.Timeliness.ON_TIME  # on the due day, before the instant
    assert d["after_due_instant"].timeliness == rules.Timeliness.ON_TIME  # on the due day, by day
    assert d["late"].timeliness == rules.Timeliness.LATE  # the day after the due day
    assert timezone.localtime(d["certify"].due_at) == at(TUE, 17)
    assert d["certify"].timeliness == rules.Timeliness.EARLY


def test_by_time_rule(year, tree) -> None:
    services.set_settings(actor=SYSTEM, province=tree.province, rating_scheme="five", timeliness_rule="time")
    for dossier in year.dossiers.values():
        dossier.refresh_from_db()
        services.recompute(dossier)
    d = year.dossiers
    assert d["after_due_instant"].timeliness == rules.Timeliness.LATE  # 17:30 is after the 17:00 due instant
    assert d["on_time"].timeliness == rules.Timeliness.ON_TIME
    assert d["early"].timeliness == rules.Timeliness.EARLY
    stats = selectors.stats_for(tree.commune_a, YEAR, user=WHOLE_SYSTEM)
    assert (stats.totals["early"], stats.totals["on_time"], stats.totals["late"]) == (3, 1, 3)


def test_figures_of_a_merged_commune(year, desk, tree) -> None:
    stats = selectors.stats_for(tree.commune_a, YEAR, user=WHOLE_SYSTEM)
    t = stats.totals
    # Received in 2025 at Xã A: early, on_time (online), after_due_instant, late, certify (post), overdue,
    # within; at Xã Cũ: old_early. Carried over from 2024: the Xã Cũ land dossier.
    assert t["carried_over"] == 1 and t["received"] == 8 and stats.received_total == 9
    assert (t["received_desk"], t["received_online"], t["received_post"]) == (6, 1, 1)
    assert t["finished"] == 7
    assert (t["early"], t["on_time"], t["late"]) == (3, 2, 2)
    assert (t["in_progress_within"], t["in_progress_overdue"]) == (1, 1)
    assert t["returned"] == 3 and t["withdrawn"] == t["refused"] == t["stopped"] == 0
    assert stats.apologies == 1
    assert dict(stats.ratings) == {"rated": 3, "satisfied": 2, "very_satisfied": 1, "unsatisfied": 1}
    assert stats.online_share == Decimal("12.50")  # 1 of 8
    assert stats.on_time_share == Decimal("71.43")  # (3 + 2) / 7
    assert stats.satisfaction_share == Decimal("66.67")
    assert {k: v["received"] for k, v in stats.by_field.items()} == {"Hộ tịch": 5, "Chứng thực": 1, "Đất đai": 2}
    assert {k: v["late"] for k, v in stats.by_field.items()} == {"Hộ tịch": 1, "Chứng thực": 0, "Đất đai": 1}
    assert {k: v["received"] for k, v in stats.by_procedure.items()} == {
        desk.birth.pk: 5,
        desk.certify.pk: 1,
        desk.land.pk: 1,
        year.old_land.pk: 1,
    }
    assert stats.by_procedure[year.old_land.pk]["carried_over"] == 1
    assert {k: v["received"] for k, v in stats.by_service_point.items()} == {desk.point.pk: 7, year.old_point.pk: 1}
    # On the tree as it was, Xã A is its own subtree: Xã Cũ's dossiers are not its.
    then = selectors.stats_for(tree.commune_a, YEAR, user=WHOLE_SYSTEM, today_tree=False)
    assert (then.totals["carried_over"], then.totals["received"], then.totals["late"]) == (0, 7, 1)


def test_province_subtree_sub_units_and_viewer_scope(year, tree, personas) -> None:
    stats = selectors.stats_for(tree.province, YEAR, user=WHOLE_SYSTEM)
    assert stats.totals["received"] == 9 and stats.totals["carried_over"] == 1
    assert {u.code: v["received"] for u, v in stats.by_unit} == {"90010": 8, "90020": 1}
    assert {u.code: v["early"] for u, v in stats.by_unit} == {"90010": 3, "90020": 1}
    # The catalogue: each procedure at its online level, and through one-stop.
    assert stats.procedures_total >= 3 and stats.procedure_levels.get("full") == 1
    assert stats.one_stop_share == Decimal("100.00")
    # A commune officer asking about the province sees only his commune's dossiers.
    as_b = selectors.stats_for(tree.province, YEAR, user=personas.officer_b)
    assert as_b.totals["received"] == 1 and as_b.apologies == 0 and as_b.ratings["rated"] == 0
    as_a = selectors.stats_for(tree.province, YEAR, user=personas.officer_a)
    assert as_a.totals["received"] == 8 and as_a.apologies == 1 and as_a.ratings["rated"] == 3
    # Another province counts nothing of it; the nation counts all.
    assert selectors.stats_for(tree.other_province, YEAR, user=WHOLE_SYSTEM).totals["received"] == 0
    assert selectors.stats_for(None, YEAR, user=WHOLE_SYSTEM).totals["received"] == 9
    # A quarter: only the July week's dossiers (and Xã B's) were received in Q3.
    q3 = selectors.stats_for(tree.province, Period.quarter(2025, 3), user=WHOLE_SYSTEM)
    assert q3.totals["received"] == 6 and q3.totals["carried_over"] == 0 and q3.apologies == 1


def test_withdrawn_refused_and_stopped_now(desk, tree) -> None:
    just = timezone.now() - datetime.timedelta(minutes=10)
    withdrawn = services.receive_dossier(actor=SYSTEM, service_point=desk.point, procedure=desk.land,
                                         received_at=just, applicant_name="A")  # fmt: skip
    services.act(actor=SYSTEM, dossier=withdrawn, action="withdraw", reason="Công dân xin rút")
    stopped = services.receive_dossier(actor=SYSTEM, service_point=desk.point, procedure=desk.land,
                                       received_at=just, applicant_name="B")  # fmt: skip
    services.act(actor=SYSTEM, dossier=stopped, action="stop", reason="Có tranh chấp")
    refused = services.submit_online(service_point=desk.point, procedure=desk.birth, applicant_name="C")
    services.act(actor=SYSTEM, dossier=refused, action="refuse", reason="Không thuộc thẩm quyền")
    stats = selectors.stats_for(tree.commune_a, Period.year(timezone.localdate().year), user=WHOLE_SYSTEM)
    assert (stats.totals["withdrawn"], stats.totals["stopped"], stats.totals["refused"]) == (1, 1, 1)
    # Refused at reception: never received, so not among the received nor in progress.
    assert stats.totals["received"] == 2 and stats.totals["in_progress_within"] == 0


def test_withdrawn_in_the_past_counts_in_its_year(desk, tree) -> None:
    dossier = receive(desk.point, desk.land, at(MON, 9))
    step(at(TUE, 9), dossier, "withdraw", reason="Công dân xin rút")
    assert dossier.ended_on == TUE
    assert selectors.stats_for(tree.commune_a, YEAR, user=WHOLE_SYSTEM).totals["withdrawn"] == 1
