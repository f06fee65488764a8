"""What the area tells the officers' inbox: a decision record waits to be sent to UBND and MTTQ xã
(Điều 20.3), then for its recognition (Điều 21.2); each is due in 05 working days, and an overdue one
shows as such."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from danvan.accounts import roles
from danvan.accounts.working_unit import working_unit
from danvan.democracy import rules, selectors, services
from danvan.democracy.models import CommunityDecision
from danvan.workflow.inbox import Feed, register


def _starts(who: Any) -> list[tuple[str, str]]:
    if working_unit(who, permission=roles.DEMOCRACY.edit) is None:
        return []
    return [("Ghi thông tin công khai", reverse("democracy_publication_new"))]


def _title(decision: CommunityDecision) -> str:
    where = decision.hamlet.name if decision.hamlet else f"toàn {decision.unit.name}"
    return f"{decision.get_matter_display()} — {where}"


DECISIONS = register(
    Feed(
        machine=services.DECISION,
        visible=selectors.decisions_for,
        url=lambda d: reverse("democracy_decision", args=[d.pk]),
        act_url=lambda d, action: reverse("democracy_decision_act", args=[d.pk, action]),
        list_url=lambda queue: reverse("democracy_decisions"),
        title=_title,
        due_field="due_on",
        open_states=frozenset({rules.DecisionStatus.RECORDED, rules.DecisionStatus.SENT}),
        describe=lambda d: f"Quyết định của cộng đồng “{d.get_matter_display()}” ({d.unit.name})",
        starts=_starts,
    )
)
