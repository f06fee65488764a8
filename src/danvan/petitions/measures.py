"""The figures of reception and petitions (DOMAIN §1.7), declared once for the statistics layer.

Three tables are counted: reception sessions (by the day of reception), letters (by the day they
were received, or by the day their case was resolved) and cases (each figure by its own date: received,
accepted, ended, decided).
Repeat letters join an existing case, so "vụ việc" counts cases, not letters.
"""

from __future__ import annotations

from django.db.models import F, Q

from danvan.petitions import rules
from danvan.petitions.models import Case, Letter, ReceptionSession
from danvan.stats.engine import Measure, Source, Window

SESSIONS = Source(
    model=ReceptionSession,
    measures=(
        Measure("sessions", "Lượt tiếp công dân", date="date"),
        Measure("sessions_online", "Tiếp công dân trực tuyến", date="date", where=Q(form=ReceptionSession.Form.ONLINE)),
    ),
)

LETTERS = Source(
    model=Letter,
    measures=(
        Measure("letters", "Đơn nhận trong kỳ", date="received_on"),
        Measure("visits", "Lượt công dân đến trực tiếp", date="received_on", where=Q(channel=rules.Channel.IN_PERSON)),
        Measure(
            "delegations",
            "Đoàn đông người",
            date="received_on",
            where=Q(co_signers__gte=5, channel=rules.Channel.IN_PERSON),
        ),
        Measure("duplicates", "Đơn trùng", date="received_on", where=Q(duplicate_of__isnull=False)),
        Measure("eligible", "Đơn đủ điều kiện xử lý", date="received_on", where=Q(eligible=True)),
    ),
)


def _carried_over(window: Window) -> Q:
    """Received before the period and still being handled when it began."""
    start = window.period.start
    return Q(received_on__lt=start) & (Q(ended_on__isnull=True) | Q(ended_on__gte=start))


def _overdue_open(window: Window) -> Q:
    """Still open, and past its due date at the end of the period (or today, if sooner)."""
    return Q(status__in=[s.value for s in rules.OPEN_STATUSES], due_on__lt=min(window.today, window.period.end))


CASES = Source(
    model=Case,
    measures=(
        Measure("carried_over", "Vụ việc kỳ trước chuyển sang", where=_carried_over),
        Measure("cases", "Vụ việc mới trong kỳ", date="received_on"),
        Measure("accepted", "Vụ việc thụ lý (thuộc thẩm quyền)", date="accepted_on"),
        Measure("ended", "Vụ việc kết thúc xử lý (theo hướng xử lý)", date="ended_on", where=~Q(route="")),
        # Đã giải quyết: by decision, withdrawal or mediation (DOMAIN §1.7), on the day it was resolved.
        Measure("resolved", "Vụ việc đã giải quyết", date="resolved_on"),
        Measure(
            "resolved_on_time",
            "Giải quyết đúng hạn",
            date="resolved_on",
            where=Q(due_at_decision__isnull=True) | Q(due_at_decision__gte=F("resolved_on")),
        ),
        Measure("overdue_open", "Vụ việc quá hạn chưa giải quyết", where=_overdue_open),
        Measure(
            "money_recovered",
            "Tiền thu hồi, trả lại (đồng)",
            date="decided_on",
            aggregate="sum",
            field="money_recovered",
        ),
        Measure(
            "land_recovered", "Đất thu hồi, trả lại (m²)", date="decided_on", aggregate="sum", field="land_recovered"
        ),
        Measure(
            "discipline_proposed",
            "Người bị kiến nghị xử lý kỷ luật",
            date="decided_on",
            aggregate="sum",
            field="discipline_proposed",
        ),
    ),
)

#: The letters of the cases resolved in the period, whenever the letters came in: the seeds' "đã giải
#: quyết 77 đơn/77 vụ việc" counts letters as well as cases. A source of its own rather than a measure of
#: LETTERS: dated across the case, it is a semi-join that would cost every reading of LETTERS (the
#: statistics page reads all of its measures from the covering index, decision record 0006).
RESOLVED_LETTERS = Source(
    model=Letter,
    measures=(Measure("letters_resolved", "Đơn của vụ việc đã giải quyết", date="case__resolved_on"),),
)

SOURCES = (SESSIONS, LETTERS, CASES, RESOLVED_LETTERS)
