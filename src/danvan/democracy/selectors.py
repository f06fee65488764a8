"""The only read path of the grassroots-democracy area: scoped lists, the gaps page, the statistics.

Every list starts from ``visible_to(user)`` with the area's right; :func:`stats_for` counts in SQL
through the kit's statistics engine (:mod:`.measures`) over a unit's coverage, within the viewer's scope.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from danvan.accounts import roles
from danvan.core.periods import Period
from danvan.democracy import measures, rules
from danvan.democracy.models import (
    CommunityDecision,
    Consultation,
    Convention,
    InspectionBoard,
    Publication,
    QuarterList,
)
from danvan.stats.engine import Target, compute
from danvan.units.models import Unit

RIGHTS = roles.DEMOCRACY


def publications_for(user: Any, permission: str | None = None) -> QuerySet[Publication]:
    return Publication.objects.visible_to(user, permission).select_related("unit")


def decisions_for(user: Any, permission: str | None = None) -> QuerySet[CommunityDecision]:
    return CommunityDecision.objects.visible_to(user, permission).select_related("unit", "hamlet")


def consultations_for(user: Any, permission: str | None = None) -> QuerySet[Consultation]:
    return Consultation.objects.visible_to(user, permission).select_related("unit")


def boards_for(user: Any, permission: str | None = None) -> QuerySet[InspectionBoard]:
    return InspectionBoard.objects.visible_to(user, permission).select_related("unit")


def conventions_for(user: Any, permission: str | None = None) -> QuerySet[Convention]:
    return Convention.objects.visible_to(user, permission).select_related("unit", "hamlet")


def quarter_lists_for(user: Any) -> QuerySet[QuarterList]:
    return QuarterList.objects.visible_to(user).select_related("unit")


def hamlets_of(commune: Unit, day: datetime.date | None = None) -> QuerySet[Unit]:
    from danvan.units.rules import Level

    return (
        Unit.objects.valid_on(day or timezone.localdate())
        .filter(path__startswith=commune.path, level=Level.HAMLET)
        .order_by("name")
    )


# --- what is missing or late ------------------------------------------------------------------------


@dataclass
class CommuneGaps:
    unit: Unit
    issues: list[Publication] = field(default_factory=list)
    missing_lists: list[tuple[int, int]] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        out = [
            f"{rules.quarter_label(y, q).capitalize()} chưa niêm yết danh mục thông tin công khai."
            for y, q in self.missing_lists
        ]
        return out

    @property
    def count(self) -> int:
        return len(self.issues) + len(self.missing_lists)


def gaps_for(user: Any, *, unit: Unit | None = None, today: datetime.date | None = None) -> list[CommuneGaps]:
    """Per commune in ``user``'s scope (under ``unit`` if given): the publications with a warning and the
    ended quarters without their list (Điều 13)."""
    day = today or timezone.localdate()
    publications = publications_for(user)
    lists = quarter_lists_for(user)
    if unit is not None:
        publications = publications.filter(unit__path__startswith=unit.path)
        lists = lists.filter(unit__path__startswith=unit.path)
    dates: dict[int, list[datetime.date]] = defaultdict(list)
    units: dict[int, Unit] = {}
    for p in publications.order_by("published_on"):
        dates[p.unit_id].append(p.published_on)
        units[p.unit_id] = p.unit
    listed: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for ql in lists:
        listed[ql.unit_id].add((ql.year, ql.quarter))
    issues: dict[int, list[Publication]] = defaultdict(list)
    for p in publications.filter(has_issue=True).order_by("-published_on"):
        issues[p.unit_id].append(p)
    out = []
    for pk, commune in sorted(units.items(), key=lambda kv: kv[1].name):
        gaps = CommuneGaps(commune, issues[pk], rules.missing_quarter_lists(dates[pk], listed[pk], day))
        if gaps.count:
            out.append(gaps)
    return out


# --- the public page (Dân biết) ----------------------------------------------------------------------


def public_publications(commune: Unit) -> QuerySet[Publication]:
    """What a commune published: public by nature (Điều 11), read without signing in."""
    return Publication.objects.filter(unit=commune).order_by("-published_on", "-pk")


# --- statistics ---------------------------------------------------------------------------------------


@dataclass
class DemocracyStats:
    unit: Unit | None
    period: Period
    publications: dict[str, Any] = field(default_factory=dict)
    by_category: dict[int, int] = field(default_factory=dict)
    decisions: dict[str, Any] = field(default_factory=dict)
    by_matter: dict[int, int] = field(default_factory=dict)
    consultations: dict[str, Any] = field(default_factory=dict)
    findings: dict[str, Any] = field(default_factory=dict)
    by_unit: list[tuple[Unit, dict[str, Any]]] = field(default_factory=list)

    @property
    def missed(self) -> int:
        """Publications with a warning (late, posting or broadcast short)."""
        return int(self.publications.get("with_issue", 0) or 0)


def stats_for(unit: Unit | None, period: Period, *, user: Any, today_tree: bool = True) -> DemocracyStats:
    """The area's figures of ``unit`` (None: the nation) in ``period`` that ``user`` may see: publications
    made (by category), published late, missed checks; community decisions held / passed / recognised (by
    matter); consultations; the inspection board's findings; per direct sub-unit. A system caller passes
    :data:`danvan.stats.engine.WHOLE_SYSTEM`."""
    target = Target(unit, period, viewer=user, today_tree=today_tree)
    pubs = compute(measures.PUBLICATIONS, target, breakdown=("category",), by_unit=True)
    stats = DemocracyStats(unit=unit, period=period, publications=dict(pubs.total))
    stats.by_category = {int(k): int(v or 0) for k, v in pubs.breakdown(0, "published").items()}
    decisions = compute(measures.DECISIONS, target, breakdown=("matter",), by_unit=("held", "passed", "recognised"))
    stats.decisions = dict(decisions.total)
    stats.by_matter = {int(k): int(v or 0) for k, v in decisions.breakdown(0, "held").items()}
    stats.consultations = dict(compute(measures.CONSULTATIONS, target).total)
    stats.findings = dict(compute(measures.FINDINGS, target).total)
    rows: dict[int, tuple[Unit, dict[str, Any]]] = {}
    for sub, values in pubs.by_unit:
        rows[sub.pk] = (
            sub,
            {"published": values["published"], "late": values["late"], "with_issue": values["with_issue"]},
        )
    for sub, values in decisions.by_unit:
        rows.setdefault(sub.pk, (sub, {}))[1].update(values)
    stats.by_unit = sorted(rows.values(), key=lambda r: (r[0].code, r[0].name))
    return stats
