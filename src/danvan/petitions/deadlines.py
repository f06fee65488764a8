"""Legal clocks of citizen reception, complaints and denunciations, as data (DOMAIN.md §1.5, §6.3).

Each :class:`~danvan.workflow.clocks.DeadlineRule` is one row of the deadline tables: the stage, the
number of days, calendar (``CAL``) or working (``WORK``) days, the event it
counts from, the regime it belongs to (chosen by the date of that event), the
variants for complex cases and remote communes, the extensions the law allows,
its legal basis and how sure we are of it (the evidence tags of DOMAIN §0.1:
V verified, V3 verified from a secondary source, M from memory, ? unverified).

The kit's :func:`~danvan.workflow.clocks.compute_due` applies a rule to a start
date with the working-day calendar, the suspended intervals and the extensions
granted, and explains in Vietnamese how the date was reached. Pure functions, no
database.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from danvan.core.calendar import WorkCalendar, working_days_between
from danvan.workflow import clocks

#: The regime change of Luật Khiếu nại and Luật Tiếp công dân as amended (Luật 136/2025/QH15) and
#: NĐ 155/2026/NĐ-CP amending NĐ 124/2020: in force from 01/07/2026 [V3].
REGIME_2026 = datetime.date(2026, 7, 1)
BEFORE_2026 = datetime.date(2026, 6, 30)


# The counting is the kit's; the names stay importable from here for the area's callers.
DayUnit = clocks.DayUnit
Trigger = clocks.Trigger
TRIGGER_LABELS = clocks.TRIGGER_LABELS
DeadlineRule = clocks.DeadlineRule
Pause = clocks.Pause
Due = clocks.Due
NoRule = clocks.NoRule
compute_due = clocks.compute_due
extension_errors = clocks.extension_errors


R = DeadlineRule
RULES: tuple[DeadlineRule, ...] = (
    # --- reception and letters (Luật Tiếp công dân 42/2013/QH13; TT 05/2021/TT-TTCP) ---
    R("reply", "Trả lời, thông báo cho công dân việc thụ lý, chuyển đơn hoặc từ chối", 10, DayUnit.WORK,
      Trigger.RECEIVED, "Luật Tiếp công dân 2013, Điều 28.1", "V"),
    R("process", "Xử lý đơn: phân loại, đề xuất hướng xử lý", 10, DayUnit.WORK, Trigger.RECEIVED,
      "Thông tư 05/2021/TT-TTCP (điều khoản chưa đối chiếu)", "M"),
    R("report_forwarder", "Báo cáo kết quả cho cơ quan đã chuyển đơn (ĐBQH, HĐND, Ban Tiếp công dân)", 7,
      DayUnit.WORK, Trigger.DECIDED, "Luật Tiếp công dân 2013, Điều 27.2", "V"),
    # --- khiếu nại (Luật Khiếu nại 02/2011/QH13; amended from 01/07/2026) ---
    R("kn_accept_1", "Thụ lý khiếu nại lần đầu", 10, DayUnit.CAL, Trigger.RECEIVED,
      "Luật Khiếu nại 2011, Điều 27", "V", valid_to=BEFORE_2026),
    R("kn_accept_1", "Thụ lý khiếu nại lần đầu", 7, DayUnit.WORK, Trigger.RECEIVED,
      "NĐ 155/2026/NĐ-CP sửa Điều 16 NĐ 124/2020/NĐ-CP", "V3", valid_from=REGIME_2026),
    R("kn_resolve_1", "Giải quyết khiếu nại lần đầu", 30, DayUnit.CAL, Trigger.ACCEPTED,
      "Luật Khiếu nại 2011, Điều 28", "V", complex_days=45, remote_days=45, remote_complex_days=60),
    R("kn_accept_2", "Thụ lý khiếu nại lần hai", 10, DayUnit.CAL, Trigger.RECEIVED,
      "Luật Khiếu nại 2011, Điều 36", "V", valid_to=BEFORE_2026),
    R("kn_accept_2", "Thụ lý khiếu nại lần hai", 7, DayUnit.WORK, Trigger.RECEIVED,
      "NĐ 155/2026/NĐ-CP sửa Điều 16 NĐ 124/2020/NĐ-CP", "V3", valid_from=REGIME_2026),
    R("kn_resolve_2", "Giải quyết khiếu nại lần hai", 45, DayUnit.CAL, Trigger.ACCEPTED,
      "Luật Khiếu nại 2011, Điều 37", "V", complex_days=60, remote_days=60, remote_complex_days=70),
    R("kn_discipline_accept", "Thụ lý khiếu nại quyết định kỷ luật", 10, DayUnit.CAL, Trigger.RECEIVED,
      "Luật Khiếu nại 2011, Điều 50", "V"),
    R("kn_discipline_resolve", "Giải quyết khiếu nại quyết định kỷ luật", 30, DayUnit.CAL, Trigger.ACCEPTED,
      "Luật Khiếu nại 2011, Điều 50", "V", complex_days=45),
    # --- tố cáo (Luật Tố cáo 25/2018/QH14; NĐ 31/2019/NĐ-CP) ---
    R("tc_initial", "Xử lý ban đầu thông tin tố cáo", 7, DayUnit.WORK, Trigger.RECEIVED,
      "Luật Tố cáo 2018, Điều 24.1", "V", complex_days=10),
    R("tc_transfer", "Chuyển đơn tố cáo không thuộc thẩm quyền", 5, DayUnit.WORK, Trigger.RECEIVED,
      "Luật Tố cáo 2018, Điều 24.2", "V"),
    R("tc_notify", "Thông báo thụ lý cho người tố cáo và nội dung cho người bị tố cáo", 5, DayUnit.WORK,
      Trigger.ACCEPTED, "Luật Tố cáo 2018, Điều 29.3", "V"),
    R("tc_resolve", "Giải quyết tố cáo", 30, DayUnit.CAL, Trigger.ACCEPTED,
      "Luật Tố cáo 2018, Điều 30; NĐ 31/2019/NĐ-CP, Điều 3", "V",
      extensions_complex=1, extensions_especially_complex=2, extension_days=30),
    R("tc_send_conclusion", "Gửi kết luận cho người bị tố cáo, thông báo người tố cáo", 5, DayUnit.WORK,
      Trigger.DECIDED, "Luật Tố cáo 2018, Điều 35.3", "V"),
    # --- kiến nghị, phản ánh: no statutory resolution period; the agency's regulation (DOMAIN §1.5.4) ---
    R("knpa_resolve", "Giải quyết kiến nghị, phản ánh (theo quy chế của cơ quan)", 15, DayUnit.WORK,
      Trigger.RECEIVED, "Quy chế tiếp nhận, xử lý kiến nghị, phản ánh của cơ quan", "M"),
)  # fmt: skip


def rule_for(code: str, event_day: datetime.date) -> DeadlineRule:
    """The petitions rule ``code`` of the regime in force on the triggering event's date."""
    return clocks.rule_for(RULES, code, event_day)


# --- how often leaders must receive citizens (DOMAIN §1.6.1) ---------------------------------------


class Receiver(StrEnum):
    PROVINCE_CHAIR = "province_chair"
    COMMUNE_CHAIR = "commune_chair"
    AGENCY_HEAD = "agency_head"
    PARTY_SECRETARY = "party_secretary"


RECEIVER_LABELS = {
    Receiver.PROVINCE_CHAIR: "Chủ tịch UBND tỉnh",
    Receiver.COMMUNE_CHAIR: "Chủ tịch UBND xã",
    Receiver.AGENCY_HEAD: "Thủ trưởng cơ quan, sở, ngành",
    Receiver.PARTY_SECRETARY: "Bí thư cấp ủy",
}


@dataclass(frozen=True)
class Frequency:
    days: int
    per: str  # "week" or "month"
    legal_basis: str

    def label(self) -> str:
        return f"ít nhất {self.days} ngày/{'tuần' if self.per == 'week' else 'tháng'} ({self.legal_basis})"


def required_frequency(receiver: Receiver, day: datetime.date) -> Frequency:
    """The statutory minimum of a leader's own reception days in force on ``day``."""
    if receiver == Receiver.COMMUNE_CHAIR:
        if day >= REGIME_2026:
            return Frequency(2, "month", "Luật Tiếp công dân sửa đổi bởi Luật 136/2025/QH15, từ 01/07/2026")
        return Frequency(1, "week", "Luật Tiếp công dân 2013, Điều 15.2.d")
    if receiver == Receiver.PROVINCE_CHAIR:
        return Frequency(1, "month", "Luật Tiếp công dân 2013, Điều 12.5")
    if receiver == Receiver.AGENCY_HEAD:
        return Frequency(1, "month", "Luật Tiếp công dân 2013, Điều 18.2")
    return Frequency(1, "month", "Quy định 11-QĐi/TW ngày 18/02/2019 (tần suất theo thực tiễn)")


@dataclass(frozen=True)
class Shortfall:
    start: datetime.date
    end: datetime.date
    required: int
    held: int
    rule: Frequency


def reception_shortfalls(
    receiver: Receiver,
    days_held: Sequence[datetime.date],
    start: datetime.date,
    end: datetime.date,
    calendar: WorkCalendar | None = None,
) -> list[Shortfall]:
    """The weeks or months between ``start`` and ``end`` in which the leader received citizens too rarely.

    Each window is judged by the regime in force on its first day; a window not yet over is not judged,
    nor the week across 01/07/2026 (the monthly rule judges July whole), nor, given the ``calendar``,
    a window without a working day.
    """
    held = sorted(set(days_held))
    result = []
    day = start
    while day <= end:
        rule = required_frequency(receiver, day)
        if rule.per == "week":
            window_start = day - datetime.timedelta(days=day.weekday())
            window_end = window_start + datetime.timedelta(days=6)
        else:
            window_start = day.replace(day=1)
            next_month = (window_start + datetime.timedelta(days=32)).replace(day=1)
            window_end = next_month - datetime.timedelta(days=1)
        if window_start < REGIME_2026 <= window_end and rule.per == "week":
            # The week across 01/07/2026 is left to the monthly rule that starts that day.
            day = REGIME_2026
            continue
        no_working_day = (
            calendar is not None
            and working_days_between(window_start - datetime.timedelta(days=1), window_end, calendar) == 0
        )  # a week of Tết holidays asks for no reception day
        if window_end <= end and not no_working_day:
            n = sum(1 for d in held if window_start <= d <= window_end)
            if n < rule.days:
                result.append(Shortfall(window_start, window_end, rule.days, n, rule))
        day = window_end + datetime.timedelta(days=1)
    return result


# --- delegations (đoàn đông người) ------------------------------------------------------------------

#: From five people with the same content a visit or a letter is "đông người" (TT 07/2014/TT-TTCP Điều 6.4).
CROWD = 5


def representative_errors(people: int, representatives: int) -> list[str]:
    """Luật Tiếp công dân 2013, Điều 29: 5–10 people choose 1–2 representatives; over 10, at most 5."""
    if people < CROWD:
        return []
    if representatives < 1:
        return [f"Đoàn {people} người phải cử người đại diện (Luật Tiếp công dân 2013, Điều 29)."]
    limit = 2 if people <= 10 else 5
    if representatives > limit:
        return [f"Đoàn {people} người cử không quá {limit} người đại diện (Luật Tiếp công dân 2013, Điều 29)."]
    return []
