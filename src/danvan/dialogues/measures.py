"""The figures of the dialogues area, declared once for the statistics layer.

A meeting counts in the period by the day it was held (``held_on``), an issue by the day it was raised,
a commitment by the day it was made (``made_on``), kept (``done_on``) or cancelled (``cancelled_on``);
"open within time" and "open overdue" are stocks at the period's end (or today, if it has not ended).
A campaign is running at the period's end, or finished or stopped in it. Registered under
``dialogues.*`` (:mod:`danvan.stats.registry`).
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from danvan.accounts import roles
from danvan.dialogues import rules
from danvan.dialogues.models import Campaign, Commitment, Issue, Meeting
from danvan.stats.engine import Measure, Source, Window

VIEW = roles.DIALOGUES.view
MK, C, K = rules.MeetingKind, rules.CommitmentStatus, rules.CampaignStatus


def _end(window: Window) -> datetime.date:
    return min(window.period.end, window.today)


def _open_at_end(window: Window) -> Q:
    """Made by the end, neither done nor cancelled by then."""
    end = _end(window)
    return (
        Q(made_on__lte=end)
        & (Q(done_on__isnull=True) | Q(done_on__gt=end))
        & (Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=end))
    )


def _open_within(window: Window) -> Q:
    return _open_at_end(window) & Q(due_on__gte=_end(window))


def _open_overdue(window: Window) -> Q:
    return _open_at_end(window) & Q(due_on__lt=_end(window))


def _running_at_end(window: Window) -> Q:
    end = _end(window)
    return Q(started_on__isnull=False, started_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gt=end))


def _active_in_period(window: Window) -> Q:
    return Q(started_on__isnull=False, started_on__lte=_end(window)) & (
        Q(ended_on__isnull=True) | Q(ended_on__gte=window.period.start)
    )


_HELD = Q(status=rules.MeetingStatus.HELD)

MEETINGS = Source(
    model=Meeting,
    permission=VIEW,
    measures=(
        Measure("held", "Buổi đã tổ chức", date="held_on", where=_HELD),
        Measure("dialogues", "Đối thoại trực tiếp", date="held_on", where=_HELD & Q(kind=MK.DIALOGUE)),
        Measure("voter_contacts", "Tiếp xúc cử tri", date="held_on", where=_HELD & Q(kind=MK.VOTER_CONTACT)),
        Measure("voter_before", "Tiếp xúc cử tri trước kỳ họp", date="held_on",
                where=_HELD & Q(kind=MK.VOTER_CONTACT, timing=rules.Timing.BEFORE)),
        Measure("voter_after", "Tiếp xúc cử tri sau kỳ họp", date="held_on",
                where=_HELD & Q(kind=MK.VOTER_CONTACT, timing=rules.Timing.AFTER)),
        Measure("attendance", "Lượt người dự", date="held_on", where=_HELD, aggregate="sum", field="attendance_total"),
        Measure("cancelled", "Buổi đã huỷ", date="cancelled_on", where=Q(status=rules.MeetingStatus.CANCELLED)),
    ),
)  # fmt: skip

ISSUES = Source(
    model=Issue,
    permission=VIEW,
    measures=(
        Measure("raised", "Ý kiến, kiến nghị", date="raised_on"),
        Measure("answered", "Đã trả lời tại chỗ", date="raised_on", where=Q(answered=True)),
        Measure("linked", "Có vụ việc đơn thư liên quan", date="raised_on", where=~Q(petition_ref="")),
    ),
)

COMMITMENTS = Source(
    model=Commitment,
    permission=VIEW,
    measures=(
        Measure("made", "Cam kết đưa ra", date="made_on"),
        Measure("kept_on_time", "Đã thực hiện đúng hạn", date="done_on", where=Q(timeliness=rules.Timeliness.ON_TIME)),
        Measure("kept_late", "Đã thực hiện quá hạn", date="done_on", where=Q(timeliness=rules.Timeliness.LATE)),
        Measure("open_within", "Đang thực hiện trong hạn", where=_open_within),
        Measure("open_overdue", "Chưa thực hiện, đã quá hạn", where=_open_overdue),
        Measure("cancelled", "Đã huỷ", date="cancelled_on", where=Q(status=C.CANCELLED)),
        Measure("published", "Đang công khai", date="made_on", where=Q(published=True)),
    ),
)

CAMPAIGNS = Source(
    model=Campaign,
    permission=VIEW,
    measures=(
        Measure("running", "Đang vận động", where=_running_at_end),
        Measure("finished", "Đã hoàn thành", date="ended_on", where=Q(status=K.FINISHED)),
        Measure("stopped", "Đã dừng", date="ended_on", where=Q(status=K.STOPPED)),
        Measure("households_reached", "Hộ đã tiếp cận", where=_active_in_period, aggregate="sum",
                field="households_reached"),
        Measure("households_agreeing", "Hộ đồng thuận", where=_active_in_period, aggregate="sum",
                field="households_agreeing"),
    ),
)  # fmt: skip

SOURCES = {"meetings": MEETINGS, "issues": ISSUES, "commitments": COMMITMENTS, "campaigns": CAMPAIGNS}
