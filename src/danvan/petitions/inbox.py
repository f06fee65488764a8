"""What the petitions area tells the officers' inbox (:mod:`danvan.workflow.inbox`).

Who a step of a case is assigned to: the decisions to the case's leader (or, before one is set, to any
leader in scope — thụ lý is the leader's first step), the handling steps to its handlers (or, before
any is assigned, to the officers in scope who do not decide: phân loại, đề xuất thụ lý are the
reception's). A person follows the cases they received a letter of, handle or lead.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from danvan.accounts import access, roles
from danvan.accounts.working_unit import working_unit
from danvan.petitions import rules, selectors, services
from danvan.petitions.models import Case, Letter
from danvan.workflow.inbox import Feed, register


def _handled_by(user: Any) -> Q:
    return Q(Exists(Case.handlers.through.objects.filter(case=OuterRef("pk"), user=user)))


def _assigned(right: str, user: Any) -> Q | None:
    if right == roles.PETITIONS.decide:
        return Q(leader=user) | Q(leader__isnull=True)
    if right == roles.PETITIONS.edit:
        # A leader may take the handling steps too, but they wait for the leader only when assigned.
        if roles.PETITIONS.decide in access.user_permissions(user):
            return _handled_by(user)
        nobody = ~Exists(Case.handlers.through.objects.filter(case=OuterRef("pk")))
        return _handled_by(user) | Q(nobody)
    return None


def _involved(user: Any) -> Q:
    received = Exists(Letter.objects.filter(case=OuterRef("pk"), created_by=user))
    return _handled_by(user) | Q(leader=user) | Q(received)


def _starts(who: Any) -> list[tuple[str, str]]:
    # The desk records at its working unit: none (a system administrator who has not chosen one), no desk.
    if working_unit(who, permission=roles.PETITIONS.edit) is None:
        return []
    return [("Ghi buổi tiếp công dân", reverse("session_list")), ("Vào sổ đơn mới", reverse("petition_intake"))]


def _title(case: Case) -> str:
    return f"Vụ việc {case.number} — {case.subject.name}, {case.unit.name}"


CASES = register(
    Feed(
        machine=services.CASE,
        visible=selectors.cases_for,
        url=lambda case: reverse("case_detail", args=[case.pk]),
        act_url=lambda case, action: reverse("case_act", args=[case.pk, action]),
        list_url=lambda queue: f"{reverse('case_list')}?queue={queue}",
        title=_title,
        assigned=_assigned,
        involved=_involved,
        due_field="due_on",
        open_states=frozenset(s.value for s in rules.OPEN_STATUSES),
        describe=lambda case: f"Vụ việc {case.number} ({case.unit.name})",
        starts=_starts,
    )
)
