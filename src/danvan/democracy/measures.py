"""The figures of the grassroots-democracy area, declared once for the statistics layer (DOMAIN §5.5).

A publication is in the period by the day it was published; a community decision by the day it was
held (recognised: by the recognition day); a consultation by its first day; a finding of the People's
Inspection Board by the day it was made. Registered under ``democracy.*`` (:mod:`danvan.stats.registry`).
"""

from __future__ import annotations

from django.db.models import Q

from danvan.accounts import roles
from danvan.democracy import rules
from danvan.democracy.models import BoardFinding, CommunityDecision, Consultation, Publication
from danvan.stats.engine import Measure, Source

S = rules.DecisionStatus

PUBLICATIONS = Source(
    model=Publication,
    permission=roles.DEMOCRACY.view,
    measures=(
        Measure("published", "Thông tin đã công khai", date="published_on"),
        Measure("late", "Công khai trễ hạn (Điều 13)", date="published_on", where=Q(late_days__gt=0)),
        Measure("posting_short", "Niêm yết chưa đủ thời gian", date="published_on", where=Q(posting_short=True)),
        Measure("broadcast_short", "Phát loa chưa đủ 03 ngày", date="published_on", where=Q(broadcast_short=True)),
        Measure("with_issue", "Thông tin có cảnh báo", date="published_on", where=Q(has_issue=True)),
    ),
)

DECISIONS = Source(
    model=CommunityDecision,
    permission=roles.DEMOCRACY.view,
    measures=(
        Measure("held", "Việc Nhân dân bàn và quyết định", date="held_on"),
        Measure("passed", "Được thông qua", date="held_on", where=Q(passed=True)),
        Measure("not_passed", "Không được thông qua", date="held_on", where=Q(passed=False)),
        Measure("recognised", "Được công nhận", date="recognised_on", where=Q(status=S.RECOGNISED)),
        Measure("not_recognised", "Không được công nhận", date="recognised_on", where=Q(status=S.NOT_RECOGNISED)),
        Measure("sent_late", "Gửi UBND, MTTQ xã trễ hạn (Điều 20.3)", date="held_on", where=Q(sent_late=True)),
        Measure(
            "recognised_late", "Công nhận trễ hạn (Điều 21.2)", date="recognised_on", where=Q(recognised_late=True)
        ),
    ),
)

CONSULTATIONS = Source(
    model=Consultation,
    permission=roles.DEMOCRACY.view,
    measures=(
        Measure("consultations", "Đợt lấy ý kiến Nhân dân", date="starts_on"),
        Measure("responded", "Đã tiếp thu, giải trình", date="starts_on", where=~Q(response="")),
        Measure("participants", "Lượt người, hộ tham gia", date="starts_on", aggregate="sum", field="participants"),
    ),
)

FINDINGS = Source(
    model=BoardFinding,
    path="board__unit__path",
    permission=roles.DEMOCRACY.view,
    measures=(
        Measure("findings", "Kiến nghị của Ban Thanh tra nhân dân", date="found_on"),
        Measure(
            "findings_answered",
            "Kiến nghị đã được trả lời",
            date="found_on",
            where=Q(status=rules.FindingStatus.ANSWERED),
        ),
    ),
)

SOURCES = (PUBLICATIONS, DECISIONS, CONSULTATIONS, FINDINGS)
