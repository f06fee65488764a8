"""The only read path of the one-stop area: scoped lists, the work queues and the statistics.

Every list starts from the user's scoped set (``visible_to``); :func:`stats_for` computes every figure
of DOMAIN §3.5 in SQL through the kit's statistics engine (:mod:`.measures`), over a unit's coverage,
within the viewer's scope.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.calendar import add_working_days
from danvan.core.periods import Period
from danvan.core.selectors import current_calendar
from danvan.onestop import measures, rules
from danvan.onestop.models import Dossier, Procedure, ServicePoint
from danvan.stats.engine import Target, compute
from danvan.units.models import Unit

S = rules.Status


def dossiers_for(user: Any) -> QuerySet[Dossier]:
    """The dossiers ``user`` may see: the start of the list, its API and its export."""
    return Dossier.objects.visible_to(user).select_related("unit", "procedure", "service_point")


def procedures_for(user: Any) -> QuerySet[Procedure]:
    """The catalogues ``user`` may read: those of the provinces their one-stop scope lies in. A province
    publishes one catalogue for every desk in it, so a commune officer reads the province's."""
    scope = access.scope_for(user, roles.ONESTOP.view)
    qs = Procedure.objects.select_related("unit")
    if scope.everything:
        return qs
    provinces = sorted({prefix[: Unit.steplen] for prefix in scope.prefixes})
    return qs.filter(unit__path__in=provinces)


def service_points_for(user: Any) -> QuerySet[ServicePoint]:
    return ServicePoint.objects.visible_to(user).select_related("unit")


#: The work queues of the dossier list.
QUEUES = {
    "": "Tất cả",
    "mine": "Tôi đang xử lý",
    "due_tomorrow": "Đến hạn ngày làm việc tới",
    "overdue": "Quá hạn",
    "to_return": "Chờ trả kết quả",
    "online": "Chờ tiếp nhận trực tuyến",
}


def next_working_day(day: datetime.date) -> datetime.date:
    return add_working_days(day, 1, current_calendar())


def in_queue(qs: QuerySet[Dossier], queue: str, user: Any) -> QuerySet[Dossier]:
    """A work queue: "mine" (handled by ``user``), "due_tomorrow" (in progress, due on the next working
    day: the day the apology slip must go out), "overdue" (in progress, past the due instant),
    "to_return", "online" (waiting for the desk), or "" (all)."""
    now = timezone.now()
    if queue == "mine":
        return qs.filter(handler=user, status__in=rules.IN_PROGRESS)
    if queue == "due_tomorrow":
        tomorrow = next_working_day(timezone.localdate())
        return qs.filter(status__in=rules.IN_PROGRESS, due_on__gt=timezone.localdate(), due_on__lte=tomorrow)
    if queue == "overdue":
        return qs.filter(status__in=rules.IN_PROGRESS, due_at__lt=now)
    if queue == "to_return":
        return qs.filter(status=S.RESULT_READY)
    if queue == "online":
        return qs.filter(status=S.ONLINE)
    return qs


def public_dossier(code: str) -> Dossier | None:
    """A dossier by its code, for the public status page (which shows only its public steps)."""
    return (
        Dossier.objects.filter(code=code.strip().upper()).select_related("procedure", "service_point", "unit").first()
    )


# --- statistics -----------------------------------------------------------------------------------


def _share(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.01")) if whole else None


@dataclass
class OneStopStats:
    """The one-stop figures of a unit and a period (DOMAIN §3.5)."""

    unit: Unit | None
    period: Period
    totals: dict[str, Any] = field(default_factory=dict)
    #: Per field, procedure and service point: {key: {measure: value}}.
    by_field: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_procedure: dict[int, dict[str, Any]] = field(default_factory=dict)
    by_service_point: dict[int, dict[str, Any]] = field(default_factory=dict)
    by_unit: list[tuple[Unit, dict[str, Any]]] = field(default_factory=list)
    apologies: int = 0
    ratings: dict[str, Any] = field(default_factory=dict)
    #: Procedures of the catalogue (the unit's province) at each online level, and via one-stop.
    procedure_levels: dict[str, int] = field(default_factory=dict)
    procedures_total: int = 0
    procedures_one_stop: int = 0

    @property
    def received_total(self) -> int:
        return int(self.totals.get("carried_over", 0)) + int(self.totals.get("received", 0))

    @property
    def online_share(self) -> Decimal | None:
        """Hồ sơ trực tuyến / tổng hồ sơ tiếp nhận mới (DOMAIN §3.4)."""
        return _share(int(self.totals.get("received_online", 0)), int(self.totals.get("received", 0)))

    @property
    def on_time_share(self) -> Decimal | None:
        """(Trước hạn + đúng hạn) / đã giải quyết (QĐ 766/QĐ-TTg [M])."""
        done = int(self.totals.get("finished", 0))
        return _share(int(self.totals.get("early", 0)) + int(self.totals.get("on_time", 0)), done)

    @property
    def satisfaction_share(self) -> Decimal | None:
        """Tỷ lệ hài lòng qua đánh giá hồ sơ: hài lòng và rất hài lòng / lượt đánh giá."""
        return _share(int(self.ratings.get("satisfied", 0)), int(self.ratings.get("rated", 0)))

    def level_share(self, level: str) -> Decimal | None:
        return _share(self.procedure_levels.get(level, 0), self.procedures_total)

    @property
    def one_stop_share(self) -> Decimal | None:
        return _share(self.procedures_one_stop, self.procedures_total)


def stats_for(unit: Unit | None, period: Period, *, user: Any, today_tree: bool = True) -> OneStopStats:
    """Every one-stop figure of ``unit`` (None: the nation) in ``period`` that ``user`` may see:
    received (carried over; new in person, online, by post), finished early / on time / late, in
    progress within time / overdue, returned, withdrawn, refused, stopped; apology slips; ratings;
    by field, procedure, service point and direct sub-unit. A system caller passes
    :data:`danvan.stats.engine.WHOLE_SYSTEM`."""
    target = Target(unit, period, viewer=user, today_tree=today_tree)
    figures = compute(measures.DOSSIERS, target, breakdown=("field", "procedure_id", "service_point_id"), by_unit=True)
    stats = OneStopStats(unit=unit, period=period, totals=dict(figures.total), by_unit=figures.by_unit)
    for (field_name, procedure, point), values in figures.cells.items():
        for into, key in (
            (stats.by_field, field_name),
            (stats.by_procedure, procedure),
            (stats.by_service_point, point),
        ):
            row = into.setdefault(key, {})
            for name, value in values.items():
                row[name] = row.get(name, 0) + (value or 0)
    stats.apologies = int(compute(measures.APOLOGIES, target).total["apologies"] or 0)
    stats.ratings = dict(compute(measures.RATINGS, target).total)
    provinces = {p[: Unit.steplen] for p in target.coverage()} if unit is not None else None
    catalogue = Procedure.objects.filter(active=True)
    if provinces is not None:
        catalogue = catalogue.filter(unit__path__in=sorted(provinces))
    counts = catalogue.aggregate(total=Count("pk"), one_stop=Count("pk", filter=Q(one_stop=True)))
    stats.procedures_total, stats.procedures_one_stop = counts["total"], counts["one_stop"]
    stats.procedure_levels = dict(catalogue.values_list("online_level").annotate(n=Count("pk")).order_by())
    return stats
