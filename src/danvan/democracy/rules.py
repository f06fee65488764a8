"""The rules of grassroots democracy, as plain functions of data and dates (DOMAIN §5.5).

Luật Thực hiện dân chủ ở cơ sở 2022 (Luật 10/2022/QH15, in force 01/07/2023), NĐ 59/2023/NĐ-CP and
NĐ 61/2023/NĐ-CP (hương ước, quy ước). Each rule carries its article; nothing here reads the database.
Evidence tags as in DOMAIN §0.1: [V] verified, [M] from memory, [?] our reading, to verify.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models

from danvan.core.calendar import WorkCalendar, add_working_days, working_days_between
from danvan.core.text import format_date

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022"


# --- publications (công khai thông tin), Điều 11–13 ---------------------------------------------------


class Category(models.IntegerChoices):
    """What the commune publishes: the 13 items of Điều 11 [V] (DOMAIN §5.5 a)."""

    PLANS = 1, "1. Kế hoạch phát triển kinh tế - xã hội và kết quả thực hiện"
    BUDGET = 2, "2. Dự toán, thực hiện, quyết toán ngân sách; kiến nghị kiểm toán"
    LAND = 3, "3. Dự án đầu tư, thu hồi đất, bồi thường, quy hoạch sử dụng đất, quy hoạch xây dựng"
    CHARTER = 4, "4. Quy chế thực hiện dân chủ, nhiệm vụ của cán bộ, quy tắc ứng xử"
    FUNDS = 5, "5. Các quỹ, khoản đóng góp, huy động của Nhân dân"
    ASSETS = 6, "6. Tài sản công"
    SOCIAL = 7, "7. Chính sách an sinh xã hội: tiêu chí, đối tượng, kết quả"
    DISASTER = 8, "8. Hỗ trợ phòng, chống thiên tai, dịch bệnh"
    CALL_UP = 9, "9. Danh sách gọi nhập ngũ, thực hiện nghĩa vụ công an"
    INSPECTION = 10, "10. Kết quả thanh tra, kiểm tra, xử lý tham nhũng, vi phạm; lấy phiếu tín nhiệm"
    CONSULTATION = 11, "11. Kế hoạch, kết quả lấy ý kiến Nhân dân"
    FEES = 12, "12. Phí, lệ phí"
    PROCEDURES = 13, "13. Thủ tục hành chính"


class Form(models.TextChoices):
    """How it is published: the forms of Điều 12 [V]."""

    POSTING = "posting", "Niêm yết tại trụ sở, nhà văn hóa thôn, tổ dân phố"
    PORTAL = "portal", "Đăng trên cổng, trang thông tin điện tử"
    LOUDSPEAKER = "loudspeaker", "Phát trên hệ thống truyền thanh, loa"
    HAMLET_HEAD = "hamlet_head", "Qua trưởng thôn, tổ trưởng tổ dân phố"
    WRITTEN = "written", "Thông báo bằng văn bản"
    DIALOGUE = "dialogue", "Hội nghị, đối thoại với Nhân dân"
    RECEPTION = "reception", "Qua tiếp công dân, báo chí"
    ORGANISATIONS = "organisations", "Qua Mặt trận Tổ quốc, các tổ chức chính trị - xã hội"
    NETWORK = "network", "Qua mạng viễn thông, mạng xã hội"
    OTHER = "other", "Hình thức khác"


#: Items posted permanently (thường xuyên) rather than for a period [V DOMAIN §5.5 a; Điều 13].
PERMANENT = frozenset({Category.CHARTER, Category.PROCEDURES})
#: Items that, when broadcast, are broadcast at least 03 consecutive days [V DOMAIN §5.5 a; Điều 13].
BROADCAST_ITEMS = frozenset(range(7, 13))
#: Within 05 working days of the decision, unless a specific law says otherwise (Điều 13) [V].
PUBLISH_WITHIN = 5
#: Posting lasts at least 30 consecutive days (Điều 13.2) [V].
POSTING_DAYS = 30
#: Loudspeaker broadcast lasts at least 03 consecutive days for items 7–12 (Điều 13) [V].
BROADCAST_DAYS = 3


@dataclass(frozen=True)
class PublicationFacts:
    category: int
    decided_on: datetime.date
    published_on: datetime.date
    forms: Sequence[str]
    posted_from: datetime.date | None = None
    posted_to: datetime.date | None = None
    broadcast_days: int = 0
    #: A specific law's own deadline in working days (None: the general 05 working days of Điều 13).
    law_deadline_days: int | None = None


@dataclass(frozen=True)
class Check:
    """The result of the checks of one publication, stored on it so that the statistics count in SQL."""

    due_on: datetime.date
    late_days: int
    posting_short: bool
    broadcast_short: bool
    permanent: bool
    warnings: tuple[str, ...]

    @property
    def has_issue(self) -> bool:
        return bool(self.warnings)


def is_permanent(category: int) -> bool:
    return category in PERMANENT


def publication_due(
    decided_on: datetime.date, calendar: WorkCalendar, law_deadline_days: int | None = None
) -> datetime.date:
    """The last day to publish: 05 working days after the decision, the day of the decision not counted
    (Điều 13; BLDS 2015 Điều 147.1), or the specific law's own number of working days."""
    days = PUBLISH_WITHIN if law_deadline_days is None else law_deadline_days
    return add_working_days(decided_on, days, calendar)


def late_working_days(due_on: datetime.date, published_on: datetime.date, calendar: WorkCalendar) -> int:
    """Working days after the due day on which it was published (0: on time)."""
    return max(0, working_days_between(due_on, published_on, calendar))


def posting_length(posted_from: datetime.date, posted_to: datetime.date) -> int:
    """Consecutive days of posting, both ends counted (from 01/03 to 30/03 is 30 days)."""
    return (posted_to - posted_from).days + 1


def publication_errors(facts: PublicationFacts) -> dict[str, str]:
    """What makes a publication impossible (refused, nothing written), by field."""
    errors: dict[str, str] = {}
    if facts.category not in Category.values:
        errors["category"] = "Nội dung công khai phải là một trong 13 nhóm của Điều 11."
    if facts.published_on < facts.decided_on:
        errors["published_on"] = (
            f"Ngày công khai ({format_date(facts.published_on)}) không được trước ngày ban hành văn bản "
            f"({format_date(facts.decided_on)})."
        )
    if not facts.forms:
        errors["forms"] = "Cần chọn ít nhất một hình thức công khai (Điều 12)."
    unknown = [f for f in facts.forms if f not in Form.values]
    if unknown:
        errors["forms"] = f"Hình thức công khai không hợp lệ: {', '.join(unknown)}."
    posting = Form.POSTING in facts.forms
    if posting and facts.posted_from is None:
        errors["posted_from"] = "Niêm yết: cần ghi ngày bắt đầu niêm yết."
    if facts.posted_from and facts.posted_to and facts.posted_to < facts.posted_from:
        errors["posted_to"] = "Ngày kết thúc niêm yết phải từ ngày bắt đầu trở về sau."
    if facts.posted_from and facts.posted_from < facts.decided_on:
        errors["posted_from"] = "Ngày bắt đầu niêm yết không được trước ngày ban hành văn bản."
    if facts.broadcast_days < 0 or facts.broadcast_days > 366:
        errors["broadcast_days"] = "Số ngày phát trên loa phải từ 0 đến 366."
    if facts.law_deadline_days is not None and not 0 <= facts.law_deadline_days <= 365:
        errors["law_deadline_days"] = "Thời hạn theo luật chuyên ngành phải từ 0 đến 365 ngày làm việc."
    return errors


def check_publication(facts: PublicationFacts, calendar: WorkCalendar) -> Check:
    """The checks of DOMAIN §5.5 a on one publication, with the warnings in Vietnamese."""
    warnings: list[str] = []
    due = publication_due(facts.decided_on, calendar, facts.law_deadline_days)
    late = late_working_days(due, facts.published_on, calendar)
    if late:
        # Điều 13: within 05 working days of the decision when no specific law applies.
        warnings.append(f"Công khai trễ {late} ngày làm việc (hạn {format_date(due)}, Điều 13).")
    permanent = is_permanent(facts.category)
    posting_short = False
    if Form.POSTING in facts.forms and facts.posted_from is not None:
        if permanent and facts.posted_to is not None:
            # Điều 13: the democracy charter and the administrative procedures are posted permanently.
            warnings.append("Nội dung này phải niêm yết thường xuyên, không được kết thúc niêm yết (Điều 13).")
            posting_short = True
        elif not permanent and facts.posted_to is not None:
            days = posting_length(facts.posted_from, facts.posted_to)
            if days < POSTING_DAYS:
                # Điều 13.2: posting lasts at least 30 consecutive days.
                warnings.append(f"Niêm yết chưa đủ {POSTING_DAYS} ngày (mới {days} ngày liên tục, Điều 13.2).")
                posting_short = True
    elif permanent:
        warnings.append("Nội dung này phải được niêm yết thường xuyên tại trụ sở (Điều 13).")
        posting_short = True
    broadcast_short = False
    if facts.category in BROADCAST_ITEMS and Form.LOUDSPEAKER in facts.forms and facts.broadcast_days < BROADCAST_DAYS:
        # Điều 13: items 7–12 broadcast on the loudspeakers at least 03 consecutive days.
        warnings.append(
            f"Phát trên loa chưa đủ {BROADCAST_DAYS:02d} ngày liên tục (mới {facts.broadcast_days} ngày, Điều 13)."
        )
        broadcast_short = True
    return Check(due, late, posting_short, broadcast_short, permanent, tuple(warnings))


QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> datetime.date:
    month = 3 * quarter
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def quarter_label(year: int, quarter: int) -> str:
    return f"quý {QUARTER_NAMES[quarter]}/{year}"


def quarters_between(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out, (year, quarter) = [], first
    while (year, quarter) <= last:
        out.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out


def missing_quarter_lists(
    published: Iterable[datetime.date], listed: Iterable[tuple[int, int]], today: datetime.date
) -> list[tuple[int, int]]:
    """The ended quarters, from the commune's first publication, without their posted list of what was
    published (Điều 13: "danh mục thông tin" posted each quarter [V DOMAIN §5.5 a]; a quarter is due once
    it has ended [?: our reading of when])."""
    days = sorted(published)
    if not days:
        return []
    last_ended = quarter_of(today)
    last_ended = (last_ended[0] - 1, 4) if last_ended[1] == 1 else (last_ended[0], last_ended[1] - 1)
    done = set(listed)
    return [q for q in quarters_between(quarter_of(days[0]), last_ended) if q not in done]


# --- what the people discuss and decide, Điều 15–22 --------------------------------------------------


class Matter(models.IntegerChoices):
    """What the people decide (Điều 15) [V]."""

    CONTRIBUTION = 1, "1. Chủ trương, mức đóng góp xây dựng công trình công cộng, hạ tầng"
    COMMUNITY_FUNDS = 2, "2. Thu, chi, quản lý các khoản đóng góp, tài sản của cộng đồng"
    CONVENTION = 3, "3. Nội dung hương ước, quy ước"
    HAMLET_HEAD = 4, "4. Bầu, cho thôi làm trưởng thôn, tổ trưởng tổ dân phố"
    BOARDS = 5, "5. Bầu, bãi nhiệm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng"
    OTHER = 6, "6. Công việc tự quản khác"


class Way(models.TextChoices):
    """How the people decide (Điều 17) [V]."""

    MEETING = "meeting", "Hội nghị (cuộc họp) cộng đồng dân cư"
    BALLOT = "ballot", "Phát phiếu lấy ý kiến hộ gia đình"
    ONLINE = "online", "Biểu quyết trực tuyến"


class BallotCase(models.TextChoices):
    """Why items 3–5 went to a household ballot rather than a meeting (Điều 19) [?: the cases paraphrased]."""

    NONE = "", "—"
    NO_QUORUM = "no_quorum", "Cuộc họp không đủ số đại diện hộ gia đình tham dự"
    CANNOT_MEET = "cannot_meet", "Không tổ chức được cuộc họp (thiên tai, dịch bệnh, lý do khách quan)"


class Recogniser(models.TextChoices):
    """Who recognises the result (Điều 21.2) [V]: UBND xã for items 3 and 4, MTTQ xã for item 5."""

    UBND = "ubnd", "Ủy ban nhân dân xã"
    MTTQ = "mttq", "Ban Thường trực Ủy ban MTTQ Việt Nam xã"
    NONE = "none", "Không cần công nhận"


#: Items 3–5 go to a meeting, except the ballot cases of Điều 19 (Điều 17) [V].
MEETING_ITEMS = frozenset({Matter.CONVENTION, Matter.HAMLET_HEAD, Matter.BOARDS})
#: Online voting only for item 6 (Điều 17) [V].
ONLINE_ITEMS = frozenset({Matter.OTHER})
#: Items 1–2 need two thirds; items 3–6 more than half (Điều 21) [V].
TWO_THIRDS_ITEMS = frozenset({Matter.CONTRIBUTION, Matter.COMMUNITY_FUNDS})
#: Sent to UBND xã and MTTQ xã within 05 working days (Điều 20.3); recognised within 05 (Điều 21.2) [V].
SEND_WITHIN = 5
RECOGNISE_WITHIN = 5


def recogniser(matter: int) -> str:
    """Điều 21.2: UBND xã recognises items 3 and 4; MTTQ xã item 5; the others need no recognition."""
    if matter in (Matter.CONVENTION, Matter.HAMLET_HEAD):
        return Recogniser.UBND
    if matter == Matter.BOARDS:
        return Recogniser.MTTQ
    return Recogniser.NONE


def way_error(matter: int, way: str, ballot_case: str) -> dict[str, str]:
    """Điều 17, 19: the form a matter may be decided in."""
    if way == Way.ONLINE and matter not in ONLINE_ITEMS:
        return {"way": "Chỉ được biểu quyết trực tuyến đối với công việc tự quản khác (mục 6, Điều 17)."}
    if matter in MEETING_ITEMS and way == Way.BALLOT and not ballot_case:
        return {
            "ballot_case": "Mục 3–5 phải tổ chức hội nghị; chỉ phát phiếu trong các trường hợp của Điều 19: "
            "ghi trường hợp áp dụng."
        }
    if ballot_case and not (way == Way.BALLOT and matter in MEETING_ITEMS):
        return {"ballot_case": "Trường hợp phát phiếu (Điều 19) chỉ ghi khi mục 3–5 được quyết định bằng phiếu."}
    return {}


@dataclass(frozen=True)
class Threshold:
    two_thirds: bool
    by_hamlets: bool
    label: str
    basis: str

    def needed(self, base: int) -> int:
        """The fewest agreeing (households, or hamlets) out of ``base`` that pass."""
        if self.two_thirds:
            return -(-2 * base // 3)  # ≥ 2/3: ceil(2n/3)
        return base // 2 + 1  # > 50%

    def met(self, agreeing: int, base: int) -> bool:
        if base <= 0:
            return False
        if self.two_thirds:
            return 3 * agreeing >= 2 * base
        return 2 * agreeing > base


def threshold(matter: int, *, commune_wide: bool) -> Threshold:
    """Điều 21: items 1–2 pass with ≥ 2/3 of the household representatives (commune-wide: ≥ 2/3 of the
    hamlets); items 3–6 with more than 50% of the household representatives. The base is the total
    number of households of the hamlet [?: "tổng số đại diện hộ gia đình", our reading]."""
    if matter in TWO_THIRDS_ITEMS:
        if commune_wide:
            return Threshold(True, True, "Ít nhất 2/3 tổng số thôn, tổ dân phố tán thành", f"{LAW}, Điều 21")
        return Threshold(True, False, "Ít nhất 2/3 tổng số đại diện hộ gia đình tán thành", f"{LAW}, Điều 21")
    return Threshold(False, False, "Trên 50% tổng số đại diện hộ gia đình tán thành", f"{LAW}, Điều 21")


@dataclass(frozen=True)
class Votes:
    households: int
    present: int
    absent: int
    participating: int
    votes_for: int
    votes_against: int
    votes_blank: int
    hamlets_total: int = 0
    hamlets_agreeing: int = 0


def vote_errors(v: Votes, *, commune_wide: bool) -> dict[str, str]:
    """Figures that cannot be true (refused): the votes never exceed the households (Điều 20.2, 21)."""
    errors: dict[str, str] = {}
    for name, value in vars(v).items():
        if value < 0:
            errors[name] = "Không được âm."
    if errors:
        return errors
    if v.households <= 0:
        errors["households"] = "Tổng số hộ gia đình phải lớn hơn 0."
        return errors
    if v.present + v.absent != v.households:
        errors["absent"] = (
            f"Số đại diện hộ có mặt ({v.present}) và vắng mặt ({v.absent}) phải cộng lại bằng tổng số hộ "
            f"({v.households})."
        )
    if v.participating > v.households:
        errors["participating"] = f"Số hộ tham gia biểu quyết ({v.participating}) vượt tổng số hộ ({v.households})."
    cast = v.votes_for + v.votes_against + v.votes_blank
    if cast > v.households:
        errors["votes_for"] = (
            f"Tổng số phiếu tán thành, không tán thành và không ý kiến ({cast}) vượt tổng số hộ gia đình "
            f"({v.households})."
        )
    elif cast > v.participating:
        errors["votes_for"] = f"Tổng số phiếu ({cast}) vượt số hộ tham gia biểu quyết ({v.participating})."
    if commune_wide:
        if v.hamlets_total <= 0:
            errors["hamlets_total"] = "Quyết định toàn xã: cần ghi tổng số thôn, tổ dân phố."
        elif v.hamlets_agreeing > v.hamlets_total:
            errors["hamlets_agreeing"] = "Số thôn, tổ dân phố tán thành vượt tổng số thôn, tổ dân phố."
    return errors


@dataclass(frozen=True)
class Outcome:
    passed: bool
    needed: int
    base: int
    agreeing: int
    threshold: Threshold

    @property
    def explanation(self) -> str:
        unit = "thôn, tổ dân phố" if self.threshold.by_hamlets else "hộ"
        word = "Thông qua" if self.passed else "Không thông qua"
        return (
            f"{word}: {self.agreeing}/{self.base} {unit} tán thành; cần {self.needed} "
            f"({self.threshold.label.lower()}, {self.threshold.basis})."
        )


def outcome(matter: int, votes: Votes, *, commune_wide: bool) -> Outcome:
    """The result the system computes (Điều 21)."""
    rule = threshold(matter, commune_wide=commune_wide)
    if rule.by_hamlets:
        base, agreeing = votes.hamlets_total, votes.hamlets_agreeing
    else:
        base, agreeing = votes.households, votes.votes_for
    return Outcome(rule.met(agreeing, base), rule.needed(base) if base > 0 else 0, base, agreeing, rule)


#: The record of a decision (biên bản) contains these (Điều 20.2) [V].
RECORD_FIELDS: dict[str, str] = {
    "held_at": "thời gian",
    "content": "nội dung",
    "decision_text": "quyết định của cộng đồng",
    "hamlet_head": "chữ ký trưởng thôn, tổ trưởng tổ dân phố",
    "mttq_head": "chữ ký trưởng ban công tác Mặt trận",
    "representative_1": "chữ ký đại diện hộ gia đình thứ nhất",
    "representative_2": "chữ ký đại diện hộ gia đình thứ hai",
}


def record_errors(values: dict[str, object]) -> dict[str, str]:
    """Điều 20.2: the record names the time, the content, the decision and the signatures of the hamlet
    head, the head of the MTTQ work committee and two household representatives."""
    errors = {}
    for name, label in RECORD_FIELDS.items():
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[name] = f"Biên bản phải có {label} (Điều 20.2)."
    first, second = values.get("representative_1"), values.get("representative_2")
    if isinstance(first, str) and isinstance(second, str) and first.strip() and first.strip() == second.strip():
        errors["representative_2"] = "Hai đại diện hộ gia đình ký biên bản phải là hai người khác nhau (Điều 20.2)."
    return errors


class DecisionStatus(models.TextChoices):
    RECORDED = "recorded", "Đã lập biên bản"
    SENT = "sent", "Đã gửi UBND, MTTQ xã"
    RECOGNISED = "recognised", "Đã công nhận"
    NOT_RECOGNISED = "not_recognised", "Không công nhận"


def due_after(day: datetime.date, calendar: WorkCalendar, days: int) -> datetime.date:
    return add_working_days(day, days, calendar)


# --- consultations (Điều 25–26) ------------------------------------------------------------------------


class Subject(models.TextChoices):
    """What the people are consulted on (Điều 25) [V]."""

    PLANS = "plans", "Kế hoạch phát triển kinh tế - xã hội"
    LAND_USE = "land_use", "Quy hoạch, kế hoạch sử dụng đất"
    POLICIES = "policies", "Chủ trương đầu tư, đất đai, môi trường, tái định cư"
    BOUNDARIES = "boundaries", "Điều chỉnh địa giới, đổi tên đơn vị hành chính, sáp nhập thôn, tổ dân phố"
    DECISIONS = "decisions", "Quyết định của UBND ảnh hưởng đến cộng đồng"
    CONSTRUCTION = "construction", "Quy hoạch xây dựng"
    CHARTER = "charter", "Quy chế thực hiện dân chủ"
    OBLIGATIONS = "obligations", "Quyết định làm phát sinh nghĩa vụ của công dân"
    OTHER = "other", "Nội dung khác"


class ConsultForm(models.TextChoices):
    """How the people are consulted (Điều 26) [V]."""

    DIALOGUE = "dialogue", "Hội nghị đối thoại"
    MEETING = "meeting", "Hội nghị cộng đồng dân cư"
    HOUSEHOLDS = "households", "Phát phiếu qua hộ gia đình"
    BOX = "box", "Hòm thư góp ý, đường dây nóng"
    MTTQ = "mttq", "Qua Mặt trận Tổ quốc"
    PORTAL = "portal", "Cổng, trang thông tin điện tử"
    NETWORK = "network", "Mạng xã hội"
    AFFECTED = "affected", "Đối thoại với người chịu tác động"


# --- Ban Thanh tra nhân dân (Điều 36–39) ------------------------------------------------------------

#: At least 05 members, elected from the hamlets (Điều 36) [V].
BOARD_MIN_MEMBERS = 5


class BoardRole(models.TextChoices):
    HEAD = "head", "Trưởng ban"
    DEPUTY = "deputy", "Phó Trưởng ban"
    MEMBER = "member", "Thành viên"


class PlanSpan(models.TextChoices):
    """The board plans quarterly, 6-monthly and yearly (Điều 37) [V DOMAIN §5.5 d]."""

    QUARTER = "quarter", "Quý"
    HALF = "half", "6 tháng"
    YEAR = "year", "Năm"


def board_errors(*, complete: bool, members: int, officials: Sequence[str]) -> dict[str, str]:
    """Điều 36: members are residents, not commune officials or non-specialised staff; a board is
    complete (kiện toàn) with at least 05."""
    errors: dict[str, str] = {}
    if complete and members < BOARD_MIN_MEMBERS:
        errors["complete"] = (
            f"Ban Thanh tra nhân dân có ít nhất {BOARD_MIN_MEMBERS} thành viên (Điều 36); hiện có {members}: "
            "chưa thể ghi là đã kiện toàn."
        )
    if officials:
        errors["is_official"] = (
            "Thành viên Ban Thanh tra nhân dân không được là cán bộ, công chức, người hoạt động không chuyên "
            f"trách cấp xã (Điều 36): {', '.join(officials)}."
        )
    return errors


class FindingStatus(models.TextChoices):
    OPEN = "open", "Đã kiến nghị, chờ trả lời"
    ANSWERED = "answered", "Đã được trả lời, xử lý"


# --- hương ước, quy ước (NĐ 61/2023/NĐ-CP) ------------------------------------------------------------


class ConventionKind(models.TextChoices):
    HUONG_UOC = "huong_uoc", "Hương ước"
    QUY_UOC = "quy_uoc", "Quy ước"


class ConventionStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ADOPTED = "adopted", "Cộng đồng đã thông qua"
    RECOGNISED = "recognised", "Đã được công nhận"
    REVIEW = "review", "Đang rà soát"
    AMENDED = "amended", "Đã sửa đổi, bổ sung"
    ANNULLED = "annulled", "Đã bãi bỏ"


CS = ConventionStatus
#: The moves of a hương ước's life (NĐ 61/2023/NĐ-CP: drafted, adopted by the community (Điều 15.3 of
#: the Law), recognised by UBND xã (Điều 21.2), reviewed periodically, amended or annulled) [M].
CONVENTION_MOVES: dict[str, frozenset[str]] = {
    CS.DRAFT: frozenset({CS.ADOPTED}),
    CS.ADOPTED: frozenset({CS.RECOGNISED}),
    CS.RECOGNISED: frozenset({CS.REVIEW, CS.ANNULLED}),
    CS.REVIEW: frozenset({CS.RECOGNISED, CS.AMENDED, CS.ANNULLED}),
    CS.AMENDED: frozenset({CS.RECOGNISED, CS.REVIEW}),
    CS.ANNULLED: frozenset(),
}


def convention_move_error(before: str, after: str) -> str | None:
    if before == after:
        return None
    if after not in CONVENTION_MOVES.get(before, frozenset()):
        return f"Không thể chuyển hương ước, quy ước từ “{CS(before).label}” sang “{CS(after).label}” (NĐ 61/2023)."
    return None
