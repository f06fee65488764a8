"""The figures of the one-stop area, declared once for the statistics layer (DOMAIN §3.5).

A dossier is in the period by the date of what is counted: received (``received_on``), finished
(``finished_on``), returned, refused or withdrawn (``ended_on``). "Carried over" and "in progress"
are stocks at the period's edges, written as conditions of the window. The ratings and the apology
slips are counted on their own tables. Registered under ``onestop.*`` (:mod:`danvan.stats.registry`).
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from danvan.accounts import roles
from danvan.onestop import rules
from danvan.onestop.models import Apology, Dossier, Rating
from danvan.stats.engine import Measure, Source, Window

S = rules.Status
_ENDED = (S.REFUSED, S.WITHDRAWN, S.STOPPED)


def _end_of(window: Window) -> datetime.datetime:
    """The period's last instant, or now if the period has not ended."""
    end = min(window.period.end, window.today)
    last = timezone.make_aware(datetime.datetime.combine(end, datetime.time.max))
    return min(last, timezone.now()) if end == window.today else last


def _carried_over(window: Window) -> Q:
    """Received before the period and not finished (nor ended) before it began."""
    start = window.period.start
    return (
        Q(received_on__lt=start)
        & (Q(finished_on__isnull=True) | Q(finished_on__gte=start))
        & (Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    )


def _in_progress_at_end(window: Window) -> Q:
    end = min(window.period.end, window.today)
    return (
        Q(received_on__lte=end)
        & (Q(finished_on__isnull=True) | Q(finished_on__gt=end))
        & (Q(ended_on__isnull=True) | Q(ended_on__gt=end))
    )


def _in_progress_overdue(window: Window) -> Q:
    return _in_progress_at_end(window) & Q(due_at__lt=_end_of(window))


def _in_progress_within(window: Window) -> Q:
    return _in_progress_at_end(window) & (Q(due_at__gte=_end_of(window)) | Q(due_at__isnull=True))


DOSSIERS = Source(
    model=Dossier,
    permission=roles.ONESTOP.view,
    measures=(
        Measure("carried_over", "Kỳ trước chuyển sang", where=_carried_over),
        Measure("received", "Tiếp nhận mới trong kỳ", date="received_on"),
        Measure("received_desk", "Tiếp nhận trực tiếp", date="received_on", where=Q(channel=rules.Channel.DESK)),
        Measure("received_online", "Tiếp nhận trực tuyến", date="received_on", where=Q(channel=rules.Channel.ONLINE)),
        Measure("received_post", "Tiếp nhận qua bưu chính", date="received_on", where=Q(channel=rules.Channel.POST)),
        Measure("finished", "Đã giải quyết", date="finished_on"),
        Measure("early", "Giải quyết trước hạn", date="finished_on", where=Q(timeliness=rules.Timeliness.EARLY)),
        Measure("on_time", "Giải quyết đúng hạn", date="finished_on", where=Q(timeliness=rules.Timeliness.ON_TIME)),
        Measure("late", "Giải quyết quá hạn", date="finished_on", where=Q(timeliness=rules.Timeliness.LATE)),
        Measure("in_progress_within", "Đang giải quyết trong hạn", where=_in_progress_within),
        Measure("in_progress_overdue", "Đang giải quyết quá hạn", where=_in_progress_overdue),
        Measure("returned", "Đã trả kết quả", date="returned_on"),
        Measure("withdrawn", "Rút hồ sơ", date="ended_on", where=Q(status=S.WITHDRAWN)),
        Measure("refused", "Từ chối tiếp nhận", date="ended_on", where=Q(status=S.REFUSED)),
        Measure("stopped", "Dừng xử lý", date="ended_on", where=Q(status=S.STOPPED)),
    ),
)

APOLOGIES = Source(
    model=Apology,
    path="dossier__unit__path",
    permission=roles.ONESTOP.view,
    measures=(Measure("apologies", "Phiếu xin lỗi và hẹn lại", date="issued_at__date"),),
)

RATINGS = Source(
    model=Rating,
    permission=roles.ONESTOP.view,
    measures=(
        Measure("rated", "Lượt đánh giá", date="rated_on"),
        Measure("satisfied", "Hài lòng, rất hài lòng", date="rated_on", where=Q(satisfied=True)),
        Measure("very_satisfied", "Rất hài lòng", date="rated_on", where=Q(level=5)),
        Measure("unsatisfied", "Không hài lòng", date="rated_on", where=Q(level__lte=2)),
    ),
)

SOURCES = (DOSSIERS, APOLOGIES, RATINGS)
