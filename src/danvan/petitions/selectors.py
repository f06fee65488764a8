"""The only read path of reception and petitions: scoped lists, work queues and the statistics.

Nothing here returns a denouncer's identity: rows carry :func:`services.public_sender`.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from danvan.core.calendar import add_working_days
from danvan.core.periods import Period
from danvan.core.scoping import path_prefix_q
from danvan.core.selectors import current_calendar
from danvan.petitions import rules
from danvan.petitions.models import Case, Letter, ReceptionSession, Subject
from danvan.units.models import Unit
from danvan.units.selectors import children_on, coverage_prefixes

if TYPE_CHECKING:
    from danvan.accounts.models import User

#: "Due soon" means within this many working days (configurable per call).
DUE_SOON_WORKING_DAYS = 3


def cases_for(user: User | Any, queue: str = "", *, status: str = "", kind: str = "", q: str = "") -> QuerySet[Case]:
    """The cases ``user`` may see; ``queue``: "mine", "due_soon", "overdue" or "" (all)."""
    qs = Case.objects.visible_to(user).select_related("unit", "subject")
    today = timezone.localdate()
    if queue == "mine":
        qs = qs.filter(Q(handlers=user) | Q(leader=user)).distinct()
    elif queue == "due_soon":
        limit = add_working_days(today, DUE_SOON_WORKING_DAYS, current_calendar())
        qs = qs.open().filter(due_on__gte=today, due_on__lte=limit)
    elif queue == "overdue":
        qs = qs.open().filter(due_on__lt=today)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(summary__icontains=q))
    return qs.order_by("due_on", "-received_on") if queue in ("due_soon", "overdue") else qs


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


def stats_for(unit: Unit, period: Period, *, today_tree: bool = True, user: User | Any | None = None) -> PetitionStats:
    prefixes = coverage_prefixes(unit) if today_tree else [unit.path]
    scope = path_prefix_q(prefixes)
    stats = PetitionStats(unit=unit, period=period)
    in_period = {"received_on__gte": period.start, "received_on__lte": period.end}

    sessions = ReceptionSession.objects.filter(scope, date__gte=period.start, date__lte=period.end)
    for row in sessions.values("kind").annotate(n=Count("id")):
        stats.sessions[row["kind"]] = row["n"]
    stats.sessions_online = sessions.filter(form=ReceptionSession.Form.ONLINE).count()

    letters = Letter.objects.filter(scope)
    if user is not None:
        letters = letters.filter(pk__in=Letter.objects.visible_to(user).values("pk"))
    current = letters.filter(**in_period)
    stats.letters = current.count()
    stats.visits = current.filter(channel=rules.Channel.IN_PERSON).count()
    stats.delegations = current.filter(co_signers__gte=5, channel=rules.Channel.IN_PERSON).count()
    stats.duplicates = current.filter(duplicate_of__isnull=False).count()
    stats.eligible = current.filter(eligible=True).count()
    stats.not_eligible = stats.letters - stats.eligible
    for row in current.values("kind").annotate(n=Count("id")):
        stats.letters_by_kind[row["kind"]] = row["n"]
    for row in current.values("subject__name").annotate(n=Count("id")):
        stats.letters_by_subject[row["subject__name"]] = row["n"]

    cases = Case.objects.filter(scope)
    if user is not None:
        cases = cases.visible_to(user)
    # Carried over: received before the period and still being handled when it began.
    stats.carried_over = (
        cases.filter(received_on__lt=period.start).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
    ).count()
    new_cases = cases.filter(**in_period)
    stats.cases = new_cases.count()  # repeat letters join an existing case: they are not counted again
    stats.outcomes["accept"] = cases.filter(accepted_on__gte=period.start, accepted_on__lte=period.end).count()
    for row in (
        cases.filter(ended_on__gte=period.start, ended_on__lte=period.end)
        .exclude(route="")
        .values("route")
        .annotate(n=Count("id"))
    ):
        stats.outcomes[row["route"]] = row["n"]
    decided = cases.filter(decided_on__gte=period.start, decided_on__lte=period.end)
    stats.in_competence = cases.filter(accepted_on__gte=period.start, accepted_on__lte=period.end).count()
    stats.resolved = decided.count()
    stats.resolved_on_time = decided.filter(
        Q(due_at_decision__isnull=True) | Q(due_at_decision__gte=F("decided_on"))
    ).count()
    today = timezone.localdate()
    stats.overdue_open = cases.open().filter(due_on__lt=min(today, period.end)).count()
    for row in decided.values("kind", "outcome").annotate(n=Count("id")):
        if row["kind"] == rules.LetterKind.COMPLAINT:
            stats.complaint_results[row["outcome"]] += row["n"]
        elif row["kind"] == rules.LetterKind.DENUNCIATION:
            stats.denunciation_results[row["outcome"]] += row["n"]
    # By direct sub-unit: one query per measure, bucketed by path prefix (a sub-unit's coverage).
    day = timezone.localdate() if today_tree else min(period.end, unit.valid_to or period.end)
    owner_of: dict[str, Unit] = {}
    for child in children_on(unit, day):
        for prefix in coverage_prefixes(child) if today_tree else [child.path]:
            owner_of.setdefault(prefix, child)
    lengths = sorted({len(p) for p in owner_of}, reverse=True)
    per_child: dict[int, list[int]] = {}
    for index, qs in enumerate((current, new_cases, decided)):
        for path in qs.values_list("unit__path", flat=True):
            owner = next((owner_of[path[:n]] for n in lengths if path[:n] in owner_of), None)
            if owner is not None:
                per_child.setdefault(owner.pk, [0, 0, 0])[index] += 1
    children = {c.pk: c for c in owner_of.values()}
    stats.by_unit = [
        (children[pk], counts[0], counts[1], counts[2])
        for pk, counts in sorted(per_child.items(), key=lambda kv: children[kv[0]].code)
    ]
    totals = decided.aggregate(
        money=Sum("money_recovered"), land=Sum("land_recovered"), discipline=Sum("discipline_proposed")
    )
    stats.discipline_proposed = totals["discipline"] or 0
    stats.money_recovered = totals["money"] or Decimal(0)
    stats.land_recovered = totals["land"] or Decimal(0)
    return stats


def reception_days(unit: Unit, leader: User | Any, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The days a leader personally received citizens (periodic or ad hoc sessions chaired)."""
    return list(
        ReceptionSession.objects.filter(unit=unit, leader=leader, date__gte=start, date__lte=end)
        .values_list("date", flat=True)
        .distinct()
    )


def public_case(code: str, contact: str) -> Case | None:
    """The case a citizen may look up: its tracking code and the phone or e-mail given on one of its letters."""
    from danvan.core.text import fold

    wanted = fold(contact).replace(" ", "")
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
