"""The only read path of inspections: scoped sets, the recommendation queues and the statistics.

Every list starts from the user's scoped set (``visible_to``: a plan by the inspecting body's unit, a
visit and a recommendation by the visited unit); :func:`stats_for` computes the figures in SQL through
the kit's statistics engine (:mod:`.measures`), over a unit's coverage, within the viewer's scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.periods import Period
from danvan.inspections import measures, rules
from danvan.inspections.models import Plan, Recommendation, RecommendationEvidence, Visit, VisitEvidence
from danvan.stats.engine import Target, compute
from danvan.units.models import Unit


def plans_for(user: Any) -> QuerySet[Plan]:
    return Plan.objects.visible_to(user).select_related("unit", "body")


def visits_for(user: Any) -> QuerySet[Visit]:
    return Visit.objects.visible_to(user).select_related("unit", "plan")


def recommendations_for(user: Any) -> QuerySet[Recommendation]:
    return Recommendation.objects.visible_to(user).select_related("unit", "plan", "visit", "officer")


def plan_for(user: Any, pk: Any, permission: str = roles.INSPECTIONS.view) -> Plan:
    return access.get_for_user_or_404(Plan.objects.select_related("unit", "body"), user, permission, pk=pk)


def visit_for(user: Any, pk: Any, permission: str = roles.INSPECTIONS.view) -> Visit:
    return access.get_for_user_or_404(Visit.objects.select_related("unit", "plan__unit"), user, permission, pk=pk)


def recommendation_for(user: Any, pk: Any, permission: str = roles.INSPECTIONS.view) -> Recommendation:
    qs = Recommendation.objects.select_related("unit", "plan__unit", "visit", "officer")
    return access.get_for_user_or_404(qs, user, permission, pk=pk)


def visit_evidence_for(user: Any, pk: Any) -> VisitEvidence:
    return access.get_for_user_or_404(VisitEvidence.objects.select_related("visit"), user, pk=pk)


def recommendation_evidence_for(user: Any, pk: Any) -> RecommendationEvidence:
    return access.get_for_user_or_404(RecommendationEvidence.objects.all(), user, pk=pk)


def plan_visits(user: Any, plan: Plan) -> QuerySet[Visit]:
    """The visits of a plan: all of them for whoever sees the plan (its body's unit covers its units)."""
    return plan.visits.select_related("unit").prefetch_related("figures", "evidence")


def plan_recommendations(plan: Plan) -> QuerySet[Recommendation]:
    return plan.recommendations.select_related("unit", "visit", "officer")


#: The queues of the recommendation list.
QUEUES = {"": "Tất cả", "open": "Chưa xong", "overdue": "Quá hạn", "mine": "Tôi theo dõi"}


def in_queue(qs: QuerySet[Recommendation], queue: str, user: Any) -> QuerySet[Recommendation]:
    """ "open" (still to be carried out), "overdue" (and past the deadline), "mine" (open, followed by
    ``user``), or "" (all)."""
    open_q = Q(status__in=sorted(rules.OPEN_RECOMMENDATION))
    if queue == "open":
        return qs.filter(open_q)
    if queue == "overdue":
        return qs.filter(open_q, due_on__lt=timezone.localdate())
    if queue == "mine":
        return qs.filter(open_q, officer=user)
    return qs


# --- statistics -----------------------------------------------------------------------------------


def _share(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.01")) if whole else None


@dataclass
class InspectionStats:
    unit: Unit | None
    period: Period
    plans: dict[str, Any] = field(default_factory=dict)
    visits: dict[str, Any] = field(default_factory=dict)
    recommendations: dict[str, Any] = field(default_factory=dict)
    by_unit: list[tuple[Unit, dict[str, Any]]] = field(default_factory=list)

    def _n(self, name: str) -> int:
        return int(self.recommendations.get(name) or 0)

    @property
    def closed(self) -> int:
        return self._n("closed_on_time") + self._n("closed_late")

    @property
    def open(self) -> int:
        return self._n("open_within") + self._n("open_overdue")

    @property
    def on_time_share(self) -> Decimal | None:
        """Đúng hạn / đã thực hiện xong."""
        return _share(self._n("closed_on_time"), self.closed)


def stats_for(unit: Unit | None, period: Period, *, user: Any, today_tree: bool = True) -> InspectionStats:
    """The inspection figures of ``unit`` (None: the nation) in ``period`` that ``user`` may see: plans
    (made, concluded, cancelled), visits made and units visited, recommendations made / closed on time /
    closed late / not accepted / withdrawn, and open at the end within time / overdue; the
    recommendations by direct sub-unit. A system caller passes :data:`danvan.stats.engine.WHOLE_SYSTEM`."""
    target = Target(unit, period, viewer=user, today_tree=today_tree)
    recommendations = compute(measures.RECOMMENDATIONS, target, by_unit=True)
    return InspectionStats(
        unit=unit,
        period=period,
        plans=dict(compute(measures.PLANS, target).total),
        visits=dict(compute(measures.VISITS, target).total),
        recommendations=dict(recommendations.total),
        by_unit=recommendations.by_unit,
    )
