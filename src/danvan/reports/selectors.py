"""The one read path of the reports: the reports and templates a user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from danvan.accounts import access, roles
from danvan.reports.models import Report, Template, Wording
from danvan.units.models import Unit

RIGHTS = roles.REPORTS


def reports_for(user: Any) -> QuerySet[Report]:
    """The reports of the units where ``user`` holds the reports' view right, newest first."""
    return Report.objects.filter(access.scope_q(user, RIGHTS.view, "unit__path")).select_related("unit", "template")


def report_for(user: Any, pk: int) -> Report:
    """One report ``user`` may read; 404 for missing and for not theirs."""
    return access.get_for_user_or_404(reports_for(user), user, RIGHTS.view, pk=pk)


def templates_for(unit: Unit) -> QuerySet[Template]:
    """The templates a report of ``unit`` may use: its own and its ancestors' (a province's for its communes)."""
    prefixes = [unit.path[:n] for n in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    return Template.objects.filter(unit__path__in=prefixes).select_related("unit").order_by("-unit__depth", "name")


def wording_in_force() -> dict[str, tuple[str, str]]:
    """The administrators' wording of the sentences, by key."""
    return {w.key: (w.text, w.zero) for w in Wording.objects.all()}
