"""What inspections tell the officers' inbox (:mod:`danvan.workflow.inbox`): a plan waits for its approval,
its start and its conclusion; a recommendation waits for the visited unit (its officer, or anyone there
with the right) until it is carried out, and is overdue past its deadline — the kit's daily reminders
read the same feed."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse

from danvan.accounts import roles
from danvan.accounts.working_unit import working_unit
from danvan.core.text import format_date
from danvan.inspections import rules, selectors, services
from danvan.inspections.models import Plan, Recommendation
from danvan.workflow.inbox import Feed, register


def _assigned(right: str, user: Any) -> Q | None:
    if right == roles.INSPECTIONS.edit:
        return Q(officer=user) | Q(officer__isnull=True)
    return None


def _starts(who: Any) -> list[tuple[str, str]]:
    if working_unit(who, permission=roles.INSPECTIONS.edit) is None:
        return []
    return [("Lập kế hoạch kiểm tra", reverse("inspection_plan_create"))]


def _plan_title(plan: Plan) -> str:
    return f"Kế hoạch kiểm tra {plan.number} — {plan.title}"


def _rec_title(rec: Recommendation) -> str:
    text = rec.content if len(rec.content) <= 90 else rec.content[:89] + "…"
    return f"Kiến nghị ({rec.unit.name}): {text}"


PLANS = register(
    Feed(
        machine=services.PLAN,
        visible=selectors.plans_for,
        url=lambda plan: reverse("inspection_plan_detail", args=[plan.pk]),
        act_url=lambda plan, action: reverse("inspection_plan_act", args=[plan.pk, action]),
        list_url=lambda queue: reverse("inspection_plan_list"),
        title=_plan_title,
        involved=lambda user: Q(created_by=user),
        describe=lambda plan: f"Kế hoạch kiểm tra {plan.number} ({plan.body_name})",
        starts=_starts,
    )
)


def _rec_act_url(rec: Recommendation, action: str) -> str:
    if action == "close":
        return reverse("inspection_recommendation_detail", args=[rec.pk]) + "#close"
    return reverse("inspection_recommendation_act", args=[rec.pk, action])


RECOMMENDATIONS = register(
    Feed(
        machine=services.RECOMMENDATION,
        visible=selectors.recommendations_for,
        url=lambda rec: reverse("inspection_recommendation_detail", args=[rec.pk]),
        act_url=_rec_act_url,
        list_url=lambda queue: f"{reverse('inspection_recommendation_list')}?queue={queue}",
        title=_rec_title,
        assigned=_assigned,
        involved=lambda user: Q(officer=user) | Q(created_by=user),
        due_field="due_on",
        open_states=frozenset(rules.OPEN_RECOMMENDATION),
        describe=lambda rec: f"Kiến nghị sau kiểm tra ({rec.unit.name}), hạn {format_date(rec.due_on)}",
    )
)
