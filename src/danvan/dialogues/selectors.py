"""The only read path of the dialogues area: scoped lists, the commitment queues, the public page, the
statistics.

Every list starts from the user's scoped set (``visible_to``); :func:`stats_for` computes the figures
in SQL through the kit's statistics engine (:mod:`.measures`), over a unit's coverage, within the
viewer's scope. The public page reads only published commitments, and never a citizen's name.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.calendar import add_working_days
from danvan.core.periods import Period
from danvan.core.scoping import path_prefix_q
from danvan.core.selectors import current_calendar
from danvan.dialogues import measures, rules
from danvan.dialogues.models import Campaign, Commitment, Evidence, Meeting
from danvan.stats.engine import Target, compute
from danvan.units.models import Unit
from danvan.units.selectors import coverage_prefixes
from danvan.workflow.inbox import DUE_SOON_WORKING_DAYS

C = rules.CommitmentStatus
VIEW = roles.DIALOGUES.view


def meetings_for(user: Any) -> QuerySet[Meeting]:
    return Meeting.objects.visible_to(user).select_related("unit", "host", "campaign")


def commitments_for(user: Any) -> QuerySet[Commitment]:
    return Commitment.objects.visible_to(user).select_related(
        "unit", "meeting", "campaign", "responsible_organization", "responsible_user"
    )


def campaigns_for(user: Any) -> QuerySet[Campaign]:
    return Campaign.objects.visible_to(user).select_related("unit")


def meeting_for(user: Any, pk: Any) -> Meeting:
    return access.get_for_user_or_404(meetings_for(user), user, VIEW, pk=pk)


def commitment_for(user: Any, pk: Any) -> Commitment:
    return access.get_for_user_or_404(commitments_for(user), user, VIEW, pk=pk)


def campaign_for(user: Any, pk: Any) -> Campaign:
    return access.get_for_user_or_404(campaigns_for(user), user, VIEW, pk=pk)


def evidence_for(user: Any, pk: Any) -> Evidence:
    return access.get_for_user_or_404(Evidence.objects.select_related("commitment__unit"), user, VIEW, pk=pk)


#: The commitment list's queues.
QUEUES = {
    "": "Tất cả",
    "open": "Đang theo dõi",
    "overdue": "Quá hạn",
    "due_soon": "Sắp đến hạn",
    "mine": "Tôi theo dõi",
}


def due_soon_limit(today: datetime.date) -> datetime.date:
    return add_working_days(today, DUE_SOON_WORKING_DAYS, current_calendar())


def in_queue(qs: QuerySet[Commitment], queue: str, user: Any) -> QuerySet[Commitment]:
    """ "open" (planned or in progress), "overdue" (open, past the due date), "due_soon" (open, due within
    the inbox's working days), "mine" (open, followed by ``user``), "" (all)."""
    today = timezone.localdate()
    open_q = Q(status__in=sorted(rules.OPEN_COMMITMENTS))
    if queue == "open":
        return qs.filter(open_q)
    if queue == "overdue":
        return qs.filter(open_q, due_on__lt=today)
    if queue == "due_soon":
        return qs.filter(open_q, due_on__gte=today, due_on__lte=due_soon_limit(today))
    if queue == "mine":
        return qs.filter(open_q, responsible_user=user)
    return qs


def overdue_q(today: datetime.date) -> Q:
    return Q(status__in=sorted(rules.OPEN_COMMITMENTS), due_on__lt=today)


# --- the public page ----------------------------------------------------------------------------------


@dataclass
class PublicCommitment:
    """What the public page shows of one commitment: never a citizen's name."""

    content: str
    meeting: str
    meeting_on: datetime.date | None
    place: str
    host: str
    to_whom: str
    responsible: str
    due_on: datetime.date
    status: str
    status_label: str
    overdue: bool
    done_on: datetime.date | None
    timeliness_label: str
    result: str
    unit_name: str


@dataclass
class PublicPage:
    unit: Unit
    items: list[PublicCommitment] = field(default_factory=list)

    @property
    def kept(self) -> int:
        return sum(1 for i in self.items if i.status == C.DONE)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def overdue(self) -> int:
        return sum(1 for i in self.items if i.overdue)

    @property
    def kept_label(self) -> str:
        return rules.kept_label(self.kept, self.total)


def public_units() -> list[tuple[Unit, int]]:
    """The units (today's) with published commitments, and how many: the chooser of the public page."""
    counts = dict(Commitment.objects.filter(published=True).values_list("unit").annotate(n=Count("pk")).order_by())
    units = Unit.objects.filter(pk__in=list(counts)).order_by("path")
    return [(u, counts[u.pk]) for u in units]


def _to_whom(commitment: Commitment) -> str:
    if commitment.to_whom:
        return commitment.to_whom
    if commitment.meeting is not None and commitment.meeting.invited_groups:
        return ", ".join(commitment.meeting.invited_labels)
    return "Nhân dân " + commitment.unit.name


def public_page(unit: Unit, today: datetime.date | None = None) -> PublicPage:
    """The published commitments of ``unit``'s coverage (a province: its communes, the merged ones too)."""
    today = today or timezone.localdate()
    rows = (
        Commitment.objects.filter(path_prefix_q(coverage_prefixes(unit)), published=True)
        .select_related("unit", "meeting", "meeting__host", "campaign", "responsible_organization")
        .order_by("-made_on", "pk")
    )
    page = PublicPage(unit=unit)
    for c in rows:
        meeting = c.meeting
        source = meeting.kind_label + f": {meeting.topic}" if meeting else (f"Cuộc vận động: {c.campaign.name}"
                                                                           if c.campaign else "")  # fmt: skip
        page.items.append(
            PublicCommitment(
                content=c.content, meeting=source, meeting_on=meeting.held_on if meeting else None,
                place=meeting.place if meeting else "", host=meeting.host_label if meeting else "",
                to_whom=_to_whom(c),
                responsible=c.responsible_organization.name if c.responsible_organization else c.responsible_text,
                due_on=c.due_on, status=c.status, status_label=c.get_status_display(),
                overdue=c.overdue_on(today), done_on=c.done_on,
                timeliness_label=c.get_timeliness_display() if c.timeliness else "",
                result=c.result if c.status == C.DONE else "", unit_name=c.unit.name,
            )
        )  # fmt: skip
    return page


# --- statistics -----------------------------------------------------------------------------------


@dataclass
class DialogueStats:
    """The figures of a unit and a period."""

    unit: Unit | None
    period: Period
    meetings: dict[str, Any] = field(default_factory=dict)
    issues: dict[str, Any] = field(default_factory=dict)
    #: Issues raised and answered, by field: {field: {"raised": n, "answered": n}}.
    issues_by_field: dict[str, dict[str, Any]] = field(default_factory=dict)
    commitments: dict[str, Any] = field(default_factory=dict)
    campaigns: dict[str, Any] = field(default_factory=dict)
    by_unit: list[tuple[Unit, dict[str, Any]]] = field(default_factory=list)

    @property
    def kept(self) -> int:
        return int(self.commitments.get("kept_on_time") or 0) + int(self.commitments.get("kept_late") or 0)

    @property
    def open(self) -> int:
        return int(self.commitments.get("open_within") or 0) + int(self.commitments.get("open_overdue") or 0)


def stats_for(unit: Unit | None, period: Period, *, user: Any, today_tree: bool = True,
              today: datetime.date | None = None) -> DialogueStats:  # fmt: skip
    """Meetings held by kind (voter contacts before / after), attendance, issues raised (by field) and
    answered, commitments made / kept on time / kept late / open within time / overdue / cancelled,
    campaigns running, finished, stopped, households reached and agreeing — over ``unit``'s coverage (None:
    the nation), within ``user``'s scope (:data:`danvan.stats.engine.WHOLE_SYSTEM` for the system)."""
    target = Target(unit, period, viewer=user, today_tree=today_tree, today=today or timezone.localdate())
    meetings = compute(measures.MEETINGS, target, by_unit=("held",))
    issues = compute(measures.ISSUES, target, breakdown=("field",))
    commitments = compute(measures.COMMITMENTS, target, by_unit=("made", "kept_on_time", "kept_late", "open_overdue"))
    campaigns = compute(measures.CAMPAIGNS, target)
    stats = DialogueStats(unit=unit, period=period, meetings=dict(meetings.total), issues=dict(issues.total),
                          commitments=dict(commitments.total), campaigns=dict(campaigns.total))  # fmt: skip
    for (field_name,), values in issues.cells.items():
        if values.get("raised"):
            stats.issues_by_field[field_name] = dict(values)
    rows: dict[int, tuple[Unit, dict[str, Any]]] = {}
    for figures in (meetings, commitments):
        for sub, values in figures.by_unit:
            rows.setdefault(sub.pk, (sub, {}))[1].update(values)
    stats.by_unit = sorted(rows.values(), key=lambda row: row[0].path)
    return stats
