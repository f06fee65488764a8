"""What the "Dân vận khéo" area tells the officers' inbox (:mod:`danvan.workflow.inbox`): every step of a
model is anybody's who holds its right in scope; a person follows the models they registered."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse

from danvan.accounts import access, roles
from danvan.initiatives import selectors, services
from danvan.initiatives.models import Initiative
from danvan.workflow.inbox import Feed, register


def _involved(user: Any) -> Q:
    return Q(created_by=user)


def _starts(who: Any) -> list[tuple[str, str]]:
    if roles.INITIATIVES.edit not in access.user_permissions(getattr(who, "user", who)):
        return []
    return [("Đăng ký mô hình mới", reverse("initiative_create"))]


def _title(initiative: Initiative) -> str:
    return f"“{initiative.name}” — {initiative.unit.name}"


INITIATIVES = register(
    Feed(
        machine=services.INITIATIVE,
        visible=selectors.initiatives_for,
        url=lambda initiative: reverse("initiative_detail", args=[initiative.pk]),
        act_url=lambda initiative, action: reverse("initiative_act", args=[initiative.pk, action]),
        title=_title,
        involved=_involved,
        starts=_starts,
    )
)
