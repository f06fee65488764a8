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
from danvan.petitions.models import Case, GroupingRun, Letter
from danvan.workflow.inbox import Feed, register
from danvan.workflow.machine import Action, Machine


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


def _review(step: Any) -> None:
    """The review itself is the review page's (accept, reject, split, apply: :mod:`.backlog`)."""


#: A grouping run's life as the inbox reads it: ready, it waits for its owner's review.
RUN = Machine(
    name="grouping_run",
    model=GroupingRun,
    noun="đề xuất gộp đơn",
    states=dict(GroupingRun.Status.choices),
    actions={
        "review": Action(
            name="review",
            label="Xem xét và áp dụng",
            sources=frozenset({GroupingRun.Status.READY.value}),
            target=None,
            right=roles.PETITIONS.edit,
            service=_review,
            params=(),
        )
    },
    expected={GroupingRun.Status.READY.value: "review"},
)


def _runs_for(user: Any) -> Any:
    # A grouping run is its owner's: only its owner reviews it (backlog.run_for).
    return GroupingRun.objects.visible_to(user, roles.PETITIONS.edit).filter(owner=user).select_related("unit")


def _run_title(run: GroupingRun) -> str:
    return f"Đề xuất gộp đơn chưa phân vụ việc — {run.unit.name}"


#: A ready grouping run waits for its owner's review (issue 11).
GROUPING_RUNS = register(
    Feed(
        machine=RUN,
        visible=_runs_for,
        url=lambda run: reverse("backlog_review", args=[run.pk]),
        act_url=lambda run, action: reverse("backlog_review", args=[run.pk]),
        title=_run_title,
        assigned=lambda right, user: Q(owner=user),
    )
)
