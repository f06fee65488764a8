"""The only read path of reception and petitions: scoped lists, work queues and the statistics.

Nothing here returns a denouncer's identity: rows carry :func:`services.public_sender`.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.calendar import add_working_days
from danvan.core.models import Event
from danvan.core.periods import Period
from danvan.core.selectors import current_calendar
from danvan.petitions import deadlines, measures, rules
from danvan.petitions.models import Attachment, Case, Letter, ReceptionSession, Subject
from danvan.stats.engine import Figures, Target, compute_many
from danvan.units.models import Unit
from danvan.units.rules import Level
from danvan.workflow.inbox import DUE_SOON_WORKING_DAYS as inbox_due_soon

if TYPE_CHECKING:
    from danvan.accounts.models import User

#: "Due soon" means within this many working days (configurable per call).
#: "Sắp đến hạn": the inbox's window, so that the list's queue and the inbox count the same cases.
DUE_SOON_WORKING_DAYS = inbox_due_soon


def cases_for(user: User | Any) -> QuerySet[Case]:
    """The cases ``user`` may see: the start of the list, its API and its export
    (:data:`danvan.petitions.lists.CASES` filters, searches and sorts them)."""
    return Case.objects.visible_to(user).select_related("unit", "subject")


#: The work queues of the case list.
QUEUES = {"": "Tất cả", "mine": "Của tôi", "due_soon": "Sắp đến hạn", "overdue": "Quá hạn"}


def in_queue(qs: QuerySet[Case], queue: str, user: User | Any) -> QuerySet[Case]:
    """``queue``: "mine" (handled or led by ``user``), "due_soon" (open, due within
    :data:`DUE_SOON_WORKING_DAYS` working days), "overdue" (open, past due) or "" (all)."""
    today = timezone.localdate()
    if queue == "mine":
        return qs.filter(Q(handlers=user) | Q(leader=user)).distinct()
    if queue == "due_soon":
        limit = add_working_days(today, DUE_SOON_WORKING_DAYS, current_calendar())
        return qs.open().filter(due_on__gte=today, due_on__lte=limit)  # type: ignore[attr-defined]
    if queue == "overdue":
        return qs.open().filter(due_on__lt=today)  # type: ignore[attr-defined]
    return qs


@dataclass
class PetitionStats:
    """The indicators of DOMAIN §1.7 for a unit's coverage and a period."""

    unit: Unit
    period: Period
    # reception
    sessions: Counter[str] = field(default_factory=Counter)  # by kind
    sessions_online: int = 0
    visits: int = 0  # lượt (letters brought in person)
    delegations: int = 0
    # letters
    letters: int = 0
    carried_over: int = 0
    duplicates: int = 0
    eligible: int = 0
    not_eligible: int = 0
    letters_by_kind: Counter[str] = field(default_factory=Counter)
    letters_by_subject: Counter[str] = field(default_factory=Counter)
    # cases and outcomes
    cases: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)  # accepted, guided, transferred, urged, filed…
    in_competence: int = 0
    resolved: int = 0
    #: How they were resolved: decision, withdrawal, mediation (DOMAIN §1.7).
    resolutions: Counter[str] = field(default_factory=Counter)
    resolved_on_time: int = 0
    overdue_open: int = 0
    complaint_results: Counter[str] = field(default_factory=Counter)
    denunciation_results: Counter[str] = field(default_factory=Counter)
    money_recovered: Decimal = Decimal(0)
    land_recovered: Decimal = Decimal(0)
    discipline_proposed: int = 0
    #: Direct sub-units: (unit, letters, cases, resolved).
    by_unit: list[tuple[Unit, int, int, int]] = field(default_factory=list)

    @property
    def on_time_rate(self) -> Decimal | None:
        if not self.resolved:
            return None
        return (Decimal(self.resolved_on_time) * 100 / self.resolved).quantize(Decimal("0.01"))


def stats_for(unit: Unit, period: Period, *, today_tree: bool = True, user: User | Any) -> PetitionStats:
    """The indicators of DOMAIN §1.7 for ``unit``'s coverage in ``period``, within ``user``'s scope.

    A system caller passes :data:`danvan.stats.engine.WHOLE_SYSTEM`. The measures are declared in
    :mod:`danvan.petitions.measures`; each table is scanned twice at most (totals with the
    sub-units, then the breakdowns).
    """
    return stats_for_units([unit], period, today_tree=today_tree, user=user)[0]


def stats_for_units(
    units: list[Unit], period: Period, *, today_tree: bool = True, user: User | Any
) -> list[PetitionStats]:
    """:func:`stats_for` of several units — the provinces of a national report — in the same scans."""
    targets = [Target(unit, period, viewer=user, today_tree=today_tree) for unit in units]
    sessions = compute_many(measures.SESSIONS, targets, breakdown=("kind",))
    # The breakdowns in the order of the statistics indexes (models.LETTER_CELLS, CASE_CELLS).
    letters = compute_many(measures.LETTERS, targets, breakdown=("kind", "subject_id"), by_unit=["letters"])
    cases = compute_many(
        measures.CASES, targets, breakdown=("kind", "outcome", "route", "resolution"), by_unit=["cases", "resolved"]
    )
    subjects = dict(Subject.objects.values_list("pk", "name"))
    return [
        _petition_stats(*figures, subjects)
        for figures in zip(units, [period] * len(units), sessions, letters, cases, strict=True)
    ]


def _petition_stats(
    unit: Unit, period: Period, sessions: Figures, letters: Figures, cases: Figures, subjects: dict[int, str]
) -> PetitionStats:
    stats = PetitionStats(unit=unit, period=period)
    stats.sessions = Counter({kind: n for (kind,), v in sorted(sessions.cells.items()) if (n := v["sessions"])})
    stats.sessions_online = int(sessions.total["sessions_online"] or 0)

    for name in ("letters", "visits", "delegations", "duplicates", "eligible"):
        setattr(stats, name, int(letters.total[name] or 0))
    stats.not_eligible = stats.letters - stats.eligible
    stats.letters_by_kind = Counter(dict(sorted(letters.breakdown(0, "letters").items())))
    by_subject: Counter[str] = Counter()
    for subject_id, n in letters.breakdown(1, "letters").items():
        by_subject[subjects[subject_id]] += int(n or 0)
    stats.letters_by_subject = Counter(dict(sorted(by_subject.items())))

    total = cases.total
    for name in ("carried_over", "cases", "resolved", "resolved_on_time", "overdue_open"):
        setattr(stats, name, int(total[name] or 0))
    stats.in_competence = int(total["accepted"] or 0)
    stats.outcomes["accept"] = stats.in_competence
    for route, n in sorted(cases.breakdown(2, "ended").items()):
        if route:
            stats.outcomes[route] = int(n or 0)
    stats.resolutions = Counter(
        {resolution: int(n) for resolution, n in sorted(cases.breakdown(3, "resolved").items()) if n and resolution}
    )
    for (kind, outcome, _, resolution), values in sorted(cases.cells.items()):
        n = int(values["resolved"] or 0)
        if resolution != rules.Resolution.DECISION:
            continue  # the results (đúng, đúng một phần, sai) are those of decisions
        if n and kind == rules.LetterKind.COMPLAINT:
            stats.complaint_results[outcome] += n
        elif n and kind == rules.LetterKind.DENUNCIATION:
            stats.denunciation_results[outcome] += n
    stats.discipline_proposed = int(total["discipline_proposed"] or 0)
    stats.money_recovered = Decimal(total["money_recovered"] or 0)
    stats.land_recovered = Decimal(total["land_recovered"] or 0)

    # By direct sub-unit: letters, new cases, resolved cases.
    per_child: dict[int, list[int]] = {}
    children: dict[int, Unit] = {}
    for child, values in letters.by_unit:
        children[child.pk] = child
        per_child.setdefault(child.pk, [0, 0, 0])[0] = int(values["letters"] or 0)
    for child, values in cases.by_unit:
        children[child.pk] = child
        counts = per_child.setdefault(child.pk, [0, 0, 0])
        counts[1], counts[2] = int(values["cases"] or 0), int(values["resolved"] or 0)
    stats.by_unit = [
        (children[pk], counts[0], counts[1], counts[2])
        for pk, counts in sorted(per_child.items(), key=lambda kv: (children[kv[0]].code, children[kv[0]].name))
        if any(counts)
    ]
    return stats


def reception_days(unit: Unit, leader: User | Any, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The days a leader personally received citizens (periodic or ad hoc sessions chaired)."""
    return list(
        ReceptionSession.objects.filter(unit=unit, leader=leader, date__gte=start, date__lte=end)
        .values_list("date", flat=True)
        .distinct()
    )


def reception_warnings(unit: Unit | None, today: datetime.date) -> list[tuple[Any, deadlines.Shortfall]]:
    """The weeks or months of this year in which a commune chairman of ``unit`` received citizens less
    often than the law requires (Luật Tiếp công dân 2013 Điều 15.2.d; from 01/07/2026 Luật 136/2025)."""
    if unit is None or unit.level != Level.COMMUNE:
        return []
    start = today.replace(month=1, day=1)
    sessions = ReceptionSession.objects.filter(unit=unit, leader_role=deadlines.Receiver.COMMUNE_CHAIR.value)
    chairs = {s.leader for s in sessions.select_related("leader") if s.leader}
    calendar = current_calendar()
    warnings = []
    for chair in sorted(chairs, key=lambda u: u.pk):
        held = reception_days(unit, chair, start, today)
        for gap in deadlines.reception_shortfalls(deadlines.Receiver.COMMUNE_CHAIR, held, start, today, calendar):
            warnings.append((chair, gap))
    return warnings


def case_for(user: User | Any, pk: int, permission: str = roles.PETITIONS.view) -> Case:
    """One case the user may ``permission``; "not found" for missing and for not yours."""
    return access.get_for_user_or_404(Case.objects.select_related("unit", "subject", "leader"), user, permission, pk=pk)


def letter_for(user: User | Any, pk: int, permission: str = roles.PETITIONS.view) -> Letter:
    return access.get_for_user_or_404(Letter.objects.select_related("unit", "case"), user, permission, pk=pk)


def attachment_for(user: User | Any, pk: int) -> Attachment:
    """An attachment in the user's scope (through its letter); a denunciation's only for whom may see it."""
    attachment = access.get_for_user_or_404(Attachment.objects.select_related("letter__unit", "letter__case"), user,
                                            pk=pk)  # fmt: skip
    return attachment


def sessions_for(user: User | Any) -> QuerySet[ReceptionSession]:
    """The reception book the user may read."""
    return ReceptionSession.objects.visible_to(user).select_related("unit", "leader", "received_by")


def subjects_in_use() -> QuerySet[Subject]:
    """The letter subjects an officer or a channel may choose today."""
    return Subject.objects.filter(active=True)


def open311_cases() -> QuerySet[Case]:
    """What Open311 GeoReport answers about: only the feedback filed through it (public statuses only)."""
    return Case.objects.filter(letters__channel=rules.Channel.OPEN311).distinct().select_related("unit", "subject")


def last_event(case: Case) -> Event | None:
    """The latest step of a case (Open311's ``updated_datetime``)."""
    return Event.objects.for_object(case).order_by("-at").first()


def public_case(code: str, contact: str) -> Case | None:
    """The case a citizen may look up: its tracking code and the phone or e-mail given on one of its letters."""
    from contextlib import suppress

    from danvan.core import identifiers
    from danvan.core.text import fold

    wanted = fold(contact).replace(" ", "")
    with suppress(identifiers.InvalidIdentifier):  # a phone as written ("+84 987 654 321") is as stored
        wanted = identifiers.normalise_phone(contact)
    case = Case.objects.filter(tracking_code=code.strip().upper()).select_related("unit").first()
    if case is None or not wanted:
        return None
    for letter in case.letters.all():
        if wanted in {fold(letter.sender_phone).replace(" ", ""), fold(letter.sender_email)}:
            return case
    return None


# --- reference lists ------------------------------------------------------------------------------


def active_subjects() -> QuerySet[Subject]:
    """The letter subjects an officer may choose today (``subject_id`` of a new letter)."""
    return Subject.objects.filter(active=True).order_by("order", "name")
