"""What the one-stop area tells the officers' inbox (:mod:`danvan.workflow.inbox`): the desk receives
online dossiers and returns results, a dossier in processing waits for the officer it was handed to
(or anyone in scope before it is handed on); a person follows the dossiers they received or handle."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse

from danvan.accounts import roles
from danvan.accounts.working_unit import working_unit
from danvan.onestop import rules, selectors, services
from danvan.onestop.models import Dossier
from danvan.workflow.inbox import Feed, register


def _assigned(right: str, user: Any) -> Q | None:
    if right == roles.ONESTOP.edit:
        # In processing a dossier waits for its handler; at the desk (received, result ready) for anyone.
        return Q(handler=user) | Q(handler__isnull=True) | ~Q(status=rules.Status.PROCESSING)
    return None


def _involved(user: Any) -> Q:
    return Q(handler=user) | Q(received_by=user)


def _starts(who: Any) -> list[tuple[str, str]]:
    if working_unit(who, permission=roles.ONESTOP.edit) is None:
        return []
    return [("Tiếp nhận hồ sơ", reverse("onestop_intake"))]


def _title(dossier: Dossier) -> str:
    return f"Hồ sơ {dossier.code} — {dossier.procedure.name}, {dossier.applicant_name}"


DOSSIERS = register(
    Feed(
        machine=services.DOSSIER,
        visible=selectors.dossiers_for,
        url=lambda dossier: reverse("onestop_dossier", args=[dossier.pk]),
        act_url=lambda dossier, action: reverse("onestop_dossier_act", args=[dossier.pk, action]),
        list_url=lambda queue: f"{reverse('onestop_dossier_list')}?queue={queue}",
        title=_title,
        assigned=_assigned,
        involved=_involved,
        due_field="due_on",
        open_states=frozenset(rules.OPEN_STATES),
        describe=lambda dossier: f"Hồ sơ {dossier.code} ({dossier.unit.name})",
        starts=_starts,
    )
)
